package previz

import (
	"context"
	"math"
	"runtime"
	"sort"
	"sync"

	"kino/engine"
	"kino/engine/previz/raster"
	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
)

// stage is everything about a clip that does not change from frame to
// frame, worked out once in Generate: the light, the sky table, the
// scenery outlines, the ground, who stands where, the cameo sprites at
// their on-screen size, the stars, the grade. Frames read it and never
// change it, so any number of frames can render at once.
type stage struct {
	w, h, frames int
	fps          float64
	seed         uint64
	plan         scene.Plan
	events       []scene.Event

	frame     framing
	hzL, refL float64 // layer y of the horizon and of the main subject's feet
	aspect    float64

	pal  palette
	sky  []raster.RGB
	back backdrop
	wall wallSpec

	ridges []*ridge
	gr     groundSpec
	things []*thing // everything on the ground, far to near
	fliers []*thing // birds and kites in the sky
	stars  []star

	cloudU0, cloudV0 float64
	cloudCol         [256]raster.RGB
	cloudA           [256]uint8
	nebula           bool
	planet           *planetSpec
	tower            *towerSpec   // a lighthouse on a headland
	drive            float64      // inside a moving car: the road's travel, ground depth units per second
	vines            bool         // jungle vines hang in front
	glass            []raster.RGB // stained glass colours, lit

	fx   fxSpec
	post raster.Grade

	outline    float64 // cartoon outline width in pixels (0: none)
	ink        raster.RGB
	trackSpeed float64 // follow-shot travel, frame heights per second
	maxZoom    float64

	workers int
	pool    sync.Pool
	notes   []string // things a person should know about the picture
}

// backdrop is what lies behind the scenery.
type backdrop uint8

const (
	bSky backdrop = iota
	bWall
	bStage
	bSpace
	bWater
)

// wallSpec is an interior's back wall and its windows.
type wallSpec struct {
	top, bot raster.RGB
	windows  []wallWindow
	office   bool
	kind     wallKind
	view     windowView
	arched   bool
}

type wallWindow struct{ x0, x1, y0, y1 float64 } // far-layer coordinates

// star is a point of light in the sky layer.
type star struct {
	x, e   float64 // sky-layer x; elevation above the horizon
	bright float64
	tw, ph float64 // twinkle frequency and phase
	big    bool
}

// planetSpec is the planet hanging in a space sky.
type planetSpec struct {
	x, e, r float64
	c1, c2  raster.RGB
	lx, ly  float64 // light direction
}

// fxSpec is how many of each particle the clip shows.
type fxSpec struct {
	rain, snow, confetti, sparks, bubbles int
	smoke, wind                           int
	rainSlant                             float64
	shooting                              bool
}

