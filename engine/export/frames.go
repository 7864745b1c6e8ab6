package export

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"sort"

	xdraw "golang.org/x/image/draw"

	"kino/engine"
	"kino/engine/export/format"
	"kino/project"
)

// frameSource renders the timeline's frames, one at a time, at an output
// size: each shot's clip frame, scaled to fit (letterboxed when its aspect
// differs) when the clip has another size, with the watermark on top.
// It is safe for concurrent use as long as every goroutine passes its own
// frameSlot.
type frameSource struct {
	rate   project.Rate
	w, h   int
	starts []int64 // timeline frame each shot starts at; one more at the end
	shots  []ShotMedia
	infos  []engine.ClipInfo
	wm     *watermark
}

// frameSlot is one goroutine's buffers.
type frameSlot struct {
	frame   *image.RGBA                 // the output frame
	scratch map[image.Point]*image.RGBA // clip-size buffers for scaling
	data    []byte                      // encoded bytes, for encoders
	yuv     *format.YUVFrame            // the output frame as yuv420p (MP4)
	wmPatch *image.RGBA                 // the part under the watermark
}

// ycbcrFramer is a clip that hands out its frames as decoded JPEG YCbCr
// (a stored take), which renderYUV converts without going through RGBA.
type ycbcrFramer interface {
	FrameYCbCr(i int) (image.Image, error)
}

// jpegFramer is a clip that hands out its frames as the JPEG files it
// stores (a stored take).
type jpegFramer interface {
	AppendFrameJPEG(dst []byte, i int) ([]byte, error)
}

// jpegFramers returns every shot's clip as a jpegFramer when all of them
// are stored takes at the output size (so their JPEGs can go to ffmpeg as
// they are), and nil otherwise.
func (s *frameSource) jpegFramers() []jpegFramer {
	out := make([]jpegFramer, len(s.shots))
	for k, sm := range s.shots {
		jf, ok := sm.Clip.(jpegFramer)
		info := s.infos[k]
		if !ok || info.Width != s.w || info.Height != s.h || info.Frames < 1 {
			return nil
		}
		out[k] = jf
	}
	return out
}

// sendJPEGs writes every timeline frame's JPEG to w, in order.
func (s *frameSource) sendJPEGs(ctx context.Context, clips []jpegFramer, w io.Writer, step func()) error {
	var data []byte // one buffer for every frame
	for i := range s.total() {
		if err := ctx.Err(); err != nil {
			return err
		}
		k, cf := s.locate(i)
		var err error
		data, err = clips[k].AppendFrameJPEG(data[:0], cf)
		if err != nil {
			return fmt.Errorf("shot %d, frame %d: %w", s.shots[k].Shot.Number(), cf, err)
		}
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("sending frame %d to ffmpeg: %w", i, err)
		}
		step()
	}
	return nil
}

// renderYUV draws timeline frame i into slot.yuv (BT.709 limited range,
// yuv420p): a stored take at the output size straight from its JPEG
// YCbCr, anything else through render's RGBA.
func (s *frameSource) renderYUV(i int64, slot *frameSlot) error {
	if slot.yuv == nil {
		slot.yuv = format.NewYUVFrame(s.w, s.h)
	}
	k, cf := s.locate(i)
	sm, info := s.shots[k], s.infos[k]
	if yc, ok := sm.Clip.(ycbcrFramer); ok && info.Width == s.w && info.Height == s.h && info.Frames > 0 {
		img, err := yc.FrameYCbCr(cf)
		if err != nil {
			return fmt.Errorf("shot %d, frame %d: %w", sm.Shot.Number(), cf, err)
		}
		if y, ok := img.(*image.YCbCr); ok && slot.yuv.FromJFIF(y) {
			s.wm.drawYUV(slot.yuv, &slot.wmPatch)
			return nil
		}
	}
	if err := s.render(i, slot); err != nil {
		return err
	}
	slot.yuv.FromRGBA(slot.frame)
	return nil
}

