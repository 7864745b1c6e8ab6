package scene

import (
	"slices"

	"kino/engine"
	"kino/project"
)

// key names an excludable value: a weather, an effect, a subject name...
type key struct {
	kind featKind
	val  string
}

// resolver turns what a reader collected into a resolved Plan.
type resolver struct {
	r   *reader // the prompt
	neg *reader // the negative prompt, or nil
	req *engine.Request
	ex  map[key]bool
	p   Plan
	ids []int // plan subject index → reader subject id
	idx []int // reader subject id → plan subject index, -1 when removed

	stormy bool // a storm was asked for, even if rain or lightning were then excluded
	byWord bool // a word chose the setting (not the default field)
}

func resolve(pos, neg *reader, req *engine.Request) Plan {
	v := &resolver{r: pos, neg: neg, req: req, ex: map[key]bool{}}
	v.p.Language = pos.lang.String()
	for _, rd := range []*reader{pos, neg} {
		if rd == nil {
			continue
		}
		for i := range rd.ms {
			// Only what a word names outright is excluded: "no fireworks"
			// does not exclude the night that fireworks imply.
			if m := &rd.ms[i]; m.neg && !m.feat.weak {
				v.ex[key{m.feat.kind, m.feat.val}] = true
				m.applied = true
			}
		}
	}
	v.subjects()
	v.weatherAndEffects()
	v.setting()
	v.indoors()
	v.parts()
	v.sounds()
	v.timeOfDay()
	v.camera()
	v.style()
	v.mood()
	v.holds()
	v.p.Used, v.p.Ignored = v.words()
	return v.p
}

// eligible reports whether mention m may shape the plan: it is not an
// exclusion, its value is not excluded, and if it is only implied, the
// word that implied it took effect ("fireworks" imply night only if the
// fireworks stay).
func (v *resolver) eligible(m *mention) bool {
	if m.neg || v.ex[key{m.feat.kind, m.feat.val}] {
		return false
	}
	if !m.feat.weak {
		return true
	}
	strong := false
	for _, mi := range v.r.termMs(m.term) {
		o := &v.r.ms[mi]
		if !o.feat.weak && o.feat.kind != fPart { // a part of the scenery does not gate the place it implies
			strong = true
			if o.applied {
				return true
			}
		}
	}
	return !strong
}

// pick returns the value of the first eligible mention of kind: an
// explicit one if any, else an implied one.
func (v *resolver) pick(kind featKind) (val string, weak, ok bool) {
	for _, wantWeak := range []bool{false, true} {
		for i := range v.r.ms {
			m := &v.r.ms[i]
			if m.feat.kind == kind && m.feat.weak == wantWeak && v.eligible(m) {
				return m.feat.val, wantWeak, true
			}
		}
	}
	return "", false, false
}

// mark sets applied on the eligible mentions of kind whose value is val
// (implied ones only when the value came from an implication).
func (v *resolver) mark(kind featKind, val string, weak bool) {
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if m.feat.kind == kind && m.feat.val == val && (!m.feat.weak || weak) && v.eligible(m) {
			m.applied = true
		}
	}
}

