package export

import (
	"math"
	"os"
	"strings"
	"testing"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

func readWAV(t *testing.T, path string) (audio.PCM, media.Info) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pcm, info, err := media.ReadWAV(f)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return pcm, info
}

// readStems reads the mix and every stem of a FormatStems export, all
// 32-bit float; other is nil when the export has no "other" stem.
func readStems(t *testing.T, out string) (mix audio.PCM, stems []audio.PCM) {
	t.Helper()
	mix, info := readWAV(t, out)
	if info.Rate != 48000 || info.Channels != 2 || info.Format != media.Float32 {
		t.Fatalf("mix is %+v, want 48 kHz stereo 32-bit float", info)
	}
	checkSidecar(t, out)
	for _, name := range StemNames() {
		p := StemPath(out, name)
		if _, err := os.Stat(p); name == "other" && os.IsNotExist(err) {
			stems = append(stems, audio.PCM{})
			continue
		}
		pcm, info := readWAV(t, p)
		if info.Format != media.Float32 {
			t.Fatalf("%s is %s, want 32-bit float", p, info.Format)
		}
		if !strings.Contains(info.Title, "("+name+")") || !strings.HasPrefix(info.Comment, "AI-generated with Kino") {
			t.Fatalf("%s INFO: title %q comment %q", p, info.Title, info.Comment)
		}
		if prov := checkSidecar(t, p); prov.Role != name {
			t.Fatalf("%s sidecar role %q", p, prov.Role)
		}
		stems = append(stems, pcm)
	}
	return mix, stems
}

// checkSum checks that every stem is as long as the mix and that the mix
// is their sum within 1e-6 (the files are 32-bit float: no quantisation).
func checkSum(t *testing.T, mix audio.PCM, stems []audio.PCM) {
	t.Helper()
	for i, s := range stems {
		if s.Samples == nil && i == stemOther {
			continue
		}
		if len(s.Samples) != len(mix.Samples) {
			t.Fatalf("stem %s has %d samples, the mix %d", stemNames[i], len(s.Samples), len(mix.Samples))
		}
	}
	const step = 1.0 / 32768
	worst := 0.0
	for j, m := range mix.Samples {
		var sum float64
		for _, s := range stems {
			if s.Samples != nil {
				sum += float64(s.Samples[j])
			}
		}
		worst = max(worst, math.Abs(float64(m)-sum))
	}
	if worst > 1e-6 {
		t.Fatalf("the mix differs from the sum of the stems by %g (%.2f 16-bit steps)", worst, worst/step)
	}
}

func rms(s []float32) float64 {
	var acc float64
	for _, v := range s {
		acc += float64(v) * float64(v)
	}
	return math.Sqrt(acc / float64(max(1, len(s))))
}

func TestExportStemsSumToMix(t *testing.T) {
	tl := testTimeline(64, 36, project.Rate2997, 31, 17, 40)
	o := testOpts(t, FormatStems, "film.wav")
	res := mustExport(t, tl, o)
	if len(res.Files) != 10 {
		t.Fatalf("wrote %d files, want the mix, 4 stems and their sidecars (no other: every shot has stems): %v", len(res.Files), res.Files)
	}
	mix, stems := readStems(t, o.Out)
	if want := tl.Duration().Samples(48000); int64(mix.Len()) != want {
		t.Fatalf("mix has %d samples, want %d", mix.Len(), want)
	}
	checkSum(t, mix, stems)
	for i, name := range stemNames[:4] {
		if r := rms(stems[i].Samples); r < 0.05 {
			t.Errorf("stem %s is nearly silent (rms %.3f)", name, r)
		}
	}
	if res.Encoder != encoderWAVF || res.Width != 0 {
		t.Errorf("result says encoder %q, %dx%d; want %q and no frame size", res.Encoder, res.Width, res.Height, encoderWAVF)
	}
}