func newFrameSource(t *Timeline, w, h int, watermarked bool) *frameSource {
	s := &frameSource{rate: t.Rate, w: w, h: h, shots: t.Shots}
	var at int64
	for _, sm := range t.Shots {
		s.starts = append(s.starts, at)
		s.infos = append(s.infos, sm.Clip.Info())
		at += sm.frames(t.Rate)
	}
	s.starts = append(s.starts, at)
	if watermarked {
		s.wm = newWatermark(w, h)
	}
	return s
}

func (s *frameSource) newSlot() *frameSlot {
	return &frameSlot{frame: image.NewRGBA(image.Rect(0, 0, s.w, s.h)), scratch: map[image.Point]*image.RGBA{}}
}

// total is the number of frames on the timeline.
func (s *frameSource) total() int64 { return s.starts[len(s.starts)-1] }

// locate returns the shot showing timeline frame i and the clip frame to
// show: the clip's own rate is honoured, and a clip shorter than its shot
// holds its last frame.
func (s *frameSource) locate(i int64) (shot, clipFrame int) {
	k := sort.Search(len(s.shots), func(k int) bool { return s.starts[k+1] > i })
	off := i - s.starts[k]
	info := s.infos[k]
	cf := off
	if info.Rate != s.rate && info.Rate.Num > 0 {
		cf = off * info.Rate.Num * s.rate.Den / (info.Rate.Den * s.rate.Num)
	}
	if cf >= int64(info.Frames) {
		cf = int64(info.Frames) - 1
	}
	return k, int(max(cf, 0))
}

// render draws timeline frame i into slot.frame.
func (s *frameSource) render(i int64, slot *frameSlot) error {
	k, cf := s.locate(i)
	sm := s.shots[k]
	info := s.infos[k]
	if info.Frames < 1 {
		return project.Errorf(project.EINVALID, "shot %d: its clip has no frames", sm.Shot.Number())
	}
	dst := slot.frame
	if info.Width == s.w && info.Height == s.h {
		if err := sm.Clip.RenderFrame(cf, dst); err != nil {
			return fmt.Errorf("shot %d, frame %d: %w", sm.Shot.Number(), cf, err)
		}
	} else {
		size := image.Pt(info.Width, info.Height)
		src := slot.scratch[size]
		if src == nil {
			if info.Width < 1 || info.Height < 1 {
				return project.Errorf(project.EINVALID, "shot %d: its clip is %dx%d", sm.Shot.Number(), info.Width, info.Height)
			}
			src = image.NewRGBA(image.Rectangle{Max: size})
			slot.scratch[size] = src
		}
		if err := sm.Clip.RenderFrame(cf, src); err != nil {
			return fmt.Errorf("shot %d, frame %d: %w", sm.Shot.Number(), cf, err)
		}
		fitInto(dst, src)
	}
	s.wm.draw(dst)
	return nil
}

// fitInto scales src to fit dst keeping its aspect ratio, centred on black.
func fitInto(dst *image.RGBA, src image.Image) {
	r := fitRect(dst.Rect, src.Bounds().Size())
	if r != dst.Rect {
		draw.Draw(dst, dst.Rect, image.NewUniform(color.RGBA{0, 0, 0, 0xFF}), image.Point{}, draw.Src)
	}
	if r.Size() == src.Bounds().Size() {
		draw.Draw(dst, r, src, src.Bounds().Min, draw.Src)
		return
	}
	xdraw.CatmullRom.Scale(dst, r, src, src.Bounds(), xdraw.Src, nil)
}

// fitRect returns the largest rectangle of src's aspect ratio centred in box.
func fitRect(box image.Rectangle, src image.Point) image.Rectangle {
	bw, bh := box.Dx(), box.Dy()
	if src.X <= 0 || src.Y <= 0 {
		return box
	}
	w, h := bw, bh
	if src.X*bh > bw*src.Y { // wider than the box
		h = max(1, (bw*src.Y+src.X/2)/src.X)
	} else {
		w = max(1, (bh*src.X+src.Y/2)/src.Y)
	}
	x := box.Min.X + (bw-w)/2
	y := box.Min.Y + (bh-h)/2
	return image.Rect(x, y, x+w, y+h)
}