// subjects finishes the subject list: every cast cameo, exclusions,
// actions, dialogue, defaults and who holds what.
func (v *resolver) subjects() {
	r := v.r
	for ci, c := range v.req.Cast {
		if r.handles[c.Handle] == ci && r.castSubj[ci] < 0 {
			r.cameo(ci, len(r.toks))
		}
	}
	for k := range r.subs {
		s := &r.subs[k]
		if s.ref == "" && (v.ex[key{fSubject, s.Name}] || s.Kind == KindPerson && v.ex[key{fSubject, "person"}]) {
			s.removed = true
		}
	}
	// Actions that found no subject go to everyone without one, or to a
	// person of their own when nobody is there ("walking in the rain").
	var orphans []int
	for _, mi := range r.orphans {
		if !v.ex[key{fAction, r.ms[mi].feat.val}] {
			orphans = append(orphans, mi)
		}
	}
	if len(orphans) > 0 {
		var targets []int
		anyone := false
		for k := range r.subs {
			if s := &r.subs[k]; !s.removed && s.animate() {
				anyone = true
				if s.actionBy < 0 {
					targets = append(targets, k)
				}
			}
		}
		if !anyone {
			targets = append(targets, r.newSubj(subj{Subject: Subject{Kind: KindPerson, Name: "person", Count: 1}, cast: -1, tok: len(r.toks)}))
		}
		for _, id := range targets { // the first action wins, as for everyone
			r.assign(id, orphans[0])
		}
	}
	speaks := map[string]bool{}
	for _, l := range v.req.Dialogue {
		if !l.Narrator {
			speaks[l.Speaker] = true
		}
	}
	idx := make([]int, len(r.subs))
	n := 0
	for k := range r.subs {
		s := &r.subs[k]
		if s.removed {
			idx[k] = -1
			continue
		}
		idx[k] = n
		n++
		if s.actionBy >= 0 && v.ex[key{fAction, string(s.Action)}] {
			s.actionBy, s.Action = -1, ""
		}
		if s.actionBy >= 0 {
			r.ms[s.actionBy].applied = true
		} else if s.Kind == KindCameo && speaks[s.Handle] {
			s.Action = Talk
		}
		if s.Action == "" {
			s.Action = Stand
		}
		s.Count = max(1, min(s.Count, MaxCount))
		if s.detailBy >= 0 {
			r.ms[s.detailBy].applied = true
		}
	}
	v.p.Subjects = make([]Subject, 0, n)
	v.idx, v.ids = idx, make([]int, 0, n)
	for k := range r.subs {
		s := &r.subs[k]
		if s.removed {
			continue
		}
		v.ids = append(v.ids, k)
		out := s.Subject
		out.HeldBy = -1
		if s.wantHolder {
			if h := v.holder(k); h >= 0 {
				out.HeldBy = idx[h]
			}
		}
		v.p.Subjects = append(v.p.Subjects, out)
	}
	for i := range r.ms {
		m := &r.ms[i]
		switch m.feat.kind {
		case fSubject, fSelf, fCount, fColor, fAge, fWear:
			if !m.neg && m.subj >= 0 && !r.subs[m.subj].removed {
				m.applied = true
			}
		}
	}
}

// holder picks who holds prop k: the person it was said to belong to, else
// the last person named before it, else the first one named after it.
func (v *resolver) holder(k int) int {
	r := v.r
	p := &r.subs[k]
	if h := p.holderPref; h >= 0 && !r.subs[h].removed && r.subs[h].human() {
		return h
	}
	before, after := -1, -1
	for h := range r.subs {
		s := &r.subs[h]
		if s.removed || !s.human() {
			continue
		}
		if s.tok <= p.tok {
			if before < 0 || s.tok >= r.subs[before].tok {
				before = h
			}
		} else if after < 0 || s.tok < r.subs[after].tok {
			after = h
		}
	}
	if before >= 0 {
		return before
	}
	return after
}

var weatherStrength = map[string]int{"": 0, string(Clear): 1, string(Clouds): 2, string(Fog): 3, string(Rain): 4, string(Snow): 5, string(Storm): 6}

// weatherAndEffects resolves the sky: the strongest weather named
// (a storm beats rain beats clouds), lightning as a storm, and the effects
// in the order they were named.
func (v *resolver) weatherAndEffects() {
	best := ""
	lightning := false
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if !v.eligible(m) {
			continue
		}
		switch m.feat.kind {
		case fWeather:
			if weatherStrength[m.feat.val] > weatherStrength[best] {
				best = m.feat.val
			}
		case fEffect:
			lightning = lightning || m.feat.val == string(Lightning)
		}
	}
	if lightning && !v.ex[key{fWeather, string(Storm)}] {
		best = string(Storm)
	}
	v.stormy = best == string(Storm)
	if v.stormy && v.ex[key{fWeather, string(Rain)}] {
		best = string(Clouds) // a dry thunderstorm
	}
	if v.stormy && v.ex[key{fEffect, string(Lightning)}] {
		best = string(Rain)
		if v.ex[key{fWeather, string(Rain)}] {
			best = string(Clouds)
		}
	}
	if best == "" {
		best = string(Clear)
	}
	v.p.Weather = Weather(best)

	v.p.Effects = []Effect{}
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if m.feat.kind == fEffect && v.eligible(m) && !v.p.Has(Effect(m.feat.val)) {
			v.p.Effects = append(v.p.Effects, Effect(m.feat.val))
		}
	}
	if v.stormy && !v.ex[key{fEffect, string(Lightning)}] && !v.p.Has(Lightning) {
		v.p.Effects = append(v.p.Effects, Lightning)
	}
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if !v.eligible(m) {
			continue
		}
		switch m.feat.kind {
		case fEffect:
			m.applied = v.p.Has(Effect(m.feat.val))
		case fWeather:
			m.applied = m.feat.val == best || m.feat.val == string(Storm) && v.stormy && v.p.Has(Lightning)
		}
	}
}

