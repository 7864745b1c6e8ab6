package fountain

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kino/project"
)

// Options tune a breakdown.
type Options struct {
	// Rate is the project's frame rate (DefaultRate when zero).
	Rate project.Rate
	// ExchangesPerShot is how many dialogue exchanges a shot holds (1
	// when 0). An exchange is a speech and its reply, so a shot holds at
	// most twice as many speeches; dual dialogue is one exchange.
	ExchangesPerShot int
	// Language of the prompts, English or German; "" detects it from the
	// script (a kino film note, German headings, or the stop words of
	// the action and dialogue).
	Language string
	// NewSeedEachTake makes the shots draw a new seed for every take
	// (the project's per-take seed policy) instead of keeping theirs.
	NewSeedEachTake bool
}

// Speaker is who says a line of a drafted shot.
type Speaker struct {
	// Key is the character's name in capitals, without extensions: the
	// name a cameo is cast by.
	Key string
	// Name is the character's name as the script first writes it.
	Name string
	// Handle and Narrator are set by a kino note that names the speaker.
	Handle   string
	Narrator bool

	line int // the script line of the speech
}

// Draft is a shot made from a script, before casting: its dialogue
// lines' speakers are characters, said by Speakers.
type Draft struct {
	// Shot has the prompt, duration, seed, camera and dialogue (text,
	// start, delivery); its Cast and line speakers are set by Cast.
	Shot project.Shot
	// Speakers holds one entry per line of Shot.Dialogue.
	Speakers []Speaker
	// Present are the keys of the characters in the shot, speaking or
	// named in its action, in order of appearance.
	Present []string
	// Scene is the 1-based scene number (0 before the first heading), and
	// Line the script line the shot starts at.
	Scene, Line int

	note     *kinoNote // the shot's kino note, or nil
	heading  string    // the heading part of the prompt
	actions  []string
	clock    int64 // milliseconds laid out so far
	speeches int
	lastLine bool    // the last thing laid out was a line
	noteAt   []int64 // per line: its start in a kino note, in frames at the notes' rate, or -1
}

// Role is one character of a script.
type Role struct {
	Key   string // name in capitals without extensions
	Name  string // as first written
	Lines int    // lines of dialogue
	Line  int    // script line of the first cue
}

// Result is a script broken down into shots.
type Result struct {
	Drafts     []Draft
	Characters []Role
	Language   string
	Rate       project.Rate
	// Warnings say what was changed to fit Kino's limits, with lines.
	Warnings []string
	// Title is the title page's title.
	Title string

	names map[string]string // character key -> name, built on first use
}

// Breakdown turns a parsed script into shot drafts by these rules:
//
//   - A shot starts at every scene heading, and at every action paragraph
//     except one that follows dialogue in a shot whose exchanges are not
//     all used yet (a reaction inside the exchange). A paragraph that
//     opens with a set-up (CLOSE ON, ANGLE ON, WIDE, INSERT, POV, LATER,
//     NAH, TOTALE, ...) and the first thing after a transition always
//     start one. In a script without scene headings every action
//     paragraph is a shot.
//   - A speech that would go past ExchangesPerShot exchanges starts a new
//     shot. A shot never holds more than project.MaxDialogueLines lines or
//     lasts past the ten-minute limit: a long speech goes on in the next.
//   - The prompt is the scene heading's setting, interior or exterior and
//     time of day ("EXT. BEACH - SUNSET" gives "beach, outdoors, golden
//     hour."), then the action of the shot. CONTINUOUS or LATER keeps the
//     time of the scene before. EST. headings make wide shots, set-up
//     words set the shot size or move.
//   - Timing: action plays at ActionWordsPerSecond, speech at
//     SpeechWordsPerSecond (slower or faster with the delivery; at least
//     MinLineMillis), lines follow each other with LineGapMillis between,
//     the first line comes after the action before it (at least
//     LeadMillis), the shot ends TailMillis after its last line and lasts
//     at least MinShotMillis. Dual dialogue starts both speeches together.
//   - A parenthetical sets the delivery of the dialogue after it (whisper,
//     shout, slow, fast); each stretch of dialogue between parentheticals
//     is one line. Lines longer than project.MaxDialogueLength are split
//     at sentence ends.
//   - Kino notes (see kino.go) override all of this for their shot.
func Breakdown(s *Script, opts Options) (*Result, error) {
	if opts.Rate.IsZero() {
		opts.Rate = project.DefaultRate
	}
	if err := opts.Rate.Validate(); err != nil {
		return nil, err
	}
	if opts.ExchangesPerShot <= 0 {
		opts.ExchangesPerShot = 1
	}
	b := &builder{opts: opts, res: &Result{Rate: opts.Rate, Title: s.Title("Title")}, noteRate: opts.Rate}
	if err := b.filmNote(s); err != nil {
		return nil, err
	}
	b.lang = opts.Language
	if b.lang == "" {
		b.lang = b.noteLang
	}
	if b.lang == "" {
		b.lang = detectLanguage(s.Elements)
	}
	b.res.Language = b.lang
	b.characters(s.Elements)
	if err := b.run(s.Elements); err != nil {
		return nil, err
	}
	return b.res, nil
}

