package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/scene"
)

// A strip is a band of the ground across the frame between two depths: a
// road the cars drive along, a river the boats float on, a railway, a
// runway. Vehicles are placed on their band, so a car never stands in a
// field and a boat never sits on grass.
type strip struct {
	kind   bandKind
	d0, d1 float64 // depth fractions (0 the horizon, 1 the main subject's feet)
}

type bandKind uint8

const (
	bandRoad bandKind = iota
	bandWater
	bandRails
	bandRunway
)

// addBand lays a band between depth fractions d0 and d1 of a wide shot:
// in a closer shot the band keeps its distance from the camera.
func (st *stage) addBand(k bandKind, d0, d1 float64) {
	zs := st.zScale()
	st.gr.bands = append(st.gr.bands, strip{kind: k, d0: d0 / zs, d1: d1 / zs})
}

// bandOf returns the first band of kind k, if any.
func (st *stage) bandOf(k bandKind) (strip, bool) {
	for _, b := range st.gr.bands {
		if b.kind == k {
			return b, true
		}
	}
	return strip{}, false
}

// hasWater reports whether boats have water to float on.
func (st *stage) hasWater() bool {
	_, ok := st.bandOf(bandWater)
	return st.gr.kind == gBeach || st.back == bWater || ok
}

// bandThings lays the bands that the plan's vehicles need in an outdoor
// setting that has none: a road for cars, a river for boats, rails for a
// train. Indoors and in space there is nowhere to put them; the plan's
// vehicles there are left to cast (which keeps them out of the picture
// and says so).
func (st *stage) bandThings() {
	if st.back != bSky || st.plan.Setting == scene.SettingCar {
		return
	}
	need := map[bandKind]bool{}
	for _, s := range st.plan.Subjects {
		if s.Kind != scene.KindProp {
			continue
		}
		switch vehicleKind(s.Name) {
		case vRoad:
			if st.gr.kind != gStreet && !st.gr.deck {
				need[bandRoad] = true
			}
		case vWater:
			if !st.hasWater() {
				need[bandWater] = true
			}
		case vRail:
			need[bandRails] = true
		}
	}
	if st.plan.Setting == scene.SettingTrain {
		need[bandRails] = true
	}
	// Nearest first: road, then rails, then water, each a strip further off.
	at := 0.62
	if st.gr.kind == gBeach {
		// Land only lies between the shore and the camera.
		if need[bandRoad] {
			st.gr.bands = append(st.gr.bands, strip{kind: bandRoad, d0: st.gr.shore * 1.04, d1: st.gr.shore * 1.6})
		}
		need[bandRoad], need[bandWater] = false, false
	}
	for _, k := range []bandKind{bandRoad, bandRails, bandWater} {
		if !need[k] {
			continue
		}
		if _, ok := st.bandOf(k); ok {
			continue
		}
		w := 0.3
		if k == bandRails {
			w = 0.14
		}
		st.addBand(k, at-w, at)
		at -= w + 0.04
	}
	st.clearBands()
}

// clearBands takes the standing scenery off the bands: no tree grows on
// a road or in a river.
func (st *stage) clearBands() {
	if len(st.gr.bands) == 0 {
		return
	}
	kept := st.things[:0]
	for _, t := range st.things {
		d := 1 / t.z
		on := false
		for _, b := range st.gr.bands {
			on = on || d >= b.d0*0.9 && d <= b.d1*1.1
		}
		if !on || t.act != nil {
			kept = append(kept, t)
		}
	}
	st.things = kept
}

// vehicleClass is where a vehicle goes.
type vehicleClass uint8

const (
	vNone vehicleClass = iota
	vRoad
	vWater
	vRail
	vAir
)

func vehicleKind(name string) vehicleClass {
	switch name {
	case "car", "taxi", "truck", "bus", "police car", "tractor", "motorcycle":
		return vRoad
	case "boat", "ship":
		return vWater
	case "train":
		return vRail
	case "plane", "helicopter":
		return vAir
	}
	return vNone
}

