package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// particleOps adds the foreground particles, each in closed form from the
// time and its index (nothing carries over from frame to frame): rain
// streaks, snowflakes, confetti, sparks, bubbles, and film scratches and
// dust for the vintage style.
func (fs *frameState) particleOps() {
	st := fs.st
	l := &fs.fore
	w, h := float64(st.w), float64(st.h)
	t := fs.t
	res := st.res()
	seed := st.seed
	if n := st.fx.rain; n > 0 {
		slant := st.fx.rainSlant
		c := raster.RGB{R: 200, G: 208, B: 222}
		if st.pal.night {
			c = raster.RGB{R: 120, G: 130, B: 150}
		}
		for j := 0; j < n; j++ {
			k := raster.Hash64(seed ^ 0x7261696e ^ uint64(j)*0x9e3779b97f4a7c15)
			depth := 0.4 + 0.6*float64(k&0xff)/255
			v := (1.4 + 1.2*depth) * h
			L := (0.03 + 0.06*depth) * h
			x0 := float64(k>>8&0xffff)/65535*(w+slant*h*1.3) - slant*h*0.3
			y := math.Mod(float64(k>>24&0xffff)/65535*h*1.3+v*t, h*1.3) - 0.15*h
			x := x0 + slant*(y+0.15*h) - slant*h*0.3
			l.Streak(x, y, x+slant*L, y+L, (0.35+0.45*depth)*res, c, 0.22+0.3*depth)
		}
	}
	if n := st.fx.snow; n > 0 {
		c := fs.lit(raster.RGB{R: 255, G: 255, B: 255}).Mix(raster.RGB{R: 255, G: 255, B: 255}, 0.4)
		for j := 0; j < n; j++ {
			k := raster.Hash64(seed ^ 0x736e6f77 ^ uint64(j)*0x9e3779b97f4a7c15)
			depth := 0.3 + 0.7*float64(k&0xff)/255
			v := (0.05 + 0.12*depth) * h
			y := math.Mod(float64(k>>8&0xffff)/65535*h*1.1+v*t, h*1.1) - 0.05*h
			x := float64(k>>24&0xffff)/65535*w + 0.02*h*math.Sin(t*(0.8+depth)+float64(k>>40&0xff)) + 0.03*h*t*depth
			x = math.Mod(x, w+0.04*h) - 0.02*h
			l.Disc(x, y, (0.8+2.2*depth)*res, c, 0.65+0.3*depth)
		}
	}
	if n := st.fx.confetti; n > 0 {
		for j := 0; j < n; j++ {
			k := raster.Hash64(seed ^ 0x636f6e66 ^ uint64(j)*0x9e3779b97f4a7c15)
			v := (0.1 + 0.15*float64(k&0xff)/255) * h
			y := math.Mod(float64(k>>8&0xffff)/65535*h*1.2+v*t, h*1.2) - 0.1*h
			ph := float64(k>>40&0xff) / 40
			x := float64(k>>24&0xffff)/65535*w + 0.03*h*math.Sin(t*1.7+ph)
			c := raster.HSV(float64(k>>48&0xffff)/65535*360, 0.8, 1).Mix(fs.lit(raster.RGB{R: 255, G: 255, B: 255}), 0.15)
			a := t*(2+float64(k>>56&0xf)) + ph
			fl := math.Abs(math.Cos(t*(5+float64(k>>60)) + ph))
			sw, sh := (0.6+3*fl)*res, 3.5*res
			ca, sa := math.Cos(a), math.Sin(a)
			l.Poly(c, 1, false,
				raster.Pt{X: x - ca*sw + sa*sh, Y: y - sa*sw - ca*sh}, raster.Pt{X: x + ca*sw + sa*sh, Y: y + sa*sw - ca*sh},
				raster.Pt{X: x + ca*sw - sa*sh, Y: y + sa*sw + ca*sh}, raster.Pt{X: x - ca*sw - sa*sh, Y: y - sa*sw + ca*sh})
		}
	}
	if n := st.fx.sparks; n > 0 {
		const life = 2.4
		for j := 0; j < n; j++ {
			k := raster.Hash64(seed ^ 0x73706b ^ uint64(j)*0x9e3779b97f4a7c15)
			age := math.Mod(t/life+float64(k&0xffff)/65535, 1)
			x := float64(k>>16&0xffff)/65535*w + 0.04*h*math.Sin(age*7+float64(k>>32&0xff))
			y := h*(0.95-0.15*float64(k>>40&0xff)/255) - age*0.55*h
			b := (1 - age) * (0.6 + 0.4*math.Sin(t*20+float64(j)))
			c := raster.RGB{R: 255, G: 170, B: 60}
			l.Streak(x, y+0.012*h, x, y, 0.5*res, c, b*0.5)
			l.Light(x, y, 1.2*res, raster.RGB{R: 255, G: 220, B: 130}, b)
		}
	}
	if n := st.fx.bubbles; n > 0 {
		for j := 0; j < n; j++ {
			k := raster.Hash64(seed ^ 0x627562 ^ uint64(j)*0x9e3779b97f4a7c15)
			r := (2 + 7*float64(k&0xff)/255) * res
			v := (0.06 + 0.1*float64(k>>8&0xff)/255) * h
			y := h*1.05 - math.Mod(float64(k>>16&0xffff)/65535*h*1.1+v*t, h*1.1)
			x := float64(k>>32&0xffff)/65535*w + 0.015*h*math.Sin(t*2.3+float64(k>>48&0xff))
			l.Light(x, y, r, raster.RGB{R: 180, G: 220, B: 255}, 0.14)
			l.Streak(x-r*0.7, y-r*0.2, x-r*0.2, y-r*0.7, 0.35*r, raster.RGB{R: 255, G: 255, B: 255}, 0.5)
		}
	}
	fs.smokeAndWind()
	if st.post.Scratches {
		k := raster.Hash64(seed ^ uint64(fs.i)*0x9e3779b97f4a7c15)
		if raster.Hashf(k) < 0.4 {
			x := raster.Hashf(k+1) * w
			l.Rect(x, 0, x+0.8*res, h, raster.RGB{R: 235, G: 225, B: 200}, 0.35)
		}
		for j := 0; j < 4; j++ {
			kk := raster.Hash64(k + uint64(j) + 7)
			l.Disc(raster.Hashf(kk)*w, raster.Hashf(kk+1)*h, (0.8+2*raster.Hashf(kk+2))*res, raster.RGB{R: 20, G: 16, B: 12}, 0.6)
		}
	}
}
