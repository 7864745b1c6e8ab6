package playback

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ebitengine/oto/v3"
)

// Oto plays sound through the system's audio device with oto. Only one
// oto context can exist in a process, so OpenOto hands out the same Output
// every time.
type Oto struct {
	ctx *oto.Context

	mu      sync.Mutex
	playing int // streams started and not closed
}

var _ Output = (*Oto)(nil)

var (
	otoOnce sync.Once
	otoOut  *Oto
	otoErr  error
)

// OpenOto opens the audio device. It can block while the device starts,
// so call it off the UI goroutine. A machine without a usable device gets
// an error; the caller falls back to a WallClock.
func OpenOto() (*Oto, error) {
	otoOnce.Do(func() {
		quietALSA()
		ctx, ready, err := oto.NewContext(&oto.NewContextOptions{
			SampleRate:   SampleRate,
			ChannelCount: Channels,
			Format:       oto.FormatFloat32LE,
			BufferSize:   40 * time.Millisecond,
		})
		if err != nil {
			otoErr = fmt.Errorf("opening the audio device: %w", err)
			return
		}
		<-ready
		if err := ctx.Err(); err != nil {
			otoErr = fmt.Errorf("starting the audio device: %w", err)
			return
		}
		// Nothing plays yet: keep the device idle until a stream starts.
		if err := ctx.Suspend(); err != nil {
			otoErr = fmt.Errorf("pausing the audio device: %w", err)
			return
		}
		otoOut = &Oto{ctx: ctx}
	})
	return otoOut, otoErr
}

// Start plays src, waking the device if nothing else plays.
func (o *Oto) Start(src io.Reader) (Stream, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.playing == 0 {
		if err := o.ctx.Resume(); err != nil {
			return nil, fmt.Errorf("resuming the audio device: %w", err)
		}
	}
	o.playing++
	s := &otoStream{src: src, out: o}
	s.player = o.ctx.NewPlayer(s)
	s.player.Play()
	return s, nil
}

// stopped is called when a stream closes; the device rests when the last
// one has, rather than playing silence.
func (o *Oto) stopped() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.playing--
	if o.playing == 0 {
		o.ctx.Suspend()
	}
}

// Name describes the device.
func (o *Oto) Name() string { return "audio device" }

// Silent is false: the sound is heard.
func (o *Oto) Silent() bool { return false }

// otoStream counts the bytes oto has pulled from the source; what was
// pulled minus what oto still buffers is what has been heard.
type otoStream struct {
	src    io.Reader
	out    *Oto
	player *oto.Player
	read   atomic.Int64
	closed atomic.Bool
	final  atomic.Int64
}

func (s *otoStream) Read(p []byte) (int, error) {
	if s.closed.Load() {
		return 0, io.EOF
	}
	n, err := s.src.Read(p)
	s.read.Add(int64(n))
	return n, err
}

func (s *otoStream) Played() int64 {
	if s.closed.Load() {
		return s.final.Load()
	}
	heard := s.read.Load() - int64(s.player.BufferedSize())
	if heard < 0 {
		heard = 0
	}
	return heard / BytesPerFrame
}

func (s *otoStream) SetVolume(v float64) { s.player.SetVolume(min(max(v, 0), 1)) }
func (s *otoStream) Err() error          { return s.player.Err() }

func (s *otoStream) Close() error {
	s.final.Store(s.Played())
	if !s.closed.CompareAndSwap(false, true) {
		return nil
	}
	s.player.Pause()
	s.out.stopped()
	return nil
}
