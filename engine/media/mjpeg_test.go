package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMJPEGRoundTripQuality(t *testing.T) {
	for _, size := range []image.Point{{640, 360}, {1280, 720}, {333, 187}} {
		data, src := encodeStream(t, size.X, size.Y, 3, 85)
		rd, err := OpenMJPEG(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		if rd.Len() != 3 {
			t.Fatalf("%v: Len = %d, want 3", size, rd.Len())
		}
		for i := range 3 {
			img, err := rd.Frame(i)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := img.(*image.YCbCr); !ok {
				t.Errorf("%v frame %d decodes to %T, want *image.YCbCr", size, i, img)
			}
			if p := psnr(t, src[i], img); p < 30 {
				t.Errorf("%v frame %d: PSNR %.1f dB, want >= 30", size, i, p)
			}
		}
	}
}

// recordWriter keeps every Write call separately.
type recordWriter struct{ writes [][]byte }

func (r *recordWriter) Write(p []byte) (int, error) {
	r.writes = append(r.writes, bytes.Clone(p))
	return len(p), nil
}

func TestRandomAccessMatchesSequential(t *testing.T) {
	const n = 12
	var rec recordWriter
	mw := NewMJPEGWriter(&rec, 80)
	for i := range n {
		if err := mw.WriteFrame(testFrame(320, 180, i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.writes) != n || mw.Frames() != n {
		t.Fatalf("%d writes, Frames() = %d; want one write per frame (%d)", len(rec.writes), mw.Frames(), n)
	}
	stream := bytes.Join(rec.writes, nil)
	rd, err := OpenMJPEG(bytes.NewReader(stream), int64(len(stream)))
	if err != nil {
		t.Fatal(err)
	}
	if rd.Len() != n {
		t.Fatalf("Len = %d, want %d", rd.Len(), n)
	}
	seq := make([]image.Image, n)
	for i, b := range rec.writes {
		seq[i] = must(jpeg.Decode(bytes.NewReader(b)))
	}
	for _, i := range rand.New(rand.NewPCG(1, 2)).Perm(n) {
		b, err := rd.FrameBytes(i)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, rec.writes[i]) {
			t.Fatalf("FrameBytes(%d) is not the frame written", i)
		}
		img, err := rd.Frame(i)
		if err != nil {
			t.Fatal(err)
		}
		sameYCbCr(t, fmt.Sprintf("frame %d", i), seq[i], img)
	}
	// Neighbouring frames really differ, so a wrong index would show.
	if p := psnr(t, seq[0], seq[5]); p > 40 {
		t.Fatalf("test frames 0 and 5 are too alike (PSNR %.1f)", p)
	}
	for _, i := range []int{-1, n} {
		if _, err := rd.Frame(i); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("frame %d", i)) {
			t.Errorf("Frame(%d): error %v should name the frame", i, err)
		}
	}
}

// handFrame builds a JPEG with the marker features the indexer must step
// over: an APP1 segment whose payload holds FF D8 and FF D9, a comment, fill
// bytes before markers, stuffed zeros and restart markers in the scan.
func handFrame(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := newFrameEncoder(75, 3).encode(&buf, testFrame(512, 288, 7)); err != nil {
		t.Fatal(err)
	}
	j := buf.Bytes()
	if !bytes.Contains(j, []byte{0xFF, 0xD1}) || !bytes.Contains(j, []byte{0xFF, 0x00}) {
		t.Fatal("the test frame should have restart markers and stuffed zeros")
	}
	payload := []byte("Exif\x00\x00\xFF\xD8\xFF\xD9 not a marker \xFF\xD9")
	app1 := append([]byte{0xFF, 0xE1, 0, byte(len(payload) + 2)}, payload...)
	com := append([]byte{0xFF, 0xFF, 0xFF, 0xFE, 0, 7}, "kino!"...) // fill bytes, then COM
	out := append([]byte{0xFF, 0xD8}, app1...)
	out = append(out, com...)
	out = append(out, j[2:len(j)-2]...)
	out = append(out, 0xFF, 0xFF, 0xD9) // fill byte before EOI
	return out
}

func TestIndexStepsOverSegmentsStuffingAndRestarts(t *testing.T) {
	f := handFrame(t)
	want := must(jpeg.Decode(bytes.NewReader(f)))
	stream := bytes.Join([][]byte{f, f, f}, nil)
	rd, err := OpenMJPEG(bytes.NewReader(stream), int64(len(stream)))
	if err != nil {
		t.Fatal(err)
	}
	if rd.Len() != 3 {
		t.Fatalf("Len = %d, want 3", rd.Len())
	}
	for i := range 3 {
		if b := must(rd.FrameBytes(i)); !bytes.Equal(b, f) {
			t.Fatalf("frame %d: %d bytes, want %d", i, len(b), len(f))
		}
		sameYCbCr(t, "hand-made frame", want, must(rd.Frame(i)))
	}
}

func TestIndexAcrossWindowBoundary(t *testing.T) {
	// Enough frames that markers and frames straddle the 1 MiB scan window.
	data, _ := encodeStream(t, 640, 360, 1, 100)
	var stream []byte
	for len(stream) < 3*scanWindow {
		stream = append(stream, data...)
	}
	n := len(stream) / len(data)
	rd, err := OpenMJPEG(bytes.NewReader(stream), int64(len(stream)))
	if err != nil || rd.Len() != n {
		t.Fatalf("Len %d (want %d), err %v", rd.Len(), n, err)
	}
	for i := range n {
		if b := must(rd.FrameBytes(i)); !bytes.Equal(b, data) {
			t.Fatalf("frame %d is %d bytes, want %d", i, len(b), len(data))
		}
	}
}

func TestTruncatedStreamKeepsEarlierFrames(t *testing.T) {
	const n = 4
	var rec recordWriter
	mw := NewMJPEGWriter(&rec, 85)
	for i := range n {
		if err := mw.WriteFrame(testFrame(400, 240, i)); err != nil {
			t.Fatal(err)
		}
	}
	stream := bytes.Join(rec.writes, nil)
	lastStart := len(stream) - len(rec.writes[n-1])
	last := rec.writes[n-1]
	sos := bytes.Index(last, []byte{0xFF, 0xDA})
	for name, cut := range map[string]int{
		"one byte":           lastStart + 1,
		"after SOI":          lastStart + 2,
		"inside a header":    lastStart + 30,
		"inside the SOS":     lastStart + sos + 5,
		"inside the scan":    lastStart + len(last)/2,
		"before EOI":         len(stream) - 2,
		"between EOI's FFD9": len(stream) - 1,
	} {
		t.Run(name, func(t *testing.T) {
			s := stream[:cut]
			rd, err := OpenMJPEG(bytes.NewReader(s), int64(len(s)))
			var de *DamageError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a *DamageError", err)
			}
			if de.Frame != n-1 || !strings.Contains(err.Error(), fmt.Sprintf("frame %d", n-1)) {
				t.Errorf("error %q should name frame %d", err, n-1)
			}
			if rd == nil || rd.Len() != n-1 {
				t.Fatalf("the frames before the damage should stay readable")
			}
			for i := range n - 1 {
				if _, err := rd.Frame(i); err != nil {
					t.Errorf("frame %d: %v", i, err)
				}
			}
			if _, err := rd.Frame(n - 1); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("frame %d", n-1)) {
				t.Errorf("Frame(%d) error %v should name the frame", n-1, err)
			}
			if rd.Damage() != err {
				t.Errorf("Damage() = %v, want %v", rd.Damage(), err)
			}
		})
	}
}

