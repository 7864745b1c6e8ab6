package app

import (
	"sync"
	"testing"
)

// A loop that has shut down runs posted work at once on the poster's
// goroutine; that work must be dropped, since it would touch a window
// whose toolkit is gone.
func TestLoopPostDropsWorkRunOffTheLoop(t *testing.T) {
	post := loopPost(func(f func()) { f() }) // runs on the poster's goroutine
	ran := false
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		post(func() { ran = true })
	}()
	wg.Wait()
	if ran {
		t.Fatal("work run at once off the loop's goroutine (loop shut down) was not dropped")
	}
}

// Work the loop runs, however late its poster gets to run again, runs
// exactly once.
func TestLoopPostRunsWorkOnTheLoop(t *testing.T) {
	var queue []func()
	var mu sync.Mutex
	post := loopPost(func(f func()) { mu.Lock(); queue = append(queue, f); mu.Unlock() })
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() { defer wg.Done(); post(func() {}) }()
	}
	n := 0
	post(func() { n++ })
	wg.Wait()
	for _, f := range queue {
		f() // the loop: the goroutine that made post
	}
	if n != 1 || len(queue) != 4 {
		t.Fatalf("ran %d of 1 posts (%d queued)", n, len(queue))
	}
}

func TestGoroutineIDTellsGoroutinesApart(t *testing.T) {
	here := goroutineID()
	other := make(chan uint64)
	go func() { other <- goroutineID() }()
	if o := <-other; here == 0 || o == 0 || o == here || goroutineID() != here {
		t.Fatalf("goroutine ids: here %d, other %d", here, o)
	}
}

func BenchmarkGoroutineID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		goroutineID()
	}
}
