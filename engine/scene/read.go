package scene

import (
	"slices"
	"strconv"
	"strings"

	"kino/engine"
	"kino/project"
)

// subj is a subject while the prompt is being read.
type subj struct {
	Subject
	ref        string // "self", the @handle of a cameo or stand-in, "" for generic
	self       bool   // the person the prompt calls "I"
	cast       int    // index into the request's cast, -1
	tok        int    // token of the first mention (len(tokens) for unmentioned cast)
	counted    bool   // a number word gave the count
	actionBy   int    // mention that set the action, -1 for none
	detailBy   int    // mention that set the detail, -1 for none
	wantHolder bool   // a prop someone holds
	holderPref int    // subject that holds it, -1 to decide later
	removed    bool
	label      string // the name a person was called by ("Martha")
}

func (s *subj) animate() bool {
	return s.Kind == KindCameo || s.Kind == KindPerson || s.Kind == KindAnimal || s.Kind == KindProp && IsVehicle(s.Name)
}

// IsVehicle reports whether a prop name is a vehicle: it drives, sails or
// flies when the prompt says it moves.
func IsVehicle(name string) bool {
	switch name {
	case "car", "taxi", "truck", "bus", "police car", "tractor", "motorcycle", "bicycle", "boat", "ship", "plane", "helicopter", "train":
		return true
	}
	return false
}

func (s *subj) human() bool { return s.Kind == KindCameo || s.Kind == KindPerson }

// mention is one meaning a term contributed.
type mention struct {
	feat    feature
	neg     bool // an exclusion ("no rain", or from the negative prompt)
	subj    int  // the subject it is about, -1
	term    int
	applied bool // it shaped the final plan
}

// term is a word or phrase of the prompt that the lexicon knows. Its
// mentions are r.tm[m0 : m0+mn], kept together in one shared slice.
type term struct {
	from, to int // token range
	m0, mn   int
}

// termMs returns the mentions of term ti.
func (r *reader) termMs(ti int) []int {
	t := &r.terms[ti]
	return r.tm[t.m0 : t.m0+t.mn]
}

// genericKey finds a generic subject: every "dog" of a prompt is one
// subject with a count.
type genericKey struct {
	kind SubjectKind
	name string
}

// reader reads one prompt's tokens into mentions, terms and subjects.
type reader struct {
	src      string
	toks     []token
	lang     lang
	negative bool // the negative prompt: everything named is excluded
	req      *engine.Request

	ms    []mention
	terms []term
	tm    []int // the terms' mentions
	subs  []subj

	selfID   int
	castSubj []int          // cast index → subject id, -1
	handles  map[string]int // "@handle" → cast index
	names    map[string]int // folded first name → cast index
	standIns map[string]int // unknown "@handle" → subject id
	generic  map[genericKey]int

	group      []int // animate subjects since the last verb or clause break
	closed     bool  // a place, prop or the like followed the group: a new subject starts a new group
	lastGroup  []int // the group the last verb went to
	pendingAct int   // an action word still waiting for its subject, -1
	lastAct    int   // the action the last group took in this clause, -1
	pendingHit bool  // the pending action reached a subject
	orphans    []int // actions that never found a subject

	countN, countAt, countTo int // a number word waiting for its noun; countAt -1 for none
	negAt                    int // the last negation word, -1
	holdAt                   int // the last "with"/"holding", -1
	possAt                   int // the last possessive, -1
	possSelf                 bool
	lastPerson               int            // the person or cameo mentioned last, -1
	lastAnimateTok           int            // token of the last animate mention, -1
	colorMi, colorAt         int            // a colour word waiting for its subject (mention, token), -1
	ageMi, ageAt             int            // an age word waiting for its person, -1
	named                    map[string]int // folded first name → subject id
	lastFx                   feature        // the effect or weather named last
	lastFxTok                int            // its token, -1
	lastProp, lastPropTok    int            // the prop named last and its token, -1
	caps                     bool           // the prompt is written mostly in capitals (a scene heading)
	headEnd                  int            // the token after a scene heading, 0 for none
}

