package foley

import (
	"math"

	"kino/engine/audio"
	"kino/engine/rng"
)

// sr is the soundtrack's sample rate as a float, for filter maths.
const sr = float64(audio.SampleRate)

// ctrl is the control block: time-varying parameters (envelopes, filter
// cutoffs) are recomputed once per ctrl frames and held in between.
const ctrl = 32

// noise is a xorshift32 white-noise source: one multiply-free step per
// sample, seeded from a derived rng stream.
type noise struct{ s uint32 }

func newNoise(r *rng.Rand) noise {
	s := uint32(r.Uint64() >> 32)
	if s == 0 {
		s = 0x9e3779b9
	}
	return noise{s}
}

// next returns a uniform sample in [-1, 1).
func (n *noise) next() float32 {
	x := n.s
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	n.s = x
	return float32(int32(x)) * (1.0 / 2147483648.0)
}

// unit returns a uniform number in [0, 1).
func (n *noise) unit() float32 {
	x := n.s
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	n.s = x
	return float32(x>>8) * (1.0 / 16777216.0)
}

// Wavetables: one cycle of 1<<tabBits samples plus a guard sample, read
// with a 32-bit phase accumulator and linear interpolation.
const (
	tabBits  = 12
	tabSize  = 1 << tabBits
	fracBits = 32 - tabBits
	fracMask = 1<<fracBits - 1
	fracNorm = 1.0 / (1 << fracBits)
)

type table [tabSize + 1]float32

var (
	sineTab = makeTable(func(x float64) float64 { return math.Sin(2 * math.Pi * x) })
	// softSaw has harmonics 1..8 at 1/k: a mellow band-limited saw for pads.
	softSaw = makeHarmonic(8, func(k int) float64 { return 1 / float64(k) })
	// brightSaw has harmonics 1..16 at 1/k, for synth arpeggios.
	brightSaw = makeHarmonic(16, func(k int) float64 { return 1 / float64(k) })
	// hollow has odd harmonics only (a soft square), for horns and muted tones.
	hollow = makeHarmonic(9, func(k int) float64 {
		if k%2 == 0 {
			return 0
		}
		return 1 / float64(k)
	})
)

func makeTable(f func(float64) float64) *table {
	var t table
	for i := range t {
		t[i] = float32(f(float64(i) / tabSize))
	}
	return &t
}

// makeHarmonic builds a table from harmonics 1..n with amplitudes amp(k),
// normalised to a peak of 1.
func makeHarmonic(n int, amp func(int) float64) *table {
	var t table
	var peak float64
	vals := make([]float64, len(t))
	for i := range vals {
		x := 2 * math.Pi * float64(i) / tabSize
		var s float64
		for k := 1; k <= n; k++ {
			s += amp(k) * math.Sin(float64(k)*x)
		}
		vals[i] = s
		peak = math.Max(peak, math.Abs(s))
	}
	for i, v := range vals {
		t[i] = float32(v / peak)
	}
	return &t
}

// at reads the table at phase p (a full cycle is 2^32).
func (t *table) at(p uint32) float32 {
	i := p >> fracBits
	a := t[i]
	return a + (t[i+1]-a)*float32(p&fracMask)*fracNorm
}

// inc is the phase increment per sample for frequency f in Hz.
func inc(f float64) uint32 {
	if f <= 0 {
		return 0
	}
	if f >= sr/2 {
		f = sr / 2
	}
	return uint32(f / sr * 4294967296.0)
}

// lpCoef is the coefficient of a one-pole low-pass at cutoff fc:
// y += a*(x-y).
func lpCoef(fc float64) float32 {
	if fc >= sr/2 {
		return 1
	}
	return float32(1 - math.Exp(-2*math.Pi*fc/sr))
}

// decay is the per-sample multiplier of an exponential decay with time
// constant tau seconds.
func decay(tau float64) float32 {
	if tau <= 0 {
		return 0
	}
	return float32(math.Exp(-1 / (tau * sr)))
}

// svf is a topology-preserving state-variable filter (trapezoidal
// integration), stable at any cutoff below Nyquist and cheap to retune at
// control rate.
type svf struct {
	a1, a2, a3, k float32
	ic1, ic2      float32
}

