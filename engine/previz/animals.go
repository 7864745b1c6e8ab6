package previz

import (
	"math"

	"kino/engine/scene"
)

// species is how an animal is drawn.
type species struct {
	size       float64 // height in person heights
	length     float64 // body length / height
	fur, fur2  rgb
	shape      animalShape
	ears, tail float64
}

type animalShape uint8

const (
	aQuad animalShape = iota
	aBird
	aFish
	aButterfly
)

var speciesOf = map[string]species{
	"dog":       {0.36, 1.1, rgb{150, 104, 62}, rgb{90, 60, 36}, aQuad, 0.5, 0.6},
	"cat":       {0.24, 1.0, rgb{200, 130, 70}, rgb{120, 70, 40}, aQuad, 0.45, 1.0},
	"horse":     {1.0, 1.3, rgb{120, 76, 44}, rgb{40, 26, 18}, aQuad, 0.3, 0.7},
	"cow":       {0.85, 1.4, rgb{236, 232, 226}, rgb{30, 28, 28}, aQuad, 0.25, 0.6},
	"sheep":     {0.5, 1.1, rgb{236, 232, 220}, rgb{40, 36, 34}, aQuad, 0.25, 0.2},
	"deer":      {0.8, 1.1, rgb{160, 110, 64}, rgb{240, 230, 210}, aQuad, 0.4, 0.2},
	"rabbit":    {0.16, 1.0, rgb{190, 180, 170}, rgb{240, 236, 230}, aQuad, 1.1, 0.2},
	"bear":      {0.9, 1.3, rgb{90, 60, 40}, rgb{60, 40, 28}, aQuad, 0.25, 0.1},
	"duck":      {0.22, 1.0, rgb{240, 240, 236}, rgb{250, 170, 40}, aBird, 0, 0},
	"bird":      {0.05, 1.0, rgb{44, 40, 46}, rgb{30, 28, 30}, aBird, 0, 0},
	"seagull":   {0.06, 1.0, rgb{236, 236, 236}, rgb{120, 124, 130}, aBird, 0, 0},
	"butterfly": {0.05, 1.0, rgb{250, 140, 40}, rgb{30, 20, 20}, aButterfly, 0, 0},
	"fish":      {0.12, 2.2, rgb{250, 150, 40}, rgb{255, 255, 255}, aFish, 0, 0},
	"dolphin":   {0.35, 3.2, rgb{130, 140, 156}, rgb{200, 206, 214}, aFish, 0, 0},
	"whale":     {0.9, 3.6, rgb{56, 66, 84}, rgb{170, 176, 186}, aFish, 0, 0},
	// The creatures of action lines, drawn with the nearest shape.
	"wolf":     {0.42, 1.2, rgb{120, 120, 118}, rgb{70, 70, 72}, aQuad, 0.55, 0.6},
	"fox":      {0.28, 1.2, rgb{210, 110, 40}, rgb{250, 246, 240}, aQuad, 0.6, 0.9},
	"lion":     {0.5, 1.3, rgb{200, 150, 80}, rgb{140, 90, 40}, aQuad, 0.3, 0.7},
	"rat":      {0.07, 1.3, rgb{110, 100, 94}, rgb{200, 160, 160}, aQuad, 0.5, 1.2},
	"lizard":   {0.05, 2.0, rgb{90, 140, 70}, rgb{60, 100, 50}, aQuad, 0.1, 1.4},
	"pig":      {0.4, 1.3, rgb{236, 170, 170}, rgb{200, 130, 130}, aQuad, 0.4, 0.3},
	"goat":     {0.5, 1.1, rgb{220, 214, 200}, rgb{120, 110, 100}, aQuad, 0.4, 0.2},
	"donkey":   {0.75, 1.2, rgb{140, 130, 120}, rgb{60, 56, 52}, aQuad, 0.7, 0.5},
	"elephant": {1.6, 1.3, rgb{140, 140, 146}, rgb{110, 110, 116}, aQuad, 0.5, 0.3},
}

