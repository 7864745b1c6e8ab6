package fountain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameRunes is the longest character name recognised without "@": a
// longer line in capitals over text is read as action.
const MaxNameRunes = 50

// Parse reads a Fountain screenplay (fountain.io, version 1.1): the title
// page, scene headings (INT., EXT., EST., INT./EXT., I/E, and the German
// INNEN and AUSSEN; forced with "."), action (forced with "!"),
// characters (forced with "@"; extensions such as "(V.O.)"; "^" for dual
// dialogue), dialogue, parentheticals, lyrics ("~"), transitions ("TO:",
// the German "AUF:", forced with ">"), centred text (">text<"), notes ("[[ ]]"), the boneyard
// ("/* */"), sections ("#"), synopses ("="), page breaks ("===") and
// emphasis (*, **, ***, _; escaped with "\").
//
// It refuses data that is not UTF-8 text (binary data, other encodings)
// and an unclosed boneyard, with the line number; anything else is read as
// some element, as the format intends. Parse runs in time linear in the
// script's length.
func Parse(data []byte) (*Script, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	lines, err := splitLines(data)
	if err != nil {
		return nil, err
	}
	lines = joinNotes(lines)
	p := &parser{lines: lines}
	s := &Script{}
	p.i = p.titlePage(s)
	p.body(s)
	return s, nil
}

type parser struct {
	lines []srcLine
	i     int
	out   []Element
}

// titlePage reads "Key: value" lines at the very top (values may continue
// on indented lines) and returns the index of the first line after it.
func (p *parser) titlePage(s *Script) int {
	i := 0
	for i < len(p.lines) && empty(p.lines[i].text) {
		i++
	}
	if i >= len(p.lines) {
		return i
	}
	if _, _, ok := titleKey(p.lines[i].text); !ok {
		return 0
	}
	for i < len(p.lines) && !empty(p.lines[i].text) {
		l := p.lines[i]
		key, val, ok := titleKey(l.text)
		if !ok {
			if len(s.TitlePage) > 0 && (strings.HasPrefix(l.text, "   ") || strings.HasPrefix(l.text, "\t")) {
				t := &s.TitlePage[len(s.TitlePage)-1]
				v, _ := clean(strings.TrimSpace(l.text))
				if t.Value != "" {
					t.Value += "\n"
				}
				t.Value += v
				i++
				continue
			}
			break
		}
		v, _ := clean(strings.TrimSpace(val))
		s.TitlePage = append(s.TitlePage, Title{Key: key, Value: v, Line: l.num})
		i++
	}
	return i
}

// titleKey splits "Draft date: 1 May" into its key and value.
func titleKey(line string) (key, val string, ok bool) {
	if line == "" || line[0] == ' ' || line[0] == '\t' {
		return "", "", false
	}
	k, v, found := strings.Cut(line, ":")
	if !found || k == "" || len(k) > 30 {
		return "", "", false
	}
	for _, r := range k {
		if !(unicode.IsLetter(r) || r == ' ' || r == '-' || r == '_') {
			return "", "", false
		}
	}
	return strings.TrimSpace(k), v, true
}

func (p *parser) emit(e Element) { p.out = append(p.out, e) }

// body reads elements from p.i to the end.
func (p *parser) body(s *Script) {
	prevBlank := true
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if empty(l.text) {
			prevBlank = true
			p.i++
			continue
		}
		p.element(prevBlank)
		prevBlank = false
	}
	s.Elements = p.out
}

// next returns the line after p.i and whether it exists and has text.
func (p *parser) next() bool {
	return p.i+1 < len(p.lines) && !empty(p.lines[p.i+1].text)
}

// element reads the element starting at p.i (a line with text) and moves
// p.i past it.
func (p *parser) element(prevBlank bool) {
	l := p.lines[p.i]
	t := strings.TrimSpace(l.text)
	switch {
	case len(t) >= 3 && strings.Trim(t, "=") == "":
		p.emit(Element{Kind: PageBreak, Line: l.num})
		p.i++
	case t[0] == '#':
		d := len(t) - len(strings.TrimLeft(t, "#"))
		text, notes := clean(strings.TrimSpace(t[d:]))
		p.emit(Element{Kind: Section, Line: l.num, Depth: d, Text: text, Notes: notes})
		p.i++
	case t[0] == '=':
		text, notes := clean(strings.TrimSpace(t[1:]))
		p.emit(Element{Kind: Synopsis, Line: l.num, Text: text, Notes: notes})
		p.i++
	case onlyNotes(t):
		_, notes := cutNotes(t)
		for _, n := range notes {
			p.emit(Element{Kind: Note, Line: l.num, Text: n})
		}
		p.i++
	case t[0] == '!':
		p.action(true)
	case t[0] == '.' && len(t) > 1 && t[1] != '.':
		p.heading(strings.TrimSpace(t[1:]), true)
	case t[0] == '@':
		p.speech(strings.TrimSpace(t[1:]), true)
	case t[0] == '~':
		p.lyrics()
	case t[0] == '>' && strings.HasSuffix(t, "<") && len(t) >= 2:
		p.centered()
	case t[0] == '>':
		text, notes := clean(strings.TrimSpace(t[1:]))
		p.emit(Element{Kind: Transition, Line: l.num, Text: text, Forced: true, Notes: notes})
		p.i++
	case prevBlank && isHeading(t):
		p.heading(t, false)
	case prevBlank && (strings.HasSuffix(t, "TO:") || strings.HasSuffix(t, " AUF:")) && isUpper(t) && !p.next():
		text, notes := clean(t)
		p.emit(Element{Kind: Transition, Line: l.num, Text: text, Notes: notes})
		p.i++
	case prevBlank && p.next() && isCharacter(t):
		p.speech(t, false)
	default:
		p.action(false)
	}
}

