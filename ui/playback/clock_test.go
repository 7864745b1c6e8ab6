package playback

import (
	"testing"

	"kino/project"
)

func TestClockFrameIsFloorOfAudioPosition(t *testing.T) {
	c := NewClock(project.Rate{Num: 24, Den: 1}, 48000, 0, false)
	// One frame at 24 fps lasts 2000 samples at 48 kHz.
	cases := []struct{ played, want int64 }{
		{0, 0}, {1, 0}, {1999, 0}, {2000, 1}, {3999, 1}, {4000, 2},
		{48000, 24}, {48000*60 - 1, 24*60 - 1}, {-5, 0},
	}
	for _, tc := range cases {
		if got := c.FrameAt(tc.played); got != tc.want {
			t.Errorf("FrameAt(%d) = %d, want %d", tc.played, got, tc.want)
		}
	}
}

func TestClockNTSCRateHasNoDrift(t *testing.T) {
	r := project.Rate{Num: 30000, Den: 1001}
	c := NewClock(r, 48000, 0, false)
	// After exactly 1001 seconds of sound, exactly 30000 frames were due.
	if got := c.FrameAt(1001 * 48000); got != 30000 {
		t.Fatalf("after 1001 s: frame %d, want 30000", got)
	}
	if got := c.FrameAt(1001*48000 - 1); got != 29999 {
		t.Fatalf("one sample before 1001 s: frame %d, want 29999", got)
	}
	// SamplesFor is the inverse: the first sample of each frame maps back to it.
	for _, f := range []int64{0, 1, 2, 29, 30, 1234, 29999} {
		s := SamplesFor(f, r, 48000)
		if got := c.FrameAt(s); got != f {
			t.Errorf("FrameAt(SamplesFor(%d)=%d) = %d", f, s, got)
		}
		if s > 0 && c.FrameAt(s-1) != f-1 {
			t.Errorf("sample before frame %d start maps to %d, want %d", f, c.FrameAt(s-1), f-1)
		}
	}
}

func TestClockSkipsLateFramesInsteadOfDrifting(t *testing.T) {
	c := NewClock(project.Rate{Num: 24, Den: 1}, 48000, 100, false)
	f, changed, skipped := c.Next(0)
	if f != 100 || !changed || skipped != 0 {
		t.Fatalf("first Next = %d %v %d, want 100 true 0", f, changed, skipped)
	}
	if _, changed, _ := c.Next(1500); changed {
		t.Fatal("same frame reported as a change")
	}
	// The drawer was slow: three frame periods passed. The clock jumps to
	// the frame the sound is at and counts the two it never showed.
	f, changed, skipped = c.Next(3 * 2000)
	if f != 103 || !changed || skipped != 2 {
		t.Fatalf("late Next = %d %v %d, want 103 true 2", f, changed, skipped)
	}
	f, _, skipped = c.Next(4 * 2000)
	if f != 104 || skipped != 0 {
		t.Fatalf("on-time Next = %d skipped %d, want 104 0", f, skipped)
	}
	if c.Dropped() != 2 || c.Shown() != 3 {
		t.Fatalf("dropped %d shown %d, want 2 and 3", c.Dropped(), c.Shown())
	}
	// Over a long run the frame is still exactly where the sound is.
	if got := c.FrameAt(48000 * 600); got != 100+24*600 {
		t.Fatalf("after 10 minutes frame %d, want %d", got, 100+24*600)
	}
}

func TestClockReverse(t *testing.T) {
	c := NewClock(project.Rate{Num: 25, Den: 1}, 48000, 50, true)
	if got := c.FrameAt(48000); got != 25 {
		t.Fatalf("one second backwards from 50: %d, want 25", got)
	}
	c.Next(0)
	_, _, skipped := c.Next(48000 / 25 * 4)
	if skipped != 3 {
		t.Fatalf("reverse skip counted %d, want 3", skipped)
	}
}
