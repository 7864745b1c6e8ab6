package scene

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

var castAnnaBen = []engine.CastCameo{
	{Handle: "@anna", Name: "Anna Berg", IsSelf: true},
	{Handle: "@ben", Name: "Ben"},
}

func usedText(p Plan) []string {
	var out []string
	for _, u := range p.Used {
		out = append(out, u.Text)
	}
	return out
}

func meaningOf(p Plan, text string) string {
	for _, u := range p.Used {
		if u.Text == text {
			return u.Meaning
		}
	}
	return ""
}

func TestSeedPromptUsedAndIgnored(t *testing.T) {
	for _, c := range []struct {
		prompt  string
		used    []engine.Term
		ignored []string
	}{
		{seedDE, []engine.Term{
			{Text: "Ich", Meaning: "you: a person (no cast cameo is marked as you)"},
			{Text: "Strand", Meaning: "setting: beach"},
			{Text: "Sonnenuntergang", Meaning: "time: golden hour"},
			{Text: "Glas", Meaning: "prop: glass, held by you"},
			{Text: "Sekt", Meaning: "drink: champagne"},
			{Text: "Feuerwerk", Meaning: "effect: fireworks"},
			{Text: "Himmel", Meaning: "in the picture: sky"},
			{Text: "zerschneidet", Meaning: "effect: fireworks"},
		}, []string{}},
		{seedEN, []engine.Term{
			{Text: "me", Meaning: "you: a person (no cast cameo is marked as you)"},
			{Text: "beach", Meaning: "setting: beach"},
			{Text: "sunset", Meaning: "time: golden hour"},
			{Text: "glass", Meaning: "prop: glass, held by you"},
			{Text: "champagne", Meaning: "drink: champagne"},
			{Text: "fireworks", Meaning: "effect: fireworks"},
			{Text: "cut", Meaning: "effect: fireworks"},
			{Text: "sky", Meaning: "in the picture: sky"},
		}, []string{}},
	} {
		p := Parse(engine.Request{Prompt: c.prompt})
		if !reflect.DeepEqual(p.Used, c.used) {
			t.Errorf("%q: used\n%v\nwant\n%v", c.prompt, p.Used, c.used)
		}
		if !reflect.DeepEqual(p.Ignored, c.ignored) {
			t.Errorf("%q: ignored %q, want %q", c.prompt, p.Ignored, c.ignored)
		}
		in := Interpret(engine.Request{Prompt: c.prompt})
		if !reflect.DeepEqual(in.Used, p.Used) || !reflect.DeepEqual(in.Ignored, p.Ignored) {
			t.Errorf("%q: Interpret %+v differs from Parse's used/ignored", c.prompt, in)
		}
	}
}

func TestSeedPromptWithSelfCameo(t *testing.T) {
	for _, prompt := range []string{seedDE, seedEN} {
		p := Parse(engine.Request{Prompt: prompt, Cast: castAnnaBen})
		got := subjectStrings(p)
		want := []string{"cameo @anna 1 stand", "prop glass 1 stand held=0 champagne", "cameo @ben 1 stand"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: subjects %q, want %q", prompt, got, want)
		}
		if p.Subjects[0].Name != "Anna Berg" {
			t.Errorf("the self cameo is named %q, want the cameo's display name", p.Subjects[0].Name)
		}
		if m := meaningOf(p, "Glas") + meaningOf(p, "glass"); m != "prop: glass, held by you" {
			t.Errorf("%q: the glass means %q", prompt, m)
		}
		if p.Mood != Festive && p.Mood != Romantic {
			t.Errorf("%q: mood %s, want festive or romantic", prompt, p.Mood)
		}
	}
}

