package previz

import (
	"fmt"
	"image"
	"math"
	"testing"

	"kino/engine/previz/raster"
	"kino/engine/scene"
	"kino/project"
)

// mask returns which pixels differ between a and b (by more than a
// little, so grading noise does not count).
func mask(a, b *image.RGBA) []bool {
	m := make([]bool, len(a.Pix)/4)
	for i := range m {
		d := 0
		for c := 0; c < 3; c++ {
			v := int(a.Pix[i*4+c]) - int(b.Pix[i*4+c])
			if v < 0 {
				v = -v
			}
			d = max(d, v)
		}
		m[i] = d > 6
	}
	return m
}

// footprint renders frame i of st, then again without the things drop
// picks, and returns the first render, the second, and the pixels that
// differ: exactly what those things drew.
func footprint(t *testing.T, st *stage, i int, drop func(*thing) bool) (*image.RGBA, *image.RGBA, []bool) {
	t.Helper()
	with := frameOf(t, st, i)
	kept := st.things[:0:0]
	for _, th := range st.things {
		if !drop(th) {
			kept = append(kept, th)
		}
	}
	st.things = kept
	without := frameOf(t, st, i)
	return with, without, mask(with, without)
}

// share is the fraction of true pixels.
func share(m []bool) float64 {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return float64(n) / float64(len(m))
}

// bottomRow is the lowest row with at least minCount true pixels, -1 when
// none has.
func bottomRow(m []bool, w, minCount int) int {
	for y := len(m)/w - 1; y >= 0; y-- {
		n := 0
		for x := 0; x < w; x++ {
			if m[y*w+x] {
				n++
			}
		}
		if n >= minCount {
			return y
		}
	}
	return -1
}

// under samples the pixels of bg just below the lowest rows of m's
// footprint: what the thing stands or floats on.
func under(m []bool, bg *image.RGBA, w, h int) []raster.RGB {
	var out []raster.RGB
	for x := 0; x < w; x++ {
		low := -1
		for y := h - 1; y >= 0; y-- {
			if m[y*w+x] {
				low = y
				break
			}
		}
		if low < 0 {
			continue
		}
		for dy := 1; dy <= 3; dy++ {
			if y := low + dy; y < h {
				i := bg.PixOffset(x, y)
				out = append(out, raster.RGB{R: bg.Pix[i], G: bg.Pix[i+1], B: bg.Pix[i+2]})
			}
		}
	}
	return out
}

func watery(c raster.RGB) bool { return int(c.B) > int(c.R)+4 }
func roady(c raster.RGB) bool {
	mx := max(c.R, c.G, c.B)
	mn := min(c.R, c.G, c.B)
	return int(mx)-int(mn) < 40 // grey asphalt or concrete, not grass or sand
}

// TestEverySettingIsSane renders every setting by day and by night, with
// a static camera, an orbit and a dolly in, at 320x180, and checks what a
// viewer would notice at once: a person is not a giant filling the frame,
// boats float on water and cars stand on roads (or are left out where
// there is neither), and the horizon is in the frame where the setting
// puts it, with ground and sky (or wall and floor) either side of it.
func TestEverySettingIsSane(t *testing.T) {
	const w, h = 320, 180
	for _, set := range scene.Settings {
		for _, tod := range []scene.TimeOfDay{scene.Day, scene.Night} {
			for _, move := range []project.CameraMove{project.MoveStatic, project.MoveOrbit, project.MoveDollyIn} {
				name := fmt.Sprintf("%s/%s/%s", set, tod, move)
				base := func(subjects ...scene.Subject) scene.Plan {
					p := scenePlan(set, tod, scene.Clear, project.SizeMedium, move, "", subjects...)
					p.Indoors = set.Indoors()
					return p
				}
				o := opts{w: w, h: h, frames: 48, seed: 11}
				last := o.frames - 1

				// A person: never more than half the frame in a medium shot.
				pst := newTestStage(t, base(person(scene.Stand)), o)
				fs := pst.pool.Get().(*frameState)
				fs.setup(last)
				hz := int(fs.hzRow)
				pst.pool.Put(fs)
				_, empty, m := footprint(t, pst, last, func(th *thing) bool { return th.kind == kPerson })
				if s := share(m); s > 0.5 || s < 0.005 {
					t.Errorf("%s: a standing person covers %.0f%% of the frame; want some, and no more than half", name, 100*s)
				}

				// The horizon: inside the frame, with a visible change of
				// colour across it.
				if hz < h/8 || hz > h*7/8 {
					t.Errorf("%s: the horizon is at row %d of %d", name, hz, h)
				} else {
					ar, ag, ab := meanRGB(empty, max(0, hz-h/10), hz-h/50)
					br, bg, bb := meanRGB(empty, hz+h/50, min(h, hz+h/10))
					if d := math.Max(math.Abs(ar-br), math.Max(math.Abs(ag-bg), math.Abs(ab-bb))); d < 6 {
						t.Errorf("%s: above and below the horizon (row %d) look alike (mean colours differ by %.1f)", name, hz, d)
					}
				}

				// A boat floats on water, or is left out of the picture.
				for _, v := range []struct {
					name string
					kind thingKind
					on   func(raster.RGB) bool
					what string
				}{{"boat", kBoat, watery, "water"}, {"car", kCar, roady, "road"}} {
					if set == scene.SettingCar && v.name == "car" {
						continue // the camera is in it
					}
					st := newTestStage(t, base(scene.Subject{Kind: scene.KindProp, Name: v.name, Count: 1, Action: scene.Stand, HeldBy: -1}), o)
					drawn := false
					for _, th := range st.things {
						drawn = drawn || th.kind == v.kind && th.name == v.name
					}
					if !drawn {
						if len(st.notes) == 0 {
							t.Errorf("%s: the %s is not drawn and no note says why", name, v.name)
						}
						continue
					}
					_, bg, m := footprint(t, st, last, func(th *thing) bool { return th.kind == v.kind && th.name == v.name })
					if share(m) == 0 {
						continue // out of shot at this frame
					}
					if s := share(m); s > 0.5 {
						t.Errorf("%s: the %s covers %.0f%% of the frame", name, v.name, 100*s)
					}
					below := under(m, bg, w, h)
					if len(below) == 0 && bottomRow(m, w, 1) == h-1 {
						continue // it stands below the bottom of the frame
					}
					ok := 0
					for _, c := range below {
						if v.on(c) {
							ok++
						}
					}
					if len(below) == 0 || ok*10 < len(below)*6 {
						t.Errorf("%s: under the %s %d of %d pixels are %s", name, v.name, ok, len(below), v.what)
					}
				}
			}
		}
	}
}
