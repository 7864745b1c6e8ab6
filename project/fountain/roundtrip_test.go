package fountain

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"kino/project"
)

// library is the cameos round-trip tests cast.
var library = map[string]*project.Cameo{
	"@ana":      {ID: "id-ana", Handle: "@ana", Name: "Ana"},
	"@tom":      {ID: "id-tom", Handle: "@tom", Name: "Tom Berger"},
	"@maria_s":  {ID: "id-maria", Handle: "@maria_s", Name: "Maria"},
	"@mcclane":  {ID: "id-mcclane", Handle: "@mcclane", Name: "McClane"},
	"@old.man1": {ID: "id-old", Handle: "@old.man1", Name: "Old Man"},
}

func libraryCameos() []*project.Cameo {
	var out []*project.Cameo
	for _, h := range []string{"@ana", "@tom", "@maria_s", "@mcclane", "@old.man1"} {
		out = append(out, library[h])
	}
	return out
}

func byHandle(h string) *project.Cameo { return library[h] }

// reimport writes shots as Fountain and imports the script again.
func reimport(t *testing.T, title string, rate project.Rate, shots []*project.Shot) ([]project.Shot, string) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, Film{Title: title, Rate: rate, Shots: shots, SceneOf: someScene}); err != nil {
		t.Fatalf("writing: %v", err)
	}
	sc, err := Parse(b.Bytes())
	if err != nil {
		t.Fatalf("parsing the written script: %v\n%s", err, b.String())
	}
	r, err := Breakdown(sc, Options{Rate: rate})
	if err != nil {
		t.Fatalf("breaking down the written script: %v\n%s", err, b.String())
	}
	got, _, err := r.Shots(Casting{ByHandle: byHandle})
	if err != nil {
		t.Fatalf("casting the written script: %v\n%s", err, b.String())
	}
	return got, b.String()
}

// someScene gives shots headings of every sort, some of them not
// headings at all, as a reader's aid that must not change the shots.
func someScene(s *project.Shot) string {
	return []string{"", "EXT. BEACH - GOLDEN HOUR", "INT. KITCHEN", ".ODD PLACE", "INT. X #1#", "not a heading", "INT. A - DAY [[n]]"}[len(s.Prompt)%7]
}

func sameShots(t *testing.T, got []project.Shot, want []*project.Shot, script string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d shots came back, want %d\n%s", len(got), len(want), script)
	}
	for i := range want {
		if !SameShot(&got[i], want[i]) {
			t.Fatalf("shot %d came back different:\n got %+v\nwant %+v\nscript:\n%s", i+1, got[i], *want[i], script)
		}
	}
}

func TestScriptRoundTrip(t *testing.T) {
	for _, name := range []string{"last_firework.fountain", "am_strand.fountain"} {
		t.Run(name, func(t *testing.T) {
			r := mustBreakdown(t, name, Options{})
			shots, _, err := r.Shots(Casting{ByKey: Match(r.Characters, libraryCameos()), ByHandle: byHandle})
			if err != nil {
				t.Fatal(err)
			}
			want := make([]*project.Shot, len(shots))
			for i := range shots {
				want[i] = &shots[i]
			}
			got, script := reimport(t, "The Last Firework", project.DefaultRate, want)
			sameShots(t, got, want, script)
			// A script Kino wrote reads as a script: the scene headings and
			// the dialogue are there as Fountain, not only in notes.
			for _, s := range shots {
				for _, l := range s.Dialogue {
					if !strings.Contains(script, escape(l.Text)+" [[kino: at ") {
						t.Errorf("line %q is not written as dialogue:\n%s", l.Text, script)
					}
				}
			}
			if !strings.Contains(script, "\nEXT. BEACH - GOLDEN HOUR\n") && !strings.Contains(script, "\nAUSSEN. STRAND - SONNENUNTERGANG\n") && !strings.Contains(script, "EXT. STRAND") {
				t.Errorf("no scene heading written for the beach:\n%s", script)
			}
		})
	}
}

// randomText mixes words with everything Fountain gives a meaning to.
func randomText(r *rand.Rand, words int) string {
	pool := []string{"Ana", "walks", "the", "beach", "golden hour.", "indoors,", "outdoors,", "Küche", "über", "花火",
		"*bold*", "_under_", "**", "\\", "[[", "]]", "/*", "*/", "(", ")", "~", "@", "!", ">", "<", "#", "=", "===",
		"^", "INT.", "EXT.", "CUT TO:", "TOM", "CLOSE ON", "\n", "  ", "\t", ".", ", ", "kino:", "\"", ";", "  x"}
	var b strings.Builder
	for i := range words {
		if i > 0 && r.IntN(3) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pool[r.IntN(len(pool))])
	}
	return b.String()
}

