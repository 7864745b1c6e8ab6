package format

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// pdfWriter writes a PDF 1.4 file object by object, straight to w, and
// keeps only the byte offset of each object for the cross-reference table.
// Objects are numbered by reserve and may be written in any order.
type pdfWriter struct {
	w       *bufio.Writer
	n       int64
	offsets []int64 // by object number - 1; 0 until written
	err     error
}

func newPDFWriter(w io.Writer) *pdfWriter {
	p := &pdfWriter{w: bufio.NewWriterSize(w, 256<<10)}
	// The comment of high bytes tells tools the file is binary.
	p.printf("%%PDF-1.4\n%%\xE2\xE3\xCF\xD3\n")
	return p
}

func (p *pdfWriter) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	n, err := fmt.Fprintf(p.w, format, args...)
	p.n += int64(n)
	p.err = err
}

func (p *pdfWriter) write(b []byte) {
	if p.err != nil {
		return
	}
	n, err := p.w.Write(b)
	p.n += int64(n)
	p.err = err
}

// reserve returns a new object number.
func (p *pdfWriter) reserve() int {
	p.offsets = append(p.offsets, 0)
	return len(p.offsets)
}

// object writes object num with the given body (a dictionary, array...).
func (p *pdfWriter) object(num int, body string) {
	p.offsets[num-1] = p.n
	p.printf("%d 0 obj\n%s\nendobj\n", num, body)
}

// stream writes object num as a stream with dict's entries (without
// /Length, which is added) and data as it is.
func (p *pdfWriter) stream(num int, dict string, data []byte) {
	p.offsets[num-1] = p.n
	p.printf("%d 0 obj\n<< %s /Length %d >>\nstream\n", num, dict, len(data))
	p.write(data)
	p.printf("\nendstream\nendobj\n")
}

// flateStream writes data compressed with FlateDecode.
func (p *pdfWriter) flateStream(num int, dict string, data []byte) {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
	zw.Write(data)
	zw.Close()
	p.stream(num, strings.TrimSpace(dict+" /Filter /FlateDecode"), buf.Bytes())
}

// finish writes the cross-reference table and trailer and flushes.
func (p *pdfWriter) finish(root, info int) error {
	for i, off := range p.offsets {
		if off == 0 && p.err == nil {
			return fmt.Errorf("writing PDF: object %d was reserved but never written", i+1)
		}
	}
	xref := p.n
	p.printf("xref\n0 %d\n0000000000 65535 f \n", len(p.offsets)+1)
	for _, off := range p.offsets {
		p.printf("%010d 00000 n \n", off)
	}
	p.printf("trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(p.offsets)+1, root, info, xref)
	if p.err != nil {
		return p.err
	}
	return p.w.Flush()
}

// PDF is a PDF 1.4 document written page by page straight to its writer:
// a page's images and content go out as the page is made, so a long
// document never sits in memory whole. Its text is set in one face, whose
// fonts Finish writes.
type PDF struct {
	w                    *pdfWriter
	face                 TextFace
	catalog, pages, info int
	kids                 []string
}

// NewPDF starts a document on w with its text in face (a new face for
// each document: it records what the pages use).
func NewPDF(w io.Writer, face TextFace) *PDF {
	d := &PDF{w: newPDFWriter(w), face: face}
	d.catalog, d.pages, d.info = d.w.reserve(), d.w.reserve(), d.w.reserve()
	face.reserveFonts(d.w)
	return d
}

// Face returns the document's text face.
func (d *PDF) Face() TextFace { return d.face }

// PDFPage is a page being made: draw on it by writing content-stream
// operators (PDF coordinates: points, from the bottom left) to Content,
// with text from the document's face and images named by PDF.Image.
type PDFPage struct {
	Content      bytes.Buffer
	num, content int
	xobjects     []string
}

// NewPage starts the next page.
func (d *PDF) NewPage() *PDFPage {
	p := &PDFPage{}
	p.num, p.content = d.w.reserve(), d.w.reserve()
	d.kids = append(d.kids, fmt.Sprintf("%d 0 R", p.num))
	return p
}

// Image writes jpeg, a baseline RGB JPEG of w x h pixels, into the
// document at once and names it on page p, for "/name Do" in its content.
func (d *PDF) Image(p *PDFPage, name string, jpeg []byte, w, h int) {
	num := d.w.reserve()
	d.w.stream(num, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode", w, h), jpeg)
	p.xobjects = append(p.xobjects, fmt.Sprintf("/%s %d 0 R", name, num))
}

// EndPage writes page p, width x height points, its content compressed.
func (d *PDF) EndPage(p *PDFPage, width, height float64) {
	d.w.flateStream(p.content, "", p.Content.Bytes())
	d.w.object(p.num, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << /Font << %s >> /XObject << %s >> >> /Contents %d 0 R >>",
		d.pages, PDFNum(width), PDFNum(height), d.face.fontResources(), strings.Join(p.xobjects, " "), p.content))
}

// PDFInfo is a document's information dictionary. Its texts may hold any
// character.
type PDFInfo struct {
	Title, Subject, Keywords, Creator, Producer string
	Created                                     time.Time
	// Extra are further entries, after those: a name (without "/") and a
	// text.
	Extra [][2]string
}

// Finish writes the page tree, the fonts, the catalog and info, and the
// cross-reference table, and flushes.
func (d *PDF) Finish(info PDFInfo) error {
	d.w.object(d.pages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(d.kids, " "), len(d.kids)))
	if err := d.face.writeFonts(d.w); err != nil {
		return err
	}
	d.w.object(d.catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", d.pages))
	var b strings.Builder
	fmt.Fprintf(&b, "<< /Title %s /Subject %s /Keywords %s /Creator %s /Producer %s /CreationDate %s",
		pdfText(info.Title), pdfText(info.Subject), pdfText(info.Keywords), pdfText(info.Creator), pdfText(info.Producer), pdfDate(info.Created))
	for _, kv := range info.Extra {
		fmt.Fprintf(&b, " /%s %s", pdfName(kv[0]), pdfText(kv[1]))
	}
	b.WriteString(" >>")
	d.w.object(d.info, b.String())
	return d.w.finish(d.catalog, d.info)
}

// pdfString returns a literal string of WinAnsi bytes, with the
// characters that would end or escape it escaped and every byte outside
// printable ASCII written in octal.
func pdfString(b []byte) string {
	var s strings.Builder
	s.WriteByte('(')
	for _, c := range b {
		switch {
		case c == '(' || c == ')' || c == '\\':
			s.WriteByte('\\')
			s.WriteByte(c)
		case c < 0x20 || c >= 0x7F:
			fmt.Fprintf(&s, "\\%03o", c)
		default:
			s.WriteByte(c)
		}
	}
	s.WriteByte(')')
	return s.String()
}

// pdfText returns s as a PDF text string for the document information
// dictionary: UTF-16BE with a byte order mark, in hex, so any character
// survives.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// pdfDate formats t as a PDF date, D:YYYYMMDDHHmmSSZ.
func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// PDFNum formats a coordinate with at most two decimals.
func PDFNum(v float64) string {
	return strconv.FormatFloat(float64(int64(v*100+0.5*sign(v)))/100, 'f', -1, 64)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