// onlyNotes reports whether t is nothing but [[notes]].
func onlyNotes(t string) bool {
	if !strings.HasPrefix(t, "[[") {
		return false
	}
	rest, notes := cutNotes(t)
	return len(notes) > 0 && strings.TrimSpace(rest) == ""
}

// headingPrefixes start a scene heading (followed by "." or a space).
var headingPrefixes = []string{"INT./EXT", "INT/EXT", "INT", "EXT", "EST", "I/E"}

// germanPrefixes are German scene headings, recognised in capitals only.
var germanPrefixes = []string{"INNEN/AUSSEN", "AUSSEN/INNEN", "INNEN/AUßEN", "AUßEN/INNEN", "INNEN", "AUSSEN", "AUßEN"}

// isHeading reports whether t begins like a scene heading.
func isHeading(t string) bool {
	up := strings.ToUpper(t)
	for _, p := range headingPrefixes {
		if strings.HasPrefix(up, p) && len(up) > len(p) && (up[len(p)] == '.' || up[len(p)] == ' ') {
			return true
		}
	}
	for _, p := range germanPrefixes {
		if strings.HasPrefix(t, p) && len(t) > len(p) && (t[len(p)] == '.' || t[len(p)] == ' ') {
			return true
		}
	}
	return false
}

func (p *parser) heading(t string, forced bool) {
	num := p.lines[p.i].num
	text, notes := clean(t)
	e := Element{Kind: SceneHeading, Line: num, Forced: forced, Notes: notes}
	text = strings.TrimSpace(text)
	if strings.HasSuffix(text, "#") {
		if o := strings.LastIndex(text[:len(text)-1], "#"); o >= 0 && validSceneNumber(text[o+1:len(text)-1]) {
			e.SceneNumber = text[o+1 : len(text)-1]
			text = strings.TrimSpace(text[:o])
		}
	}
	e.Text = text
	p.emit(e)
	p.i++
}

func validSceneNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// isUpper reports whether t has a cased letter and no lower-case one.
func isUpper(t string) bool {
	cased := false
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		cased = cased || unicode.IsUpper(r)
	}
	return cased
}

// splitName splits a character line into the name, its extensions and
// the dual-dialogue mark.
func splitName(t string) (name string, ext []string, dual bool) {
	t = strings.TrimSpace(t)
	if strings.HasSuffix(t, "^") {
		dual = true
		t = strings.TrimSpace(strings.TrimSuffix(t, "^"))
	}
	name = t
	if o := strings.IndexByte(t, '('); o > 0 {
		rest := t[o:]
		var parts []string
		ok := true
		for rest != "" {
			if rest[0] != '(' {
				ok = false
				break
			}
			c := strings.IndexByte(rest, ')')
			if c < 0 {
				ok = false
				break
			}
			parts = append(parts, strings.TrimSpace(rest[1:c]))
			rest = strings.TrimSpace(rest[c+1:])
		}
		if ok {
			name, ext = strings.TrimSpace(t[:o]), parts
		}
	}
	return name, ext, dual
}

// isCharacter reports whether t is a character cue: a name in capitals
// (extensions may use any case) of at most MaxNameRunes characters.
func isCharacter(t string) bool {
	name, _, _ := splitName(t)
	if name == "" || utf8.RuneCountInString(name) > MaxNameRunes {
		return false
	}
	n, _ := cutNotes(name)
	return isUpper(n)
}

