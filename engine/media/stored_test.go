package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
)

// storeTake writes n frames and sound for a take into dir.
func storeTake(t testing.TB, dir string, w, h, n int, sound audio.PCM) (video, audioPath string) {
	t.Helper()
	video = filepath.Join(dir, "take.mjpeg")
	audioPath = filepath.Join(dir, "take.wav")
	f, err := os.Create(video)
	if err != nil {
		t.Fatal(err)
	}
	mw := NewMJPEGWriter(f, 85)
	for i := range n {
		if err := mw.WriteFrame(testFrame(w, h, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteWAV(&buf, sound, WAVOptions{Title: "take"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(audioPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return video, audioPath
}

func clipInfo(w, h, n int) engine.ClipInfo {
	return engine.ClipInfo{Width: w, Height: h, Frames: n, Rate: project.DefaultRate, Backend: "previz", Seed: 9}
}

func TestStoredClip(t *testing.T) {
	const w, h, n = 320, 180, 10
	sound := testPCM(2, n*audio.SampleRate/24)
	video, audioPath := storeTake(t, t.TempDir(), w, h, n, sound)
	c, err := OpenStoredClip(video, audioPath, clipInfo(w, h, n))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if info := c.Info(); info.Frames != n || info.Width != w || info.Seed != 9 || len(info.Notes) != 0 {
		t.Fatalf("info %+v", info)
	}
	rd := must(OpenMJPEG(bytes.NewReader(must(os.ReadFile(video))), must(os.Stat(video)).Size()))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for _, i := range []int{7, 0, 9, 3, 7} {
		img, err := c.Frame(i)
		if err != nil {
			t.Fatal(err)
		}
		sameYCbCr(t, fmt.Sprintf("frame %d", i), must(rd.Frame(i)), img)
		if p := psnr(t, testFrame(w, h, i), img); p < 30 {
			t.Errorf("frame %d: PSNR %.1f", i, p)
		}
		if err := c.RenderFrame(i, dst); err != nil {
			t.Fatal(err)
		}
		want := image.NewRGBA(dst.Rect)
		draw.Draw(want, want.Rect, img, image.Point{}, draw.Src)
		if !bytes.Equal(dst.Pix, want.Pix) {
			t.Fatalf("RenderFrame(%d) differs from drawing Frame(%d)", i, i)
		}
	}
	// The cache hands back the same decoded frame.
	a, _ := c.Frame(3)
	b, _ := c.Frame(3)
	if a != b {
		t.Error("frame 3 was decoded twice in a row; the cache should keep it")
	}
	st, err := c.Soundtrack()
	if err != nil {
		t.Fatal(err)
	}
	if st.Mix.Channels != 2 || st.Mix.Rate != audio.SampleRate || st.Mix.Len() != sound.Len() || len(st.Stems) != 0 || len(st.Missing) != 0 {
		t.Fatalf("soundtrack: %d ch %d Hz %d frames, stems %v, missing %v", st.Mix.Channels, st.Mix.Rate, st.Mix.Len(), st.Stems, st.Missing)
	}
	for i := 100; i < len(sound.Samples); i += 997 {
		if d := st.Mix.Samples[i] - sound.Samples[i]; d > 1.0/32768 || d < -1.0/32768 {
			t.Fatalf("sound sample %d: %v, want %v", i, st.Mix.Samples[i], sound.Samples[i])
		}
	}
	if again, _ := c.Soundtrack(); again != st {
		t.Error("the WAV should be loaded once")
	}
	// Errors name the frame and the file.
	for _, i := range []int{-1, n} {
		if _, err := c.Frame(i); err == nil || !strings.Contains(err.Error(), fmt.Sprint(i)) || project.ErrorCode(err) != project.EINVALID {
			t.Errorf("Frame(%d): %v", i, err)
		}
	}
	if err := c.RenderFrame(0, image.NewRGBA(image.Rect(0, 0, w, h-1))); err == nil {
		t.Error("RenderFrame into a wrong-size image should fail")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Frame(1); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Frame after Close: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
}

func TestStoredClipConcurrent(t *testing.T) {
	const w, h, n = 160, 96, 12
	video, audioPath := storeTake(t, t.TempDir(), w, h, n, testPCM(2, 1000))
	c := must(OpenStoredClip(video, audioPath, clipInfo(w, h, n)))
	defer c.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Go(func() {
			dst := image.NewRGBA(image.Rect(0, 0, w, h))
			for k := range 40 {
				if err := c.RenderFrame((k*7+g)%n, dst); err != nil {
					errs <- err
					return
				}
			}
			if _, err := c.Soundtrack(); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestStoredClipFillsInfoAndConvertsSound(t *testing.T) {
	dir := t.TempDir()
	mono := audio.PCM{Rate: audio.SampleRate, Channels: 1, Samples: []float32{0.5, -0.25, 0.125}}
	video, audioPath := storeTake(t, dir, 96, 64, 3, mono)
	c, err := OpenStoredClip(video, audioPath, engine.ClipInfo{Rate: project.Rate25})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if info := c.Info(); info.Width != 96 || info.Height != 64 || info.Frames != 3 {
		t.Fatalf("info %+v, want the video's size and length", info)
	}
	st := must(c.Soundtrack())
	want := []float32{0.5, 0.5, -0.25, -0.25, 0.125, 0.125}
	if fmt.Sprint(st.Mix.Samples) != fmt.Sprint(want) || st.Mix.Channels != 2 {
		t.Fatalf("mono → stereo: %v", st.Mix.Samples)
	}

	// No sound file: a silent soundtrack of the clip's length, said so.
	silent := must(OpenStoredClip(video, "", engine.ClipInfo{Rate: project.Rate25}))
	defer silent.Close()
	st = must(silent.Soundtrack())
	if st.Mix.Len() != 3*audio.SampleRate/25 || st.Mix.Peak() != 0 || len(st.Missing) != 1 {
		t.Fatalf("silent: %d frames, peak %v, missing %v", st.Mix.Len(), st.Mix.Peak(), st.Missing)
	}
}

func TestStoredClipBadFiles(t *testing.T) {
	dir := t.TempDir()
	const w, h, n = 160, 96, 6
	sound := testPCM(2, n*audio.SampleRate/24)
	video, audioPath := storeTake(t, dir, w, h, n, sound)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	vb, ab := must(os.ReadFile(video)), must(os.ReadFile(audioPath))
	missing := filepath.Join(dir, "nope.mjpeg")
	garbage := write("garbage.mjpeg", []byte("definitely not frames"))
	empty := write("empty.mjpeg", nil)
	badWAV := write("bad.wav", []byte("RIFF\x10\x00\x00\x00AVI LIST"))
	var b44 bytes.Buffer
	if err := WriteWAV(&b44, audio.PCM{Rate: 44100, Channels: 2, Samples: make([]float32, 20)}, WAVOptions{}); err != nil {
		t.Fatal(err)
	}
	wav44 := write("44k.wav", b44.Bytes())
	for _, c := range []struct {
		video, audio string
		info         engine.ClipInfo
		name, code   string
	}{
		{missing, audioPath, clipInfo(w, h, n), missing, project.ENOTFOUND},
		{video, filepath.Join(dir, "nope.wav"), clipInfo(w, h, n), "nope.wav", project.ENOTFOUND},
		{garbage, audioPath, clipInfo(w, h, n), garbage, project.ECORRUPT},
		{empty, audioPath, clipInfo(w, h, n), empty, project.ECORRUPT},
		{video, badWAV, clipInfo(w, h, n), badWAV, project.ECORRUPT},
		{video, wav44, clipInfo(w, h, n), wav44, project.EINVALID},
		{video, audioPath, clipInfo(w+2, h, n), video, project.ECORRUPT},
		{video, audioPath, engine.ClipInfo{Width: w, Height: h, Frames: n}, "frame rate", project.EINVALID},
	} {
		_, err := OpenStoredClip(c.video, c.audio, c.info)
		if err == nil || !strings.Contains(err.Error(), c.name) || project.ErrorCode(err) != c.code {
			t.Errorf("open %s + %s: err = %v (code %s), want %s naming %s", filepath.Base(c.video), filepath.Base(c.audio), err, project.ErrorCode(err), c.code, c.name)
		}
	}

	// A truncated video opens with its intact frames; the rest fail with
	// errors naming the file, and a note says so.
	cutVideo := write("cut.mjpeg", vb[:len(vb)-500])
	cutAudio := write("cut.wav", ab[:len(ab)/2])
	c, err := OpenStoredClip(cutVideo, cutAudio, clipInfo(w, h, n))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	notes := strings.Join(c.Info().Notes, "\n")
	if !strings.Contains(notes, cutVideo) || !strings.Contains(notes, "frames 5 to 5") {
		t.Errorf("notes %q should say the video is damaged from frame 5", notes)
	}
	if _, err := c.Frame(4); err != nil {
		t.Errorf("frame 4 is intact: %v", err)
	}
	_, err = c.Frame(5)
	var de *DamageError
	if err == nil || !strings.Contains(err.Error(), cutVideo) || !strings.Contains(err.Error(), "frame 5") || !errors.As(err, &de) || project.ErrorCode(err) != project.ECORRUPT {
		t.Errorf("Frame(5): %v", err)
	}
	st, err := c.Soundtrack()
	if err != nil {
		t.Fatal(err)
	}
	if st.Mix.Len() != sound.Len() || len(st.Missing) != 1 || !strings.Contains(st.Missing[0], cutAudio) {
		t.Errorf("cut sound: %d frames (want %d, the rest silent), missing %v", st.Mix.Len(), sound.Len(), st.Missing)
	}
	if st.Mix.Samples[len(st.Mix.Samples)-1] != 0 || st.Mix.Samples[1000] == 0 {
		t.Errorf("cut sound: the kept part should be there and the rest silent")
	}

	// A video shorter than the take says so too.
	short := write("short.mjpeg", vb[:bytes.Index(vb[2:], []byte{0xFF, 0xD8})+2])
	c2 := must(OpenStoredClip(short, audioPath, clipInfo(w, h, n)))
	defer c2.Close()
	if _, err := c2.Frame(3); err == nil || !strings.Contains(err.Error(), short) {
		t.Errorf("Frame(3) of a one-frame file: %v", err)
	}
	if len(c2.Info().Notes) != 1 {
		t.Errorf("notes %v", c2.Info().Notes)
	}
}