type builder struct {
	opts     Options
	res      *Result
	lang     string
	noteRate project.Rate // the rate kino notes count frames at
	noteLang string

	byKey      map[string]int      // character key -> index in res.Characters
	firstWords map[string][]string // first word of a name -> keys

	cur        *Draft
	scene      int
	heading    string // the heading part of prompts in this scene
	headLine   int
	place      Place
	est        bool
	hasHeads   bool
	transition bool
	err        error // the first problem a flush found
}

// filmNote reads the film note, if any: the rate notes count frames at.
func (b *builder) filmNote(s *Script) error {
	for _, e := range s.Elements {
		if e.Kind != Note || !isKino(e.Text) {
			continue
		}
		k, err := parseKino(e.Text, e.Line)
		if err != nil {
			return err
		}
		if k.film {
			if !k.rate.IsZero() {
				b.noteRate = k.rate
			}
			b.noteLang = k.lang
			return nil
		}
	}
	return nil
}

// characters lists the script's characters in order of first cue.
func (b *builder) characters(els []Element) {
	b.byKey = map[string]int{}
	b.firstWords = map[string][]string{}
	for _, e := range els {
		switch e.Kind {
		case Character:
			key := characterKey(e.Text)
			i, ok := b.byKey[key]
			if !ok {
				i = len(b.res.Characters)
				b.byKey[key] = i
				b.res.Characters = append(b.res.Characters, Role{Key: key, Name: characterName(e.Text), Line: e.Line})
				if f := strings.Fields(key); len(f) > 0 {
					b.firstWords[f[0]] = append(b.firstWords[f[0]], key)
				}
			}
		case SceneHeading:
			b.hasHeads = true
		}
	}
}

// characterKey is the name a character is cast by: capitals, single
// spaces, no forcing "@".
func characterKey(name string) string {
	return strings.ToUpper(collapse(unforced(name)))
}

// unforced is a character's name without the "@" that forces it and the
// white space around it: any mix of both, so that "@@ \t@ ANA" is ANA.
func unforced(name string) string {
	return strings.TrimLeftFunc(name, func(r rune) bool { return r == '@' || unicode.IsSpace(r) })
}

// characterName is a character's name for a narrator line: as written,
// single spaces, at most project.MaxCharacterName characters, "SOMEONE"
// when empty.
func characterName(name string) string {
	n := collapse(unforced(name))
	if n == "" {
		return "SOMEONE"
	}
	if utf8.RuneCountInString(n) > project.MaxCharacterName {
		n = string([]rune(n)[:project.MaxCharacterName])
		n = strings.TrimSpace(n)
	}
	return n
}

