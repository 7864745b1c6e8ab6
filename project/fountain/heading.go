package fountain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Language of a script's prompts: English or German.
const (
	English = "en"
	German  = "de"
)

// Place is what a scene heading says: where and when.
type Place struct {
	// Setting is the location in prompt form: "beach", or for German
	// scripts "Küche"; parts of "HOUSE - KITCHEN" are joined with ", ".
	Setting string
	// Inside and Outside: INT., EXT., or both for INT./EXT. and I/E.
	Inside, Outside bool
	// Establishing is set for EST. headings (a wide shot).
	Establishing bool
	// Time is the time of day in prompt words ("golden hour", "Nacht"),
	// "" when the heading gives none.
	Time string
	// Continues is set when the heading's time says the scene continues
	// the one before (CONTINUOUS, LATER, SAME): the earlier time holds.
	Continues bool
}

// timeWords maps a heading's time of day (in capitals) to prompt words.
// SUNSET and SUNRISE become "golden hour", the light the engines know.
var timeWords = map[string]string{
	"DAY": "day", "DAYTIME": "day", "NIGHT": "night", "MORNING": "morning", "EARLY MORNING": "dawn",
	"AFTERNOON": "afternoon", "NOON": "noon", "MIDDAY": "noon", "EVENING": "evening", "DUSK": "dusk",
	"DAWN": "dawn", "SUNRISE": "golden hour", "SUNSET": "golden hour", "MAGIC HOUR": "golden hour",
	"GOLDEN HOUR": "golden hour", "TWILIGHT": "twilight", "MIDNIGHT": "midnight", "LATE NIGHT": "night",
	"BLUE HOUR": "blue hour",
	"TAG":       "Tag", "NACHT": "Nacht", "MORGEN": "Morgen", "FRÜH": "Morgengrauen", "MORGENGRAUEN": "Morgengrauen",
	"MITTAG": "Mittag", "NACHMITTAG": "Nachmittag", "VORMITTAG": "Vormittag", "ABEND": "Abend",
	"DÄMMERUNG": "Dämmerung", "ABENDDÄMMERUNG": "Abenddämmerung", "SONNENUNTERGANG": "Sonnenuntergang",
	"SONNENAUFGANG": "Sonnenaufgang", "MITTERNACHT": "Mitternacht", "GOLDENE STUNDE": "goldene Stunde",
}

// germanTimes are the time words that make a heading German.
var germanTimes = map[string]bool{}

func init() {
	for k, v := range timeWords {
		if v != strings.ToLower(v) || strings.ContainsAny(k, "ÄÖÜ") {
			germanTimes[k] = true
		}
	}
}

// continuity are heading times that continue the scene before.
var continuity = map[string]bool{
	"CONTINUOUS": true, "LATER": true, "MOMENTS LATER": true, "A MOMENT LATER": true, "SAME": true,
	"SAME TIME": true, "MOMENTS BEFORE": true, "CONT'D": true, "CONTINUED": true,
	"KONTINUIERLICH": true, "DURCHGEHEND": true, "SPÄTER": true, "GLEICHZEITIG": true, "ANSCHLUSS": true,
}

// readHeading reads a scene heading's text (without a forcing "."). It
// reports whether the heading is German (INNEN/AUSSEN or a German time).
func readHeading(text string) (Place, bool) {
	var pl Place
	german := false
	t := strings.TrimSpace(text)
	up := strings.ToUpper(t)
	prefixes := []struct {
		p       string
		in, out bool
		de, est bool
	}{
		{p: "INT./EXT", in: true, out: true}, {p: "INT/EXT", in: true, out: true}, {p: "I/E", in: true, out: true},
		{p: "INNEN/AUSSEN", in: true, out: true, de: true}, {p: "AUSSEN/INNEN", in: true, out: true, de: true},
		{p: "INNEN/AUßEN", in: true, out: true, de: true}, {p: "AUßEN/INNEN", in: true, out: true, de: true},
		{p: "INT", in: true}, {p: "EXT", out: true}, {p: "EST", out: true, est: true},
		{p: "INNEN", in: true, de: true}, {p: "AUSSEN", out: true, de: true}, {p: "AUßEN", out: true, de: true},
	}
	for _, x := range prefixes {
		if strings.HasPrefix(up, x.p) && (len(up) == len(x.p) || up[len(x.p)] == '.' || up[len(x.p)] == ' ') {
			pl.Inside, pl.Outside, pl.Establishing, german = x.in, x.out, x.est, x.de
			t = strings.TrimLeft(t[len(x.p):], ". ")
			break
		}
	}
	parts := splitDashes(t)
	if n := len(parts); n > 0 {
		last := strings.ToUpper(parts[n-1])
		switch {
		case timeWords[last] != "":
			pl.Time = timeWords[last]
			german = german || germanTimes[last]
			parts = parts[:n-1]
		case continuity[last]:
			pl.Continues = true
			parts = parts[:n-1]
		}
	}
	pl.Setting = strings.Join(parts, ", ")
	return pl, german
}

