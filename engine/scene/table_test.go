package scene

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

// subjectString describes a subject compactly for comparisons:
// "kind name count action[ held=N][ detail]", with the handle as the name
// of cameos.
func subjectString(s Subject) string {
	name := s.Name
	if s.Kind == KindCameo {
		name = s.Handle
	}
	out := fmt.Sprintf("%s %s %d %s", s.Kind, name, s.Count, s.Action)
	if s.HeldBy >= 0 {
		out += fmt.Sprintf(" held=%d", s.HeldBy)
	}
	if s.Detail != "" {
		out += " " + s.Detail
	}
	return out
}

func subjectStrings(p Plan) []string {
	out := []string{}
	for _, s := range p.Subjects {
		out = append(out, subjectString(s))
	}
	return out
}

type planCase struct {
	prompt   string
	lang     string
	setting  Setting
	time     TimeOfDay
	weather  Weather
	effects  []Effect
	subjects []string
	size     project.ShotSize
	move     project.CameraMove
	style    project.Style
	mood     Mood // "" to leave unchecked
}

var planCases = []planCase{
	// English
	{seedEN, "en", SettingBeach, GoldenHour, Clear, []Effect{Fireworks},
		[]string{"person person 1 stand", "prop glass 1 stand held=0 champagne"}, "medium", "static", "", Festive},
	{"a man and a woman dance in the rain at night", "en", SettingField, Night, Rain, nil,
		[]string{"person man 1 dance", "person woman 1 dance"}, "medium", "static", "", Festive},
	{"two dogs running on a snowy field, drone shot", "en", SettingSnow, Day, Clear, nil,
		[]string{"animal dog 2 run"}, "wide", "aerial", "", ""},
	{"a couple of seagulls over the sea at dawn, close-up, black and white", "en", SettingBeach, Dawn, Clear, nil,
		[]string{"animal seagull 2 stand"}, "close-up", "static", "noir", ""},
	{"a crowd at a concert with confetti and sparks, handheld", "en", SettingStage, Night, Clear, []Effect{Confetti, Sparks},
		[]string{"person person 12 stand"}, "medium", "handheld", "", Festive},
	{"walking in the rain", "en", SettingField, Day, Rain, nil,
		[]string{"person person 1 walk"}, "medium", "static", "", Melancholy},
	{"no rain, stormy night in the city", "en", SettingCity, Night, Clouds, []Effect{Lightning},
		[]string{}, "wide", "static", "", Tense},
	{"pan from left to right over the desert dunes at dusk", "en", SettingDesert, Dusk, Clear, nil,
		[]string{}, "wide", "pan-right", "", ""},
	{"Tilt up to the starry sky, cartoon style", "en", SettingField, Night, Clear, []Effect{Stars},
		[]string{}, "wide", "tilt-up", "cartoon", Playful},
	{"slow dolly in on a cat sitting on a piano, vintage film grain", "en", SettingField, Day, Clear, nil,
		[]string{"animal cat 1 sit", "prop piano 1 stand"}, "wide", "dolly-in", "vintage", ""},
	{"an astronaut floating in space", "en", SettingSpace, Night, Clear, nil,
		[]string{"person person 1 fly"}, "medium", "static", "", Epic},
	{"neon city street at night with rain, cyberpunk, a woman walks", "en", SettingCity, Night, Rain, nil,
		[]string{"person woman 1 walk"}, "medium", "static", "neon", ""},
	{"a girl with a red balloon in the park, zoom out", "en", SettingPark, Day, Clear, nil,
		[]string{"person child 1 stand", "prop balloon 1 stand held=0"}, "medium", "dolly-out", "", Playful},
	{"thunderstorm over the mountains, lightning, wide shot", "en", SettingMountains, Day, Storm, []Effect{Lightning},
		[]string{}, "wide", "static", "", Tense},
	{"three horses run across a foggy meadow at dawn, orbit", "en", SettingField, Dawn, Fog, nil,
		[]string{"animal horse 3 run"}, "wide", "orbit", "", ""},
	{"romantic dinner for two in a restaurant, candlelight, close up", "en", SettingBar, Day, Clear, nil,
		[]string{"prop candle 1 stand"}, "close-up", "static", "", Romantic},
	{"underwater reef with fish and a dolphin, bubbles", "en", SettingUnderwater, Day, Clear, []Effect{Bubbles},
		[]string{"animal fish 1 stand", "animal dolphin 1 stand"}, "wide", "static", "", ""},
	{"a boy waves at the camera on a city street, handheld shaky cam", "en", SettingCity, Day, Clear, nil,
		[]string{"person child 1 wave"}, "medium", "handheld", "", ""},
	{"people celebrating new year's eve with fireworks in the city", "en", SettingCity, Night, Clear, []Effect{Fireworks},
		[]string{"person person 3 stand"}, "medium", "static", "", Festive},
	{"a lonely man sits on a bench in the snow, black-and-white", "en", SettingSnow, Day, Snow, nil,
		[]string{"person man 1 sit", "prop bench 1 stand"}, "medium", "static", "noir", Melancholy},
	{"the waves crash on the shore while she waves", "en", SettingBeach, Day, Clear, nil,
		[]string{"person woman 1 wave"}, "medium", "static", "", ""},
	{"A woman walks on the beach. He runs.", "en", SettingBeach, Day, Clear, nil,
		[]string{"person woman 1 walk", "person man 1 run"}, "medium", "static", "", ""},

	// German
	{seedDE, "de", SettingBeach, GoldenHour, Clear, []Effect{Fireworks},
		[]string{"person person 1 stand", "prop glass 1 stand held=0 champagne"}, "medium", "static", "", Festive},
	{"Am Strand tanzt ein Mann, während zwei Hunde rennen", "de", SettingBeach, Day, Clear, nil,
		[]string{"person man 1 dance", "animal dog 2 run"}, "medium", "static", "", ""},
	{"Zwei Hunde laufen durch den verschneiten Wald, Kamera schwenkt nach links", "de", SettingForest, Day, Clear, nil,
		[]string{"animal dog 2 walk"}, "wide", "pan-left", "", ""},
	{"Ein Paar küsst sich im Regen, schwarz-weiß", "de", SettingField, Day, Rain, nil,
		[]string{"person person 2 stand"}, "medium", "static", "noir", Romantic},
	{"Gewitter über den Bergen, Totale, Blitze", "de", SettingMountains, Day, Storm, []Effect{Lightning},
		[]string{}, "wide", "static", "", Tense},
	{"Die Kamera umkreist zwei Pferde auf einer Wiese bei Nebel", "de", SettingField, Day, Fog, nil,
		[]string{"animal horse 2 stand"}, "wide", "orbit", "", ""},
	{"Ein Taucher zwischen Fischen am Korallenriff", "de", SettingUnderwater, Day, Clear, nil,
		[]string{"person person 1 stand", "animal fish 3 stand"}, "medium", "static", "", ""},
	{"Silvester in Berlin, Feuerwerk, Menschenmenge, Drohnenaufnahme", "de", SettingCity, Night, Clear, []Effect{Fireworks},
		[]string{"person person 12 stand"}, "wide", "aerial", "", Festive},
	{"Eine junge Frau mit einem Regenschirm spaziert bei Nacht durch die Stadt", "de", SettingCity, Night, Clear, nil,
		[]string{"person woman 1 walk", "prop umbrella 1 stand held=0"}, "medium", "static", "", ""},
	{"Nahaufnahme einer Katze, die auf einem Sofa sitzt, filmisch", "de", SettingLivingRoom, Day, Clear, nil,
		[]string{"animal cat 1 sit"}, "close-up", "static", "cinematic", ""},
	{"Kinder spielen mit Seifenblasen im Park bei Sonnenaufgang", "de", SettingPark, GoldenHour, Clear, []Effect{Bubbles},
		[]string{"person child 3 stand"}, "medium", "static", "", Playful},
	{"Ein Mädchen winkt vom Boot, Schwenk nach rechts, Zeichentrick", "de", SettingField, Day, Clear, nil,
		[]string{"person child 1 wave", "prop boat 1 stand"}, "medium", "pan-right", "cartoon", Playful},
	{"Drei Möwen fliegen über das Meer in der Abenddämmerung, Luftaufnahme", "de", SettingBeach, Dusk, Clear, nil,
		[]string{"animal seagull 3 fly"}, "wide", "aerial", "", ""},
	{"Ich sitze mit meinem Hund am Lagerfeuer unter dem Sternenhimmel", "de", SettingField, Night, Clear, []Effect{Sparks, Stars},
		[]string{"person person 1 sit", "animal dog 1 sit", "prop campfire 1 stand"}, "medium", "static", "", ""},
	{"Nebliger Morgen im Wald, ein Reh steht zwischen den Bäumen, Halbnah", "de", SettingForest, Day, Fog, nil,
		[]string{"animal deer 1 stand"}, "medium", "static", "", ""},
	{"Eine Frau im Büro spricht ins Mikrofon, langsamer Zoom heran", "de", SettingOffice, Day, Clear, nil,
		[]string{"person woman 1 talk", "prop microphone 1 stand held=0"}, "medium", "dolly-in", "", ""},
	{"Wüste bei Mittag, sonnig, ein Auto fährt vorbei, Kamerafahrt zurück", "de", SettingDesert, Day, Clear, nil,
		[]string{"prop car 1 walk"}, "wide", "dolly-out", "", ""},
	{"Schneefall über der STRASSE, ein Mann läuft mit seinem Hund, Vogelperspektive", "de", SettingCity, Day, Snow, nil,
		[]string{"person man 1 walk", "animal dog 1 walk"}, "wide", "aerial", "", ""},
	{"Zwei Tänzerinnen auf der Bühne, Konfetti, Neonlicht", "de", SettingStage, Night, Clear, []Effect{Confetti},
		[]string{"person person 2 dance"}, "medium", "static", "neon", Festive},
}

