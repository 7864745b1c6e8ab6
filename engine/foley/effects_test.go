package foley

import (
	"context"
	"math"
	"testing"

	"kino/engine/audio"
	"kino/engine/scene"
)

// onset finds the first 10 ms window in frames [from, to) whose RMS reaches
// half of the loudest window there, and returns its start in seconds.
func onset(x []float32, from, to int) (float64, float64) {
	win := secs(0.01)
	var env []float64
	var top float64
	for a := from; a+win <= to; a += win {
		v := rmsRange(x, a, a+win)
		env = append(env, v)
		top = math.Max(top, v)
	}
	for k, v := range env {
		if v >= top/2 {
			return float64(from+k*win) / sr, top
		}
	}
	return -1, top
}

func TestFireworkReportsAlignWithBurstsDelayedByDistance(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 20, 9)
	// Bursts 4 s apart; their reports arrive 0.6..3 s after the picture
	// shows them.
	evs := []scene.Event{
		{Kind: scene.EventFireworkBurst, Frame: 24, X: 0.2, Distance: 206, Size: 1},    // 1 s + 0.6 s
		{Kind: scene.EventFireworkBurst, Frame: 120, X: 0.8, Distance: 686, Size: 1.2}, // 5 s + 2 s
		{Kind: scene.EventFireworkBurst, Frame: 216, X: 0.5, Distance: 1029, Size: 1},  // 9 s + 3 s
		{Kind: scene.EventFireworkBurst, Frame: 312, X: 0.4, Distance: 343, Size: 0.8}, // 13 s + 1 s
	}
	st := mustRender(t, req, plan(scene.SettingBeach, scene.Clear, scene.Festive, scene.Fireworks), evs)
	fx := st.Stems[audio.StemEffects].Samples
	for _, ev := range evs {
		shown := float64(ev.Frame) / 24
		heard := shown + ev.Distance/scene.SpeedOfSound
		// Search from the burst's frame to just before the next burst.
		got, top := onset(fx, secs(shown), secs(shown+3.9))
		if top < 0.01 {
			t.Errorf("burst at %.1f s (%.0f m): no report (loudest %.4f)", shown, ev.Distance, top)
			continue
		}
		if math.Abs(got-heard) > 1 {
			t.Errorf("burst shown at %.2f s, %.0f m away: report at %.2f s, want %.2f s ± 1 s", shown, ev.Distance, got, heard)
		}
	}
	// Before the first report there is at most a launch whistle, far
	// softer than the report itself.
	pre, report := rmsRange(fx, 0, secs(1.5)), rmsRange(fx, secs(1.6), secs(1.9))
	if pre > report/3 {
		t.Errorf("effects before the first report have RMS %.4f, the report %.4f; the report must stand out", pre, report)
	}
}

func TestNearerBurstsAreLouder(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 10, 2)
	evs := []scene.Event{
		{Kind: scene.EventFireworkBurst, Frame: 24, X: 0.5, Distance: 200, Size: 1},
		{Kind: scene.EventFireworkBurst, Frame: 120, X: 0.5, Distance: 1400, Size: 1},
	}
	st := mustRender(t, req, plan(scene.SettingField, scene.Clear, scene.Calm, scene.Fireworks), evs)
	fx := st.Stems[audio.StemEffects].Samples
	near := rmsRange(fx, secs(1+200/343.0), secs(1.3+200/343.0))
	far := rmsRange(fx, secs(5+1400/343.0), secs(5.3+1400/343.0))
	if near < 3*far || far == 0 {
		t.Fatalf("report RMS at 200 m is %.4f, at 1400 m %.4f; want the near one at least 3x louder and the far one audible", near, far)
	}
}

func TestThunderFollowsLightningByItsDistance(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 12, 4)
	ev := scene.Event{Kind: scene.EventLightning, Frame: 12, X: 0.3, Distance: 1715, Size: 1} // 0.5 s + 5 s
	st := mustRender(t, req, plan(scene.SettingField, scene.Storm, scene.Tense, scene.Lightning), []scene.Event{ev})
	fx := st.Stems[audio.StemEffects].Samples
	got, top := onset(fx, 0, secs(12))
	if top < 0.01 {
		t.Fatalf("no thunder (loudest %.4f)", top)
	}
	if math.Abs(got-5.5) > 1 {
		t.Fatalf("thunder at %.2f s, want 5.5 s ± 1 s (0.5 s flash + 1715 m at 343 m/s)", got)
	}
	// It rolls on for seconds, not a click.
	if tail := rmsRange(fx, secs(7.5), secs(8.5)); tail < top/20 {
		t.Errorf("thunder rumble 2 s after onset has RMS %.4f, peak window %.4f: it does not roll", tail, top)
	}
}

func TestNoEffectsWithoutEventsOrEffects(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	st := mustRender(t, request(t, 3, 1), plan(scene.SettingForest, scene.Clear, scene.Calm), nil)
	if p := peakOf(st.Stems[audio.StemEffects].Samples); p != 0 {
		t.Fatalf("effects stem peaks at %v with nothing happening, want silence", p)
	}
}

func TestPlanEffectsAreAudible(t *testing.T) {
	for _, e := range []scene.Effect{scene.Sparks, scene.Confetti, scene.Bubbles} {
		out := make([]float32, 2*secs(3))
		srcs := effectSources(1, request(t, 3, 1).Duration.Rate, plan(scene.SettingField, scene.Clear, scene.Calm, e), nil)
		if err := renderSources(context.Background(), out, srcs); err != nil {
			t.Fatal(err)
		}
		if p := peakOf(out); p < 0.02 {
			t.Errorf("effect %s peaks at %.4f: not audible", e, p)
		}
	}
}

func TestSaturateBendsOnlyLoudSamples(t *testing.T) {
	x := []float32{0.1, -0.4, 0.5, 0.9, -3, 100}
	saturate(x)
	if x[0] != 0.1 || x[1] != -0.4 || x[2] != 0.5 {
		t.Errorf("quiet samples changed: %v", x[:3])
	}
	if !(x[3] > 0.5 && x[3] < 0.9) || !(x[4] < -0.5 && x[4] > -1) || !(x[5] < 1 && x[5] > x[3]) {
		t.Errorf("loud samples not bent monotonically below 1: %v", x[3:])
	}
}
