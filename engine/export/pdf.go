package export

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

// pdfNum formats a coordinate with at most two decimals.
func pdfNum(v float64) string {
	return strconv.FormatFloat(float64(int64(v*100+0.5*sign(v)))/100, 'f', -1, 64)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
