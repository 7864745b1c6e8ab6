package previz

import (
	"context"
	"fmt"
	"image"
	"math"
	"sync"

	"kino/engine"
	"kino/engine/previz/raster"
	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
	"kino/project/cameoimage"
)

// Limits on how many figures a clip draws.
const (
	maxPeople  = 40
	maxAnimals = 30
	maxProps   = 30
)

var (
	skins = []raster.RGB{{R: 241, G: 194, B: 167}, {R: 224, G: 172, B: 135}, {R: 198, G: 134, B: 96}, {R: 160, G: 104, B: 72}, {R: 112, G: 72, B: 48}, {R: 250, G: 214, B: 186}}
	hairs = []raster.RGB{{R: 30, G: 24, B: 20}, {R: 70, G: 46, B: 30}, {R: 120, G: 80, B: 40}, {R: 200, G: 160, B: 90}, {R: 150, G: 60, B: 30}, {R: 170, G: 170, B: 170}}
	pants = []raster.RGB{{R: 40, G: 50, B: 80}, {R: 30, G: 30, B: 34}, {R: 150, G: 130, B: 100}, {R: 90, G: 90, B: 96}, {R: 60, G: 70, B: 110}}
)

// cast places the plan's subjects: up to two main people (cameos first)
// at the main subject's distance, the rest of the people further back,
// animals beside them or in the sky or water, props in hands or nearby.
// Cameos with a reference image become cut-out sprites.
func (st *stage) cast(ctx context.Context, req engine.Request, env map[string][]float32) error {
	r := rng.Derive(st.seed, "cast")
	span := st.refL - st.hzL
	unit := st.frame.k * span // a person's height in world units
	half := st.aspect / 2
	size := st.plan.Camera.Size
	aerial := st.plan.Camera.Move == project.MoveAerial
	images := map[string]image.Image{}
	shas := map[string]string{}
	for _, c := range req.Cast {
		h := project.NormalizeHandle(c.Handle)
		images[h], shas[h] = c.Image, c.ImageSHA256
	}
	// People, cameos first.
	first := map[int]*actor{}
	type person struct {
		sub int
		s   *scene.Subject
	}
	var people []person
	for pass := 0; pass < 2; pass++ {
		for i := range st.plan.Subjects {
			s := &st.plan.Subjects[i]
			if (pass == 0) != (s.Kind == scene.KindCameo) || (s.Kind != scene.KindCameo && s.Kind != scene.KindPerson) {
				continue
			}
			for c := 0; c < max(1, s.Count) && len(people) < maxPeople; c++ {
				people = append(people, person{i, s})
			}
		}
	}
	mains := min(2, len(people))
	mainX := []float64{0}
	switch {
	case mains == 2 && size == project.SizeCloseUp:
		mainX = []float64{-0.52, 0.52}
	case mains == 2 && size == project.SizeMedium:
		mainX = []float64{-0.36, 0.36}
	case mains == 2:
		mainX = []float64{-0.2, 0.2}
	case size == project.SizeWide || aerial:
		mainX = []float64{r.Range(-0.12, 0.12)}
	}
	// The camera stands as far from the main people as the tallest of them
	// needs: a child alone is framed like an adult.
	mainZ := 0.0
	for n := 0; n < mains; n++ {
		mainZ = math.Max(mainZ, personSize(people[n].s.Name))
	}
	var mainActor *actor
	for n, p := range people {
		s := p.s
		a := &actor{kind: s.Kind, name: s.Name, handle: s.Handle, action: s.Action, phase: r.Range(0, 2*math.Pi), dir: 1}
		if r.Float64() < 0.5 {
			a.dir = -1
		}
		t := &thing{kind: kPerson, name: s.Name, size: 1, seed: r.Uint64(), act: a}
		if n < mains {
			a.main = true
			t.x, t.z = mainX[n]*mainZ, mainZ*(1+0.02*float64(n))
		} else {
			z0, z1 := 1.4, 3.6
			if size != project.SizeWide && !aerial {
				z0, z1 = 1.4*st.zScale(), 4*st.zScale()
			}
			t.z = z0 * math.Pow(z1/z0, r.Float64())
			t.x = r.Range(-1, 1) * half * 0.92 * t.z
		}
		t.size = personSize(s.Name)
		if s.Age > 0 && s.Age < 14 && s.Name != "child" {
			t.size = personSize("child")
		}
		if s.Action == scene.Fly {
			t.air = 0.35
		}
		if s.Action == scene.Lie {
			st.lieDown(t)
		}
		if st.plan.Setting == scene.SettingCar {
			a.inCar = true // seen from the back seat, drawn over the dashboard
		}
		a.skin = skins[r.Intn(len(skins))]
		a.hair = hairs[r.Intn(len(hairs))]
		a.shirt = raster.HSV(r.Range(0, 360), r.Range(0.45, 0.8), r.Range(0.55, 0.9))
		a.pants = pants[r.Intn(len(pants))]
		a.shoes = raster.RGB{R: 36, G: 30, B: 28}
		a.longHair = s.Name == "woman" && r.Float64() < 0.75 || s.Name == "person" && r.Float64() < 0.35
		a.dress = s.Name == "woman" && r.Float64() < 0.4
		st.dressActor(a, s)
		if s.Handle != "" {
			a.env = env[s.Handle]
		}
		a.x0 = t.x
		st.move(a, t, unit, half, r)
		if s.Kind == scene.KindCameo {
			if img := images[s.Handle]; img != nil {
				if err := ctx.Err(); err != nil {
					return err
				}
				st.cameoSprite(a, t, img, shas[s.Handle])
				t.kind = kCameo
			} else if _, noted := first[p.sub]; !noted {
				st.notes = append(st.notes, fmt.Sprintf("cameo %s has no reference image; it is drawn as a generic figure", s.Handle))
			}
		}
		if _, ok := first[p.sub]; !ok {
			first[p.sub] = a
		}
		if a.main && mainActor == nil {
			mainActor = a
		}
		st.things = append(st.things, t)
	}
	mainXpos := 0.0
	if mainActor != nil {
		mainXpos = mainX[0]
	}
	// Animals.
	nAnimals := 0
	for i := range st.plan.Subjects {
		s := &st.plan.Subjects[i]
		if s.Kind != scene.KindAnimal {
			continue
		}
		sp, ok := speciesOf[s.Name]
		if !ok {
			sp = speciesOf["dog"]
		}
		for c := 0; c < max(1, s.Count) && nAnimals < maxAnimals; c++ {
			nAnimals++
			a := &actor{kind: s.Kind, name: s.Name, species: s.Name, action: s.Action, phase: r.Range(0, 2*math.Pi), dir: 1}
			if r.Float64() < 0.5 {
				a.dir = -1
			}
			a.fur, a.fur2 = sp.fur, sp.fur2
			if c, ok := namedColor(s.Color); ok {
				a.fur, a.fur2 = c, c.Scale(0.8)
			}
			t := &thing{kind: kAnimal, name: s.Name, size: sp.size * r.Range(0.9, 1.1), seed: r.Uint64(), act: a}
			switch {
			case sp.shape == aBird && s.Name != "duck":
				a.flying = true
				t.z = r.Range(5, 14)
				t.air = r.Range(4, 12) / st.frame.k * 0.9
				t.x = r.Range(-1, 1) * wrapSpan / 2 * t.z
				a.speed = r.Range(0.15, 0.3) * unit * 3
				t.wrap = true
			case sp.shape == aButterfly:
				a.flying = true
				t.z = r.Range(1, 1.6)
				t.air = r.Range(0.4, 0.9)
				t.x = mainXpos + r.Range(-0.6, 0.6)
				a.speed = 0.05 * unit
				t.wrap = true
			case sp.shape == aFish:
				a.swimming = true
				switch {
				case st.back == bWater:
					t.z, t.air = r.Range(1.2, 4), r.Range(0.3, 1.4)
				case st.gr.kind == gBeach:
					t.z = r.Range(1.3, 2.5) / st.gr.shore
					t.air = 0
				default:
					t.z, t.air = r.Range(1.5, 3), r.Range(0.2, 0.6)
				}
				t.x = r.Range(-1, 1) * half * t.z
				a.speed = r.Range(0.1, 0.3) * unit
				t.wrap = true
			default:
				t.z = 1.04 + 0.15*float64(c)
				side := 1.0
				if c%2 == 1 {
					side = -1
				}
				t.x = mainXpos + side*(0.3+0.15*float64(c/2))*unit
				if mainActor == nil {
					t.x = side * 0.2 * float64(c) * unit
				}
				a.x0 = t.x
				st.move(a, t, unit*0.8, half, r)
			}
			a.x0 = t.x
			st.things = append(st.things, t)
		}
	}
	// Props.
	nProps := 0
	for i := range st.plan.Subjects {
		s := &st.plan.Subjects[i]
		if s.Kind != scene.KindProp {
			continue
		}
		holder := first[s.HeldBy]
		if s.HeldBy < 0 {
			holder = nil
		}
		if s.Name == "lighthouse" && st.tower != nil {
			continue // the coast's own lighthouse
		}
		if _, stands := propKinds[s.Name]; !stands && holder == nil && mainActor != nil {
			holder = mainActor // a hand-held prop nobody holds goes to the star
		}
		for c := 0; c < max(1, s.Count) && nProps < maxProps; c++ {
			nProps++
			t := &thing{kind: kBox, name: s.Name, detail: s.Detail, seed: r.Uint64(), color: s.Color}
			if vehicleKind(s.Name) != vNone && !(holder != nil && c == 0) {
				if k, ok := propKinds[s.Name]; ok {
					t.kind = k
				}
				t.size = propSize[t.kind]
				if st.placeVehicle(t, s, c, half, unit, r) {
					st.things = append(st.things, t)
				}
				continue
			}
			if holder != nil && c == 0 {
				t.heldBy = holder
				holder.held = append(holder.held, t)
				continue
			}
			if k, ok := propKinds[s.Name]; ok {
				t.kind = k
			}
			t.size = propSize[t.kind]
			if t.size == 0 {
				t.size = 0.3
			}
			switch t.kind {
			case kBoat:
				t.z = (3 + 2*float64(c)) * st.zScale()
				if st.gr.kind == gBeach {
					t.z = r.Range(1.5, 3) / st.gr.shore
				}
				t.x = r.Range(-0.8, 0.8) * half * t.z
			case kCar:
				t.z = (1.5 + 0.8*float64(c)) * st.zScale()
				t.x = math.Copysign(r.Range(0.5, 0.9)*half, r.Float64()-0.5) * t.z
			default:
				t.z = 1.08 + 0.2*float64(c) + r.Range(0, 0.2)
				side := math.Copysign(1, r.Float64()-0.5)
				t.x = mainXpos + side*r.Range(0.25, 0.5)*unit
				if size != project.SizeWide && !aerial {
					t.z = r.Range(1.1, 1.6) * st.zScale()
					t.x = side * r.Range(0.4, 0.8) * half * t.z
				}
			}
			st.things = append(st.things, t)
		}
	}
	st.sortThings()
	return nil
}

