package fountain

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"kino/project"
)

// Kino notes carry what Fountain has no syntax for. They are Fountain
// notes whose text starts with "kino:", then clauses separated by ";".
// Text values are JSON strings (with [, ], * and / escaped as \u, so the
// note can hold any text).
//
//	[[kino: film; rate 24; language en]]                    after the title page
//	[[kino: shot 3; duration 112f; seed 42; camera close-up dolly-in; style noir;
//	  strength 0.4; negative "blurry"; cast @ana as "ANA", @tom]]   before a shot
//	[[kino: shot 4; no heading; prompt "a prompt Fountain cannot say"]]
//	Look at the sky. [[kino: at 28f]]                          after a line of dialogue
//	… [[kino: at 0f; speaker "TOM"; narrator; delivery whisper; text "…"]]
//
// A shot note starts a shot and holds it together: everything up to the
// next shot note or scene heading belongs to it, and what the note leaves
// out takes its default (no camera, no style), not a value the breakdown
// would guess.
const kinoPrefix = "kino:"

// noteCast is one "cast" entry of a shot note.
type noteCast struct {
	Handle, Role string
}

// kinoNote is a parsed kino note.
type kinoNote struct {
	line int
	film bool
	rate project.Rate
	lang string

	shot      bool
	duration  int64 // frames at the film note's rate; 0 if not given
	seed      *project.Seed
	camera    project.Camera
	style     project.Style
	strength  float64
	negative  string
	prompt    *string
	noHeading bool
	cast      []noteCast
	castGiven bool

	at       int64 // -1 if not given
	speaker  *string
	narrator bool
	delivery *project.Delivery
	text     *string
}

// isKino reports whether a note's text is a kino note.
func isKino(note string) bool {
	return len(note) >= len(kinoPrefix) && strings.EqualFold(note[:len(kinoPrefix)], kinoPrefix)
}

