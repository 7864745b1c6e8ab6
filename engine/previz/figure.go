package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/scene"
)

// actor is a subject that moves: a person, a cameo or an animal.
type actor struct {
	kind    scene.SubjectKind
	name    string
	handle  string
	action  scene.Action
	main    bool
	x0      float64 // home position across (world x at the actor's depth)
	rangeX  float64 // half the distance a walker covers before turning
	speed   float64 // world x per second
	phase   float64
	dir     float64 // facing: +1 right, -1 left
	tracked bool    // the camera follows: the actor keeps its place in frame

	skin, hair, shirt, pants, shoes raster.RGB
	longHair, dress                 bool
	coat, hat, young                bool // a long coat, a hat, a child's size
	inCar                           bool // in the car the camera is in: seen from behind

	held []*thing
	env  []float32 // mouth opening per frame (dialogue), nil if silent

	// Cameos: the cut-out, its sprite at screen size, and whether the
	// image is a bust (head and shoulders) on a drawn body.
	cut  *raster.Cutout
	spr  *raster.Sprite
	bust bool
	keep float64 // fraction of the cut-out's rows the sprite holds

	// Animals.
	species          string
	fur, fur2        raster.RGB
	flying, swimming bool
	drives           bool // a vehicle on the ground or water: straight on, no bobbing
}

// bustFrac is how much of a person's height a head-and-shoulders image
// covers.
const bustFrac = 0.36

// tri is a triangle wave of slope ±1 between -1 and 1.
func tri(u float64) float64 {
	u = math.Mod(u+1, 4)
	if u < 0 {
		u += 4
	}
	if u < 2 {
		return u - 1
	}
	return 3 - u
}

// motion returns the actor's position across and facing at time t.
func (a *actor) motion(fs *frameState, z float64) (x, dir float64) {
	t := fs.t
	switch {
	case a.flying || a.swimming || a.drives:
		return a.x0 + a.dir*a.speed*t, a.dir
	case a.tracked:
		return a.x0 + fs.v.track*trackPan(1/z)*z, a.dir
	case a.speed > 0 && a.rangeX > 0:
		u := a.speed*t/a.rangeX + a.phase
		x = a.x0 + a.rangeX*tri(u)
		if tri(u+1e-3) < tri(u) {
			return x, -a.dir
		}
		return x, a.dir
	case a.action == scene.Dance:
		return a.x0 + 0.02*math.Sin(2*math.Pi*0.55*t+a.phase), a.dir
	}
	return a.x0, a.dir
}

// pos returns where a thing's actor is across and how high it flies.
func (a *actor) pos(fs *frameState, t *thing) (float64, float64) {
	x, _ := a.motion(fs, t.z)
	air := t.air
	if a.flying || a.swimming {
		air += 0.08 * math.Sin(fs.t*1.7+a.phase)
	}
	return x, air
}

// envAt is the actor's mouth opening at frame i.
func (a *actor) envAt(i int) float64 {
	if i >= 0 && i < len(a.env) {
		return float64(a.env[i])
	}
	return 0
}

// pose is a figure's joint angles and offsets for one frame, in person
// heights and radians.
type pose struct {
	bob, sway, lean, squat float64
	hipL, hipR             float64 // thigh angles from straight down, + forward
	kneeL, kneeR           float64 // knee bends
	armL, armR             float64 // upper arm from straight down, + towards +x
	foreL, foreR           float64 // forearm angle relative to the upper arm
	sit                    bool
	lie                    bool    // lying on the ground: the figure is turned on its side
	nod                    float64 // head nod (talking)
}

