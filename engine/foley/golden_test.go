package foley

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
	"kino/project"
)

var update = flag.Bool("update", false, "rewrite testdata/sound_hashes.json from the current renderer")

// goldenCase is one soundtrack the golden test pins.
type goldenCase struct {
	name   string
	frames int64 // at 24 fps
	seed   uint64
	plan   *scene.Plan
	lines  []engine.Line
	// events, when set, are used instead of the plan's scheduled ones.
	events []scene.Event
}

// goldenCases are plans that between them use every sound source: every
// setting (by day and by night, in every weather, inside and out), every
// mood and style of music, every spot sound, vehicle and effect, and
// dialogue (the fake speech of helpers_test.go, so the hashes do not
// depend on the machine's speech engine) that overlaps, is cut at the
// clip's end or starts after it. Lengths run from one frame to over a
// minute, most not a whole number of seconds.
func goldenCases() []goldenCase {
	settings := []scene.Setting{
		scene.SettingField, scene.SettingBeach, scene.SettingCity, scene.SettingForest, scene.SettingMountains,
		scene.SettingDesert, scene.SettingSnow, scene.SettingPark, scene.SettingInterior, scene.SettingOffice,
		scene.SettingStage, scene.SettingSpace, scene.SettingUnderwater, scene.SettingHarbour, scene.SettingLake,
		scene.SettingCoast, scene.SettingKitchen, scene.SettingBedroom, scene.SettingLivingRoom, scene.SettingBar,
		scene.SettingCar, scene.SettingRoad, scene.SettingTrain, scene.SettingSubway, scene.SettingAirport,
		scene.SettingHospital, scene.SettingClassroom, scene.SettingChurch, scene.SettingCastle, scene.SettingCave,
		scene.SettingJungle, scene.SettingFarm, scene.SettingWarehouse, scene.SettingRooftop, scene.SettingBridge,
	}
	weathers := []scene.Weather{scene.Clear, scene.Rain, scene.Clouds, scene.Fog, scene.Snow, scene.Storm}
	times := []scene.TimeOfDay{scene.Day, scene.Night, scene.Dawn, scene.Dusk, scene.GoldenHour}
	moods := []scene.Mood{scene.Calm, scene.Romantic, scene.Festive, scene.Tense, scene.Epic, scene.Playful, scene.Melancholy}
	styles := []project.Style{project.StyleAuto, project.StyleNoir, project.StyleCartoon, project.StyleNeon, project.StyleVintage, project.StyleCinematic}
	var cases []goldenCase
	for i, s := range settings {
		for k, inside := range []bool{false, true} {
			if k == 1 && !s.HasInside() {
				continue
			}
			j := i + 3*k
			p := plan(s, weathers[j%len(weathers)], moods[j%len(moods)])
			p.Time = times[j%len(times)]
			p.Style = styles[j%len(styles)]
			p.Indoors = inside
			if !s.HasInside() {
				p.Indoors = s.Indoors()
			}
			name := string(s)
			if k == 1 {
				name += "-inside"
			}
			cases = append(cases, goldenCase{name: name, frames: 110 + int64(i%5)*13, seed: uint64(100 + i), plan: p})
		}
	}
	// The same settings at night and in the other weathers, so the
	// crickets, foghorns and muffled rain all play.
	for i, s := range []scene.Setting{scene.SettingField, scene.SettingBeach, scene.SettingCity, scene.SettingHarbour, scene.SettingForest, scene.SettingLake} {
		for k, w := range weathers {
			p := plan(s, w, moods[(i+k)%len(moods)])
			p.Time = scene.Night
			p.Style = styles[(i+2*k)%len(styles)]
			cases = append(cases, goldenCase{name: string(s) + "-night-" + string(w), frames: 30, seed: uint64(7*i + k), plan: p})
		}
	}
	// By day in clear weather, where birds, gulls and chimes sing.
	for i, s := range []scene.Setting{scene.SettingBeach, scene.SettingHarbour, scene.SettingCoast, scene.SettingChurch, scene.SettingCastle, scene.SettingFarm, scene.SettingLake, scene.SettingRoad, scene.SettingAirport, scene.SettingCity} {
		p := plan(s, scene.Clear, moods[i%len(moods)])
		p.Time = scene.Day
		p.Indoors = s.Indoors() && !s.HasInside()
		cases = append(cases, goldenCase{name: string(s) + "-day-clear", frames: 170, seed: uint64(50 + i), plan: p})
	}
	every := plan(scene.SettingCity, scene.Clear, scene.Tense)
	every.Sounds = []scene.Sound{
		scene.SoundBell, scene.SoundRing, scene.SoundHorn, scene.SoundSiren, scene.SoundAlarm, scene.SoundBark,
		scene.SoundHowl, scene.SoundEngine, scene.SoundKnock, scene.SoundWhistle, scene.SoundCrash, scene.SoundCreak,
		scene.SoundTick, scene.SoundApplause, scene.SoundGunshot, scene.SoundBeep, scene.SoundSplash,
	}
	cases = append(cases, goldenCase{name: "every-sound", frames: 130, seed: 11, plan: every})
	vehicles := plan(scene.SettingRoad, scene.Clouds, scene.Epic)
	for _, v := range []struct {
		name   string
		action scene.Action
		count  int
	}{{"car", scene.Walk, 3}, {"truck", scene.Run, 1}, {"boat", scene.Walk, 1}, {"ship", scene.Run, 1}, {"train", scene.Walk, 1}, {"plane", scene.Fly, 1}, {"helicopter", scene.Fly, 1}, {"bicycle", scene.Walk, 1}, {"bus", scene.Stand, 1}, {"person", scene.Walk, 2}} {
		kind := scene.KindProp
		if v.name == "person" {
			kind = scene.KindPerson
		}
		vehicles.Subjects = append(vehicles.Subjects, scene.Subject{Kind: kind, Name: v.name, Count: v.count, Action: v.action, HeldBy: -1})
	}
	cases = append(cases, goldenCase{name: "vehicles", frames: 150, seed: 12, plan: vehicles})
	inCar := plan(scene.SettingCar, scene.Rain, scene.Mood("unknown"))
	inCar.Subjects = vehicles.Subjects
	cases = append(cases, goldenCase{name: "in-a-car-unknown-mood", frames: 90, seed: 19, plan: inCar})
	fx := plan(scene.SettingBeach, scene.Storm, scene.Festive, scene.Fireworks, scene.Lightning, scene.Sparks, scene.Confetti, scene.Bubbles, scene.Fire, scene.Wind)
	fx.Time = scene.Night
	cases = append(cases, goldenCase{name: "every-effect-storm", frames: 480, seed: 13, plan: fx})
	fw := plan(scene.SettingBeach, scene.Clear, scene.Festive, scene.Fireworks)
	fw.Time = scene.GoldenHour
	cases = append(cases, goldenCase{name: "fireworks-loud", frames: 200, seed: 14, plan: fw})
	// Events at the very start (a whistle that began before the shot, a
	// crackle cut at its start), of size 0, and after the end.
	early := plan(scene.SettingCity, scene.Storm, scene.Epic, scene.Fireworks, scene.Lightning)
	cases = append(cases, goldenCase{name: "events-at-the-edges", frames: 100, seed: 20, plan: early, events: []scene.Event{
		{Kind: scene.EventFireworkBurst, Frame: 0, X: 0.2, Distance: 0, Size: 0},
		{Kind: scene.EventFireworkBurst, Frame: 1, X: 0.8, Distance: 50, Size: 3},
		{Kind: scene.EventLightning, Frame: 0, X: 0.5, Distance: 150, Size: 0},
		{Kind: scene.EventLightning, Frame: 90, X: 0.1, Distance: 3000, Size: 1},
		{Kind: scene.EventFireworkBurst, Frame: 99, X: 0.5, Distance: 100, Size: 1},
		{Kind: scene.EventFireworkBurst, Frame: 400, X: 0.5, Distance: 100, Size: 1},
	}})
	// Dialogue: two speakers, overlapping (the sum is limited), a line
	// cut at the clip's end, one after it, a narrator, every delivery.
	talk := plan(scene.SettingBar, scene.Clear, scene.Romantic)
	talk.Style = project.StyleNoir
	cases = append(cases, goldenCase{name: "dialogue-overlap", frames: 170, seed: 15, plan: talk, lines: []engine.Line{
		line("@ana", "We should go before the rain starts again tonight.", 0.3),
		line("@ben", "Nein, wir bleiben hier!", 1.2),
		{Speaker: "Waiter", Text: "Another round?", Start: project.Frames(80, project.DefaultRate), Narrator: true},
		{Speaker: "@ana", Text: "Quiet", Start: project.Frames(100, project.DefaultRate), Delivery: project.DeliveryWhisper},
		{Speaker: "@ben", Text: "Loud!", Start: project.Frames(112, project.DefaultRate), Delivery: project.DeliveryShout},
		line("@ana", "This line runs well past the end of the shot and is cut there.", 6),
		line("@ben", "Too late.", 60),
	}})
	// Long shots: over a minute of fireworks and festive music with a
	// line every 5 s, and a night in a harbour in the rain.
	var lines []engine.Line
	for s := 0.5; s < 65; s += 5 {
		lines = append(lines, line("@ana", "Happy new year, look at the sky!", s))
	}
	long := plan(scene.SettingBeach, scene.Clear, scene.Festive, scene.Fireworks)
	long.Time = scene.Dusk
	cases = append(cases, goldenCase{name: "long-fireworks-dialogue", frames: 65*24 + 7, seed: 16, plan: long, lines: lines})
	harbour := plan(scene.SettingHarbour, scene.Rain, scene.Melancholy)
	harbour.Time = scene.Night
	harbour.Style = project.StyleVintage
	harbour.Sounds = []scene.Sound{scene.SoundBark}
	cases = append(cases, goldenCase{name: "long-harbour-rain-vintage", frames: 70*24 + 13, seed: 17, plan: harbour})
	// The shortest shot: one frame.
	cases = append(cases, goldenCase{name: "one-frame", frames: 1, seed: 18, plan: plan(scene.SettingForest, scene.Fog, scene.Calm)})
	return cases
}

