package widget

import (
	"image"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// timelineRenderer draws a Timeline. Its object list is rebuilt only when
// the pool of card slots or ruler ticks has to grow.
type timelineRenderer struct {
	t *Timeline

	bg        canvas.Rectangle
	ruler     canvas.Rectangle
	track     canvas.Rectangle
	lane      canvas.Rectangle
	wave      *canvas.Raster
	insert    canvas.Rectangle
	head      canvas.Rectangle
	headLine  canvas.Rectangle
	timecode  canvas.Text
	tcBg      canvas.Rectangle
	scrollbar canvas.Rectangle
	focus     canvas.Rectangle

	slots []*cardSlot
	ghost *cardSlot    // the card being dragged, drawn above the others
	clips []*audioSlot // music and voice-over clips in view
	ticks []*canvas.Rectangle
	marks []*canvas.Text
	names map[int64]string // ruler labels by second

	waveImg *image.RGBA
	waveCol color.RGBA
	objects []fyne.CanvasObject
}

func newTimelineRenderer(t *Timeline) *timelineRenderer {
	r := &timelineRenderer{t: t, ghost: newCardSlot(), names: map[int64]string{}}
	r.wave = canvas.NewRaster(r.drawWave)
	r.focus.FillColor = color.Transparent
	r.focus.StrokeWidth = 1
	r.timecode.TextStyle = fyne.TextStyle{Monospace: true}
	r.applyTheme()
	r.rebuild()
	return r
}

func (r *timelineRenderer) applyTheme() {
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameBackground, v)
	r.ruler.FillColor = th.Color(theme.ColorNameHeaderBackground, v)
	r.tcBg.FillColor = r.ruler.FillColor
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.lane.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.insert.FillColor = th.Color(theme.ColorNameFocus, v)
	r.head.FillColor = th.Color(theme.ColorNameError, v)
	r.headLine.FillColor = th.Color(theme.ColorNameError, v)
	r.timecode.Color = th.Color(theme.ColorNameForeground, v)
	r.timecode.TextSize = th.Size(theme.SizeNameCaptionText)
	r.scrollbar.FillColor = th.Color(theme.ColorNameScrollBar, v)
	r.focus.StrokeColor = th.Color(theme.ColorNameFocus, v)
	pc := th.Color(theme.ColorNamePrimary, v)
	cr, cg, cb, _ := pc.RGBA()
	r.waveCol = color.RGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: 0xff}
	for _, s := range r.slots {
		s.applyTheme()
	}
	for _, s := range r.clips {
		s.applyTheme()
	}
	r.ghost.applyTheme()
	for _, m := range r.marks {
		m.Color = th.Color(theme.ColorNameForeground, v)
		m.TextSize = th.Size(theme.SizeNameCaptionText) * 0.9
	}
	for _, k := range r.ticks {
		k.FillColor = th.Color(theme.ColorNameDisabled, v)
	}
}

// rebuild makes the object list from the pools.
func (r *timelineRenderer) rebuild() {
	objs := make([]fyne.CanvasObject, 0, 16+len(r.ticks)+len(r.marks)+9*(len(r.slots)+1)+3*len(r.clips))
	objs = append(objs, &r.bg, &r.ruler, &r.track, &r.lane)
	for _, c := range r.clips {
		objs = append(objs, &c.bg)
	}
	objs = append(objs, r.wave)
	for _, c := range r.clips {
		objs = append(objs, &c.name, &c.outline)
	}
	for _, k := range r.ticks {
		objs = append(objs, k)
	}
	for _, m := range r.marks {
		objs = append(objs, m)
	}
	for _, s := range r.slots {
		objs = s.objects(objs)
	}
	objs = append(objs, &r.insert)
	objs = r.ghost.objects(objs)
	objs = append(objs, &r.headLine, &r.tcBg, &r.head, &r.timecode, &r.scrollbar, &r.focus)
	r.objects = objs
}

func (r *timelineRenderer) Destroy() {}

func (r *timelineRenderer) MinSize() fyne.Size {
	return fyne.NewSize(200, rulerHeight+trackHeight+laneGap+audioHeight+scrollHeight)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *timelineRenderer) Refresh() {
	r.applyTheme()
	r.Layout(r.t.Size())
	r.wave.Refresh()
	canvas.Refresh(r.t)
}