// poseAt works out a figure's pose from its action, the time and how loud
// it is speaking.
func (a *actor) poseAt(t, env, dir float64) pose {
	var p pose
	breath := math.Sin(2*math.Pi*0.25*t + a.phase)
	p.bob = -0.004 * breath
	p.armR, p.armL = 0.12+0.02*breath, -0.12-0.02*breath
	p.foreR, p.foreL = 0.15, -0.15
	switch a.action {
	case scene.Walk, scene.Run:
		f, amp, knee, arm := 0.95, 0.42, 0.7, 0.45
		if a.action == scene.Run {
			f, amp, knee, arm = 1.5, 0.75, 1.3, 0.9
			p.lean = 0.14 * dir
		}
		ph := 2*math.Pi*f*t + a.phase
		s := math.Sin(ph)
		p.hipL, p.hipR = amp*s, -amp*s
		p.kneeL = knee * math.Max(0, math.Sin(ph+math.Pi/2))
		p.kneeR = knee * math.Max(0, math.Sin(ph-math.Pi/2))
		p.bob = -0.018 * math.Abs(math.Cos(ph)) * (1 + amp)
		p.armR, p.armL = 0.1-arm*s*dir, -0.1+arm*s*dir
		if a.action == scene.Run {
			p.foreR, p.foreL = 1.3*dir, 1.3*dir
		}
	case scene.Dance:
		ph := 2*math.Pi*1.05*t + a.phase
		p.sway = 0.035 * math.Sin(ph)
		p.bob = -0.03 * math.Abs(math.Sin(ph))
		p.armR = 2.3 + 0.5*math.Sin(2*ph)
		p.armL = -2.3 - 0.5*math.Sin(2*ph+1)
		p.foreR, p.foreL = 0.4*math.Sin(2*ph), -0.4*math.Sin(2*ph)
		p.hipL, p.hipR = 0.25*math.Max(0, math.Sin(ph)), 0.25*math.Max(0, -math.Sin(ph))
		p.kneeL, p.kneeR = 2*p.hipL, 2*p.hipR
	case scene.Wave:
		p.armR = 2.5
		p.foreR = 0.2 + 0.55*math.Sin(2*math.Pi*2.2*t)
	case scene.Sit:
		p.sit = true
		p.squat = 0.2
	case scene.Talk:
		g := math.Sin(2*math.Pi*0.7*t + a.phase)
		p.armR, p.foreR = 0.35+0.15*g, 1.3+0.4*g
	case scene.Work:
		// Hands busy in front: stirring, writing, digging.
		g := math.Sin(2*math.Pi*1.1*t + a.phase)
		p.armR, p.foreR = (0.8+0.2*g)*dir, (1.0+0.35*g)*dir
		p.armL, p.foreL = (0.6-0.15*g)*dir, (1.2-0.3*g)*dir
		p.lean = 0.06 * dir
	case scene.Fight:
		ph := 2*math.Pi*1.6*t + a.phase
		jab := math.Max(0, math.Sin(ph))
		cross := math.Max(0, -math.Sin(ph))
		p.armR, p.foreR = (1.2+0.3*jab)*dir, (1.9-1.6*jab)*dir
		p.armL, p.foreL = (1.2+0.3*cross)*dir, (1.9-1.6*cross)*dir
		p.lean = 0.08 * dir
		p.squat = 0.03
		p.hipL, p.hipR = 0.2, -0.15
	case scene.Fly:
		g := math.Sin(2*math.Pi*0.4*t + a.phase)
		p.armR, p.armL = 1.9+0.15*g, -1.9-0.15*g
		p.foreR, p.foreL = 0.2, -0.2
		p.hipL, p.hipR = 0.15, -0.1
		p.kneeL, p.kneeR = 0.4, 0.2
	case scene.Lie:
		p.lie = true
	}
	if env > 0 {
		p.nod = 0.012 * env
		if a.action == scene.Stand || a.action == scene.Talk {
			p.armR, p.foreR = 0.35+0.25*env, 1.2+0.6*env
		}
	}
	return p
}

// joints of a figure on screen.
type joints struct {
	hip, neck, head          raster.Pt
	hipL, hipR, kneeL, kneeR raster.Pt
	footL, footR             raster.Pt
	shL, shR, elL, elR       raster.Pt
	handL, handR             raster.Pt
}

