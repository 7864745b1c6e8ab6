package raster

import "math"

// An op is one shape in a frame's display list. Each frame's shapes
// (subjects, props, particles, sun, lightning) are worked out once, before
// the frame is split into bands; every band then draws the ops that touch
// its rows.
type op struct {
	kind   opKind
	add    bool
	a      int32
	c      RGB
	x0, y0 float64
	x1, y1 float64
	r, r2  float64
	ymin   float64 // rows the op can touch
	ymax   float64
	p0, pn int32 // polygon points in the list's pts
	spr    *SpriteDraw
}

type opKind uint8

const (
	oDisc opKind = iota
	oEllipse
	oCapsule
	oPoly
	oRect
	oGlow
	oSprite
	oPlanet
	oBeam
)

// OpList is a reusable display list.
type OpList struct {
	ops  []op
	pts  []Pt
	sprs []SpriteDraw
	// Outline, when above zero, draws a dark outline this many pixels wide
	// around each solid shape first (the cartoon style).
	Outline float64
	Ink     RGB
}

// Reset empties the list, keeping its memory for the next frame.
func (l *OpList) Reset() {
	l.ops = l.ops[:0]
	l.pts = l.pts[:0]
	l.sprs = l.sprs[:0]
}

func alpha(a float64) int32 { return int32(Clampf(a, 0, 1) * 256) }

// Solid shapes take an alpha 0..1; an alpha of 1 with cartoon on also gets
// an outline.

// Disc adds a filled circle.
func (l *OpList) Disc(x, y, r float64, c RGB, a float64) {
	if l.Outline > 0 && a >= 1 && r > 2 {
		l.ops = append(l.ops, op{kind: oDisc, x0: x, y0: y, r: r + l.Outline, c: l.Ink, a: 256, ymin: y - r - l.Outline, ymax: y + r + l.Outline})
	}
	l.ops = append(l.ops, op{kind: oDisc, x0: x, y0: y, r: r, c: c, a: alpha(a), ymin: y - r, ymax: y + r})
}

// Light adds an additive (light) disc.
func (l *OpList) Light(x, y, r float64, c RGB, a float64) {
	l.ops = append(l.ops, op{kind: oDisc, add: true, x0: x, y0: y, r: r, c: c, a: alpha(a), ymin: y - r, ymax: y + r})
}

// Ellipse adds a filled axis-aligned ellipse with radii rx and ry.
func (l *OpList) Ellipse(x, y, rx, ry float64, c RGB, a float64) {
	if l.Outline > 0 && a >= 1 && math.Min(rx, ry) > 2 {
		o := l.Outline
		l.ops = append(l.ops, op{kind: oEllipse, x0: x, y0: y, r: rx + o, r2: ry + o, c: l.Ink, a: 256, ymin: y - ry - o, ymax: y + ry + o})
	}
	l.ops = append(l.ops, op{kind: oEllipse, x0: x, y0: y, r: rx, r2: ry, c: c, a: alpha(a), ymin: y - ry, ymax: y + ry})
}

// Capsule adds a thick line from (ax, ay) to (bx, by) with round ends.
func (l *OpList) Capsule(ax, ay, bx, by, r float64, c RGB, a float64) {
	if l.Outline > 0 && a >= 1 && r > 1.5 {
		o := l.Outline
		l.ops = append(l.ops, op{kind: oCapsule, x0: ax, y0: ay, x1: bx, y1: by, r: r + o, c: l.Ink, a: 256, ymin: math.Min(ay, by) - r - o, ymax: math.Max(ay, by) + r + o})
	}
	l.ops = append(l.ops, op{kind: oCapsule, x0: ax, y0: ay, x1: bx, y1: by, r: r, c: c, a: alpha(a), ymin: math.Min(ay, by) - r, ymax: math.Max(ay, by) + r})
}

// LightEllipse is an additive (light) ellipse: a pool of light on the
// floor, a glowing ring.
func (l *OpList) LightEllipse(x, y, rx, ry float64, c RGB, a float64) {
	l.ops = append(l.ops, op{kind: oEllipse, add: true, x0: x, y0: y, r: rx, r2: ry, c: c, a: alpha(a), ymin: y - ry, ymax: y + ry})
}

// Streak is an additive (light) capsule: sparks, rain, trails, bolts.
func (l *OpList) Streak(ax, ay, bx, by, r float64, c RGB, a float64) {
	l.ops = append(l.ops, op{kind: oCapsule, add: true, x0: ax, y0: ay, x1: bx, y1: by, r: r, c: c, a: alpha(a), ymin: math.Min(ay, by) - r, ymax: math.Max(ay, by) + r})
}

