// Package rng is the small seeded random number generator every Kino render
// uses, so that a seed always gives the same frames and sound on every
// machine. It is SplitMix64: fast, tiny state, and fully specified.
package rng

import (
	"hash/fnv"
	"math"
)

// Rand is a SplitMix64 generator. The zero value is usable (seed 0).
type Rand struct{ state uint64 }

// Gamma is SplitMix64's increment: the golden ratio in 64 bits. Each
// output adds it to the state, then finalises the state with Mix.
const Gamma = 0x9e3779b97f4a7c15

// New returns a generator seeded with seed.
func New(seed uint64) *Rand { return &Rand{state: seed} }

// Derive returns a generator for a named sub-stream of seed, so that adding
// randomness to one part of a render does not shift another part.
func Derive(seed uint64, name string) *Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return &Rand{state: Mix(seed ^ h.Sum64())}
}

// Uint64 returns the next 64 random bits.
func (r *Rand) Uint64() uint64 {
	r.state += Gamma
	return Mix(r.state)
}

// Hash64 returns the first output of New(z): a fast, well-mixed hash of z,
// for per-element randomness in closed form.
func Hash64(z uint64) uint64 { return Mix(z + Gamma) }

// Mix is SplitMix64's output finaliser (a bijection on 64 bits).
func Mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Float64 returns a uniform number in [0, 1).
func (r *Rand) Float64() float64 { return float64(r.Uint64()>>11) / (1 << 53) }

// Range returns a uniform number in [lo, hi).
func (r *Rand) Range(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// Intn returns a uniform integer in [0, n); n must be positive.
func (r *Rand) Intn(n int) int { return int(r.Uint64() % uint64(n)) }

// NormFloat64 returns a standard normal number (Box-Muller).
func (r *Rand) NormFloat64() float64 {
	u1 := r.Float64()
	if u1 < 1e-300 {
		u1 = 1e-300
	}
	u2 := r.Float64()
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

// Hash2 returns a deterministic pseudo-random value in [0,1) for integer
// coordinates, for noise that must not depend on drawing order.
func Hash2(seed uint64, x, y int64) float64 {
	return float64(Mix(seed^Mix(uint64(x)*Gamma^uint64(y)))>>11) / (1 << 53)
}