// skeleton places the figure's joints on screen: feet centre (sx, sy), P
// pixels per person height.
func skeleton(p pose, sx, sy, P, dir float64) joints {
	var j joints
	at := func(x, y float64) raster.Pt { return raster.Pt{X: sx + x*P, Y: sy + y*P} }
	hx, hy := p.sway, -0.5+p.bob+p.squat
	j.hip = at(hx, hy)
	nx, ny := hx+p.lean*0.32, hy-0.32
	j.neck = at(nx, ny)
	j.head = at(nx+p.lean*0.1, ny-0.095+p.nod)
	leg := func(ox, th, kn float64) (raster.Pt, raster.Pt, raster.Pt) {
		x0, y0 := hx+ox, hy
		if p.sit {
			kx, ky := x0+ox*0.6, y0+0.06
			return at(x0, y0), at(kx, ky), at(kx, ky+0.26)
		}
		kx, ky := x0+0.25*math.Sin(th)*dir, y0+0.25*math.Cos(th)
		a := th - kn
		return at(x0, y0), at(kx, ky), at(kx+0.25*math.Sin(a)*dir, ky+0.25*math.Cos(a))
	}
	j.hipL, j.kneeL, j.footL = leg(-0.05, p.hipL, p.kneeL)
	j.hipR, j.kneeR, j.footR = leg(0.05, p.hipR, p.kneeR)
	arm := func(ox, a1, a2 float64) (raster.Pt, raster.Pt, raster.Pt) {
		x0, y0 := nx+ox, ny+0.025
		ex, ey := x0+0.16*math.Sin(a1), y0+0.16*math.Cos(a1)
		a := a1 + a2
		return at(x0, y0), at(ex, ey), at(ex+0.15*math.Sin(a), ey+0.15*math.Cos(a))
	}
	j.shL, j.elL, j.handL = arm(-0.1, p.armL, p.foreL)
	j.shR, j.elR, j.handR = arm(0.1, p.armR, p.foreR)
	return j
}