// drawAnimal draws an animal standing (or walking) at (sx, sy), or a bird,
// fish or butterfly in flight.
func (fs *frameState) drawAnimal(t *thing, sx, sy, ph float64) {
	a := t.act
	sp, ok := speciesOf[a.species]
	if !ok {
		sp = speciesOf["dog"]
	}
	S := ph * t.size
	_, dir := a.motion(fs, t.z)
	fur, fur2 := fs.lit(sp.fur), fs.lit(sp.fur2)
	l := &fs.subj
	tm := fs.t
	switch sp.shape {
	case aBird:
		if a.flying {
			fs.drawBird(sx, sy, S, fur, fur2, tm*7+a.phase, dir)
			return
		}
		l.ellipse(sx, sy-0.45*S, 0.5*S, 0.3*S, fur, 1)
		hx := sx + dir*0.4*S
		l.disc(hx, sy-0.85*S, 0.18*S, fur, 1)
		l.poly(fur2, 1, false, pt{hx + dir*0.15*S, sy - 0.88*S}, pt{hx + dir*0.15*S, sy - 0.78*S}, pt{hx + dir*0.4*S, sy - 0.83*S})
		return
	case aButterfly:
		f := math.Abs(math.Sin(tm * 14))
		for _, s := range []float64{-1, 1} {
			l.ellipse(sx+s*S*(0.3+0.3*f), sy-S*0.5, S*0.35*f+S*0.05, S*0.4, fur, 1)
		}
		l.capsule(sx, sy-S*0.2, sx, sy-S*0.8, S*0.06, fur2, 1)
		return
	case aFish:
		wig := 0.15 * math.Sin(tm*6+a.phase)
		L := S * sp.length
		l.ellipse(sx, sy-S*0.5, L/2, S*0.35, fur, 1)
		tx := sx - dir*L/2
		l.poly(fur, 1, false, pt{tx + dir*0.1*L, sy - S*0.5}, pt{tx - dir*0.25*L, sy - S*(0.9+wig)}, pt{tx - dir*0.25*L, sy - S*(0.1+wig)})
		l.ellipse(sx+dir*0.05*L, sy-S*0.4, L*0.35, S*0.12, fur2, 0.6)
		l.disc(sx+dir*0.34*L, sy-S*0.6, math.Max(0.7, S*0.07), rgb{10, 10, 14}, 1)
		return
	}
	L := S * sp.length
	moving := a.speed > 0
	f := 1.6
	if a.action == scene.Run {
		f = 2.6
	}
	ph0 := 2*math.Pi*f*tm + a.phase
	bodyY := sy - 0.62*S
	if moving {
		bodyY -= 0.02 * S * math.Abs(math.Sin(ph0))
	}
	// Far legs first, darker.
	legs := [4]float64{-0.36, 0.36, -0.3, 0.42}
	for k, lx := range legs {
		swing := 0.0
		if moving {
			swing = 0.45 * math.Sin(ph0+float64(k)*math.Pi*0.5+float64(k/2)*math.Pi)
		}
		c := fur
		if k < 2 {
			c = fur.scale(0.78)
		}
		hx := sx + dir*lx*L
		fx := hx + dir*math.Sin(swing)*0.42*S
		l.capsule(hx, bodyY, fx, sy-0.02*S, 0.055*S, c, 1)
	}
	l.ellipse(sx, bodyY, L*0.5, 0.22*S, fur, 1)
	if a.species == "cow" {
		for k := 0; k < 3; k++ {
			l.ellipse(sx+(float64(k)-1)*0.3*L, bodyY-0.05*S, 0.12*L, 0.1*S, fur2, 1)
		}
	}
	if a.species == "sheep" {
		for k := 0; k < 5; k++ {
			l.disc(sx+(float64(k)-2)*0.2*L, bodyY-0.12*S+0.04*S*float64(k%2), 0.18*S, fur.scale(1.03), 1)
		}
	}
	// Tail.
	if sp.tail > 0 {
		wag := 0.0
		if a.species == "dog" {
			wag = 0.5 * math.Sin(tm*12)
		}
		tx := sx - dir*L*0.5
		l.capsule(tx, bodyY-0.05*S, tx-dir*sp.tail*0.4*S*math.Cos(0.9+wag), bodyY-sp.tail*0.45*S*math.Sin(0.9+wag), 0.035*S, fur, 1)
	}
	// Neck and head.
	nx, ny := sx+dir*L*0.45, bodyY-0.1*S
	hx, hy := sx+dir*(L*0.5+0.12*S), bodyY-0.32*S
	if a.species == "horse" || a.species == "deer" {
		hx, hy = sx+dir*(L*0.55+0.15*S), bodyY-0.55*S
	}
	if !moving {
		hy += 0.02 * S * math.Sin(tm*1.5+a.phase)
	}
	l.capsule(nx, ny, hx, hy, 0.1*S, fur, 1)
	l.ellipse(hx, hy, 0.15*S, 0.13*S, fur, 1)
	l.ellipse(hx+dir*0.14*S, hy+0.04*S, 0.1*S, 0.07*S, fur.scale(0.9), 1)
	l.disc(hx+dir*0.05*S, hy-0.04*S, math.Max(0.7, 0.025*S), rgb{10, 10, 12}, 1)
	if sp.ears > 0 {
		ex := hx - dir*0.05*S
		l.poly(fur2, 1, false, pt{ex - 0.05*S, hy - 0.08*S}, pt{ex + 0.05*S, hy - 0.08*S}, pt{ex, hy - (0.1+sp.ears*0.25)*S})
	}
	if a.species == "deer" {
		ax := hx - dir*0.03*S
		l.capsule(ax, hy-0.12*S, ax-dir*0.08*S, hy-0.4*S, 0.015*S, fur2.scale(0.6), 1)
		l.capsule(ax-dir*0.06*S, hy-0.3*S, ax+dir*0.05*S, hy-0.38*S, 0.012*S, fur2.scale(0.6), 1)
	}
}

// drawBird draws a flying bird: a body and two flapping wings.
func (fs *frameState) drawBird(sx, sy, S float64, c, c2 rgb, ph, dir float64) {
	l := &fs.subj
	span := S * 6
	flap := math.Sin(ph)
	wy := sy - span*0.3*flap
	r := math.Max(0.5, S*0.35)
	l.capsule(sx, sy, sx-span/2, wy, r, c, 1)
	l.capsule(sx, sy, sx+span/2, wy, r, c, 1)
	l.ellipse(sx, sy, S*1.1, S*0.45, c2, 1)
	_ = dir
}
