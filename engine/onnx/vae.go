package onnx

import (
	"fmt"
	"image"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"kino/engine"
)

// encodeFrames encodes the Init images with the VAE encoder into scaled
// latents, frame-major. It uses the mean of the latent distribution when
// the encoder gives latent_parameters.
func (g *gen) encodeFrames() ([]float32, error) {
	p, enc := g.p, g.pl.Spec.Encoder
	z := make([]float32, p.Frames*g.fs)
	hw := g.h * g.w
	img := 3 * p.Width * p.Height
	for _, call := range decodeCalls(p.Frames, enc.Batch, p.DecodeChunk) {
		k := int64(len(call))
		in, _, err := g.ts.get("vae_in", enc.Type, k, 3, int64(p.Height), int64(p.Width))
		if err != nil {
			return nil, err
		}
		out, _, err := g.ts.get("vae_latent", enc.Type, k, enc.Channels, int64(g.h), int64(g.w))
		if err != nil {
			return nil, err
		}
		planes := make([]float32, img)
		for j, f := range call {
			src, err := p.Init(f)
			if err != nil {
				return nil, fmt.Errorf("getting input frame %d: %w", f, err)
			}
			if src == nil {
				return nil, fmt.Errorf("input frame %d is missing", f)
			}
			imageToSamples(planes, src, p.Width, p.Height)
			in.setRange(j*img, planes)
		}
		if err := g.pl.enc.run(g.rc, []ort.Value{in.value}, []ort.Value{out.value}); err != nil {
			return nil, err
		}
		per := int(enc.Channels) * hw
		for j, f := range call {
			if j > 0 && call[j-1] == f {
				continue // padding
			}
			dst := z[f*g.fs : (f+1)*g.fs]
			out.getRange(j*per, dst) // the first 4 channels: the latent or its mean
			for i := range dst {
				dst[i] *= g.pl.Scale
			}
		}
	}
	return z, nil
}

// decodeCalls plans VAE calls over n frames: batches of the fixed size, or
// of up to chunk frames when the batch is dynamic.
func decodeCalls(n int, batch int64, chunk int) [][]int {
	if batch >= 1 {
		return batchCalls(n, batch)
	}
	var calls [][]int
	for s := 0; s < n; s += chunk {
		c := make([]int, 0, chunk)
		for f := s; f < min(s+chunk, n); f++ {
			c = append(c, f)
		}
		calls = append(calls, c)
	}
	return calls
}

// decode turns the final latent into frames, a chunk of frames per VAE
// call, each chunk converted to RGBA by the pipeline's conversion model
// straight into the frames' shared buffer (pix, frame after frame).
func (g *gen) decode(x []float32, frames []*image.RGBA, pix []byte) error {
	p, dec := g.p, g.pl.Spec.Decoder
	fb := 4 * p.Width * p.Height
	lat := make([]float32, g.fs)
	inv := 1 / g.pl.Scale
	done := 0
	for _, call := range decodeCalls(p.Frames, dec.Batch, p.DecodeChunk) {
		k := int64(len(call))
		in, _, err := g.ts.get("vae_latent_in", dec.Type, k, 4, int64(g.h), int64(g.w))
		if err != nil {
			return err
		}
		out, _, err := g.ts.get("vae_image", dec.Type, k, 3, int64(p.Height), int64(p.Width))
		if err != nil {
			return err
		}
		for j, f := range call {
			for i, v := range x[f*g.fs : (f+1)*g.fs] {
				lat[i] = v * inv
			}
			in.setRange(j*g.fs, lat)
		}
		if err := g.pl.dec.run(g.rc, []ort.Value{in.value}, []ort.Value{out.value}); err != nil {
			return err
		}
		if err := g.toRGBA(out, call, pix, fb); err != nil {
			return err
		}
		for j, f := range call {
			if j > 0 && call[j-1] == f {
				continue // padding
			}
			done++
			if p.Progress != nil {
				p.Progress(engine.Progress{Stage: "decode", Step: done, Total: p.Frames, Elapsed: time.Since(g.start)})
			}
		}
	}
	g.bufs += int64(len(pix))
	return nil
}

// toRGBA converts the decoder output rows of call into their frames in pix
// (fb bytes per frame): in place when the call's frames are consecutive,
// through a scratch tensor when the call is padded.
func (g *gen) toRGBA(out *tensor, call []int, pix []byte, fb int) error {
	p := g.p
	shape := ort.NewShape(int64(len(call)), int64(p.Height), int64(p.Width), 4)
	consecutive := true
	for j, f := range call {
		consecutive = consecutive && f == call[0]+j
	}
	if consecutive {
		dst, err := ort.NewTensor(shape, pix[call[0]*fb:(call[0]+len(call))*fb])
		if err != nil {
			return fmt.Errorf("creating the frames' tensor: %w", err)
		}
		defer dst.Destroy()
		return g.pl.rgba.run(g.rc, []ort.Value{out.value}, []ort.Value{dst})
	}
	scratch, _, err := g.ts.get("rgba", ort.TensorElementDataTypeUint8, shape...)
	if err != nil {
		return err
	}
	if err := g.pl.rgba.run(g.rc, []ort.Value{out.value}, []ort.Value{scratch.value}); err != nil {
		return err
	}
	for j, f := range call {
		copy(pix[f*fb:(f+1)*fb], scratch.u8[j*fb:(j+1)*fb])
	}
	return nil
}