func TestSelfReference(t *testing.T) {
	words := []string{"I dance", "me dancing", "myself, dancing", "my guitar", "Ich tanze", "mich am Strand", "mit mir", "mein Hund", "meine Gitarre"}
	for _, prompt := range words {
		with := Parse(engine.Request{Prompt: prompt, Cast: castAnnaBen})
		if n := countKind(with, KindPerson); n != 0 {
			t.Errorf("%q with a self cameo: %d generic people, want none (%q)", prompt, n, subjectStrings(with))
		}
		if !slices.ContainsFunc(with.Used, func(u engine.Term) bool { return u.Meaning == "you: cameo @anna" }) {
			t.Errorf("%q with a self cameo: no term means the self cameo: %v", prompt, with.Used)
		}
		without := Parse(engine.Request{Prompt: prompt, Cast: castAnnaBen[1:]})
		if n := countKind(without, KindPerson); n != 1 {
			t.Errorf("%q without a self cameo: %d generic people, want 1 (%q)", prompt, n, subjectStrings(without))
		}
	}
	// Several self words are one subject.
	p := Parse(engine.Request{Prompt: "I hold my glass while I dance, ich tanze mit mir", Cast: castAnnaBen})
	if got := subjectStrings(p); !reflect.DeepEqual(got, []string{"cameo @anna 1 dance", "prop glass 1 stand held=0", "cameo @ben 1 stand"}) {
		t.Errorf("subjects %q", got)
	}
	// The self cameo named by handle and by "me" is one subject.
	p = Parse(engine.Request{Prompt: "@anna, that's me, waving", Cast: castAnnaBen})
	if got := subjectStrings(p); !reflect.DeepEqual(got, []string{"cameo @anna 1 wave", "cameo @ben 1 stand"}) {
		t.Errorf("subjects %q", got)
	}
}

func countKind(p Plan, k SubjectKind) int {
	n := 0
	for _, s := range p.Subjects {
		if s.Kind == k {
			n++
		}
	}
	return n
}

func TestHandles(t *testing.T) {
	cast := []engine.CastCameo{{Handle: "@anna", Name: "Anna"}, {Handle: "@ben", Name: "Ben"}, {Handle: "@cleo", Name: "Cleo"}}
	p := Parse(engine.Request{Prompt: "@Ben and @anna dance on the beach, @carl yodels.", Cast: cast})
	want := []string{"cameo @ben 1 dance", "cameo @anna 1 dance", "person person 1 stand", "cameo @cleo 1 stand"}
	if got := subjectStrings(p); !reflect.DeepEqual(got, want) {
		t.Errorf("subjects %q, want %q (mentioned first, in order; then the rest of the cast)", got, want)
	}
	if m := meaningOf(p, "@carl"); !strings.Contains(m, "@carl") || !strings.Contains(m, "not in this shot's cast") {
		t.Errorf("@carl means %q; it should say it stands in for a cameo that is not cast", m)
	}
	if m := meaningOf(p, "@Ben"); m != "cameo: @ben" {
		t.Errorf("@Ben means %q", m)
	}
	if !slices.Contains(p.Ignored, "yodels") {
		t.Errorf("ignored %q, want yodels in it", p.Ignored)
	}
	// A full stop after a handle ends the sentence, not the handle.
	p = Parse(engine.Request{Prompt: "A walk with @anna. Rain.", Cast: cast})
	if p.Subjects[0].Handle != "@anna" || p.Weather != Rain {
		t.Errorf("subjects %q weather %s", subjectStrings(p), p.Weather)
	}
	// An unknown handle mentioned twice is one stand-in.
	p = Parse(engine.Request{Prompt: "@zed waves, @zed runs"})
	if got := subjectStrings(p); !reflect.DeepEqual(got, []string{"person person 1 wave"}) {
		t.Errorf("subjects %q", got)
	}
	// Cast cameos are found by name too.
	p = Parse(engine.Request{Prompt: "Anna tanzt mit Ben im Regen", Cast: cast})
	if got := subjectStrings(p); !reflect.DeepEqual(got, []string{"cameo @anna 1 dance", "cameo @ben 1 dance", "cameo @cleo 1 stand"}) {
		t.Errorf("subjects %q", got)
	}
	// An e-mail address is not a handle.
	p = Parse(engine.Request{Prompt: "mail to anna@example.com"})
	if len(p.Subjects) != 0 {
		t.Errorf("subjects %q from an e-mail address", subjectStrings(p))
	}
}