func TestParseTable(t *testing.T) {
	german := 0
	for _, c := range planCases {
		if c.lang == "de" {
			german++
		}
	}
	if len(planCases) < 30 || german < 12 {
		t.Fatalf("the table has %d prompts, %d German; want at least 30 and 12", len(planCases), german)
	}
	for _, c := range planCases {
		t.Run(c.prompt, func(t *testing.T) {
			p := Parse(engine.Request{Prompt: c.prompt})
			checkResolved(t, p)
			var bad []string
			check := func(what string, got, want any) {
				if fmt.Sprint(got) != fmt.Sprint(want) {
					bad = append(bad, fmt.Sprintf("%s = %v, want %v", what, got, want))
				}
			}
			check("language", p.Language, c.lang)
			check("setting", p.Setting, c.setting)
			check("time", p.Time, c.time)
			check("weather", p.Weather, c.weather)
			check("effects", p.Effects, append([]Effect{}, c.effects...))
			check("subjects", strings.Join(subjectStrings(p), "; "), strings.Join(c.subjects, "; "))
			check("camera size", p.Camera.Size, c.size)
			check("camera move", p.Camera.Move, c.move)
			check("style", p.Style, c.style)
			if c.mood != "" {
				check("mood", p.Mood, c.mood)
			}
			if len(bad) > 0 {
				t.Errorf("%s\nused: %v\nignored: %q", strings.Join(bad, "\n"), p.Used, p.Ignored)
			}
		})
	}
}

