package fountain

import (
	"fmt"
	"strings"
)

// Kind is the kind of a screenplay element.
type Kind int

// Element kinds, as fountain.io names them.
const (
	SceneHeading  Kind = iota + 1 // INT. BEACH - SUNSET, or forced with "."
	Action                        // any other paragraph; forced with "!"
	Character                     // an upper-case name over dialogue; forced with "@"
	Dialogue                      // what a character says
	Parenthetical                 // "(whispering)" under a character or in dialogue
	Lyric                         // "~" sung lines
	Transition                    // CUT TO:, or forced with ">"
	Centered                      // >THE END<
	Note                          // [[ a note ]] standing as its own paragraph
	Section                       // # Act one (Depth is the number of #)
	Synopsis                      // = what happens next
	PageBreak                     // ===
)

var kindNames = map[Kind]string{
	SceneHeading: "scene", Action: "action", Character: "character", Dialogue: "dialogue",
	Parenthetical: "parenthetical", Lyric: "lyric", Transition: "transition", Centered: "centered",
	Note: "note", Section: "section", Synopsis: "synopsis", PageBreak: "pagebreak",
}

// String names the kind in lower case ("scene", "action", ...).
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Element is one paragraph-level element of a screenplay, with the
// markup removed: Text has no emphasis markers, no inline notes and no
// forcing characters.
type Element struct {
	Kind Kind
	// Line is the 1-based line of the source where the element starts.
	Line int
	// Text is the element's text. Lines of an action paragraph or of a
	// dialogue are joined with "\n". For a Character it is the name
	// without extensions; for a Section or Synopsis the text after the
	// marker.
	Text string
	// Extensions are a character's parenthesised extensions, such as
	// "V.O." or "CONT'D", without the parentheses.
	Extensions []string
	// Dual marks the second character of dual dialogue ("^") and the
	// elements of its speech; the first character's speech is marked
	// too, so both columns can be told apart from plain dialogue.
	Dual bool
	// Forced says the element was forced with its marker ("." "!" "@" ">").
	Forced bool
	// SceneNumber is a scene heading's "#12A#" number, without the "#".
	SceneNumber string
	// Depth is a section's level (1 for "#").
	Depth int
	// Notes are the [[notes]] written inside the element, in order.
	Notes []string

	inSpeech bool // a dialogue, parenthetical or lyric under a character
}

// Title is one key of a title page, such as "Title" or "Draft date".
type Title struct {
	Key   string
	Value string // several lines joined with "\n"
	Line  int
}

// Script is a parsed Fountain screenplay.
type Script struct {
	TitlePage []Title
	Elements  []Element
}

// Title returns the value of the title page key (case-insensitive), or "".
func (s *Script) Title(key string) string {
	for _, t := range s.TitlePage {
		if strings.EqualFold(t.Key, key) {
			return t.Value
		}
	}
	return ""
}

// String formats e on one line for test listings, e.g.
// `12 character MARIA (V.O.) ^`.
func (e Element) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", e.Line, e.Kind)
	if e.Kind == Section {
		fmt.Fprintf(&b, " %d", e.Depth)
	}
	if e.Text != "" {
		b.WriteString(" " + strings.ReplaceAll(e.Text, "\n", "⏎"))
	}
	for _, x := range e.Extensions {
		b.WriteString(" (" + x + ")")
	}
	if e.SceneNumber != "" {
		b.WriteString(" #" + e.SceneNumber + "#")
	}
	if e.Dual {
		b.WriteString(" ^")
	}
	if e.Forced {
		b.WriteString(" !")
	}
	for _, n := range e.Notes {
		b.WriteString(" [[" + strings.ReplaceAll(n, "\n", "⏎") + "]]")
	}
	return b.String()
}
