package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/rng"
)

// A ridge is a far or middle scenery silhouette (hills, mountains, a tree
// line, dunes, a skyline) standing on the horizon. Its outline is a height
// table over a repeating stretch of world, so pans of any length keep
// finding scenery. Per frame only the table is sampled once per column;
// drawing is a span fill per row.
type ridge struct {
	layer   layer
	kind    ridgeKind
	period  float64   // world width of the table, frame heights
	heights []float32 // heightN samples, frame heights above the base
	lift    float64   // the base's height above the horizon line (frame heights)
	hmax    float64
	top     raster.RGB // colour at the ridge's highest point
	bot     raster.RGB // colour at its base
	rim     raster.RGB // colour of the top edge (sunset rim light, cartoon outline)
	rimA    int        // rim alpha, 0: none

	// rSnow: the snowline, frame heights above the base, and its colour.
	snowline float64
	snow     raster.RGB

	// rCity: building ids per sample, each building's left edge and right
	// edge, and its windows.
	ids         []uint16
	bx0, bx1    []float32
	cellW       float64
	cellH       float64
	winLit      raster.RGB
	winDark     raster.RGB
	litFraction float64
}

type ridgeKind uint8

const (
	rPlain ridgeKind = iota
	rSnow
	rCity
)

const (
	heightBits = 11
	heightN    = 1 << heightBits
	heightMask = heightN - 1
)

// heightAt samples the table at world x, interpolating linearly.
func (r *ridge) heightAt(x float64) float64 {
	f := x / r.period * heightN
	fi := math.Floor(f)
	i := int(fi) & heightMask
	j := (i + 1) & heightMask
	t := f - fi
	return float64(r.heights[i]) + (float64(r.heights[j])-float64(r.heights[i]))*t
}

func newRidge(l layer, period float64) *ridge {
	return &ridge{layer: l, period: period, heights: make([]float32, heightN)}
}

// sample sets every height from f(world x).
func (r *ridge) sample(f func(x float64) float64) {
	for i := range r.heights {
		h := f(float64(i) / heightN * r.period)
		r.heights[i] = float32(h)
		r.hmax = math.Max(r.hmax, h)
	}
}

// periodicSines returns a smooth periodic function: a sum of n sines whose
// wavelengths divide period, with seeded phases and 1/f amplitudes.
func periodicSines(r *rng.Rand, period float64, first, n int) func(float64) float64 {
	type term struct{ k, ph, a float64 }
	terms := make([]term, n)
	norm := 0.0
	for i := range terms {
		k := float64(first + i + r.Intn(2))
		terms[i] = term{k, r.Range(0, 2*math.Pi), 1 / (1 + float64(i))}
		norm += terms[i].a
	}
	return func(x float64) float64 {
		s := 0.0
		for _, t := range terms {
			s += t.a * math.Sin(2*math.Pi*t.k*x/period+t.ph)
		}
		return s / norm
	}
}

// hills: smooth rolling outline, amplitude amp.
func hills(r *rng.Rand, l layer, amp float64) *ridge {
	rd := newRidge(l, 6)
	f := periodicSines(r, rd.period, 2, 5)
	rd.sample(func(x float64) float64 { return amp * (0.55 + 0.45*f(x)) })
	return rd
}

// mountains: jagged peaks (ridged noise over sines), amplitude amp.
func mountains(r *rng.Rand, l layer, amp float64) *ridge {
	rd := newRidge(l, 6)
	f := periodicSines(r, rd.period, 3, 4)
	u0 := r.Range(0, raster.TexSize)
	v0 := r.Range(0, raster.TexSize)
	rd.sample(func(x float64) float64 {
		u := x / rd.period * raster.TexSize
		ridged := 1 - math.Abs(2*raster.Tex2(u*2+u0, v0)-1)
		fine := raster.Tex2(u*8+u0, v0+40)
		return amp * raster.Clampf(0.45+0.35*f(x)+0.25*ridged+0.1*fine, 0.05, 1.2)
	})
	return rd
}

// conifers: a jagged line of pointed trees, each about width w, over a base.
func conifers(r *rng.Rand, l layer, base, amp, w float64) *ridge {
	return treeLine(r, l, base, amp, w, 1.6, 0.5, 1.2, func(q, h float64) float64 {
		// Slightly stepped sides, like branches.
		v := h * (1 - q)
		return v - 0.08*h*math.Abs(math.Sin(v/h*18))
	})
}

