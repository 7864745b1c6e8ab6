package format

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"
)

// TextFace measures text and writes it into a PDF's content streams: the
// standard Helvetica fonts (StandardFace) or embedded TrueType subsets
// (TTFFace). A document is written with one face (see NewPDF).
type TextFace interface {
	// Width is s's width in points at size.
	Width(s string, size float64, bold bool) float64
	// Show returns the content-stream operators that select the font(s)
	// and show s (inside BT … ET, after the position is set).
	Show(s string, size float64, bold bool) string
	// Missing reports whether some of s cannot be printed as written.
	Missing(s string) bool
	// reserveFonts numbers the font objects as the document starts,
	// fontResources returns a page's /Font entries, and writeFonts
	// writes the fonts once the pages are done: only this package's
	// faces know how.
	reserveFonts(p *pdfWriter)
	fontResources() string
	writeFonts(p *pdfWriter) error
}

var (
	_ TextFace = (*StandardFace)(nil)
	_ TextFace = (*TTFFace)(nil)
)

// StandardFace is the fallback without font files: the standard Helvetica
// fonts in WinAnsiEncoding (text outside it prints as "?"), named by the
// PDF and not embedded. Use a new one for each document.
type StandardFace struct {
	regular, bold int // the fonts' object numbers
}

// Width implements TextFace.
func (*StandardFace) Width(s string, size float64, bold bool) float64 {
	b, _ := ToWinAnsi(s)
	return textWidthPt(b, size, bold)
}

// Show implements TextFace.
func (*StandardFace) Show(s string, size float64, bold bool) string {
	b, _ := ToWinAnsi(s)
	font := "F1"
	if bold {
		font = "F2"
	}
	return fmt.Sprintf("/%s %s Tf %s Tj", font, PDFNum(size), pdfString(b))
}

// Missing implements TextFace.
func (*StandardFace) Missing(s string) bool { _, lossy := ToWinAnsi(s); return lossy }

func (f *StandardFace) reserveFonts(p *pdfWriter) { f.regular, f.bold = p.reserve(), p.reserve() }

func (f *StandardFace) fontResources() string {
	return fmt.Sprintf("/F1 %d 0 R /F2 %d 0 R", f.regular, f.bold)
}

