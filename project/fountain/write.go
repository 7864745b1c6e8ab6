package fountain

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"kino/project"
)

// Film is what Write writes.
type Film struct {
	Title string
	Rate  project.Rate
	Shots []*project.Shot
	// Language of the prompts ("" guesses it from them): it decides how
	// scene headings are read back from prompts.
	Language string
	// SceneOf, when set, gives a scene heading for a shot whose prompt
	// was not made from one (such as "EXT. BEACH - GOLDEN HOUR" for a
	// prompt the engine reads as a beach at sunset), or "". The shot
	// keeps its prompt as written: its note says the heading is not part
	// of it.
	SceneOf func(s *project.Shot) string
}

// Write writes f as a Fountain screenplay: a title page, a scene heading
// wherever a shot's prompt starts with a different heading part (see
// Breakdown), each shot's action (its prompt after the heading part),
// and its dialogue by character, with parentheticals for deliveries.
// What Fountain cannot say (durations, seeds, camera, style, cast
// handles, line start times) goes into kino notes, and so does text that
// Fountain would read differently, so that Breakdown of the script gives
// the same shots: Write checks every shot by reading it back.
func Write(w io.Writer, f Film) error {
	if f.Rate.IsZero() {
		f.Rate = project.DefaultRate
	}
	lang := f.Language
	if lang == "" {
		lang = promptLanguage(f.Shots)
	}
	var b bytes.Buffer
	title := strings.Join(strings.Fields(f.Title), " ")
	if title == "" {
		title = "Untitled"
	}
	fmt.Fprintf(&b, "Title: %s\nCredit: Exported from Kino\n\n", escape(title))
	film := fmt.Sprintf("[[kino: film; rate %s; language %s]]\n\n", f.Rate, lang)
	b.WriteString(film)
	wr := &writer{rate: f.Rate, lang: lang, film: film, sceneOf: f.SceneOf}
	for i, s := range f.Shots {
		block, err := wr.shot(i, s)
		if err != nil {
			return err
		}
		b.WriteString(block)
	}
	_, err := w.Write(b.Bytes())
	return err
}

type writer struct {
	rate    project.Rate
	lang    string
	film    string
	heading string // the heading in force, as written
	sceneOf func(*project.Shot) string
}

// shot writes one shot (with a scene heading before it when its heading
// changes), trying plain Fountain first and more kino notes after.
func (wr *writer) shot(i int, s *project.Shot) (string, error) {
	heading, action, ok := wr.split(s.Prompt)
	var head string
	if ok && heading != wr.heading {
		head = heading + "\n\n"
	}
	context := wr.heading
	if ok {
		context = heading
	} else if wr.sceneOf != nil {
		// A heading for the reader only: the shot's note says "no heading".
		if h := wr.sceneOf(s); h != "" && h != wr.heading {
			if _, valid := parsesAsHeading(h); valid {
				head, context = h+"\n\n", h
			}
		}
	}
	for _, mode := range []writeMode{{}, {force: true}, {force: true, fallback: true}} {
		var block string
		if ok && !mode.fallback {
			block = wr.block(i, s, action, false, mode)
		} else {
			block = wr.block(i, s, "", true, mode)
		}
		if mode.fallback || wr.check(context, head+block, s) {
			wr.heading = context
			return head + block, nil
		}
	}
	return "", fmt.Errorf("writing shot %d as Fountain", i+1) // not reached: the fallback always reads back
}

// maxHeadingBytes is the longest heading part split looks for.
const maxHeadingBytes = 400

type writeMode struct {
	force    bool // force action with "!" and characters with "@"
	fallback bool // carry the prompt and every line in notes
}

// split finds the scene heading a prompt starts with: the heading,
// the action after it, and true; or false when the prompt was not made
// from a heading.
func (wr *writer) split(prompt string) (heading, action string, ok bool) {
	var forced string
	var forcedAction string
	for i := 0; i <= len(prompt) && i <= maxHeadingBytes; i++ {
		var head, rest string
		switch {
		case i == len(prompt) || i == maxHeadingBytes:
			if i != len(prompt) {
				continue
			}
			if !strings.HasSuffix(prompt, ".") {
				continue
			}
			head = prompt
		case strings.HasPrefix(prompt[i:], ". "):
			head, rest = prompt[:i+1], prompt[i+2:]
		default:
			continue
		}
		h, found := headingFor(head, wr.lang)
		if !found {
			continue
		}
		if !strings.HasPrefix(h, ".") {
			return h, rest, true
		}
		if forced == "" {
			forced, forcedAction = h, rest
		}
	}
	if forced != "" {
		return forced, forcedAction, true
	}
	return "", "", false
}

