package onnx

import (
	"fmt"
	"strings"

	ort "github.com/yalue/onnxruntime_go"
)

// denoiser evaluates the UNet for one step over every frame, with
// classifier-free guidance: it reads the latent x (frame-major,
// [frame][4][h][w]), writes the sampler's scaled model input straight into
// the UNet's input tensor, and writes the guided model output to out.
type denoiser struct {
	g   *gen
	out []float32
	// rowOut holds a text row's model output when it must be converted
	// (float16) before use ([4][h][w] for images, [4][L][h][w] for video).
	rowOut  [][]float32
	scratch []float32
	windows []window
	wsum    []float32
	runs    int
	// step is the sampler step being evaluated.
	step int
}

func (g *gen) newDenoiser(out []float32) (*denoiser, error) {
	d := &denoiser{g: g, out: out}
	u := g.pl.Spec.UNet
	size := g.fs
	if u.Video {
		var err error
		d.windows, err = contextWindows(g.p.Frames, g.p.ContextFrames, g.p.Overlap, u.Frames > 0)
		if err != nil {
			return nil, err
		}
		maxL := 0
		for _, w := range d.windows {
			maxL = max(maxL, w.size)
		}
		size = g.fs * maxL
		d.wsum = make([]float32, g.p.Frames)
	}
	if u.Type != typeFloat {
		d.rowOut = make([][]float32, len(g.rows))
		for r := range d.rowOut {
			d.rowOut[r] = make([]float32, size)
		}
		g.bufs += int64(4 * size * len(d.rowOut))
	}
	return d, nil
}

// putScaled writes the sampler's model input for src (part of the latent)
// into dst at element off; scratch (len(src) floats) is needed for float16.
func (d *denoiser) putScaled(dst *tensor, off int, src, scratch []float32) {
	if dst.typ == typeFloat {
		d.g.s.ScaleInput(dst.f32[off:off+len(src)], src, d.step)
		return
	}
	d.g.s.ScaleInput(scratch, src, d.step)
	dst.setRange(off, scratch)
}

// planes calls fn for each of n planes of hw floats with a scratch plane.
// (Splitting this work over goroutines was measured: it costs more in
// wake-ups than it saves, the work being memory-bound.)
func (d *denoiser) planes(n, hw int, fn func(i int, scratch []float32)) {
	if d.scratch == nil && d.g.pl.Spec.UNet.Type != typeFloat {
		d.scratch = make([]float32, hw)
	}
	for i := 0; i < n; i++ {
		fn(i, d.scratch)
	}
}

// eval runs the UNet for sampler step i at timestep t over latent x.
func (d *denoiser) eval(x []float32, i int, t float64) error {
	d.step = i
	if d.g.pl.Spec.UNet.Video {
		return d.evalVideo(x, t)
	}
	fs := d.g.fs
	hw := fs / 4
	for f := 0; f < d.g.p.Frames; f++ {
		frame := x[f*fs : (f+1)*fs]
		fill := func(dst *tensor) {
			d.planes(4, hw, func(c int, scratch []float32) {
				d.putScaled(dst, c*hw, frame[c*hw:(c+1)*hw], scratch)
			})
		}
		rows, err := d.call(t, 1, fill)
		if err != nil {
			return err
		}
		d.combine(d.out[f*fs:(f+1)*fs], rows, 0, fs)
	}
	return nil
}

// evalVideo runs the UNet over each context window and blends the windows'
// outputs where they overlap.
func (d *denoiser) evalVideo(x []float32, t float64) error {
	g := d.g
	fs, hw := g.fs, g.h*g.w
	single := len(d.windows) == 1
	if !single {
		clear(d.out)
		clear(d.wsum)
	}
	for _, w := range d.windows {
		L := w.size
		fill := func(dst *tensor) {
			d.planes(4*L, hw, func(i int, scratch []float32) {
				c, fi := i/L, i%L
				src := (w.start+min(fi, w.n-1))*fs + c*hw
				d.putScaled(dst, i*hw, x[src:src+hw], scratch)
			})
		}
		rows, err := d.call(t, L, fill)
		if err != nil {
			return err
		}
		// Guided output per frame, from channel-major [4][L][h][w] rows.
		for fi := 0; fi < w.n; fi++ {
			f := w.start + fi
			dst := d.out[f*fs : (f+1)*fs]
			wt := windowWeight(fi, w.n)
			for c := 0; c < 4; c++ {
				off := (c*L + fi) * hw
				seg := dst[c*hw : (c+1)*hw]
				if single {
					d.combine(seg, rows, off, hw)
				} else {
					d.accumulate(seg, rows, off, hw, wt)
				}
			}
			if !single {
				d.wsum[f] += wt
			}
		}
	}
	if !single {
		for f := 0; f < g.p.Frames; f++ {
			inv := 1 / d.wsum[f]
			for i := f * fs; i < (f+1)*fs; i++ {
				d.out[i] *= inv
			}
		}
	}
	return nil
}