func (v *resolver) setting() {
	val, _, ok := v.pick(fSetting)
	// A scene heading's INT. or EXT. prefers a place of its kind: "INT.
	// HARBOUR BAR" is the bar, "EXT. CHURCH" the churchyard.
	if in, _, said := v.pick(fIndoor); said && ok {
		want := in == "in"
		fits := func(s Setting) bool { return s.HasInside() || s.Indoors() == want }
		if !fits(Setting(val)) {
			for _, wantWeak := range []bool{false, true} {
				found := false
				for i := range v.r.ms {
					m := &v.r.ms[i]
					if m.feat.kind == fSetting && m.feat.weak == wantWeak && v.eligible(m) && fits(Setting(m.feat.val)) {
						val, found = m.feat.val, true
						break
					}
				}
				if found {
					break
				}
			}
		}
	}
	switch {
	case ok:
		v.p.Setting = Setting(val)
		v.mark(fSetting, val, true) // the place's own things agree with it: "counter" in a bar
		if Setting(val).Indoors() {
			// Any room is in a house, an apartment, a building: the
			// generic words for one agree with it.
			v.mark(fSetting, string(SettingInterior), true)
		}
		v.byWord = true
	case v.p.Weather == Snow && !v.ex[key{fSetting, string(SettingSnow)}]:
		v.p.Setting = SettingSnow
	default:
		v.p.Setting = SettingField
	}
}

// indoors settles whether the scene is inside or out. INT. or "inside"
// on a road puts the camera in the car (and EXT. in a car on the road);
// INT. with no place named is a room. A setting drawn both ways follows
// what was said; any other keeps its own.
func (v *resolver) indoors() {
	val, weak, ok := v.pick(fIndoor)
	in := val == "in"
	switch {
	case !ok:
	case in && v.p.Setting == SettingRoad:
		v.p.Setting = SettingCar
	case !in && v.p.Setting == SettingCar:
		v.p.Setting = SettingRoad
	case in && !v.byWord:
		v.p.Setting = SettingInterior
	}
	v.p.Indoors = v.p.Setting.Indoors()
	switch {
	case ok && v.p.Setting.HasInside():
		v.p.Indoors = in
	case v.p.Setting == SettingTrain && v.hasSubject("train"):
		v.p.Indoors = false // "a train roars past": seen from outside
	}
	if ok && in == v.p.Indoors {
		v.mark(fIndoor, val, weak)
	}
}

// holds marks "holding", "trägt" used when someone holds something.
func (v *resolver) holds() {
	held := false
	for _, s := range v.p.Subjects {
		held = held || s.HeldBy >= 0
	}
	for i := range v.r.ms {
		if m := &v.r.ms[i]; m.feat.kind == fHold && held && !m.neg {
			m.applied = true
		}
	}
}

// parts marks the parts of the scenery the prompt named that the
// setting shows.
func (v *resolver) parts() {
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if m.feat.kind == fPart && v.eligible(m) && Shows(v.p.Setting, v.p.Indoors, m.feat.val) {
			m.applied = true
		}
	}
}

// sounds lists the spot sounds named, in order, each once.
func (v *resolver) sounds() {
	v.p.Sounds = []Sound{}
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if m.feat.kind != fSound || !v.eligible(m) {
			continue
		}
		m.applied = true
		if s := Sound(m.feat.val); !slices.Contains(v.p.Sounds, s) {
			v.p.Sounds = append(v.p.Sounds, s)
		}
	}
}

func (v *resolver) hasSubject(name string) bool {
	for _, s := range v.p.Subjects {
		if s.Name == name {
			return true
		}
	}
	return false
}

func (v *resolver) timeOfDay() {
	val, weak, ok := v.pick(fTime)
	if !ok {
		v.p.Time = Day
		return
	}
	v.p.Time = TimeOfDay(val)
	v.mark(fTime, val, weak)
}

func (v *resolver) camera() {
	if m := v.req.Camera.Move; m != project.MoveAuto {
		v.p.Camera.Move = m
	} else if val, _, ok := v.pick(fMove); ok {
		v.p.Camera.Move = project.CameraMove(val)
		v.mark(fMove, val, false)
	} else {
		v.p.Camera.Move = project.MoveStatic
	}
	if s := v.req.Camera.Size; s != project.SizeAuto {
		v.p.Camera.Size = s
	} else if val, _, ok := v.pick(fSize); ok {
		v.p.Camera.Size = project.ShotSize(val)
		v.mark(fSize, val, false)
	} else if v.p.Camera.Move == project.MoveAerial {
		v.p.Camera.Size = project.SizeWide
	} else if v.hasPeople() {
		v.p.Camera.Size = project.SizeMedium
	} else {
		v.p.Camera.Size = project.SizeWide
	}
}