// Rect adds a filled rectangle.
func (l *OpList) Rect(x0, y0, x1, y1 float64, c RGB, a float64) {
	if l.Outline > 0 && a >= 1 && x1-x0 > 3 && y1-y0 > 3 {
		o := l.Outline
		l.ops = append(l.ops, op{kind: oRect, x0: x0 - o, y0: y0 - o, x1: x1 + o, y1: y1 + o, c: l.Ink, a: 256, ymin: y0 - o, ymax: y1 + o})
	}
	l.ops = append(l.ops, op{kind: oRect, x0: x0, y0: y0, x1: x1, y1: y1, c: c, a: alpha(a), ymin: y0, ymax: y1})
}

// Poly adds a convex polygon.
func (l *OpList) Poly(c RGB, a float64, add bool, p ...Pt) {
	if len(p) < 3 {
		return
	}
	if l.Outline > 0 && a >= 1 && !add {
		// Grow the polygon about its centroid by the outline width.
		var cx, cy float64
		for _, q := range p {
			cx, cy = cx+q.X, cy+q.Y
		}
		cx, cy = cx/float64(len(p)), cy/float64(len(p))
		p0 := int32(len(l.pts))
		ymin, ymax := math.Inf(1), math.Inf(-1)
		for _, q := range p {
			dx, dy := q.X-cx, q.Y-cy
			d := math.Hypot(dx, dy)
			if d > 0 {
				dx, dy = dx/d*l.Outline, dy/d*l.Outline
			}
			g := Pt{q.X + dx, q.Y + dy}
			l.pts = append(l.pts, g)
			ymin, ymax = math.Min(ymin, g.Y), math.Max(ymax, g.Y)
		}
		l.ops = append(l.ops, op{kind: oPoly, c: l.Ink, a: 256, p0: p0, pn: int32(len(p)), ymin: ymin, ymax: ymax})
	}
	p0 := int32(len(l.pts))
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, q := range p {
		l.pts = append(l.pts, q)
		ymin, ymax = math.Min(ymin, q.Y), math.Max(ymax, q.Y)
	}
	l.ops = append(l.ops, op{kind: oPoly, add: add, c: c, a: alpha(a), p0: p0, pn: int32(len(p)), ymin: ymin, ymax: ymax})
}

// Glow adds a soft light of radius r.
func (l *OpList) Glow(x, y, r float64, c RGB, a float64) {
	l.ops = append(l.ops, op{kind: oGlow, x0: x, y0: y, r: r, c: c, a: alpha(a), ymin: y - r, ymax: y + r})
}

// Planet adds a lit sphere of radius r at (x, y) with a noise surface:
// colour c, light from direction (lx, ly), surface offset tex.
func (l *OpList) Planet(x, y, r float64, c RGB, lx, ly, tex float64) {
	l.ops = append(l.ops, op{kind: oPlanet, x0: x, y0: y, r: r, c: c, x1: lx, y1: ly, r2: tex, ymin: y - r, ymax: y + r})
}

// Sprite adds a cut-out blit.
func (l *OpList) Sprite(d SpriteDraw) {
	l.sprs = append(l.sprs, d)
	ymin, ymax := d.Y, d.Y+d.H
	l.ops = append(l.ops, op{kind: oSprite, ymin: ymin - d.Lift, ymax: ymax + 1, p0: int32(len(l.sprs) - 1)})
}

// Draw renders every op that touches the band.
func (l *OpList) Draw(b *Band) {
	fy0, fy1 := float64(b.Y0)-1, float64(b.Y1)+1
	for i := range l.ops {
		o := &l.ops[i]
		if o.ymax < fy0 || o.ymin > fy1 {
			continue
		}
		a := int(o.a)
		switch o.kind {
		case oDisc:
			b.disc(o.x0, o.y0, o.r, o.c, a, o.add)
		case oEllipse:
			b.ellipse(o.x0, o.y0, o.r, o.r2, o.c, a, o.add)
		case oCapsule:
			b.capsule(o.x0, o.y0, o.x1, o.y1, o.r, o.c, a, o.add)
		case oPoly:
			b.poly(l.pts[o.p0:o.p0+o.pn], o.c, a, o.add)
		case oRect:
			b.rect(o.x0, o.y0, o.x1, o.y1, o.c, a, o.add)
		case oGlow:
			b.glow(o.x0, o.y0, o.r, o.c, a)
		case oSprite:
			l.sprs[o.p0].draw(b)
		case oPlanet:
			b.planet(o)
		}
	}
}