func newReader(src string, toks []token, l lang, req *engine.Request, negative bool) *reader {
	r := &reader{src: src, toks: toks, lang: l, negative: negative, req: req,
		selfID: -1, pendingAct: -1, lastAct: -1, countAt: -1, negAt: -1, holdAt: -1, possAt: -1, lastPerson: -1, lastAnimateTok: -1,
		colorMi: -1, colorAt: -1, ageMi: -1, ageAt: -1, lastFxTok: -1, lastProp: -1, lastPropTok: -1,
		ms: make([]mention, 0, len(toks)/2+4), terms: make([]term, 0, len(toks)/2+4), tm: make([]int, 0, len(toks)+8)}
	// A scene heading (INT. PLACE - TIME.) opens many screenplay lines;
	// capitals after it mean a character's name unless the rest is all
	// capitals too.
	head := 0
	if len(toks) > 0 && isHeadingMark(toks[0].norm) {
		head = 1
		for head < len(toks) && (head <= 2 || !toks[head].stop) {
			head++
		}
	}
	r.headEnd = head
	if head == len(toks) {
		head = 0
	}
	upper, words := 0, 0
	for i := head; i < len(toks); i++ {
		if toks[i].word && !toks[i].handle && toks[i].num < 0 {
			words++
			if toks[i].caps {
				upper++
			}
		}
	}
	r.caps = upper*2 > words
	if len(req.Cast) > 0 {
		r.castSubj = make([]int, len(req.Cast))
		r.handles = make(map[string]int, len(req.Cast))
		r.names = make(map[string]int, len(req.Cast))
		var buf []byte
		for i, c := range req.Cast {
			r.castSubj[i] = -1
			if _, dup := r.handles[c.Handle]; !dup {
				r.handles[c.Handle] = i
			}
			if f := strings.Fields(c.Name); len(f) > 0 {
				first := fold(f[0], &buf)
				if _, dup := r.names[first]; !dup && len(first) >= 2 && stopMask[first] == 0 {
					r.names[first] = i
				}
			}
		}
	}
	return r
}

// read walks the tokens once.
func (r *reader) read() {
	for i := 0; i < len(r.toks); {
		t := &r.toks[i]
		if t.stop {
			r.endClause()
		} else if t.comma {
			r.countAt, r.negAt = -1, -1
		}
		if t.handle {
			r.handleMention(i)
			i++
			continue
		}
		if n := r.phrase(i); n > i {
			i = n
			continue
		}
		if n := r.castName(i); n > i {
			i = n
			continue
		}
		if e := lex.exact(t.norm, r.lang); e != nil {
			i = r.apply(e, e.plural, i, i+1)
			continue
		}
		if t.num >= 0 {
			r.countN, r.countAt, r.countTo = t.num, i, i+1
			i++
			continue
		}
		if isStop(t.norm, r.lang) || !t.word {
			i++
			continue
		}
		if e, plural := lex.inflected(t.norm, r.lang); e != nil {
			i = r.apply(e, plural, i, i+1)
			continue
		}
		if r.lang == de {
			if e, plural := lex.compound(t.norm); e != nil {
				i = r.apply(e, plural, i, i+1)
				continue
			}
		}
		if n := r.character(i); n > i {
			i = n
			continue
		}
		i++
	}
	r.endClause()
}

// character reads a capitalised first name ("Anna", "MARTHA") as a person,
// and in an action line an unknown word in capitals (a screenplay's
// character introduced by name) as a person too.
func (r *reader) character(i int) int {
	t := &r.toks[i]
	if !t.upper || t.handle || t.num >= 0 || r.negative {
		return i
	}
	who, ok := firstNames[t.norm]
	if !ok {
		if !t.caps || r.caps || len(t.norm) < 3 || i < r.headEnd {
			return i
		}
		who = "person"
	}
	if r.named == nil {
		r.named = map[string]int{}
	}
	id, seen := r.named[t.norm]
	if !seen {
		id = r.newSubj(subj{Subject: Subject{Kind: KindPerson, Name: who, Count: 1}, cast: -1, tok: i, label: r.src[t.start:t.end]})
		r.named[t.norm] = id
	}
	ti := r.addTerm(i, i+1)
	f := person(who, 1)
	r.addMention(ti, mention{feat: f, subj: id})
	r.attach(id, i)
	r.animateSeen(id, i)
	return i + 1
}

