package app

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
	"kino/project/fountain"
)

const englishScript = "../project/fountain/testdata/last_firework.fountain"

// importSetup makes a library with @ana (Ana) and @tom, and a project with
// two shots.
func importSetup(t *testing.T) string {
	t.Helper()
	isolate(t)
	img := writePNG(t, filepath.Join(t.TempDir(), "face.png"), 32, 32, color.RGBA{200, 150, 120, 255})
	mustKino(t, "cameo", "add", "--name", "Ana", "--handle", "@ana", "--image", img)
	mustKino(t, "cameo", "add", "--name", "Thomas", "--handle", "@tom_b", "--image", img, "--voice", "en", "--pitch", "30")
	path := filepath.Join(t.TempDir(), "Film")
	mustKino(t, "new", path)
	mustKino(t, "shot", "add", path, "first")
	mustKino(t, "shot", "add", path, "last")
	return path + ".kino"
}

func projectShots(t *testing.T, path string) []*project.Shot {
	t.Helper()
	p, err := openProjectReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	shots, err := p.Shots(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return shots
}

func TestImportCommand(t *testing.T) {
	path := importSetup(t)
	if !strings.HasSuffix(path, ".kino") {
		t.Fatal(path)
	}
	// The dry run shows the casting table and imports nothing.
	out := mustKino(t, "import", path, englishScript, "--dry-run")
	for _, want := range []string{"CHARACTER", "ANA        5      @ana (Ana)", "TOM        2      uncast: narrator voice", "3 of 4 characters are uncast", "--cast NAME=@handle", "Would import 8 shots"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if n := len(projectShots(t, path)); n != 2 {
		t.Fatalf("the dry run changed the project: %d shots", n)
	}

	// Cast TOM by hand, put the shots after shot 1.
	out = mustKino(t, "import", path, englishScript, "--cast", "tom (V.O.)=@tom_b", "--after", "1")
	if !strings.Contains(out, "Imported 8 shots from 5 scenes of last_firework.fountain as shots 2 to 9") {
		t.Fatalf("output:\n%s", out)
	}
	shots := projectShots(t, path)
	if len(shots) != 10 || shots[0].Prompt != "first" || shots[9].Prompt != "last" {
		t.Fatalf("the import did not go after shot 1: %d shots, first %q, last %q", len(shots), shots[0].Prompt, shots[len(shots)-1].Prompt)
	}
	s := shots[1]
	if !strings.HasPrefix(s.Prompt, "beach, outdoors, golden hour. Waves roll in.") {
		t.Errorf("shot 2 prompt %q", s.Prompt)
	}
	if len(s.Cast) != 2 || s.Cast[0].Handle != "@ana" || s.Cast[0].Role != "ANA" || s.Cast[1].Handle != "@tom_b" || s.Cast[1].Role != "TOM" {
		t.Errorf("shot 2 cast %+v", s.Cast)
	}
	if d := s.Dialogue; len(d) != 3 || d[0].Speaker != "@tom_b" || d[1].Speaker != "@ana" || d[1].Delivery != project.DeliveryWhisper {
		t.Errorf("shot 2 lines %+v", d)
	}
	// McCLANE and 美咲 are nobody's: narrator lines under their names.
	var narr []string
	for _, s := range shots {
		for _, l := range s.Dialogue {
			if l.Narrator {
				narr = append(narr, l.Speaker)
			}
		}
	}
	if strings.Join(narr, ",") != "McCLANE,美咲,美咲" {
		t.Errorf("narrator lines by %v", narr)
	}
	// The listing shows them.
	list := mustKino(t, "shot", "list", path)
	if !strings.Contains(list, "golden hour") {
		t.Errorf("shot list:\n%s", list)
	}
}

// TestImportExportRoundTrip: a film exported as Fountain and imported into
// a new project gives the same shots.
func TestImportExportRoundTrip(t *testing.T) {
	path := importSetup(t)
	mustKino(t, "import", path, englishScript, "--cast", "TOM=@tom_b")
	mustKino(t, "shot", "edit", path, "3", "--style", "noir", "--seed", "42", "--camera-move", "dolly-in")
	script := filepath.Join(t.TempDir(), "film.fountain")
	out := mustKino(t, "export", path, "--format", "fountain", "--out", script)
	if !strings.Contains(out, "Exported "+script) {
		t.Fatalf("export output: %s", out)
	}
	if _, err := os.Stat(script + ".provenance.json"); err != nil {
		t.Errorf("no provenance sidecar: %v", err)
	}
	data, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title: Film", "EXT. BEACH - GOLDEN HOUR", "\nANA\n(whispering)\nDon't. Not today. [[kino: at ", "style noir"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the script lacks %q:\n%s", want, data)
		}
	}
	other := filepath.Join(t.TempDir(), "Other")
	mustKino(t, "new", other)
	mustKino(t, "import", other+".kino", script)
	a, b := projectShots(t, path), projectShots(t, other+".kino")
	if len(a) != len(b) {
		t.Fatalf("%d shots came back, want %d", len(b), len(a))
	}
	for i := range a {
		if !fountain.SameShot(a[i], b[i]) {
			t.Errorf("shot %d came back different:\n got %+v\nwant %+v", i+1, *b[i], *a[i])
		}
	}
}