func TestCorruptStreams(t *testing.T) {
	var rec recordWriter
	mw := NewMJPEGWriter(&rec, 85)
	for i := range 5 {
		if err := mw.WriteFrame(testFrame(160, 96, i)); err != nil {
			t.Fatal(err)
		}
	}
	start := func(i int) int { return len(bytes.Join(rec.writes[:i], nil)) }
	stream := bytes.Join(rec.writes, nil)
	damaged := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(stream)) }
	cases := []struct {
		name  string
		data  []byte
		frame int
		text  string
	}{
		{"SOI overwritten", damaged(func(b []byte) []byte { b[start(3)] = 0x00; return b }), 3, "start-of-image"},
		{"segment length zero", damaged(func(b []byte) []byte { b[start(2)+4], b[start(2)+5] = 0, 0; return b }), 2, "invalid length"},
		{"segment runs past the end", damaged(func(b []byte) []byte { b[start(4)+4], b[start(4)+5] = 0xFF, 0xF0; return b }), 4, "ends in the middle"},
		{"garbage after the stream", append(bytes.Clone(stream), "junk"...), 5, "start-of-image"},
		{"EOI lost", damaged(func(b []byte) []byte { return append(b[:start(2)-2], b[start(2):]...) }), 1, "no end-of-image"},
		{"not JPEG at all", []byte("RIFF....WAVEfmt "), 0, "start-of-image"},
		{"stray byte between segments", damaged(func(b []byte) []byte {
			s := start(1)
			return append(append(b[:s+2:s+2], 0x42), b[s+2:]...)
		}), 1, "expected a marker"},
	}
	for _, c := range cases {
		rd, err := OpenMJPEG(bytes.NewReader(c.data), int64(len(c.data)))
		var de *DamageError
		if !errors.As(err, &de) || de.Frame != c.frame || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s: err = %v, want damage at frame %d mentioning %q", c.name, err, c.frame, c.text)
			continue
		}
		if rd.Len() != c.frame {
			t.Errorf("%s: Len = %d, want %d", c.name, rd.Len(), c.frame)
		}
		for i := range rd.Len() {
			if _, err := rd.Frame(i); err != nil {
				t.Errorf("%s: frame %d before the damage: %v", c.name, i, err)
			}
		}
	}
	rd, err := OpenMJPEG(bytes.NewReader(nil), 0)
	if err != nil || rd.Len() != 0 {
		t.Errorf("empty stream: Len %d, err %v; want 0 frames and no error", rd.Len(), err)
	}
}