func TestDialogueMakesCameosTalk(t *testing.T) {
	cast := []engine.CastCameo{{Handle: "@anna", Name: "Anna"}, {Handle: "@ben", Name: "Ben"}}
	lines := []engine.Line{{Speaker: "@anna", Text: "Hello"}, {Speaker: "@ben", Text: "Hi"}}
	p := Parse(engine.Request{Prompt: "@anna on the beach, @ben dances", Cast: cast, Dialogue: lines})
	want := []string{"cameo @anna 1 talk", "cameo @ben 1 dance"}
	if got := subjectStrings(p); !reflect.DeepEqual(got, want) {
		t.Errorf("subjects %q, want %q", got, want)
	}
}

func TestExplicitCameraAndStyleOverride(t *testing.T) {
	prompt := "close-up, pan left, noir, a dog on the beach"
	p := Parse(engine.Request{Prompt: prompt, Camera: project.Camera{Size: project.SizeWide, Move: project.MoveOrbit}, Style: project.StyleVintage})
	if p.Camera.Size != project.SizeWide || p.Camera.Move != project.MoveOrbit || p.Style != project.StyleVintage {
		t.Fatalf("camera %+v style %q; the request's camera and style must win", p.Camera, p.Style)
	}
	for _, w := range []string{"close-up", "pan left", "noir"} {
		if slices.Contains(usedText(p), w) {
			t.Errorf("%q is listed as used although the request overrode it", w)
		}
		if !slices.Contains(p.Ignored, w) {
			t.Errorf("ignored %q, want %q in it", p.Ignored, w)
		}
	}
	// Overriding one field leaves the prompt in charge of the others.
	p = Parse(engine.Request{Prompt: prompt, Camera: project.Camera{Move: project.MoveHandheld}})
	if p.Camera.Size != project.SizeCloseUp || p.Camera.Move != project.MoveHandheld || p.Style != project.StyleNoir {
		t.Errorf("camera %+v style %q, want close-up, handheld, noir", p.Camera, p.Style)
	}
	// Defaults: medium with people, wide without, static.
	if p := Parse(engine.Request{Prompt: "a woman in a park"}); p.Camera != (project.Camera{Size: project.SizeMedium, Move: project.MoveStatic}) {
		t.Errorf("camera %+v for a person", p.Camera)
	}
	if p := Parse(engine.Request{Prompt: "a dog in a park"}); p.Camera != (project.Camera{Size: project.SizeWide, Move: project.MoveStatic}) {
		t.Errorf("camera %+v for a dog", p.Camera)
	}
}

