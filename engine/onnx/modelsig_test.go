package onnx

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ort "github.com/yalue/onnxruntime_go"
)

// TestGraphSignaturesMatchONNXRuntime: the signature read from the file
// (names, element types, dimensions) is what ONNX Runtime reports, for
// every model in the test packs, the real exports and the bad models.
func TestGraphSignaturesMatchONNXRuntime(t *testing.T) {
	requireRuntime(t)
	n := 0
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".onnx") {
			return err
		}
		wantIn, wantOut, err := modelIO(path)
		if err != nil {
			return nil // a model ONNX Runtime refuses (none should be here but the broken ones)
		}
		sig, err := readGraphSig(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		in, out := sig.ortInfo()
		for _, c := range []struct {
			what      string
			got, want []ortIO
		}{{"inputs", ios(in), ios(wantIn)}, {"outputs", ios(out), ios(wantOut)}} {
			if !slices.Equal(c.got, c.want) {
				t.Errorf("%s: %s\n got  %v\n want %v", path, c.what, c.got, c.want)
			}
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("compared only %d models", n)
	}
}

type ortIO string

func ios(list []ort.InputOutputInfo) []ortIO {
	out := make([]ortIO, len(list))
	for i, x := range list {
		out[i] = ortIO(fmt.Sprintf("%s %s %v %v", x.Name, typeName(x.DataType), x.Dimensions, x.OrtValueType))
	}
	return out
}