// goldenSound renders a golden case and returns the SHA-256 of its mix
// and of each stem (the float32 samples, little-endian), in that order.
func goldenSound(t *testing.T, c goldenCase) []string {
	t.Helper()
	req := engine.DefaultRequest()
	req.Duration = project.Frames(c.frames, project.DefaultRate)
	req.Seed = c.seed
	req.Cast = []engine.CastCameo{
		{Handle: "@ana", Name: "Ana", Voice: project.Voice{Language: "en", Variant: "f3", Pitch: 70, Rate: 160}},
		{Handle: "@ben", Name: "Ben", Voice: project.Voice{Language: "de", Pitch: 35, Rate: 190}},
	}
	req.Dialogue = c.lines
	req, _, err := req.Normalize()
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	evs := c.events
	if evs == nil {
		evs = scene.Events(c.plan, req.Seed, req.Frames(), req.Duration.Rate)
	}
	st, err := Render(context.Background(), req, c.plan, evs, nil)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	parts := []audio.PCM{st.Mix}
	for _, s := range audio.Stems {
		parts = append(parts, st.Stems[s])
	}
	var out []string
	for _, p := range parts {
		out = append(out, hashSamples(p.Samples))
	}
	return out
}

func hashSamples(s []float32) string {
	h := sha256.New()
	b := make([]byte, 0, 4096)
	for i, v := range s {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		if len(b) == cap(b) || i == len(s)-1 {
			h.Write(b)
			b = b[:0]
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestSoundGolden pins the soundtrack sample for sample: the SHA-256 of
// the mix and the four stems of each golden case. Changing how the sound
// is computed (rendering it in blocks, say) must leave every sample as it
// was; a change meant to alter the sound rewrites the hashes with
// -update. The hashes are amd64's: other architectures may fuse a
// multiply and an add into one rounding.
func TestSoundGolden(t *testing.T) {
	if runtime.GOARCH != "amd64" && !*update {
		t.Skipf("the golden sound hashes are for amd64 (this is %s, whose compiler may fuse multiply-adds)", runtime.GOARCH)
	}
	useFakeSpeech(t, &fakeSpeech{})
	path := filepath.Join("testdata", "sound_hashes.json")
	got := map[string][]string{}
	for _, c := range goldenCases() {
		if _, dup := got[c.name]; dup {
			t.Fatalf("two golden cases are called %s", c.name)
		}
		got[c.name] = goldenSound(t, c)
	}
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden hashes (record them with -update): %v", err)
	}
	var want map[string][]string
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	parts := append([]string{"mix"}, stemNames()...)
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: no longer a golden case", name)
			continue
		}
		for i := range w {
			if g[i] != w[i] {
				t.Errorf("%s: the %s changed (sha256 %s, want %s)", name, parts[i], g[i][:12], w[i][:12])
			}
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: no golden hashes (record them with -update)", name)
		}
	}
}

