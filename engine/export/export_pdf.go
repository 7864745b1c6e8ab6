package export

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"kino/engine/export/format"
	"kino/engine/media"
	"kino/project"
)

// Storyboard page layout, in points: A4 landscape with six panels (three
// across, two down).
const (
	pageW, pageH    = 842.0, 595.0
	pageMargin      = 30.0
	panelCols       = 3
	panelRows       = 2
	PanelsPerPage   = panelCols * panelRows
	panelGap        = 14.0
	panelPad        = 6.0
	headerHeight    = 26.0
	footerHeight    = 14.0
	textSize        = 7.5
	textLeading     = 9.2
	headingSize     = 9.5
	keyFramePixelsW = 640 // key frames are stored at up to 640x360
	keyFramePixelsH = 360
)

// exportStoryboard writes a printable PDF with one panel per shot: its key
// frame (a third of the way in, as take thumbnails are), number, length,
// camera, style, cast, prompt and dialogue.
func (e *exporter) exportStoryboard(ctx context.Context, t *Timeline) error {
	final := e.opts.Out
	var err error
	if e.out, err = newOutputs(e.opts.Force, final, sidecarPath(final)); err != nil {
		return err
	}
	e.res.Main = final
	e.track.setStage("storyboard")
	f, err := e.out.create(final)
	if err != nil {
		return err
	}
	var face format.TextFace = &format.StandardFace{}
	ttf, ferr := format.NewTTFFace(fontDirs)
	if ferr != nil {
		e.notes("the storyboard uses the standard PDF fonts, which print only Western European text (other characters as \"?\"): " + ferr.Error())
	} else {
		face = ttf
	}
	e.face = face
	pdf := format.NewPDF(f, face)
	nPages := (len(t.Shots) + PanelsPerPage - 1) / PanelsPerPage
	lossy := false
	quality := e.opts.Quality.preset().jpeg
	for pg := range nPages {
		page := pdf.NewPage()
		cs := &page.Content
		header := e.pageHeader(t, pg+1, nPages)
		cs.WriteString(header)
		for slot := range PanelsPerPage {
			i := pg*PanelsPerPage + slot
			if i >= len(t.Shots) {
				break
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			s := t.Shots[i]
			x, y, w, h := panelRect(slot)
			imgBox := imageBox(x, y, w)
			var img []byte
			var iw, ih int
			if !s.Placeholder {
				if img, iw, ih, err = keyFrameJPEG(s, quality); err != nil {
					return err
				}
			}
			if img != nil {
				name := fmt.Sprintf("Im%d", slot+1)
				pdf.Image(page, name, img, iw, ih)
				r := fitBox(imgBox, float64(iw), float64(ih))
				fmt.Fprintf(cs, "0 g %s %s %s %s re f\n", num(imgBox[0]), num(imgBox[1]), num(imgBox[2]), num(imgBox[3]))
				fmt.Fprintf(cs, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(r[2]), num(r[3]), num(r[0]), num(r[1]), name)
			} else {
				fmt.Fprintf(cs, "0.88 g %s %s %s %s re f\n", num(imgBox[0]), num(imgBox[1]), num(imgBox[2]), num(imgBox[3]))
				msg := "Not generated yet"
				tw := face.Width(msg, 11, true)
				fmt.Fprintf(cs, "0.45 g BT %s %s Td %s ET\n", num(imgBox[0]+(imgBox[2]-tw)/2), num(imgBox[1]+imgBox[3]/2-4), face.Show(msg, 11, true))
			}
			fmt.Fprintf(cs, "0.6 G 0.6 w %s %s %s %s re S\n", num(x), num(y), num(w), num(h))
			if e.panelText(cs, t, s, x, y, w, imgBox[1]) {
				lossy = true
			}
			e.track.add(1)
		}
		cs.WriteString(e.pageFooter(final))
		pdf.EndPage(page, pageW, pageH)
	}
	prov := e.prov.forFile(final, "storyboard", boolPtr(!e.opts.NoWatermark))
	title := t.Title
	if title == "" {
		title = "Storyboard"
	}
	err = pdf.Finish(format.PDFInfo{
		Title: title + " (storyboard)", Subject: "AI-generated with " + e.opts.App, Keywords: "AI-generated, " + e.opts.App,
		Creator: e.opts.App + " " + e.opts.Version, Producer: e.opts.App + " export", Created: e.now,
		Extra: [][2]string{{"AIProvenance", prov.embedded(final, prov.Watermark)}},
	})
	if err != nil {
		return err
	}
	if lossy && ferr == nil {
		e.notes("some characters have no glyph in the storyboard's fonts and print as empty boxes")
	}
	return writeSidecar(e.out, final, prov)
}

// fontDirs are the folders the storyboard's TrueType fonts are looked
// for in (tests hide them to get the standard fonts).
var fontDirs = format.FontDirs

// num formats a PDF coordinate.
func num(v float64) string { return format.PDFNum(v) }

// panelRect returns the panel in slot (0 is top left) as x, y (bottom
// left), width and height.
func panelRect(slot int) (x, y, w, h float64) {
	col, row := slot%panelCols, slot/panelCols
	w = (pageW - 2*pageMargin - (panelCols-1)*panelGap) / panelCols
	top := pageH - pageMargin - headerHeight
	bottom := pageMargin + footerHeight
	h = (top - bottom - (panelRows-1)*panelGap) / panelRows
	x = pageMargin + float64(col)*(w+panelGap)
	y = top - float64(row+1)*h - float64(row)*panelGap
	return x, y, w, h
}

// imageBox is the 16:9 frame area at the top of a panel: x, y, w, h.
func imageBox(px, py, pw float64) [4]float64 {
	w := pw - 2*panelPad
	h := w * 9 / 16
	_, _, _, ph := panelRect(0)
	return [4]float64{px + panelPad, py + ph - panelPad - h, w, h}
}

// fitBox fits an iw x ih image in box keeping its aspect ratio, centred.
func fitBox(box [4]float64, iw, ih float64) [4]float64 {
	w, h := box[2], box[3]
	if iw*h > w*ih {
		h = w * ih / iw
	} else {
		w = h * iw / ih
	}
	return [4]float64{box[0] + (box[2]-w)/2, box[1] + (box[3]-h)/2, w, h}
}

// keyFrameJPEG returns the shot's key frame scaled down and JPEG-encoded.
func keyFrameJPEG(s ShotMedia, quality int) ([]byte, int, int, error) {
	info := s.Clip.Info()
	if info.Frames < 1 {
		return nil, 0, 0, project.Errorf(project.EINVALID, "shot %d: its clip has no frames", s.Shot.Number())
	}
	img, err := s.Clip.Frame(info.Frames / 3)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("shot %d: key frame: %w", s.Shot.Number(), err)
	}
	thumb := media.Thumbnail(img, keyFramePixelsW, keyFramePixelsH)
	var buf bytes.Buffer
	if err := media.EncodeJPEG(&buf, thumb, quality); err != nil {
		return nil, 0, 0, fmt.Errorf("shot %d: key frame: %w", s.Shot.Number(), err)
	}
	return buf.Bytes(), thumb.Rect.Dx(), thumb.Rect.Dy(), nil
}