func (b *builder) warn(line int, format string, args ...any) {
	b.res.Warnings = append(b.res.Warnings, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
}

func (b *builder) run(els []Element) error {
	for i := 0; i < len(els); i++ {
		e := els[i]
		switch e.Kind {
		case SceneHeading:
			b.flush()
			b.scene++
			pl, _ := readHeading(e.Text)
			if pl.Continues && pl.Time == "" {
				pl.Time = b.place.Time
			}
			b.heading = headingPrompt(pl, b.lang)
			b.place, b.est, b.headLine = pl, pl.Establishing, e.Line
			b.transition = false
			b.start(e.Line)
		case Note:
			if !isKino(e.Text) {
				continue
			}
			k, err := parseKino(e.Text, e.Line)
			if err != nil {
				return err
			}
			if k.shot {
				if b.cur != nil && b.cur.empty() && b.cur.note == nil {
					b.cur = nil // the heading's shot is this one
				}
				b.flush()
				b.start(e.Line)
				b.cur.note = k
			}
		case Action:
			if err := b.action(e); err != nil {
				return err
			}
		case Centered, Lyric:
			// Consecutive lines of a song or of centred text are one
			// piece of action.
			j := i + 1
			for j < len(els) && els[j].Kind == e.Kind && !els[j].inSpeech && els[j].Line == els[j-1].Line+1 {
				e.Text += "\n" + els[j].Text
				j++
			}
			if err := b.action(e); err != nil {
				return err
			}
			i = j - 1
		case Character:
			j := i + 1
			for j < len(els) && els[j].inSpeech {
				j++
			}
			speech := els[i:j]
			var dual []Element
			n := j // a plain note may stand between the two columns
			for n < len(els) && els[n].Kind == Note && !isKino(els[n].Text) {
				n++
			}
			if e.Dual && n < len(els) && els[n].Kind == Character && els[n].Dual {
				j = n
				k := j + 1
				for k < len(els) && els[k].inSpeech {
					k++
				}
				dual, j = els[j:k], k
			}
			if err := b.speech(speech, dual); err != nil {
				return err
			}
			i = j - 1
		case Transition:
			b.transition = true
		}
	}
	b.flush()
	return b.err
}

// start begins a new shot in the current scene.
func (b *builder) start(line int) {
	b.cur = &Draft{Scene: b.scene, Line: line, heading: b.heading}
	if b.est {
		b.cur.Shot.Camera.Size = project.SizeWide
	}
}

// empty reports whether the current shot has no content yet.
func (d *Draft) empty() bool { return len(d.actions) == 0 && len(d.Shot.Dialogue) == 0 }

// full reports whether the current shot's exchanges are used up.
func (b *builder) full() bool {
	return b.cur.note == nil && b.cur.speeches >= 2*b.opts.ExchangesPerShot
}

func (b *builder) action(e Element) error {
	text := collapse(e.Text)
	if text == "" {
		return nil
	}
	d := b.cur
	switch {
	case d == nil:
		b.start(e.Line)
	case d.note != nil:
		// A kino shot holds everything up to the next note or heading.
	case d.empty() && !b.transition:
	default:
		reaction := b.hasHeads && d.lastLine && !b.full() && !b.transition
		if !reaction || setupCue(text) != nil {
			b.flush()
			b.start(e.Line)
		}
	}
	b.transition = false
	d = b.cur
	if d.note == nil {
		if cam := setupCue(text); cam != nil {
			if cam.Size != "" {
				d.Shot.Camera.Size = cam.Size
			}
			if cam.Move != "" {
				d.Shot.Camera.Move = cam.Move
			}
		}
	}
	d.actions = append(d.actions, text)
	d.clock += actionMillis(text)
	d.lastLine = false
	b.present(d, text)
	return nil
}

// present adds the characters named in text (a capitalised first letter,
// whole words) to d.Present.
func (b *builder) present(d *Draft, text string) {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '.' || r == '-')
	})
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		up := nameWord(w)
		for _, key := range b.firstWords[up] {
			f := strings.Fields(key)
			if len(f) > len(words)-i {
				continue
			}
			match := true
			for k := 1; k < len(f); k++ {
				if nameWord(words[i+k]) != f[k] {
					match = false
					break
				}
			}
			if match && !contains(d.Present, key) {
				d.Present = append(d.Present, key)
			}
		}
	}
}

// nameWord is a word of action as a word of a name: in capitals, without
// trailing punctuation or a possessive "'s" ("Ana's" is ANA).
func nameWord(w string) string {
	up := strings.ToUpper(strings.TrimRight(w, ".'’-"))
	for _, s := range []string{"'S", "’S"} {
		if t, ok := strings.CutSuffix(up, s); ok && t != "" {
			return t
		}
	}
	return up
}

// segment is one stretch of a speech: the lines said with one delivery.
type segment struct {
	text     string
	delivery project.Delivery
	line     int
	notes    []string
}

// segments splits a speech (a Character and its elements) at its
// parentheticals.
func segments(speech []Element) []segment {
	var out []segment
	var d project.Delivery
	var cur *segment
	for _, e := range speech[1:] {
		switch e.Kind {
		case Parenthetical:
			d = deliveryOf(e.Text)
			cur = nil
		case Dialogue, Lyric:
			t := collapse(e.Text)
			if cur != nil && e.Kind == Lyric {
				cur.text += " " + t
				cur.notes = append(cur.notes, e.Notes...)
				continue
			}
			out = append(out, segment{text: t, delivery: d, line: e.Line, notes: e.Notes})
			cur = &out[len(out)-1]
			if e.Kind == Dialogue {
				cur = nil // the next dialogue element comes after a parenthetical
			}
		}
	}
	return out
}

