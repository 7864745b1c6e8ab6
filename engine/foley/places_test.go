package foley

import (
	"math"
	"testing"

	"kino/engine/scene"
)

// signature is an ambience's loudness in six octave-wide bands (low
// rumble to hiss), in dB, from band-pass filters.
func signature(x []float32) [6]float64 {
	var out [6]float64
	for k, fc := range []float64{80, 250, 700, 1800, 4000, 9000} {
		var f svf
		f.tune(fc, 1.2)
		var e float64
		for i := 0; i < len(x); i += 2 {
			_, b := f.step(x[i])
			e += float64(b) * float64(b)
		}
		out[k] = 10 * math.Log10(e/float64(len(x)/2)+1e-12)
	}
	return out
}

// TestEverySettingSoundsDifferent checks that no two settings share a
// bed: their band signatures differ by at least 3 dB in some band, or
// their rhythms do (onsets a second).
func TestEverySettingSoundsDifferent(t *testing.T) {
	type heard struct {
		sig    [6]float64
		onsets float64
	}
	got := map[scene.Setting]heard{}
	for _, s := range scene.Settings {
		p := plan(s, scene.Clear, scene.Calm)
		p.Indoors = s.Indoors()
		amb := ambience(t, 9, p, 6)
		got[s] = heard{signature(amb), onsetRate(amb)}
	}
	for i, a := range scene.Settings {
		for _, b := range scene.Settings[i+1:] {
			ha, hb := got[a], got[b]
			d := 0.0
			for k := range ha.sig {
				d = math.Max(d, math.Abs(ha.sig[k]-hb.sig[k]))
			}
			if d < 3 && math.Abs(ha.onsets-hb.onsets) < 0.5 {
				t.Errorf("%s and %s sound alike: bands differ at most %.1f dB, onsets %.1f/s and %.1f/s", a, b, d, ha.onsets, hb.onsets)
			}
		}
	}
}

// onsetRate counts sudden rises of the 10 ms loudness over the 200 ms
// before, per second.
func onsetRate(x []float32) float64 {
	env := envelope(x, secs(0.01))
	n := 0
	for i := 20; i < len(env); i++ {
		var m float64
		for _, v := range env[i-20 : i-1] {
			m += v
		}
		m /= 19
		if env[i] > 2.5*m && env[i-1] <= 2.5*m {
			n++
		}
	}
	return float64(n) / (float64(len(x)/2) / sr)
}

func TestHospitalMonitorBeepsAndTrainWheelsClack(t *testing.T) {
	// A heart monitor: a 1 kHz tone once a second.
	tone := func(x []float32, fc float64) float64 {
		var f svf
		f.tune(fc, 20)
		var e float64
		for i := 0; i < len(x); i += 2 {
			_, b := f.step(x[i])
			e += float64(b) * float64(b)
		}
		return e
	}
	hosp := plan(scene.SettingHospital, scene.Clear, scene.Calm)
	office := plan(scene.SettingOffice, scene.Clear, scene.Calm)
	if h, o := tone(ambience(t, 4, hosp, 5), 1000), tone(ambience(t, 4, office, 5), 1000); h < 10*o {
		t.Errorf("1 kHz energy: hospital %.3g, office %.3g; want the monitor's beep", h, o)
	}
	// A train's wheels: knocks in pairs, about one pair a second.
	train := plan(scene.SettingTrain, scene.Clear, scene.Calm)
	train.Indoors = true
	if r := onsetRate(ambience(t, 4, train, 8)); r < 1.2 || r > 3.5 {
		t.Errorf("train onsets %.2f a second; want the wheels' pairs of knocks (about 2 a second)", r)
	}
}

func TestSpotSoundsAreHeard(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	quiet := plan(scene.SettingField, scene.Clear, scene.Calm)
	base := mustRender(t, request(t, 4, 6), quiet, nil)
	floor := rmsRange(base.Stems["effects"].Samples, 0, secs(4))
	for _, s := range scene.AllSounds {
		p := plan(scene.SettingField, scene.Clear, scene.Calm)
		p.Sounds = []scene.Sound{s}
		st := mustRender(t, request(t, 4, 6), p, nil)
		fx := st.Stems["effects"].Samples
		if r := rmsRange(fx, 0, secs(4)); r < 0.003 || r < 10*floor {
			t.Errorf("%s: effects RMS %.4f (without it %.4f); want it heard", s, r, floor)
		}
		if pk := peakOf(fx); pk > 1 {
			t.Errorf("%s: effects peak %.2f", s, pk)
		}
	}
}

func TestMovingVehiclesAreHeard(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	for _, name := range []string{"car", "truck", "train", "plane", "helicopter", "boat"} {
		still := plan(scene.SettingField, scene.Clear, scene.Calm)
		moving := plan(scene.SettingField, scene.Clear, scene.Calm)
		still.Subjects = []scene.Subject{{Kind: scene.KindProp, Name: name, Count: 1, Action: scene.Stand, HeldBy: -1}}
		moving.Subjects = []scene.Subject{{Kind: scene.KindProp, Name: name, Count: 1, Action: scene.Run, HeldBy: -1}}
		a := rmsRange(mustRender(t, request(t, 4, 6), still, nil).Stems["effects"].Samples, 0, secs(4))
		b := rmsRange(mustRender(t, request(t, 4, 6), moving, nil).Stems["effects"].Samples, 0, secs(4))
		if b < 0.002 || b < 3*a && name != "plane" && name != "helicopter" {
			t.Errorf("a %s speeding by: effects RMS %.4f, standing still %.4f; want it heard going by", name, b, a)
		}
	}
}