// panelText writes the text under a panel's image, from just below imgY
// down to the panel's bottom edge y. It reports whether characters were
// replaced.
func (e *exporter) panelText(cs *bytes.Buffer, t *Timeline, s ShotMedia, x, y, w, imgY float64) (lossy bool) {
	face := e.face
	width := w - 2*panelPad
	line := imgY - panelPad - headingSize
	bottom := y + panelPad
	check := func(str string) string {
		lossy = lossy || face.Missing(str)
		return str
	}
	put := func(size float64, bold bool, text string) {
		fmt.Fprintf(cs, "BT %s %s Td %s ET\n", num(x+panelPad), num(line), face.Show(text, size, bold))
	}
	heading := fmt.Sprintf("Shot %d · %s", s.Shot.Number(), s.Shot.Duration.Rescale(t.Rate))
	if s.Placeholder {
		heading += " · not generated"
	} else if s.Take != nil {
		heading += fmt.Sprintf(" · take %d", s.Take.ID)
		if s.Take.MixOnly() {
			heading += " · mix only"
		}
	}
	cs.WriteString("0 g\n")
	put(headingSize, true, format.FitText(face, check(heading), width, headingSize, true))
	line -= textLeading + 2

	var lines []string
	lines = append(lines, format.WrapText(face, check("Camera: "+cameraText(s.Shot)), width, textSize, false)...)
	if len(s.Shot.Cast) > 0 {
		var cast []string
		for _, c := range s.Shot.Cast {
			if c.Role != "" {
				cast = append(cast, c.Handle+" ("+c.Role+")")
			} else {
				cast = append(cast, c.Handle)
			}
		}
		lines = append(lines, format.WrapText(face, check("Cast: "+strings.Join(cast, ", ")), width, textSize, false)...)
	}
	prompt := strings.TrimSpace(s.Shot.Prompt)
	if prompt == "" {
		prompt = "(no prompt)"
	}
	promptLines := format.WrapText(face, check(prompt), width, textSize, false)
	var dialogue []string
	for _, d := range s.Shot.Dialogue {
		dialogue = append(dialogue, format.WrapText(face, check(d.Speaker+": \u201C"+strings.TrimSpace(d.Text)+"\u201D"), width, textSize, false)...)
	}
	room := int((line-bottom)/textLeading) + 1 - len(lines)
	pRoom := max(room-len(dialogue), (room+1)/2)
	pRoom = min(pRoom, len(promptLines))
	lines = append(lines, fitLines(face, promptLines, pRoom, width)...)
	lines = append(lines, fitLines(face, dialogue, room-pRoom, width)...)
	for _, l := range lines {
		if line < bottom {
			break
		}
		put(textSize, false, l)
		line -= textLeading
	}
	return lossy
}

