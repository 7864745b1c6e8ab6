// Package fountaintest generates Fountain screenplays for benchmarks and
// tests: feature-length scripts with every common element.
package fountaintest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var (
	places  = []string{"BEACH", "ANA'S VAN", "LIGHTHOUSE KITCHEN", "HARBOUR", "CITY STREET", "HOTEL LOBBY", "ROOFTOP", "TRAIN STATION"}
	times   = []string{"DAY", "NIGHT", "SUNSET", "MORNING", "CONTINUOUS", "LATER", "DUSK"}
	names   = []string{"ANA", "TOM", "MARIA", "JÖRG", "OLD MAN", "DETECTIVE REYES", "KIM", "LÜKAS"}
	exts    = []string{"", "", "", " (V.O.)", " (O.S.)", " (CONT'D)"}
	parens  = []string{"(whispering)", "(to Tom)", "(slowly)", "(beat)", "(shouting)"}
	vocab   = strings.Fields("the a of and sea light waves sand crate fireworks door van radio glass slowly turns looks away toward harbour night sky boat rope old young hand laughs runs stops waits window rain street lamp coffee table chair ticket train platform *bright* _cold_ behind under over into")
	speech  = strings.Fields("I you we it is not never always again tonight here there why what now please wait listen look remember promise lied tomorrow sorry maybe yes no")
	setupss = []string{"CLOSE ON the %s.", "WIDE: the %s at dawn.", "ANGLE ON the %s."}
)

// Feature returns a screenplay of about words words (a page holds about
// 250): a title page, sections, scene headings, action, dialogue with
// parentheticals and extensions, dual dialogue, transitions, notes and a
// boneyard, generated from seed.
func Feature(words int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	n := 0
	write := func(s string) {
		b.WriteString(s)
		n += len(strings.Fields(s))
	}
	sentence := func(pool []string, k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = pool[r.IntN(len(pool))]
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	b.WriteString("Title: A Feature\nAuthor: fountaintest\nDraft date: 2026\n\n")
	for scene := 1; n < words; scene++ {
		if scene%20 == 1 {
			fmt.Fprintf(&b, "# Act %d\n\n= Things happen.\n\n", scene/20+1)
		}
		prefix := []string{"INT.", "EXT.", "INT./EXT."}[r.IntN(3)]
		write(fmt.Sprintf("%s %s - %s\n\n", prefix, places[r.IntN(len(places))], times[r.IntN(len(times))]))
		for beat := 0; beat < 3+r.IntN(4); beat++ {
			if r.IntN(5) == 0 {
				write(fmt.Sprintf(setupss[r.IntN(len(setupss))], vocab[r.IntN(len(vocab))]) + "\n\n")
			}
			write(sentence(vocab, 8+r.IntN(20)) + " " + sentence(vocab, 5+r.IntN(10)) + "\n\n")
			if r.IntN(8) == 0 {
				b.WriteString("[[A note for the director.]]\n\n")
			}
			for range 1 + r.IntN(4) {
				write(names[r.IntN(len(names))] + exts[r.IntN(len(exts))] + "\n")
				if r.IntN(3) == 0 {
					write(parens[r.IntN(len(parens))] + "\n")
				}
				write(sentence(speech, 3+r.IntN(18)) + "\n\n")
			}
			if r.IntN(10) == 0 {
				write(names[0] + "\n" + sentence(speech, 4) + "\n\n" + names[1] + " ^\n" + sentence(speech, 4) + "\n\n")
			}
		}
		if r.IntN(6) == 0 {
			b.WriteString("/* a cut line\nthat spans lines */\n\n")
		}
		if r.IntN(4) == 0 {
			write("CUT TO:\n\n")
		}
	}
	b.WriteString(">THE END<\n")
	return []byte(b.String())
}