func (b *builder) speech(speech, dual []Element) error {
	need := 1
	if dual != nil {
		need = 2
	}
	d := b.cur
	switch {
	case d == nil:
		b.start(speech[0].Line)
	case d.note != nil:
	case b.transition && !d.empty():
		b.flush()
		b.start(speech[0].Line)
	case d.speeches > 0 && d.speeches+need > 2*b.opts.ExchangesPerShot:
		b.flush()
		b.start(speech[0].Line)
	}
	b.transition = false
	d = b.cur
	if len(d.Shot.Dialogue) == 0 {
		d.clock = max(d.clock, LeadMillis)
	}
	start := d.clock
	end := start
	for _, sp := range [][]Element{speech, dual} {
		if sp == nil {
			continue
		}
		shot := b.cur
		key := characterKey(sp[0].Text)
		who := Speaker{Key: key, Name: characterName(sp[0].Text)}
		if !contains(shot.Present, key) {
			shot.Present = append(shot.Present, key)
		}
		at := start
		for _, seg := range segments(sp) {
			for _, text := range splitLong(seg.text) {
				if err := b.line(&at, who, text, seg); err != nil {
					return err
				}
				if i, ok := b.byKey[key]; ok {
					b.res.Characters[i].Lines++
				}
			}
		}
		if b.cur != shot { // the speech went on in a new shot
			start, end = at, at
		}
		end = max(end, at)
		b.cur.speeches++
	}
	b.cur.clock = max(end, b.cur.clock)
	b.cur.lastLine = true
	return nil
}

// line lays out one line at *at in the current shot (or, when the shot
// is full of lines or time, in a new one) and moves *at past it.
func (b *builder) line(at *int64, who Speaker, text string, seg segment) error {
	if text = strings.TrimSpace(text); text == "" {
		return nil
	}
	dur := speechMillis(text, seg.delivery)
	limit := int64(project.MaxShotDuration)*1000 - TailMillis
	d := b.cur
	if d.note == nil && (len(d.Shot.Dialogue) >= project.MaxDialogueLines || *at+dur > limit) && len(d.Shot.Dialogue) > 0 {
		b.flush()
		b.start(seg.line)
		d = b.cur
		d.clock = LeadMillis
		*at = LeadMillis
		if !contains(d.Present, who.Key) {
			d.Present = append(d.Present, who.Key)
		}
	}
	l := project.DialogueLine{Text: text, Delivery: seg.delivery, Start: project.Frames(toFrames(*at, b.opts.Rate), b.opts.Rate)}
	w := who
	noteAt := int64(-1)
	for _, n := range seg.notes {
		if !isKino(n) {
			continue
		}
		k, err := parseKino(n, seg.line)
		if err != nil {
			return err
		}
		if k.at >= 0 {
			l.Start = project.Frames(k.at, b.noteRate).Rescale(b.opts.Rate)
			noteAt = k.at
			if d.note == nil { // lay out what follows after this line
				ms := k.at * 1000 * b.noteRate.Den / b.noteRate.Num
				*at = max(*at, min(ms, int64(project.MaxShotDuration)*1000))
			}
		}
		if k.text != nil {
			if strings.TrimSpace(*k.text) == "" {
				return errAt(seg.line, "kino note: the text of a line is empty")
			}
			l.Text = *k.text
		}
		if k.delivery != nil {
			l.Delivery = *k.delivery
		}
		if k.speaker != nil {
			w.Handle, w.Narrator, w.Name = "", k.narrator, *k.speaker
			switch {
			case strings.HasPrefix(*k.speaker, "@"):
				if project.ValidateHandle(*k.speaker) != nil {
					return errAt(seg.line, "kino note: speaker %q is not a cameo's @handle", *k.speaker)
				}
				w.Handle = *k.speaker
			case !validName(*k.speaker):
				return errAt(seg.line, "kino note: speaker %q is not a character's name (at most %d characters on one line)", *k.speaker, project.MaxCharacterName)
			default:
				w.Key = characterKey(*k.speaker)
				w.Narrator = true
			}
		}
	}
	w.line = seg.line
	d.Shot.Dialogue = append(d.Shot.Dialogue, l)
	d.Speakers = append(d.Speakers, w)
	d.noteAt = append(d.noteAt, noteAt)
	*at += dur + LineGapMillis
	d.clock = max(d.clock, *at)
	return nil
}

