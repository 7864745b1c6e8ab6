package playback

import (
	"sync"

	"kino/engine"
)

// Overlay is sound laid over a sequence's parts, such as a music or
// voice-over clip: it starts at sample frame Start of the sequence
// (negative when it began before the sequence does), is scaled by Gain
// and added to whatever the parts play there. Load returns 48 kHz sound,
// mono or stereo; a nil Load, or a failing one, adds silence. Sound past
// the sequence's end is cut. Length, when known (0: unknown), is the
// sound's length in sample frames: an overlay that ended before reading
// starts is then passed over without loading.
type Overlay struct {
	Start  int64
	Length int64
	Gain   float32
	Load   func() (engine.PCM, error)
}

// over reports whether the overlay is known to end by sample frame at.
func (o *Overlay) over(at int64) bool { return o.Length > 0 && o.Start+o.Length <= at }

// overlayLead is how far ahead of an overlay's start, in sample frames,
// its sound is loaded in the background (5 s).
const overlayLead = 5 * SampleRate

// overlayState is one overlay while a sequence plays it.
type overlayState struct {
	Overlay
	once  sync.Once
	ready chan struct{}
	pcm   engine.PCM
	err   error
	// done is set by the reader once the overlay is behind it (or failed);
	// its sound is then let go. Only the reading goroutine touches it.
	done bool
}

func newOverlayStates(overlays []Overlay) []*overlayState {
	out := make([]*overlayState, len(overlays))
	for i, o := range overlays {
		out[i] = &overlayState{Overlay: o, ready: make(chan struct{})}
	}
	return out
}

// load reads the overlay's sound once; later calls wait for the first.
func (o *overlayState) load() {
	o.once.Do(func() {
		if o.Load != nil {
			o.pcm, o.err = o.Load()
		}
		close(o.ready)
	})
}

// prefetch loads the overlay in the background.
func (o *overlayState) prefetch() {
	select {
	case <-o.ready:
		return
	default:
	}
	go o.load()
}

// failed returns the overlay's load error once it has loaded.
func (o *overlayState) failed() error {
	select {
	case <-o.ready:
		return o.err
	default:
		return nil
	}
}

// mix adds the overlay's sound for sample frames [from, from+n) to buf,
// interleaved stereo, loading it first if needed (which blocks).
func (o *overlayState) mix(buf []float32, from int64, n int) {
	if o.done {
		return
	}
	if o.over(from) {
		o.done = true // ended before this read: never loaded
		return
	}
	to := from + int64(n)
	if o.Start >= to {
		if o.Start-to < overlayLead {
			o.prefetch()
		}
		return
	}
	o.load()
	length := int64(o.pcm.Len())
	if o.err != nil || length == 0 || o.Start+length <= from {
		o.done, o.pcm = true, engine.PCM{}
		return
	}
	lo, hi := max(from, o.Start), min(to, o.Start+length)
	for t := lo; t < hi; t++ {
		l, r := frameAt(o.pcm, t-o.Start)
		k := 2 * (t - from)
		buf[k] += l * o.Gain
		buf[k+1] += r * o.Gain
	}
	if o.Start+length <= to {
		o.done, o.pcm = true, engine.PCM{}
	}
}
