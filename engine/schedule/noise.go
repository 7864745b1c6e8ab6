package schedule

import (
	"math"

	"kino/engine/rng"
)

// Noise is a seeded source of unit Gaussian samples whose output is
// bit-identical on every platform and Go version, so a render can be
// reproduced from its seed.
//
// Algorithm: the seed is hashed with the splitmix64 finaliser into the state
// of a splitmix64 generator (rng.Rand: state += 0x9E3779B97F4A7C15, output =
// finaliser of state). Each output's top 53 bits give a uniform double in [0, 1).
// Pairs of uniforms u, v in [-1, 1) go through the Marsaglia polar method:
// pairs with s = u²+v² outside (0, 1) are rejected, otherwise both
// u*sqrt(-2 ln s / s) and v*sqrt(-2 ln s / s) are emitted, in that order, as
// float32. The logarithm is computed here from +, -, *, / and an exact
// exponent split, and every product is rounded explicitly so the compiler
// cannot fuse it into an FMA; with IEEE-754 arithmetic and the correctly
// rounded math.Sqrt the results cannot differ between machines.
//
// A Noise is not safe for concurrent use.
type Noise struct {
	r      rng.Rand
	spare  float32
	hasOne bool
}

// NewNoise returns a generator for seed. Equal seeds give equal streams.
func NewNoise(seed uint64) *Noise {
	return &Noise{r: *rng.New(rng.Mix(seed ^ 0x6A09E667F3BCC909))}
}

// uniform returns a double in [0, 1) with 53 random bits (rng's Float64:
// the top 53 bits of the next output, times 2⁻⁵³, which is exact).
func (n *Noise) uniform() float64 { return n.r.Float64() }

// pair returns the next two Gaussian samples.
func (n *Noise) pair() (float64, float64) {
	for {
		u := float64(2*n.uniform()) - 1
		v := float64(2*n.uniform()) - 1
		s := float64(u*u) + float64(v*v)
		if s <= 0 || s >= 1 {
			continue
		}
		f := math.Sqrt(float64(-2*detLog(s)) / s)
		return float64(u * f), float64(v * f)
	}
}

// Float32 returns the next sample.
func (n *Noise) Float32() float32 {
	if n.hasOne {
		n.hasOne = false
		return n.spare
	}
	a, b := n.pair()
	n.spare, n.hasOne = float32(b), true
	return float32(a)
}

// Fill overwrites dst with the next len(dst) samples of the stream. The
// stream does not depend on how it is split across calls.
func (n *Noise) Fill(dst []float32) {
	i := 0
	if n.hasOne && len(dst) > 0 {
		dst[0] = n.spare
		n.hasOne = false
		i = 1
	}
	for ; i+1 < len(dst); i += 2 {
		a, b := n.pair()
		dst[i], dst[i+1] = float32(a), float32(b)
	}
	if i < len(dst) {
		dst[i] = n.Float32()
	}
}

// ln2Hi + ln2Lo = ln 2, with ln2Hi exact in few bits so e*ln2Hi is exact.
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// logCoeffs are 1/(2k+1) for the series 2*atanh(r) = 2r(1 + r²/3 + r⁴/5 + ...).
var logCoeffs = [...]float64{
	1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13,
	1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23,
}

// detLog returns the natural logarithm of a positive, finite x using only
// basic arithmetic, so its result is the same on every platform.
func detLog(x float64) float64 {
	m, e := math.Frexp(x) // x = m * 2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	f := m - 1 // exact: m is within a factor 2 of 1
	r := f / (2 + f)
	z := float64(r * r)
	p := logCoeffs[len(logCoeffs)-1]
	for k := len(logCoeffs) - 2; k >= 0; k-- {
		p = float64(p*z) + logCoeffs[k]
	}
	series := float64(float64(2*r) * float64(float64(z*p)+1))
	fe := float64(e)
	return float64(fe*ln2Hi) + (series + float64(fe*ln2Lo))
}
