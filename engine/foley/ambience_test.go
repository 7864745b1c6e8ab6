package foley

import (
	"context"
	"math"
	"testing"

	"kino/engine/audio"
	"kino/engine/scene"
)

// ambience renders only the ambience stem of a plan for secs seconds.
func ambience(t *testing.T, seed uint64, p *scene.Plan, seconds float64) []float32 {
	t.Helper()
	out := make([]float32, 2*secs(seconds))
	if err := renderSources(context.Background(), out, ambienceSources(seed, p)); err != nil {
		t.Fatal(err)
	}
	return out
}

// swellPeaks counts the swells of a loudness envelope (one value per hop
// seconds): rises above 65% of its range after dipping below 35%. It
// returns the time of each swell's top.
func swellPeaks(env []float64, hop float64) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range env {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	low, high := lo+0.35*(hi-lo), lo+0.65*(hi-lo)
	var peaks []float64
	armed, best, bestAt := true, 0.0, -1
	for i, v := range env {
		switch {
		case armed && v > high:
			armed, best, bestAt = false, v, i
		case !armed && v > best:
			best, bestAt = v, i
		case !armed && v < low:
			peaks = append(peaks, float64(bestAt)*hop)
			armed = true
		}
	}
	if !armed {
		peaks = append(peaks, float64(bestAt)*hop)
	}
	return peaks
}

func TestSurfSwellsSlowly(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		amb := ambience(t, seed, plan(scene.SettingBeach, scene.Clear, scene.Calm), 40)
		// Loudness in 0.5 s windows: far slower than noise or gull cries.
		env := envelope(amb, secs(0.5))
		lo, hi := math.Inf(1), 0.0
		for _, v := range env {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if hi < 2.5*lo {
			t.Errorf("seed %d: surf loudness only varies %.4f..%.4f; breakers should swell", seed, lo, hi)
		}
		peaks := swellPeaks(env, 0.5)
		// Breakers come every 6..12 s: 3..7 of them in 40 s.
		if len(peaks) < 3 || len(peaks) > 7 {
			t.Errorf("seed %d: %d swells in 40 s at %v, want 3..7 (one every 6..12 s)", seed, len(peaks), peaks)
			continue
		}
		for i := 1; i < len(peaks); i++ {
			if gap := peaks[i] - peaks[i-1]; gap < 4.5 || gap > 14 {
				t.Errorf("seed %d: swells at %v: a gap of %.1f s, want about 6..12 s", seed, peaks, gap)
			}
		}
	}
}

// brightness is the mean squared first difference over the mean square:
// it grows with the frequency content (2-2cos(2πf/fs) for a sine at f).
func brightness(x []float32) (float64, float64) {
	var d2, x2 float64
	for i := 2; i < len(x); i += 2 {
		d := float64(x[i] - x[i-2])
		d2 += d * d
		x2 += float64(x[i]) * float64(x[i])
	}
	return d2 / x2, math.Sqrt(d2 / float64(len(x)/2))
}

func TestRainSoundsLikeRain(t *testing.T) {
	clear := ambience(t, 3, plan(scene.SettingField, scene.Clear, scene.Calm), 6)
	wet := ambience(t, 3, plan(scene.SettingField, scene.Rain, scene.Calm), 6)
	bc, hc := brightness(clear)
	bw, hw := brightness(wet)
	// 0.03 is a sine near 1.3 kHz; rain's hiss lives well above that.
	if bw < 0.15 || bw < 4*bc {
		t.Errorf("rain brightness %.3f, clear %.3f: rain should be much brighter", bw, bc)
	}
	if hw < 5*hc {
		t.Errorf("high-frequency level of rain %.4f, clear %.4f: want rain at least 5x", hw, hc)
	}
	// Drops: rain has many more sharp transients (10 ms peaks far above
	// the local RMS) than the wind of a clear field.
	if rw, rc := rmsRange(wet, 0, secs(6)), rmsRange(clear, 0, secs(6)); rw < 1.5*rc {
		t.Errorf("rain RMS %.4f, clear %.4f: rain should be louder", rw, rc)
	}
	// Heard from inside, rain is duller.
	in := ambience(t, 3, plan(scene.SettingInterior, scene.Rain, scene.Calm), 6)
	if bi, _ := brightness(in); bi > bw/2 {
		t.Errorf("rain indoors has brightness %.3f, outdoors %.3f: indoors should be muffled", bi, bw)
	}
}

