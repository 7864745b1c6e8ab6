package app

import (
	"sync"
	"testing"
)

// A loop that has shut down runs posted work at once on the caller's
// goroutine; that work must be dropped, since it would touch a window
// whose toolkit is gone.
func TestLoopPostDropsWorkRunAtOnce(t *testing.T) {
	ran := false
	post := loopPost(func(f func()) { f() })
	post(func() { ran = true })
	if ran {
		t.Fatal("work run inside the post call (loop shut down) was not dropped")
	}
}

// Work a running loop picks up, before or after the post call returns,
// runs exactly once.
func TestLoopPostRunsQueuedWork(t *testing.T) {
	var queue []func()
	var mu sync.Mutex
	post := loopPost(func(f func()) { mu.Lock(); queue = append(queue, f); mu.Unlock() })
	n := 0
	for range 3 {
		post(func() { n++ })
	}
	for _, f := range queue {
		f()
	}
	if n != 3 {
		t.Fatalf("ran %d of 3 queued posts", n)
	}

	// The loop starts the work on its own goroutine before post returns.
	started := make(chan struct{})
	done := make(chan struct{})
	release := make(chan struct{})
	ranEarly := false
	post = loopPost(func(f func()) {
		go func() { close(started); f(); close(done) }()
		<-started
		<-release
	})
	go func() { close(release) }()
	post(func() { ranEarly = true })
	<-done
	if !ranEarly {
		t.Fatal("work the loop started just before post returned was dropped")
	}
}
