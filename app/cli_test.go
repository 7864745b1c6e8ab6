package app

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/project"
)

// kino runs the command line in-process with a private data directory and
// returns stdout, stderr and the exit code.
func kino(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return out.String(), errb.String(), code
}

// isolate points the data directory (cameo library) at a temporary folder.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	return dir
}

func mustKino(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, code := kino(t, args...)
	if code != 0 {
		t.Fatalf("kino %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func writePNG(t *testing.T, path string, w, h int, c color.Color) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEveryCommandHasHelp(t *testing.T) {
	isolate(t)
	var walk func(prefix []string, cmds []*command)
	walk = func(prefix []string, cmds []*command) {
		for _, c := range cmds {
			args := append(append([]string{}, prefix...), c.name)
			if c.sub != nil {
				walk(args, c.sub)
				continue
			}
			out, _, code := kino(t, append(args, "--help")...)
			if code != 0 || !strings.Contains(out, "Usage: kino "+strings.Join(args, " ")) {
				t.Errorf("kino %s --help: exit %d, output %q", strings.Join(args, " "), code, out)
			}
		}
	}
	walk(nil, commands())
	out, _, code := kino(t, "--help")
	if code != 0 || !strings.Contains(out, "shot add") || !strings.Contains(out, "cameo revoke") {
		t.Errorf("kino --help: exit %d, %q", code, out)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film)
	for _, args := range [][]string{
		{"bogus"},
		{"shot"},
		{"shot", "frobnicate"},
		{"new"},
		{"new", "a", "b"},
		{"new", filepath.Join(dir, "x"), "--rate", "abc"},
		{"shot", "add", film, "--no-such-flag"},
		{"shot", "edit", film, "1"},
		{"shot", "move", film, "one", "2"},
		{"shot", "add", film, "x", "--seed", "-5"},
		{"cameo", "add", "--name", "Ana"},
		{"take", "list", film},
	} {
		if _, errs, code := kino(t, args...); code != 2 {
			t.Errorf("kino %s: exit %d (stderr %q), want 2", strings.Join(args, " "), code, errs)
		}
	}
}

func TestShotCommandsEditTheTimeline(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film")
	mustKino(t, "new", film, "--title", "Strandfilm")
	mustKino(t, "shot", "add", film+".kino", "Ich, am Strand bei Sonnenuntergang 🌅")
	mustKino(t, "shot", "add", film+".kino", "--prompt", "a city street at night", "--duration", "3s", "--camera-move", "pan-left")
	mustKino(t, "shot", "add", film+".kino", "opening title", "--at", "1", "--duration", "00:00:02:12")
	mustKino(t, "shot", "move", film+".kino", "3", "2")
	mustKino(t, "shot", "edit", film+".kino", "1", "--style", "noir", "--seed", "42")
	mustKino(t, "shot", "rm", film+".kino", "3")

	var shots []project.Shot
	if err := json.Unmarshal([]byte(mustKino(t, "shot", "list", film+".kino", "--json")), &shots); err != nil {
		t.Fatal(err)
	}
	if len(shots) != 2 {
		t.Fatalf("%d shots, want 2", len(shots))
	}
	first, second := shots[0], shots[1]
	if first.Prompt != "opening title" || first.Duration.Frames != 60 || first.Style != project.StyleNoir || first.Seed.Value != 42 {
		t.Errorf("shot 1 = %+v", first)
	}
	if second.Prompt != "a city street at night" || second.Duration.Frames != 72 || second.Camera.Move != project.MovePanLeft {
		t.Errorf("shot 2 = %+v", second)
	}
	human := mustKino(t, "shot", "list", film+".kino")
	if !strings.Contains(human, "00:00:02:12") || !strings.Contains(human, "opening title") {
		t.Errorf("listing:\n%s", human)
	}
	// Bad values are clear errors, not crashes, and change nothing.
	if _, errs, code := kino(t, "shot", "edit", film+".kino", "1", "--camera-move", "barrel-roll"); code != 2 || !strings.Contains(errs, "barrel-roll") {
		t.Errorf("bad camera move: exit %d, %q", code, errs)
	}
	if _, errs, code := kino(t, "shot", "edit", film+".kino", "9", "--style", "noir"); code != 1 || !strings.Contains(errs, "shot 9") {
		t.Errorf("missing shot: exit %d, %q", code, errs)
	}
}

func TestCameoConsentFromTheCommandLine(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film)
	mustKino(t, "shot", "add", film, "me on the beach")
	mustKino(t, "shot", "add", film, "me in the city")
	img := writePNG(t, filepath.Join(dir, "ana.png"), 64, 96, color.NRGBA{200, 0, 200, 255})
	mustKino(t, "cameo", "add", "--name", "Ana", "--handle", "@Ana", "--image", img, "--self", "--voice", "de")
	if out := mustKino(t, "cameo", "list"); !strings.Contains(out, "@ana") || !strings.Contains(out, "valid") {
		t.Errorf("cameo list:\n%s", out)
	}
	mustKino(t, "cast", film, "1", "@ana", "--role", "lead")
	var shots []project.Shot
	json.Unmarshal([]byte(mustKino(t, "shot", "list", film, "--json")), &shots)
	if len(shots[0].Cast) != 1 || shots[0].Cast[0].Handle != "@ana" || shots[0].Cast[0].Role != "lead" {
		t.Fatalf("cast = %+v", shots[0].Cast)
	}
	// A duplicate handle is refused.
	if _, errs, code := kino(t, "cameo", "add", "--name", "Other", "--handle", "@ana", "--image", img); code == 0 {
		t.Errorf("duplicate handle accepted: %q", errs)
	}
	// After revoking, casting is a consent error that says what happened.
	mustKino(t, "cameo", "revoke", "@ana")
	_, errs, code := kino(t, "cast", film, "2", "@ana")
	if code != 1 || !strings.Contains(errs, "revoked") {
		t.Errorf("cast after revoke: exit %d, %q", code, errs)
	}
	// An expired cameo is refused too. (The command line refuses to record
	// consent that has already expired, a usage error, so write it to the
	// library directly.)
	if _, _, code := kino(t, "cameo", "add", "--name", "Bo", "--handle", "@bo", "--image", img, "--expires", "2001-01-01"); code != 2 {
		t.Errorf("consent that expired before it was given was accepted")
	}
	lib, err := openLibrary()
	if err != nil {
		t.Fatal(err)
	}
	ana, _ := lib.Cameo(context.Background(), "@ana")
	bo := &project.Cameo{Handle: "@bo", Name: "Bo", Voice: project.DefaultVoice, Images: ana.Images,
		Consent: project.Consent{ID: "c-bo", Owner: "Bo", Scope: project.ConsentAnyProject,
			GrantedAt: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Expires: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if err := lib.CreateCameo(context.Background(), bo); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	if _, errs, code := kino(t, "cast", film, "2", "@bo"); code != 1 || !strings.Contains(errs, "expired") {
		t.Errorf("cast expired: exit %d, %q", code, errs)
	}
	// A bad handle or a broken image is a clear error.
	if _, errs, code := kino(t, "cameo", "add", "--name", "X", "--handle", "@x y", "--image", img); code != 2 || !strings.Contains(errs, "handle") {
		t.Errorf("bad handle: exit %d, %q", code, errs)
	}
	broken := filepath.Join(dir, "broken.png")
	os.WriteFile(broken, []byte("not an image"), 0o644)
	if _, errs, code := kino(t, "cameo", "add", "--name", "X", "--handle", "@xy", "--image", broken); code != 1 || !strings.Contains(errs, broken) {
		t.Errorf("broken image: exit %d, %q", code, errs)
	}
}

func TestDoctorReportsDamage(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film)
	out := mustKino(t, "doctor", film)
	for _, want := range []string{"Kino ", "Cameos:", "ONNX Runtime", "ok (database and every media file intact)"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	// A folder that is not a project is named in the error.
	if _, errs, code := kino(t, "shot", "list", dir); code != 1 || !strings.Contains(errs, dir) {
		t.Errorf("non-project: exit %d, %q", code, errs)
	}
	// A damaged database is reported by doctor with a failing exit code.
	db := filepath.Join(film, "project.db")
	data, _ := os.ReadFile(db)
	os.WriteFile(db, data[:len(data)/2], 0o644)
	out, errs, code := kino(t, "doctor", film)
	if code != 1 || !strings.Contains(out+errs, "project.db") {
		t.Errorf("doctor on a truncated project: exit %d\n%s\n%s", code, out, errs)
	}
}

func TestVersion(t *testing.T) {
	if out := mustKino(t, "version"); !strings.HasPrefix(out, "kino "+Version) {
		t.Errorf("version: %q", out)
	}
}
