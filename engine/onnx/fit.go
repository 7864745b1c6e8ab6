package onnx

import (
	"fmt"
	"strings"

	ort "github.com/yalue/onnxruntime_go"
)

// The checks of each model's signature against what Kino drives.

func findIO(list []ort.InputOutputInfo, name string) *ort.InputOutputInfo {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}

func ioNames(list []ort.InputOutputInfo) string {
	names := make([]string, len(list))
	for i, x := range list {
		names[i] = x.Name
	}
	return strings.Join(names, ", ")
}

func describe(x *ort.InputOutputInfo) string {
	return typeName(x.DataType) + " " + dimsString(x.Dimensions)
}

// need finds the named input or output, checks its element type and rank,
// and checks each dimension against want (Dynamic: anything; a model's own
// dynamic dimension always fits).
func need(list []ort.InputOutputInfo, kind, name string, types []ort.TensorElementDataType, want []int64, wantText string) (*ort.InputOutputInfo, error) {
	x := findIO(list, name)
	tensor := kind + " " + name
	if x == nil {
		return nil, &FitError{Tensor: tensor, Want: fmt.Sprintf("the model to have it (it has %s) shaped %s", ioNames(list), wantText)}
	}
	okType := false
	for _, t := range types {
		okType = okType || x.DataType == t
	}
	typeNames := make([]string, len(types))
	for i, t := range types {
		typeNames[i] = typeName(t)
	}
	fit := &FitError{Tensor: tensor, Got: describe(x), Want: strings.Join(typeNames, " or ") + " " + wantText}
	if !okType || x.OrtValueType != ort.ONNXTypeTensor || len(x.Dimensions) != len(want) {
		return nil, fit
	}
	for i, w := range want {
		if d := x.Dimensions[i]; w != Dynamic && d >= 0 && d != w {
			return nil, fit
		}
	}
	return x, nil
}

var floatTypes = []ort.TensorElementDataType{typeFloat, typeFloat16}

// onlyInputs rejects inputs Kino does not supply.
func onlyInputs(in []ort.InputOutputInfo, names ...string) error {
	for _, x := range in {
		known := false
		for _, n := range names {
			known = known || x.Name == n
		}
		if !known {
			return &FitError{Tensor: "input " + x.Name, Got: describe(&x),
				Want: "only the inputs " + strings.Join(names, ", ") + " (this looks like a different kind of model, e.g. SDXL or ControlNet)"}
		}
	}
	return nil
}

func checkTextEncoder(in, out []ort.InputOutputInfo) (TextEncoderSpec, error) {
	var s TextEncoderSpec
	if err := onlyInputs(in, "input_ids"); err != nil {
		return s, err
	}
	ids, err := need(in, "input", "input_ids", []ort.TensorElementDataType{typeInt32, typeInt64}, []int64{Dynamic, SeqLen}, "[batch, 77]")
	if err != nil {
		return s, err
	}
	h, err := need(out, "output", "last_hidden_state", floatTypes, []int64{Dynamic, SeqLen, Dynamic}, "[batch, 77, hidden]")
	if err != nil {
		return s, err
	}
	return TextEncoderSpec{IDs: ids.DataType, Out: h.DataType, Batch: ids.Dimensions[0], Hidden: h.Dimensions[2]}, nil
}