// speech reads a character cue at p.i and the dialogue under it.
func (p *parser) speech(t string, forced bool) {
	l := p.lines[p.i]
	t, cueNotes := cutNotes(t)
	name, ext, dual := splitName(t)
	name = plain(name)
	first := len(p.out)
	p.emit(Element{Kind: Character, Line: l.num, Text: name, Extensions: ext, Dual: dual, Forced: forced, Notes: cueNotes})
	p.i++
	var dlg *Element // the dialogue being collected
	for p.i < len(p.lines) && !blank(p.lines[p.i].text) {
		l := p.lines[p.i]
		p.i++
		raw := strings.TrimSpace(l.text)
		text, notes := clean(raw)
		text = strings.TrimSpace(text)
		switch {
		case raw == "": // "  ": an empty line inside the dialogue
			if dlg != nil {
				dlg.Text += "\n"
			}
			continue
		case text == "" && len(notes) > 0:
			last := &p.out[len(p.out)-1]
			last.Notes = append(last.Notes, notes...)
			continue
		case strings.HasPrefix(raw, "(") && strings.HasSuffix(raw, ")") && len(text) >= 2 && text[0] == '(' && text[len(text)-1] == ')':
			dlg = nil
			p.emit(Element{Kind: Parenthetical, Line: l.num, Text: strings.TrimSpace(text[1 : len(text)-1]), Dual: dual, Notes: notes})
			continue
		case strings.HasPrefix(raw, "~"):
			dlg = nil
			text, notes = clean(strings.TrimSpace(raw[1:]))
			p.emit(Element{Kind: Lyric, Line: l.num, Text: text, Dual: dual, Notes: notes})
			continue
		}
		if dlg != nil {
			dlg.Text += "\n" + text
			dlg.Notes = append(dlg.Notes, notes...)
			continue
		}
		p.emit(Element{Kind: Dialogue, Line: l.num, Text: text, Dual: dual, Notes: notes})
		dlg = &p.out[len(p.out)-1]
	}
	for k := first + 1; k < len(p.out); k++ {
		p.out[k].inSpeech = true
		if p.out[k].Kind == Dialogue {
			p.out[k].Text = strings.TrimRight(p.out[k].Text, "\n")
		}
	}
	if dual {
		// Mark the speech before as the first column.
		k := first - 1
		for k >= 0 && (p.out[k].Kind == Dialogue || p.out[k].Kind == Parenthetical || p.out[k].Kind == Lyric || p.out[k].Kind == Note) {
			k--
		}
		if k >= 0 && p.out[k].Kind == Character {
			for ; k < first; k++ {
				if p.out[k].Kind != Note {
					p.out[k].Dual = true
				}
			}
		}
	}
}

// action reads an action paragraph: lines up to a blank line. Leading
// tabs and spaces are kept; "!" forcing a line is removed.
func (p *parser) action(forced bool) {
	start := p.lines[p.i].num
	var b strings.Builder
	var notes []string
	n := 0
	for p.i < len(p.lines) && !blank(p.lines[p.i].text) {
		raw := strings.TrimRight(p.lines[p.i].text, " \t")
		if n > 0 && len(strings.TrimSpace(raw)) >= 3 && strings.Trim(strings.TrimSpace(raw), "=") == "" {
			break // a page break ends the paragraph
		}
		p.i++
		if t := strings.TrimLeft(raw, " \t"); strings.HasPrefix(t, "!") {
			raw = raw[:len(raw)-len(t)] + t[1:]
		}
		text, ns := clean(raw)
		notes = append(notes, ns...)
		if len(ns) > 0 && strings.TrimSpace(text) == "" {
			continue // a note on a line of its own inside the paragraph
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimRight(text, " \t"))
		n++
	}
	text := strings.Trim(b.String(), "\n")
	if text == "" && len(notes) > 0 {
		for _, nt := range notes {
			p.emit(Element{Kind: Note, Line: start, Text: nt})
		}
		return
	}
	p.emit(Element{Kind: Action, Line: start, Text: text, Forced: forced, Notes: notes})
}

// lyrics reads "~" lines, one Lyric each.
func (p *parser) lyrics() {
	for p.i < len(p.lines) && strings.HasPrefix(strings.TrimSpace(p.lines[p.i].text), "~") {
		l := p.lines[p.i]
		text, notes := clean(strings.TrimSpace(strings.TrimSpace(l.text)[1:]))
		p.emit(Element{Kind: Lyric, Line: l.num, Text: text, Notes: notes})
		p.i++
	}
}

// centered reads ">text<" lines, one Centered each.
func (p *parser) centered() {
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		t := strings.TrimSpace(l.text)
		if len(t) < 2 || t[0] != '>' || !strings.HasSuffix(t, "<") {
			return
		}
		text, notes := clean(strings.TrimSpace(t[1 : len(t)-1]))
		p.emit(Element{Kind: Centered, Line: l.num, Text: text, Notes: notes})
		p.i++
	}
}