// drawPerson draws a generic figure or a cameo.
func (fs *frameState) drawPerson(t *thing, sx, sy, ph float64) {
	a := t.act
	P := ph * t.size
	_, dir := a.motion(fs, t.z)
	env := a.envAt(fs.i)
	p := a.poseAt(fs.t, env, dir)
	if a.held != nil {
		for _, h := range a.held {
			holdPose(&p, h.kind, h.name)
		}
	}
	j := skeleton(p, sx, sy, P, dir)
	if p.lie {
		j = j.lying(sx, sy, P, dir)
	}
	l := &fs.subj
	if p.sit {
		seat := fs.lit(raster.RGB{R: 110, G: 80, B: 54})
		l.Rect(j.hip.X-0.16*P, j.hip.Y+0.02*P, j.hip.X+0.16*P, j.hip.Y+0.06*P, seat, 1)
		l.Rect(j.hip.X-0.15*P, j.hip.Y+0.06*P, j.hip.X-0.12*P, sy, seat, 1)
		l.Rect(j.hip.X+0.12*P, j.hip.Y+0.06*P, j.hip.X+0.15*P, sy, seat, 1)
	}
	if a.spr != nil {
		fs.drawCameo(t, j, p, sx, sy, P, env, dir)
		return
	}
	skin, hair := fs.lit(a.skin), fs.lit(a.hair)
	shirt, pants, shoes := fs.lit(a.shirt), fs.lit(a.pants), fs.lit(a.shoes)
	if a.coat {
		l.Poly(shirt.Scale(0.9), 1, false,
			raster.Pt{X: j.neck.X - 0.1*P, Y: j.neck.Y + 0.01*P}, raster.Pt{X: j.neck.X + 0.1*P, Y: j.neck.Y + 0.01*P},
			raster.Pt{X: (j.kneeL.X+j.kneeR.X)/2 + 0.13*P, Y: (j.kneeL.Y+j.kneeR.Y)/2 + 0.04*P}, raster.Pt{X: (j.kneeL.X+j.kneeR.X)/2 - 0.13*P, Y: (j.kneeL.Y+j.kneeR.Y)/2 + 0.04*P})
	}
	fs.drawBody(j, P, shirt, pants, shoes, skin, a.dress, true)
	// Head.
	hr := 0.065 * P
	if a.longHair {
		l.Ellipse(j.head.X, j.head.Y+hr*0.5, hr*1.05, hr*1.45, hair, 1)
	}
	l.Ellipse(j.head.X, j.head.Y-hr*0.22, hr*1.0, hr*0.95, hair, 1)
	l.Ellipse(j.head.X, j.head.Y+hr*0.06, hr*0.88, hr*1.02, skin, 1)
	l.Ellipse(j.head.X+hr*0.15, j.head.Y-hr*0.72, hr*0.78, hr*0.32, hair, 1)
	if hr > 5 {
		ey := j.head.Y + hr*0.05
		blink := math.Mod(fs.t+a.phase*3, 4.1) < 0.12
		eye := raster.RGB{R: 30, G: 24, B: 22}
		if blink {
			l.Rect(j.head.X-hr*0.45, ey, j.head.X-hr*0.2, ey+math.Max(1, hr*0.05), eye, 1)
			l.Rect(j.head.X+hr*0.2, ey, j.head.X+hr*0.45, ey+math.Max(1, hr*0.05), eye, 1)
		} else {
			l.Disc(j.head.X-hr*0.33, ey, math.Max(0.8, hr*0.11), eye, 1)
			l.Disc(j.head.X+hr*0.33, ey, math.Max(0.8, hr*0.11), eye, 1)
		}
		mh := hr * (0.05 + 0.35*env)
		l.Ellipse(j.head.X, j.head.Y+hr*0.55, hr*0.22, math.Max(0.7, mh), raster.RGB{R: 110, G: 40, B: 44}.Lit(fs.st.pal.subj), 1)
	}
	if a.hat && !p.lie {
		hc := shirt.Scale(0.6)
		l.Rect(j.head.X-hr*1.3, j.head.Y-hr*0.75, j.head.X+hr*1.3, j.head.Y-hr*0.55, hc, 1)
		l.Rect(j.head.X-hr*0.85, j.head.Y-hr*1.45, j.head.X+hr*0.85, j.head.Y-hr*0.6, hc, 1)
	}
	fs.drawHeld(a, j, P)
}

