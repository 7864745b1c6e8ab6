package onnx

import (
	"fmt"
	"math"
	"testing"

	"kino/engine/schedule"
)

func TestBatchCalls(t *testing.T) {
	cases := []struct {
		n     int
		batch int64
		want  string
	}{
		{2, Dynamic, "[[0 1]]"},
		{1, Dynamic, "[[0]]"},
		{2, 1, "[[0] [1]]"},
		{2, 2, "[[0 1]]"},
		{1, 2, "[[0 0]]"},
		{5, 2, "[[0 1] [2 3] [4 4]]"},
		{0, 2, "[]"},
	}
	for _, c := range cases {
		if got := fmt.Sprint(batchCalls(c.n, c.batch)); got != c.want {
			t.Errorf("batchCalls(%d, %d) = %s, want %s", c.n, c.batch, got, c.want)
		}
	}
	if got := fmt.Sprint(decodeCalls(10, Dynamic, 4)); got != "[[0 1 2 3] [4 5 6 7] [8 9]]" {
		t.Errorf("decodeCalls(10, dynamic, 4) = %s", got)
	}
	if got := fmt.Sprint(decodeCalls(3, 2, 4)); got != "[[0 1] [2 2]]" {
		t.Errorf("decodeCalls(3, 2, 4) = %s", got)
	}
}

func TestContextWindows(t *testing.T) {
	cases := []struct {
		frames, ctx, overlap int
		fixed                bool
		want                 string
	}{
		{5, 16, 4, false, "[{0 5 5}]"},
		{5, 16, 4, true, "[{0 5 16}]"},
		{16, 16, 4, true, "[{0 16 16}]"},
		{20, 16, 4, false, "[{0 16 16} {4 16 16}]"},
		{33, 16, 4, true, "[{0 16 16} {12 16 16} {17 16 16}]"},
		{40, 16, 4, false, "[{0 16 16} {12 16 16} {24 16 16}]"},
	}
	for _, c := range cases {
		ws, err := contextWindows(c.frames, c.ctx, c.overlap, c.fixed)
		if err != nil || fmt.Sprint(ws) != c.want {
			t.Errorf("contextWindows(%d, %d, %d, %v) = %v, %v; want %s", c.frames, c.ctx, c.overlap, c.fixed, ws, err, c.want)
		}
		// Every frame is covered, consecutive windows overlap by at least
		// the overlap, and no window runs past the end.
		covered := make([]int, c.frames)
		for i, w := range ws {
			if w.start < 0 || w.start+w.n > c.frames {
				t.Errorf("window %v runs outside %d frames", w, c.frames)
			}
			for f := w.start; f < w.start+w.n; f++ {
				covered[f]++
			}
			if i > 0 {
				prev := ws[i-1]
				if prev.start+prev.n-w.start < c.overlap {
					t.Errorf("windows %v and %v overlap by less than %d", prev, w, c.overlap)
				}
			}
		}
		for f, n := range covered {
			if n == 0 {
				t.Errorf("%d frames: frame %d is in no window", c.frames, f)
			}
		}
	}
	if _, err := contextWindows(20, 16, 16, false); err == nil {
		t.Error("an overlap as long as the context was accepted")
	}
	if _, err := contextWindows(0, 16, 4, false); err == nil {
		t.Error("zero frames were accepted")
	}
}

func TestWindowWeight(t *testing.T) {
	n := 16
	for j := 0; j < n; j++ {
		w := windowWeight(j, n)
		if w < 1 || w != windowWeight(n-1-j, n) {
			t.Errorf("weight(%d, %d) = %g: want >= 1 and symmetric", j, n, w)
		}
		if j > 0 && j < n/2 && w <= windowWeight(j-1, n) {
			t.Errorf("weights do not rise towards the middle at %d", j)
		}
	}
}

func TestGuide(t *testing.T) {
	u := []float32{1, -2, 0.5}
	c := []float32{3, -2, -0.5}
	dst := make([]float32, 3)
	guide(dst, u, c, 7.5)
	want := []float32{1 + 7.5*2, -2, 0.5 + 7.5*-1}
	for i := range want {
		if dst[i] != want[i] {
			t.Errorf("guide[%d] = %g, want %g", i, dst[i], want[i])
		}
	}
	guide(u, u, c, 1) // aliasing, guidance 1 gives cond
	for i := range c {
		if u[i] != c[i] {
			t.Errorf("guidance 1: %g, want cond %g", u[i], c[i])
		}
	}
}

func TestStartStep(t *testing.T) {
	cases := []struct {
		steps    int
		strength float64
		want     int
	}{{20, 1, 0}, {20, 0.5, 10}, {20, 0.75, 5}, {25, 0.3, 18}, {10, 0.01, 10}, {4, 0.99, 1}}
	for _, c := range cases {
		if got := startStep(c.steps, c.strength); got != c.want {
			t.Errorf("startStep(%d, %g) = %d, want %d", c.steps, c.strength, got, c.want)
		}
	}
}

func TestNoiseTo(t *testing.T) {
	cfg := schedule.DefaultConfig()
	z := []float32{1, -1, 0.5}
	n := []float32{0.2, 0.3, -1}
	dst := make([]float32, 3)
	for _, kind := range []schedule.Kind{schedule.Euler, schedule.DDIM, schedule.LCM, schedule.FlowEuler} {
		s, err := schedule.New(kind, cfg, 10)
		if err != nil {
			t.Fatal(err)
		}
		noiseTo(dst, z, n, s, cfg, 4)
		var a, b float64
		switch kind {
		case schedule.Euler: // variance exploding: x = z + sigma*n
			a, b = 1, s.Sigmas()[4]
		case schedule.FlowEuler: // x = (1-sigma) z + sigma n
			a, b = 1-s.Sigmas()[4], s.Sigmas()[4]
		default: // x = sqrt(acp) z + sqrt(1-acp) n
			acp := schedule.AlphasCumprod(cfg)[int(s.Timesteps()[4])]
			a, b = math.Sqrt(acp), math.Sqrt(1-acp)
		}
		for i := range z {
			want := a*float64(z[i]) + b*float64(n[i])
			if math.Abs(float64(dst[i])-want) > 1e-5*(1+math.Abs(want)) {
				t.Errorf("%s: noiseTo[%d] = %g, want %g", kind, i, dst[i], want)
			}
		}
	}
}
