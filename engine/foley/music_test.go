package foley

import (
	"context"
	"math"
	"testing"

	"kino/engine/audio"
	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
)

var (
	moods  = []scene.Mood{scene.Calm, scene.Romantic, scene.Festive, scene.Tense, scene.Epic, scene.Playful, scene.Melancholy}
	styles = []project.Style{project.StyleAuto, project.StyleCinematic, project.StyleNoir, project.StyleVintage, project.StyleCartoon, project.StyleNeon}
)

func TestMusicBedForEveryMoodAndStyle(t *testing.T) {
	for _, m := range moods {
		for _, s := range styles {
			out := make([]float32, 2*secs(4))
			if err := renderMusic(context.Background(), out, 8, plan(scene.SettingField, scene.Clear, m), s); err != nil {
				t.Fatal(err)
			}
			r := rmsRange(out, 0, len(out)/2)
			if r < musicRMS*0.5 || r > musicRMS*1.2 {
				t.Errorf("%s/%s: music RMS %.4f, want about %.3f", m, s, r, musicRMS)
			}
			if p := peakOf(out); p > musicPeak+0.02 {
				t.Errorf("%s/%s: music peaks at %.3f, above %.2f", m, s, p, musicPeak)
			}
			// It keeps playing: no second of the bed is silent.
			for a := 0; a+secs(1) <= len(out)/2; a += secs(1) {
				if rmsRange(out, a, a+secs(1)) < musicRMS/20 {
					t.Errorf("%s/%s: music drops out at %.0f s", m, s, float64(a)/sr)
				}
			}
		}
	}
}

func TestMoodSetsTempoAndKey(t *testing.T) {
	festive, tense := grooveFor(scene.Festive, ""), grooveFor(scene.Tense, "")
	if festive.minor || !tense.minor || festive.bpmLo <= tense.bpmHi {
		t.Errorf("festive should be major and faster than tense minor: %+v vs %+v", festive, tense)
	}
	if n := grooveFor(scene.Festive, project.StyleNoir); !n.minor || !n.swing || n.bass != "walking" {
		t.Errorf("noir should be minor, swung, with a walking bass: %+v", n)
	}
	if c := grooveFor(scene.Calm, project.StyleCartoon); c.bass != "oompah" || c.melody != "xylo" || c.bpmLo < 110 {
		t.Errorf("cartoon should bounce: %+v", c)
	}
	if n := grooveFor(scene.Calm, project.StyleNeon); n.arp != "synth" {
		t.Errorf("neon should have a synth arpeggio: %+v", n)
	}
	// The score follows the groove: festive harmony has the tonic's major
	// third and never its minor third; tense harmony the other way round.
	for _, c := range []struct {
		mood        scene.Mood
		third, not3 int
	}{{scene.Festive, 4, 3}, {scene.Tense, 3, 4}} {
		for seed := uint64(1); seed <= 3; seed++ {
			sc := score(rng.Derive(seed, "foley/music"), grooveFor(c.mood, ""), secs(8))
			pcs := map[int]int{}
			for _, nt := range sc.notes {
				if nt.inst == instKick || nt.inst == instHat || nt.inst == instTaiko || nt.inst == instBrush {
					continue
				}
				pc := (int(math.Round(12*math.Log2(nt.freq/440)+69)) - sc.root + 120) % 12
				pcs[pc]++
			}
			if pcs[c.third] == 0 || pcs[c.not3] != 0 {
				t.Errorf("%s, seed %d: %d notes a major/minor third (%d) above the tonic and %d the other (%d); pitch classes %v",
					c.mood, seed, pcs[c.third], c.third, pcs[c.not3], c.not3, pcs)
			}
		}
	}
}

func TestMusicIsSeeded(t *testing.T) {
	a := make([]float32, 2*secs(3))
	b := make([]float32, 2*secs(3))
	p := plan(scene.SettingField, scene.Clear, scene.Romantic)
	renderMusic(context.Background(), a, 1, p, "")
	renderMusic(context.Background(), b, 2, p, "")
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	if diff < len(a)/2 {
		t.Errorf("seeds 1 and 2 give music differing in only %d of %d samples", diff, len(a))
	}
}

func TestMusicAndAmbienceDuckUnderDialogue(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	p := plan(scene.SettingBeach, scene.Clear, scene.Festive)
	with := mustRender(t, request(t, 8, 3, line("@ana", "we have been waiting all year for this", 3)), p, nil) // 3 s .. 5.66 s
	without := mustRender(t, request(t, 8, 3), p, nil)
	for _, c := range []struct {
		stem audio.Stem
		db   float64
	}{{audio.StemMusic, musicDuckDB}, {audio.StemAmbience, ambienceDuckDB}} {
		w, wo := with.Stems[c.stem].Samples, without.Stems[c.stem].Samples
		during := rmsRange(w, secs(3.5), secs(5.5)) / rmsRange(wo, secs(3.5), secs(5.5))
		before := rmsRange(w, secs(0.5), secs(2.5)) / rmsRange(wo, secs(0.5), secs(2.5))
		after := rmsRange(w, secs(7), secs(8)) / rmsRange(wo, secs(7), secs(8))
		want := math.Pow(10, c.db/20)
		if math.Abs(during/before-want) > 0.1 {
			t.Errorf("%s during the line is %.2f of its level before (%.1f dB), want %.2f (%v dB)", c.stem, during/before, 20*math.Log10(during/before), want, c.db)
		}
		if math.Abs(after/before-1) > 0.05 {
			t.Errorf("%s does not come back after the line: %.2f of its level before", c.stem, after/before)
		}
	}
}