// Layout places every visible object. With an unchanged view it changes
// nothing and allocates nothing.
func (r *timelineRenderer) Layout(size fyne.Size) {
	t := r.t
	g := &t.geom
	w := float64(size.Width)
	g.clampScroll(w)

	r.bg.Resize(size)
	r.ruler.Resize(fyne.NewSize(size.Width, rulerHeight))
	r.track.Move(fyne.NewPos(0, rulerHeight))
	r.track.Resize(fyne.NewSize(size.Width, trackHeight))
	laneY := float32(rulerHeight + trackHeight + laneGap)
	r.lane.Move(fyne.NewPos(0, laneY))
	r.lane.Resize(fyne.NewSize(size.Width, audioHeight))
	r.wave.Move(fyne.NewPos(0, laneY))
	r.wave.Resize(fyne.NewSize(size.Width, audioHeight))

	r.layoutRuler(size)
	r.layoutCards(size)
	r.layoutAudio(size, laneY)

	x := float32(g.x(t.playhead))
	showIf(&r.headLine, x >= 0 && x <= size.Width)
	showIf(&r.head, x >= 0 && x <= size.Width)
	r.headLine.Move(fyne.NewPos(x, 0))
	r.headLine.Resize(fyne.NewSize(1, laneY+audioHeight))
	r.head.Move(fyne.NewPos(x-4, 0))
	r.head.Resize(fyne.NewSize(9, 6))
	setText(&r.timecode, t.timecode)
	tx := min(max(x+6, 2), size.Width-90)
	r.timecode.Move(fyne.NewPos(tx, 1))
	r.tcBg.Move(fyne.NewPos(tx-2, 0))
	r.tcBg.Resize(fyne.NewSize(float32(len(t.timecode))*r.timecode.TextSize*0.62+6, rulerHeight-1))

	content := g.contentWidth() + 80
	if content > w && w > 0 {
		bw := float32(w * w / content)
		bx := float32(g.scroll / content * w)
		r.scrollbar.Move(fyne.NewPos(bx, size.Height-scrollHeight+1))
		r.scrollbar.Resize(fyne.NewSize(max(bw, 20), scrollHeight-2))
		showIf(&r.scrollbar, true)
	} else {
		showIf(&r.scrollbar, false)
	}
	r.focus.Resize(size)
	showIf(&r.focus, t.focused)
}

func (r *timelineRenderer) layoutCards(size fyne.Size) {
	t := r.t
	g := &t.geom
	first, last := g.visible(float64(size.Width))
	if n := last - first; n > len(r.slots) {
		for len(r.slots) < n {
			s := newCardSlot()
			r.slots = append(r.slots, s)
		}
		r.rebuild()
	}
	d := &t.drag
	y := float32(rulerHeight)
	k := 0
	for i := first; i < last; i++ {
		c := &t.cards[i]
		s := r.slots[k]
		k++
		if d.kind == dragMove && d.index == i {
			s.hide()
			continue
		}
		x0 := g.x(g.starts[i])
		wd := float64(g.starts[i+1]-g.starts[i]) * g.pxPerFrame()
		if d.kind == dragResize && d.index == i {
			wd = float64(d.frames) * g.pxPerFrame()
		}
		s.place(c, t.labels[i], float32(x0), y, float32(wd), t.selected[c.ID], t.dropAt == i)
	}
	for ; k < len(r.slots); k++ {
		r.slots[k].hide()
	}

	if d.kind == dragMove && d.index < len(t.cards) {
		i := d.index
		c := &t.cards[i]
		x0 := g.x(g.starts[i]) + d.dx
		wd := float64(g.starts[i+1]-g.starts[i]) * g.pxPerFrame()
		r.ghost.place(c, t.labels[i], float32(x0), y-4, float32(wd), true, false)
		// The insertion mark sits before the card that will follow the drop.
		mark := g.total()
		j := d.to
		if j >= i {
			j++
		}
		if j < len(t.cards) {
			mark = g.starts[j]
		}
		r.insert.Move(fyne.NewPos(float32(g.x(mark))-2, y))
		r.insert.Resize(fyne.NewSize(3, trackHeight))
		showIf(&r.insert, true)
	} else {
		r.ghost.hide()
		showIf(&r.insert, false)
	}
}

// layoutAudio places the blocks of the music and voice-over clips in view
// on the lane whose top is laneY.
func (r *timelineRenderer) layoutAudio(size fyne.Size, laneY float32) {
	t := r.t
	g := &t.geom
	ppf := g.pxPerFrame()
	w := float64(size.Width)
	need := 0
	for i := range t.audio {
		if x0, wd := r.blockSpan(i); x0 < w && x0+wd > 0 {
			need++
		}
	}
	if need > len(r.clips) {
		for len(r.clips) < need {
			r.clips = append(r.clips, newAudioSlot())
		}
		r.rebuild()
	}
	k := 0
	for i := range t.audio {
		x0, wd := r.blockSpan(i)
		if x0 >= w || x0+wd <= 0 || ppf <= 0 {
			continue
		}
		b := &t.audio[i]
		r.clips[k].place(b, float32(x0), laneY, float32(wd), b.ID == t.audioSel)
		k++
	}
	for ; k < len(r.clips); k++ {
		r.clips[k].hide()
	}
}

// blockSpan returns where clip i is drawn: its left edge on screen and
// its width, in pixels.
func (r *timelineRenderer) blockSpan(i int) (x0, w float64) {
	g := &r.t.geom
	return g.x(r.t.blockStart(i)), float64(r.t.audio[i].span(g.rate)) * g.pxPerFrame()
}

