package onnx

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	ort "github.com/yalue/onnxruntime_go"
)

// Element types Kino reads and writes.
const (
	typeFloat   = ort.TensorElementDataTypeFloat
	typeFloat16 = ort.TensorElementDataTypeFloat16
	typeInt32   = ort.TensorElementDataTypeInt32
	typeInt64   = ort.TensorElementDataTypeInt64
)

// Dynamic marks a dimension the model leaves open.
const Dynamic = -1

// SeqLen is the token count of every Stable Diffusion text encoder.
const SeqLen = 77

// TextEncoderSpec is what the text encoder takes and gives.
type TextEncoderSpec struct {
	IDs    ort.TensorElementDataType // int32 or int64
	Out    ort.TensorElementDataType // float or float16
	Batch  int64                     // Dynamic or fixed
	Hidden int64                     // width of last_hidden_state, or Dynamic
}

// UNetSpec is what the UNet takes and gives.
type UNetSpec struct {
	// Video UNets have a frame axis: sample [B,4,F,h,w].
	Video bool
	// Type is the element type of sample, encoder_hidden_states and out_sample.
	Type ort.TensorElementDataType
	// Batch, Frames, Height and Width are the sample's dimensions (latent
	// pixels), each Dynamic or fixed. Frames is 1 for image UNets.
	Batch, Frames, Height, Width int64
	// Timestep is the timestep's element type and TimestepDims its shape
	// (rank 0 or 1).
	Timestep     ort.TensorElementDataType
	TimestepDims []int64
	// Hidden is the width of encoder_hidden_states, or Dynamic.
	Hidden int64
	// Rows is encoder_hidden_states' first dimension (B, or B*F for video
	// UNets that take one text row per frame).
	Rows int64
	// TextPerFrame reports that a video UNet takes one text row per frame
	// (B*F rows, as OnnxStack's exports do); false: one row per batch item,
	// which the model repeats over the frames itself (diffusers'
	// UNetMotionModel).
	TextPerFrame bool
	// TextLayout says how TextPerFrame was decided for a video UNet:
	// LayoutSizes, LayoutNames or LayoutTrial; "" until LoadPipeline's
	// trial run decides it.
	TextLayout string
}

// How a video UNet's text layout was decided.
const (
	LayoutSizes = "declared sizes"
	LayoutNames = "dimension names"
	LayoutTrial = "trial run"
)

// VAESpec is what a VAE decoder or encoder takes and gives.
type VAESpec struct {
	Type  ort.TensorElementDataType
	Batch int64
	// Height and Width are the latent's (decoder) or the image's (encoder)
	// dimensions, each Dynamic or fixed.
	Height, Width int64
	// Output is the encoder's output: "latent_sample" (4 channels) or
	// "latent_parameters" (8: mean and log-variance).
	Output   string
	Channels int64
}

// Spec is what Inspect learned about a pack's models.
type Spec struct {
	Text    TextEncoderSpec
	UNet    UNetSpec
	Decoder VAESpec
	// Encoder is nil when the pack has no VAE encoder.
	Encoder *VAESpec
}

// String summarises the spec for people, e.g. "video UNet, float16, batch
// 1 (guidance as two calls), 16 frames, latents 64x64, timestep float[1]".
func (s *Spec) String() string {
	u := s.UNet
	var b strings.Builder
	if u.Video {
		b.WriteString("video UNet")
	} else {
		b.WriteString("image UNet")
	}
	fmt.Fprintf(&b, ", %s, batch %s", typeName(u.Type), dimName(u.Batch))
	switch u.Batch {
	case 1:
		b.WriteString(" (guidance as two calls)")
	case Dynamic, 2:
		b.WriteString(" (guidance in one call)")
	}
	if u.Video {
		fmt.Fprintf(&b, ", %s frames", dimName(u.Frames))
		switch {
		case u.TextLayout == "":
			b.WriteString(", text rows per frame or per batch item: decided by a trial run at load")
		case u.TextPerFrame:
			fmt.Fprintf(&b, ", text one row per frame (from its %s)", u.TextLayout)
		default:
			fmt.Fprintf(&b, ", text one row per batch item (from its %s)", u.TextLayout)
		}
	}
	if u.Width < 0 && u.Height < 0 {
		b.WriteString(", latents of any size")
	} else {
		fmt.Fprintf(&b, ", latents %sx%s", dimName(u.Width), dimName(u.Height))
	}
	fmt.Fprintf(&b, ", timestep %s%s, text %s→%s", typeName(u.Timestep), dimsString(u.TimestepDims), typeName(s.Text.IDs), typeName(s.Text.Out))
	if s.Encoder != nil {
		fmt.Fprintf(&b, ", VAE encoder (%s)", s.Encoder.Output)
	}
	return b.String()
}