// attach gives subject id the colour and age words waiting for it.
func (r *reader) attach(id, tok int) {
	s := &r.subs[id]
	if r.colorAt >= 0 && tok-r.colorAt <= 3 {
		s.Color = r.ms[r.colorMi].feat.val
		r.ms[r.colorMi].subj = id
		r.colorAt = -1
	}
	if r.ageAt >= 0 && tok-r.ageAt <= 3 && s.human() {
		s.Age = r.ms[r.ageMi].feat.n
		r.ms[r.ageMi].subj = id
		r.ageAt = -1
	}
}

// phrase applies the longest known phrase starting at token i and returns
// the token after it, or i when none matches.
func (r *reader) phrase(i int) int {
	n := lex.phraseLen[r.toks[i].norm]
	if n == 0 {
		return i
	}
	if n > len(r.toks)-i {
		n = len(r.toks) - i
	}
	var buf [96]byte
	for l := n; l >= 2; l-- {
		key := buf[:0]
		ok := true
		for k := i; k < i+l; k++ {
			if k > i {
				// A heading's "INT./EXT." reads as one term.
				if (r.toks[k].stop || r.toks[k].comma) && !isHeadingMark(r.toks[k-1].norm) {
					ok = false
					break
				}
				key = append(key, ' ')
			}
			key = append(key, r.toks[k].norm...)
		}
		if !ok {
			continue
		}
		if e := lex.phrases[string(key)]; e != nil && (!e.only || e.lang == r.lang) {
			return r.apply(e, e.plural, i, i+l)
		}
	}
	return i
}

// castName reads a cast cameo's name ("Anna", "Anna Berg") as the cameo.
func (r *reader) castName(i int) int {
	if len(r.names) == 0 || !r.toks[i].word || !r.toks[i].upper {
		return i
	}
	ci, ok := r.names[r.toks[i].norm]
	if !ok {
		return i
	}
	end := i + 1
	var buf []byte
	rest := strings.Fields(r.req.Cast[ci].Name)
	for k := 1; k < len(rest) && end < len(r.toks); k++ {
		if fold(rest[k], &buf) != r.toks[end].norm || r.toks[end].stop || r.toks[end].comma {
			break
		}
		end++
	}
	if r.negative {
		r.addTerm(i, end) // cast cameos are never excluded
		return end
	}
	id := r.cameo(ci, i)
	ti := r.addTerm(i, end)
	r.addMention(ti, mention{feat: feature{kind: fSubject}, subj: id})
	r.animateSeen(id, end-1)
	return end
}

// handleMention reads an @handle: a cast cameo, or a stand-in person.
func (r *reader) handleMention(i int) {
	t := &r.toks[i]
	ti := r.addTerm(i, i+1)
	if r.negative {
		return
	}
	var id int
	if ci, ok := r.handles[t.norm]; ok {
		id = r.cameo(ci, i)
	} else {
		if r.standIns == nil {
			r.standIns = map[string]int{}
		}
		var seen bool
		if id, seen = r.standIns[t.norm]; !seen {
			id = r.newSubj(subj{Subject: Subject{Kind: KindPerson, Name: "person", Count: 1}, ref: t.norm, cast: -1, tok: i})
			r.standIns[t.norm] = id
		}
	}
	r.addMention(ti, mention{feat: feature{kind: fSubject}, subj: id})
	r.animateSeen(id, i)
}

func (r *reader) addTerm(from, to int) int {
	r.terms = append(r.terms, term{from: from, to: to})
	return len(r.terms) - 1
}

func (r *reader) addMention(ti int, m mention) int {
	m.term = ti
	r.ms = append(r.ms, m)
	mi := len(r.ms) - 1
	t := &r.terms[ti]
	switch {
	case t.mn == 0:
		t.m0 = len(r.tm)
	case t.m0+t.mn != len(r.tm):
		// Another term took mentions since: move this term's to the end.
		r.tm = append(r.tm, r.tm[t.m0:t.m0+t.mn]...)
		t.m0 = len(r.tm) - t.mn
	}
	r.tm = append(r.tm, mi)
	t.mn++
	return mi
}

func (r *reader) newSubj(s subj) int {
	s.HeldBy = -1
	s.actionBy, s.detailBy, s.holderPref = -1, -1, -1
	r.subs = append(r.subs, s)
	return len(r.subs) - 1
}

