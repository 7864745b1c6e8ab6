package app

import "testing"

// Windows share one set of engines, kept until the last window lets go;
// the next window gets a fresh set.
func TestBackendsAreSharedUntilTheLastWindowCloses(t *testing.T) {
	a := acquireBackends()
	b := acquireBackends()
	if len(a) == 0 || a["onnx"] != b["onnx"] || a["previz"] != b["previz"] {
		t.Fatal("two windows got different engines")
	}
	releaseBackends()
	if c := acquireBackends(); c["onnx"] != a["onnx"] {
		t.Fatal("the engines were released while a window still used them")
	}
	releaseBackends()
	releaseBackends()
	c := acquireBackends()
	defer releaseBackends()
	if c["onnx"] == a["onnx"] {
		t.Fatal("the engines of closed windows were handed out again after being closed")
	}
}
