package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/scene"
)

// species is how an animal is drawn.
type species struct {
	size       float64 // height in person heights
	length     float64 // body length / height
	fur, fur2  raster.RGB
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
	"dog":       {0.36, 1.1, raster.RGB{R: 150, G: 104, B: 62}, raster.RGB{R: 90, G: 60, B: 36}, aQuad, 0.5, 0.6},
	"cat":       {0.24, 1.0, raster.RGB{R: 200, G: 130, B: 70}, raster.RGB{R: 120, G: 70, B: 40}, aQuad, 0.45, 1.0},
	"horse":     {1.0, 1.3, raster.RGB{R: 120, G: 76, B: 44}, raster.RGB{R: 40, G: 26, B: 18}, aQuad, 0.3, 0.7},
	"cow":       {0.85, 1.4, raster.RGB{R: 236, G: 232, B: 226}, raster.RGB{R: 30, G: 28, B: 28}, aQuad, 0.25, 0.6},
	"sheep":     {0.5, 1.1, raster.RGB{R: 236, G: 232, B: 220}, raster.RGB{R: 40, G: 36, B: 34}, aQuad, 0.25, 0.2},
	"deer":      {0.8, 1.1, raster.RGB{R: 160, G: 110, B: 64}, raster.RGB{R: 240, G: 230, B: 210}, aQuad, 0.4, 0.2},
	"rabbit":    {0.16, 1.0, raster.RGB{R: 190, G: 180, B: 170}, raster.RGB{R: 240, G: 236, B: 230}, aQuad, 1.1, 0.2},
	"bear":      {0.9, 1.3, raster.RGB{R: 90, G: 60, B: 40}, raster.RGB{R: 60, G: 40, B: 28}, aQuad, 0.25, 0.1},
	"duck":      {0.22, 1.0, raster.RGB{R: 240, G: 240, B: 236}, raster.RGB{R: 250, G: 170, B: 40}, aBird, 0, 0},
	"bird":      {0.05, 1.0, raster.RGB{R: 44, G: 40, B: 46}, raster.RGB{R: 30, G: 28, B: 30}, aBird, 0, 0},
	"seagull":   {0.06, 1.0, raster.RGB{R: 236, G: 236, B: 236}, raster.RGB{R: 120, G: 124, B: 130}, aBird, 0, 0},
	"butterfly": {0.05, 1.0, raster.RGB{R: 250, G: 140, B: 40}, raster.RGB{R: 30, G: 20, B: 20}, aButterfly, 0, 0},
	"fish":      {0.12, 2.2, raster.RGB{R: 250, G: 150, B: 40}, raster.RGB{R: 255, G: 255, B: 255}, aFish, 0, 0},
	"dolphin":   {0.35, 3.2, raster.RGB{R: 130, G: 140, B: 156}, raster.RGB{R: 200, G: 206, B: 214}, aFish, 0, 0},
	"whale":     {0.9, 3.6, raster.RGB{R: 56, G: 66, B: 84}, raster.RGB{R: 170, G: 176, B: 186}, aFish, 0, 0},
	// The creatures of action lines, drawn with the nearest shape.
	"wolf":     {0.42, 1.2, raster.RGB{R: 120, G: 120, B: 118}, raster.RGB{R: 70, G: 70, B: 72}, aQuad, 0.55, 0.6},
	"fox":      {0.28, 1.2, raster.RGB{R: 210, G: 110, B: 40}, raster.RGB{R: 250, G: 246, B: 240}, aQuad, 0.6, 0.9},
	"lion":     {0.5, 1.3, raster.RGB{R: 200, G: 150, B: 80}, raster.RGB{R: 140, G: 90, B: 40}, aQuad, 0.3, 0.7},
	"rat":      {0.07, 1.3, raster.RGB{R: 110, G: 100, B: 94}, raster.RGB{R: 200, G: 160, B: 160}, aQuad, 0.5, 1.2},
	"lizard":   {0.05, 2.0, raster.RGB{R: 90, G: 140, B: 70}, raster.RGB{R: 60, G: 100, B: 50}, aQuad, 0.1, 1.4},
	"pig":      {0.4, 1.3, raster.RGB{R: 236, G: 170, B: 170}, raster.RGB{R: 200, G: 130, B: 130}, aQuad, 0.4, 0.3},
	"goat":     {0.5, 1.1, raster.RGB{R: 220, G: 214, B: 200}, raster.RGB{R: 120, G: 110, B: 100}, aQuad, 0.4, 0.2},
	"donkey":   {0.75, 1.2, raster.RGB{R: 140, G: 130, B: 120}, raster.RGB{R: 60, G: 56, B: 52}, aQuad, 0.7, 0.5},
	"elephant": {1.6, 1.3, raster.RGB{R: 140, G: 140, B: 146}, raster.RGB{R: 110, G: 110, B: 116}, aQuad, 0.5, 0.3},
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
		l.Ellipse(sx, sy-0.45*S, 0.5*S, 0.3*S, fur, 1)
		hx := sx + dir*0.4*S
		l.Disc(hx, sy-0.85*S, 0.18*S, fur, 1)
		l.Poly(fur2, 1, false, raster.Pt{X: hx + dir*0.15*S, Y: sy - 0.88*S}, raster.Pt{X: hx + dir*0.15*S, Y: sy - 0.78*S}, raster.Pt{X: hx + dir*0.4*S, Y: sy - 0.83*S})
		return
	case aButterfly:
		f := math.Abs(math.Sin(tm * 14))
		for _, s := range []float64{-1, 1} {
			l.Ellipse(sx+s*S*(0.3+0.3*f), sy-S*0.5, S*0.35*f+S*0.05, S*0.4, fur, 1)
		}
		l.Capsule(sx, sy-S*0.2, sx, sy-S*0.8, S*0.06, fur2, 1)
		return
	case aFish:
		wig := 0.15 * math.Sin(tm*6+a.phase)
		L := S * sp.length
		l.Ellipse(sx, sy-S*0.5, L/2, S*0.35, fur, 1)
		tx := sx - dir*L/2
		l.Poly(fur, 1, false, raster.Pt{X: tx + dir*0.1*L, Y: sy - S*0.5}, raster.Pt{X: tx - dir*0.25*L, Y: sy - S*(0.9+wig)}, raster.Pt{X: tx - dir*0.25*L, Y: sy - S*(0.1+wig)})
		l.Ellipse(sx+dir*0.05*L, sy-S*0.4, L*0.35, S*0.12, fur2, 0.6)
		l.Disc(sx+dir*0.34*L, sy-S*0.6, math.Max(0.7, S*0.07), raster.RGB{R: 10, G: 10, B: 14}, 1)
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
			c = fur.Scale(0.78)
		}
		hx := sx + dir*lx*L
		fx := hx + dir*math.Sin(swing)*0.42*S
		l.Capsule(hx, bodyY, fx, sy-0.02*S, 0.055*S, c, 1)
	}
	l.Ellipse(sx, bodyY, L*0.5, 0.22*S, fur, 1)
	if a.species == "cow" {
		for k := 0; k < 3; k++ {
			l.Ellipse(sx+(float64(k)-1)*0.3*L, bodyY-0.05*S, 0.12*L, 0.1*S, fur2, 1)
		}
	}
	if a.species == "sheep" {
		for k := 0; k < 5; k++ {
			l.Disc(sx+(float64(k)-2)*0.2*L, bodyY-0.12*S+0.04*S*float64(k%2), 0.18*S, fur.Scale(1.03), 1)
		}
	}
	// Tail.
	if sp.tail > 0 {
		wag := 0.0
		if a.species == "dog" {
			wag = 0.5 * math.Sin(tm*12)
		}
		tx := sx - dir*L*0.5
		l.Capsule(tx, bodyY-0.05*S, tx-dir*sp.tail*0.4*S*math.Cos(0.9+wag), bodyY-sp.tail*0.45*S*math.Sin(0.9+wag), 0.035*S, fur, 1)
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
	l.Capsule(nx, ny, hx, hy, 0.1*S, fur, 1)
	l.Ellipse(hx, hy, 0.15*S, 0.13*S, fur, 1)
	l.Ellipse(hx+dir*0.14*S, hy+0.04*S, 0.1*S, 0.07*S, fur.Scale(0.9), 1)
	l.Disc(hx+dir*0.05*S, hy-0.04*S, math.Max(0.7, 0.025*S), raster.RGB{R: 10, G: 10, B: 12}, 1)
	if sp.ears > 0 {
		ex := hx - dir*0.05*S
		l.Poly(fur2, 1, false, raster.Pt{X: ex - 0.05*S, Y: hy - 0.08*S}, raster.Pt{X: ex + 0.05*S, Y: hy - 0.08*S}, raster.Pt{X: ex, Y: hy - (0.1+sp.ears*0.25)*S})
	}
	if a.species == "deer" {
		ax := hx - dir*0.03*S
		l.Capsule(ax, hy-0.12*S, ax-dir*0.08*S, hy-0.4*S, 0.015*S, fur2.Scale(0.6), 1)
		l.Capsule(ax-dir*0.06*S, hy-0.3*S, ax+dir*0.05*S, hy-0.38*S, 0.012*S, fur2.Scale(0.6), 1)
	}
}

// drawBird draws a flying bird: a body and two flapping wings.
func (fs *frameState) drawBird(sx, sy, S float64, c, c2 raster.RGB, ph, dir float64) {
	l := &fs.subj
	span := S * 6
	flap := math.Sin(ph)
	wy := sy - span*0.3*flap
	r := math.Max(0.5, S*0.35)
	l.Capsule(sx, sy, sx-span/2, wy, r, c, 1)
	l.Capsule(sx, sy, sx+span/2, wy, r, c, 1)
	l.Ellipse(sx, sy, S*1.1, S*0.45, c2, 1)
	_ = dir
}
