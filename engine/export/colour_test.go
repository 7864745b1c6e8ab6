package export

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// patchColours are the flat patches of the colour test: primaries and
// secondaries, greys and skin tones.
var patchColours = []color.RGBA{
	{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255},
	{0, 255, 255, 255}, {255, 0, 255, 255}, {0, 0, 0, 255}, {255, 255, 255, 255},
	{64, 64, 64, 255}, {128, 128, 128, 255}, {192, 192, 192, 255}, {16, 16, 16, 255},
	{224, 172, 105, 255}, {198, 134, 66, 255}, {141, 85, 36, 255}, {255, 219, 172, 255},
}

const patchCols, patchRows, patchSize = 4, 4, 64

// patchClip shows the patches in a 4x4 grid of 64-pixel squares.
type patchClip struct{ frames int }

func (c *patchClip) Info() engine.ClipInfo {
	return engine.ClipInfo{Width: patchCols * patchSize, Height: patchRows * patchSize, Frames: c.frames, Rate: project.DefaultRate, Backend: "patches"}
}

func (c *patchClip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, patchCols*patchSize, patchRows*patchSize))
	return img, c.RenderFrame(i, img)
}

func (c *patchClip) RenderFrame(i int, dst *image.RGBA) error {
	for y := range dst.Rect.Dy() {
		for x := range dst.Rect.Dx() {
			dst.SetRGBA(x, y, patchColours[(y/patchSize)*patchCols+x/patchSize])
		}
	}
	return nil
}

func (c *patchClip) Soundtrack() (*audio.Soundtrack, error) {
	n := int(project.Frames(int64(c.frames), project.DefaultRate).Samples(audio.SampleRate))
	return &audio.Soundtrack{Mix: audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: make([]float32, 2*n)}}, nil
}

// storedPatches writes the patch frames as a stored take (MJPEG, as the
// media store keeps them) and opens it, with the colours Kino shows for
// it (the decoded JPEG's).
func storedPatches(t *testing.T, frames int) (*media.StoredClip, []color.RGBA) {
	dir := t.TempDir()
	var buf bytes.Buffer
	mw := media.NewMJPEGWriter(&buf, 95)
	pc := &patchClip{frames: frames}
	for i := range frames {
		img, _ := pc.Frame(i)
		if err := mw.WriteFrame(img); err != nil {
			t.Fatal(err)
		}
	}
	mw.Close()
	path := filepath.Join(dir, "patches.mjpeg")
	os.WriteFile(path, buf.Bytes(), 0o644)
	clip, err := media.OpenStoredClip(path, "", engine.ClipInfo{Rate: project.DefaultRate, Frames: frames})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { clip.Close() })
	shown := image.NewRGBA(image.Rect(0, 0, patchCols*patchSize, patchRows*patchSize))
	if err := clip.RenderFrame(0, shown); err != nil {
		t.Fatal(err)
	}
	var want []color.RGBA
	for k := range patchColours {
		want = append(want, shown.RGBAAt((k%patchCols)*patchSize+patchSize/2, (k/patchCols)*patchSize+patchSize/2))
	}
	return clip, want
}

// The MP4 is BT.709 limited range, tagged so, and a frame of flat patches
// decoded by ffmpeg as BT.709 gives back each patch's colour within two
// levels per channel, from a clip that renders pictures and from a stored
// take (converted straight from its JPEG YCbCr).
func TestMP4IsBT709AndTaggedSo(t *testing.T) {
	t.Run("rendered", func(t *testing.T) { checkPatchesMP4(t, &patchClip{frames: 12}, patchColours) })
	t.Run("stored", func(t *testing.T) {
		clip, shown := storedPatches(t, 12)
		checkPatchesMP4(t, clip, shown)
	})
}

