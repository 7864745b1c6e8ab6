package scene

import (
	"slices"
	"testing"

	"kino/engine"
)

func TestSceneHeadings(t *testing.T) {
	for _, c := range []struct {
		heading string
		setting Setting
		indoors bool
		time    TimeOfDay
		unknown []string // words rightly not understood
	}{
		{"INT. KITCHEN - NIGHT", SettingKitchen, true, Night, nil},
		{"EXT. HARBOUR - DAWN", SettingHarbour, false, Dawn, nil},
		{"INT. CASTLE - GREAT HALL - NIGHT", SettingCastle, true, Night, nil},
		{"EXT. CASTLE - DUSK", SettingCastle, false, Dusk, nil},
		{"INT. CAR - MOVING - DAY", SettingCar, true, Day, nil},
		{"INT./EXT. CAR - MOVING - NIGHT", SettingCar, true, Night, nil},
		{"EXT. CAR - DAY", SettingRoad, false, Day, nil},
		{"INT. HARBOUR BAR - NIGHT", SettingBar, true, Night, []string{"HARBOUR"}},
		{"INT. APARTMENT - KITCHEN - MORNING", SettingKitchen, true, Day, nil},
		{"EXT. CHURCH - DAY", SettingChurch, false, Day, nil},
		{"INT. CHURCH - DAY", SettingChurch, true, Day, nil},
		{"INT. TRAIN - DAY", SettingTrain, true, Day, nil},
		{"EXT. TRAIN TRACKS - NIGHT", SettingTrain, false, Night, nil},
		{"INT. ZORBLAT - DAY", SettingInterior, true, Day, []string{"ZORBLAT"}},
		{"EXT. ZORBLAT - NIGHT", SettingField, false, Night, []string{"ZORBLAT"}},
		{"INNEN. KÜCHE - NACHT", SettingKitchen, true, Night, nil},
		{"AUSSEN. HAFEN - MORGENGRAUEN", SettingHarbour, false, Dawn, nil},
		{"AUSSEN. KIRCHE - ABEND", SettingChurch, false, Dusk, nil},
		{"INNEN. BURG - RITTERSAAL - NACHT", SettingCastle, true, Night, nil},
		{"INT. SCHLAFZIMMER - MORGEN", SettingBedroom, true, Day, nil},
		{"EXT. COASTAL CLIFF - NIGHT", SettingCoast, false, Night, nil},
	} {
		p := Parse(engine.Request{Prompt: c.heading})
		if p.Setting != c.setting || p.Indoors != c.indoors || p.Time != c.time {
			t.Errorf("%q: %s, indoors %v, %s; want %s, indoors %v, %s (used %v, ignored %q)",
				c.heading, p.Setting, p.Indoors, p.Time, c.setting, c.indoors, c.time, p.Used, p.Ignored)
		}
		if !slices.Equal(p.Ignored, c.unknown) && !(len(p.Ignored) == 0 && len(c.unknown) == 0) {
			t.Errorf("%q: not understood %q; want %q", c.heading, p.Ignored, c.unknown)
		}
	}
}

func TestActionLines(t *testing.T) {
	p := Parse(engine.Request{Prompt: "MARTHA, 60s, in a red coat, stirs a pot of soup."})
	if len(p.Subjects) == 0 || p.Subjects[0].Name != "woman" || p.Subjects[0].Age != 65 || p.Subjects[0].Color != "red" ||
		!slices.Contains(p.Subjects[0].Wears, "coat") || p.Subjects[0].Action != Work || p.Style != "" {
		t.Errorf("Martha: %+v, style %q", p.Subjects, p.Style)
	}
	p = Parse(engine.Request{Prompt: "A red pickup truck speeds past a row of billboards."})
	if i := slices.IndexFunc(p.Subjects, func(s Subject) bool { return s.Name == "truck" }); i < 0 || p.Subjects[i].Color != "red" || p.Subjects[i].Action != Run || p.Setting != SettingRoad {
		t.Errorf("the truck: %+v in %s", p.Subjects, p.Setting)
	}
	p = Parse(engine.Request{Prompt: "A dog barks while sirens wail and a church bell rings."})
	for _, want := range []Sound{SoundBark, SoundSiren, SoundBell} {
		if !slices.Contains(p.Sounds, want) {
			t.Errorf("sounds %v; want %s among them", p.Sounds, want)
		}
	}
	p = Parse(engine.Request{Prompt: "Gulls overhead, sparks drifting over the water"})
	if p.Camera.Move == "aerial" || len(p.Subjects) != 1 || p.Subjects[0].Action != Fly {
		t.Errorf("gulls overhead: camera %s, subjects %+v; want gulls flying and no aerial shot, nobody else", p.Camera.Move, p.Subjects)
	}
	p = Parse(engine.Request{Prompt: "a 70s disco"})
	if p.Style != "vintage" {
		t.Errorf("a 70s disco: style %q; want vintage", p.Style)
	}
}