// drawBody draws legs, torso and arms (the whole figure but its head).
func (fs *frameState) drawBody(j joints, P float64, shirt, pants, shoes, skin raster.RGB, dress, arms bool) {
	l := &fs.subj
	lr, ar := 0.042*P, 0.03*P
	for _, leg := range [][3]raster.Pt{{j.hipL, j.kneeL, j.footL}, {j.hipR, j.kneeR, j.footR}} {
		l.Capsule(leg[0].X, leg[0].Y, leg[1].X, leg[1].Y, lr, pants, 1)
		l.Capsule(leg[1].X, leg[1].Y, leg[2].X, leg[2].Y, lr*0.85, pants, 1)
		l.Ellipse(leg[2].X, leg[2].Y-0.01*P, 0.04*P, 0.018*P, shoes, 1)
	}
	l.Capsule(j.neck.X, j.neck.Y, j.head.X, j.head.Y, 0.026*P, skin, 1)
	sw, hw := 0.105*P, 0.085*P
	l.Poly(shirt, 1, false,
		raster.Pt{X: j.neck.X - sw, Y: j.neck.Y + 0.01*P}, raster.Pt{X: j.neck.X + sw, Y: j.neck.Y + 0.01*P},
		raster.Pt{X: j.hip.X + hw, Y: j.hip.Y + 0.02*P}, raster.Pt{X: j.hip.X - hw, Y: j.hip.Y + 0.02*P})
	if dress {
		l.Poly(shirt.Scale(0.92), 1, false,
			raster.Pt{X: j.hip.X - hw, Y: j.hip.Y - 0.04*P}, raster.Pt{X: j.hip.X + hw, Y: j.hip.Y - 0.04*P},
			raster.Pt{X: j.hip.X + 0.16*P, Y: j.hip.Y + 0.24*P}, raster.Pt{X: j.hip.X - 0.16*P, Y: j.hip.Y + 0.24*P})
	} else {
		l.Poly(pants, 1, false,
			raster.Pt{X: j.hip.X - hw, Y: j.hip.Y - 0.01*P}, raster.Pt{X: j.hip.X + hw, Y: j.hip.Y - 0.01*P},
			raster.Pt{X: j.hipR.X + 0.045*P, Y: j.hipR.Y + 0.06*P}, raster.Pt{X: j.hipL.X - 0.045*P, Y: j.hipL.Y + 0.06*P})
	}
	if !arms {
		return
	}
	for _, arm := range [][3]raster.Pt{{j.shL, j.elL, j.handL}, {j.shR, j.elR, j.handR}} {
		l.Capsule(arm[0].X, arm[0].Y, arm[1].X, arm[1].Y, ar, shirt, 1)
		l.Capsule(arm[1].X, arm[1].Y, arm[2].X, arm[2].Y, ar*0.9, shirt, 1)
		l.Disc(arm[2].X, arm[2].Y, 0.027*P, skin, 1)
	}
}