func TestNegativePrompt(t *testing.T) {
	prompt := "a dog and a cat on the beach in the rain with fireworks"
	p := Parse(engine.Request{Prompt: prompt, NegativePrompt: "rain, dogs, fireworks"})
	if p.Weather != Clear || len(p.Effects) != 0 || p.Time != Day {
		t.Errorf("weather %s effects %v time %s; want clear, none, day (no fireworks, so no implied night)", p.Weather, p.Effects, p.Time)
	}
	if got := subjectStrings(p); !reflect.DeepEqual(got, []string{"animal cat 1 stand"}) {
		t.Errorf("subjects %q", got)
	}
	if m := meaningOf(p, "rain"); m != "excluded: weather rain" {
		t.Errorf("negative rain means %q", m)
	}
	for _, w := range []string{"dog", "rain", "fireworks"} {
		if !slices.Contains(p.Ignored, w) {
			t.Errorf("ignored %q, want the prompt's %q in it: it changed nothing", p.Ignored, w)
		}
	}
	// German, and things the negative prompt names that the prompt lacks.
	p = Parse(engine.Request{Prompt: "Gewitter über der Stadt", NegativePrompt: "Regen, Menschen, Feuerwerk"})
	if p.Weather != Clouds || !reflect.DeepEqual(p.Effects, []Effect{Lightning}) {
		t.Errorf("weather %s effects %v; a storm without rain is clouds with lightning", p.Weather, p.Effects)
	}
	p = Parse(engine.Request{Prompt: "thunderstorm", NegativePrompt: "lightning"})
	if p.Weather != Rain || len(p.Effects) != 0 {
		t.Errorf("weather %s effects %v; a storm without lightning is rain", p.Weather, p.Effects)
	}
	// The negative prompt removes generic people, never cast cameos.
	p = Parse(engine.Request{Prompt: "me and a crowd of people", NegativePrompt: "people", Cast: castAnnaBen})
	if got := subjectStrings(p); !reflect.DeepEqual(got, []string{"cameo @anna 1 stand", "cameo @ben 1 stand"}) {
		t.Errorf("subjects %q", got)
	}
	p = Parse(engine.Request{Prompt: "@ben", NegativePrompt: "@ben", Cast: castAnnaBen})
	if len(p.Subjects) != 2 || !slices.Contains(p.Ignored, "@ben") {
		t.Errorf("subjects %q ignored %q", subjectStrings(p), p.Ignored)
	}
	// Style, camera moves, moods and actions can be excluded too.
	p = Parse(engine.Request{Prompt: "a dancing man, noir, handheld, romantic", NegativePrompt: "black and white, shaky, dance, romance"})
	if p.Style != "" || p.Camera.Move != project.MoveStatic || p.Subjects[0].Action != Stand || p.Mood == Romantic {
		t.Errorf("style %q move %s action %s mood %s", p.Style, p.Camera.Move, p.Subjects[0].Action, p.Mood)
	}
}

func TestNegationInPrompt(t *testing.T) {
	for _, c := range []struct {
		prompt  string
		weather Weather
		effects []Effect
		people  int
	}{
		{"a beach without people, no fireworks", Clear, []Effect{}, 0},
		{"Strand ohne Menschen, kein Feuerwerk", Clear, []Effect{}, 0},
		{"a man at night, no rain or fog, fireworks", Clear, []Effect{Fireworks}, 1},
		{"Ein Mann im Wald, kein Regen und kein Nebel", Clear, []Effect{}, 1},
		{"not rainy, stars", Clear, []Effect{Stars}, 0},
	} {
		p := Parse(engine.Request{Prompt: c.prompt, NegativePrompt: ""})
		n := countKind(p, KindPerson)
		if p.Weather != c.weather || !reflect.DeepEqual(p.Effects, c.effects) || n != c.people {
			t.Errorf("%q: weather %s effects %v people %d; want %s %v %d", c.prompt, p.Weather, p.Effects, n, c.weather, c.effects, c.people)
		}
		if !slices.ContainsFunc(p.Used, func(u engine.Term) bool { return strings.HasPrefix(u.Meaning, "excluded: ") }) {
			t.Errorf("%q: no used term says what was excluded: %v", c.prompt, p.Used)
		}
	}
	p := Parse(engine.Request{Prompt: "Strand ohne Menschen"})
	if m := meaningOf(p, "ohne Menschen"); m != "excluded: people" {
		t.Errorf("\"ohne Menschen\" means %q; used %v", m, p.Used)
	}
}

func TestTimeOfDayDecisions(t *testing.T) {
	for prompt, want := range map[string]TimeOfDay{
		"fireworks":                           Night,
		"Feuerwerk am Strand":                 Night,
		"fireworks at sunset":                 GoldenHour,
		"Feuerwerk bei Sonnenaufgang":         GoldenHour,
		"a starry sky":                        Night,
		"sunrise":                             GoldenHour,
		"at dawn":                             Dawn,
		"in der Abenddämmerung":               Dusk,
		"golden hour on the beach":            GoldenHour,
		"goldene Stunde":                      GoldenHour,
		"a beach":                             Day,
		"fireworks at noon":                   Day,
		"a concert":                           Night,
		"a concert in the afternoon":          Day,
		"night, then sunset (first one wins)": Night,
		"Die Sonne geht unter, Raketen":       GoldenHour,
		"as the sun sets, fireworks":          GoldenHour,
	} {
		if p := Parse(engine.Request{Prompt: prompt}); p.Time != want {
			t.Errorf("%q: time %s, want %s", prompt, p.Time, want)
		}
	}
}

