package export

import (
	"image"
	"image/color"
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
