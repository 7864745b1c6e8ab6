package previz

import (
	"math"

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

	skin, hair, shirt, pants, shoes rgb
	longHair, dress                 bool
	coat, hat, young                bool // a long coat, a hat, a child's size
	inCar                           bool // in the car the camera is in: seen from behind

	held []*thing
	env  []float32 // mouth opening per frame (dialogue), nil if silent

	// Cameos: the cut-out, its sprite at screen size, and whether the
	// image is a bust (head and shoulders) on a drawn body.
	cut  *cutout
	spr  *sprite
	bust bool
	keep float64 // fraction of the cut-out's rows the sprite holds

	// Animals.
	species          string
	fur, fur2        rgb
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
	hip, neck, head          pt
	hipL, hipR, kneeL, kneeR pt
	footL, footR             pt
	shL, shR, elL, elR       pt
	handL, handR             pt
}

// skeleton places the figure's joints on screen: feet centre (sx, sy), P
// pixels per person height.
func skeleton(p pose, sx, sy, P, dir float64) joints {
	var j joints
	at := func(x, y float64) pt { return pt{sx + x*P, sy + y*P} }
	hx, hy := p.sway, -0.5+p.bob+p.squat
	j.hip = at(hx, hy)
	nx, ny := hx+p.lean*0.32, hy-0.32
	j.neck = at(nx, ny)
	j.head = at(nx+p.lean*0.1, ny-0.095+p.nod)
	leg := func(ox, th, kn float64) (pt, pt, pt) {
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
	arm := func(ox, a1, a2 float64) (pt, pt, pt) {
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
		seat := fs.lit(rgb{110, 80, 54})
		l.rect(j.hip.x-0.16*P, j.hip.y+0.02*P, j.hip.x+0.16*P, j.hip.y+0.06*P, seat, 1)
		l.rect(j.hip.x-0.15*P, j.hip.y+0.06*P, j.hip.x-0.12*P, sy, seat, 1)
		l.rect(j.hip.x+0.12*P, j.hip.y+0.06*P, j.hip.x+0.15*P, sy, seat, 1)
	}
	if a.spr != nil {
		fs.drawCameo(t, j, p, sx, sy, P, env, dir)
		return
	}
	skin, hair := fs.lit(a.skin), fs.lit(a.hair)
	shirt, pants, shoes := fs.lit(a.shirt), fs.lit(a.pants), fs.lit(a.shoes)
	if a.coat {
		l.poly(shirt.scale(0.9), 1, false,
			pt{j.neck.x - 0.1*P, j.neck.y + 0.01*P}, pt{j.neck.x + 0.1*P, j.neck.y + 0.01*P},
			pt{(j.kneeL.x+j.kneeR.x)/2 + 0.13*P, (j.kneeL.y+j.kneeR.y)/2 + 0.04*P}, pt{(j.kneeL.x+j.kneeR.x)/2 - 0.13*P, (j.kneeL.y+j.kneeR.y)/2 + 0.04*P})
	}
	fs.drawBody(j, P, shirt, pants, shoes, skin, a.dress, true)
	// Head.
	hr := 0.065 * P
	if a.longHair {
		l.ellipse(j.head.x, j.head.y+hr*0.5, hr*1.05, hr*1.45, hair, 1)
	}
	l.ellipse(j.head.x, j.head.y-hr*0.22, hr*1.0, hr*0.95, hair, 1)
	l.ellipse(j.head.x, j.head.y+hr*0.06, hr*0.88, hr*1.02, skin, 1)
	l.ellipse(j.head.x+hr*0.15, j.head.y-hr*0.72, hr*0.78, hr*0.32, hair, 1)
	if hr > 5 {
		ey := j.head.y + hr*0.05
		blink := math.Mod(fs.t+a.phase*3, 4.1) < 0.12
		eye := rgb{30, 24, 22}
		if blink {
			l.rect(j.head.x-hr*0.45, ey, j.head.x-hr*0.2, ey+math.Max(1, hr*0.05), eye, 1)
			l.rect(j.head.x+hr*0.2, ey, j.head.x+hr*0.45, ey+math.Max(1, hr*0.05), eye, 1)
		} else {
			l.disc(j.head.x-hr*0.33, ey, math.Max(0.8, hr*0.11), eye, 1)
			l.disc(j.head.x+hr*0.33, ey, math.Max(0.8, hr*0.11), eye, 1)
		}
		mh := hr * (0.05 + 0.35*env)
		l.ellipse(j.head.x, j.head.y+hr*0.55, hr*0.22, math.Max(0.7, mh), rgb{110, 40, 44}.lit(fs.st.pal.subj), 1)
	}
	if a.hat && !p.lie {
		hc := shirt.scale(0.6)
		l.rect(j.head.x-hr*1.3, j.head.y-hr*0.75, j.head.x+hr*1.3, j.head.y-hr*0.55, hc, 1)
		l.rect(j.head.x-hr*0.85, j.head.y-hr*1.45, j.head.x+hr*0.85, j.head.y-hr*0.6, hc, 1)
	}
	fs.drawHeld(a, j, P)
}

// drawBody draws legs, torso and arms (the whole figure but its head).
func (fs *frameState) drawBody(j joints, P float64, shirt, pants, shoes, skin rgb, dress, arms bool) {
	l := &fs.subj
	lr, ar := 0.042*P, 0.03*P
	for _, leg := range [][3]pt{{j.hipL, j.kneeL, j.footL}, {j.hipR, j.kneeR, j.footR}} {
		l.capsule(leg[0].x, leg[0].y, leg[1].x, leg[1].y, lr, pants, 1)
		l.capsule(leg[1].x, leg[1].y, leg[2].x, leg[2].y, lr*0.85, pants, 1)
		l.ellipse(leg[2].x, leg[2].y-0.01*P, 0.04*P, 0.018*P, shoes, 1)
	}
	l.capsule(j.neck.x, j.neck.y, j.head.x, j.head.y, 0.026*P, skin, 1)
	sw, hw := 0.105*P, 0.085*P
	l.poly(shirt, 1, false,
		pt{j.neck.x - sw, j.neck.y + 0.01*P}, pt{j.neck.x + sw, j.neck.y + 0.01*P},
		pt{j.hip.x + hw, j.hip.y + 0.02*P}, pt{j.hip.x - hw, j.hip.y + 0.02*P})
	if dress {
		l.poly(shirt.scale(0.92), 1, false,
			pt{j.hip.x - hw, j.hip.y - 0.04*P}, pt{j.hip.x + hw, j.hip.y - 0.04*P},
			pt{j.hip.x + 0.16*P, j.hip.y + 0.24*P}, pt{j.hip.x - 0.16*P, j.hip.y + 0.24*P})
	} else {
		l.poly(pants, 1, false,
			pt{j.hip.x - hw, j.hip.y - 0.01*P}, pt{j.hip.x + hw, j.hip.y - 0.01*P},
			pt{j.hipR.x + 0.045*P, j.hipR.y + 0.06*P}, pt{j.hipL.x - 0.045*P, j.hipL.y + 0.06*P})
	}
	if !arms {
		return
	}
	for _, arm := range [][3]pt{{j.shL, j.elL, j.handL}, {j.shR, j.elR, j.handR}} {
		l.capsule(arm[0].x, arm[0].y, arm[1].x, arm[1].y, ar, shirt, 1)
		l.capsule(arm[1].x, arm[1].y, arm[2].x, arm[2].y, ar*0.9, shirt, 1)
		l.disc(arm[2].x, arm[2].y, 0.027*P, skin, 1)
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
	ws := hs * float64(c.w) / float64(c.h)
	// The picture's top follows the body (bob, squat); a nod moves only
	// its head, through lift below.
	top := j.head.y - p.nod*P - 0.07*P
	x := j.head.x - c.headX*ws
	if a.bust {
		cloth := fs.lit(c.cloth)
		bw := math.Max(c.bottomW*ws, 0.2*P)
		// A drawn body continues the bust from its bottom edge.
		sh := fs.lit(rgb{40, 40, 48})
		bodyTop := top + hs*0.9
		fs.drawBody(j, P, cloth, sh, rgb{30, 28, 30}, cloth.scale(0.9), false, false)
		l.poly(cloth, 1, false,
			pt{j.head.x - bw/2, bodyTop}, pt{j.head.x + bw/2, bodyTop},
			pt{j.hip.x + 0.09*P, j.hip.y + 0.02*P}, pt{j.hip.x - 0.09*P, j.hip.y + 0.02*P})
		// Shade and seams give the drawn body form, so a light cloth
		// (white under noir) is not a blank shape.
		l.poly(cloth.scale(0.8), 1, false,
			pt{j.head.x + bw*0.22, bodyTop}, pt{j.head.x + bw/2, bodyTop},
			pt{j.hip.x + 0.09*P, j.hip.y + 0.02*P}, pt{j.hip.x + 0.03*P, j.hip.y + 0.02*P})
		l.rect(j.hip.x-0.1*P, j.hip.y-0.03*P, j.hip.x+0.1*P, j.hip.y-0.012*P, cloth.scale(0.6), 1)
		l.capsule(j.head.x, bodyTop+0.01*P, j.hip.x, j.hip.y-0.03*P, math.Max(0.5, 0.004*P), cloth.scale(0.7), 1)
		for _, arm := range [][3]pt{{j.shL, j.elL, j.handL}, {j.shR, j.elR, j.handR}} {
			sx0 := arm[0].x + (arm[0].x-j.neck.x)*0.4
			l.capsule(sx0, bodyTop+0.02*P, arm[1].x, arm[1].y, 0.032*P, cloth, 1)
			l.capsule(arm[1].x, arm[1].y, arm[2].x, arm[2].y, 0.029*P, cloth, 1)
			l.disc(arm[2].x, arm[2].y, 0.027*P, fs.lit(rgb{222, 176, 146}), 1)
		}
	}
	// Idle sway, plus the action's own lean: a dance rocks, a wave tilts.
	lean := p.lean + (j.hip.x-sx)/P*0.5 + 0.01*math.Sin(2*math.Pi*0.21*fs.t+a.phase)
	switch a.action {
	case scene.Dance:
		lean += 0.06 * math.Sin(2*math.Pi*1.05*fs.t+a.phase)
	case scene.Wave:
		lean += 0.025 * math.Sin(2*math.Pi*1.1*fs.t)
	}
	lift := env * 0.015 * P
	neck := top + c.neck*hs
	d := spriteDraw{
		s: a.spr, x: x, y: top, w: ws, h: hs * a.keep,
		shear: lean * 0.5, neck: neck, lift: lift, flip: dir < 0 && a.speed > 0,
	}
	l.sprite(d)
	if a.action == scene.Wave && !a.bust {
		// A whole-body picture cannot lift its own arm: a drawn arm in
		// the clothes' colour waves from its shoulder.
		side := 1.0
		if d.flip {
			side = -1
		}
		shx := x + (c.headX+side*c.headW*0.75)*ws
		shy := top + c.neck*hs*1.25
		ex, ey := shx+(j.elR.x-j.shR.x), shy+(j.elR.y-j.shR.y)
		hx, hy := ex+(j.handR.x-j.elR.x), ey+(j.handR.y-j.elR.y)
		cloth := fs.lit(c.cloth)
		l.capsule(shx, shy, ex, ey, 0.03*P, cloth, 1)
		l.capsule(ex, ey, hx, hy, 0.027*P, cloth, 1)
		l.disc(hx, hy, 0.028*P, fs.lit(rgb{222, 176, 146}), 1)
	}
	if env > 0.03 {
		mx := x + c.headX*ws
		if d.flip {
			mx = x + (1-c.headX)*ws
		}
		my := top + c.neck*hs*0.8 - lift
		mw := math.Max(1, c.headW*ws*0.13)
		l.ellipse(mx+lean*0.5*(top+hs-my), my, mw, math.Max(0.8, mw*1.1*env), rgb{70, 24, 30}, 0.9)
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
	hx, hy := j.handR.x, j.handR.y
	for _, h := range a.held {
		switch h.name {
		case "glass":
			drink := rgb{246, 214, 120} // champagne
			switch h.detail {
			case "wine":
				drink = rgb{120, 20, 40}
			case "beer":
				drink = rgb{230, 160, 40}
			case "cocktail":
				drink = rgb{240, 100, 120}
			}
			drink = fs.lit(drink)
			glass := fs.lit(rgb{220, 236, 240})
			gh := 0.11 * P
			l.capsule(hx, hy+0.01*P, hx, hy-0.03*P, 0.004*P, glass, 0.9)
			l.poly(glass, 0.55, false, pt{hx - 0.022*P, hy - gh}, pt{hx + 0.022*P, hy - gh}, pt{hx + 0.008*P, hy - 0.03*P}, pt{hx - 0.008*P, hy - 0.03*P})
			l.poly(drink, 0.85, false, pt{hx - 0.018*P, hy - gh*0.85}, pt{hx + 0.018*P, hy - gh*0.85}, pt{hx + 0.007*P, hy - 0.035*P}, pt{hx - 0.007*P, hy - 0.035*P})
			if P > 200 {
				for k := 0; k < 4; k++ {
					f := math.Mod(fs.t*0.8+float64(k)*0.25, 1)
					l.disc(hx+0.006*P*math.Sin(float64(k)*2.3), hy-0.035*P-f*gh*0.75, math.Max(0.6, 0.0025*P), rgb{255, 250, 230}, 0.8)
				}
			}
		case "umbrella":
			c := hsv(float64(h.seed%360), 0.7, 0.8).lit(fs.st.pal.subj)
			l.capsule(hx, hy+0.05*P, hx, hy-0.5*P, 0.008*P, rgb{40, 40, 40}, 1)
			cx, cy := hx, hy-0.5*P
			var pts [9]pt
			for k := range pts {
				ang := math.Pi + math.Pi*float64(k)/8
				pts[k] = pt{cx + math.Cos(ang)*0.33*P, cy + math.Sin(ang)*0.15*P}
			}
			l.poly(c, 1, false, pts[:]...)
		case "balloon":
			c := hsv(float64(h.seed%360), 0.8, 0.95).lit(fs.st.pal.subj)
			bx := hx + 0.05*P*math.Sin(fs.t*1.3)
			by := hy - 0.55*P
			l.capsule(hx, hy, bx, by+0.09*P, math.Max(0.4, 0.003*P), rgb{230, 230, 230}, 0.8)
			l.ellipse(bx, by, 0.08*P, 0.1*P, c, 1)
			l.disc(bx-0.03*P, by-0.04*P, 0.02*P, rgb{255, 255, 255}, 0.5)
		case "guitar":
			c := fs.lit(rgb{170, 100, 40})
			gx, gy := j.hip.x+0.02*P, j.hip.y-0.06*P
			l.ellipse(gx, gy, 0.09*P, 0.07*P, c, 1)
			l.disc(gx, gy-0.005*P, 0.02*P, rgb{30, 20, 14}, 1)
			l.capsule(gx, gy, gx-0.28*P, gy-0.18*P, 0.012*P, fs.lit(rgb{60, 36, 20}), 1)
		case "phone":
			l.rect(hx-0.012*P, hy-0.05*P, hx+0.012*P, hy, rgb{20, 20, 24}, 1)
		case "book":
			l.rect(hx-0.05*P, hy-0.06*P, hx+0.05*P, hy+0.01*P, hsv(float64(h.seed%360), 0.6, 0.6).lit(fs.st.pal.subj), 1)
		case "flowers":
			l.capsule(hx, hy+0.04*P, hx, hy-0.06*P, 0.006*P, fs.lit(rgb{60, 120, 50}), 1)
			for k := 0; k < 5; k++ {
				a := float64(k) * 1.26
				l.disc(hx+0.03*P*math.Cos(a), hy-0.08*P+0.02*P*math.Sin(a), 0.022*P, hsv(float64(h.seed%360)+float64(k)*30, 0.7, 0.95).lit(fs.st.pal.subj), 1)
			}
		case "candle", "sparkler", "lantern":
			l.capsule(hx, hy, hx, hy-0.06*P, 0.008*P, fs.lit(rgb{240, 236, 220}), 1)
			fs.fore.light(hx, hy-0.07*P, math.Max(1, 0.012*P), rgb{255, 220, 140}, 1)
			fs.front.glow(hx, hy-0.07*P, 0.25*P, rgb{255, 170, 80}, 0.45+0.1*math.Sin(fs.t*13))
		case "microphone":
			l.capsule(hx, hy, hx, hy-0.06*P, 0.009*P, rgb{30, 30, 34}, 1)
			l.disc(hx, hy-0.07*P, 0.016*P, rgb{90, 90, 96}, 1)
		case "kite":
			kx, ky := hx+0.8*P, hy-1.4*P+0.1*P*math.Sin(fs.t)
			l.capsule(hx, hy, kx, ky, math.Max(0.4, 0.002*P), rgb{230, 230, 230}, 0.7)
			c := hsv(float64(h.seed%360), 0.8, 0.95).lit(fs.st.pal.subj)
			l.poly(c, 1, false, pt{kx, ky - 0.12*P}, pt{kx + 0.08*P, ky}, pt{kx, ky + 0.14*P}, pt{kx - 0.08*P, ky})
		case "surfboard":
			c := hsv(float64(h.seed%360), 0.6, 0.95).lit(fs.st.pal.subj)
			l.ellipse(hx+0.05*P, hy-0.2*P, 0.06*P, 0.4*P, c, 1)
		case "ball":
			c := hsv(float64(h.seed%360), 0.8, 0.95).lit(fs.st.pal.subj)
			l.disc(hx+0.03*P, hy-0.02*P, 0.06*P, c, 1)
		default:
			if !fs.drawHeldMore(h, hx, hy, P) {
				c := hsv(float64(h.seed%360), 0.5, 0.7).lit(fs.st.pal.subj)
				l.rect(hx-0.04*P, hy-0.06*P, hx+0.04*P, hy+0.01*P, c, 1)
			}
		}
	}
}