func (f *StandardFace) writeFonts(p *pdfWriter) error {
	p.object(f.regular, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	p.object(f.bold, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	return nil
}

// Font files the storyboard embeds, in fallback order: DejaVu Sans
// (Latin, Greek, Cyrillic, Arabic, symbols; Debian fonts-dejavu-core) and
// Droid Sans Fallback (CJK; Debian fonts-droid-fallback). A character
// neither has prints as the first font's empty box.
var (
	regularFonts = []string{"dejavu/DejaVuSans.ttf", "droid/DroidSansFallbackFull.ttf"}
	boldFonts    = []string{"dejavu/DejaVuSans-Bold.ttf", "droid/DroidSansFallbackFull.ttf"}
)

// FontDirs are the folders NewTTFFace is usually given: where Debian and
// most Linux systems keep TrueType fonts.
var FontDirs = []string{"/usr/share/fonts/truetype", "/usr/local/share/fonts/truetype", "/usr/share/fonts"}

// findFont returns the path of a font file named rel under one of dirs.
func findFont(dirs []string, rel string) string {
	for _, d := range dirs {
		p := filepath.Join(d, rel)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// TTFFace prints with embedded TrueType subsets: DejaVu Sans, and Droid
// Sans Fallback for the characters it lacks (CJK). It remembers the glyphs
// shown, to embed just those: use a new one for each document.
type TTFFace struct {
	regular, bold []*ttfFont
	fonts         []*ttfFont // distinct, in resource order (T0, T1, …)
	used          map[*ttfFont]map[uint16]rune
	buf           sfnt.Buffer
	objs          []int // five reserved objects per font (see writeFonts)
}

// NewTTFFace loads the font chains from under dirs (FontDirs, usually),
// or says which files are missing.
func NewTTFFace(dirs []string) (*TTFFace, error) {
	f := &TTFFace{used: map[*ttfFont]map[uint16]rune{}}
	load := func(rels []string) ([]*ttfFont, error) {
		var chain []*ttfFont
		for _, rel := range rels {
			p := findFont(dirs, rel)
			if p == "" {
				return nil, fmt.Errorf("font %s is not installed (make deps installs fonts-dejavu-core and fonts-droid-fallback)", filepath.Base(rel))
			}
			font, err := loadTTF(p, strings.TrimSuffix(filepath.Base(rel), ".ttf"))
			if err != nil {
				return nil, err
			}
			chain = append(chain, font)
		}
		return chain, nil
	}
	var err error
	if f.regular, err = load(regularFonts); err != nil {
		return nil, err
	}
	if f.bold, err = load(boldFonts); err != nil {
		return nil, err
	}
	for _, font := range append(append([]*ttfFont(nil), f.regular...), f.bold...) {
		if f.index(font) < 0 {
			f.fonts = append(f.fonts, font)
		}
	}
	return f, nil
}

func (f *TTFFace) index(font *ttfFont) int {
	for i, g := range f.fonts {
		if g == font {
			return i
		}
	}
	return -1
}

// glyphRun is text in one font, as glyph ids.
type glyphRun struct {
	font   *ttfFont
	glyphs []uint16
	runes  []rune
}

// runs splits s into runs of the first font in the chain that has each
// character; a character none has is glyph 0 (a box) of the first.
func (f *TTFFace) runs(s string, bold bool) []glyphRun {
	chain := f.regular
	if bold {
		chain = f.bold
	}
	var out []glyphRun
	for _, r := range s {
		if r < 0x20 || r == 0x7F {
			r = ' '
		}
		font, g := chain[0], uint16(0)
		for _, c := range chain {
			if gg := c.glyph(&f.buf, r); gg != 0 {
				font, g = c, gg
				break
			}
		}
		if n := len(out); n == 0 || out[n-1].font != font {
			out = append(out, glyphRun{font: font})
		}
		run := &out[len(out)-1]
		run.glyphs = append(run.glyphs, g)
		run.runes = append(run.runes, r)
	}
	return out
}

// Width implements TextFace.
func (f *TTFFace) Width(s string, size float64, bold bool) float64 {
	var w float64
	for _, run := range f.runs(s, bold) {
		for _, g := range run.glyphs {
			w += run.font.advance(g)
		}
	}
	return w * size / 1000
}

// Show implements TextFace.
func (f *TTFFace) Show(s string, size float64, bold bool) string {
	var b strings.Builder
	for _, run := range f.runs(s, bold) {
		used := f.used[run.font]
		if used == nil {
			used = map[uint16]rune{}
			f.used[run.font] = used
		}
		fmt.Fprintf(&b, "/T%d %s Tf <", f.index(run.font), PDFNum(size))
		for i, g := range run.glyphs {
			if _, ok := used[g]; !ok {
				used[g] = run.runes[i]
				if g == 0 {
					used[g] = 0xFFFD
				}
			}
			fmt.Fprintf(&b, "%04X", g)
		}
		b.WriteString("> Tj ")
	}
	return strings.TrimSpace(b.String())
}

// Missing implements TextFace.
func (f *TTFFace) Missing(s string) bool {
	for _, run := range f.runs(s, false) {
		for _, g := range run.glyphs {
			if g == 0 {
				return true
			}
		}
	}
	return false
}

func (f *TTFFace) reserveFonts(p *pdfWriter) {
	f.objs = f.objs[:0]
	for range 5 * len(f.fonts) {
		f.objs = append(f.objs, p.reserve())
	}
}

// fontResources returns the /Font entries of the face's fonts.
func (f *TTFFace) fontResources() string {
	var b strings.Builder
	for i := range f.fonts {
		fmt.Fprintf(&b, " /T%d %d 0 R", i, f.objs[5*i])
	}
	return strings.TrimSpace(b.String())
}

// writeFonts writes each font as a Type0 font over a CIDFontType2 subset
// with its widths and a ToUnicode map, in the objects reserveFonts
// reserved (five per font: the font, the CID font, the descriptor, the
// font file and the ToUnicode stream).
func (f *TTFFace) writeFonts(pdf *pdfWriter) error {
	objs := f.objs
	for i, font := range f.fonts {
		used := f.used[font]
		if used == nil {
			used = map[uint16]rune{}
		}
		o := objs[5*i : 5*i+5]
		// A subset's name starts with six capital letters and "+".
		name := fmt.Sprintf("KINOA%c+%s", 'A'+i, pdfName(font.name))
		data, err := font.subset(used)
		if err != nil {
			return fmt.Errorf("embedding %s: %w", font.path, err)
		}
		gids := make([]int, 0, len(used))
		for g := range used {
			gids = append(gids, int(g))
		}
		sort.Ints(gids)
		var w strings.Builder
		for _, g := range gids {
			fmt.Fprintf(&w, "%d [%s] ", g, PDFNum(font.advance(uint16(g))))
		}
		scale := func(v int16) string { return PDFNum(float64(v) * 1000 / float64(font.unitsPerEm)) }
		pdf.object(o[0], fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, o[1], o[4]))
		pdf.object(o[1], fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>", name, o[2], strings.TrimSpace(w.String())))
		pdf.object(o[2], fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%s %s %s %s] /ItalicAngle 0 /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R >>",
			name, scale(font.bbox[0]), scale(font.bbox[1]), scale(font.bbox[2]), scale(font.bbox[3]), scale(font.ascent), scale(font.descent), scale(font.ascent), o[3]))
		pdf.flateStream(o[3], fmt.Sprintf("/Length1 %d", len(data)), data)
		pdf.flateStream(o[4], "", toUnicodeCMap(gids, used))
	}
	return nil
}

// toUnicodeCMap maps each glyph id to the character it was used for.
func toUnicodeCMap(gids []int, used map[uint16]rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(gids); start += 100 {
		chunk := gids[start:min(start+100, len(gids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{used[uint16(g)]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

// pdfName keeps the letters, digits and '-' of s, for a PDF name.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (r == '-' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// WrapText breaks text into lines at most width points wide, at spaces
// where it can and between characters where a word is wider than a line
// (CJK text has no spaces).
func WrapText(face TextFace, text string, width, size float64, bold bool) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		for face.Width(word, size, bold) > width {
			r := []rune(word)
			n := 1
			for n < len(r) && face.Width(string(r[:n+1]), size, bold) <= width {
				n++
			}
			if cur != "" {
				// The start of a long word fills the current line.
				rest := width - face.Width(cur+" ", size, bold)
				k := 0
				for k < len(r) && face.Width(string(r[:k+1]), size, bold) <= rest {
					k++
				}
				if k > 0 && k < len(r) {
					lines = append(lines, cur+" "+string(r[:k]))
					cur, word = "", string(r[k:])
					continue
				}
				lines = append(lines, cur)
				cur = ""
			}
			lines = append(lines, string(r[:n]))
			word = string(r[n:])
		}
		if word == "" {
			continue
		}
		if cur == "" {
			cur = word
			continue
		}
		if try := cur + " " + word; face.Width(try, size, bold) <= width {
			cur = try
			continue
		}
		lines = append(lines, cur)
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// EllipsizeText cuts line so that it and a final "…" fit width.
func EllipsizeText(face TextFace, line string, width, size float64, bold bool) string {
	r := []rune(line)
	for len(r) > 0 && face.Width(string(r)+"…", size, bold) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// FitText returns line, ellipsized when it is wider than width.
func FitText(face TextFace, line string, width, size float64, bold bool) string {
	if face.Width(line, size, bold) <= width {
		return line
	}
	return EllipsizeText(face, line, width, size, bold)
}