// roundTrees: a line of broad rounded crowns.
func roundTrees(r *rng.Rand, l layer, base, amp, w float64) *ridge {
	return treeLine(r, l, base, amp, w, 1.3, 0.55, 1.3, func(q, h float64) float64 {
		return h * math.Sqrt(1-q*q)
	})
}

// treeLine is a line of trees about width w over a base, density trees
// per width of the layer's period, each amp times hMin..1 tall and w times
// 0.6..wMax wide. profile gives a tree's height at q, the distance from
// its middle as a fraction of its half width, for tree height h.
func treeLine(r *rng.Rand, l layer, base, amp, w, density, hMin, wMax float64, profile func(q, h float64) float64) *ridge {
	rd := newRidge(l, 6)
	n := int(rd.period / w * density)
	type tree struct{ x, h, w float64 }
	trees := make([]tree, n)
	for i := range trees {
		trees[i] = tree{r.Range(0, rd.period), amp * r.Range(hMin, 1), w * r.Range(0.6, wMax)}
	}
	rd.sample(func(x float64) float64 {
		h := base
		for _, t := range trees {
			d := math.Abs(x - t.x)
			d = math.Min(d, rd.period-d)
			if d < t.w/2 {
				h = math.Max(h, base+profile(d/(t.w/2), t.h))
			}
		}
		return h
	})
	return rd
}

// dunes: smooth asymmetric sand ridges.
func dunes(r *rng.Rand, l layer, amp float64) *ridge {
	rd := newRidge(l, 6)
	f := periodicSines(r, rd.period, 3, 3)
	rd.sample(func(x float64) float64 {
		v := f(x)
		// Sharpen the crests: wind-blown dunes have a steep face.
		return amp * (0.5 + 0.5*math.Tanh(1.8*v))
	})
	return rd
}

// mesas: flat-topped desert buttes.
func mesas(r *rng.Rand, l layer, amp float64) *ridge {
	rd := newRidge(l, 6)
	type butte struct{ x, w, h float64 }
	bs := make([]butte, 5)
	for i := range bs {
		bs[i] = butte{r.Range(0, rd.period), r.Range(0.25, 0.8), amp * r.Range(0.5, 1)}
	}
	rd.sample(func(x float64) float64 {
		h := amp * 0.05
		for _, b := range bs {
			d := math.Abs(x - b.x)
			d = math.Min(d, rd.period-d)
			edge := b.w / 2
			switch {
			case d < edge:
				h = math.Max(h, b.h)
			case d < edge+b.h*0.8:
				h = math.Max(h, b.h*(1-(d-edge)/(b.h*0.8)))
			}
		}
		return h
	})
	return rd
}

// skyline: city blocks with windows. amp is the tallest building; cell
// the window spacing.
func skyline(r *rng.Rand, l layer, amp, minW, maxW, cell float64) *ridge {
	rd := newRidge(l, 6)
	rd.kind = rCity
	rd.ids = make([]uint16, heightN)
	var edges []float64
	for x := 0.0; x < rd.period-minW; {
		edges = append(edges, x)
		x += r.Range(minW, maxW)
	}
	edges = append(edges, rd.period)
	nb := len(edges) - 1
	hs := make([]float64, nb)
	for i := range hs {
		hs[i] = amp * math.Pow(r.Float64(), 0.8) * 0.85
		hs[i] = math.Max(hs[i], amp*0.15)
	}
	rd.bx0 = make([]float32, nb)
	rd.bx1 = make([]float32, nb)
	for i := 0; i < nb; i++ {
		rd.bx0[i], rd.bx1[i] = float32(edges[i]), float32(edges[i+1])
	}
	b := 0
	for i := range rd.heights {
		x := float64(i) / heightN * rd.period
		for b < nb-1 && x >= edges[b+1] {
			b++
		}
		rd.ids[i] = uint16(b)
		rd.heights[i] = float32(hs[b])
		rd.hmax = math.Max(rd.hmax, hs[b])
	}
	rd.cellW, rd.cellH = cell, cell*1.35
	return rd
}

// buildingAt returns the building id at world x (nearest sample).
func (r *ridge) buildingAt(x float64) int {
	i := int(math.Floor(x/r.period*heightN)) & heightMask
	return int(r.ids[i])
}

// tint sets a ridge's colours from a base colour under the clip's light,
// hazed towards the horizon colour by haze (aerial perspective).
func (r *ridge) tint(base raster.RGB, key raster.Light, horizon raster.RGB, haze float64) {
	c := base.Lit(key).Mix(horizon, haze)
	r.top = c.Scale(1.05)
	r.bot = c.Scale(0.82).Mix(horizon, haze*0.5)
}