// move sets how an actor travels: walkers and runners go back and forth
// across the frame; in a medium shot or close-up with a still camera the
// camera follows the main walker instead, and the world slides past.
func (st *stage) move(a *actor, t *thing, unit, half float64, r *rng.Rand) {
	switch a.action {
	case scene.Walk, scene.Run:
		a.speed = 0.75 * unit
		if a.action == scene.Run {
			a.speed = 2.1 * unit
		}
		still := st.plan.Camera.Move == project.MoveStatic
		if a.main && still && st.plan.Camera.Size != project.SizeWide && st.trackSpeed == 0 {
			a.tracked = true
			st.trackSpeed = a.speed * a.dir
			return
		}
		a.x0 = t.x
		a.rangeX = math.Min(half*0.6*t.z, math.Max(a.speed*float64(st.frames)/st.fps/2, 0.15*t.z))
		a.phase = r.Range(0, 4)
	}
}

// cameoSprite cuts the cameo out of its reference image and scales it to
// the largest size it will have on screen, relit by the scene's light.
func (st *stage) cameoSprite(a *actor, t *thing, img image.Image, sha string) {
	h := float64(st.h)
	span := st.refL - st.hzL
	d := 1 / t.z
	P := st.frame.k * span * d * h * t.size // person height, pixels, at zoom 1
	Pmax := P * st.maxZoom
	side := int(math.Min(cameoimage.Side, math.Max(64, math.Ceil(Pmax*1.1))))
	c := cachedCutout(img, sha, side)
	a.cut = c
	a.bust = !c.Full
	frac := 1.0
	if a.bust {
		frac = bustFrac
	}
	feet := h/2 + (st.hzL+span*d)*h
	top := feet - P
	a.keep = raster.Clampf((h*1.3-top)/(P*frac), 0.1, 1)
	key := st.pal.subj
	a.spr = raster.NewSprite(c, int(math.Ceil(Pmax*frac*a.keep)), a.keep, key)
}