func TestLanguageDetection(t *testing.T) {
	for prompt, want := range map[string]string{
		seedDE:                          "de",
		seedEN:                          "en",
		"Hund":                          "de",
		"dog":                           "en",
		"a man":                         "en",
		"der Mann":                      "de",
		"ein Kind":                      "de",
		"a kind man":                    "en",
		"Straße":                        "de",
		"":                              "en",
		"🎆":                             "en",
		"Feuerwerk, fireworks, sky":     "en",
		"Strand mit Hund und Feuerwerk": "de",
	} {
		if p := Parse(engine.Request{Prompt: prompt}); p.Language != want {
			t.Errorf("%q: language %s, want %s", prompt, p.Language, want)
		}
	}
	// False friends follow the language: "Kind" is a child only in German.
	if p := Parse(engine.Request{Prompt: "a kind man"}); countKind(p, KindPerson) != 1 || p.Subjects[0].Name != "man" {
		t.Errorf("a kind man: %q", subjectStrings(p))
	}
	if p := Parse(engine.Request{Prompt: "ein Kind am See"}); p.Setting != SettingLake || p.Subjects[0].Name != "child" {
		t.Errorf("ein Kind am See: %s %q", p.Setting, subjectStrings(p))
	}
}

func TestSpellingVariants(t *testing.T) {
	for _, c := range []struct {
		prompts []string
		check   func(Plan) bool
		what    string
	}{
		{[]string{"Straße", "STRASSE", "strasse", "Strasse", "Stra\u00dfe"}, func(p Plan) bool { return p.Setting == SettingCity }, "city"},
		{[]string{"ein Mann läuft", "ein Mann laeuft", "ein Mann la\u0308uft", "EIN MANN LÄUFT"}, func(p Plan) bool { return len(p.Subjects) == 1 && p.Subjects[0].Action == Walk }, "a walking man"},
		{[]string{"schwarz-weiß", "schwarzweiß", "Schwarz-Weiss", "black & white", "b&w", "B/W", "black-and-white"}, func(p Plan) bool { return p.Style == project.StyleNoir }, "noir"},
		{[]string{"close-up", "closeup", "close up", "Close-Up!", "Nahaufnahme", "Großaufnahme"}, func(p Plan) bool { return p.Camera.Size == project.SizeCloseUp }, "close-up"},
		{[]string{"bird's-eye view", "birds eye", "Vogelperspektive", "von oben", "drone"}, func(p Plan) bool { return p.Camera.Move == project.MoveAerial }, "aerial"},
		{[]string{"cities", "the city's streets", "Großstadt", "Innenstädte"}, func(p Plan) bool { return p.Setting == SettingCity }, "city"},
		{[]string{"dogs", "Hunde", "Hunden", "puppies", "Welpen"}, func(p Plan) bool {
			return len(p.Subjects) == 1 && p.Subjects[0].Name == "dog" && p.Subjects[0].Count == pluralCount
		}, "dogs"},
		{[]string{"dancing", "dances", "danced", "tanzt", "tanzen", "tanzend", "Tänzerin"}, func(p Plan) bool { return len(p.Subjects) == 1 && p.Subjects[0].Action == Dance }, "a dancer"},
		{[]string{"Sandstrand", "Meeresufer", "Ostseestrandes"}, func(p Plan) bool { return p.Setting == SettingBeach }, "a beach (compound)"},
		{[]string{"Sektgläser", "Weinglas"}, func(p Plan) bool { return len(p.Subjects) == 1 && p.Subjects[0].Name == "glass" }, "a glass (compound)"},
		{[]string{"Geschäftsmann", "Feuerwehrmann"}, func(p Plan) bool { return len(p.Subjects) == 1 && p.Subjects[0].Name == "man" }, "a man (compound)"},
		{[]string{"Schneemann"}, func(p Plan) bool { return len(p.Subjects) == 1 && p.Subjects[0].Name == "snowman" }, "a snowman, not a man"},
		{[]string{"Regenbogen", "Regenwald"}, func(p Plan) bool { return p.Weather == Clear }, "no rain from a rainbow or rainforest"},
	} {
		for _, prompt := range c.prompts {
			if p := Parse(engine.Request{Prompt: prompt}); !c.check(p) {
				t.Errorf("%q: want %s; got %s %s %q camera %+v style %q", prompt, c.what, p.Setting, p.Weather, subjectStrings(p), p.Camera, p.Style)
			}
		}
	}
}