// drawCameo draws a cameo's cut-out: a whole-body image stands on the
// figure's feet; a bust sits on a drawn body in its clothes' colour. The
// sprite bobs and leans with the pose, and when the cameo speaks its head
// lifts and a mouth opens with the loudness of its line.
func (fs *frameState) drawCameo(t *thing, j joints, p pose, sx, sy, P, env, dir float64) {
	a := t.act
	c := a.cut
	l := &fs.subj
	hs := P
	if a.bust {
		hs = P * bustFrac
	}
	ws := hs * float64(c.W) / float64(c.H)
	// The picture's top follows the body (bob, squat); a nod moves only
	// its head, through lift below.
	top := j.head.Y - p.nod*P - 0.07*P
	x := j.head.X - c.HeadX*ws
	if a.bust {
		cloth := fs.lit(c.Cloth)
		bw := math.Max(c.BottomW*ws, 0.2*P)
		// A drawn body continues the bust from its bottom edge.
		sh := fs.lit(raster.RGB{R: 40, G: 40, B: 48})
		bodyTop := top + hs*0.9
		fs.drawBody(j, P, cloth, sh, raster.RGB{R: 30, G: 28, B: 30}, cloth.Scale(0.9), false, false)
		l.Poly(cloth, 1, false,
			raster.Pt{X: j.head.X - bw/2, Y: bodyTop}, raster.Pt{X: j.head.X + bw/2, Y: bodyTop},
			raster.Pt{X: j.hip.X + 0.09*P, Y: j.hip.Y + 0.02*P}, raster.Pt{X: j.hip.X - 0.09*P, Y: j.hip.Y + 0.02*P})
		// Shade and seams give the drawn body form, so a light cloth
		// (white under noir) is not a blank shape.
		l.Poly(cloth.Scale(0.8), 1, false,
			raster.Pt{X: j.head.X + bw*0.22, Y: bodyTop}, raster.Pt{X: j.head.X + bw/2, Y: bodyTop},
			raster.Pt{X: j.hip.X + 0.09*P, Y: j.hip.Y + 0.02*P}, raster.Pt{X: j.hip.X + 0.03*P, Y: j.hip.Y + 0.02*P})
		l.Rect(j.hip.X-0.1*P, j.hip.Y-0.03*P, j.hip.X+0.1*P, j.hip.Y-0.012*P, cloth.Scale(0.6), 1)
		l.Capsule(j.head.X, bodyTop+0.01*P, j.hip.X, j.hip.Y-0.03*P, math.Max(0.5, 0.004*P), cloth.Scale(0.7), 1)
		for _, arm := range [][3]raster.Pt{{j.shL, j.elL, j.handL}, {j.shR, j.elR, j.handR}} {
			sx0 := arm[0].X + (arm[0].X-j.neck.X)*0.4
			l.Capsule(sx0, bodyTop+0.02*P, arm[1].X, arm[1].Y, 0.032*P, cloth, 1)
			l.Capsule(arm[1].X, arm[1].Y, arm[2].X, arm[2].Y, 0.029*P, cloth, 1)
			l.Disc(arm[2].X, arm[2].Y, 0.027*P, fs.lit(raster.RGB{R: 222, G: 176, B: 146}), 1)
		}
	}
	// Idle sway, plus the action's own lean: a dance rocks, a wave tilts.
	lean := p.lean + (j.hip.X-sx)/P*0.5 + 0.01*math.Sin(2*math.Pi*0.21*fs.t+a.phase)
	switch a.action {
	case scene.Dance:
		lean += 0.06 * math.Sin(2*math.Pi*1.05*fs.t+a.phase)
	case scene.Wave:
		lean += 0.025 * math.Sin(2*math.Pi*1.1*fs.t)
	}
	lift := env * 0.015 * P
	neck := top + c.Neck*hs
	d := raster.SpriteDraw{
		S: a.spr, X: x, Y: top, W: ws, H: hs * a.keep,
		Shear: lean * 0.5, Neck: neck, Lift: lift, Flip: dir < 0 && a.speed > 0,
	}
	l.Sprite(d)
	if a.action == scene.Wave && !a.bust {
		// A whole-body picture cannot lift its own arm: a drawn arm in
		// the clothes' colour waves from its shoulder.
		side := 1.0
		if d.Flip {
			side = -1
		}
		shx := x + (c.HeadX+side*c.HeadW*0.75)*ws
		shy := top + c.Neck*hs*1.25
		ex, ey := shx+(j.elR.X-j.shR.X), shy+(j.elR.Y-j.shR.Y)
		hx, hy := ex+(j.handR.X-j.elR.X), ey+(j.handR.Y-j.elR.Y)
		cloth := fs.lit(c.Cloth)
		l.Capsule(shx, shy, ex, ey, 0.03*P, cloth, 1)
		l.Capsule(ex, ey, hx, hy, 0.027*P, cloth, 1)
		l.Disc(hx, hy, 0.028*P, fs.lit(raster.RGB{R: 222, G: 176, B: 146}), 1)
	}
	if env > 0.03 {
		mx := x + c.HeadX*ws
		if d.Flip {
			mx = x + (1-c.HeadX)*ws
		}
		my := top + c.Neck*hs*0.8 - lift
		mw := math.Max(1, c.HeadW*ws*0.13)
		l.Ellipse(mx+lean*0.5*(top+hs-my), my, mw, math.Max(0.8, mw*1.1*env), raster.RGB{R: 70, G: 24, B: 30}, 0.9)
	}
	if !a.bust || a.held != nil {
		fs.drawHeld(a, j, P)
	}
}

// holdPose bends the arm that holds a prop.
func holdPose(p *pose, k thingKind, name string) {
	switch name {
	case "glass", "candle", "phone", "flowers", "sparkler", "microphone", "book":
		p.armR, p.foreR = 0.25, 2.4
		if name == "phone" {
			p.armR, p.foreR = 0.6, 2.7
		}
	case "umbrella", "balloon", "kite", "lantern":
		p.armR, p.foreR = 0.45, 2.2
	case "guitar":
		p.armR, p.foreR = 0.3, 1.9
		p.armL, p.foreL = -0.5, -1.6
	case "surfboard", "ball":
		p.armR, p.foreR = 0.3, 0.5
	case "cup", "bottle", "cigarette", "food", "device", "toy", "paper":
		p.armR, p.foreR = 0.3, 2.2
	case "gun", "blade":
		p.armR, p.foreR = 1.5, 0.05 // held out in front
	case "flag":
		p.armR, p.foreR = 2.6, 0.1
	case "bag", "tool", "rope":
		p.armR, p.foreR = 0.08, 0.05 // carried down at the side
	}
}

