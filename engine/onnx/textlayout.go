package onnx

import (
	"context"
	"errors"
	"fmt"

	ort "github.com/yalue/onnxruntime_go"
)

// A video UNet takes its text either once per batch item (diffusers'
// UNetMotionModel repeats it over the frames itself) or once per frame
// (OnnxStack's AnimateDiff exports). Sending the wrong one fails inside
// the model with a Reshape error on the first step, so the layout is
// decided before a take: from the declared sizes when they are fixed
// (checkUNet), else from the names of the open dimensions, else by a trial
// run of the model at load.

// textLayoutFromNames decides u's text layout from the dimension names the
// UNet at path declares: encoder_hidden_states' first dimension named as
// sample's first means one row per batch item, another name one per
// frame. It leaves the layout undecided when a name is missing.
func textLayoutFromNames(u *UNetSpec, path string) error {
	ins, err := readGraphInputs(path)
	if err != nil {
		return err
	}
	sample, ehs := findGraphInput(ins, "sample"), findGraphInput(ins, "encoder_hidden_states")
	if sample == nil || ehs == nil || len(sample.Dims) != 5 || len(ehs.Dims) != 3 {
		return nil
	}
	b, r := sample.Dims[0], ehs.Dims[0]
	if b.Param == "" || r.Param == "" {
		return nil
	}
	u.TextPerFrame = b.Param != r.Param
	u.TextLayout = LayoutNames
	return nil
}

// probeVideoUNet completes what the signature of a video UNet leaves
// open, by running it on zeros (a small input of the sizes it declares):
//
//   - the text layout, when neither sizes nor names told: one row per
//     batch item is tried first, then one per frame;
//   - whether an open batch really is open: exports traced with
//     guidance's two rows (diffusers' UNetMotionModel among them) bake that
//     batch into their reshapes and fail on one row. Such a UNet is driven
//     as if its batch were fixed at 2, a single row padded, with a note.
func (pl *Pipeline) probeVideoUNet() error {
	u := &pl.Spec.UNet
	if !u.Video {
		return nil
	}
	if u.TextLayout == "" {
		errBatch := pl.trialRun(u.Batch, false)
		if errBatch == nil {
			u.TextPerFrame, u.TextLayout = false, LayoutTrial
		} else if errFrame := pl.trialRun(u.Batch, true); errFrame == nil {
			u.TextPerFrame, u.TextLayout = true, LayoutTrial
		} else {
			return fmt.Errorf("the video UNet runs neither with one text row per batch item (%v) nor with one per frame (%v)", errBatch, errFrame)
		}
	}
	if u.Batch < 0 {
		if err := pl.trialRun(1, u.TextPerFrame); err != nil {
			if err2 := pl.trialRun(2, u.TextPerFrame); err2 != nil {
				return fmt.Errorf("the video UNet does not run on one batch row (%v) nor on two (%v)", err, err2)
			}
			u.Batch = 2
			pl.Notes = append(pl.Notes, "the video UNet's export fixed its batch at 2 (guidance's two rows) inside the graph; without guidance its one row is padded to two")
		}
	}
	return nil
}

// trialRun runs the UNet once on zeros with the given batch (open: 2,
// what Kino sends with guidance) and text layout.
func (pl *Pipeline) trialRun(batch int64, perFrame bool) error {
	u := pl.Spec.UNet
	fixed := func(d, def int64) int64 {
		if d >= 0 {
			return d
		}
		return def
	}
	b, f := fixed(batch, 2), fixed(u.Frames, 2)
	h, w := fixed(u.Height, 8), fixed(u.Width, 8)
	hidden := u.Hidden
	if hidden < 0 {
		hidden = pl.Spec.Text.Hidden
	}
	if hidden < 0 {
		return errors.New("its hidden size is open")
	}
	rows := b
	if perFrame {
		rows = b * f
	}
	var ts []*tensor
	defer func() {
		for _, t := range ts {
			t.destroy()
		}
	}()
	mk := func(typ ort.TensorElementDataType, shape ...int64) (*tensor, error) {
		t, err := newTensor(typ, shape...)
		if err == nil {
			ts = append(ts, t)
		}
		return t, err
	}
	var tshape []int64
	switch {
	case len(u.TimestepDims) == 0:
	case u.TimestepDims[0] < 0:
		tshape = []int64{b}
	default:
		tshape = []int64{u.TimestepDims[0]}
	}
	sample, err := mk(u.Type, b, 4, f, h, w)
	if err != nil {
		return err
	}
	step, err := mk(u.Timestep, tshape...)
	if err != nil {
		return err
	}
	ehs, err := mk(u.Type, rows, SeqLen, hidden)
	if err != nil {
		return err
	}
	out, err := mk(u.Type, b, 4, f, h, w)
	if err != nil {
		return err
	}
	if err := step.fill(500); err != nil {
		return err
	}
	rc, err := newRunCtx(context.Background())
	if err != nil {
		return err
	}
	defer rc.close()
	return pl.unet.run(rc, []ort.Value{sample.value, step.value, ehs.value}, []ort.Value{out.value})
}