// parseKino reads a kino note's text.
func parseKino(note string, line int) (*kinoNote, error) {
	k := &kinoNote{line: line, at: -1}
	bad := func(format string, args ...any) error {
		return errAt(line, "kino note: "+format, args...)
	}
	body := strings.NewReplacer("\n", " ", "\t", " ").Replace(note[len(kinoPrefix):])
	for _, clause := range splitOutside(strings.TrimSpace(body), ';') {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			continue
		}
		key, rest, _ := strings.Cut(clause, " ")
		rest = strings.TrimSpace(rest)
		var err error
		switch strings.ToLower(key) {
		case "film":
			k.film = true
		case "rate":
			if k.rate, err = project.ParseRate(rest); err != nil {
				return nil, bad("rate %q: %v", rest, project.ErrorMessage(err))
			}
		case "language":
			if rest != English && rest != German {
				return nil, bad("language %q is not en or de", rest)
			}
			k.lang = rest
		case "shot":
			k.shot = true
		case "duration":
			if k.duration, err = frames(rest); err != nil || k.duration < 1 {
				return nil, bad("duration %q is not a number of frames such as 120f", rest)
			}
		case "seed":
			f := strings.Fields(rest)
			if len(f) == 0 || len(f) > 2 {
				return nil, bad("seed %q is not a number (and new-each-take)", rest)
			}
			v, err := strconv.ParseUint(f[0], 10, 64)
			if err != nil {
				return nil, bad("seed %q is not a number", f[0])
			}
			s := project.Seed{Mode: project.SeedFixed, Value: v}
			if len(f) == 2 {
				s.Mode = project.SeedMode(f[1])
				if err := s.Validate(); err != nil {
					return nil, bad("%v", project.ErrorMessage(err))
				}
			}
			k.seed = &s
		case "camera":
			for _, w := range strings.Fields(rest) {
				switch {
				case contains(project.ShotSizes, project.ShotSize(w)):
					k.camera.Size = project.ShotSize(w)
				case contains(project.CameraMoves, project.CameraMove(w)):
					k.camera.Move = project.CameraMove(w)
				default:
					return nil, bad("camera %q is not a shot size %v or move %v", w, project.ShotSizes, project.CameraMoves)
				}
			}
		case "style":
			k.style = project.Style(rest)
			if err := k.style.Validate(); err != nil {
				return nil, bad("%v", project.ErrorMessage(err))
			}
		case "strength":
			v, err := strconv.ParseFloat(rest, 64)
			if err != nil || !(v >= 0 && v <= 1) {
				return nil, bad("strength %q is not a number from 0 to 1", rest)
			}
			k.strength = v
		case "negative":
			if k.negative, err = unquote(rest); err != nil {
				return nil, bad("negative prompt: %v", err)
			}
			if utf8.RuneCountInString(k.negative) > project.MaxPromptLength {
				return nil, bad("the negative prompt is longer than %d characters", project.MaxPromptLength)
			}
		case "prompt":
			s, err := unquote(rest)
			if err != nil {
				return nil, bad("prompt: %v", err)
			}
			if utf8.RuneCountInString(s) > project.MaxPromptLength {
				return nil, bad("the prompt is longer than %d characters", project.MaxPromptLength)
			}
			k.prompt = &s
		case "no":
			if rest != "heading" {
				return nil, bad("%q is not a kino note clause", clause)
			}
			k.noHeading = true
		case "cast":
			k.castGiven = true
			for _, entry := range splitOutside(rest, ',') {
				entry = strings.TrimSpace(entry)
				if entry == "" {
					continue
				}
				h, role, _ := strings.Cut(entry, " ")
				c := noteCast{Handle: project.NormalizeHandle(h)}
				if err := project.ValidateHandle(c.Handle); err != nil || !strings.HasPrefix(h, "@") {
					return nil, bad("cast %q does not start with a cameo's @handle", entry)
				}
				if role = strings.TrimSpace(role); role != "" {
					r, ok := strings.CutPrefix(role, "as ")
					if !ok {
						return nil, bad("cast %q: write @handle as \"ROLE\"", entry)
					}
					if c.Role, err = unquote(strings.TrimSpace(r)); err != nil {
						return nil, bad("cast role: %v", err)
					}
					if utf8.RuneCountInString(c.Role) > project.MaxRoleLength {
						return nil, bad("the role of %s is longer than %d characters", c.Handle, project.MaxRoleLength)
					}
				}
				k.cast = append(k.cast, c)
			}
		case "at":
			if k.at, err = frames(rest); err != nil || k.at < 0 {
				return nil, bad("at %q is not a number of frames such as 28f", rest)
			}
		case "speaker":
			var s string
			if strings.HasPrefix(rest, "@") {
				s = project.NormalizeHandle(rest)
			} else if s, err = unquote(rest); err != nil {
				return nil, bad("speaker: %v", err)
			}
			k.speaker = &s
		case "narrator":
			k.narrator = true
		case "delivery":
			d := project.Delivery(rest)
			if err := d.Validate(); err != nil || d == project.DeliveryPlain {
				return nil, bad("delivery %q is not one of %v", rest, project.Deliveries)
			}
			k.delivery = &d
		case "text":
			s, err := unquote(rest)
			if err != nil {
				return nil, bad("text: %v", err)
			}
			if utf8.RuneCountInString(s) > project.MaxDialogueLength {
				return nil, bad("the text of a line is longer than %d characters", project.MaxDialogueLength)
			}
			k.text = &s
		default:
			return nil, bad("%q is not a kino note clause", key)
		}
	}
	return k, nil
}

// frames parses "120f" (or "120").
func frames(s string) (int64, error) {
	return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(s), "f"), 10, 64)
}

// splitOutside splits s at sep where sep is not inside a "quoted" string.
func splitOutside(s string, sep byte) []string {
	var out []string
	start, inQ := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inQ && c == '\\':
			i++
		case c == '"':
			inQ = !inQ
		case !inQ && c == sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// quote writes s as a JSON string that is safe inside a Fountain note:
// [, ], * and / are escaped, so no "]]", "/*" or "*/" can appear.
func quote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	r := strings.NewReplacer("[", `\u005b`, "]", `\u005d`, "*", `\u002a`, "/", `\u002f`)
	return r.Replace(string(b))
}

// unquote reads a JSON string written by quote.
func unquote(s string) (string, error) {
	var v string
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return "", fmt.Errorf("%q is not a quoted string", s)
	}
	return v, nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
