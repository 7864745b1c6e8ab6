package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// lying turns a standing figure's joints onto its side about its feet,
// head away from the way it faces, so it lies on the ground.
func (j joints) lying(sx, sy, P, dir float64) joints {
	c := raster.Pt{X: sx, Y: sy - 0.04*P}
	a := math.Pi / 2 * dir
	ca, sa := math.Cos(a), math.Sin(a)
	rot := func(p raster.Pt) raster.Pt {
		dx, dy := p.X-c.X, p.Y-c.Y
		return raster.Pt{X: c.X + dx*ca - dy*sa - 0.45*P*dir, Y: c.Y + dx*sa + dy*ca}
	}
	for _, p := range []*raster.Pt{&j.hip, &j.neck, &j.head, &j.hipL, &j.hipR, &j.kneeL, &j.kneeR, &j.footL, &j.footR,
		&j.shL, &j.shR, &j.elL, &j.elR, &j.handL, &j.handR} {
		*p = rot(*p)
	}
	return j
}
