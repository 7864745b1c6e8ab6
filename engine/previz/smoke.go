package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/rng"
)

// addFire lights the plan's fire: a hearth indoors (unless the room has
// one), else blazes on the ground to either side of the subjects, with
// sparks flying. Smoke rises from each.
func (st *stage) addFire() {
	for _, t := range st.things {
		if t.kind == kHearth {
			return
		}
	}
	r := rng.Derive(st.seed, "fire")
	if st.back == bWall {
		st.backThing(kHearth, math.Copysign(r.Range(0.5, 0.8), r.Float64()-0.5), 2.6, 0.6)
		st.sortThings()
		return
	}
	for i := 0; i < 2; i++ {
		z := r.Range(1.6, 3) * st.zScale()
		x := math.Copysign(r.Range(0.35, 0.8), float64(i)-0.5) * st.aspect / 2 * z
		st.things = append(st.things, &thing{kind: kBlaze, x: x, z: z, size: r.Range(0.6, 1.1), seed: r.Uint64()})
	}
	st.sortThings()
	if st.fx.sparks == 0 {
		st.fx.sparks = 30
	}
	if st.fx.smoke == 0 {
		st.fx.smoke = 16
	}
}

// smokeAndWind adds rising smoke (or steam, or dust) and, in a wind,
// leaves and dust blowing across the frame.
func (fs *frameState) smokeAndWind() {
	st := fs.st
	l := &fs.fore
	w, h := float64(st.w), float64(st.h)
	t := fs.t
	if n := st.fx.smoke; n > 0 {
		c := raster.RGB{R: 150, G: 150, B: 154}.Lit(st.pal.subj).Mix(st.pal.skyLow, 0.3)
		if st.pal.night {
			c = raster.RGB{R: 70, G: 72, B: 80}
		}
		const life = 5.0
		for j := 0; j < n; j++ {
			k := raster.Hash64(st.seed ^ 0x736d6f6b ^ uint64(j)*0x9e3779b97f4a7c15)
			age := math.Mod(t/life+float64(k&0xffff)/65535, 1)
			x0 := float64(k>>16&0xffff) / 65535 * w
			y0 := h * (0.7 + 0.25*float64(k>>40&0xff)/255)
			x := x0 + 0.08*h*age + 0.03*h*math.Sin(age*5+float64(k>>32&0xff))
			y := y0 - age*0.6*h
			r := (0.03 + 0.12*age) * h
			l.Disc(x, y, r, c, 0.22*(1-age)*math.Min(1, age*6))
		}
	}
	if n := st.fx.wind; n > 0 {
		leaf := raster.RGB{R: 150, G: 110, B: 50}.Lit(st.pal.subj)
		for j := 0; j < n; j++ {
			k := raster.Hash64(st.seed ^ 0x77696e64 ^ uint64(j)*0x9e3779b97f4a7c15)
			v := (0.5 + 0.6*float64(k&0xff)/255) * h
			x := math.Mod(float64(k>>8&0xffff)/65535*w*1.2+v*t, w*1.2) - 0.1*w
			y := float64(k>>24&0xffff)/65535*h + 0.04*h*math.Sin(t*3+float64(k>>40&0xff))
			s := (1.5 + 2.5*float64(k>>48&0xff)/255) * st.res()
			if k>>56&1 == 0 {
				l.Ellipse(x, y, s*1.4, s*0.7, leaf.Mix(raster.RGB{R: 90, G: 120, B: 50}, float64(k>>57&3)/4), 0.85)
			} else {
				l.Streak(x, y, x+0.05*h, y+0.004*h, 0.4*st.res(), raster.RGB{R: 220, G: 214, B: 200}.Lit(st.pal.subj), 0.25)
			}
		}
	}
}
