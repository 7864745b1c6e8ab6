package previz

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
	texSize = 1 << texBits
	texMask = texSize - 1
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
	acc := make([]float64, texSize*texSize)
	amp, total := 1.0, 0.0
	for _, cell := range []int{64, 32, 16, 8, 4} {
		n := texSize / cell
		lat := make([]float64, n*n)
		for i := range lat {
			lat[i] = float64(hash64(seed^uint64(cell)<<40^uint64(i))>>11) / (1 << 53)
		}
		for y := 0; y < texSize; y++ {
			gy, fy := y/cell, float64(y%cell)/float64(cell)
			fy = fy * fy * (3 - 2*fy)
			y0, y1 := gy%n, (gy+1)%n
			for x := 0; x < texSize; x++ {
				gx, fx := x/cell, float64(x%cell)/float64(cell)
				fx = fx * fx * (3 - 2*fx)
				x0, x1 := gx%n, (gx+1)%n
				a := lat[y0*n+x0] + (lat[y0*n+x1]-lat[y0*n+x0])*fx
				b := lat[y1*n+x0] + (lat[y1*n+x1]-lat[y1*n+x0])*fx
				acc[y*texSize+x] += amp * (a + (b-a)*fy)
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

// texRow fills row with texture row v (8.8 fixed point, wrapping),
// interpolated between the two nearest texture rows.
func texRow(row *[texSize + 1]uint8, v int) {
	t := noiseTexture()
	r0 := (v >> 8) & texMask
	r1 := (r0 + 1) & texMask
	f := v & 255
	a := t[r0*texSize : r0*texSize+texSize]
	b := t[r1*texSize : r1*texSize+texSize]
	for i := 0; i < texSize; i++ {
		row[i] = uint8(int(a[i]) + (int(b[i])-int(a[i]))*f>>8)
	}
	row[texSize] = row[0]
}

// texAt samples a texture row at u (16.16 fixed point, wrapping).
func texAt(row *[texSize + 1]uint8, u int) int {
	i := (u >> 16) & texMask
	f := (u >> 8) & 255
	a := int(row[i])
	return a + (int(row[i+1])-a)*f>>8
}

// tex2 samples the texture bilinearly at (u, v) in texels (wrapping); for
// precomputation, not per-pixel work.
func tex2(u, v float64) float64 {
	t := noiseTexture()
	fu, fv := math.Floor(u), math.Floor(v)
	x0, y0 := int(fu)&texMask, int(fv)&texMask
	x1, y1 := (x0+1)&texMask, (y0+1)&texMask
	du, dv := u-fu, v-fv
	a := float64(t[y0*texSize+x0]) + (float64(t[y0*texSize+x1])-float64(t[y0*texSize+x0]))*du
	b := float64(t[y1*texSize+x0]) + (float64(t[y1*texSize+x1])-float64(t[y1*texSize+x0]))*du
	return (a + (b-a)*dv) / 255
}

// hash64 is rng.Hash64 (a SplitMix64 output): a fast, well-mixed hash for
// seeding per-element randomness in closed form.
func hash64(z uint64) uint64 { return rng.Hash64(z) }

// hashf returns a uniform number in [0,1) for a key.
func hashf(z uint64) float64 { return float64(hash64(z)>>11) / (1 << 53) }

// hashk combines a seed and integer parts into one key.
func hashk(seed uint64, a, b int) uint64 {
	return hash64(seed ^ uint64(int64(a))*0x9e3779b97f4a7c15 ^ uint64(int64(b))*0xc2b2ae3d27d4eb4f)
}

// wave is smooth seeded noise over time: a sum of three sines with seeded
// frequencies (around base Hz) and phases, in about [-1, 1].
func wave(seed uint64, t, base float64) float64 {
	s := 0.0
	for i := 0; i < 3; i++ {
		f := base * (0.6 + 0.9*hashf(seed+uint64(i)*7919))
		ph := 2 * math.Pi * hashf(seed+uint64(i)*104729+1)
		s += math.Sin(2*math.Pi*f*t+ph) / float64(i+1)
	}
	return s / 1.83
}
