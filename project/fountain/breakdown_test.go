package fountain

import (
	"fmt"
	"strings"
	"testing"

	"kino/project"
)

func breakdownOf(t *testing.T, src string, opts Options) *Result {
	t.Helper()
	s, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Breakdown(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func castAll(t *testing.T, r *Result) []project.Shot {
	t.Helper()
	shots, _, err := r.Shots(Casting{ByKey: Match(r.Characters, libraryCameos()), ByHandle: byHandle})
	if err != nil {
		t.Fatal(err)
	}
	for i := range shots {
		shots[i].Index = i
		if err := shots[i].Validate(r.Rate); err != nil {
			t.Fatalf("shot %d is not valid: %v", i+1, err)
		}
	}
	return shots
}

func sec(s float64) project.Time {
	return project.Frames(int64(s*24+0.5), project.DefaultRate)
}

func TestBreakdownEnglishScreenplay(t *testing.T) {
	r := mustBreakdown(t, "last_firework.fountain", Options{})
	shots := castAll(t, r)
	if r.Language != English || r.Title != "The Last Firework" {
		t.Fatalf("language %q, title %q", r.Language, r.Title)
	}
	var prompts []string
	for _, s := range shots {
		prompts = append(prompts, s.Prompt)
	}
	want := []string{
		"beach, outdoors, golden hour. Waves roll in. ANA (30s, sunburnt, stubborn) drags a crate of fireworks across the sand. Ana turns. TOM (30s) sits on a lifeguard tower, grinning.",
		"beach, outdoors, golden hour.",
		// CONTINUOUS keeps the golden hour of the scene before.
		"ana's van, indoors and outdoors, golden hour. THE VAN SHUDDERS. Ana slams the door.",
		"flashback, the first firework. A child's hand holds a sparkler. Ten years earlier.",
		"lighthouse, outdoors, night. The beam sweeps the black water.",
		"lighthouse kitchen, indoors, night. CLOSE ON the radio. It crackles *loudly*.",
		"lighthouse kitchen, indoors, night. Happy birthday to the sea, happy birthday, you and me.",
		"lighthouse kitchen, indoors, night. THE END",
	}
	if strings.Join(prompts, "\n") != strings.Join(want, "\n") {
		t.Fatalf("prompts:\n%s\nwant:\n%s", strings.Join(prompts, "\n"), strings.Join(want, "\n"))
	}
	// EST. makes a wide shot; CLOSE ON a close-up.
	if shots[4].Camera.Size != project.SizeWide || shots[5].Camera.Size != project.SizeCloseUp {
		t.Errorf("cameras %v and %v, want wide and close-up", shots[4].Camera, shots[5].Camera)
	}
	// Shot 1: the lines follow in order with their deliveries.
	s := shots[0]
	type line struct {
		who  string
		text string
		at   project.Time
		d    project.Delivery
		narr bool
	}
	var got []line
	for _, l := range s.Dialogue {
		got = append(got, line{l.Speaker, l.Text, l.Start, l.Delivery, l.Narrator})
	}
	// Action: 15 words at 3/s = 5 s. "You're late." 2 words: 1 s (the
	// minimum) + 0.4 s gap; the 10-word reaction plays 3.333 s; "Don't. Not
	// today." 3 words 1.2 s; its next stretch "Help me with this." 4 words
	// 1.6 s.
	wantLines := []line{
		{"@tom", "You're late.", sec(5.0), "", false},
		{"@ana", "Don't. Not today.", sec(5.0 + 1.4 + 3.333), project.DeliveryWhisper, false},
		{"@ana", "Help me with this.", sec(5.0 + 1.4 + 3.333 + 1.6), project.DeliveryShout, false},
	}
	if fmt.Sprint(got) != fmt.Sprint(wantLines) {
		t.Fatalf("lines of shot 1:\n got %v\nwant %v", got, wantLines)
	}
	if d := s.Duration; d != sec(5.0+1.4+3.333+1.6+1.6+1.0) {
		t.Errorf("shot 1 lasts %s, want %s", d, sec(5.0+1.4+3.333+1.6+1.6+1.0))
	}
	// Dual dialogue: both speeches start together, one second in.
	if d := shots[1].Dialogue; len(d) != 2 || d[0].Start != sec(1) || d[1].Start != sec(1) {
		t.Errorf("dual dialogue: %+v", d)
	}
	// Cast by name or handle, extensions stripped: ANA (V.O.) and ANA
	// (CONT'D) are @ana; McCLANE is @mcclane by handle.
	if c := shots[2].Cast; len(c) != 1 || c[0].Handle != "@ana" || c[0].Role != "ANA" {
		t.Errorf("cast of the van: %+v", c)
	}
	if d := shots[2].Dialogue; len(d) != 2 || d[0].Speaker != "@ana" || d[1].Delivery != project.DeliverySlow {
		t.Errorf("lines in the van: %+v", d)
	}
	// 美咲 is not in the library: her lines keep her name, for the
	// narrator voice; the lyrics under her are hers.
	var misaki []project.DialogueLine
	for _, l := range shots[5].Dialogue {
		if l.Speaker == "美咲" {
			misaki = append(misaki, l)
		}
	}
	if len(misaki) != 2 || !misaki[0].Narrator || misaki[1].Text != "花火、花火、 どこですか。" {
		t.Errorf("美咲's lines: %+v", misaki)
	}
	if d := shots[5].Dialogue[0]; d.Text != "Yippee ki-yay! Happy birthday." || d.Speaker != "@mcclane" || d.Delivery != project.DeliveryShout {
		t.Errorf("McClane's line: %+v", d)
	}
	// The characters, in order of their first cue, with their lines.
	if got := fmt.Sprint(r.Characters); got != "[{TOM TOM 2 17} {ANA ANA 5 22} {MCCLANE McCLANE 1 71} {美咲 美咲 2 77}]" {
		t.Errorf("characters %s", got)
	}
}

func TestBreakdownGermanScreenplay(t *testing.T) {
	r := mustBreakdown(t, "am_strand.fountain", Options{})
	shots := castAll(t, r)
	if r.Language != German {
		t.Fatalf("language %q", r.Language)
	}
	wantStart := []string{
		"Strand, draußen, Sonnenuntergang. Die Sonne versinkt im Meer.",
		"Strand, draußen, Sonnenuntergang.",
		"Strandbar, drinnen, Nacht. GROSSAUFNAHME: Ein Glas Sekt perlt",
		"Strand, draußen, Nacht. Über dem Wasser explodiert",
		"Strand, draußen, Nacht. ENDE",
	}
	if len(shots) != len(wantStart) {
		t.Fatalf("%d shots, want %d", len(shots), len(wantStart))
	}
	for i, w := range wantStart {
		if !strings.HasPrefix(shots[i].Prompt, w) {
			t.Errorf("shot %d prompt %q, want it to start %q", i+1, shots[i].Prompt, w)
		}
	}
	if shots[2].Camera.Size != project.SizeCloseUp {
		t.Errorf("GROSSAUFNAHME gave camera %v", shots[2].Camera)
	}
	// Umlauts in names and text survive; German parentheticals set the
	// delivery; nobody is cast, so everyone speaks with the narrator voice.
	var lines []string
	for _, s := range shots {
		for _, l := range s.Dialogue {
			if !l.Narrator {
				t.Errorf("line %+v is not a narrator line", l)
			}
			lines = append(lines, l.Speaker+":"+l.Text+":"+string(l.Delivery))
		}
	}
	want := "LÜKAS:Du bist zu früh.: JÖRG:Zu früh gibt es nicht. Nur zu spät.:whisper LÜKAS:Ein Glas Sekt für mich?: JÖRG:Später.: WIRT:Heute wird das nichts mehr mit dem Feuerwerk, meine Herren.:slow LÜKAS:Und ob!:shout"
	if strings.Join(lines, " ") != want {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(lines, " "), want)
	}
}

func TestBreakdownExchangesPerShot(t *testing.T) {
	src := `INT. KITCHEN - DAY

Ana pours coffee.

ANA
Coffee?

TOM
Please.

ANA
Milk?

TOM
No.

ANA
Sugar?
`
	for _, tc := range []struct {
		exchanges int
		lines     []int
	}{{0, []int{2, 2, 1}}, {1, []int{2, 2, 1}}, {2, []int{4, 1}}, {3, []int{5}}} {
		r := breakdownOf(t, src, Options{ExchangesPerShot: tc.exchanges})
		var got []int
		for _, d := range r.Drafts {
			got = append(got, len(d.Shot.Dialogue))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.lines) {
			t.Errorf("%d exchanges per shot: lines per shot %v, want %v", tc.exchanges, got, tc.lines)
		}
		for _, d := range r.Drafts {
			if !strings.HasPrefix(d.Shot.Prompt, "kitchen, indoors, day.") {
				t.Errorf("shot %q lost its scene heading", d.Shot.Prompt)
			}
		}
	}
}

func TestBreakdownWithoutSceneHeadingsMakesAShotPerActionBlock(t *testing.T) {
	src := "A red balloon drifts over the roofs.\n\nA child runs after it.\n\nANA\nWait!\n\nThe balloon is gone.\n"
	r := breakdownOf(t, src, Options{})
	var got []string
	for _, d := range r.Drafts {
		got = append(got, d.Shot.Prompt)
	}
	want := []string{"A red balloon drifts over the roofs.", "A child runs after it.", "The balloon is gone."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("prompts %q, want %q", got, want)
	}
	if len(r.Drafts[1].Shot.Dialogue) != 1 {
		t.Fatalf("ANA's line is not in the shot of the action before it")
	}
}

func TestBreakdownReadingSpeed(t *testing.T) {
	// 25 words of dialogue: 10 s at 2.5 words a second; 1 s before, 1 s
	// after. Slowly: 10/0.7 = 14.285 s.
	words := strings.TrimSpace(strings.Repeat("word ", 25))
	for _, tc := range []struct {
		paren string
		want  project.Time
	}{{"", sec(12)}, {"(slowly)\n", sec(1 + 14.285 + 1)}, {"(quickly)\n", sec(1 + 7.5 + 1)}} {
		r := breakdownOf(t, "INT. ROOM - DAY\n\nANA\n"+tc.paren+words+"\n", Options{})
		if d := r.Drafts[0].Shot.Duration; d != tc.want {
			t.Errorf("%q: duration %s, want %s", tc.paren, d, tc.want)
		}
	}
	// CJK: a character counts half a word: 10 characters are 2 s.
	r := breakdownOf(t, "@美咲\n花火はまだですか花火花\n", Options{})
	if d := r.Drafts[0].Shot.Duration; d != sec(1+2.2+1) {
		t.Errorf("11 CJK characters: duration %s, want %s", d, sec(1+2.2+1))
	}
	// At 29.97 fps the same rule gives frames at that rate.
	r = breakdownOf(t, "INT. ROOM - DAY\n\nANA\n"+words+"\n", Options{Rate: project.Rate2997})
	if d := r.Drafts[0].Shot.Duration; d != project.Frames(360, project.Rate2997) {
		t.Errorf("at 29.97 fps: %s (%d frames), want 360 frames", d, d.Frames)
	}
}

func TestBreakdownSplitsWhatKinoCannotHold(t *testing.T) {
	// A speech longer than a line may be is split at sentence ends.
	long := strings.Repeat("This sentence is quite long and it goes on. ", 100)
	r := breakdownOf(t, "INT. ROOM - DAY\n\nANA\n"+long+"\n", Options{})
	shots := castAll(t, r)
	if len(shots) != 1 || len(shots[0].Dialogue) < 2 {
		t.Fatalf("a %d-character speech gave %d shots, %d lines", len(long), len(shots), len(shots[0].Dialogue))
	}
	for _, l := range shots[0].Dialogue {
		if !strings.HasSuffix(l.Text, ".") {
			t.Errorf("a line was not cut at a sentence end: ...%q", l.Text[len(l.Text)-20:])
		}
	}
	// A prompt over the limit is cut with a warning.
	r = breakdownOf(t, "INT. ROOM - DAY\n\n"+strings.Repeat("Ana waits. ", 3000)+"\n", Options{})
	castAll(t, r)
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "line 1: the prompt of shot 1 was cut") {
		t.Fatalf("warnings %q", r.Warnings)
	}
}