// Cut-outs are cached by image hash and working size, so re-rendering a
// shot (a new seed, a new take) does not cut the cameo out again.
var cutouts = struct {
	sync.Mutex
	m     map[string]*raster.Cutout
	order []string
}{m: map[string]*raster.Cutout{}}

const maxCachedCutouts = 16

func cachedCutout(img image.Image, sha string, side int) *raster.Cutout {
	if sha == "" {
		return raster.MakeCutout(img, side)
	}
	key := fmt.Sprintf("%s/%d", sha, side)
	cutouts.Lock()
	c := cutouts.m[key]
	cutouts.Unlock()
	if c != nil {
		return c
	}
	c = raster.MakeCutout(img, side)
	cutouts.Lock()
	defer cutouts.Unlock()
	if _, ok := cutouts.m[key]; !ok {
		cutouts.m[key] = c
		cutouts.order = append(cutouts.order, key)
		if len(cutouts.order) > maxCachedCutouts {
			delete(cutouts.m, cutouts.order[0])
			cutouts.order = cutouts.order[1:]
		}
	}
	return c
}

// personSize is a person's height relative to an adult's.
func personSize(name string) float64 {
	switch name {
	case "child":
		return 0.62
	case "woman":
		return 0.96
	case "man":
		return 1.03
	}
	return 1
}

// zScale is how many main-subject distances a wide shot's main subject
// would stand at in this framing: scenery keeps its real distance when
// the camera comes closer to the people.
func (st *stage) zScale() float64 {
	wide := framingFor(project.SizeWide, project.MoveStatic)
	return math.Max(1, st.frame.k*(st.frame.feet-st.frame.horizon)/(wide.k*(wide.feet-wide.horizon)))
}