// combine writes the guided output of rows[*][off:off+n] into dst.
func (d *denoiser) combine(dst []float32, rows [][]float32, off, n int) {
	if len(rows) == 1 {
		copy(dst, rows[0][off:off+n])
		return
	}
	guide(dst, rows[0][off:off+n], rows[1][off:off+n], d.g.g)
}

// accumulate adds wt times the guided output into dst.
func (d *denoiser) accumulate(dst []float32, rows [][]float32, off, n int, wt float32) {
	if len(rows) == 1 {
		for i, v := range rows[0][off : off+n] {
			dst[i] += wt * v
		}
		return
	}
	u, c := rows[0][off:off+n], rows[1][off:off+n]
	gs := d.g.g
	for i := range dst {
		dst[i] += wt * (u[i] + gs*(c[i]-u[i]))
	}
}

// call runs the UNet for every text row on the same latent input (frames
// frames: 1 for an image UNet, the window length for video), in as many
// calls as the UNet's batch size needs; fill writes the input of batch row
// 0, which is copied to the other rows. It returns each text row's output
// ([4][frames][h][w]), valid until the next call.
func (d *denoiser) call(t float64, frames int, fill func(dst *tensor)) ([][]float32, error) {
	g := d.g
	u := g.pl.Spec.UNet
	per := g.fs * frames
	outRows := make([][]float32, len(g.rows))
	calls := batchCalls(len(g.rows), u.Batch)
	for ci, rows := range calls {
		sample, out, ehs, ts, err := d.tensors(ci, rows, frames)
		if err != nil {
			return nil, err
		}
		if err := ts.fill(t); err != nil {
			return nil, err
		}
		fill(sample)
		for j := 1; j < len(rows); j++ {
			sample.copyRow(j, 0, per)
		}
		if err := g.pl.unet.run(g.rc, []ort.Value{sample.value, ts.value, ehs.value}, []ort.Value{out.value}); err != nil {
			return nil, err
		}
		d.runs++
		for j, r := range rows {
			if outRows[r] != nil {
				continue // padding
			}
			if out.typ == typeFloat {
				outRows[r] = out.f32[j*per : (j+1)*per]
				continue
			}
			out.getRange(j*per, d.rowOut[r][:per])
			outRows[r] = d.rowOut[r][:per]
		}
	}
	return outRows, nil
}

// tensors returns the UNet's input and output tensors for call ci on rows
// with frames frames, allocating (and filling encoder_hidden_states) on
// first use.
func (d *denoiser) tensors(ci int, rows []int, frames int) (sample, out, ehs, ts *tensor, err error) {
	g := d.g
	u := g.pl.Spec.UNet
	k := int64(len(rows))
	shape := []int64{k, 4, int64(g.h), int64(g.w)}
	if u.Video {
		shape = []int64{k, 4, int64(frames), int64(g.h), int64(g.w)}
	}
	if sample, _, err = g.ts.get("sample", u.Type, shape...); err != nil {
		return
	}
	// Each call of a step has its own output tensor, so the rows of
	// earlier calls stay readable.
	if out, _, err = g.ts.get(fmt.Sprint("out_sample", ci), u.Type, shape...); err != nil {
		return
	}
	if ehs, err = d.hiddenStates(rows, frames); err != nil {
		return
	}
	var tshape []int64
	switch {
	case len(u.TimestepDims) == 0:
	case u.TimestepDims[0] < 0:
		tshape = []int64{k}
	default:
		tshape = []int64{u.TimestepDims[0]}
	}
	ts, _, err = g.ts.get("timestep", u.Timestep, tshape...)
	return
}

// prepare allocates every tensor the steps will use, so the first step
// does not pay for it (Generate runs this while it draws the noise).
func (d *denoiser) prepare() error {
	g := d.g
	sizes := []int{1}
	if g.pl.Spec.UNet.Video {
		sizes = nil
		for _, w := range d.windows {
			if len(sizes) == 0 || sizes[len(sizes)-1] != w.size {
				sizes = append(sizes, w.size)
			}
		}
	}
	for _, L := range sizes {
		for ci, rows := range batchCalls(len(g.rows), g.pl.Spec.UNet.Batch) {
			if _, _, _, _, err := d.tensors(ci, rows, L); err != nil {
				return err
			}
		}
	}
	return nil
}

// hiddenStates returns the encoder_hidden_states tensor for a call on
// rows: one row per text row, or, for video UNets that take their text per
// frame, frames rows per text row (batch-major: row j*frames+f is text row
// rows[j]). It is filled once and reused.
func (d *denoiser) hiddenStates(rows []int, frames int) (*tensor, error) {
	g := d.g
	u := g.pl.Spec.UNet
	key := fmt.Sprintf("ehs%v", rows)
	n := int64(len(rows))
	reps := 1
	if u.Video && u.TextPerFrame {
		reps = frames
		n *= int64(frames)
	}
	t, fresh, err := g.ts.get(strings.ReplaceAll(key, " ", ","), u.Type, n, SeqLen, int64(g.hidden))
	if err != nil || !fresh {
		return t, err
	}
	per := SeqLen * g.hidden
	for j, r := range rows {
		for f := 0; f < reps; f++ {
			t.setRange((j*reps+f)*per, g.rows[r])
		}
	}
	return t, nil
}