func TestCounts(t *testing.T) {
	for prompt, want := range map[string]string{
		"two dogs":                 "animal dog 2 stand",
		"zwei Hunde":               "animal dog 2 stand",
		"3 cats":                   "animal cat 3 stand",
		"a dog":                    "animal dog 1 stand",
		"ein paar Hunde":           "animal dog 3 stand",
		"a couple of horses":       "animal horse 2 stand",
		"a crowd":                  "person person 12 stand",
		"eine Menschenmenge":       "person person 12 stand",
		"hundreds of birds":        "animal bird 24 stand",
		"1000000 birds":            "animal bird 24 stand",
		"ein Paar":                 "person person 2 stand",
		"a couple":                 "person person 2 stand",
		"twelve small white sheep": "animal sheep 12 stand",
		"a dog, another dog, dogs": "animal dog 3 stand",
		"zwölf Möwen":              "animal seagull 12 stand",
		"viele Leute":              "person person 6 stand",
	} {
		p := Parse(engine.Request{Prompt: prompt})
		if got := strings.Join(subjectStrings(p), "; "); got != want {
			t.Errorf("%q: %q, want %q", prompt, got, want)
		}
	}
}

func TestCameraMoves(t *testing.T) {
	for prompt, want := range map[string]project.CameraMove{
		"pan left":                          project.MovePanLeft,
		"the camera pans to the right":      project.MovePanRight,
		"Schwenk nach links":                project.MovePanLeft,
		"Kamera schwenkt nach rechts":       project.MovePanRight,
		"pan from right to left":            project.MovePanLeft,
		"tilt down":                         project.MoveTiltDown,
		"pan up to the sky":                 project.MoveTiltUp,
		"zoom in":                           project.MoveDollyIn,
		"push in":                           project.MoveDollyIn,
		"zoom out":                          project.MoveDollyOut,
		"pull back":                         project.MoveDollyOut,
		"heranzoomen":                       project.MoveDollyIn,
		"rauszoomen":                        project.MoveDollyOut,
		"orbit around the tree":             project.MoveOrbit,
		"the camera circles around the dog": project.MoveOrbit,
		"umkreist":                          project.MoveOrbit,
		"360 shot":                          project.MoveOrbit,
		"handheld":                          project.MoveHandheld,
		"Handkamera":                        project.MoveHandheld,
		"drone":                             project.MoveAerial,
		"Luftaufnahme":                      project.MoveAerial,
		"static shot":                       project.MoveStatic,
		"a dog":                             project.MoveStatic,
	} {
		if p := Parse(engine.Request{Prompt: prompt}); p.Camera.Move != want {
			t.Errorf("%q: move %s, want %s", prompt, p.Camera.Move, want)
		}
	}
}