// cameo returns the subject of cast cameo ci, creating it on first mention.
func (r *reader) cameo(ci, tok int) int {
	if id := r.castSubj[ci]; id >= 0 {
		return id
	}
	c := &r.req.Cast[ci]
	name := c.Name
	if name == "" {
		name = strings.TrimPrefix(c.Handle, "@")
	}
	id := r.newSubj(subj{Subject: Subject{Kind: KindCameo, Name: name, Handle: c.Handle, Count: 1}, ref: c.Handle, self: c.IsSelf, cast: ci, tok: tok})
	r.castSubj[ci] = id
	if c.IsSelf && r.selfID < 0 {
		r.selfID = id
	}
	return id
}

// self returns the subject the prompt calls "I": the IsSelf cameo, or a
// generic person.
func (r *reader) self(tok int) int {
	if r.selfID >= 0 {
		return r.selfID
	}
	for ci, c := range r.req.Cast {
		if c.IsSelf {
			return r.cameo(ci, tok)
		}
	}
	r.selfID = r.newSubj(subj{Subject: Subject{Kind: KindPerson, Name: "person", Count: 1}, ref: "self", self: true, cast: -1, tok: tok})
	return r.selfID
}

// animateSeen records that animate subject id was mentioned at token tok:
// it joins the current group and takes a waiting action.
func (r *reader) animateSeen(id, tok int) {
	s := &r.subs[id]
	if !s.animate() {
		return
	}
	if r.closed && len(r.group) > 0 {
		// "me and @ben on a boat, I wave": only I wave.
		r.lastGroup = append(r.lastGroup[:0], r.group...)
		r.group = r.group[:0]
	}
	r.closed = false
	if n := len(r.group); n == 0 || r.group[n-1] != id {
		r.group = append(r.group, id)
	}
	r.lastAnimateTok = tok
	if s.human() {
		r.lastPerson = id
	}
	switch {
	case r.pendingAct >= 0:
		r.assign(id, r.pendingAct)
		r.pendingHit = true
	case r.lastAct >= 0 && (r.holdAt >= 0 && tok-r.holdAt <= 3 || r.possAt >= 0 && tok-r.possAt <= 2):
		// A companion: "a man walks with a dog", "walking her dog" — the dog walks too.
		r.assign(id, r.lastAct)
	}
}

// assign gives subject id the action of mention mi unless it already has one.
func (r *reader) assign(id, mi int) {
	s := &r.subs[id]
	if !s.animate() || s.actionBy >= 0 {
		return
	}
	s.Action = Action(r.ms[mi].feat.val)
	s.actionBy = mi
}

// endClause closes a clause: an action still waiting goes to the people
// of the previous clause, or waits for the end of the prompt.
func (r *reader) endClause() {
	if r.pendingAct >= 0 && !r.pendingHit {
		if len(r.lastGroup) > 0 {
			for _, id := range r.lastGroup {
				r.assign(id, r.pendingAct)
			}
		} else if len(r.group) > 0 {
			for _, id := range r.group {
				r.assign(id, r.pendingAct)
			}
		} else {
			r.orphans = append(r.orphans, r.pendingAct)
		}
	}
	if len(r.group) > 0 {
		r.lastGroup = append(r.lastGroup[:0], r.group...)
		r.group = r.group[:0]
	}
	r.pendingAct, r.pendingHit, r.closed, r.lastAct = -1, false, false, -1
	r.countAt, r.negAt, r.holdAt, r.possAt = -1, -1, -1, -1
	r.colorAt, r.ageAt = -1, -1
}

// negated reports whether a term starting at token from is negated, and
// from where its text starts.
func (r *reader) negated(from int) (bool, int) {
	if r.negative {
		return true, from
	}
	if r.negAt >= 0 && from-r.negAt <= 3 {
		at := r.negAt
		r.negAt = -1
		// "no rain or snow", "ohne Regen und Nebel": the next word is excluded too.
		if from+1 < len(r.toks) {
			switch r.toks[from+1].norm {
			case "or", "nor", "and", "oder", "und", "noch":
				r.negAt = from + 1
			}
		}
		return true, at
	}
	return false, from
}