func typeName(t ort.TensorElementDataType) string {
	switch t {
	case typeFloat:
		return "float"
	case typeFloat16:
		return "float16"
	case typeInt32:
		return "int32"
	case typeInt64:
		return "int64"
	}
	return strings.TrimPrefix(t.String(), "ONNX_TENSOR_ELEMENT_DATA_TYPE_")
}

func dimName(d int64) string {
	if d < 0 {
		return "any"
	}
	return fmt.Sprint(d)
}

func dimsString(dims []int64) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		if d < 0 {
			parts[i] = "?"
		} else {
			parts[i] = fmt.Sprint(d)
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// FitError says that a model's input or output is not what Kino can drive.
type FitError struct {
	// Tensor is the input or output at fault, e.g. "input sample".
	Tensor string
	// Got describes what the model has, Want what Kino expects.
	Got, Want string
}

// Error names the tensor, what it is and what Kino expects.
func (e *FitError) Error() string {
	if e.Got == "" {
		return fmt.Sprintf("%s: Kino expects %s", e.Tensor, e.Want)
	}
	return fmt.Sprintf("%s is %s; Kino expects %s", e.Tensor, e.Got, e.Want)
}

// inspectCache remembers what Inspect found per model file, keyed by the
// file's size and modification time, so a model is read once per process.
var inspectCache = struct {
	sync.Mutex
	m map[string]inspected
}{m: map[string]inspected{}}

type inspected struct {
	size    int64
	mod     time.Time
	in, out []ort.InputOutputInfo
}

// modelIO returns the inputs and outputs of the model at path as ONNX
// Runtime reports them.
func modelIO(path string) ([]ort.InputOutputInfo, []ort.InputOutputInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	inspectCache.Lock()
	c, ok := inspectCache.m[path]
	inspectCache.Unlock()
	if ok && c.size == fi.Size() && c.mod.Equal(fi.ModTime()) {
		return c.in, c.out, nil
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, nil, fmt.Errorf("creating session options: %w", err)
	}
	defer opts.Destroy()
	// Only the graph's signature is wanted: skip the optimisation passes.
	if err := opts.SetGraphOptimizationLevel(ort.GraphOptimizationLevelDisableAll); err != nil {
		return nil, nil, fmt.Errorf("setting optimisation level: %w", err)
	}
	in, out, err := ort.GetInputOutputInfoWithOptions(path, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("ONNX Runtime cannot load it (damaged, or not a model ONNX Runtime %s supports): %w", WantVersion, err)
	}
	inspectCache.Lock()
	inspectCache.m[path] = inspected{fi.Size(), fi.ModTime(), in, out}
	inspectCache.Unlock()
	return in, out, nil
}

// Inspect loads the signature of each of the pack's models with ONNX
// Runtime (loading it with Load when needed) and checks that Kino can
// drive them. Its errors are *PackError values naming the file, wrapping a
// *FitError that names the input or output and the shape Kino expected.
func Inspect(p *Pack) (*Spec, error) {
	if _, err := Load(); err != nil {
		return nil, fmt.Errorf("inspecting model pack %s: %w", p.Name, err)
	}
	return inspectWith(p, modelIO)
}

// inspectFiles is Inspect from the signatures the model files declare,
// read without ONNX Runtime (see readGraphSig): milliseconds instead of a
// session per model. LoadPipeline uses it, as creating the sessions then
// checks that ONNX Runtime can load each model.
func inspectFiles(p *Pack) (*Spec, error) {
	return inspectWith(p, func(path string) ([]ort.InputOutputInfo, []ort.InputOutputInfo, error) {
		sig, err := readGraphSig(path)
		if err != nil {
			return nil, nil, err
		}
		in, out := sig.ortInfo()
		return in, out, nil
	})
}

// inspectWith checks the pack's models, their signatures read by io.
func inspectWith(p *Pack, io func(path string) ([]ort.InputOutputInfo, []ort.InputOutputInfo, error)) (*Spec, error) {
	spec := &Spec{}
	fail := func(file string, err error) (*Spec, error) {
		return nil, &PackError{Pack: p.Name, Dir: p.Dir, File: file, Err: err}
	}
	steps := []struct {
		file string
		fn   func(in, out []ort.InputOutputInfo) error
	}{
		{FileTextEncoder, func(in, out []ort.InputOutputInfo) (err error) { spec.Text, err = checkTextEncoder(in, out); return }},
		{FileUNet, func(in, out []ort.InputOutputInfo) (err error) {
			if spec.UNet, err = checkUNet(in, out); err == nil && spec.UNet.Video && spec.UNet.TextLayout == "" {
				err = textLayoutFromNames(&spec.UNet, p.Path(FileUNet))
			}
			return
		}},
		{FileVAEDecoder, func(in, out []ort.InputOutputInfo) (err error) { spec.Decoder, err = checkDecoder(in, out); return }},
	}
	if p.HasEncoder {
		steps = append(steps, struct {
			file string
			fn   func(in, out []ort.InputOutputInfo) error
		}{FileVAEEncoder, func(in, out []ort.InputOutputInfo) error {
			e, err := checkEncoder(in, out)
			spec.Encoder = &e
			return err
		}})
	}
	for _, s := range steps {
		in, out, err := io(p.Path(s.file))
		if err != nil {
			return fail(s.file, err)
		}
		if err := s.fn(in, out); err != nil {
			return fail(s.file, err)
		}
	}
	if err := spec.crossCheck(); err != nil {
		return fail("", err)
	}
	return spec, nil
}

// crossCheck checks that the models fit each other. Its errors name both
// files and both shapes.
func (s *Spec) crossCheck() error {
	t, u, d := s.Text, s.UNet, s.Decoder
	if t.Hidden >= 0 && u.Hidden >= 0 && t.Hidden != u.Hidden {
		return fmt.Errorf("%s gives %d-wide hidden states (last_hidden_state [batch, 77, %d]) but %s takes %d-wide ones (encoder_hidden_states [batch, 77, %d]): parts of different models?",
			FileTextEncoder, t.Hidden, t.Hidden, FileUNet, u.Hidden, u.Hidden)
	}
	if u.Height >= 0 && u.Width >= 0 && d.Height >= 0 && d.Width >= 0 && (u.Height != d.Height || u.Width != d.Width) {
		return fmt.Errorf("%s takes latents %dx%d (sample [batch, 4, %d, %d]) but %s takes %dx%d (latent_sample [batch, 4, %d, %d])",
			FileUNet, u.Width, u.Height, u.Height, u.Width, FileVAEDecoder, d.Width, d.Height, d.Height, d.Width)
	}
	for _, c := range []struct {
		what string
		a, b int64
	}{{"height", u.Height, d.Height}, {"width", u.Width, d.Width}} {
		if c.a >= 0 && c.b >= 0 && c.a != c.b {
			return fmt.Errorf("%s takes latents of %s %d but %s of %s %d", FileUNet, c.what, c.a, FileVAEDecoder, c.what, c.b)
		}
	}
	if e := s.Encoder; e != nil {
		for _, c := range []struct {
			what string
			a, b int64
		}{{"height", u.Height, e.Height}, {"width", u.Width, e.Width}} {
			if c.a >= 0 && c.b >= 0 && c.a*LatentScale != c.b {
				return fmt.Errorf("%s takes images of %s %d (sample [batch, 3, height, width]) but %s takes latents of %s %d (×8 = %d)",
					FileVAEEncoder, c.what, c.b, FileUNet, c.what, c.a, c.a*LatentScale)
			}
		}
	}
	return nil
}

// LatentScale is how many image pixels one latent pixel covers per side.
const LatentScale = 8

var errNoEncoder = errors.New("the pack has no VAE encoder (" + FileVAEEncoder + "), which refining frames needs")
