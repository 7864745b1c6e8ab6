package export

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/export/format"
	"kino/engine/media"
	"kino/project"
)

// BenchmarkHandoffDocuments builds the OTIO, EDL and FCPXML of a film of
// 60 shots with three takes each and a music clip (target: at most
// 200 ms; the per-shot media are written before them and timed apart).
func BenchmarkHandoffDocuments(b *testing.B) {
	lengths := make([]int, 60)
	for i := range lengths {
		lengths[i] = 24 + i
	}
	tl := testTimeline(1280, 720, project.DefaultRate, lengths...)
	for i := range tl.Shots {
		tl.Shots[i].Shot.Dialogue = []project.DialogueLine{{Speaker: "@ann", Text: "Schau, 花火!", Start: project.Frames(3, tl.Rate)}}
		for n := 1; n <= 2; n++ {
			clip := &synthClip{w: 1280, h: 720, frames: lengths[i], rate: tl.Rate}
			tl.Shots[i].Alternates = append(tl.Shots[i].Alternates, Alternate{Take: &project.Take{ID: int64(1000*i + n), Status: project.TakeDone, Media: []project.MediaRef{{Role: project.MediaStemPrefix + "dialogue"}}}, Number: n,
				Open: func() (engine.Clip, error) { return clip, nil }})
		}
		tl.Shots[i].TakeNumber = 3
	}
	tl.Audio = []AudioMedia{{Clip: &project.AudioClip{Name: "theme", Lane: project.LaneMusic, Start: project.Frames(48, tl.Rate)}}}
	opts := Options{Format: FormatOTIO, Out: filepath.Join(b.TempDir(), "film.otio"), App: "Kino", Version: "bench"}
	normaliseOptions(&opts)
	e := &exporter{opts: opts, now: time.Now(), ffmpeg: "ffmpeg"}
	e.prov = provenanceFor(tl, &e.opts, e.now)
	b.ReportAllocs()
	for b.Loop() {
		p, err := e.planHandoff(tl, 1280, 720)
		if err != nil || len(p.shots[0].takes) != 3 {
			b.Fatalf("plan: %v", err)
		}
		p.lanes[0].frames, p.lanes[0].channels, p.lanes[0].rate = 240, 2, 48000
		doc := e.document(p)
		dir := filepath.Dir(p.otio)
		for _, build := range []func() ([]byte, error){
			func() ([]byte, error) { return format.OTIO(doc, dir) },
			func() ([]byte, error) { return format.EDL(doc) },
			func() ([]byte, error) { return format.FCPXML(doc) },
		} {
			if _, err := build(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// storedBenchTimeline is seconds of 5-second stored takes with stems, as
// the media store keeps them (MJPEG, a 16-bit mix, 32-bit float stems).
func storedBenchTimeline(b *testing.B, seconds int) *Timeline {
	dir := b.TempDir()
	r := project.DefaultRate
	t := &Timeline{ProjectID: "bench", Title: "Benchmark", Rate: r, Width: 64, Height: 36}
	write := func(name string, pcm audio.PCM, f media.SampleFormat) string {
		var buf bytes.Buffer
		if err := media.WriteWAV(&buf, pcm, media.WAVOptions{Format: f}); err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, buf.Bytes(), 0o644)
		return p
	}
	for i := range seconds / 5 {
		src := &synthClip{w: 64, h: 36, frames: 120, rate: r}
		var video bytes.Buffer
		mw := media.NewMJPEGWriter(&video, 80)
		img := image.NewRGBA(image.Rect(0, 0, 64, 36))
		for f := range 120 {
			src.RenderFrame(f, img)
			mw.WriteFrame(img)
		}
		mw.Close()
		vp := filepath.Join(dir, fmt.Sprintf("v%d.mjpeg", i))
		os.WriteFile(vp, video.Bytes(), 0o644)
		st, _ := src.Soundtrack()
		mix := write(fmt.Sprintf("m%d.wav", i), st.Mix, media.PCM16)
		clip, err := media.OpenStoredClip(vp, mix, engine.ClipInfo{Rate: r, Frames: 120})
		if err != nil {
			b.Fatal(err)
		}
		stems := map[audio.Stem]string{}
		for _, s := range audio.Stems {
			stems[s] = write(fmt.Sprintf("s%d-%s.wav", i, s), st.Stems[s], media.Float32)
		}
		if err := clip.AttachStems(stems); err != nil {
			b.Fatal(err)
		}
		shot := &project.Shot{ID: int64(i + 1), Index: i, Prompt: "benchmark shot", Duration: project.Frames(120, r)}
		t.Shots = append(t.Shots, ShotMedia{Shot: shot, Clip: clip})
	}
	b.Cleanup(func() { t.Close() })
	return t
}

// BenchmarkExportStemsStored writes the mix and four stems of a 60 s film
// of stored takes, read block by block from their files (target: at most
// 2 s).
func BenchmarkExportStemsStored(b *testing.B) {
	benchExport(b, storedBenchTimeline(b, 60), FormatStems, QualityStandard)
}
