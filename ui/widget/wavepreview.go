package widget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WavePreview draws a sound's waveform as bars of its peak level, for
// hearing with the eyes when there is no audio device (the cameo form's
// Test voice).
type WavePreview struct {
	widget.BaseWidget
	peaks []float32
}

// NewWavePreview returns an empty waveform.
func NewWavePreview() *WavePreview {
	w := &WavePreview{}
	w.ExtendBaseWidget(w)
	return w
}

// SetPeaks shows peaks, each 0..1, left to right.
func (w *WavePreview) SetPeaks(peaks []float32) {
	w.peaks = append([]float32(nil), peaks...)
	w.Refresh()
}

// Peaks returns the peaks shown.
func (w *WavePreview) Peaks() []float32 { return append([]float32(nil), w.peaks...) }

// CreateRenderer implements fyne.Widget.
func (w *WavePreview) CreateRenderer() fyne.WidgetRenderer {
	r := &wavePreviewRenderer{w: w, bg: canvas.NewRectangle(color.NRGBA{A: 0x20})}
	r.Refresh()
	return r
}

type wavePreviewRenderer struct {
	w    *WavePreview
	bg   *canvas.Rectangle
	bars []*canvas.Rectangle
	size fyne.Size
}

func (r *wavePreviewRenderer) Layout(size fyne.Size) {
	r.size = size
	r.bg.Resize(size)
	n := len(r.bars)
	if n == 0 {
		return
	}
	step := size.Width / float32(n)
	for i, b := range r.bars {
		p := r.w.peaks[i]
		h := max(1, p*size.Height)
		b.Move(fyne.NewPos(float32(i)*step, (size.Height-h)/2))
		b.Resize(fyne.NewSize(max(1, step-1), h))
	}
}

func (r *wavePreviewRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 48) }

func (r *wavePreviewRenderer) Refresh() {
	for len(r.bars) < len(r.w.peaks) {
		r.bars = append(r.bars, canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)))
	}
	r.bars = r.bars[:len(r.w.peaks)]
	r.Layout(r.size)
	canvas.Refresh(r.w)
}

func (r *wavePreviewRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg}
	for _, b := range r.bars {
		objs = append(objs, b)
	}
	return objs
}

func (r *wavePreviewRenderer) Destroy() {}
