package format

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pdfToText runs poppler's pdftotext on data, failing (never skipping)
// when it is not installed.
func pdfToText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed; run make deps (it installs poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "-enc", "UTF-8", path, "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// checkXref checks that every cross-reference entry points at its object.
func checkXref(t *testing.T, data []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	lines := strings.Split(string(data[at:]), "\n")
	if lines[0] != "xref" {
		t.Fatalf("startxref points at %q", lines[0])
	}
	f := strings.Fields(lines[1])
	count, err := strconv.Atoi(f[len(f)-1])
	if len(f) != 2 || f[0] != "0" || err != nil {
		t.Fatalf("xref header %q", lines[1])
	}
	for num := 1; num < count; num++ {
		off, _ := strconv.Atoi(lines[2+num][:10])
		if want := strconv.Itoa(num) + " 0 obj\n"; !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Fatalf("xref entry %d points at %q", num, data[off:off+20])
		}
	}
}

// A document of two pages, an image on the first, in either face: its
// cross-reference table is right and poppler reads its text back.
func TestPDFDocument(t *testing.T) {
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 32, 18))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(3, 3, color.RGBA{255, 0, 0, 255})
	if err := jpeg.Encode(&pic, img, nil); err != nil {
		t.Fatal(err)
	}
	ttf, err := NewTTFFace(FontDirs)
	if err != nil {
		t.Fatalf("the TrueType fonts: %v", err)
	}
	for _, c := range []struct {
		face TextFace
		text string // what pdftotext gives back for "Zoë 花火"
	}{{&StandardFace{}, "Zoë ??"}, {ttf, "Zoë 花火"}} {
		var buf bytes.Buffer
		d := NewPDF(&buf, c.face)
		if d.Face() != c.face {
			t.Fatal("Face is not the document's face")
		}
		for n := range 2 {
			p := d.NewPage()
			if n == 0 {
				d.Image(p, "Im1", pic.Bytes(), 32, 18)
				p.Content.WriteString("q 320 0 0 180 50 300 cm /Im1 Do Q\n")
			}
			p.Content.WriteString("0 g BT 50 100 Td " + c.face.Show("Zoë 花火 page "+strconv.Itoa(n+1), 12, n == 1) + " ET\n")
			d.EndPage(p, 595, 842)
		}
		info := PDFInfo{Title: "Strand ü 花火", Producer: "test", Created: time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC), Extra: [][2]string{{"AIProvenance", "made by a test"}}}
		if err := d.Finish(info); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		checkXref(t, data)
		for _, want := range []string{"/Count 2", "/Title <FEFF", "/CreationDate (D:20260314150926Z)", "/AIProvenance <FEFF", "/Subtype /Image /Width 32 /Height 18"} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("%T: no %q in the document", c.face, want)
			}
		}
		text := pdfToText(t, data)
		for n := range 2 {
			if want := c.text + " page " + strconv.Itoa(n+1); !strings.Contains(text, want) {
				t.Errorf("%T: pdftotext gave %q, want %q", c.face, text, want)
			}
		}
	}
}

// A document must write every object it reserves.
func TestPDFRefusesUnwrittenObjects(t *testing.T) {
	var buf bytes.Buffer
	d := NewPDF(&buf, &StandardFace{})
	d.NewPage() // never ended
	if err := d.Finish(PDFInfo{}); err == nil || !strings.Contains(err.Error(), "never written") {
		t.Fatalf("err = %v", err)
	}
}
