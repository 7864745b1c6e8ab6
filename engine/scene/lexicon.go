package scene

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// lang is a prompt language.
type lang uint8

// Languages. anyLang words belong to both (or neither) and do not count
// towards language detection.
const (
	anyLang lang = iota
	en
	de
)

func (l lang) String() string {
	if l == de {
		return "de"
	}
	return "en"
}

// featKind is what a word contributes to a plan.
type featKind uint8

const (
	fSetting featKind = iota + 1
	fTime
	fWeather
	fEffect
	fSubject // val: canonical name; sk: kind; n: how many one mention means
	fSelf    // I, me, ich...; flag poss for my/mein
	fAction
	fDrink // what a glass holds
	fSize
	fMove // val: a project.CameraMove, or a base "pan", "tilt", "dolly" that takes a direction
	fStyle
	fMood
	fCount // n: how many
	fNeg   // no, without, ohne, kein...
	fBreak // while, während, but... end a clause
	fHold  // with, holding, mit, hält...
	fPoss  // his, her, sein, ihr...: the last person's
	fPron  // he, she, they, er, sie: the last people mentioned
	fSpecial
	fIndoor // val "in" or "out": INT., EXT., inside, draußen
	fColor  // val: a colour name; it colours the next subject named
	fAge    // n: years; it ages the next person named (or the one just named)
	fWear   // val: "dress", "coat", "suit", "hat", "clothes"; worn by the person just named
	fSound  // val: a Sound
	fPart   // val: a part of the scenery ("water", "window"): used when the setting shows it
)

// Feature flags.
const (
	flagHoldable    = 1 << iota // a prop someone can hold
	flagHeldDefault             // a prop that is held when a person is there, cue or not
	flagPoss                    // a possessive (my, mein)
	flagAction                  // an action that comes with a person word (dancer → dance)
)

// feature is one thing a word means.
type feature struct {
	kind featKind
	val  string
	sk   SubjectKind
	n    int
	weak bool // implied: used only when nothing explicit says otherwise
	flag uint8
}

// infl says which endings a word may take and still be found.
type infl uint8

const (
	inflNone infl = iota
	inflNoun
	inflVerb
	inflAdj
)

// entry is what the lexicon knows about one word form or phrase.
type entry struct {
	feats    []feature
	lang     lang
	only     bool // the word means this only in a prompt of its language
	class    infl
	plural   bool // the form is a plural noun
	compound bool // German compound head: "Sandstrand" ends in "strand"
	function bool // a function word: never listed as used or ignored
}

// group is a set of word forms that mean the same thing. Forms are
// separated by "|"; a form with spaces is a phrase. Prefixes: '*' plural,
// '+' compound head, '!' meaningful only in the group's language, '~'
// function word.
type group struct {
	lang  lang
	class infl
	forms string
	feats []feature
}

// lexicon indexes the groups.
type lexicon struct {
	words     map[string]*entry
	phrases   map[string]*entry
	phraseLen map[string]int // first word → longest phrase starting with it
}

var lex = buildLexicon(allGroups())

func allGroups() [][]group {
	return [][]group{placeWords, partWords, placeThingWords, headingWords, soundWords, timeWords, weatherWords, effectWords, peopleWords, scriptPeopleWords, animalWords, scriptAnimalWords, propWords, scriptPropWords, actionWords, scriptActionWords, describingWords, colourWords, ageWords, wearWords, cameraWords, styleWords, moodWords, functionWords}
}

// buildLexicon indexes groups. A form defined twice is a programming error
// and panics, so that no meaning is silently lost.
func buildLexicon(sets [][]group) *lexicon {
	lx := &lexicon{words: map[string]*entry{}, phrases: map[string]*entry{}, phraseLen: map[string]int{}}
	var toks []token
	var twice []string
	for _, set := range sets {
		for _, g := range set {
			for _, form := range strings.Split(g.forms, "|") {
				e := &entry{feats: g.feats, lang: g.lang, class: g.class}
				for len(form) > 0 && strings.ContainsRune("*+!~", rune(form[0])) {
					switch form[0] {
					case '*':
						e.plural = true
					case '+':
						e.compound = true
					case '!':
						e.only = true
					case '~':
						e.function = true
					}
					form = form[1:]
				}
				toks = tokenize(form, toks[:0])
				if len(toks) == 0 {
					panic(fmt.Sprintf("scene: empty word form in %q", g.forms))
				}
				if len(toks) == 1 {
					key := toks[0].norm
					if _, dup := lx.words[key]; dup {
						twice = append(twice, fmt.Sprintf("word %q", key))
					}
					lx.words[key] = e
					continue
				}
				norms := make([]string, len(toks))
				for i, t := range toks {
					norms[i] = t.norm
				}
				key := strings.Join(norms, " ")
				if _, dup := lx.phrases[key]; dup {
					twice = append(twice, fmt.Sprintf("phrase %q", key))
				}
				lx.phrases[key] = e
				if len(toks) > lx.phraseLen[norms[0]] {
					lx.phraseLen[norms[0]] = len(toks)
				}
			}
		}
	}
	if len(twice) > 0 {
		panic("scene: defined twice: " + strings.Join(twice, ", "))
	}
	return lx
}

