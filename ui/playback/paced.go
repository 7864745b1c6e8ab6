package playback

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Paced is an Output with no sound card behind it that still takes sound
// the way one does: it fills a buffer of Buffer periods at once, then
// every Period of wall-clock time reads exactly one period of bytes from
// the source, never ahead of time. Its position, like a real device's,
// is what it has read minus what it still buffers. It counts the periods
// a real device would have starved on (see PacedStats), which makes it
// the stand-in sound card for playback tests and benchmarks on machines
// without audio.
type Paced struct {
	// Period is how much sound the device takes at a time (10 ms when
	// zero).
	Period time.Duration
	// Buffer is how many periods the device holds before they are heard
	// (2 when zero).
	Buffer int

	mu      sync.Mutex
	stats   PacedStats
	current *pacedStream
}

var _ Output = (*Paced)(nil)

// PacedStats is what a Paced device saw over all its streams.
type PacedStats struct {
	// Streams is how many streams were started.
	Streams int
	// Periods is how many periods were read from sources.
	Periods int64
	// Underruns counts the periods a real device would have starved
	// on: Short + Slow + Failed.
	Underruns int64
	// Short counts periods the source filled only partly before its end.
	Short int64
	// Slow counts periods whose read took longer than the period.
	Slow int64
	// Failed counts reads that returned an error other than io.EOF.
	Failed int64
	// Late counts the times the device itself woke later than its
	// buffer lasts (a loaded machine, not a slow source); it then
	// restarts its schedule from that moment.
	Late int64
	// MaxRead is the longest one period's read took while playing.
	MaxRead time.Duration
	// Err is the first read error.
	Err error
}

func (p *Paced) period() time.Duration {
	if p.Period <= 0 {
		return 10 * time.Millisecond
	}
	return p.Period
}

func (p *Paced) buffer() int64 {
	if p.Buffer <= 0 {
		return 2
	}
	return int64(p.Buffer)
}

// periodFrames is how many sample frames one period holds (at least 1).
func (p *Paced) periodFrames() int64 {
	return max(int64(p.period())*SampleRate/int64(time.Second), 1)
}

// Start starts taking src (a nil src is endless silence) and returns the
// playing stream.
func (p *Paced) Start(src io.Reader) (Stream, error) {
	s := &pacedStream{
		dev: p, src: src, period: p.period(), frames: p.periodFrames(), buffer: p.buffer(),
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	p.mu.Lock()
	p.stats.Streams++
	p.current = s
	p.mu.Unlock()
	go s.run()
	return s, nil
}

// Name describes the device.
func (p *Paced) Name() string { return "simulated sound card" }

// Silent is true: the sound is taken but nobody hears it.
func (p *Paced) Silent() bool { return true }

// Stats returns the counts so far.
func (p *Paced) Stats() PacedStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Played returns the position of the stream started last (0 before any).
func (p *Paced) Played() int64 {
	p.mu.Lock()
	s := p.current
	p.mu.Unlock()
	if s == nil {
		return 0
	}
	return s.Played()
}

// record adds one period's outcome to the device's counts.
func (p *Paced) record(short, slow bool, took time.Duration, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := &p.stats
	st.Periods++
	st.MaxRead = max(st.MaxRead, took)
	if short {
		st.Short++
	}
	if slow {
		st.Slow++
	}
	if err != nil {
		st.Failed++
		if st.Err == nil {
			st.Err = err
		}
	}
	if short || slow || err != nil {
		st.Underruns++
	}
}

func (p *Paced) late() {
	p.mu.Lock()
	p.stats.Late++
	p.mu.Unlock()
}

// pacedStream is one stream of a Paced device.
type pacedStream struct {
	dev    *Paced
	src    io.Reader
	period time.Duration
	frames int64 // sample frames per period
	buffer int64 // periods held

	played atomic.Int64 // sample frames heard
	err    atomic.Pointer[error]

	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

func (s *pacedStream) Played() int64 { return s.played.Load() }

// SetVolume does nothing: nothing is heard.
func (s *pacedStream) SetVolume(float64) {}

func (s *pacedStream) Err() error {
	if e := s.err.Load(); e != nil {
		return *e
	}
	return nil
}

// Close stops the device, waiting for a read in progress to finish; the
// position stays where it was.
func (s *pacedStream) Close() error {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.done
	return nil
}

// run is the device: it primes its buffer, then each period of wall-clock
// time plays one period and takes the next. After the source's end (or
// failure) it plays out its buffer and stops.
func (s *pacedStream) run() {
	defer close(s.done)
	buf := make([]byte, s.frames*BytesPerFrame)
	var read, buffered int64 // sample frames taken; taken but not yet heard
	ended := false
	for k := int64(0); k < s.buffer && !ended; k++ {
		var n int64
		n, ended = s.take(buf, false)
		read += n
	}
	buffered = read
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	next := time.Now()
	for {
		next = next.Add(s.period)
		if wait := time.Until(next); wait > 0 {
			timer.Reset(wait)
			select {
			case <-s.stop:
				return
			case <-timer.C:
			}
		} else {
			select {
			case <-s.stop:
				return
			default:
			}
			if -wait > time.Duration(s.buffer)*s.period {
				// The buffer ran dry before the device got to run.
				s.dev.late()
				next = time.Now()
			}
		}
		buffered = max(buffered-s.frames, 0) // one period heard
		s.played.Store(read - buffered)
		if ended {
			if buffered == 0 {
				return
			}
			continue
		}
		n, end := s.take(buf, true)
		read, buffered, ended = read+n, buffered+n, end
	}
}

// take reads one period from the source into buf as a sound card's driver
// does: until the period is full, the source ends or fails, or it has
// nothing to give right now. It returns the whole sample frames read and
// whether the source has ended (or failed). timed says the device is
// playing, so a read slower than a period counts as an underrun.
func (s *pacedStream) take(buf []byte, timed bool) (int64, bool) {
	if s.src == nil {
		s.dev.record(false, false, 0, nil)
		return s.frames, false
	}
	start := time.Now()
	n := 0
	var err error
	for n < len(buf) && err == nil {
		var k int
		k, err = s.src.Read(buf[n:])
		n += k
		if k == 0 && err == nil {
			break // the source has nothing now: the device plays silence
		}
	}
	took := time.Since(start)
	ended := err != nil
	if errors.Is(err, io.EOF) {
		err = nil
	} else if err != nil {
		err = fmt.Errorf("reading the sound: %w", err)
		s.err.Store(&err)
	}
	short := n < len(buf) && !ended
	if !timed {
		took = 0 // priming: nothing plays yet, so nothing can starve
	}
	s.dev.record(short, took > s.period, took, err)
	return int64(n / BytesPerFrame), ended
}