// tune sets the cutoff (or centre) fc in Hz and the quality q.
func (f *svf) tune(fc, q float64) {
	fc = math.Min(math.Max(fc, 10), sr*0.45)
	g := math.Tan(math.Pi * fc / sr)
	k := 1 / q
	a1 := 1 / (1 + g*(g+k))
	f.a1, f.a2, f.a3, f.k = float32(a1), float32(g*a1), float32(g*g*a1), float32(k)
}

// step filters one sample and returns the low-pass and band-pass outputs.
func (f *svf) step(x float32) (low, band float32) {
	v3 := x - f.ic2
	v1 := f.a1*f.ic1 + f.a2*v3
	v2 := f.ic2 + f.a2*f.ic1 + f.a3*v3
	f.ic1 = 2*v1 - f.ic1
	f.ic2 = 2*v2 - f.ic2
	return v2, v1
}

// pan returns equal-power left and right gains for p in [-1, 1].
func pan(p float64) (l, r float32) {
	p = math.Max(-1, math.Min(1, p))
	a := (p + 1) * math.Pi / 4
	return float32(math.Cos(a)), float32(math.Sin(a))
}

// secs converts seconds to a whole number of samples.
func secs(s float64) int { return int(math.Round(s * sr)) }

// smoothstep is 0 at 0, 1 at 1, with zero slope at both ends.
func smoothstep(u float64) float64 {
	u = math.Max(0, math.Min(1, u))
	return u * u * (3 - 2*u)
}

// wander is a slowly varying random value in [0, 1]: it glides along a
// smoothstep curve to a new random target every lo..hi seconds. Step it
// once per control block.
type wander struct {
	r        *rng.Rand
	lo, hi   float64
	from, to float64
	pos, len int // in control blocks
}

func newWander(r *rng.Rand, lo, hi float64) wander {
	w := wander{r: r, lo: lo, hi: hi, from: r.Float64(), to: r.Float64()}
	w.len = max(1, int(r.Range(lo, hi)*sr/ctrl))
	w.pos = r.Intn(w.len)
	return w
}

// next advances one control block and returns the current value.
func (w *wander) next() float64 {
	w.pos++
	if w.pos >= w.len {
		w.pos = 0
		w.from, w.to = w.to, w.r.Float64()
		w.len = max(1, int(w.r.Range(w.lo, w.hi)*sr/ctrl))
	}
	return w.from + (w.to-w.from)*smoothstep(float64(w.pos)/float64(w.len))
}

// detach gives w a generator of its own, a copy of the one it draws from,
// and moves that one on past everything w will draw stepping through a
// clip of n frames (once a control block). What a layer draws from the
// same stream after its wander then comes out as when the wander was
// stepped through the whole clip first, although the wander now steps
// block by block as the clip is made.
func (w *wander) detach(n int) {
	own := *w.r
	ahead := *w
	for i0 := 0; i0 < n; i0 += ctrl {
		ahead.next()
	}
	w.r = &own
}

// lp2Stereo is the state of stereo noise through two one-pole low-passes
// a side, which many continuous layers carry from block to block.
type lp2Stereo struct {
	l1, l2, r1, r2 float32
	nl, nr         noise
}

// bpComp is the gain that brings uniform white noise in [-1, 1) through a
// unity-peak band-pass (k*band of an svf) at fc, q to an RMS of 1.
func bpComp(fc, q float64) float32 {
	return float32(math.Sqrt(3 * q * sr / (math.Pi * fc)))
}

// lp2Comp is the gain that brings uniform white noise through two cascaded
// one-pole low-passes with coefficient a to an RMS of 1.
func lp2Comp(a float32) float32 {
	b := 1 - float64(a)
	v := math.Pow(float64(a), 4) * (1 + b*b) / math.Pow(1-b*b, 3) / 3
	return float32(1 / math.Sqrt(v))
}

// peak returns the largest absolute sample of x.
func peak(x []float32) float32 {
	var pk float32
	for _, v := range x {
		if v < 0 {
			v = -v
		}
		if v > pk {
			pk = v
		}
	}
	return pk
}
