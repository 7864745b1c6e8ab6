package previz

import (
	"fmt"
	"math"

	"kino/engine/previz/raster"
	"kino/engine/rng"
	"kino/engine/scene"
)

// dressActor gives a person the colour, age and clothes the prompt said.
func (st *stage) dressActor(a *actor, s *scene.Subject) {
	for _, w := range s.Wears {
		switch w {
		case "dress":
			a.dress = true
		case "coat":
			a.coat = true
		case "suit":
			a.shirt, a.pants = raster.RGB{R: 54, G: 56, B: 64}, raster.RGB{R: 44, G: 46, B: 52}
		case "hat":
			a.hat = true
		}
	}
	if c, ok := namedColor(s.Color); ok {
		a.shirt = c
		if a.dress || a.coat {
			a.pants = c.Scale(0.7)
		}
	}
	switch {
	case s.Age >= 60:
		a.hair = raster.RGB{R: 196, G: 196, B: 200}
	case s.Age > 0 && s.Age < 14 && s.Kind == scene.KindPerson:
		a.young = true
	}
}

// lieDown puts a person lying down where they can be seen: on the bed if
// the room has one, else further back on the ground (a close camera's
// main subject stands with its feet below the frame).
func (st *stage) lieDown(t *thing) {
	for _, b := range st.things {
		if b.kind == kBed || b.kind == kHospitalBed {
			t.x, t.z, t.air = b.x*0.98, b.z*0.98, 0.36
			return
		}
	}
	t.z = math.Max(t.z, 1.6*st.zScale())
}

// placeVehicle puts vehicle t (the c-th of subject s) where it belongs: a
// car on a road, a boat on water, a train on rails, a plane in the sky
// (or on an airfield's apron). It reports false, with a note, when the
// setting has nowhere for it.
func (st *stage) placeVehicle(t *thing, s *scene.Subject, c int, half, unit float64, r *rng.Rand) bool {
	moving := s.Action == scene.Walk || s.Action == scene.Run || s.Action == scene.Fly
	// Screen speed in frame heights a second: ships and boats slow, road
	// vehicles quicker, speeding ones quicker still.
	speed := 0.0
	if moving {
		speed = 0.3
		switch {
		case s.Name == "ship":
			speed = 0.05
		case s.Name == "boat":
			speed = 0.1
		case s.Action == scene.Run:
			speed = 0.6
		}
	}
	dur := float64(st.frames) / st.fps
	dir := 1.0
	if r.Float64() < 0.5 {
		dir = -1
	}
	move := func() {
		if speed > 0 {
			// In the middle of the shot it is where it was placed.
			t.x -= dir * speed * t.z * dur / 2
			t.act = &actor{kind: scene.KindProp, name: s.Name, action: s.Action, dir: dir, speed: speed * t.z, drives: true, x0: t.x}
			t.wrap = true
		} else if r.Float64() < 0.5 {
			t.act = &actor{kind: scene.KindProp, name: s.Name, action: scene.Stand, dir: -1, x0: t.x}
		}
	}
	onBand := func(b strip, lane float64) {
		d := b.d0 + (b.d1-b.d0)*lane
		t.z = 1 / d
		t.x = r.Range(-0.7, 0.7) * half * t.z
		move()
	}
	switch vehicleKind(s.Name) {
	case vRoad:
		if st.plan.Setting == scene.SettingCar {
			if s.Name == "car" || s.Name == "taxi" {
				return false // we are in it
			}
			t.z = (4 + 2*float64(c)) * st.zScale()
			t.x = r.Range(-0.2, 0.2)
			return true
		}
		if st.gr.kind == gStreet {
			t.z = (1.5 + 0.8*float64(c)) * st.zScale()
			room := math.Max(0, st.gr.kerb-1.4*t.size*unit)
			t.x = math.Copysign(r.Range(0.1, 1)*room, r.Float64()-0.5)
			return true
		}
		if b, ok := st.bandOf(bandRoad); ok {
			onBand(b, 0.7-0.25*float64(c%2))
			return true
		}
		if b, ok := st.bandOf(bandRunway); ok {
			onBand(b, 0.5)
			return true
		}
		if st.plan.Setting == scene.SettingWarehouse { // a garage's concrete floor
			t.z = (1.1 + 0.3*float64(c)) * st.zScale()
			t.x = math.Copysign(r.Range(0.3, 0.6), r.Float64()-0.5) * half * t.z
			return true
		}
	case vWater:
		switch {
		case st.gr.kind == gBeach:
			t.z = r.Range(1.4, 3) / st.gr.shore
			if s.Name == "ship" {
				t.z = r.Range(2.5, 4) / st.gr.shore
			}
			t.x = r.Range(-0.8, 0.8) * half * t.z
			move()
			return true
		default:
			if b, ok := st.bandOf(bandWater); ok {
				onBand(b, 0.55)
				return true
			}
		}
	case vRail:
		if b, ok := st.bandOf(bandRails); ok {
			onBand(b, 0.5)
			t.x = r.Range(-0.3, 0.3) * t.z
			return true
		}
	case vAir:
		if st.back != bSky && st.back != bSpace {
			break
		}
		if st.plan.Setting == scene.SettingAirport && !moving {
			if b, ok := st.bandOf(bandRunway); ok {
				onBand(b, 0.5)
				return true
			}
		}
		t.z = r.Range(6, 10) * st.zScale()
		// High in the part of the sky this framing shows.
		span := st.frame.feet - st.frame.horizon
		d := 1 / t.z
		target := r.Range(0.12, math.Max(0.14, st.frame.horizon-0.1))
		t.air = math.Max(0.5, (st.frame.horizon+span*d-target)/(st.frame.k*span*d))
		t.x = r.Range(-0.6, 0.6) * half * t.z
		speed = math.Max(speed, 0.15)
		t.x = r.Range(-0.3, 0.3)*half*t.z - dir*speed*t.z*dur/2
		t.act = &actor{kind: scene.KindProp, name: s.Name, action: scene.Fly, dir: dir, speed: speed * t.z, flying: true, x0: t.x}
		t.wrap = true
		return true
	}
	st.notes = append(st.notes, fmt.Sprintf("the %s is left out of the picture: there is nowhere for it in a %s scene", s.Name, st.plan.Setting))
	return false
}
