package export

import (
	"image"
	"image/color"

	"kino/engine/export/format"
)

// WatermarkText is the visible label exported video carries by default.
const WatermarkText = "AI-generated · Kino"

// watermark is the label prepared for one frame size: drawn in the bottom
// right corner, white at 60% over a soft shadow, about 1.8% of the frame
// height tall (13 pixels at 720p, 26 at 1080p).
type watermark struct {
	mask *image.Alpha
	at   image.Point
	k    int
}

func newWatermark(w, h int) *watermark {
	k := max(1, (h+300)/600)
	m := textMask(WatermarkText, k)
	margin := max(4, h/60)
	at := image.Pt(w-m.Rect.Dx()-margin-k, h-m.Rect.Dy()-margin-k)
	if at.X < 0 {
		at.X = 0
	}
	if at.Y < 0 {
		at.Y = 0
	}
	return &watermark{mask: m, at: at, k: k}
}

// draw paints the label onto frame, which must have the size the
// watermark was made for.
func (wm *watermark) draw(frame *image.RGBA) {
	if wm == nil {
		return
	}
	blendMask(frame, wm.mask, wm.at.Add(image.Pt(wm.k, wm.k)), color.RGBA{0, 0, 0, 0xFF}, 0.45)
	blendMask(frame, wm.mask, wm.at, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, 0.6)
}

// bounds returns the rectangle the label (with its shadow) covers.
func (wm *watermark) bounds() image.Rectangle {
	return image.Rectangle{Min: wm.at, Max: wm.at.Add(wm.mask.Rect.Size()).Add(image.Pt(wm.k, wm.k))}
}

// image returns the label as one straight-alpha image of bounds' size:
// the shadow and the white text composited as draw lays them on a frame.
func (wm *watermark) image() *image.NRGBA {
	b := wm.bounds()
	img := image.NewNRGBA(image.Rectangle{Max: b.Size()})
	at := func(p image.Point) uint32 { // mask value at frame point p
		q := p.Sub(wm.at)
		if !q.In(wm.mask.Rect) {
			return 0
		}
		return uint32(wm.mask.AlphaAt(q.X, q.Y).A)
	}
	shadowOp, textOp := uint32(116), uint32(154) // 0.45 and 0.6 of 256, as draw rounds them
	for y := range b.Dy() {
		for x := range b.Dx() {
			p := b.Min.Add(image.Pt(x, y))
			as := at(p.Sub(image.Pt(wm.k, wm.k))) * shadowOp >> 8 // 0..255
			aw := at(p) * textOp >> 8
			a := aw*255 + as*(255-aw) // out alpha, times 255
			if a == 0 {
				continue
			}
			c := uint8((255*aw*255 + a/2) / a) // white's share of the colour
			img.SetNRGBA(x, y, color.NRGBA{c, c, c, uint8((a + 127) / 255)})
		}
	}
	return img
}

// drawYUV draws the label onto f: the part of the frame under it
// goes to RGBA, gets the label as every other format does, and comes back.
func (wm *watermark) drawYUV(f *format.YUVFrame, scratch **image.RGBA) {
	if wm == nil {
		return
	}
	fb := f.Bounds()
	b := wm.bounds().Intersect(fb)
	b.Min.X, b.Min.Y = b.Min.X&^1, b.Min.Y&^1
	b.Max.X, b.Max.Y = min(fb.Max.X, (b.Max.X+1)&^1), min(fb.Max.Y, (b.Max.Y+1)&^1)
	if b.Empty() {
		return
	}
	img := *scratch
	if img == nil || img.Rect.Size() != b.Size() {
		img = image.NewRGBA(image.Rectangle{Max: b.Size()})
		*scratch = img
	}
	f.ToRGBA(img, b)
	// The label is drawn in frame coordinates; shift the patch there.
	patch := &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: b}
	wm.draw(patch)
	f.FromRGBARect(img, b)
}