// tickStep returns the spacing of ruler ticks and labels in seconds for
// the zoom (pixels per second).
func tickStep(zoom float64) (tick, label int64) {
	steps := []int64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600}
	tick, label = steps[len(steps)-1], steps[len(steps)-1]
	for _, s := range steps {
		if float64(s)*zoom >= 8 {
			tick = s
			break
		}
	}
	for _, s := range steps {
		if float64(s)*zoom >= 64 {
			label = s
			break
		}
	}
	return tick, label
}

func (r *timelineRenderer) layoutRuler(size fyne.Size) {
	g := &r.t.geom
	tick, label := tickStep(g.zoom)
	step := float64(tick) * g.zoom
	need := int(float64(size.Width)/step) + 2
	labels := int(float64(size.Width)/(float64(label)*g.zoom)) + 2
	if need > len(r.ticks) || labels > len(r.marks) {
		for len(r.ticks) < need {
			r.ticks = append(r.ticks, &canvas.Rectangle{})
		}
		for len(r.marks) < labels {
			r.marks = append(r.marks, &canvas.Text{})
		}
		r.applyTheme()
		r.rebuild()
	}
	firstSec := int64(g.scroll/g.zoom) / tick * tick
	k, m := 0, 0
	for sec := firstSec; k < len(r.ticks); sec += tick {
		x := float64(sec)*g.zoom - g.scroll
		if x > float64(size.Width) {
			break
		}
		tk := r.ticks[k]
		k++
		h := float32(5)
		if sec%label == 0 {
			h = 9
			if m < len(r.marks) {
				mk := r.marks[m]
				m++
				setText(mk, r.secondName(sec))
				mk.Move(fyne.NewPos(float32(x)+3, 2))
				showIf(mk, true)
			}
		}
		tk.Move(fyne.NewPos(float32(x), rulerHeight-h))
		tk.Resize(fyne.NewSize(1, h))
		showIf(tk, true)
	}
	for ; k < len(r.ticks); k++ {
		showIf(r.ticks[k], false)
	}
	for ; m < len(r.marks); m++ {
		showIf(r.marks[m], false)
	}
}

// secondName formats a ruler label as m:ss, caching it.
func (r *timelineRenderer) secondName(sec int64) string {
	if s, ok := r.names[sec]; ok {
		return s
	}
	ss := sec % 60
	s := strconv.FormatInt(sec/60, 10) + ":"
	if ss < 10 {
		s += "0"
	}
	s += strconv.FormatInt(ss, 10)
	r.names[sec] = s
	return s
}

// drawWave rasterises the audio lane: the takes' soundtrack, then each
// music or voice-over clip's own waveform over its block in the clip's
// lane colour. Each is one bar per pixel column, as tall as the loudest
// frame under it. It reuses its image between calls.
func (r *timelineRenderer) drawWave(w, h int) image.Image {
	if r.waveImg == nil || r.waveImg.Rect.Dx() != w || r.waveImg.Rect.Dy() != h {
		r.waveImg = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(r.waveImg.Pix)
	}
	t := r.t
	g := &t.geom
	width := float64(t.Size().Width)
	if w <= 0 || width <= 0 || g.pxPerFrame() <= 0 {
		return r.waveImg
	}
	ppf := g.pxPerFrame() * float64(w) / width // device pixels per frame
	scroll := g.scroll * float64(w) / width
	r.drawPeaks(t.peaks, 0, ppf, scroll, 0, w, r.waveCol)
	for i := range t.audio {
		b := &t.audio[i]
		if len(b.Peaks) == 0 {
			continue
		}
		col, _ := laneColour(b)
		start := t.blockStart(i)
		x0 := int(float64(start)*ppf - scroll)
		x1 := int(float64(start+int64(len(b.Peaks)))*ppf - scroll)
		r.drawPeaks(b.Peaks, start, ppf, scroll, max(x0, 0), min(x1, w), col)
	}
	return r.waveImg
}

// drawPeaks draws peaks, whose first frame is timeline frame start, in the
// pixel columns [x0, x1).
func (r *timelineRenderer) drawPeaks(peaks []float32, start int64, ppf, scroll float64, x0, x1 int, col color.RGBA) {
	mid := r.waveImg.Rect.Dy() / 2
	for x := x0; x < x1; x++ {
		f0 := int(int64((float64(x)+scroll)/ppf) - start)
		f1 := int(int64((float64(x+1)+scroll)/ppf) - start)
		if f0 >= len(peaks) {
			break
		}
		var p float32
		for f := max(f0, 0); f <= f1 && f < len(peaks); f++ {
			p = max(p, peaks[f])
		}
		half := int(min(p, 1) * float32(mid-1))
		for y := mid - half; y <= mid+half; y++ {
			r.waveImg.SetRGBA(x, y, col)
		}
	}
}