// block writes a shot's note, action and dialogue.
func (wr *writer) block(i int, s *project.Shot, action string, noHeading bool, mode writeMode) string {
	var b strings.Builder
	clauses := []string{"shot " + strconv.Itoa(i+1), "duration " + strconv.FormatInt(s.Duration.Rescale(wr.rate).Frames, 10) + "f"}
	seed := "seed " + strconv.FormatUint(s.Seed.Value, 10)
	if s.Seed.Mode != project.SeedFixed {
		seed += " " + string(s.Seed.Mode)
	}
	clauses = append(clauses, seed)
	if cam := strings.TrimSpace(string(s.Camera.Size) + " " + string(s.Camera.Move)); cam != "" {
		clauses = append(clauses, "camera "+cam)
	}
	if s.Style != "" {
		clauses = append(clauses, "style "+string(s.Style))
	}
	if s.Strength != 0 {
		clauses = append(clauses, "strength "+strconv.FormatFloat(s.Strength, 'g', -1, 64))
	}
	if s.NegativePrompt != "" {
		clauses = append(clauses, "negative "+quote(s.NegativePrompt))
	}
	if len(s.Cast) > 0 {
		var cast []string
		for _, m := range s.Cast {
			c := m.Handle
			if m.Role != "" {
				c += " as " + quote(m.Role)
			}
			cast = append(cast, c)
		}
		clauses = append(clauses, "cast "+strings.Join(cast, ", "))
	}
	if noHeading {
		clauses = append(clauses, "no heading")
		if mode.fallback && s.Prompt != "" {
			clauses = append(clauses, "prompt "+quote(s.Prompt))
		} else {
			action = s.Prompt
		}
	}
	b.WriteString("[[kino: " + strings.Join(clauses, "; ") + "]]\n\n")
	if action != "" && !mode.fallback {
		if mode.force {
			b.WriteString("!")
		}
		b.WriteString(escape(action) + "\n\n")
	}
	for _, l := range s.Dialogue {
		b.WriteString(wr.line(s, l, mode))
	}
	return b.String()
}

// line writes one line of dialogue as a speech of its own.
func (wr *writer) line(s *project.Shot, l project.DialogueLine, mode writeMode) string {
	name := l.Speaker
	if !l.Narrator {
		name = strings.ToUpper(strings.TrimPrefix(l.Speaker, "@"))
		for _, m := range s.Cast {
			if m.Handle == l.Speaker && m.Role != "" {
				name = m.Role
			}
		}
	}
	clauses := []string{"at " + strconv.FormatInt(l.Start.Rescale(wr.rate).Frames, 10) + "f"}
	text := escape(l.Text)
	var b strings.Builder
	if mode.fallback {
		name = safeName(name)
		if l.Narrator {
			clauses = append(clauses, "speaker "+quote(l.Speaker), "narrator")
		} else {
			clauses = append(clauses, "speaker "+l.Speaker)
		}
		if l.Delivery != project.DeliveryPlain {
			clauses = append(clauses, "delivery "+string(l.Delivery))
		}
		clauses = append(clauses, "text "+quote(l.Text))
		text = "…"
	}
	if mode.force || !isCharacter(name) {
		name = "@" + name
	}
	b.WriteString(name + "\n")
	if l.Delivery != project.DeliveryPlain && !mode.fallback {
		b.WriteString("(" + deliveryNames[wr.lang][l.Delivery] + ")\n")
	}
	b.WriteString(text + " [[kino: " + strings.Join(clauses, "; ") + "]]\n\n")
	return b.String()
}

// safeName makes a character cue that reads back as a character.
func safeName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '.' || r == '-' || r == '\'' {
			return r
		}
		return -1
	}, name)
	if name = collapse(name); name == "" {
		name = "SOMEONE"
	}
	return name
}

// check reads block back (after the heading in force) and reports whether
// it gives shot s.
func (wr *writer) check(heading, block string, s *project.Shot) bool {
	src := wr.film
	if heading != "" && !strings.HasPrefix(block, heading+"\n") {
		src += heading + "\n\n"
	}
	src += block
	sc, err := Parse([]byte(src))
	if err != nil {
		return false
	}
	r, err := Breakdown(sc, Options{Rate: wr.rate})
	if err != nil || len(r.Drafts) != 1 {
		return false
	}
	byHandle := map[string]*project.Cameo{}
	for _, m := range s.Cast {
		byHandle[m.Handle] = &project.Cameo{ID: m.CameoID, Handle: m.Handle}
	}
	shots, _, err := r.Shots(Casting{ByHandle: func(h string) *project.Cameo { return byHandle[h] }})
	if err != nil {
		return false
	}
	return SameShot(&shots[0], s)
}

// SameShot reports whether a and b are the same shot as far as a script
// can tell: prompt, negative prompt, duration, seed, camera, style,
// strength, cast (cameo, handle, role) and dialogue lines.
func SameShot(a, b *project.Shot) bool {
	if a.Prompt != b.Prompt || a.NegativePrompt != b.NegativePrompt || a.Duration != b.Duration ||
		a.Seed != b.Seed || a.Camera != b.Camera || a.Style != b.Style || a.Strength != b.Strength ||
		len(a.Cast) != len(b.Cast) || len(a.Dialogue) != len(b.Dialogue) {
		return false
	}
	for i := range a.Cast {
		if a.Cast[i] != b.Cast[i] {
			return false
		}
	}
	for i := range a.Dialogue {
		if a.Dialogue[i] != b.Dialogue[i] {
			return false
		}
	}
	return true
}

// promptLanguage guesses the language of a film's prompts and lines.
func promptLanguage(shots []*project.Shot) string {
	var els []Element
	for _, s := range shots {
		els = append(els, Element{Kind: Action, Text: s.Prompt})
		for _, l := range s.Dialogue {
			els = append(els, Element{Kind: Dialogue, Text: l.Text})
		}
		if len(els) > 400 {
			break
		}
	}
	return detectLanguage(els)
}