// apply reads a lexicon entry found at tokens [from, to) and returns the
// token after everything it consumed.
func (r *reader) apply(e *entry, plural bool, from, to int) int {
	if e.function {
		r.applyFunction(e, from, to)
		return to
	}
	if len(e.feats) == 1 && e.feats[0].kind == fSpecial {
		return r.applySpecial(e.feats[0].val, from, to)
	}
	neg, start := r.negated(from)
	// Camera moves that take a direction read ahead first, so the term
	// covers "pan to the left".
	for _, f := range e.feats {
		if f.kind == fMove && isMoveBase(f.val) {
			var mv project.CameraMove
			mv, to = r.direction(f.val, to)
			f.val = string(mv)
			ti := r.addTerm(start, to)
			r.addMention(ti, mention{feat: f, neg: neg, subj: -1})
			return to
		}
	}
	ti := r.addTerm(start, to)
	made := -1 // the subject this entry made, for withAction
	for _, f := range e.feats {
		switch f.kind {
		case fSubject:
			if neg {
				r.addMention(ti, mention{feat: f, neg: true, subj: -1})
				continue
			}
			made = r.subject(f, plural, from, to)
			r.addMention(ti, mention{feat: f, subj: made})
		case fSelf:
			if neg {
				continue // "not me" excludes nothing: the cast is explicit
			}
			id := r.self(from)
			r.addMention(ti, mention{feat: f, subj: id})
			if f.flag&flagPoss != 0 {
				r.possAt, r.possSelf = to-1, true
			} else {
				r.animateSeen(id, to-1)
			}
		case fAction:
			if neg {
				r.addMention(ti, mention{feat: f, neg: true, subj: -1})
				continue
			}
			if f.flag&flagAction == 0 && r.describesFx(from) {
				// "sparks drifting": the action is the effect's.
				r.addMention(ti, mention{feat: r.lastFx, subj: -1})
				continue
			}
			mi := r.addMention(ti, mention{feat: f, subj: -1})
			if f.flag&flagAction != 0 {
				if made >= 0 {
					r.assign(made, mi)
				}
				continue
			}
			r.action(mi)
		case fHold:
			r.holdAt = to - 1
			r.addMention(ti, mention{feat: f, subj: -1})
		case fDrink:
			if neg {
				r.addMention(ti, mention{feat: prop("glass", inHand), neg: true, subj: -1})
				continue
			}
			r.drink(ti, f, from, to)
		case fColor:
			mi := r.addMention(ti, mention{feat: f, neg: neg, subj: -1})
			if !neg {
				r.colorMi, r.colorAt = mi, to-1
			}
		case fAge:
			mi := r.addMention(ti, mention{feat: f, neg: neg, subj: -1})
			if neg {
				continue
			}
			// "MARTHA, 60s": the age of the person just named.
			if p := r.lastPerson; p >= 0 && r.lastAnimateTok >= from-2 && r.subs[p].Age == 0 && r.subs[p].human() {
				r.subs[p].Age = f.n
				r.ms[mi].subj = p
				continue
			}
			r.ageMi, r.ageAt = mi, to-1
		case fWear:
			mi := r.addMention(ti, mention{feat: f, neg: neg, subj: -1})
			if neg || r.lastPerson < 0 {
				continue
			}
			p := &r.subs[r.lastPerson]
			r.ms[mi].subj = r.lastPerson
			if !slices.Contains(p.Wears, f.val) {
				p.Wears = append(p.Wears, f.val)
			}
			if r.colorAt >= 0 && from-r.colorAt <= 3 {
				p.Color = r.ms[r.colorMi].feat.val
				r.ms[r.colorMi].subj = r.lastPerson
				r.colorAt = -1
			}
		default:
			r.addMention(ti, mention{feat: f, neg: neg, subj: -1})
			r.closed = true
			if !neg && (f.kind == fEffect || f.kind == fWeather) {
				r.lastFx, r.lastFxTok = f, to-1
			}
		}
	}
	return to
}

// describesFx reports whether a word at token from describes the effect
// or weather just named rather than someone's action: it follows it
// closely, in the same clause, with nobody named in between.
func (r *reader) describesFx(from int) bool {
	return r.lastFxTok >= 0 && from-r.lastFxTok <= 4 && len(r.group) == 0 && r.lastAnimateTok < r.lastFxTok
}