func TestIgnoredHasNoFunctionWords(t *testing.T) {
	prompts := []string{seedDE, seedEN,
		"the man with the hat is in the middle of a field and he is looking at the sky",
		"Der Mann mit dem Hut ist in der Mitte des Feldes und er schaut in den Himmel, während es dunkel wird"}
	stop := []string{"a", "the", "with", "am", "bei", "mit", "ein", "während", "den", "der", "is", "in", "and", "of", "he", "er", "es", "des", "dem"}
	for _, prompt := range prompts {
		p := Parse(engine.Request{Prompt: prompt})
		for _, w := range p.Ignored {
			if slices.Contains(stop, strings.ToLower(w)) {
				t.Errorf("%q: function word %q listed as ignored (%q)", prompt, w, p.Ignored)
			}
		}
		// Ignored keeps prompt order.
		last := -1
		for _, w := range p.Ignored {
			i := strings.Index(prompt, w)
			if i < last {
				t.Errorf("%q: ignored %q out of prompt order", prompt, p.Ignored)
			}
			last = i
		}
	}
	p := Parse(engine.Request{Prompt: prompts[2]})
	if want := []string{"middle"}; !reflect.DeepEqual(p.Ignored, want) {
		t.Errorf("ignored %q, want %q", p.Ignored, want)
	}
}

func TestUsedKeepsPromptOrderAndListsRepeatsOnce(t *testing.T) {
	p := Parse(engine.Request{Prompt: "rain, a dog, rain, Rain, two dogs in the rain at night"})
	want := []string{"rain", "dog", "two", "dogs", "at night"}
	if got := usedText(p); !reflect.DeepEqual(got, want) {
		t.Errorf("used %q, want %q", got, want)
	}
}

func TestGarbagePrompts(t *testing.T) {
	for _, prompt := range []string{
		"", "   ", "!!!???...", "🙂🙂🙂", "👨‍👩‍👧‍👦", "東京の街を歩く猫", "ÄÖÜß", "@", "@@@", "@1abc", "@a",
		"a\u0308\u0308\u0308", "مرحبا بالعالم beach", "Привет мир, собака на пляже", "\xff\xfe invalid utf8 \xc3",
		strings.Repeat("a", 9000), strings.Repeat("🎆", 3000), strings.Repeat("no ", 3000), strings.Repeat("'", 100),
		"I'm", "I’ll go", "b&w&b&w", "pan", "pan from", "zoom zoom zoom", "couple", "paar", "Junge", "junge",
		"0 dogs", "000000000000000000 dogs", "-5 cats", "3.5 horses", "@anna@ben", "#hashtag $money 100%",
	} {
		p := Parse(engine.Request{Prompt: prompt, NegativePrompt: prompt, Cast: castAnnaBen})
		checkResolved(t, p)
	}
	p := Parse(engine.Request{})
	want := Plan{Setting: SettingField, Time: Day, Weather: Clear, Subjects: []Subject{}, Effects: []Effect{}, Sounds: []Sound{},
		Camera: project.Camera{Size: project.SizeWide, Move: project.MoveStatic}, Mood: Calm, Language: "en",
		Used: []engine.Term{}, Ignored: []string{}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("empty prompt: %+v\nwant %+v", p, want)
	}
	p = Parse(engine.Request{Prompt: "asdf qwerty 東京 🙂 zzz"})
	if want := []string{"asdf", "qwerty", "東京", "zzz"}; !reflect.DeepEqual(p.Ignored, want) || len(p.Used) != 0 {
		t.Errorf("used %v ignored %q, want ignored %q", p.Used, p.Ignored, want)
	}
	p = Parse(engine.Request{Prompt: "🏖️🌅🐶🥂🎆"})
	if p.Setting != SettingBeach || p.Time != GoldenHour || !p.Has(Fireworks) || len(p.Subjects) != 2 {
		t.Errorf("emoji prompt: %s %s %v %q", p.Setting, p.Time, p.Effects, subjectStrings(p))
	}
}

func TestParseIsDeterministic(t *testing.T) {
	req := engine.Request{Prompt: longPrompt(engine.MaxPromptBytes), NegativePrompt: "rain, dogs", Cast: castAnnaBen}
	a, b := Parse(req), Parse(req)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two parses of the same request differ")
	}
	checkResolved(t, a)
}