func TestMatchCastsByNameOrHandle(t *testing.T) {
	roles := []Role{{Key: "ANA"}, {Key: "TOM BERGER"}, {Key: "OLD MAN"}, {Key: "MARIA_S"}, {Key: "NOBODY"}}
	m := Match(roles, libraryCameos())
	got := map[string]string{}
	for k, c := range m {
		got[k] = c.Handle
	}
	want := map[string]string{"ANA": "@ana", "TOM BERGER": "@tom", "OLD MAN": "@old.man1", "MARIA_S": "@maria_s"}
	want["OLD MAN"] = "" // "Old Man" is the name of @old.man1
	want["OLD MAN"] = "@old.man1"
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("matches %v, want %v", got, want)
	}
}

func TestKinoNotesRefuseBadValues(t *testing.T) {
	for _, tc := range []struct{ note, want string }{
		{"[[kino: shot 1; duration soon]]", `line 3: kino note: duration "soon"`},
		{"[[kino: shot 1; camera sideways]]", `line 3: kino note: camera "sideways"`},
		{"[[kino: shot 1; cast ana]]", `line 3: kino note: cast "ana"`},
		{"[[kino: shot 1; teleport]]", `line 3: kino note: "teleport" is not a kino note clause`},
		{"[[kino: shot 1; prompt unquoted]]", `line 3: kino note: prompt:`},
	} {
		s, err := Parse([]byte("INT. ROOM - DAY\n\n" + tc.note + "\n\nAna waits.\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Breakdown(s, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to start %q", tc.note, err, tc.want)
		}
	}
	// A note that casts a cameo not in the library.
	r := breakdownOf(t, "[[kino: shot 1; cast @zoe]]\n\nZoe waits.\n", Options{})
	if _, _, err := r.Shots(Casting{ByHandle: byHandle}); err == nil || !strings.Contains(err.Error(), "line 1: the kino note casts @zoe, which is not in your cameo library") {
		t.Fatalf("error %v", err)
	}
}

func TestCharactersNamedInActionAreInTheShot(t *testing.T) {
	src := "INT. ROOM - DAY\n\nTom's hands shake. The OLD MAN watches; will he help?\n\nANA\nHi.\n\nINT. HALL - DAY\n\nNobody.\n\nTOM\nBye.\n\nOLD MAN\nHm.\n\nWILL\nNo.\n"
	r := breakdownOf(t, src, Options{})
	if got := fmt.Sprint(r.Drafts[0].Present); got != "[TOM OLD MAN ANA]" {
		t.Fatalf("present in shot 1: %s (want TOM, OLD MAN and ANA; not WILL for \"will\")", got)
	}
}
