package onnx

import (
	"math"

	"kino/project"
)

// MaxGeneratedFrames bounds how many frames one take generates; a longer
// shot holds each generated frame for longer.
const MaxGeneratedFrames = 256

// frameMap relates a clip's frames to the frames the model generates: a
// video model generates at its own rate (8 fps for AnimateDiff) and an
// image model one keyframe per span of frames; the clip holds each
// generated frame until the next.
type frameMap struct {
	clipFrames int
	gen        int
	// num/den: generated frame of clip frame i is i*num/den.
	num, den int64
}

// videoFrameMap maps frames clip frames at rate onto a model generating
// fps frames per second.
func videoFrameMap(frames int, rate project.Rate, fps int) frameMap {
	num, den := int64(fps)*rate.Den, rate.Num
	gen := int(ceilDiv(int64(frames)*num, den))
	return boundFrameMap(frameMap{clipFrames: frames, gen: max(gen, 1), num: num, den: den})
}

// keyframeMap maps frames clip frames onto one keyframe per every frames.
func keyframeMap(frames, every int) frameMap {
	every = max(every, 1)
	gen := int(ceilDiv(int64(frames), int64(every)))
	return boundFrameMap(frameMap{clipFrames: frames, gen: max(gen, 1), num: 1, den: int64(every)})
}

func boundFrameMap(m frameMap) frameMap {
	if m.gen > MaxGeneratedFrames {
		m.gen = MaxGeneratedFrames
		m.num, m.den = int64(MaxGeneratedFrames), int64(m.clipFrames)
	}
	return m
}

// generated returns the generated frame clip frame i shows.
func (m frameMap) generated(i int) int {
	return min(int(int64(i)*m.num/m.den), m.gen-1)
}

// first returns the first clip frame that shows generated frame g: the
// frame whose picture refines into it.
func (m frameMap) first(g int) int {
	return min(int(ceilDiv(int64(g)*m.den, m.num)), m.clipFrames-1)
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// generationSize picks the size frames are generated at: the UNet's own
// when it is fixed, otherwise about native² pixels (the area the model was
// trained at) with the request's aspect ratio, each side a multiple of
// multiple (what the UNet's down-sampling needs: 64 for SD 1.x, whose ONNX
// exports cannot take other latent sizes). The clip then scales the frames
// to the request's size, cropping what the rounding added, never
// stretching (see coverCrop).
func generationSize(u UNetSpec, native, multiple, width, height int) (int, int) {
	if native <= 0 {
		native = defaultNative
	}
	if multiple <= 0 {
		multiple = defaultMultiple
	}
	round := func(v float64) int {
		lo := multiple * ((64 + multiple - 1) / multiple)
		return max(lo, int(math.Round(v/float64(multiple)))*multiple)
	}
	aspect := float64(width) / float64(height)
	area := float64(native * native)
	w := math.Sqrt(area * aspect)
	h := w / aspect
	gw, gh := round(w), round(h)
	if u.Width >= 0 {
		gw = int(u.Width) * LatentScale
		if u.Height < 0 {
			gh = round(float64(gw) / aspect)
		}
	}
	if u.Height >= 0 {
		gh = int(u.Height) * LatentScale
		if u.Width < 0 {
			gw = round(float64(gh) * aspect)
		}
	}
	return gw, gh
}