func checkPatchesMP4(t *testing.T, clip engine.Clip, patchColours []color.RGBA) {
	tl := testTimeline(patchCols*patchSize, patchRows*patchSize, project.DefaultRate, 12)
	tl.Shots[0].Clip = clip
	o := testOpts(t, FormatMP4, "patches.mp4")
	o.NoWatermark = true
	o.Quality = QualityHigh
	mustExport(t, tl, o)
	probeOut, err := exec.Command(tool(t, "ffprobe"), "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=color_space,color_primaries,color_transfer,color_range,pix_fmt", "-of", "default=nw=1", o.Out).Output()
	if err != nil {
		t.Fatal(err)
	}
	tags := string(probeOut)
	for _, want := range []string{"color_space=bt709", "color_primaries=bt709", "color_transfer=bt709", "color_range=tv", "pix_fmt=yuv420p"} {
		if !strings.Contains(tags, want) {
			t.Errorf("ffprobe says %q; want %s", tags, want)
		}
	}
	w, h := patchCols*patchSize, patchRows*patchSize
	out, err := exec.Command(tool(t, "ffmpeg"), "-v", "error", "-i", o.Out, "-frames:v", "1",
		"-vf", "scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int,format=rgb24", "-f", "rawvideo", "-").Output()
	if err != nil || len(out) != 3*w*h {
		t.Fatalf("decoding: %v (%d bytes, want %d)", err, len(out), 3*w*h)
	}
	for k, want := range patchColours {
		px, py := (k%patchCols)*patchSize, (k/patchCols)*patchSize
		var sum [3]float64
		n := 0
		for y := py + 12; y < py+patchSize-12; y++ {
			for x := px + 12; x < px+patchSize-12; x++ {
				for c := range 3 {
					sum[c] += float64(out[3*(y*w+x)+c])
				}
				n++
			}
		}
		got := [3]float64{sum[0] / float64(n), sum[1] / float64(n), sum[2] / float64(n)}
		for c, v := range []uint8{want.R, want.G, want.B} {
			if d := got[c] - float64(v); d > 2 || d < -2 {
				t.Errorf("patch %d %v: decoded as BT.709 to (%.1f, %.1f, %.1f), channel %d off by %.1f levels", k, want, got[0], got[1], got[2], c, d)
				break
			}
		}
	}
}

// A stored take's JPEGs go to ffmpeg as they are, and ffmpeg lays the
// watermark over them: the label looks as it does on any other export.
func TestMP4WatermarkOnStoredTakes(t *testing.T) {
	clip, _ := storedPatches(t, 12)
	w, h := patchCols*patchSize, patchRows*patchSize
	tl := testTimeline(w, h, project.DefaultRate, 12)
	tl.Shots[0].Clip = clip
	o := testOpts(t, FormatMP4, "marked.mp4")
	o.Quality = QualityHigh
	mustExport(t, tl, o)
	if l := leftovers(t, filepath.Dir(o.Out)); len(l) > 0 {
		t.Fatalf("temporary files left: %v", l)
	}
	out, err := exec.Command(tool(t, "ffmpeg"), "-v", "error", "-i", o.Out, "-frames:v", "1",
		"-vf", "scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int,format=rgb24", "-f", "rawvideo", "-").Output()
	if err != nil || len(out) != 3*w*h {
		t.Fatalf("decoding: %v", err)
	}
	want := image.NewRGBA(image.Rect(0, 0, w, h))
	clip.RenderFrame(0, want)
	plain := image.NewRGBA(want.Rect)
	copy(plain.Pix, want.Pix)
	wm := newWatermark(w, h)
	wm.draw(want)
	var diff, label float64
	n := 0
	b := wm.bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			for c := range 3 {
				got := float64(out[3*(y*w+x)+c])
				diff += math.Abs(got - float64(want.Pix[want.PixOffset(x, y)+c]))
				label += math.Abs(float64(want.Pix[want.PixOffset(x, y)+c]) - float64(plain.Pix[plain.PixOffset(x, y)+c]))
				n++
			}
		}
	}
	t.Logf("under the label: %.2f levels from the drawn label; the label changes %.2f", diff/float64(n), label/float64(n))
	if diff/float64(n) > 6 || label/float64(n) < 10 {
		t.Fatalf("under the label the MP4 differs from the drawn label by %.1f levels on average (the label itself changes %.1f)", diff/float64(n), label/float64(n))
	}
}