// exact returns the entry for a word form as written, honouring
// language-only words.
func (lx *lexicon) exact(norm string, l lang) *entry {
	e := lx.words[norm]
	if e == nil || e.only && e.lang != l {
		return nil
	}
	return e
}

// Endings tried when a word is not found as written, by class and language.
var (
	endingsNounEN = []string{"ies", "es", "s"}
	endingsNounDE = []string{"ens", "en", "es", "e", "n", "s"}
	endingsVerbEN = []string{"ing", "ed", "es", "s", "d"}
	endingsVerbDE = []string{"end", "ten", "tet", "est", "en", "et", "st", "te", "nd", "t", "e", "n"}
	endingsAdjEN  = []string{"est", "er"}
	endingsAdjDE  = []string{"em", "en", "er", "es", "e"}
)

// inflected finds norm as an inflected form of a known word ("dogs",
// "dancing", "tanzt", "Hunden"). It reports whether the form is a plural.
func (lx *lexicon) inflected(norm string, l lang) (*entry, bool) {
	if len(norm) > maxWordBytes {
		return nil, false
	}
	for _, set := range [...]*[]string{&endingsNounEN, &endingsVerbEN, &endingsAdjEN, &endingsNounDE, &endingsVerbDE, &endingsAdjDE} {
		for _, suf := range *set {
			if len(norm)-len(suf) < 3 || !strings.HasSuffix(norm, suf) {
				continue
			}
			base := norm[:len(norm)-len(suf)]
			if e, ok := lx.stem(base, suf, set, l); ok {
				return e, isPluralEnding(e, suf)
			}
		}
	}
	return nil, false
}

// stem tries base and its spelling variants (dancing → danc → dance,
// running → runn → run, cities → cit → city) for a word that takes the
// ending suf from set.
func (lx *lexicon) stem(base, suf string, set *[]string, l lang) (*entry, bool) {
	try := func(w string) (*entry, bool) {
		e := lx.exact(w, l)
		if e == nil || !takesEnding(e, set) {
			return nil, false
		}
		return e, true
	}
	if e, ok := try(base); ok {
		return e, true
	}
	if suf == "ies" {
		return try(base + "y")
	}
	if e, ok := try(base + "e"); ok {
		return e, true
	}
	if n := len(base); n >= 4 && base[n-1] == base[n-2] {
		return try(base[:n-1])
	}
	return nil, false
}

func takesEnding(e *entry, set *[]string) bool {
	enOK := e.lang != de
	deOK := e.lang != en
	switch set {
	case &endingsNounEN:
		return e.class == inflNoun && enOK
	case &endingsNounDE:
		return e.class == inflNoun && deOK
	case &endingsVerbEN:
		return e.class == inflVerb && enOK
	case &endingsVerbDE:
		return e.class == inflVerb && deOK
	case &endingsAdjEN:
		return e.class == inflAdj && enOK
	case &endingsAdjDE:
		return e.class == inflAdj && deOK
	}
	return false
}

func isPluralEnding(e *entry, suf string) bool {
	if e.class != inflNoun {
		return false
	}
	switch suf {
	case "s", "es", "ies":
		return true
	case "e", "en", "n":
		return e.lang == de
	}
	return false
}

// compound finds a German compound by its head: "Sandstrand" → strand,
// "Sektgläser" → gläser, "Rockkonzertes" → konzert. Only words marked as
// compound heads count, and the head must leave at least two letters in
// front of it.
func (lx *lexicon) compound(norm string) (*entry, bool) {
	if len(norm) < 6 || len(norm) > maxWordBytes {
		return nil, false
	}
	for i := 2; i <= len(norm)-4; i++ {
		if !utf8.RuneStart(norm[i]) {
			continue
		}
		head := norm[i:]
		if e := lx.words[head]; e != nil && e.compound {
			return e, e.plural
		}
		for _, suf := range endingsNounDE {
			if len(head)-len(suf) >= 4 && strings.HasSuffix(head, suf) {
				if e := lx.words[head[:len(head)-len(suf)]]; e != nil && e.compound {
					return e, isPluralEnding(e, suf)
				}
			}
		}
	}
	return nil, false
}
