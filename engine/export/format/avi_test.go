package format

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/media"
	"kino/project"
)

// tool returns the path of a program the tests need, failing (never
// skipping) when it is missing.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed; run make deps (it installs ffmpeg and poppler-utils)", name)
	}
	return p
}

// An AVI of a few JPEG frames, each with its share of a 48 kHz stereo
// tone, is what ffprobe says it is and decodes cleanly; its INFO text is
// in the file's tags.
func TestAVIWriter(t *testing.T) {
	const frames, w, h = 5, 64, 36
	rate := project.DefaultRate
	path := filepath.Join(t.TempDir(), "film.avi")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	samples := project.Frames(frames, rate).Samples(48000)
	av, err := NewAVIWriter(f, w, h, rate, frames, samples, RIFFInfo{Title: "Strand ü", Comment: "AI-generated", Software: "Kino test", Date: "2026-03-14"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range int64(frames) {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for p := range img.Pix {
			img.Pix[p] = uint8(40 * i)
		}
		img.Set(int(i), 1, color.RGBA{255, 255, 255, 255})
		var jpeg bytes.Buffer
		if err := media.EncodeJPEG(&jpeg, img, 90); err != nil {
			t.Fatal(err)
		}
		a := project.Frames(i, rate).Samples(48000)
		b := project.Frames(i+1, rate).Samples(48000)
		pcm := AppendPCM16(nil, make([]float32, 2*(b-a)))
		if err := av.WriteFrame(jpeg.Bytes(), pcm); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
	}
	if err := av.WriteFrame([]byte{0xFF, 0xD8}, nil); err == nil {
		t.Fatal("a frame past those promised was accepted")
	}
	if err := av.Close(); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(tool(t, "ffprobe"), "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffprobe: %v\n%s", err, out)
	}
	var p struct {
		Streams []struct {
			CodecName    string `json:"codec_name"`
			Width        int    `json:"width"`
			Height       int    `json:"height"`
			RFrameRate   string `json:"r_frame_rate"`
			NbReadFrames string `json:"nb_read_frames"`
			SampleRate   string `json:"sample_rate"`
			Channels     int    `json:"channels"`
		} `json:"streams"`
		Format struct {
			FormatName string            `json:"format_name"`
			Tags       map[string]string `json:"tags"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	if p.Format.FormatName != "avi" || len(p.Streams) != 2 {
		t.Fatalf("ffprobe: %s", out)
	}
	v, a := p.Streams[0], p.Streams[1]
	if v.CodecName != "mjpeg" || v.Width != w || v.Height != h || v.RFrameRate != "24/1" || v.NbReadFrames != "5" {
		t.Fatalf("video stream %+v", v)
	}
	if a.CodecName != "pcm_s16le" || a.SampleRate != "48000" || a.Channels != 2 {
		t.Fatalf("audio stream %+v", a)
	}
	if p.Format.Tags["title"] != "Strand ü" || p.Format.Tags["comment"] != "AI-generated" {
		t.Fatalf("tags %v", p.Format.Tags)
	}
	if out, err := exec.Command(tool(t, "ffmpeg"), "-v", "error", "-i", path, "-f", "null", "-").CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("ffmpeg cannot decode the AVI cleanly: %v\n%s", err, out)
	}
}

// Close refuses a file missing frames or sound it promised.
func TestAVIWriterRefusesAShortFile(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "short.avi"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	av, err := NewAVIWriter(f, 16, 16, project.DefaultRate, 2, 4000, RIFFInfo{})
	if err != nil {
		t.Fatal(err)
	}
	if err := av.WriteFrame([]byte{0xFF, 0xD8}, nil); err != nil {
		t.Fatal(err)
	}
	if err := av.Close(); err == nil || !strings.Contains(err.Error(), "1 of 2 frames") {
		t.Fatalf("err = %v", err)
	}
}

func TestAVIRefusesToPassItsLimit(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "film.avi"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	av, err := NewAVIWriter(f, 320, 180, project.DefaultRate, 3, 6000, RIFFInfo{})
	if err != nil {
		t.Fatal(err)
	}
	av.limit = 20000
	big := make([]byte, 12000)
	big[0], big[1] = 0xFF, 0xD8
	if err = av.WriteFrame(big, nil); err != nil {
		t.Fatalf("first frame: %v", err)
	}
	err = av.WriteFrame(big, nil)
	if err == nil || !strings.Contains(err.Error(), "limited to 1 GiB") {
		t.Fatalf("error %v, want the AVI limit", err)
	}
}

// Sound is quantised as media.WriteWAV does: round(s * 32768), clamped.
func TestAppendPCM16(t *testing.T) {
	got := AppendPCM16(nil, []float32{0, 0.5, -1, 1.5, -2, float32(1) / 65536})
	want := []byte{0, 0, 0x00, 0x40, 0x00, 0x80, 0xFF, 0x7F, 0x00, 0x80, 0, 0}
	if !bytes.Equal(got, want) {
		t.Fatalf("got % x, want % x", got, want)
	}
}
