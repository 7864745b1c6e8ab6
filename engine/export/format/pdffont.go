package format

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// TrueType fonts embedded in the storyboard PDF. A font is embedded as a
// CIDFontType2 (Identity-H: each character is written as its two-byte
// glyph id) with a ToUnicode map, so any character the font has prints,
// and text extraction (pdftotext, search, copy) gives the characters
// back. Only the glyphs used are kept: the subset keeps every glyph id in
// place and empties the others, which keeps the tables simple and the
// file small after compression.

// ttfFont is a parsed TrueType font file.
type ttfFont struct {
	path       string
	name       string // PostScript-safe name for the PDF
	data       []byte
	sf         *sfnt.Font
	tables     map[string][]byte
	unitsPerEm int
	advances   []uint16 // by glyph id
	locaLong   bool
	numGlyphs  int
	ascent     int16
	descent    int16
	bbox       [4]int16
}

// fontCache keeps parsed fonts for the life of the process.
var fontCache sync.Map // path → *ttfFont or error

// loadTTF reads and parses the TrueType font at path (not a collection,
// and with TrueType outlines: a glyf table).
func loadTTF(path, name string) (*ttfFont, error) {
	if v, ok := fontCache.Load(path); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*ttfFont), nil
	}
	f, err := parseTTF(path, name)
	if err != nil {
		fontCache.Store(path, err)
		return nil, err
	}
	fontCache.Store(path, f)
	return f, nil
}

func parseTTF(path, name string) (*ttfFont, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 {
		return nil, fmt.Errorf("font %s is too short", path)
	}
	be := binary.BigEndian
	if v := be.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("font %s is not a TrueType font (a collection or CFF outlines)", path)
	}
	f := &ttfFont{path: path, name: name, data: data, tables: map[string][]byte{}}
	n := int(be.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if len(rec) < 16 {
			return nil, fmt.Errorf("font %s: table directory is cut off", path)
		}
		tag := string(rec[:4])
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("font %s: table %s is outside the file", path, tag)
		}
		f.tables[tag] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("font %s has no %s table (Kino embeds TrueType-outline fonts)", path, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("font %s: head, hhea or maxp is too short", path)
	}
	f.unitsPerEm = int(be.Uint16(head[18:]))
	for i := range 4 {
		f.bbox[i] = int16(be.Uint16(head[36+2*i:]))
	}
	f.locaLong = be.Uint16(head[50:]) == 1
	f.numGlyphs = int(be.Uint16(maxp[4:]))
	f.ascent, f.descent = int16(be.Uint16(hhea[4:])), int16(be.Uint16(hhea[6:]))
	nh := int(be.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if nh < 1 || len(hmtx) < 4*nh || f.unitsPerEm == 0 {
		return nil, fmt.Errorf("font %s: bad metrics", path)
	}
	f.advances = make([]uint16, f.numGlyphs)
	for g := range f.numGlyphs {
		f.advances[g] = be.Uint16(hmtx[4*min(g, nh-1):])
	}
	if f.sf, err = sfnt.Parse(data); err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	return f, nil
}

// glyph returns r's glyph id, 0 when the font lacks it.
func (f *ttfFont) glyph(buf *sfnt.Buffer, r rune) uint16 {
	g, err := f.sf.GlyphIndex(buf, r)
	if err != nil {
		return 0
	}
	return uint16(g)
}

// advance returns glyph g's advance in thousandths of the font size.
func (f *ttfFont) advance(g uint16) float64 {
	if int(g) >= len(f.advances) {
		return 0
	}
	return float64(f.advances[g]) * 1000 / float64(f.unitsPerEm)
}

// glyphData returns glyph g's outline bytes.
func (f *ttfFont) glyphData(g int) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	be := binary.BigEndian
	var a, b int
	if f.locaLong {
		if 4*(g+2) > len(loca) {
			return nil
		}
		a, b = int(be.Uint32(loca[4*g:])), int(be.Uint32(loca[4*g+4:]))
	} else {
		if 2*(g+2) > len(loca) {
			return nil
		}
		a, b = 2*int(be.Uint16(loca[2*g:])), 2*int(be.Uint16(loca[2*g+2:]))
	}
	if a > b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// components returns the glyph ids a composite glyph is built from.
func components(data []byte) []int {
	be := binary.BigEndian
	if len(data) < 10 || int16(be.Uint16(data)) >= 0 {
		return nil
	}
	var out []int
	p := 10
	for p+4 <= len(data) {
		flags := be.Uint16(data[p:])
		out = append(out, int(be.Uint16(data[p+2:])))
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

// subset returns a TrueType file with only the glyphs in used (and glyph
// 0, and the parts of composite glyphs) kept, every glyph id unchanged.
func (f *ttfFont) subset(used map[uint16]rune) ([]byte, error) {
	keep := map[int]bool{0: true}
	var queue []int
	for g := range used {
		queue = append(queue, int(g))
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if keep[g] && g != 0 || g >= f.numGlyphs {
			continue
		}
		keep[g] = true
		queue = append(queue, components(f.glyphData(g))...)
	}
	be := binary.BigEndian
	var glyf []byte
	loca := make([]byte, 4*(f.numGlyphs+1))
	for g := range f.numGlyphs {
		be.PutUint32(loca[4*g:], uint32(len(glyf)))
		if keep[g] {
			glyf = append(glyf, f.glyphData(g)...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	be.PutUint32(loca[4*f.numGlyphs:], uint32(len(glyf)))
	head := append([]byte(nil), f.tables["head"]...)
	be.PutUint16(head[50:], 1) // long loca
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	tables := map[string][]byte{"head": head, "loca": loca, "glyf": glyf}
	for _, t := range []string{"hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	out := make([]byte, 12+16*n)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	be.PutUint16(out[6:], uint16(16<<es))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*n-16<<es))
	var headAt int
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(b))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	if len(out) > 1<<30 {
		return nil, errors.New("the font subset is too large")
	}
	return out, nil
}

// checksum is the TrueType table checksum.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
