package playback

import (
	"errors"
	"io"
	"sync"
	"testing"
	"time"
)

// scriptedSource is an endless or limited source of sound that records
// each read and can misbehave on chosen calls.
type scriptedSource struct {
	mu     sync.Mutex
	left   int // bytes before io.EOF; <0 is endless
	calls  int
	asked  []int
	played []int64 // the stream's position at each call
	given  []int64 // sample frames handed out before each call
	total  int64
	stream func() int64
	// on, when set, may replace call n (from 1): ok false falls through.
	on func(n int, p []byte) (k int, err error, ok bool)
}

func (s *scriptedSource) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.asked = append(s.asked, len(p))
	s.given = append(s.given, s.total/BytesPerFrame)
	if s.stream != nil {
		s.played = append(s.played, s.stream())
	}
	if s.on != nil {
		if k, err, ok := s.on(s.calls, p); ok {
			s.total += int64(k)
			return k, err
		}
	}
	if s.left == 0 {
		return 0, io.EOF
	}
	n := len(p)
	if s.left > 0 {
		n = min(n, s.left)
		s.left -= n
	}
	for i := range p[:n] {
		p[i] = byte(i)
	}
	s.total += int64(n)
	return n, nil
}

func (s *scriptedSource) callCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// waitUntil polls cond; the limit only keeps a broken device from hanging
// the test.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestPacedTakesWholePeriodsBehindItsBuffer(t *testing.T) {
	const period = 2 * time.Millisecond
	dev := &Paced{Period: period, Buffer: 2}
	frames := dev.periodFrames() // 96
	if frames != 96 {
		t.Fatalf("a 2 ms period holds %d sample frames, want 96", frames)
	}
	const periods = 20
	src := &scriptedSource{left: periods * int(frames) * BytesPerFrame, stream: dev.Played}
	start := time.Now()
	st, err := dev.Start(src)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitUntil(t, "the whole sound to be played", func() bool { return st.Played() == periods*frames })
	// Each period is played out in real time: the device never runs ahead.
	if took := time.Since(start); took < periods*period {
		t.Fatalf("%d periods of %v played in %v: the device ran ahead of the clock", periods, period, took)
	}
	st.Close()

	src.mu.Lock()
	defer src.mu.Unlock()
	if src.calls != periods+1 {
		t.Fatalf("%d reads, want %d periods and one that finds the end", src.calls, periods)
	}
	for i, n := range src.asked {
		if n != int(frames)*BytesPerFrame {
			t.Fatalf("read %d asked for %d bytes, want one period (%d)", i+1, n, frames*BytesPerFrame)
		}
	}
	// After priming, each read refills the buffer after one of its two
	// periods has been heard: the position is what was taken before the
	// read minus one period, and minus two once the read is in.
	for i := 2; i < len(src.played); i++ {
		if want := src.given[i] - frames; src.played[i] != want {
			t.Fatalf("at read %d the position is %d, want %d (taken %d minus one period)", i+1, src.played[i], want, src.given[i])
		}
	}
	if s := dev.Stats(); s.Streams != 1 || s.Short != 0 || s.Failed != 0 || s.Err != nil || st.Err() != nil {
		t.Fatalf("stats %+v, stream error %v: a well-behaved source was counted as failing", s, st.Err())
	}
}

func TestPacedCountsUnderruns(t *testing.T) {
	const period = 2 * time.Millisecond
	dev := &Paced{Period: period}
	src := &scriptedSource{left: 12 * int(dev.periodFrames()) * BytesPerFrame}
	src.on = func(n int, p []byte) (int, error, bool) {
		switch n {
		case 4: // starved: nothing to give
			return 0, nil, true
		case 7: // slow: the device would have run dry meanwhile
			time.Sleep(5 * period)
		}
		return 0, nil, false
	}
	st, err := dev.Start(src)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitUntil(t, "the source to end", func() bool { return src.callCount() > 13 })
	s := dev.Stats()
	if s.Short != 1 {
		t.Fatalf("%d short periods, want 1 (stats %+v)", s.Short, s)
	}
	if s.Slow < 1 || s.MaxRead < 5*period {
		t.Fatalf("the read that took 5 periods was not counted as slow (stats %+v)", s)
	}
	if s.Underruns != s.Short+s.Slow+s.Failed || s.Failed != 0 {
		t.Fatalf("underruns %d are not short %d + slow %d + failed %d", s.Underruns, s.Short, s.Slow, s.Failed)
	}
}

func TestPacedReportsReadErrors(t *testing.T) {
	dev := &Paced{Period: time.Millisecond}
	frames := dev.periodFrames()
	gone := errors.New("disk gone")
	src := &scriptedSource{left: -1, on: func(n int, p []byte) (int, error, bool) {
		if n == 3 {
			return 0, gone, true
		}
		return 0, nil, false
	}}
	st, err := dev.Start(src)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitUntil(t, "the buffer to play out", func() bool { return st.Played() == 2*frames })
	st.Close()
	if !errors.Is(st.Err(), gone) {
		t.Fatalf("stream error %v, want the source's", st.Err())
	}
	s := dev.Stats()
	if s.Failed != 1 || s.Underruns < 1 || !errors.Is(s.Err, gone) {
		t.Fatalf("stats %+v: the failing read was not counted", s)
	}
	if n := src.callCount(); n != 3 {
		t.Fatalf("%d reads: the device kept reading a failed source", n)
	}
}

func TestPacedCloseStopsTheDevice(t *testing.T) {
	dev := &Paced{Period: time.Millisecond}
	src := &scriptedSource{left: -1}
	st, err := dev.Start(src)
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the sound to start", func() bool { return dev.Played() > 0 })
	st.Close()
	calls, at := src.callCount(), st.Played()
	time.Sleep(10 * time.Millisecond)
	if src.callCount() != calls || st.Played() != at {
		t.Fatalf("after Close the device read %d more times and moved from %d to %d", src.callCount()-calls, at, st.Played())
	}
	if err := st.Close(); err != nil {
		t.Fatalf("closing twice: %v", err)
	}

	// A new stream takes over the device's position; nil is silence.
	silent, err := dev.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	waitUntil(t, "silence to play", func() bool { return silent.Played() > 0 && dev.Played() == silent.Played() })
	if s := dev.Stats(); s.Streams != 2 || s.Underruns != s.Slow {
		t.Fatalf("stats %+v after an endless source and silence", s)
	}
}