func stemNames() []string {
	var s []string
	for _, n := range audio.Stems {
		s = append(s, string(n))
	}
	return slices.Clip(s)
}

// TestStreamMatchesRender: the soundtrack made block by block is the
// whole soundtrack, sample for sample, for every golden case: the music's
// level and the mix's gain, learnt ahead, are those of the whole.
func TestStreamMatchesRender(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	ctx := context.Background()
	for _, c := range goldenCases() {
		req := engine.DefaultRequest()
		req.Duration = project.Frames(c.frames, project.DefaultRate)
		req.Seed = c.seed
		req.Cast = []engine.CastCameo{
			{Handle: "@ana", Name: "Ana", Voice: project.Voice{Language: "en", Variant: "f3", Pitch: 70, Rate: 160}},
			{Handle: "@ben", Name: "Ben", Voice: project.Voice{Language: "de", Pitch: 35, Rate: 190}},
		}
		req.Dialogue = c.lines
		req, _, err := req.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		evs := c.events
		if evs == nil {
			evs = scene.Events(c.plan, req.Seed, req.Frames(), req.Duration.Rate)
		}
		dlg, err := SpeakDialogue(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := Render(ctx, req, c.plan, evs, dlg)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		s, err := NewStream(ctx, req, c.plan, evs, dlg)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := audio.ReadStream(s)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(got.Missing, whole.Missing) {
			t.Errorf("%s: missing %q, want %q", c.name, got.Missing, whole.Missing)
		}
		same := func(part string, a, b []float32) {
			if len(a) != len(b) {
				t.Errorf("%s: the streamed %s has %d samples, the whole %d", c.name, part, len(a), len(b))
				return
			}
			for i := range a {
				if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
					t.Errorf("%s: the streamed %s differs from the whole at sample %d (frame %d): %v, want %v", c.name, part, i, i/2, a[i], b[i])
					return
				}
			}
		}
		same("mix", got.Mix.Samples, whole.Mix.Samples)
		for _, name := range audio.Stems {
			same(string(name)+" stem", got.Stems[name].Samples, whole.Stems[name].Samples)
		}
	}
}
