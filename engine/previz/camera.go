package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/project"
)

// Camera convention. Positions in a layer are in frame heights, measured
// from the frame's centre (x to the right, y down). A layer point (lx, ly)
// lands on screen at
//
//	x = W/2 + (lx*s + dx)*H,  y = H/2 + (ly*s + dy)*H
//
// where the layer's xform (s, dx, dy) comes from the camera at that frame.
// The camera's look direction moves opposite to the picture: when the
// camera pans LEFT the scene content moves RIGHT in the frame (dx grows),
// a pan right moves it left, a tilt UP moves it DOWN (the horizon sinks),
// a tilt down moves it up, a dolly in scales every layer up about the
// frame's centre. Layers move by different amounts (parallax): the sky
// least, far scenery less than the ground and subjects.

// layer names a depth plane.
type layer int

const (
	lSky layer = iota
	lFar
	lMid
	lSubj
	lFore
	nLayers
)

// layerMotion is how much of each camera motion a layer takes.
type layerMotion struct{ pan, zoom, orbit, tilt float64 }

var motions = [nLayers]layerMotion{
	lSky:  {pan: 0.55, zoom: 0.12, orbit: -0.35, tilt: 1},
	lFar:  {pan: 0.75, zoom: 0.35, orbit: -0.7, tilt: 1},
	lMid:  {pan: 0.9, zoom: 0.65, orbit: -0.35, tilt: 1},
	lSubj: {pan: 1, zoom: 1, orbit: 0, tilt: 1},
	lFore: {pan: 1.15, zoom: 1.2, orbit: 0.35, tilt: 1},
}

// framing is where a shot size puts the horizon and the main subject.
type framing struct {
	horizon float64 // horizon row, in frame heights from the top
	feet    float64 // the main subject's feet row, in frame heights
	// k is a standing person's height divided by (feet row − horizon row):
	// the camera's height, which sets how big subjects at other depths are.
	k float64
}

// framingFor returns the framing of a shot size. A close-up shows the main
// subject's head and shoulders, a medium shot from the waist up, a wide
// shot the whole scene with people about a third of the frame tall.
func framingFor(size project.ShotSize, move project.CameraMove) framing {
	if move == project.MoveAerial {
		return framing{horizon: 0.27, feet: 0.8, k: 0.28}
	}
	switch size {
	case project.SizeCloseUp:
		return framing{horizon: 0.6, feet: 3.72, k: 3.6 / 3.12}
	case project.SizeMedium:
		return framing{horizon: 0.44, feet: 1.82, k: 1.72 / 1.38}
	default:
		return framing{horizon: 0.58, feet: 0.86, k: 1.1}
	}
}

// heightAt is how tall (in frame heights) a standing person is whose feet
// are at row fy (in frame heights from the top).
func (f framing) heightAt(fy float64) float64 { return (fy - f.horizon) * f.k }

// view is the camera at one frame, in closed form from time.
type view struct {
	t float64 // seconds from the shot's start
	u float64 // fraction of the shot, 0..1
	// panX is where the camera looks, in frame heights (+ right); tiltY
	// likewise (+ up); zoom is the dolly's scale (1: none); orbit is the
	// parallax sweep; shake the handheld wobble; fwd the aerial travel
	// (ground depth units); track the follow-shot travel.
	panX, tiltY, zoom, orbit, shakeX, shakeY, fwd, track float64
}

// xform maps a layer's coordinates to the screen for one frame.
type xform struct{ s, dx, dy float64 }

// ease is a pan's speed curve: gentle starts and stops but never still.
func ease(u float64) float64 { return 0.4*u + 0.6*u*u*(3-2*u) }

// viewAt returns the camera at frame i.
func (st *stage) viewAt(i int) view {
	v := view{zoom: 1, t: float64(i) / st.fps}
	if st.frames > 1 {
		v.u = float64(i) / float64(st.frames-1)
	}
	secs := float64(st.frames) / st.fps
	e := ease(v.u) - 0.5
	switch st.plan.Camera.Move {
	case project.MovePanLeft, project.MovePanRight:
		a := raster.Clampf(0.1*secs, 0.3, 0.9)
		v.panX = a * e
		if st.plan.Camera.Move == project.MovePanLeft {
			v.panX = -v.panX
		}
	case project.MoveTiltUp, project.MoveTiltDown:
		a := raster.Clampf(0.06*secs, 0.18, 0.4)
		v.tiltY = a * e
		if st.plan.Camera.Move == project.MoveTiltDown {
			v.tiltY = -v.tiltY
		}
	case project.MoveDollyIn:
		v.zoom = 1 + raster.Clampf(0.07*secs, 0.25, 0.6)*ease(v.u)
	case project.MoveDollyOut:
		v.zoom = 1 + raster.Clampf(0.07*secs, 0.25, 0.6)*(1-ease(v.u))
	case project.MoveOrbit:
		v.orbit = raster.Clampf(0.12*secs, 0.35, 1.2) * e
	case project.MoveHandheld:
		v.shakeX = 0.007*raster.Wave(st.seed+11, v.t, 1.3) + 0.012*raster.Wave(st.seed+12, v.t, 0.25)
		v.shakeY = 0.006*raster.Wave(st.seed+13, v.t, 1.1) + 0.008*raster.Wave(st.seed+14, v.t, 0.2)
	case project.MoveAerial:
		v.fwd = 0.9 * v.t
		v.panX = 0.02 * v.t
		v.zoom = 1 + 0.015*v.t
	}
	v.track = st.trackSpeed * v.t
	v.fwd += st.drive * v.t
	return v
}

// xf returns layer l's transform.
func (v *view) xf(l layer) xform {
	m := motions[l]
	s := 1 + (v.zoom-1)*m.zoom
	return xform{
		s:  s,
		dx: -(v.panX+v.track)*m.pan + v.orbit*m.orbit + v.shakeX,
		dy: v.tiltY*m.tilt + v.shakeY,
	}
}

// lerpXf blends two transforms (for ground rows between layers).
func lerpXf(a, b xform, t float64) xform {
	return xform{a.s + (b.s-a.s)*t, a.dx + (b.dx-a.dx)*t, a.dy + (b.dy-a.dy)*t}
}

// toScreen maps a layer point to pixels.
func (st *stage) toScreen(x xform, lx, ly float64) (float64, float64) {
	h := float64(st.h)
	return float64(st.w)/2 + (lx*x.s+x.dx)*h, h/2 + (ly*x.s+x.dy)*h
}

// horizonRow is the horizon's screen row for a frame, following the far
// layer.
func (st *stage) horizonRow(x xform) float64 {
	_, y := st.toScreen(x, 0, st.frame.horizon-0.5)
	return y
}

// trackPan is how much of a follow shot's travel the ground at depth d
// takes (the same blend groundXf uses).
func trackPan(d float64) float64 {
	if d <= 1 {
		return raster.Lerp(motions[lFar].pan, motions[lSubj].pan, math.Max(d, 0))
	}
	return raster.Lerp(motions[lSubj].pan, motions[lFore].pan, math.Min(d-1, 1))
}