func TestExportStemsOfMixOnlyTakeGoToOther(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 24, 24)
	tl.Shots[1].Clip.(*synthClip).noStems = true
	o := testOpts(t, FormatStems, "film.wav")
	res := mustExport(t, tl, o)
	mix, stems := readStems(t, o.Out)
	checkSum(t, mix, stems)
	half := len(mix.Samples) / 2
	if r := rms(stems[stemOther].Samples[:half]); r > 1.0/32768 {
		t.Errorf("shot 1 has stems but other carries sound there (rms %g)", r)
	}
	if r := rms(stems[stemOther].Samples[half:]); r < 0.05 {
		t.Errorf("shot 2 has no stems; its sound should be in other (rms %g)", r)
	}
	if r := rms(stems[0].Samples[half:]); r > 1.0/32768 {
		t.Errorf("shot 2 has no stems but dialogue carries sound (rms %g)", r)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "shot 2: its take is mix only") {
		t.Errorf("notes %q do not explain the other stem", res.Notes)
	}
}

func TestExportMusicAndVoiceOverAreMixedAndKeptBelowClipping(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 48)
	// A loud 44.1 kHz mono music bed from 0.5 s, and a voice-over.
	music := make([]float32, 44100)
	for i := range music {
		music[i] = 0.9 * float32(math.Sin(2*math.Pi*100*float64(i)/44100))
	}
	vo := make([]float32, 2*48000)
	for i := range 48000 {
		vo[2*i] = 0.2
		vo[2*i+1] = 0.2
	}
	tl.Audio = []AudioMedia{
		{Clip: &project.AudioClip{ID: 1, Lane: project.LaneMusic, Name: "theme", Start: project.Frames(12, tl.Rate), Asset: project.Asset{SHA256: strings.Repeat("a", 64)}},
			Open: func() (audio.PCM, error) { return audio.PCM{Rate: 44100, Channels: 1, Samples: music}, nil }},
		{Clip: &project.AudioClip{ID: 2, Lane: project.LaneVoiceOver, Name: "narration", GainDB: -6, Start: project.Frames(0, tl.Rate)},
			Open: func() (audio.PCM, error) { return audio.PCM{Rate: 48000, Channels: 2, Samples: vo}, nil }},
	}
	o := testOpts(t, FormatStems, "film.wav")
	res := mustExport(t, tl, o)
	mix, stems := readStems(t, o.Out)
	checkSum(t, mix, stems)
	if p := mix.Peak(); p > 0.9995 {
		t.Errorf("mix peaks at %.4f: it clips", p)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "lowered") {
		t.Errorf("notes %q do not say the sound was lowered", res.Notes)
	}
	// The music starts at 0.5 s: before then the music stem holds only
	// the shot's own 330 Hz tone.
	before := rms(stems[3].Samples[:2*20000])
	after := rms(stems[3].Samples[2*30000 : 2*40000])
	if after < 3*before {
		t.Errorf("music stem rms %.3f before the bed, %.3f during: the bed is missing", before, after)
	}
	prov := checkSidecar(t, o.Out)
	if len(prov.Audio) != 2 || prov.Audio[0].Name != "theme" || prov.Audio[0].Start != 12 {
		t.Errorf("sidecar audio %+v", prov.Audio)
	}
}

func TestExportWAVMixIsReadableByFFprobe(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 24, 6)
	o := testOpts(t, FormatWAV, "mix.wav")
	res := mustExport(t, tl, o)
	if len(res.Files) != 2 {
		t.Fatalf("files %v, want the mix and its sidecar", res.Files)
	}
	p := ffprobe(t, o.Out)
	a := p.Streams[p.stream(t, "audio")]
	if a.CodecName != "pcm_s16le" || a.SampleRate != "48000" || a.Channels != 2 {
		t.Fatalf("stream %+v", a)
	}
	if d := atof(t, p.Format.Duration); math.Abs(d-1.25) > 1e-3 {
		t.Fatalf("duration %.4f, want 1.25", d)
	}
	s := embeddedSummary(t, p.Format.Tags["comment"])
	if len(s.Shots) != 2 || s.Watermark != nil {
		t.Fatalf("summary %+v", s)
	}
	checkSidecar(t, o.Out)
}
