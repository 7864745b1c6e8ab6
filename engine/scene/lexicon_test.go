package scene

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"kino/project"
)

// TestLexiconValues checks that every word means a value the plan types
// know, so a typo in a word list cannot reach the renderer.
func TestLexiconValues(t *testing.T) {
	for _, set := range allGroups() {
		for _, g := range set {
			for _, f := range g.feats {
				ok := true
				switch f.kind {
				case fSetting:
					ok = slices.Contains(allSettings, Setting(f.val))
				case fTime:
					ok = slices.Contains(allTimes, TimeOfDay(f.val))
				case fWeather:
					ok = slices.Contains(allWeathers, Weather(f.val))
				case fEffect:
					ok = slices.Contains(allEffects, Effect(f.val))
				case fAction:
					ok = slices.Contains(allActions, Action(f.val))
				case fSize:
					ok = slices.Contains(project.ShotSizes, project.ShotSize(f.val))
				case fMove:
					ok = isMoveBase(f.val) || slices.Contains(project.CameraMoves, project.CameraMove(f.val))
				case fStyle:
					ok = slices.Contains(project.Styles, project.Style(f.val))
				case fMood:
					ok = slices.Contains(allMoods, Mood(f.val))
				case fSubject:
					ok = f.val != "" && slices.Contains(allKinds, f.sk) && f.n >= 1
				case fCount:
					ok = f.n >= 1 && f.n <= MaxCount
				}
				if !ok {
					t.Errorf("%q: feature %+v has an unknown value", g.forms, f)
				}
			}
			for _, form := range strings.Split(g.forms, "|") {
				if strings.TrimLeft(form, "*+!~") == "" {
					t.Errorf("%q: empty form", g.forms)
				}
			}
		}
	}
}

func TestBuildLexiconRefusesDuplicates(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "defined twice") {
			t.Errorf("recovered %v, want a panic about a word defined twice", r)
		}
	}()
	buildLexicon([][]group{{{en, inflNoun, "beach|Strand", fs(setting(SettingBeach))}, {de, inflNoun, "strand", fs(setting(SettingBeach))}}})
}

func TestTokenize(t *testing.T) {
	type tok struct {
		norm  string
		stop  bool
		comma bool
	}
	for _, c := range []struct {
		in   string
		want []tok
	}{
		{"Straße, GROSSE Größe", []tok{{"strasse", false, false}, {"grosse", false, true}, {"groesse", false, false}}},
		{"close-up. I'm here!", []tok{{"close", false, false}, {"up", false, false}, {"i", true, false}, {"m", false, false}, {"here", false, false}}},
		{"bird's-eye @Anna_B. x", []tok{{"birds", false, false}, {"eye", false, false}, {"@anna_b", false, false}, {"x", true, false}}},
		{"a\u0308 café naïve", []tok{{"ae", false, false}, {"cafe", false, false}, {"naive", false, false}}},
		{"🎆🥂 ok", []tok{{"🎆", false, false}, {"🥂", false, false}, {"ok", false, false}}},
		{"ʼ' ’x ʼʼ", []tok{{"x", false, false}}},
		{"b&w 70s", []tok{{"b", false, false}, {"w", false, false}, {"70s", false, false}}},
		{"mail@example.com", []tok{{"mail", false, false}, {"example", false, false}, {"com", true, false}}},
	} {
		var got []tok
		for _, tk := range tokenize(c.in, nil) {
			got = append(got, tok{tk.norm, tk.stop, tk.comma})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("tokenize(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	toks := tokenize("Über 42 99999999", nil)
	if !toks[0].upper || !toks[0].umlaut || toks[1].num != 42 || toks[2].num != 1_000_000 {
		t.Errorf("tokens %+v", toks)
	}
	// Spans point into the source.
	src := "  Der  Hund, läuft!"
	var spans []string
	for _, tk := range tokenize(src, nil) {
		spans = append(spans, src[tk.start:tk.end])
	}
	if want := []string{"Der", "Hund", "läuft"}; !reflect.DeepEqual(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
}
