package export

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"
)

// textFace is how the storyboard measures and writes text.
type textFace interface {
	// width is s's width in points at size.
	width(s string, size float64, bold bool) float64
	// show returns the content-stream operators that select the font(s)
	// and show s (inside BT … ET, after the position is set).
	show(s string, size float64, bold bool) string
	// missing reports whether some of s cannot be printed as written.
	missing(s string) bool
}

// winAnsiFace is the fallback without font files: the standard Helvetica
// fonts in WinAnsiEncoding (text outside it prints as "?").
type winAnsiFace struct{}

func (winAnsiFace) width(s string, size float64, bold bool) float64 {
	b, _ := toWinAnsi(s)
	return textWidthPt(b, size, bold)
}

func (winAnsiFace) show(s string, size float64, bold bool) string {
	b, _ := toWinAnsi(s)
	font := "F1"
	if bold {
		font = "F2"
	}
	return fmt.Sprintf("/%s %s Tf %s Tj", font, pdfNum(size), pdfString(b))
}

func (winAnsiFace) missing(s string) bool { _, lossy := toWinAnsi(s); return lossy }

// Font files the storyboard embeds, in fallback order: DejaVu Sans
// (Latin, Greek, Cyrillic, Arabic, symbols; Debian fonts-dejavu-core) and
// Droid Sans Fallback (CJK; Debian fonts-droid-fallback). A character
// neither has prints as the first font's empty box.
var (
	regularFonts = []string{"dejavu/DejaVuSans.ttf", "droid/DroidSansFallbackFull.ttf"}
	boldFonts    = []string{"dejavu/DejaVuSans-Bold.ttf", "droid/DroidSansFallbackFull.ttf"}
	fontDirs     = []string{"/usr/share/fonts/truetype", "/usr/local/share/fonts/truetype", "/usr/share/fonts"}
)

// findFont returns the path of a font file named rel under a font folder.
func findFont(rel string) string {
	for _, d := range fontDirs {
		p := filepath.Join(d, rel)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// ttfFace prints with embedded TrueType subsets.
type ttfFace struct {
	regular, bold []*ttfFont
	fonts         []*ttfFont // distinct, in resource order (T0, T1, …)
	used          map[*ttfFont]map[uint16]rune
	buf           sfnt.Buffer
}

// newTTFFace loads the font chains, or says which files are missing.
func newTTFFace() (*ttfFace, error) {
	f := &ttfFace{used: map[*ttfFont]map[uint16]rune{}}
	load := func(rels []string) ([]*ttfFont, error) {
		var chain []*ttfFont
		for _, rel := range rels {
			p := findFont(rel)
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

func (f *ttfFace) index(font *ttfFont) int {
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
func (f *ttfFace) runs(s string, bold bool) []glyphRun {
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

func (f *ttfFace) width(s string, size float64, bold bool) float64 {
	var w float64
	for _, run := range f.runs(s, bold) {
		for _, g := range run.glyphs {
			w += run.font.advance(g)
		}
	}
	return w * size / 1000
}

func (f *ttfFace) show(s string, size float64, bold bool) string {
	var b strings.Builder
	for _, run := range f.runs(s, bold) {
		used := f.used[run.font]
		if used == nil {
			used = map[uint16]rune{}
			f.used[run.font] = used
		}
		fmt.Fprintf(&b, "/T%d %s Tf <", f.index(run.font), pdfNum(size))
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

func (f *ttfFace) missing(s string) bool {
	for _, run := range f.runs(s, false) {
		for _, g := range run.glyphs {
			if g == 0 {
				return true
			}
		}
	}
	return false
}

// resources returns the /Font entries of the faces' fonts, given their
// reserved object numbers (five per font: see writeFonts).
func (f *ttfFace) resources(objs []int) string {
	var b strings.Builder
	for i := range f.fonts {
		fmt.Fprintf(&b, " /T%d %d 0 R", i, objs[5*i])
	}
	return b.String()
}

// writeFonts writes each font as a Type0 font over a CIDFontType2 subset
// with its widths and a ToUnicode map, in the objects reserved in objs
// (five per font: the font, the CID font, the descriptor, the font file
// and the ToUnicode stream).
func (f *ttfFace) writeFonts(pdf *pdfWriter, objs []int) error {
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
			fmt.Fprintf(&w, "%d [%s] ", g, pdfNum(font.advance(uint16(g))))
		}
		scale := func(v int16) string { return pdfNum(float64(v) * 1000 / float64(font.unitsPerEm)) }
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

// wrapText breaks text into lines at most width points wide, at spaces
// where it can and between characters where a word is wider than a line
// (CJK text has no spaces).
func wrapText(face textFace, text string, width, size float64, bold bool) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		for face.width(word, size, bold) > width {
			r := []rune(word)
			n := 1
			for n < len(r) && face.width(string(r[:n+1]), size, bold) <= width {
				n++
			}
			if cur != "" {
				// The start of a long word fills the current line.
				rest := width - face.width(cur+" ", size, bold)
				k := 0
				for k < len(r) && face.width(string(r[:k+1]), size, bold) <= rest {
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
		if try := cur + " " + word; face.width(try, size, bold) <= width {
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

// ellipsizeText cuts line so that it and a final "…" fit width.
func ellipsizeText(face textFace, line string, width, size float64, bold bool) string {
	r := []rune(line)
	for len(r) > 0 && face.width(string(r)+"…", size, bold) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// fitText returns line, ellipsized when it is wider than width.
func fitText(face textFace, line string, width, size float64, bold bool) string {
	if face.width(line, size, bold) <= width {
		return line
	}
	return ellipsizeText(face, line, width, size, bold)
}