// A frame whose markers are intact but whose image data is not decodes
// with an error naming the frame.
func TestUndecodableFrameNamesIndex(t *testing.T) {
	data, _ := encodeStream(t, 160, 96, 2, 85)
	b := bytes.Clone(data)
	// Break frame 1's SOF: claim 9 components.
	second := bytes.Index(b[2:], []byte{0xFF, 0xD8}) + 2
	sof := bytes.Index(b[second:], []byte{0xFF, 0xC0}) + second
	b[sof+9] = 9
	rd, err := OpenMJPEG(bytes.NewReader(b), int64(len(b)))
	if err != nil || rd.Len() != 2 {
		t.Fatalf("Len %d err %v", rd.Len(), err)
	}
	if _, err := rd.Frame(0); err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Frame(1); err == nil || !strings.Contains(err.Error(), "frame 1") {
		t.Fatalf("err = %v, want a decoding error naming frame 1", err)
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}

func TestMJPEGWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	mw := NewMJPEGWriter(&buf, 85)
	if err := mw.WriteFrame(testFrame(64, 48, 0)); err != nil {
		t.Fatal(err)
	}
	if err := mw.WriteFrame(testFrame(48, 64, 0)); err == nil || !strings.Contains(err.Error(), "48x64") {
		t.Errorf("size change: err = %v", err)
	}
	if err := mw.WriteFrame(image.NewRGBA(image.Rect(0, 0, 0, 0))); err == nil {
		t.Errorf("an empty image should be refused")
	}
	if err := mw.WriteJPEG([]byte("nope")); err == nil {
		t.Errorf("WriteJPEG should refuse non-JPEG data")
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := mw.WriteFrame(testFrame(64, 48, 0)); err == nil {
		t.Errorf("writing after Close should fail")
	}

	fw := NewMJPEGWriter(&failWriter{after: 1}, 85)
	if err := fw.WriteFrame(testFrame(64, 48, 0)); err != nil {
		t.Fatal(err)
	}
	err1 := fw.WriteFrame(testFrame(64, 48, 1))
	if err1 == nil || !strings.Contains(err1.Error(), "frame 1") || !strings.Contains(err1.Error(), "disk full") {
		t.Fatalf("err = %v", err1)
	}
	if err := fw.WriteFrame(testFrame(64, 48, 2)); err != err1 {
		t.Errorf("the write error should stick: %v", err)
	}
	if err := fw.Close(); err != err1 {
		t.Errorf("Close = %v, want %v", err, err1)
	}
}

// WriteJPEG copies frames without re-encoding.
func TestWriteJPEGCopiesFrames(t *testing.T) {
	data, _ := encodeStream(t, 160, 96, 3, 85)
	rd := must(OpenMJPEG(bytes.NewReader(data), int64(len(data))))
	var out bytes.Buffer
	mw := NewMJPEGWriter(&out, 85)
	for _, i := range []int{2, 0} {
		if err := mw.WriteJPEG(must(rd.FrameBytes(i))); err != nil {
			t.Fatal(err)
		}
	}
	want := append(must(rd.FrameBytes(2)), must(rd.FrameBytes(0))...)
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatal("WriteJPEG changed the frames")
	}
}

func TestFFprobeReadsMJPEG(t *testing.T) {
	const n, w, h = 7, 1280, 720
	path := filepath.Join(t.TempDir(), "take.mjpeg")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	mw := NewMJPEGWriter(f, 85)
	first := testFrame(w, h, 0)
	for i := range n {
		img := first
		if i > 0 {
			img = testFrame(w, h, i)
		}
		if err := mw.WriteFrame(img); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out := ffprobe(t, "-f", "mjpeg", "-count_frames", "-select_streams", "v:0",
		"-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "default=nw=1", path)
	for _, want := range []string{"codec_name=mjpeg", fmt.Sprintf("width=%d", w), fmt.Sprintf("height=%d", h), fmt.Sprintf("nb_read_frames=%d", n)} {
		if !strings.Contains(out, want) {
			t.Errorf("ffprobe output lacks %q:\n%s", want, out)
		}
	}
	// ffmpeg decodes the strip-joined frames cleanly and to the picture.
	ffmpegPath, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Fatalf("ffmpeg is not installed: install ffmpeg (make deps): %v", err)
	}
	var rgb, stderr bytes.Buffer
	cmd := exec.Command(ffmpegPath, "-v", "error", "-f", "mjpeg", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
	cmd.Stdout, cmd.Stderr = &rgb, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("ffmpeg decoding: %v\n%s", err, stderr.String())
	}
	if rgb.Len() != w*h*3 {
		t.Fatalf("ffmpeg gave %d bytes, want %d", rgb.Len(), w*h*3)
	}
	got := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		got.Pix[4*i], got.Pix[4*i+1], got.Pix[4*i+2], got.Pix[4*i+3] = rgb.Bytes()[3*i], rgb.Bytes()[3*i+1], rgb.Bytes()[3*i+2], 255
	}
	if p := psnr(t, first, got); p < 30 {
		t.Errorf("ffmpeg's decode of frame 0: PSNR %.1f dB, want >= 30", p)
	}
}
