package scene

import (
	"slices"
	"strconv"
	"strings"

	"kino/engine"
)

// words lists the understood terms and the ignored content words of the
// prompt, then of the negative prompt, each in text order. Repeats are
// listed once.
func (v *resolver) words() ([]engine.Term, []string) {
	used := []engine.Term{}
	ignored := []string{}
	seenU := map[string]bool{}
	seenI := map[string]bool{}
	for _, rd := range []*reader{v.r, v.neg} {
		if rd == nil {
			continue
		}
		order := make([]int, len(rd.terms))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return rd.terms[a].from - rd.terms[b].from })
		var meanings []string
		var spans [][2]int
		ignore := func(text, norm string) {
			if !seenI[norm] {
				seenI[norm] = true
				ignored = append(ignored, text)
			}
		}
		ti := 0
		for i := 0; i < len(rd.toks); {
			for ti < len(order) && rd.terms[order[ti]].from < i {
				ti++ // inside an earlier term
			}
			if ti < len(order) && rd.terms[order[ti]].from == i {
				t := &rd.terms[order[ti]]
				ti++
				text := rd.src[rd.toks[t.from].start:rd.toks[t.to-1].end]
				meanings = meanings[:0]
				for _, mi := range rd.tm[t.m0 : t.m0+t.mn] {
					if m := &rd.ms[mi]; m.applied {
						if d := v.describe(rd, m); d != "" && !slices.Contains(meanings, d) {
							meanings = append(meanings, d)
						}
					}
				}
				if len(meanings) > 0 {
					if rd == v.r {
						spans = append(spans, [2]int{rd.toks[t.from].start, rd.toks[t.to-1].end})
					}
					meaning := strings.Join(meanings, "; ")
					k := strings.ToLower(text) + "\x00" + meaning
					if !seenU[k] {
						seenU[k] = true
						used = append(used, engine.Term{Text: text, Meaning: meaning})
					}
				} else if rd.hasContent(t.from, t.to) {
					ignore(text, strings.ToLower(text))
				}
				i = max(t.to, i+1)
				continue
			}
			if rd.isContent(i) {
				tk := &rd.toks[i]
				ignore(rd.src[tk.start:tk.end], tk.norm)
			}
			i++
		}
		if rd == v.r {
			v.p.usedSpans = spans
		}
	}
	return used, ignored
}

// isContent reports whether token i is a content word: not a stop word,
// not a function word, not a lone letter, not a symbol.
func (r *reader) isContent(i int) bool {
	t := &r.toks[i]
	if !t.word || t.sym {
		return false
	}
	if t.handle {
		return true
	}
	if isStop(t.norm, r.lang) || len(t.norm) < 2 && t.num < 0 {
		return false
	}
	if e := lex.words[t.norm]; e != nil && e.function {
		return false
	}
	return true
}

func (r *reader) hasContent(from, to int) bool {
	for i := from; i < to; i++ {
		if r.isContent(i) {
			return true
		}
	}
	return false
}

// describe says what an applied mention meant, for the UI.
func (v *resolver) describe(rd *reader, m *mention) string {
	f := m.feat
	if m.neg {
		if f.weak {
			return ""
		}
		return "excluded: " + strings.Replace(featName(f), ": ", " ", 1)
	}
	switch f.kind {
	case fSubject, fSelf:
		if m.subj < 0 || rd != v.r {
			return ""
		}
		return v.subjectName(m.subj)
	case fCount:
		return "count: " + strconv.Itoa(f.n)
	case fWeather:
		if f.val == string(Storm) && v.p.Weather != Storm {
			return "effect: lightning"
		}
	case fSetting:
		return "setting: " + string(v.p.Setting)
	case fColor, fAge, fWear:
		if m.subj >= 0 && rd == v.r {
			return featName(f) + ", " + v.holderName(m.subj)
		}
	}
	return featName(f)
}

// featName names a feature: "time: golden hour", "camera: pan left".
func featName(f feature) string {
	switch f.kind {
	case fSetting:
		return "setting: " + f.val
	case fTime:
		return "time: " + strings.ReplaceAll(f.val, "-", " ")
	case fWeather:
		return "weather: " + f.val
	case fEffect:
		return "effect: " + f.val
	case fSubject:
		if f.val == "person" {
			return "people"
		}
		return f.val
	case fAction:
		return "action: " + f.val
	case fDrink:
		if f.val == "" {
			return "drink"
		}
		return "drink: " + f.val
	case fSize:
		return "camera: " + f.val
	case fMove:
		return "camera: " + strings.ReplaceAll(f.val, "-", " ")
	case fStyle:
		return "style: " + f.val
	case fMood:
		return "mood: " + f.val
	case fIndoor:
		if f.val == "in" {
			return "inside"
		}
		return "outside"
	case fColor:
		return "colour: " + f.val
	case fAge:
		return "age: " + strconv.Itoa(f.n)
	case fWear:
		return "wears: " + f.val
	case fSound:
		return "sound: " + f.val
	case fPart:
		return "in the picture: " + f.val
	case fHold:
		return "action: holding"
	}
	return ""
}

// subjectName describes subject id of the prompt's reader.
func (v *resolver) subjectName(id int) string {
	s := &v.r.subs[id]
	switch {
	case s.Kind == KindCameo && s.self:
		return "you: cameo " + s.Handle
	case s.Kind == KindCameo:
		return "cameo: " + s.Handle
	case s.ref == "self":
		return "you: a person (no cast cameo is marked as you)"
	case strings.HasPrefix(s.ref, "@"):
		return "person standing in for " + s.ref + " (not in this shot's cast)"
	}
	name := s.Name
	if s.label != "" {
		name += " (" + s.label + ")"
	}
	if c := v.p.Subjects[v.idx[id]].Count; c > 1 {
		name += " ×" + strconv.Itoa(c)
	}
	if s.Kind != KindProp {
		return "subject: " + name
	}
	out := "prop: " + name
	if h := v.p.Subjects[v.idx[id]].HeldBy; h >= 0 {
		out += ", held by " + v.holderName(v.ids[h])
	}
	return out
}

func (v *resolver) holderName(id int) string {
	s := &v.r.subs[id]
	switch {
	case s.self:
		return "you"
	case s.Kind == KindCameo, strings.HasPrefix(s.ref, "@"):
		return s.ref
	}
	return "the " + s.Name
}
