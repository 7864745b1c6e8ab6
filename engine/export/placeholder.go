package export

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/export/format"
	"kino/project"
)

// PlaceholderBackend is the Backend name a placeholder clip reports.
const PlaceholderBackend = "placeholder"

// Placeholder is a stand-in for a shot that was not generated: a slate
// with the shot number, "NOT GENERATED", its length and the start of its
// prompt, and a silent soundtrack (every stem present and silent).
type Placeholder struct {
	info  engine.ClipInfo
	slate *image.RGBA
}

var _ engine.Clip = (*Placeholder)(nil)

// NewPlaceholder returns a w x h placeholder for shot at rate r.
func NewPlaceholder(shot *project.Shot, w, h int, r project.Rate) *Placeholder {
	return newPlaceholder(shot, "NOT GENERATED", shot.Prompt, w, h, r)
}

// NewWithheldPlaceholder returns a placeholder for a shot whose take is
// withheld: "WITHHELD" and why ("@sam revoked consent") instead of the
// picture, and silence instead of the sound.
func NewWithheldPlaceholder(shot *project.Shot, why string, w, h int, r project.Rate) *Placeholder {
	return newPlaceholder(shot, "WITHHELD", why, w, h, r)
}

func newPlaceholder(shot *project.Shot, state, text string, w, h int, r project.Rate) *Placeholder {
	frames := int(shot.Duration.Rescale(r).Frames)
	p := &Placeholder{
		info:  engine.ClipInfo{Width: w, Height: h, Frames: frames, Rate: r, Backend: PlaceholderBackend, Seed: shot.Seed.Value},
		slate: image.NewRGBA(image.Rect(0, 0, w, h)),
	}
	p.drawSlate(shot, state, text, project.Frames(int64(frames), r))
	return p
}

func (p *Placeholder) drawSlate(shot *project.Shot, state, text string, length project.Time) {
	w, h := p.info.Width, p.info.Height
	draw.Draw(p.slate, p.slate.Rect, image.NewUniform(color.RGBA{0x22, 0x25, 0x2A, 0xFF}), image.Point{}, draw.Src)
	// A frame line a little inside the edge, like a slate's border.
	inset := max(2, h/24)
	line := color.RGBA{0x5A, 0x60, 0x68, 0xFF}
	border := max(1, h/360)
	for _, r := range []image.Rectangle{
		image.Rect(inset, inset, w-inset, inset+border),
		image.Rect(inset, h-inset-border, w-inset, h-inset),
		image.Rect(inset, inset, inset+border, h-inset),
		image.Rect(w-inset-border, inset, w-inset, h-inset),
	} {
		draw.Draw(p.slate, r, image.NewUniform(line), image.Point{}, draw.Src)
	}
	white := color.RGBA{0xF0, 0xF0, 0xF0, 0xFF}
	grey := color.RGBA{0xB0, 0xB4, 0xBA, 0xFF}
	title := fmt.Sprintf("SHOT %d", shot.Number())
	big := max(1, min(h/90, (w-4*inset)/max(1, textWidth(title, 1))))
	y := h/2 - glyphHeight*big
	centre := func(s string, k int, c color.RGBA) {
		x := (w - textWidth(s, k)) / 2
		drawText(p.slate, s, k, image.Pt(max(inset+2, x), y), c, 1)
		y += glyphHeight*k + glyphHeight*k/3
	}
	centre(title, big, white)
	small := max(1, big/3)
	centre(state+" · "+length.String(), small, grey)
	cols := max(8, (w-4*inset)/(glyphAdvance*small))
	for i, l := range wrapMono(strings.TrimSpace(text), cols) {
		if i == 3 {
			break
		}
		if y+glyphHeight*small > h-inset*2 {
			break
		}
		centre(l, small, grey)
	}
}

// wrapMono breaks s into lines of at most cols characters, at spaces where
// it can.
func wrapMono(s string, cols int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(format.ToASCII(s)) {
		wr := []rune(word)
		for len(wr) > cols {
			if len(cur) > 0 {
				lines = append(lines, string(cur))
				cur = nil
			}
			lines = append(lines, string(wr[:cols]))
			wr = wr[cols:]
		}
		switch {
		case len(cur) == 0:
			cur = append(cur, wr...)
		case len(cur)+1+len(wr) <= cols:
			cur = append(append(cur, ' '), wr...)
		default:
			lines = append(lines, string(cur))
			cur = append([]rune(nil), wr...)
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// Info implements engine.Clip.
func (p *Placeholder) Info() engine.ClipInfo { return p.info }

// Frame implements engine.Clip; every frame is the same slate, which must
// not be modified.
func (p *Placeholder) Frame(i int) (image.Image, error) {
	if i < 0 || i >= p.info.Frames {
		return nil, project.Errorf(project.EINVALID, "placeholder frame %d is outside 0 to %d", i, p.info.Frames-1)
	}
	return p.slate, nil
}

// RenderFrame implements engine.Clip.
func (p *Placeholder) RenderFrame(i int, dst *image.RGBA) error {
	if i < 0 || i >= p.info.Frames {
		return project.Errorf(project.EINVALID, "placeholder frame %d is outside 0 to %d", i, p.info.Frames-1)
	}
	if dst.Rect.Size() != p.slate.Rect.Size() {
		return project.Errorf(project.EINVALID, "placeholder is %dx%d, not %dx%d", p.info.Width, p.info.Height, dst.Rect.Dx(), dst.Rect.Dy())
	}
	draw.Draw(dst, dst.Rect, p.slate, image.Point{}, draw.Src)
	return nil
}

// Soundtrack implements engine.Clip: silence, with every stem.
func (p *Placeholder) Soundtrack() (*audio.Soundtrack, error) {
	n := int(p.info.Duration().Samples(audio.SampleRate))
	silent := audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: make([]float32, 2*n)}
	st := &audio.Soundtrack{Mix: silent, Stems: map[audio.Stem]audio.PCM{}}
	for _, s := range audio.Stems {
		st.Stems[s] = silent
	}
	return st, nil
}