func (r *reader) applyFunction(e *entry, from, to int) {
	for _, f := range e.feats {
		switch f.kind {
		case fNeg:
			r.negAt = to - 1
		case fBreak:
			r.endClause()
		case fHold:
			r.holdAt = to - 1
		case fPoss:
			r.possAt, r.possSelf = to-1, false
		case fPron:
			switch {
			case len(r.group) > 0:
			case len(r.lastGroup) > 0 && r.fits(f.val, r.lastGroup):
				r.group = append(r.group, r.lastGroup...)
			case r.lastPerson >= 0 && r.fits(f.val, []int{r.lastPerson}):
				r.group = append(r.group, r.lastPerson)
			case f.val != "" && !r.negative:
				// "she waves" with nobody named: a woman waves.
				r.apply(&entry{feats: fs(person(f.val, 1))}, false, from, to)
			}
			r.lastAnimateTok = to - 1
		case fCount:
			r.countN, r.countAt, r.countTo = f.n, from, to
		}
	}
}

// fits reports whether a pronoun for name ("man" for he, "woman" for
// she) can mean the subjects ids: "he" is not the woman just named.
func (r *reader) fits(name string, ids []int) bool {
	for _, id := range ids {
		n := r.subs[id].Name
		if name == "man" && n == "woman" || name == "woman" && n == "man" {
			return false
		}
	}
	return true
}

// action handles an action word: it goes to the subjects just named, or
// waits for the next ones ("Am Strand tanzt ein Mann").
func (r *reader) action(mi int) {
	if len(r.group) > 0 {
		for _, id := range r.group {
			r.assign(id, mi)
		}
		r.lastGroup = append(r.lastGroup[:0], r.group...)
		r.group = r.group[:0]
		r.pendingAct, r.pendingHit, r.closed = -1, false, false
		r.lastAct = mi
		return
	}
	if r.pendingAct >= 0 && !r.pendingHit {
		if len(r.lastGroup) > 0 {
			for _, id := range r.lastGroup {
				r.assign(id, r.pendingAct)
			}
		} else {
			r.orphans = append(r.orphans, r.pendingAct)
		}
	}
	r.pendingAct, r.pendingHit = mi, false
}

// subject creates or finds the subject for feature f at tokens [from, to).
func (r *reader) subject(f feature, plural bool, from, to int) int {
	n, counted := f.n, false
	if r.countAt >= 0 && from-r.countTo <= 2 {
		n, counted = r.countN, true
	} else if plural && n == 1 {
		n = pluralCount
	}
	n = max(1, min(n, MaxCount))
	gk := genericKey{f.sk, f.val}
	id, seen := r.generic[gk]
	if !seen {
		id = r.newSubj(subj{Subject: Subject{Kind: f.sk, Name: f.val, Count: n}, cast: -1, tok: from})
		if r.generic == nil {
			r.generic = map[genericKey]int{}
		}
		r.generic[gk] = id
	} else {
		s := &r.subs[id]
		switch {
		case counted && !s.counted:
			s.Count = n
		default:
			s.Count = max(s.Count, n)
		}
	}
	r.attach(id, from)
	if counted {
		r.subs[id].counted = true
		ti := r.addTerm(r.countAt, r.countTo)
		r.addMention(ti, mention{feat: count(n), subj: id})
		r.countAt = -1
	}
	if f.sk == KindProp && f.flag&flagHoldable != 0 && !r.subs[id].wantHolder {
		cue := r.holdAt >= 0 && from-r.holdAt <= 4
		poss := r.possAt >= 0 && from-r.possAt <= 3
		pref, want := r.lastPerson, false
		switch {
		case poss:
			want = true
			if r.possSelf {
				pref = r.self(from) // may add a subject: take no pointers before
			}
		case cue || f.flag&flagHeldDefault != 0:
			want = true
		}
		if want {
			r.subs[id].wantHolder, r.subs[id].holderPref = true, pref
		}
		r.closed = r.closed || !cue
	} else if f.sk == KindProp {
		r.closed = true
	}
	if f.sk == KindProp {
		r.lastProp, r.lastPropTok = id, to-1
	}
	r.animateSeen(id, to-1)
	return id
}

// drink fills a glass: the one just named ("a glass of champagne") or a
// new one ("Sekt").
func (r *reader) drink(ti int, f feature, from, to int) {
	glass := prop("glass", inHand)
	id, seen := r.generic[genericKey{KindProp, "glass"}]
	if !seen {
		id = r.subject(glass, false, from, to)
		r.addMention(ti, mention{feat: glass, subj: id})
	}
	mi := r.addMention(ti, mention{feat: f, subj: id})
	if s := &r.subs[id]; f.val != "" && s.detailBy < 0 {
		s.Detail = f.val
		s.detailBy = mi
	}
}