// randomShot returns a valid random shot at rate rt.
func randomShot(r *rand.Rand, rt project.Rate) *project.Shot {
	s := project.NewShot("", rt, r.Uint64()>>1)
	switch r.IntN(4) {
	case 0:
		s.Prompt = randomText(r, r.IntN(12))
	case 1:
		s.Prompt = "beach, outdoors, golden hour. " + randomText(r, r.IntN(8))
	case 2:
		s.Prompt = "küche, drinnen, nacht."
	default:
		s.Prompt = "lighthouse kitchen, indoors, night. Ana pours coffee."
	}
	s.Duration = project.Frames(1+r.Int64N(3000), rt)
	if r.IntN(3) == 0 {
		s.Seed.Mode = project.SeedNewEach
	}
	if r.IntN(2) == 0 {
		s.Camera = project.Camera{Size: project.ShotSizes[r.IntN(len(project.ShotSizes))], Move: project.CameraMoves[r.IntN(len(project.CameraMoves))]}
	}
	if r.IntN(3) == 0 {
		s.Style = project.Styles[r.IntN(len(project.Styles))]
	}
	if r.IntN(4) == 0 {
		s.Strength = float64(r.IntN(100)) / 100
	}
	if r.IntN(4) == 0 {
		s.NegativePrompt = randomText(r, 3)
	}
	handles := []string{"@ana", "@tom", "@maria_s", "@mcclane", "@old.man1"}
	r.Shuffle(len(handles), func(i, j int) { handles[i], handles[j] = handles[j], handles[i] })
	for _, h := range handles[:r.IntN(4)] {
		role := []string{"", "ANA", "Tom", "OLD MAN (V.O.)", "美咲", randomText(r, 2)}[r.IntN(6)]
		if len([]rune(role)) > project.MaxRoleLength {
			role = ""
		}
		s.Cast = append(s.Cast, project.CastMember{CameoID: library[h].ID, Handle: h, Role: role})
	}
	for range r.IntN(5) {
		l := project.DialogueLine{Text: randomText(r, 1+r.IntN(10)), Start: project.Frames(r.Int64N(s.Duration.Frames), rt)}
		if strings.TrimSpace(l.Text) == "" {
			l.Text = "Hm."
		}
		if r.IntN(4) == 0 {
			l.Delivery = project.Deliveries[r.IntN(len(project.Deliveries))]
		}
		if len(s.Cast) > 0 && r.IntN(3) > 0 {
			l.Speaker = s.Cast[r.IntN(len(s.Cast))].Handle
		} else {
			l.Narrator = true
			l.Speaker = []string{"TOM", "Ana", "美咲", "McCLANE", "OLD MAN", "X (Y)", "A^", "MARIA"}[r.IntN(8)]
		}
		s.Dialogue = append(s.Dialogue, l)
	}
	return s
}

// TestScriptRoundTripProperty: any film written as Fountain reads back as
// the same shots (count, order, prompts, durations, seeds, camera, cast
// and every dialogue line with its speaker, text, start and delivery),
// whatever Fountain markup the text contains.
func TestScriptRoundTripProperty(t *testing.T) {
	for _, rt := range []project.Rate{project.DefaultRate, project.Rate2997} {
		for seed := range uint64(60) {
			r := rand.New(rand.NewPCG(seed, 16))
			var shots []*project.Shot
			for range 1 + r.IntN(8) {
				s := randomShot(r, rt)
				if err := s.Validate(rt); err != nil {
					continue
				}
				shots = append(shots, s)
			}
			if len(shots) == 0 {
				continue
			}
			t.Run(fmt.Sprintf("%s/%d", rt, seed), func(t *testing.T) {
				got, script := reimport(t, "Film "+randomText(r, 3), rt, shots)
				sameShots(t, got, shots, script)
			})
		}
	}
}

// TestScriptImportedAtAnotherRate: a script written at 60 fps imports
// into a 24 fps project with its times rescaled, lines inside their shots.
func TestScriptImportedAtAnotherRate(t *testing.T) {
	r60 := project.Rate60
	s := project.NewShot("lighthouse kitchen, indoors, night. Ana waits.", r60, 5)
	s.Duration = project.Frames(60, r60)
	s.Dialogue = []project.DialogueLine{{Speaker: "ANA", Narrator: true, Text: "Now.", Start: project.Frames(59, r60)}}
	var b bytes.Buffer
	if err := Write(&b, Film{Title: "x", Rate: r60, Shots: []*project.Shot{s}}); err != nil {
		t.Fatal(err)
	}
	sc, err := Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r, err := Breakdown(sc, Options{Rate: project.DefaultRate})
	if err != nil {
		t.Fatal(err)
	}
	got := castAll(t, r)
	if d := got[0].Duration; d != project.Frames(24, project.DefaultRate) {
		t.Fatalf("duration %s, want 1 s at 24 fps", d)
	}
	if st := got[0].Dialogue[0].Start; st != project.Frames(23, project.DefaultRate) {
		t.Fatalf("line start %d frames, want the last frame (23)", st.Frames)
	}
}