var (
	allSettings = Settings
	allTimes    = []TimeOfDay{Dawn, Day, GoldenHour, Dusk, Night}
	allWeathers = []Weather{Clear, Clouds, Rain, Snow, Fog, Storm}
	allActions  = []Action{Stand, Walk, Run, Dance, Wave, Talk, Sit, Work, Lie, Fight, Fly}
	allEffects  = []Effect{Fireworks, Confetti, Sparks, Stars, Bubbles, Lightning, Fire, Smoke, Wind}
	allMoods    = []Mood{Calm, Romantic, Festive, Tense, Epic, Playful, Melancholy}
	allKinds    = []SubjectKind{KindCameo, KindPerson, KindAnimal, KindProp}
)

// checkResolved fails t unless every field of p holds a known, resolved
// value and the subjects are consistent.
func checkResolved(t testing.TB, p Plan) {
	t.Helper()
	var bad []string
	if !slices.Contains(allSettings, p.Setting) {
		bad = append(bad, fmt.Sprintf("setting %q", p.Setting))
	}
	if !slices.Contains(allTimes, p.Time) {
		bad = append(bad, fmt.Sprintf("time %q", p.Time))
	}
	if !slices.Contains(allWeathers, p.Weather) {
		bad = append(bad, fmt.Sprintf("weather %q", p.Weather))
	}
	if !slices.Contains(project.ShotSizes, p.Camera.Size) {
		bad = append(bad, fmt.Sprintf("camera size %q", p.Camera.Size))
	}
	if !slices.Contains(project.CameraMoves, p.Camera.Move) {
		bad = append(bad, fmt.Sprintf("camera move %q", p.Camera.Move))
	}
	if err := p.Style.Validate(); err != nil {
		bad = append(bad, err.Error())
	}
	if !slices.Contains(allMoods, p.Mood) {
		bad = append(bad, fmt.Sprintf("mood %q", p.Mood))
	}
	if p.Language != "en" && p.Language != "de" {
		bad = append(bad, fmt.Sprintf("language %q", p.Language))
	}
	if p.Subjects == nil || p.Effects == nil || p.Used == nil || p.Ignored == nil {
		bad = append(bad, "a nil list (subjects, effects, used or ignored)")
	}
	for i, e := range p.Effects {
		if !slices.Contains(allEffects, e) || slices.Index(p.Effects, e) != i {
			bad = append(bad, fmt.Sprintf("effect %q unknown or repeated", e))
		}
	}
	for i, s := range p.Subjects {
		if !slices.Contains(allKinds, s.Kind) || s.Name == "" || s.Count < 1 || s.Count > MaxCount || !slices.Contains(allActions, s.Action) {
			bad = append(bad, fmt.Sprintf("subject %d: %+v", i, s))
		}
		if (s.Kind == KindCameo) != (s.Handle != "") {
			bad = append(bad, fmt.Sprintf("subject %d: handle %q on a %s", i, s.Handle, s.Kind))
		}
		if s.HeldBy != -1 {
			if s.Kind != KindProp || s.HeldBy < 0 || s.HeldBy >= len(p.Subjects) || s.HeldBy == i {
				bad = append(bad, fmt.Sprintf("subject %d: held by %d", i, s.HeldBy))
			} else if h := p.Subjects[s.HeldBy]; h.Kind != KindCameo && h.Kind != KindPerson {
				bad = append(bad, fmt.Sprintf("subject %d: held by a %s", i, h.Kind))
			}
		}
	}
	for _, u := range p.Used {
		if u.Text == "" || u.Meaning == "" {
			bad = append(bad, fmt.Sprintf("used term %+v", u))
		}
	}
	for _, w := range p.Ignored {
		if strings.TrimSpace(w) == "" {
			bad = append(bad, "an empty ignored word")
		}
	}
	if len(bad) > 0 {
		t.Errorf("plan not resolved: %s\nplan: %+v", strings.Join(bad, "; "), p)
	}
}
