package export

import (
	"sync"
	"time"
)

// tracker turns units of work done into Progress reports with an ETA. It
// reports at most every 50 ms, and always on a change of stage and at the
// end.
type tracker struct {
	mu    sync.Mutex
	fn    func(Progress)
	start time.Time
	total float64
	done  float64
	stage string
	last  time.Time
}

const reportEvery = 50 * time.Millisecond

func newTracker(fn func(Progress), total float64) *tracker {
	return &tracker{fn: fn, start: time.Now(), total: max(total, 1)}
}

// setStage names what is happening now and reports it.
func (t *tracker) setStage(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stage = s
	t.report(true)
}

// add counts n units done.
func (t *tracker) add(n float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done = min(t.done+n, t.total)
	t.report(t.done >= t.total)
}

// finish reports the whole export done.
func (t *tracker) finish() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done, t.stage = t.total, "done"
	t.report(true)
}

func (t *tracker) report(force bool) {
	if t.fn == nil {
		return
	}
	now := time.Now()
	if !force && now.Sub(t.last) < reportEvery {
		return
	}
	t.last = now
	f := t.done / t.total
	p := Progress{Stage: t.stage, Fraction: f, Elapsed: now.Sub(t.start)}
	if f >= 0.01 && f < 1 && p.Elapsed >= 200*time.Millisecond {
		p.ETA = time.Duration(float64(p.Elapsed) * (1 - f) / f).Round(time.Second)
	}
	t.fn(p)
}