func checkUNet(in, out []ort.InputOutputInfo) (UNetSpec, error) {
	var s UNetSpec
	if err := onlyInputs(in, "sample", "timestep", "encoder_hidden_states"); err != nil {
		return s, err
	}
	const wantSample = "[batch, 4, height, width] (image) or [batch, 4, frames, height, width] (video)"
	sample := findIO(in, "sample")
	video := sample != nil && len(sample.Dimensions) == 5
	shape := []int64{Dynamic, 4, Dynamic, Dynamic}
	if video {
		shape = []int64{Dynamic, 4, Dynamic, Dynamic, Dynamic}
	}
	sample, err := need(in, "input", "sample", floatTypes, shape, wantSample)
	if err != nil {
		return s, err
	}
	d := sample.Dimensions
	s = UNetSpec{Video: video, Type: sample.DataType, Batch: d[0], Frames: 1, Height: d[2], Width: d[3]}
	if video {
		s.Frames, s.Height, s.Width = d[2], d[3], d[4]
	}
	t := findIO(in, "timestep")
	tRank := []int64{Dynamic}
	if t != nil && len(t.Dimensions) == 0 {
		tRank = nil
	}
	t, err = need(in, "input", "timestep", []ort.TensorElementDataType{typeInt64, typeInt32, typeFloat, typeFloat16}, tRank, "[1] or [batch]")
	if err != nil {
		return s, err
	}
	if len(t.Dimensions) == 1 && t.Dimensions[0] > 1 && t.Dimensions[0] != s.Batch {
		return s, &FitError{Tensor: "input timestep", Got: describe(t), Want: fmt.Sprintf("[1] or [batch] with batch %s", dimName(s.Batch))}
	}
	if len(t.Dimensions) == 0 && t.DataType == typeFloat16 {
		return s, &FitError{Tensor: "input timestep", Got: describe(t),
			Want: "a float, int64 or int32 scalar, or a [1] or [batch] tensor of any of those or float16 (the ONNX Runtime Go binding cannot make float16 scalars; packaging/pack-fp16.py keeps the timestep float32)"}
	}
	s.Timestep, s.TimestepDims = t.DataType, t.Dimensions
	rowsText := "[batch, 77, hidden]"
	if video {
		rowsText = "[batch, tokens, hidden] (one row per batch item) or [batch*frames, tokens, hidden] (one row per frame)"
	}
	ehs, err := need(in, "input", "encoder_hidden_states", []ort.TensorElementDataType{s.Type}, []int64{Dynamic, Dynamic, Dynamic}, rowsText)
	if err != nil {
		return s, err
	}
	if seq := ehs.Dimensions[1]; seq >= 0 && seq != SeqLen {
		return s, &FitError{Tensor: "input encoder_hidden_states", Got: describe(ehs), Want: rowsText + " with 77 tokens"}
	}
	s.Rows, s.Hidden = ehs.Dimensions[0], ehs.Dimensions[2]
	if s.Rows >= 0 && s.Batch >= 0 && s.Frames >= 0 {
		switch {
		case !video && s.Rows == s.Batch:
		case video && s.Rows == s.Batch*s.Frames:
			s.TextPerFrame, s.TextLayout = true, LayoutSizes
		case video && s.Rows == s.Batch:
			s.TextPerFrame, s.TextLayout = false, LayoutSizes
		case video:
			return s, &FitError{Tensor: "input encoder_hidden_states", Got: describe(ehs),
				Want: fmt.Sprintf("%d rows (one per batch item) or %d (batch %d × %d frames), as sample %s has", s.Batch, s.Batch*s.Frames, s.Batch, s.Frames, describe(sample))}
		default:
			return s, &FitError{Tensor: "input encoder_hidden_states", Got: describe(ehs),
				Want: fmt.Sprintf("%d rows (one per batch item), as sample %s has", s.Batch, describe(sample))}
		}
	}
	if _, err := need(out, "output", "out_sample", []ort.TensorElementDataType{s.Type}, d, dimsString(d)+" like sample"); err != nil {
		return s, err
	}
	return s, nil
}

func checkDecoder(in, out []ort.InputOutputInfo) (VAESpec, error) {
	var s VAESpec
	if err := onlyInputs(in, "latent_sample"); err != nil {
		return s, err
	}
	z, err := need(in, "input", "latent_sample", floatTypes, []int64{Dynamic, 4, Dynamic, Dynamic}, "[batch, 4, height, width]")
	if err != nil {
		return s, err
	}
	s = VAESpec{Type: z.DataType, Batch: z.Dimensions[0], Height: z.Dimensions[2], Width: z.Dimensions[3], Channels: 4}
	want := []int64{Dynamic, 3, Dynamic, Dynamic}
	if s.Height >= 0 {
		want[2] = s.Height * LatentScale
	}
	if s.Width >= 0 {
		want[3] = s.Width * LatentScale
	}
	if _, err := need(out, "output", "sample", []ort.TensorElementDataType{s.Type}, want, "[batch, 3, 8*height, 8*width]"); err != nil {
		return s, err
	}
	return s, nil
}

func checkEncoder(in, out []ort.InputOutputInfo) (VAESpec, error) {
	var s VAESpec
	if err := onlyInputs(in, "sample"); err != nil {
		return s, err
	}
	x, err := need(in, "input", "sample", floatTypes, []int64{Dynamic, 3, Dynamic, Dynamic}, "[batch, 3, height, width]")
	if err != nil {
		return s, err
	}
	s = VAESpec{Type: x.DataType, Batch: x.Dimensions[0], Height: x.Dimensions[2], Width: x.Dimensions[3]}
	name, ch := "latent_sample", int64(4)
	if findIO(out, "latent_sample") == nil && findIO(out, "latent_parameters") != nil {
		name, ch = "latent_parameters", 8
	}
	if _, err := need(out, "output", name, []ort.TensorElementDataType{s.Type}, []int64{Dynamic, ch, Dynamic, Dynamic},
		"[batch, 4, height/8, width/8] (latent_sample) or [batch, 8, height/8, width/8] (latent_parameters)"); err != nil {
		return s, err
	}
	s.Output, s.Channels = name, ch
	return s, nil
}