// fitLines keeps the first n lines, ellipsizing the last kept one when
// lines were dropped.
func fitLines(face format.TextFace, lines []string, n int, width float64) []string {
	if n <= 0 {
		return nil
	}
	if len(lines) <= n {
		return lines
	}
	out := append([]string(nil), lines[:n]...)
	out[n-1] = format.EllipsizeText(face, out[n-1], width, textSize, false)
	return out
}

// cameraText describes a shot's framing, move and style.
func cameraText(s *project.Shot) string {
	var parts []string
	add := func(v, auto string) {
		if v == "" {
			v = auto
		}
		parts = append(parts, v)
	}
	add(string(s.Camera.Size), "size from prompt")
	add(string(s.Camera.Move), "move from prompt")
	if s.Style != "" {
		parts = append(parts, "style "+string(s.Style))
	}
	return strings.Join(parts, " · ")
}

func (e *exporter) pageHeader(t *Timeline, page, pages int) string {
	face := e.face
	title := t.Title
	if title == "" {
		title = "Storyboard"
	}
	right := fmt.Sprintf("Storyboard · %d shots · %s · page %d of %d", len(t.Shots), t.Duration(), page, pages)
	rw := face.Width(right, 9, false)
	y := pageH - pageMargin - 14
	title = format.FitText(face, title, pageW-2*pageMargin-rw-20, 14, true)
	return fmt.Sprintf("0 g BT %s %s Td %s ET\nBT %s %s Td %s ET\n",
		num(pageMargin), num(y), face.Show(title, 14, true), num(pageW-pageMargin-rw), num(y), face.Show(right, 9, false))
}

func (e *exporter) pageFooter(final string) string {
	var s string
	if e.opts.NoWatermark {
		s = fmt.Sprintf("%s %s · exported %s · provenance: %s", e.opts.App, e.opts.Version, e.now.UTC().Format("2006-01-02 15:04 MST"), filepath.Base(sidecarPath(final)))
	} else {
		s = fmt.Sprintf("%s · %s %s · exported %s · provenance: %s", WatermarkText, e.opts.App, e.opts.Version, e.now.UTC().Format("2006-01-02 15:04 MST"), filepath.Base(sidecarPath(final)))
	}
	s = format.FitText(e.face, s, pageW-2*pageMargin, 7, false)
	return fmt.Sprintf("0.35 g BT %s %s Td %s ET\n", num(pageMargin), num(pageMargin), e.face.Show(s, 7, false))
}