// bandRow paints row y of the frame where it falls in a band.
func (fs *frameState) bandRow(b *strip, px []uint8, y int, d, z, s, dx float64) {
	st := fs.st
	g := &st.gr
	h := float64(st.h)
	cx := float64(st.w) / 2
	u := (d - b.d0) / (b.d1 - b.d0) // 0 at the far edge, 1 at the near
	var c raster.RGB
	switch b.kind {
	case bandRoad, bandRunway:
		c = fs.lit(raster.RGB{R: 70, G: 70, B: 74})
		if b.kind == bandRunway {
			c = fs.lit(raster.RGB{R: 58, G: 58, B: 62})
		}
		if u < 0.06 || u > 0.94 {
			c = fs.lit(raster.RGB{R: 150, G: 146, B: 136})
		}
	case bandRails:
		c = fs.lit(raster.RGB{R: 120, G: 108, B: 96})
	case bandWater:
		c = g.seaNear
		if c == (raster.RGB{}) {
			c = fs.lit(raster.RGB{R: 60, G: 110, B: 130})
		}
		c = c.Mix(st.pal.skyLow, 0.25*(1-u))
	}
	w := math.Sin(2*math.Pi*(z*3-fs.t*0.5)) * 8
	for x := 0; x+3 < len(px); x += 4 {
		p := px[x : x+3 : x+3]
		v := 0
		if b.kind == bandWater {
			v = int(w * math.Sin(float64(x)*0.05+z*7))
		}
		p[0], p[1], p[2] = raster.Sat(int(c.R)+v), raster.Sat(int(c.G)+v), raster.Sat(int(c.B)+v)
	}
	// Markings: a dashed centre line on a road or runway; rails and their
	// sleepers on a railway.
	wx := func(sx float64) float64 { return ((sx-cx)/h - dx) / (d * s) } // screen x → world x
	switch b.kind {
	case bandRoad, bandRunway:
		if math.Abs(u-0.5) < 0.025+0.01/d {
			x0 := wx(0)
			step := 1.0
			for k := math.Floor(x0/step) * step; ; k += step {
				sx0 := cx + ((k+fs.v.fwd*0)*d*s+dx)*h
				if sx0 > float64(st.w) {
					break
				}
				sx1 := cx + ((k+step*0.55)*d*s+dx)*h
				fs.spanRow(px, sx0, sx1, fs.lit(raster.RGB{R: 236, G: 230, B: 200}))
			}
		}
	case bandRails:
		rail := fs.lit(raster.RGB{R: 170, G: 170, B: 176})
		if math.Abs(u-0.3) < 0.05 || math.Abs(u-0.7) < 0.05 {
			fs.spanRow(px, 0, float64(st.w), rail)
		} else if u > 0.2 && u < 0.8 {
			x0 := wx(0)
			step := 0.12
			for k := math.Floor(x0/step) * step; ; k += step {
				sx0 := cx + (k*d*s+dx)*h
				if sx0 > float64(st.w) {
					break
				}
				fs.spanRow(px, sx0, cx+((k+step*0.35)*d*s+dx)*h, fs.lit(raster.RGB{R: 80, G: 62, B: 46}))
			}
		}
	}
}

// spanRow fills pixels x0..x1 of one row.
func (fs *frameState) spanRow(px []uint8, x0, x1 float64, c raster.RGB) {
	a := max(0, int(math.Ceil(x0-0.5)))
	b := min(len(px)/4, int(math.Ceil(x1-0.5)))
	for x := a; x < b; x++ {
		p := px[x*4 : x*4+3 : x*4+3]
		p[0], p[1], p[2] = c.R, c.G, c.B
	}
}

// tileRow draws the joints of a tiled or flagstone floor: a joint across
// where the next row reaches the next tile, and joints along the depth.
func (fs *frameState) tileRow(px []uint8, y int, z, s, dx float64, stone bool) {
	st := fs.st
	h := float64(st.h)
	cx := float64(st.w) / 2
	freq := 4.0
	if stone {
		freq = 2.5
	}
	seam := st.gr.seam
	row := math.Floor(z * freq)
	if y+1 < st.h {
		if d2 := float64(fs.rowD[y+1]); d2 > 0 && math.Floor(freq/d2) != row {
			fs.spanRow(px, 0, float64(st.w), seam)
			return
		}
	}
	scale := freq * z
	off := 0.0
	if stone && int(row)%2 == 1 {
		off = 0.5
	}
	pu := int(((0.5-cx)/h-dx)/s*scale*65536+off*65536) + 1<<40
	dpu := int(scale / (h * s) * 65536)
	if dpu > 65536/6 {
		return
	}
	const joint = 65536 / 20
	for x := 0; x+3 < len(px); x += 4 {
		if pu&0xffff < joint {
			p := px[x : x+3 : x+3]
			p[0], p[1], p[2] = seam.R, seam.G, seam.B
		}
		pu += dpu
	}
}