// drawHeld draws the props an actor holds, at its right hand.
func (fs *frameState) drawHeld(a *actor, j joints, P float64) {
	l := &fs.subj
	hx, hy := j.handR.X, j.handR.Y
	for _, h := range a.held {
		switch h.name {
		case "glass":
			drink := raster.RGB{R: 246, G: 214, B: 120} // champagne
			switch h.detail {
			case "wine":
				drink = raster.RGB{R: 120, G: 20, B: 40}
			case "beer":
				drink = raster.RGB{R: 230, G: 160, B: 40}
			case "cocktail":
				drink = raster.RGB{R: 240, G: 100, B: 120}
			}
			drink = fs.lit(drink)
			glass := fs.lit(raster.RGB{R: 220, G: 236, B: 240})
			gh := 0.11 * P
			l.Capsule(hx, hy+0.01*P, hx, hy-0.03*P, 0.004*P, glass, 0.9)
			l.Poly(glass, 0.55, false, raster.Pt{X: hx - 0.022*P, Y: hy - gh}, raster.Pt{X: hx + 0.022*P, Y: hy - gh}, raster.Pt{X: hx + 0.008*P, Y: hy - 0.03*P}, raster.Pt{X: hx - 0.008*P, Y: hy - 0.03*P})
			l.Poly(drink, 0.85, false, raster.Pt{X: hx - 0.018*P, Y: hy - gh*0.85}, raster.Pt{X: hx + 0.018*P, Y: hy - gh*0.85}, raster.Pt{X: hx + 0.007*P, Y: hy - 0.035*P}, raster.Pt{X: hx - 0.007*P, Y: hy - 0.035*P})
			if P > 200 {
				for k := 0; k < 4; k++ {
					f := math.Mod(fs.t*0.8+float64(k)*0.25, 1)
					l.Disc(hx+0.006*P*math.Sin(float64(k)*2.3), hy-0.035*P-f*gh*0.75, math.Max(0.6, 0.0025*P), raster.RGB{R: 255, G: 250, B: 230}, 0.8)
				}
			}
		case "umbrella":
			c := raster.HSV(float64(h.seed%360), 0.7, 0.8).Lit(fs.st.pal.subj)
			l.Capsule(hx, hy+0.05*P, hx, hy-0.5*P, 0.008*P, raster.RGB{R: 40, G: 40, B: 40}, 1)
			cx, cy := hx, hy-0.5*P
			var pts [9]raster.Pt
			for k := range pts {
				ang := math.Pi + math.Pi*float64(k)/8
				pts[k] = raster.Pt{X: cx + math.Cos(ang)*0.33*P, Y: cy + math.Sin(ang)*0.15*P}
			}
			l.Poly(c, 1, false, pts[:]...)
		case "balloon":
			c := raster.HSV(float64(h.seed%360), 0.8, 0.95).Lit(fs.st.pal.subj)
			bx := hx + 0.05*P*math.Sin(fs.t*1.3)
			by := hy - 0.55*P
			l.Capsule(hx, hy, bx, by+0.09*P, math.Max(0.4, 0.003*P), raster.RGB{R: 230, G: 230, B: 230}, 0.8)
			l.Ellipse(bx, by, 0.08*P, 0.1*P, c, 1)
			l.Disc(bx-0.03*P, by-0.04*P, 0.02*P, raster.RGB{R: 255, G: 255, B: 255}, 0.5)
		case "guitar":
			c := fs.lit(raster.RGB{R: 170, G: 100, B: 40})
			gx, gy := j.hip.X+0.02*P, j.hip.Y-0.06*P
			l.Ellipse(gx, gy, 0.09*P, 0.07*P, c, 1)
			l.Disc(gx, gy-0.005*P, 0.02*P, raster.RGB{R: 30, G: 20, B: 14}, 1)
			l.Capsule(gx, gy, gx-0.28*P, gy-0.18*P, 0.012*P, fs.lit(raster.RGB{R: 60, G: 36, B: 20}), 1)
		case "phone":
			l.Rect(hx-0.012*P, hy-0.05*P, hx+0.012*P, hy, raster.RGB{R: 20, G: 20, B: 24}, 1)
		case "book":
			l.Rect(hx-0.05*P, hy-0.06*P, hx+0.05*P, hy+0.01*P, raster.HSV(float64(h.seed%360), 0.6, 0.6).Lit(fs.st.pal.subj), 1)
		case "flowers":
			l.Capsule(hx, hy+0.04*P, hx, hy-0.06*P, 0.006*P, fs.lit(raster.RGB{R: 60, G: 120, B: 50}), 1)
			for k := 0; k < 5; k++ {
				a := float64(k) * 1.26
				l.Disc(hx+0.03*P*math.Cos(a), hy-0.08*P+0.02*P*math.Sin(a), 0.022*P, raster.HSV(float64(h.seed%360)+float64(k)*30, 0.7, 0.95).Lit(fs.st.pal.subj), 1)
			}
		case "candle", "sparkler", "lantern":
			l.Capsule(hx, hy, hx, hy-0.06*P, 0.008*P, fs.lit(raster.RGB{R: 240, G: 236, B: 220}), 1)
			fs.fore.Light(hx, hy-0.07*P, math.Max(1, 0.012*P), raster.RGB{R: 255, G: 220, B: 140}, 1)
			fs.front.Glow(hx, hy-0.07*P, 0.25*P, raster.RGB{R: 255, G: 170, B: 80}, 0.45+0.1*math.Sin(fs.t*13))
		case "microphone":
			l.Capsule(hx, hy, hx, hy-0.06*P, 0.009*P, raster.RGB{R: 30, G: 30, B: 34}, 1)
			l.Disc(hx, hy-0.07*P, 0.016*P, raster.RGB{R: 90, G: 90, B: 96}, 1)
		case "kite":
			kx, ky := hx+0.8*P, hy-1.4*P+0.1*P*math.Sin(fs.t)
			l.Capsule(hx, hy, kx, ky, math.Max(0.4, 0.002*P), raster.RGB{R: 230, G: 230, B: 230}, 0.7)
			c := raster.HSV(float64(h.seed%360), 0.8, 0.95).Lit(fs.st.pal.subj)
			l.Poly(c, 1, false, raster.Pt{X: kx, Y: ky - 0.12*P}, raster.Pt{X: kx + 0.08*P, Y: ky}, raster.Pt{X: kx, Y: ky + 0.14*P}, raster.Pt{X: kx - 0.08*P, Y: ky})
		case "surfboard":
			c := raster.HSV(float64(h.seed%360), 0.6, 0.95).Lit(fs.st.pal.subj)
			l.Ellipse(hx+0.05*P, hy-0.2*P, 0.06*P, 0.4*P, c, 1)
		case "ball":
			c := raster.HSV(float64(h.seed%360), 0.8, 0.95).Lit(fs.st.pal.subj)
			l.Disc(hx+0.03*P, hy-0.02*P, 0.06*P, c, 1)
		default:
			if !fs.drawHeldMore(h, hx, hy, P) {
				c := raster.HSV(float64(h.seed%360), 0.5, 0.7).Lit(fs.st.pal.subj)
				l.Rect(hx-0.04*P, hy-0.06*P, hx+0.04*P, hy+0.01*P, c, 1)
			}
		}
	}
}
