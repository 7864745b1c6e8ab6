package previz

import "math"

// lying turns a standing figure's joints onto its side about its feet,
// head away from the way it faces, so it lies on the ground.
func (j joints) lying(sx, sy, P, dir float64) joints {
	c := pt{sx, sy - 0.04*P}
	a := math.Pi / 2 * dir
	ca, sa := math.Cos(a), math.Sin(a)
	rot := func(p pt) pt {
		dx, dy := p.x-c.x, p.y-c.y
		return pt{c.x + dx*ca - dy*sa - 0.45*P*dir, c.y + dx*sa + dy*ca}
	}
	for _, p := range []*pt{&j.hip, &j.neck, &j.head, &j.hipL, &j.hipR, &j.kneeL, &j.kneeR, &j.footL, &j.footR,
		&j.shL, &j.shR, &j.elL, &j.elR, &j.handL, &j.handR} {
		*p = rot(*p)
	}
	return j
}