// newStage prepares a clip. It checks ctx between the slower steps.
func newStage(ctx context.Context, req engine.Request, plan scene.Plan, events []scene.Event, env map[string][]float32) (*stage, error) {
	st := &stage{
		w: req.Width, h: req.Height, frames: req.Frames(),
		fps: req.Duration.Rate.FPS(), seed: req.Seed,
		plan: plan, events: events,
		workers: runtime.GOMAXPROCS(0),
	}
	st.aspect = float64(st.w) / float64(st.h)
	st.frame = framingFor(plan.Camera.Size, plan.Camera.Move)
	st.hzL, st.refL = st.frame.horizon-0.5, st.frame.feet-0.5
	st.pal = newPalette(&plan, req.Seed)
	st.setting()
	st.pal.subj = st.pal.key
	if l := st.pal.key.R*0.3 + st.pal.key.G*0.59 + st.pal.key.B*0.11; l < 0.7 {
		st.pal.subj = st.pal.key.Mul(math.Min(1.8, 0.7/l))
	}
	st.sky = st.pal.skyTable()
	st.clouds()
	st.makeStars()
	st.post = raster.NewGrade(plan.Style, st.w, st.h, st.pal.key)
	if plan.Style == project.StyleCartoon {
		st.outline = math.Max(1, float64(st.h)/320)
		st.ink = raster.RGB{R: 20, G: 16, B: 24}
	}
	st.maxZoom = 1
	if m := plan.Camera.Move; m == project.MoveDollyIn || m == project.MoveDollyOut {
		st.maxZoom = 1 + raster.Clampf(0.07*float64(st.frames)/st.fps, 0.25, 0.6)
	} else if m == project.MoveAerial {
		st.maxZoom = 1 + 0.015*float64(st.frames)/st.fps
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := st.cast(ctx, req, env); err != nil {
		return nil, err
	}
	st.effects()
	st.pool.New = func() any { return st.newFrameState() }
	return st, nil
}

// clouds builds the cloud colour and coverage tables from the palette.
func (st *stage) clouds() {
	r := rng.Derive(st.seed, "clouds")
	st.cloudU0, st.cloudV0 = r.Range(0, raster.TexSize), r.Range(0, raster.TexSize)
	cover := st.pal.cloudCover
	if st.back != bSky {
		cover = 0
	}
	// A texel denser than thr is cloud; coverage sets thr from the
	// texture's value distribution (roughly normal about 128).
	thr := 128 + 95*(0.5-cover)*1.6
	for d := 0; d < 256; d++ {
		a := raster.Smoothstep(thr, thr+38, float64(d)) * st.pal.cloudAlpha
		if cover >= 0.95 {
			a = 0.78 + 0.22*raster.Smoothstep(60, 200, float64(d))
		}
		st.cloudA[d] = uint8(a * 255)
		k := raster.Smoothstep(thr, 255, float64(d))
		if st.pal.storm || st.pal.rain > 0 {
			st.cloudCol[d] = st.pal.cloudLit.Mix(st.pal.cloudShade, k)
		} else {
			st.cloudCol[d] = st.pal.cloudShade.Mix(st.pal.cloudLit, 0.5+0.5*k)
		}
	}
}

// makeStars scatters stars over the sky layer (wider than the frame, for
// pans), more at night and with "stars".
func (st *stage) makeStars() {
	if st.pal.stars <= 0 && st.back != bSpace {
		return
	}
	dens := st.pal.stars
	if st.back == bSpace {
		dens = 1.2
	}
	r := rng.Derive(st.seed, "stars")
	n := int(dens * 0.75 * float64(st.w*st.h) / 1000)
	n = min(n, 4000)
	span := st.aspect + 2.5
	st.stars = make([]star, n)
	for i := range st.stars {
		s := &st.stars[i]
		s.x = r.Range(-span/2, span/2)
		s.e = math.Pow(r.Float64(), 0.8) * 1.5
		s.bright = 0.25 + 0.75*math.Pow(r.Float64(), 3)
		s.tw = r.Range(0.5, 3)
		s.ph = r.Range(0, 2*math.Pi)
		s.big = r.Float64() < 0.06
	}
	st.fx.shooting = st.plan.Has(scene.Stars)
}

// effects sets particle counts, scaled to the frame's area (capped).
func (st *stage) effects() {
	area := float64(st.w*st.h) / (1280 * 720)
	scale := func(n float64) int { return int(math.Min(n*math.Sqrt(area)*1.0, n*4)) }
	outdoors := st.back == bSky || st.back == bSpace
	if st.pal.rain > 0 && outdoors && st.back != bSpace {
		st.fx.rain = scale(420 * st.pal.rain)
		st.fx.rainSlant = 0.12 + 0.1*raster.Hashf(st.seed+77)
		if st.pal.storm {
			st.fx.rainSlant += 0.12
		}
	}
	if st.pal.snow > 0 && st.back == bSky {
		st.fx.snow = scale(320)
	}
	if st.plan.Has(scene.Confetti) {
		st.fx.confetti = scale(220)
	}
	if st.plan.Has(scene.Sparks) {
		st.fx.sparks = scale(90)
	}
	if st.plan.Has(scene.Bubbles) || st.back == bWater {
		st.fx.bubbles = scale(60)
	}
	if st.plan.Has(scene.Smoke) {
		st.fx.smoke = scale(40)
	}
	if st.plan.Has(scene.Wind) && st.back != bWater && st.back != bSpace {
		st.fx.wind = scale(70)
	}
	if st.plan.Has(scene.Fire) {
		st.addFire()
	}
}

// sortThings orders ground things far to near (stable for equal depth).
func (st *stage) sortThings() {
	sort.SliceStable(st.things, func(i, j int) bool { return st.things[i].z > st.things[j].z })
}