func (v *resolver) hasPeople() bool {
	for _, s := range v.p.Subjects {
		if s.Kind == KindCameo || s.Kind == KindPerson {
			return true
		}
	}
	return false
}

func (v *resolver) style() {
	if s := v.req.Style; s != project.StyleAuto {
		v.p.Style = s
		return
	}
	if val, _, ok := v.pick(fStyle); ok {
		v.p.Style = project.Style(val)
		v.mark(fStyle, val, false)
	}
}

// moodOrder breaks ties between equally strong moods.
var moodOrder = []Mood{Festive, Romantic, Tense, Epic, Playful, Melancholy, Calm}

// Mood weights: a mood named outright, a word that leans towards one, and
// what the rest of the plan suggests.
const (
	moodNamed = 5
	moodHint  = 2
)

var (
	effectMood = map[Effect]struct {
		m Mood
		w int
	}{Fireworks: {Festive, 3}, Confetti: {Festive, 3}, Bubbles: {Playful, 2}, Stars: {Romantic, 1}, Lightning: {Tense, 2}, Fire: {Tense, 1}}
	weatherMood = map[Weather]struct {
		m Mood
		w int
	}{Storm: {Tense, 3}, Rain: {Melancholy, 2}, Fog: {Tense, 1}, Snow: {Calm, 1}}
	settingMood = map[Setting]struct {
		m Mood
		w int
	}{SettingMountains: {Epic, 2}, SettingSpace: {Epic, 2}, SettingStage: {Festive, 2}, SettingDesert: {Epic, 1}, SettingForest: {Calm, 1}, SettingUnderwater: {Calm, 1}, SettingBeach: {Calm, 1}, SettingPark: {Playful, 1}}
	timeMood = map[TimeOfDay]struct {
		m Mood
		w int
	}{GoldenHour: {Romantic, 1}, Dusk: {Melancholy, 1}, Dawn: {Calm, 1}}
	styleMood = map[project.Style]struct {
		m Mood
		w int
	}{project.StyleNoir: {Tense, 2}, project.StyleCartoon: {Playful, 2}, project.StyleNeon: {Festive, 1}, project.StyleVintage: {Melancholy, 1}}
)

// mood scores every mood from the words and the resolved plan and picks
// the strongest; Calm when nothing leans anywhere.
func (v *resolver) mood() {
	score := map[Mood]int{}
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if m.feat.kind != fMood || !v.eligible(m) {
			continue
		}
		if m.feat.weak {
			score[Mood(m.feat.val)] += moodHint
		} else {
			score[Mood(m.feat.val)] += moodNamed
		}
	}
	for _, e := range v.p.Effects {
		if x, ok := effectMood[e]; ok {
			score[x.m] += x.w
		}
	}
	if x, ok := weatherMood[v.p.Weather]; ok {
		score[x.m] += x.w
	}
	if x, ok := settingMood[v.p.Setting]; ok {
		score[x.m] += x.w
	}
	if x, ok := timeMood[v.p.Time]; ok {
		score[x.m] += x.w
	}
	if x, ok := styleMood[v.p.Style]; ok {
		score[x.m] += x.w
	}
	if v.p.Camera.Move == project.MoveAerial {
		score[Epic]++
	}
	pets := false
	for _, s := range v.p.Subjects {
		switch {
		case s.Action == Dance:
			score[Festive] += 2
		case s.Kind == KindProp && s.Name == "glass" && s.Detail == "champagne":
			score[Festive]++
		case s.Kind == KindAnimal && (s.Name == "dog" || s.Name == "cat") && !pets:
			score[Playful]++
			pets = true
		}
	}
	v.p.Mood = Calm
	best := 0
	for _, m := range moodOrder {
		if v.ex[key{fMood, string(m)}] {
			continue
		}
		if score[m] > best {
			v.p.Mood, best = m, score[m]
		}
	}
	for i := range v.r.ms {
		m := &v.r.ms[i]
		if m.feat.kind == fMood && m.feat.val == string(v.p.Mood) && v.eligible(m) {
			m.applied = true
		}
	}
}