// validName reports whether a narrator line may carry name as its
// speaker (see project.DialogueLine).
func validName(name string) bool {
	return name != "" && name == strings.TrimSpace(name) && !strings.HasPrefix(name, "@") &&
		utf8.RuneCountInString(name) <= project.MaxCharacterName && strings.IndexFunc(name, unicode.IsControl) < 0
}

// splitLong splits text longer than project.MaxDialogueLength characters
// at sentence ends (or spaces) into pieces that fit.
func splitLong(text string) []string {
	var out []string
	for utf8.RuneCountInString(text) > project.MaxDialogueLength {
		cut := byteIndexOfRune(text, project.MaxDialogueLength)
		head := text[:cut]
		at := -1
		for _, sep := range []string{". ", "! ", "? ", "。", "！", "？"} {
			if i := strings.LastIndex(head, sep); i > at && i > len(head)/3 {
				at = i + len(strings.TrimRight(sep, " "))
			}
		}
		if at < 0 {
			if i := strings.LastIndexByte(head, ' '); i > len(head)/3 {
				at = i
			} else {
				at = cut
			}
		}
		out = append(out, strings.TrimSpace(text[:at]))
		text = strings.TrimSpace(text[at:])
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// byteIndexOfRune returns the byte offset of the n-th rune of s.
func byteIndexOfRune(s string, n int) int {
	i := 0
	for k := range s {
		if i == n {
			return k
		}
		i++
	}
	return len(s)
}

// flush finishes the current shot and adds it to the result.
func (b *builder) flush() {
	d := b.cur
	b.cur = nil
	if d == nil || d.empty() && d.note == nil && d.heading == "" {
		return
	}
	r := b.opts.Rate
	n := d.note
	heading := d.heading
	if n != nil && n.noHeading {
		heading = ""
	}
	prompt := strings.TrimSpace(heading + " " + strings.Join(d.actions, " "))
	if n != nil && n.prompt != nil {
		prompt = *n.prompt
	}
	if utf8.RuneCountInString(prompt) > project.MaxPromptLength {
		cut := byteIndexOfRune(prompt, project.MaxPromptLength)
		if sp := strings.LastIndexByte(prompt[:cut], ' '); sp > cut/2 {
			cut = sp
		}
		b.warn(d.Line, "the prompt of shot %d was cut to its first %d characters (the limit is %d)", len(b.res.Drafts)+1, utf8.RuneCountInString(prompt[:cut]), project.MaxPromptLength)
		prompt = prompt[:cut]
	}
	d.Shot.Prompt = prompt
	ms := d.clock
	if d.lastLine {
		ms += TailMillis - LineGapMillis
	}
	ms = max(ms, MinShotMillis)
	ms = min(ms, int64(project.MaxShotDuration)*1000)
	d.Shot.Duration = project.Frames(max(1, toFrames(ms, r)), r)
	index := len(b.res.Drafts)
	if n == nil {
		for k := range d.Shot.Dialogue {
			if l := &d.Shot.Dialogue[k]; l.Start.Frames >= d.Shot.Duration.Frames {
				b.warn(d.Line, "line %d of shot %d started at %s, after the shot's end; it now starts on its last frame", k+1, index+1, l.Start)
				l.Start.Frames = d.Shot.Duration.Frames - 1
			}
		}
	}
	d.Shot.Seed = project.Seed{Mode: project.SeedFixed, Value: seedFor(index, prompt)}
	if b.opts.NewSeedEachTake {
		d.Shot.Seed.Mode = project.SeedNewEach
	}
	if n != nil {
		if n.duration > 0 {
			d.Shot.Duration = project.Frames(n.duration, b.noteRate).Rescale(r)
			d.Shot.Duration.Frames = max(1, d.Shot.Duration.Frames)
		}
		if n.seed != nil {
			d.Shot.Seed = *n.seed
		}
		d.Shot.Camera, d.Shot.Style, d.Shot.Strength = n.camera, n.style, n.strength
		d.Shot.NegativePrompt = n.negative
		if d.Shot.Duration.Frames > project.Seconds(project.MaxShotDuration, r).Frames && b.err == nil {
			b.err = errAt(n.line, "kino note: shot %d lasts %s, longer than the %d-minute limit", index+1, d.Shot.Duration, project.MaxShotDuration/60)
		}
		if len(d.Shot.Dialogue) > project.MaxDialogueLines && b.err == nil {
			b.err = errAt(n.line, "kino note: shot %d has %d lines of dialogue; a shot holds at most %d", index+1, len(d.Shot.Dialogue), project.MaxDialogueLines)
		}
		last := d.Shot.Duration.Frames - 1
		for k := range d.Shot.Dialogue {
			l := &d.Shot.Dialogue[k]
			switch {
			case l.Start.Frames <= last:
			case n.duration > 0 && d.noteAt[k] >= 0 && d.noteAt[k] < n.duration:
				l.Start.Frames = last // inside the shot at the notes' rate; rounding put it at the end
			case b.err == nil:
				b.err = errAt(n.line, "kino note: shot %d lasts %s, but its line %d starts at %s, after it ends", index+1, d.Shot.Duration, k+1, l.Start)
			}
		}
	}
	b.res.Drafts = append(b.res.Drafts, *d)
}

// seedFor is a shot's seed: the same script gives the same seeds.
func seedFor(index int, prompt string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d\x00%s", index, prompt)
	return h.Sum64() >> 1 // SQLite stores signed 64-bit integers
}

// setupCue returns the camera an action paragraph's opening set-up words
// ask for (an empty camera for LATER, POV and the like), or nil when it
// does not open with one.
func setupCue(text string) *project.Camera {
	for _, c := range setupCues {
		if rest, ok := strings.CutPrefix(text, c.words); ok {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
				cam := c.cam
				return &cam
			}
		}
	}
	return nil
}

var setupCues = []struct {
	words string
	cam   project.Camera
}{
	{"EXTREME CLOSE", project.Camera{Size: project.SizeCloseUp}}, {"CLOSE ON", project.Camera{Size: project.SizeCloseUp}},
	{"CLOSE UP", project.Camera{Size: project.SizeCloseUp}}, {"CLOSE-UP", project.Camera{Size: project.SizeCloseUp}},
	{"CLOSEUP", project.Camera{Size: project.SizeCloseUp}}, {"ECU", project.Camera{Size: project.SizeCloseUp}},
	{"INSERT", project.Camera{Size: project.SizeCloseUp}}, {"GROSSAUFNAHME", project.Camera{Size: project.SizeCloseUp}},
	{"GROẞAUFNAHME", project.Camera{Size: project.SizeCloseUp}}, {"DETAIL", project.Camera{Size: project.SizeCloseUp}},
	{"NAH", project.Camera{Size: project.SizeCloseUp}},
	{"WIDE", project.Camera{Size: project.SizeWide}}, {"ESTABLISHING", project.Camera{Size: project.SizeWide}},
	{"TOTALE", project.Camera{Size: project.SizeWide}}, {"HALBTOTALE", project.Camera{Size: project.SizeWide}},
	{"AERIAL", project.Camera{Size: project.SizeWide, Move: project.MoveAerial}}, {"LUFTAUFNAHME", project.Camera{Size: project.SizeWide, Move: project.MoveAerial}},
	{"MEDIUM", project.Camera{Size: project.SizeMedium}}, {"TWO SHOT", project.Camera{Size: project.SizeMedium}},
	{"TWO-SHOT", project.Camera{Size: project.SizeMedium}}, {"HALBNAH", project.Camera{Size: project.SizeMedium}},
	{"TRACKING", project.Camera{Move: project.MoveDollyIn}}, {"PAN", project.Camera{Move: project.MovePanRight}},
	{"ANGLE ON", project.Camera{}}, {"REVERSE ANGLE", project.Camera{}}, {"POV", project.Camera{}},
	{"BACK TO SCENE", project.Camera{}}, {"OVER THE SHOULDER", project.Camera{}}, {"LATER", project.Camera{}},
	{"MOMENTS LATER", project.Camera{}}, {"SPÄTER", project.Camera{}}, {"GEGENSCHUSS", project.Camera{}},
}

// detectLanguage guesses whether a script is German or English from the
// stop words of its action and dialogue, and German scene headings.
func detectLanguage(els []Element) string {
	de, en := 0, 0
	for _, e := range els {
		switch e.Kind {
		case SceneHeading:
			if _, german := readHeading(e.Text); german {
				de += 5
			}
		case Action, Dialogue:
			for _, w := range strings.FieldsFunc(strings.ToLower(e.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
				switch {
				case germanStop[w]:
					de++
				case englishStop[w]:
					en++
				}
			}
		}
		if de+en > 2000 {
			break
		}
	}
	if de > en {
		return German
	}
	return English
}

var germanStop = setOf("der die das und ist nicht ich du wir ihr sie er es ein eine einen dem den mit auf zu im sich auch noch schon aber wie was wo wer doch nur mal")
var englishStop = setOf("the and is are not you we they he she it a an of to with on at this that what where who but just only")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
