package scene

import (
	"kino/engine"
)

// MaxCount is the most of one kind of subject a plan holds: "hundreds of
// birds" gives MaxCount birds.
const MaxCount = 24

// pluralCount is how many a plural means when no number is given ("dogs").
const pluralCount = 3

// Parse reads a normalised request (see engine.Request.Normalize) into a
// fully resolved scene plan. It reads the prompt in English or German,
// removes what the negative prompt (or "no …", "ohne …" in the prompt)
// names, puts every cast cameo in the scene, and lets the request's
// explicit camera and style override the prompt's words. It never fails:
// words it does not understand are listed in Plan.Ignored and the plan
// falls back to defaults (a field by day, clear sky, a static camera).
//
// Parse runs in time linear in the prompt's length.
//
// Decisions worth knowing:
//   - Fireworks or stars with no time of day named imply night; a named
//     time always wins ("fireworks at sunset" is golden hour).
//   - Lightning implies a storm, and a storm brings lightning.
//   - Snowfall with no setting named means a snowy field.
//   - "I", "me", "my", "ich", "mich", "mir", "mein…" mean the cast cameo
//     marked IsSelf, or a generic person when there is none.
//   - An @handle that is not in the cast becomes a generic person standing
//     in for it; the used term says so.
//   - Negative words never remove cast cameos, only generic subjects.
//   - A prompt word overridden by the request's explicit camera or style
//     changed nothing, so it is listed as ignored.
func Parse(req engine.Request) Plan {
	toks := tokenize(req.Prompt, make([]token, 0, len(req.Prompt)/5+8))
	l := detect(toks, en)
	pos := newReader(req.Prompt, toks, l, &req, false)
	pos.read()
	var neg *reader
	if req.NegativePrompt != "" {
		ntoks := tokenize(req.NegativePrompt, nil)
		neg = newReader(req.NegativePrompt, ntoks, detect(ntoks, l), &req, true)
		neg.read()
	}
	return resolve(pos, neg, &req)
}

// Interpreter explains prompts the way the built-in previz engine reads
// them. A backend can embed it to implement engine.Interpreter.
type Interpreter struct{}

var _ engine.Interpreter = Interpreter{}

// Interpret calls the package's Interpret.
func (Interpreter) Interpret(req engine.Request) engine.Interpretation { return Interpret(req) }

// Interpret reports which words of req's prompt and negative prompt Parse
// understood and which it ignored. It matches engine.Interpreter.
func Interpret(req engine.Request) engine.Interpretation {
	p := Parse(req)
	return engine.Interpretation{Used: p.Used, Ignored: p.Ignored}
}

// detect guesses the language of toks from its stop words, the language of
// the words the lexicon knows, and umlauts. Ties go to fallback.
func detect(toks []token, fallback lang) lang {
	nen, nde := 0, 0
	for i := range toks {
		t := &toks[i]
		if t.umlaut {
			nde++
		}
		e := lex.words[t.norm]
		if e != nil && e.only || ownStop[t.norm] {
			continue // a false friend ("man", "kind", "see", "hat") says nothing
		}
		if m := stopMask[t.norm]; m != 0 {
			if m&(1<<en) != 0 {
				nen++
			}
			if m&(1<<de) != 0 {
				nde++
			}
			continue
		}
		if e != nil {
			switch e.lang {
			case en:
				nen++
			case de:
				nde++
			}
		}
	}
	switch {
	case nde > nen:
		return de
	case nen > nde:
		return en
	}
	// No evidence either way: a German compound ("Sandstrand") decides.
	for i := range toks {
		if t := &toks[i]; t.word && !t.handle && lex.words[t.norm] == nil {
			if e, _ := lex.compound(t.norm); e != nil {
				return de
			}
		}
	}
	return fallback
}
