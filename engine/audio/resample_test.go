package audio

import (
	"math"
	"testing"
)

func sine(freq, amp float64, rate, n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
	}
	return out
}

// toneLevel is the amplitude of the component of x at freq (Hz), by
// correlating with a sine and a cosine over a Hann window.
func toneLevel(x []float32, freq float64, rate int) float64 {
	var re, im, wsum float64
	n := len(x)
	for i, s := range x {
		w := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n-1))
		ph := 2 * math.Pi * freq * float64(i) / float64(rate)
		re += w * float64(s) * math.Cos(ph)
		im += w * float64(s) * math.Sin(ph)
		wsum += w
	}
	return 2 * math.Hypot(re, im) / wsum
}

func rms(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s / float64(max(1, len(x))))
}

// interior drops the filter's edge transients.
func interior(x []float32, margin int) []float32 { return x[margin : len(x)-margin] }

func TestResamplerTracksPassbandSine(t *testing.T) {
	cases := []struct {
		from, to int
		freq     float64
	}{
		{22050, 48000, 1000},
		{22050, 48000, 8000},
		{16000, 48000, 440},
		{44100, 48000, 5000},
		{48000, 22050, 3000},
		{48000, 8000, 1000},
		{22050, 47999, 1500}, // 47999/22050 needs more than maxPhases phases
	}
	for _, c := range cases {
		r, err := NewResampler(c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		in := sine(c.freq, 0.8, c.from, c.from/2)
		out := r.Resample(in)
		if len(out) != r.OutputLen(len(in)) {
			t.Fatalf("%d→%d: %d samples, OutputLen says %d", c.from, c.to, len(out), r.OutputLen(len(in)))
		}
		wantLen := int(math.Ceil(float64(len(in)) * float64(c.to) / float64(c.from)))
		if len(out) != wantLen {
			t.Errorf("%d→%d: %d samples, want %d", c.from, c.to, len(out), wantLen)
		}
		// Compare with the ideal sine at the output instants.
		ideal := sine(c.freq, 0.8, c.to, len(out))
		var maxErr float64
		margin := c.to / 100
		for i := margin; i < len(out)-margin; i++ {
			maxErr = max(maxErr, math.Abs(float64(out[i]-ideal[i])))
		}
		if maxErr > 2e-3 {
			t.Errorf("%d→%d at %.0f Hz: max deviation from the ideal sine %.2g", c.from, c.to, c.freq, maxErr)
		}
		if lvl := toneLevel(interior(out, margin), c.freq, c.to); math.Abs(lvl-0.8) > 0.01 {
			t.Errorf("%d→%d at %.0f Hz: tone level %.4f, want 0.8", c.from, c.to, c.freq, lvl)
		}
	}
}

func TestResamplerSuppressesImages(t *testing.T) {
	// Upsampling 22050→48000 creates images at 22050-f; the filter must
	// remove them.
	r, err := NewResampler(22050, 48000)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []float64{1000, 5000, 9000} {
		out := interior(r.Resample(sine(f, 1, 22050, 22050)), 480)
		want := toneLevel(out, f, 48000)
		image := toneLevel(out, 22050-f, 48000)
		if db := 20 * math.Log10(image/want); db > -60 {
			t.Errorf("%.0f Hz tone: image at %.0f Hz only %.1f dB down", f, 22050-f, db)
		}
	}
}

func TestResamplerSuppressesAliases(t *testing.T) {
	// Downsampling 48000→22050: a 15 kHz tone is above the new Nyquist
	// (11025 Hz) and would alias to 7050 Hz; it must all but vanish.
	r, err := NewResampler(48000, 22050)
	if err != nil {
		t.Fatal(err)
	}
	out := interior(r.Resample(sine(15000, 1, 48000, 48000)), 220)
	if lvl := rms(out); lvl > 1e-3 {
		t.Errorf("15 kHz tone downsampled to 22050 Hz leaves RMS %.2g, want < 1e-3", lvl)
	}
	if alias := toneLevel(out, 7050, 22050); alias > 1e-3 {
		t.Errorf("alias at 7050 Hz has level %.2g", alias)
	}
}

func TestResamplerNearNyquistStaysBounded(t *testing.T) {
	// A full-scale tone just under the input Nyquist frequency must not
	// ring up beyond full scale (a badly built filter blows up here).
	r, err := NewResampler(22050, 48000)
	if err != nil {
		t.Fatal(err)
	}
	out := r.Resample(sine(10900, 1, 22050, 22050))
	var peak float64
	for _, s := range out {
		peak = max(peak, math.Abs(float64(s)))
	}
	if peak > 1.1 {
		t.Errorf("peak %.3f for a full-scale 10.9 kHz tone", peak)
	}
	// Alternating full-scale samples (exactly Nyquist) must come out
	// small, not amplified.
	alt := make([]float32, 4410)
	for i := range alt {
		alt[i] = float32(1 - 2*(i%2))
	}
	if lvl := rms(interior(r.Resample(alt), 480)); lvl > 0.01 {
		t.Errorf("Nyquist-rate input leaves RMS %.3f after resampling", lvl)
	}
}

func TestResamplerDCAndEdges(t *testing.T) {
	r, err := NewResampler(22050, 48000)
	if err != nil {
		t.Fatal(err)
	}
	dc := make([]float32, 2205)
	for i := range dc {
		dc[i] = 0.5
	}
	out := r.Resample(dc)
	for i, s := range interior(out, 100) {
		if math.Abs(float64(s)-0.5) > 1e-5 {
			t.Fatalf("constant input gives %.6f at %d", s, i+100)
		}
	}
	if got := r.Resample(nil); len(got) != 0 {
		t.Errorf("empty input gives %d samples", len(got))
	}
	if got := r.Resample([]float32{1}); len(got) != 3 {
		t.Errorf("one input sample gives %d samples, want 3", len(got))
	}
}

func TestResamplerIdentityAndErrors(t *testing.T) {
	in := sine(440, 0.5, 48000, 1000)
	out, err := Resample(in, 48000, 48000)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if in[i] != out[i] {
			t.Fatalf("same-rate resampling changed sample %d", i)
		}
	}
	out[0] = 42
	if in[0] == 42 {
		t.Fatal("same-rate resampling returned the input slice")
	}
	for _, rates := range [][2]int{{0, 48000}, {22050, 0}, {-1, 48000}} {
		if _, err := NewResampler(rates[0], rates[1]); err == nil {
			t.Errorf("NewResampler(%d, %d) accepted bad rates", rates[0], rates[1])
		}
	}
}

func BenchmarkResample1s(b *testing.B) {
	r, err := NewResampler(22050, SampleRate)
	if err != nil {
		b.Fatal(err)
	}
	in := sine(440, 0.5, 22050, 22050)
	b.ReportAllocs()
	b.SetBytes(int64(len(in) * 4))
	for b.Loop() {
		r.Resample(in)
	}
}

func BenchmarkNewResampler(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewResampler(22050, SampleRate); err != nil {
			b.Fatal(err)
		}
	}
}