func TestEverySettingHasItsOwnAmbience(t *testing.T) {
	settings := scene.Settings
	type sig struct{ rms, bright float64 }
	sigs := map[scene.Setting]sig{}
	for _, s := range settings {
		amb := ambience(t, 5, plan(s, scene.Clear, scene.Calm), 4)
		r := rmsRange(amb, 0, len(amb)/2)
		b, _ := brightness(amb)
		if r < 0.005 {
			t.Errorf("%s: ambience RMS %.5f is inaudible", s, r)
		}
		if p := peakOf(amb); p > 0.8 {
			t.Errorf("%s: ambience peaks at %.2f, too loud for a bed", s, p)
		}
		// Stereo width: left and right are not the same signal.
		var lr, ll, rr float64
		for i := 0; i+1 < len(amb); i += 2 {
			lr += float64(amb[i]) * float64(amb[i+1])
			ll += float64(amb[i]) * float64(amb[i])
			rr += float64(amb[i+1]) * float64(amb[i+1])
		}
		if c := lr / math.Sqrt(ll*rr); c > 0.95 {
			t.Errorf("%s: left and right correlate %.2f; the bed should be wide", s, c)
		}
		sigs[s] = sig{r, b}
	}
	if u, c := sigs[scene.SettingUnderwater], sigs[scene.SettingCity]; u.bright >= c.bright {
		t.Errorf("underwater (brightness %.4f) should be duller than the city (%.4f)", u.bright, c.bright)
	}
	if sp, c := sigs[scene.SettingSpace], sigs[scene.SettingCity]; sp.rms >= c.rms {
		t.Errorf("space (RMS %.4f) should be quieter than the city (%.4f)", sp.rms, c.rms)
	}
}

func TestNightBringsCricketsAndStormBringsWind(t *testing.T) {
	// The desert has the same wind by day and night, and no birds.
	day := plan(scene.SettingDesert, scene.Clear, scene.Calm)
	night := plan(scene.SettingDesert, scene.Clear, scene.Calm)
	night.Time = scene.Night
	// Crickets sing at 4.2..4.9 kHz: compare band energy with a resonator.
	band := func(x []float32) float64 {
		var f svf
		f.tune(4550, 4)
		var s float64
		for i := 0; i < len(x); i += 2 {
			_, b := f.step(x[i])
			s += float64(b) * float64(b)
		}
		return s
	}
	if d, n := band(ambience(t, 2, day, 4)), band(ambience(t, 2, night, 4)); n < 3*d {
		t.Errorf("4.5 kHz energy at night %.4g, by day %.4g: no crickets", n, d)
	}
	calm := rmsRange(ambience(t, 2, plan(scene.SettingMountains, scene.Clear, scene.Calm), 4), 0, secs(4))
	storm := ambience(t, 2, plan(scene.SettingMountains, scene.Storm, scene.Calm), 4)
	if s := rmsRange(storm, 0, secs(4)); s < 1.5*calm {
		t.Errorf("a storm in the mountains (RMS %.4f) should be louder than calm weather (%.4f)", s, calm)
	}
}

func TestFogMuffles(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	clear := mustRender(t, request(t, 4, 6), plan(scene.SettingForest, scene.Clear, scene.Calm), nil)
	fog := mustRender(t, request(t, 4, 6), plan(scene.SettingForest, scene.Fog, scene.Calm), nil)
	bc, _ := brightness(clear.Stems[audio.StemAmbience].Samples)
	bf, _ := brightness(fog.Stems[audio.StemAmbience].Samples)
	if bf > bc*0.7 {
		t.Errorf("foggy forest brightness %.4f, clear %.4f: fog should muffle", bf, bc)
	}
}