// splitDashes splits "HOUSE - KITCHEN - NIGHT" at spaced dashes.
func splitDashes(t string) []string {
	for _, d := range []string{" – ", " — "} {
		t = strings.ReplaceAll(t, d, " - ")
	}
	var out []string
	for _, p := range strings.Split(t, " - ") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// smallGerman are words German titles keep in lower case.
var smallGerman = map[string]bool{
	"der": true, "die": true, "das": true, "des": true, "dem": true, "den": true, "ein": true, "eine": true,
	"einer": true, "eines": true, "und": true, "oder": true, "im": true, "in": true, "am": true, "an": true,
	"auf": true, "bei": true, "von": true, "vom": true, "zum": true, "zur": true, "mit": true, "aus": true,
	"vor": true, "hinter": true, "unter": true, "über": true, "nach": true,
}

// settingWords writes a heading's location for a prompt: lower case in
// English; in German, nouns (every word but articles and prepositions)
// capitalised.
func settingWords(s, lang string) string {
	s = strings.ToLower(s)
	if lang != German {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if w == "" || (i > 0 && smallGerman[strings.Trim(w, ",")]) {
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// insideWords says interior/exterior in a prompt.
func insideWords(pl Place, lang string) string {
	switch {
	case pl.Inside && pl.Outside:
		if lang == German {
			return "drinnen und draußen"
		}
		return "indoors and outdoors"
	case pl.Inside:
		if lang == German {
			return "drinnen"
		}
		return "indoors"
	case pl.Outside:
		if lang == German {
			return "draußen"
		}
		return "outdoors"
	}
	return ""
}

// headingPrompt is the part of a shot's prompt a scene heading gives:
// "beach, outdoors, golden hour." (or "" for an empty heading).
func headingPrompt(pl Place, lang string) string {
	var parts []string
	if s := settingWords(pl.Setting, lang); s != "" {
		parts = append(parts, s)
	}
	if w := insideWords(pl, lang); w != "" {
		parts = append(parts, w)
	}
	if pl.Time != "" {
		parts = append(parts, pl.Time)
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + "."
}

// headingFor returns a scene heading whose headingPrompt is head, and
// false when it finds none (a prompt not made from a heading).
func headingFor(head, lang string) (string, bool) {
	body, ok := strings.CutSuffix(head, ".")
	if !ok || body == "" {
		return "", false
	}
	parts := strings.Split(body, ", ")
	tk := ""
	if n := len(parts); n > 0 {
		if tk = timeKey(parts[n-1]); tk != "" {
			parts = parts[:n-1]
		}
	}
	prefix := "."
	if n := len(parts); n > 0 {
		switch parts[n-1] {
		case "indoors", "drinnen":
			prefix, parts = "INT. ", parts[:n-1]
		case "outdoors", "draußen":
			prefix, parts = "EXT. ", parts[:n-1]
		case "indoors and outdoors", "drinnen und draußen":
			prefix, parts = "INT./EXT. ", parts[:n-1]
		}
	}
	setting := strings.ToUpper(strings.Join(parts, " - "))
	h := prefix + setting
	if tk != "" {
		if setting != "" {
			h += " - "
		}
		h += tk
	}
	// Check by reading it back: as a scene heading, and as the same
	// prompt words.
	text, ok := parsesAsHeading(h)
	if !ok {
		return "", false
	}
	back, _ := readHeading(text)
	if headingPrompt(back, lang) != head || back.Continues {
		return "", false
	}
	return h, true
}

// timeKey returns the heading time (in capitals) that gives the prompt
// words w: w in capitals when it does, else the first in alphabetical
// order; "" for none.
func timeKey(w string) string {
	if up := strings.ToUpper(w); timeWords[up] == w {
		return up
	}
	k := ""
	for key, v := range timeWords {
		if v == w && (k == "" || key < k) {
			k = key
		}
	}
	return k
}

// parsesAsHeading reports whether line h reads as a scene heading on its
// own, with nothing else (no scene number, no notes), and returns its text.
func parsesAsHeading(h string) (string, bool) {
	sc, err := Parse([]byte(h + "\n"))
	if err != nil || len(sc.Elements) != 1 || sc.Elements[0].Kind != SceneHeading || len(sc.TitlePage) > 0 {
		return "", false
	}
	e := sc.Elements[0]
	if e.SceneNumber != "" || len(e.Notes) > 0 {
		return "", false
	}
	return e.Text, true
}
