package foley

import (
	"context"
	"slices"
)

// block is how many sample frames the soundtrack is made in at a time
// (about 85 ms of sound, well under a millisecond of work), a multiple of
// ctrl. Making the sound checks its context between blocks.
const block = 4096

// layer is one sound layer of a stem, made block by block: add adds the
// layer's frames [at, at+len(out)/2) into the interleaved stereo out. A
// layer is read once, from the start: each block begins where the last
// ended, at a multiple of ctrl (continuous layers change their parameters
// on that grid), so a layer made in blocks gives the samples it would
// give made whole.
type layer interface {
	add(out []float32, at int)
}

// source makes a sound layer for a clip of n frames. It draws what it
// schedules from its own rng stream, so a source is called once: a layer
// made again needs the source made again.
type source func(n int) layer

// layerFunc is a layer that is a function.
type layerFunc func(out []float32, at int)

func (f layerFunc) add(out []float32, at int) { f(out, at) }

// layers plays several layers into one stem, in order.
type layers []layer

func (ls layers) add(out []float32, at int) {
	for _, l := range ls {
		l.add(out, at)
	}
}

// makeLayers makes the layers of srcs for a clip of n frames.
func makeLayers(srcs []source, n int) layers {
	ls := make(layers, 0, len(srcs))
	for _, s := range srcs {
		ls = append(ls, s(n))
	}
	return ls
}

// renderSources makes every source into out (interleaved stereo, the
// whole clip), in blocks, checking ctx between them.
func renderSources(ctx context.Context, out []float32, srcs []source) error {
	n := len(out) / 2
	ls := makeLayers(srcs, n)
	for at := 0; at < n; at += block {
		if err := ctx.Err(); err != nil {
			return err
		}
		ls.add(out[2*at:2*min(at+block, n)], at)
	}
	return nil
}

// cue is a one-shot sound scheduled in a clip (a tone, a noise burst, a
// note), and the same sound while it plays.
type cue interface {
	// span returns the clip frames [from, to) the sound covers whole.
	span() (from, to int)
	// begin readies it to play in a clip of n frames, and reports false
	// when it makes no sound there.
	begin(n int) bool
	// play adds the sound's frames up to clip frame hi (exclusive) into
	// out, which holds clip frames from at on, carrying on where the last
	// call stopped, and reports whether the sound has ended.
	play(out []float32, at, hi int) bool
}

// cues is a layer of one-shot sounds, played in the order they were
// scheduled: every frame gets each sound's share in that order, as it
// would if each sound were added to the whole clip in turn. Only the
// sounds playing in a block are being worked on.
type cues struct {
	n      int
	all    []cue
	order  []int32 // indices into all, by the frame each starts at
	next   int     // next in order to start
	active []int32 // playing, in schedule order
}

// newCues returns the layer of cs in a clip of n frames.
func newCues(n int, cs []cue) *cues {
	c := &cues{n: n, all: cs, order: make([]int32, 0, len(cs))}
	for i, x := range cs {
		from, to := x.span()
		if from < n && to > 0 && to > from {
			c.order = append(c.order, int32(i))
		}
	}
	slices.SortStableFunc(c.order, func(a, b int32) int {
		fa, _ := cs[a].span()
		fb, _ := cs[b].span()
		return max(fa, 0) - max(fb, 0)
	})
	return c
}

func (c *cues) add(out []float32, at int) {
	hi := at + len(out)/2
	started := false
	for c.next < len(c.order) {
		i := c.order[c.next]
		if from, _ := c.all[i].span(); max(from, 0) >= hi {
			break
		}
		c.next++
		if c.all[i].begin(c.n) {
			c.active = append(c.active, i)
			started = true
		}
	}
	if started {
		slices.Sort(c.active)
	}
	keep := c.active[:0]
	for _, i := range c.active {
		if !c.all[i].play(out, at, hi) {
			keep = append(keep, i)
		} else {
			c.all[i] = nil // let its state go
		}
	}
	c.active = keep
}

// tones returns ts as cues.
func tones(ts []tone) []cue {
	cs := make([]cue, len(ts))
	for i := range ts {
		cs[i] = &ts[i]
	}
	return cs
}

// bursts returns bs as cues.
func bursts(bs []burst) []cue {
	cs := make([]cue, len(bs))
	for i := range bs {
		cs[i] = &bs[i]
	}
	return cs
}
