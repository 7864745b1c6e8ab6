package playback

import (
	"io"
	"sync"
	"time"
)

// WallClock is the Output used when no audio device can be opened: nothing
// is heard, and the position advances with real time at Speed times the
// normal rate. It also drives shuttle playback at other speeds.
type WallClock struct {
	// Now is the time source (time.Now when nil).
	Now func() time.Time
	// Speed multiplies the rate time passes (1 when zero).
	Speed float64
	// Reason says why there is no sound, for the notice.
	Reason string
}

var _ Output = (*WallClock)(nil)

// Start starts counting; src is never read.
func (w *WallClock) Start(io.Reader) (Stream, error) {
	now := w.Now
	if now == nil {
		now = time.Now
	}
	speed := w.Speed
	if speed == 0 {
		speed = 1
	}
	if speed < 0 {
		speed = -speed
	}
	return &wallStream{now: now, start: now(), speed: speed}, nil
}

// Name describes the clock.
func (w *WallClock) Name() string {
	if w.Reason != "" {
		return "no sound (" + w.Reason + ")"
	}
	return "no sound"
}

// Silent is always true.
func (w *WallClock) Silent() bool { return true }

type wallStream struct {
	mu     sync.Mutex
	now    func() time.Time
	start  time.Time
	speed  float64
	closed bool
	final  int64
}

func (s *wallStream) Played() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return s.final
	}
	d := s.now().Sub(s.start)
	if d < 0 {
		return 0
	}
	return int64(d.Seconds() * SampleRate * s.speed)
}

func (s *wallStream) SetVolume(float64) {}
func (s *wallStream) Err() error        { return nil }

func (s *wallStream) Close() error {
	p := s.Played()
	s.mu.Lock()
	s.closed, s.final = true, p
	s.mu.Unlock()
	return nil
}
