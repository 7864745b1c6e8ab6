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

// probeTextLayout decides the text layout of a video UNet whose signature
// does not tell, by running it once on zeros (a small input of the sizes
// it declares) with one row per batch item and, when that fails, one row
// per frame.
func (pl *Pipeline) probeTextLayout() error {
	u := &pl.Spec.UNet
	if !u.Video || u.TextLayout != "" {
		return nil
	}
	fixed := func(d, def int64) int64 {
		if d >= 0 {
			return d
		}
		return def
	}
	// Batch 2 when it is open: exports traced with guidance's two rows
	// (diffusers' UNetMotionModel among them) may bake that into their
	// reshapes, and it is what Kino sends with guidance.
	b, f := fixed(u.Batch, 2), fixed(u.Frames, 2)
	h, w := fixed(u.Height, 8), fixed(u.Width, 8)
	hidden := u.Hidden
	if hidden < 0 {
		hidden = pl.Spec.Text.Hidden
	}
	if hidden < 0 {
		return errors.New("cannot tell how the video UNet takes its text: its hidden size is open")
	}
	try := func(perFrame bool) error {
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
		mk := func(typ ort.TensorElementDataType, shape ...int64) *tensor {
			t, err := newTensor(typ, shape...)
			if err != nil {
				return nil
			}
			ts = append(ts, t)
			return t
		}
		var tshape []int64
		switch {
		case len(u.TimestepDims) == 0:
		case u.TimestepDims[0] < 0:
			tshape = []int64{b}
		default:
			tshape = []int64{u.TimestepDims[0]}
		}
		sample := mk(u.Type, b, 4, f, h, w)
		step := mk(u.Timestep, tshape...)
		ehs := mk(u.Type, rows, SeqLen, hidden)
		out := mk(u.Type, b, 4, f, h, w)
		if sample == nil || step == nil || ehs == nil || out == nil {
			return errors.New("allocating the trial tensors failed")
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
	errBatch := try(false)
	if errBatch == nil {
		u.TextPerFrame, u.TextLayout = false, LayoutTrial
		return nil
	}
	errFrame := try(true)
	if errFrame == nil {
		u.TextPerFrame, u.TextLayout = true, LayoutTrial
		return nil
	}
	return fmt.Errorf("the video UNet runs neither with one text row per batch item (%v) nor with one per frame (%v)", errBatch, errFrame)
}