// applySpecial reads words whose meaning depends on their neighbours.
func (r *reader) applySpecial(name string, from, to int) int {
	next := ""
	if to < len(r.toks) && !r.toks[to].stop && !r.toks[to].comma {
		next = r.toks[to].norm
	}
	switch name {
	case "wave": // "she waves" (verb) or "the waves" (the sea)
		verb := r.lastAnimateTok == from-1 || next == "at" || next == "to" || next == "hello" ||
			next == "goodbye" || next == "hi" || next == "back" || next == "bye"
		if verb {
			return r.apply(&entry{feats: fs(action(Wave)), lang: en}, false, from, to)
		}
		return r.apply(&entry{feats: fs(part("waves"), weakSetting(SettingBeach)), lang: en}, false, from, to)
	case "couple", "paar": // "a couple of dogs", "ein paar Hunde" or a couple
		if next == "of" {
			r.countN, r.countAt, r.countTo = 2, from, to+1
			return to + 1
		}
		if r.nounAhead(to) {
			n := 2
			if name == "paar" {
				n = 3
			}
			r.countN, r.countAt, r.countTo = n, from, to
			return to
		}
		return r.apply(&entry{feats: fs(person("person", 2), hint(Romantic))}, false, from, to)
	case "overhead": // "gulls overhead" fly; on its own, an aerial shot
		if r.lastAnimateTok >= 0 && from-r.lastAnimateTok <= 2 {
			return r.apply(&entry{feats: fs(action(Fly))}, false, from, to)
		}
		if r.toks[from].norm == "overhead" {
			return r.apply(&entry{feats: fs(move(project.MoveAerial))}, false, from, to)
		}
		r.addTerm(from, to)
		return to
	case "fxverb", "lightverb": // "fireworks cut the sky", "lanterns glowing"
		ti := r.addTerm(from, to)
		switch {
		case r.describesFx(from):
			r.addMention(ti, mention{feat: r.lastFx, subj: -1})
		case name == "lightverb" && r.lastProp >= 0 && from-r.lastPropTok <= 3 && isLight(r.subs[r.lastProp].Name):
			r.addMention(ti, mention{feat: feature{kind: fSubject}, subj: r.lastProp})
		case name == "lightverb":
			// "the city glows": its lights, where the setting shows them.
			r.addMention(ti, mention{feat: part("lights"), subj: -1})
		}
		return to
	case "decade:55", "decade:65", "decade:75", "decade:85":
		if p := r.lastPerson; p >= 0 && r.lastAnimateTok >= from-2 {
			n, _ := strconv.Atoi(name[len("decade:"):])
			return r.apply(&entry{feats: fs(age(n))}, false, from, to)
		}
		return r.apply(&entry{feats: fs(style(project.StyleVintage))}, false, from, to)
	case "junge": // "ein Junge" (a boy) or "eine junge Frau" (young)
		if r.toks[from].upper && r.lang == de {
			return r.apply(&entry{feats: fs(person("child", 1))}, r.toks[from].norm != "junge", from, to)
		}
		r.addTerm(from, to)
		return to
	}
	return to
}

// isHeadingMark reports whether norm opens a scene heading (INT., EXT.).
func isHeadingMark(norm string) bool {
	switch norm {
	case "int", "ext", "innen", "aussen":
		return true
	}
	return false
}

// isLight reports whether a prop gives light.
func isLight(name string) bool {
	switch name {
	case "lantern", "lamp", "candle", "sparkler", "campfire", "lighthouse", "police car":
		return true
	}
	return false
}

// nounAhead reports whether a subject noun comes within two tokens of i.
func (r *reader) nounAhead(i int) bool {
	for k := i; k < len(r.toks) && k < i+2; k++ {
		t := &r.toks[k]
		if t.stop || t.comma {
			return false
		}
		e := lex.exact(t.norm, r.lang)
		if e == nil {
			e, _ = lex.inflected(t.norm, r.lang)
		}
		if e == nil && r.lang == de {
			e, _ = lex.compound(t.norm)
		}
		if e != nil {
			for _, f := range e.feats {
				if f.kind == fSubject {
					return true
				}
			}
		}
	}
	return false
}
