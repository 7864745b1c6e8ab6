package raster

import (
	"math"
	"sync"

	"kino/engine/rng"
)

// The noise texture is a 256x256 tileable fractal value noise, shared by
// every clip (it depends on nothing). Clips vary it by seeded offsets and
// scales. Samplers read it one row at a time: texRow interpolates two
// texture rows into a 257-entry row (with a wrap guard), and texAt
// interpolates along that row with a 16.16 fixed-point coordinate, so a
// pixel costs two loads and one multiply.
const (
	texBits = 8
	TexSize = 1 << texBits
	texMask = TexSize - 1
)

var (
	texOnce sync.Once
	texData []uint8
)

func noiseTexture() []uint8 {
	texOnce.Do(func() { texData = makeNoiseTexture(0x6b696e6f) })
	return texData
}

func makeNoiseTexture(seed uint64) []uint8 {
	acc := make([]float64, TexSize*TexSize)
	amp, total := 1.0, 0.0
	for _, cell := range []int{64, 32, 16, 8, 4} {
		n := TexSize / cell
		lat := make([]float64, n*n)
		for i := range lat {
			lat[i] = float64(Hash64(seed^uint64(cell)<<40^uint64(i))>>11) / (1 << 53)
		}
		for y := 0; y < TexSize; y++ {
			gy, fy := y/cell, float64(y%cell)/float64(cell)
			fy = fy * fy * (3 - 2*fy)
			y0, y1 := gy%n, (gy+1)%n
			for x := 0; x < TexSize; x++ {
				gx, fx := x/cell, float64(x%cell)/float64(cell)
				fx = fx * fx * (3 - 2*fx)
				x0, x1 := gx%n, (gx+1)%n
				a := lat[y0*n+x0] + (lat[y0*n+x1]-lat[y0*n+x0])*fx
				b := lat[y1*n+x0] + (lat[y1*n+x1]-lat[y1*n+x0])*fx
				acc[y*TexSize+x] += amp * (a + (b-a)*fy)
			}
		}
		total += amp
		amp *= 0.5
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range acc {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	out := make([]uint8, len(acc))
	for i, v := range acc {
		out[i] = uint8((v - lo) / (hi - lo) * 255.99)
	}
	_ = total
	return out
}

// TexRow fills row with texture row v (8.8 fixed point, wrapping),
// interpolated between the two nearest texture rows.
func TexRow(row *[TexSize + 1]uint8, v int) {
	t := noiseTexture()
	r0 := (v >> 8) & texMask
	r1 := (r0 + 1) & texMask
	f := v & 255
	a := t[r0*TexSize : r0*TexSize+TexSize]
	b := t[r1*TexSize : r1*TexSize+TexSize]
	for i := 0; i < TexSize; i++ {
		row[i] = uint8(int(a[i]) + (int(b[i])-int(a[i]))*f>>8)
	}
	row[TexSize] = row[0]
}

// TexAt samples a texture row at u (16.16 fixed point, wrapping).
func TexAt(row *[TexSize + 1]uint8, u int) int {
	i := (u >> 16) & texMask
	f := (u >> 8) & 255
	a := int(row[i])
	return a + (int(row[i+1])-a)*f>>8
}

// Tex2 samples the texture bilinearly at (u, v) in texels (wrapping); for
// precomputation, not per-pixel work.
func Tex2(u, v float64) float64 {
	t := noiseTexture()
	fu, fv := math.Floor(u), math.Floor(v)
	x0, y0 := int(fu)&texMask, int(fv)&texMask
	x1, y1 := (x0+1)&texMask, (y0+1)&texMask
	du, dv := u-fu, v-fv
	a := float64(t[y0*TexSize+x0]) + (float64(t[y0*TexSize+x1])-float64(t[y0*TexSize+x0]))*du
	b := float64(t[y1*TexSize+x0]) + (float64(t[y1*TexSize+x1])-float64(t[y1*TexSize+x0]))*du
	return (a + (b-a)*dv) / 255
}

// Hash64 is rng.Hash64 (a SplitMix64 output): a fast, well-mixed hash for
// seeding per-element randomness in closed form.
func Hash64(z uint64) uint64 { return rng.Hash64(z) }

// Hashf returns a uniform number in [0,1) for a key.
func Hashf(z uint64) float64 { return float64(Hash64(z)>>11) / (1 << 53) }

// Hashk combines a seed and integer parts into one key.
func Hashk(seed uint64, a, b int) uint64 {
	return Hash64(seed ^ uint64(int64(a))*0x9e3779b97f4a7c15 ^ uint64(int64(b))*0xc2b2ae3d27d4eb4f)
}

// Wave is smooth seeded noise over time: a sum of three sines with seeded
// frequencies (around base Hz) and phases, in about [-1, 1].
func Wave(seed uint64, t, base float64) float64 {
	s := 0.0
	for i := 0; i < 3; i++ {
		f := base * (0.6 + 0.9*Hashf(seed+uint64(i)*7919))
		ph := 2 * math.Pi * Hashf(seed+uint64(i)*104729+1)
		s += math.Sin(2*math.Pi*f*t+ph) / float64(i+1)
	}
	return s / 1.83
}