func TestImportRefusesBadScriptsWholly(t *testing.T) {
	path := importSetup(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := filepath.Join(dir, "huge.fountain")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct {
		file string
		code int
		want string
	}{
		{write("photo.fountain", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)), 1, "photo.fountain: line 3: the file holds binary data"},
		{big, 1, "larger than 16 MB"},
		{write("latin1.fountain", []byte("INT. KÜCHE - NACHT\n\nHei\xdf.\n")), 1, "latin1.fountain: line 3: the script is not UTF-8 text"},
		{write("bone.fountain", []byte("INT. ROOM - DAY\n\nAna waits.\n\n/* cut\nTOM\nHi.\n")), 1, "bone.fountain: line 5: the boneyard opened here with /* is never closed"},
		{write("notes.fountain", []byte("[[kino: shot 1; cast @nobody]]\n\nHi.\n")), 1, "notes.fountain: line 1: the kino note casts @nobody"},
		{write("empty.fountain", []byte("Title: Nothing\n\n/* all cut */\n")), 1, "has no scenes, action or dialogue"},
		{englishScript + " --cast ZOE=@ana", 2, "the script has no character ZOE"},
		{englishScript + " --cast ANA=@nobody", 1, "there is no cameo @nobody in your library"},
		{filepath.Join(dir, "missing.fountain"), 1, "no such file"},
		{dir, 1, "is a folder"},
	} {
		args := append([]string{"import", path}, strings.Fields(tc.file)...)
		_, errs, code := kino(t, args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("import %s: exit %d, stderr %q; want exit %d and %q", tc.file, code, errs, tc.code, tc.want)
		}
	}
	if n := len(projectShots(t, path)); n != 2 {
		t.Fatalf("bad scripts changed the project: %d shots", n)
	}
	// Consent: a revoked cameo is not cast, and nothing is imported.
	mustKino(t, "cameo", "revoke", "@ana")
	_, errs, code := kino(t, "import", path, englishScript)
	if code != 1 || !strings.Contains(errs, "ANA (@ana) cannot be cast") || !strings.Contains(errs, "revoked") {
		t.Fatalf("import with a revoked cameo: exit %d, %s", code, errs)
	}
	if n := len(projectShots(t, path)); n != 2 {
		t.Fatalf("a refused import changed the project: %d shots", n)
	}
	// Leaving ANA uncast imports, her lines for the narrator.
	mustKino(t, "import", path, englishScript, "--cast", "ANA=")
	if n := len(projectShots(t, path)); n != 10 {
		t.Fatalf("%d shots after importing with ANA uncast", n)
	}
}

func TestImportWithoutSceneHeadings(t *testing.T) {
	path := importSetup(t)
	script := filepath.Join(t.TempDir(), "notes.fountain")
	os.WriteFile(script, []byte("A red balloon drifts over the roofs.\n\nA child runs after it.\n\nThe balloon is gone.\n"), 0o644)
	out := mustKino(t, "import", path, script)
	if !strings.Contains(out, "Imported 3 shots from notes.fountain (no scene headings: a shot per action block)") {
		t.Fatalf("output: %s", out)
	}
}
