package export

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"

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
	pdf := newPDFWriter(f)
	catalog, pages, info := pdf.reserve(), pdf.reserve(), pdf.reserve()
	var face textFace = winAnsiFace{}
	ttf, ferr := newTTFFace()
	var fontObjs []int
	var font, bold int
	if ferr != nil {
		e.notes("the storyboard uses the standard PDF fonts, which print only Western European text (other characters as \"?\"): " + ferr.Error())
		font, bold = pdf.reserve(), pdf.reserve()
	} else {
		face = ttf
		for range 5 * len(ttf.fonts) {
			fontObjs = append(fontObjs, pdf.reserve())
		}
	}
	e.face = face
	nPages := (len(t.Shots) + PanelsPerPage - 1) / PanelsPerPage
	var kids []string
	lossy := false
	quality := e.opts.Quality.preset().jpeg
	for pg := range nPages {
		page, content := pdf.reserve(), pdf.reserve()
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		var cs bytes.Buffer
		var xobjects []string
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
				num := pdf.reserve()
				name := fmt.Sprintf("Im%d", slot+1)
				pdf.stream(num, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode", iw, ih), img)
				xobjects = append(xobjects, fmt.Sprintf("/%s %d 0 R", name, num))
				r := fitBox(imgBox, float64(iw), float64(ih))
				fmt.Fprintf(&cs, "0 g %s %s %s %s re f\n", pdfNum(imgBox[0]), pdfNum(imgBox[1]), pdfNum(imgBox[2]), pdfNum(imgBox[3]))
				fmt.Fprintf(&cs, "q %s 0 0 %s %s %s cm /%s Do Q\n", pdfNum(r[2]), pdfNum(r[3]), pdfNum(r[0]), pdfNum(r[1]), name)
			} else {
				fmt.Fprintf(&cs, "0.88 g %s %s %s %s re f\n", pdfNum(imgBox[0]), pdfNum(imgBox[1]), pdfNum(imgBox[2]), pdfNum(imgBox[3]))
				msg := "Not generated yet"
				tw := face.width(msg, 11, true)
				fmt.Fprintf(&cs, "0.45 g BT %s %s Td %s ET\n", pdfNum(imgBox[0]+(imgBox[2]-tw)/2), pdfNum(imgBox[1]+imgBox[3]/2-4), face.show(msg, 11, true))
			}
			fmt.Fprintf(&cs, "0.6 G 0.6 w %s %s %s %s re S\n", pdfNum(x), pdfNum(y), pdfNum(w), pdfNum(h))
			if e.panelText(&cs, t, s, x, y, w, imgBox[1]) {
				lossy = true
			}
			e.track.add(1)
		}
		cs.WriteString(e.pageFooter(final))
		pdf.flateStream(content, "", cs.Bytes())
		fonts := fmt.Sprintf("/F1 %d 0 R /F2 %d 0 R", font, bold)
		if ferr == nil {
			fonts = strings.TrimSpace(ttf.resources(fontObjs))
		}
		pdf.object(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << /Font << %s >> /XObject << %s >> >> /Contents %d 0 R >>",
			pages, pdfNum(pageW), pdfNum(pageH), fonts, strings.Join(xobjects, " "), content))
	}
	pdf.object(pages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), nPages))
	if ferr == nil {
		if err := ttf.writeFonts(pdf, fontObjs); err != nil {
			return err
		}
	} else {
		pdf.object(font, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
		pdf.object(bold, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	}
	pdf.object(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	prov := e.prov.forFile(final, "storyboard", boolPtr(!e.opts.NoWatermark))
	title := t.Title
	if title == "" {
		title = "Storyboard"
	}
	pdf.object(info, fmt.Sprintf("<< /Title %s /Subject %s /Keywords %s /Creator %s /Producer %s /CreationDate %s /AIProvenance %s >>",
		pdfText(title+" (storyboard)"), pdfText("AI-generated with "+e.opts.App), pdfText("AI-generated, "+e.opts.App),
		pdfText(e.opts.App+" "+e.opts.Version), pdfText(e.opts.App+" export"), pdfDate(e.now), pdfText(prov.embedded(final, prov.Watermark))))
	if err := pdf.finish(catalog, info); err != nil {
		return err
	}
	if lossy && ferr == nil {
		e.notes("some characters have no glyph in the storyboard's fonts and print as empty boxes")
	}
	return writeSidecar(e.out, final, prov)
}

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
		lossy = lossy || face.missing(str)
		return str
	}
	put := func(size float64, bold bool, text string) {
		fmt.Fprintf(cs, "BT %s %s Td %s ET\n", pdfNum(x+panelPad), pdfNum(line), face.show(text, size, bold))
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
	put(headingSize, true, fitText(face, check(heading), width, headingSize, true))
	line -= textLeading + 2

	var lines []string
	lines = append(lines, wrapText(face, check("Camera: "+cameraText(s.Shot)), width, textSize, false)...)
	if len(s.Shot.Cast) > 0 {
		var cast []string
		for _, c := range s.Shot.Cast {
			if c.Role != "" {
				cast = append(cast, c.Handle+" ("+c.Role+")")
			} else {
				cast = append(cast, c.Handle)
			}
		}
		lines = append(lines, wrapText(face, check("Cast: "+strings.Join(cast, ", ")), width, textSize, false)...)
	}
	prompt := strings.TrimSpace(s.Shot.Prompt)
	if prompt == "" {
		prompt = "(no prompt)"
	}
	promptLines := wrapText(face, check(prompt), width, textSize, false)
	var dialogue []string
	for _, d := range s.Shot.Dialogue {
		dialogue = append(dialogue, wrapText(face, check(d.Speaker+": \u201C"+strings.TrimSpace(d.Text)+"\u201D"), width, textSize, false)...)
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
func fitLines(face textFace, lines []string, n int, width float64) []string {
	if n <= 0 {
		return nil
	}
	if len(lines) <= n {
		return lines
	}
	out := append([]string(nil), lines[:n]...)
	out[n-1] = ellipsizeText(face, out[n-1], width, textSize, false)
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
	rw := face.width(right, 9, false)
	y := pageH - pageMargin - 14
	title = fitText(face, title, pageW-2*pageMargin-rw-20, 14, true)
	return fmt.Sprintf("0 g BT %s %s Td %s ET\nBT %s %s Td %s ET\n",
		pdfNum(pageMargin), pdfNum(y), face.show(title, 14, true), pdfNum(pageW-pageMargin-rw), pdfNum(y), face.show(right, 9, false))
}

func (e *exporter) pageFooter(final string) string {
	var s string
	if e.opts.NoWatermark {
		s = fmt.Sprintf("%s %s · exported %s · provenance: %s", e.opts.App, e.opts.Version, e.now.UTC().Format("2006-01-02 15:04 MST"), filepath.Base(sidecarPath(final)))
	} else {
		s = fmt.Sprintf("%s · %s %s · exported %s · provenance: %s", WatermarkText, e.opts.App, e.opts.Version, e.now.UTC().Format("2006-01-02 15:04 MST"), filepath.Base(sidecarPath(final)))
	}
	s = fitText(e.face, s, pageW-2*pageMargin, 7, false)
	return fmt.Sprintf("0.35 g BT %s %s Td %s ET\n", pdfNum(pageMargin), pdfNum(pageMargin), e.face.show(s, 7, false))
}
