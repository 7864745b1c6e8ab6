package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallFilm makes a 160x90 project with one generated one-second shot and
// returns its path.
func smallFilm(t *testing.T) string {
	t.Helper()
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film, "--size", "160x90")
	mustKino(t, "shot", "add", film, "a beach at sunset", "--duration", "1s", "--seed", "3")
	mustKino(t, "generate", film, "1")
	return film
}

// intactProject fails the test unless the project at film still opens and
// lists its shot.
func intactProject(t *testing.T, film string) {
	t.Helper()
	out, errs, code := kino(t, "shot", "list", film)
	if code != 0 || !strings.Contains(out, "beach") {
		t.Fatalf("the project no longer lists its shot: exit %d, %q %q", code, out, errs)
	}
	if _, errs, code := kino(t, "doctor", film); code != 0 {
		t.Fatalf("doctor after a refused output: exit %d\n%s", code, errs)
	}
}

func TestFrameKeepsExistingFilesUnlessForced(t *testing.T) {
	film := smallFilm(t)
	keep := filepath.Join(t.TempDir(), "keep.txt")
	os.WriteFile(keep, []byte("precious\n"), 0o644)
	_, errs, code := kino(t, "frame", film, "1", "--out", keep)
	if code != 1 || !strings.Contains(errs, "already exists") || !strings.Contains(errs, "--force") {
		t.Fatalf("frame over an existing file: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(keep); string(b) != "precious\n" {
		t.Fatalf("keep.txt was changed to %q", b)
	}
	mustKino(t, "frame", film, "1", "--out", keep, "--force")
	if b, _ := os.ReadFile(keep); !strings.HasPrefix(string(b), "\x89PNG") {
		t.Fatalf("--force did not replace the file with a PNG")
	}
}

func TestOutputsNeverLandInAProjectOrTheLibrary(t *testing.T) {
	film := smallFilm(t)
	db := filepath.Join(film, "project.db")
	before, _ := os.ReadFile(db)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(film, link); err != nil {
		t.Fatal(err)
	}
	mustKino(t, "cameo", "list") // creates the library folder
	cases := [][]string{
		{"frame", film, "1", "--out", db},
		{"frame", film, "1", "--out", db, "--force"},
		{"frame", film, "1", "--out", filepath.Join(film, "media", "x.png"), "--force"},
		{"frame", film, "1", "--out", filepath.Join(link, "project.db"), "--force"},
		{"frame", film, "1", "--out", filepath.Join(LibraryDir(), "x.png")},
		{"export", film, "--out", db, "--format", "wav", "--force"},
		{"export", film, "--out", filepath.Join(link, "cut.wav")},
		{"export", film, "--out", film, "--format", "png", "--force"},
		{"export", film, "--out", filepath.Join(LibraryDir(), "media", "cut.wav")},
		{"new", filepath.Join(film, "inner")},
	}
	for _, args := range cases {
		_, errs, code := kino(t, args...)
		if code != 1 || !(strings.Contains(errs, "never writes") || strings.Contains(errs, "never replaces")) {
			t.Errorf("kino %s: exit %d, %q; want a refusal", strings.Join(args, " "), code, errs)
		}
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Fatal("project.db changed")
	}
	if _, err := os.Stat(filepath.Join(film, "inner.kino")); err == nil {
		t.Fatal("kino new made a project inside a project")
	}
	intactProject(t, film)
}

func TestExportRemovesDebrisOfKilledExports(t *testing.T) {
	film := smallFilm(t)
	dir := t.TempDir()
	debris := []string{".cut.wav.kino-tmp-123", ".cut.mp4.kino-audio-9.wav", ".kino-frame-77.png", ".cut.png.kino-tmp-5"}
	plant := func() {
		for _, d := range debris {
			if strings.HasSuffix(d, "kino-tmp-5") {
				os.MkdirAll(filepath.Join(dir, d, "x"), 0o755)
				continue
			}
			os.WriteFile(filepath.Join(dir, d), []byte("half an export"), 0o644)
		}
	}
	plant()
	os.WriteFile(filepath.Join(dir, ".hidden-notes"), []byte("mine"), 0o644)

	// While another export writes into the folder (it holds the folder's
	// shared lock), its temporary files are left alone.
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		t.Fatal(err)
	}
	mustKino(t, "export", film, "--out", filepath.Join(dir, "a.wav"))
	for _, d := range debris {
		if _, err := os.Lstat(filepath.Join(dir, d)); err != nil {
			t.Fatalf("%s was removed while another export held the folder", d)
		}
	}
	f.Close()

	_, errs, code := kino(t, "export", film, "--out", filepath.Join(dir, "b.wav"))
	if code != 0 || !strings.Contains(errs, "removed 4 temporary file(s)") {
		t.Fatalf("export: exit %d, %q", code, errs)
	}
	for _, d := range debris {
		if _, err := os.Lstat(filepath.Join(dir, d)); err == nil {
			t.Errorf("%s was left behind", d)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".hidden-notes")); err != nil {
		t.Errorf("a file that is not Kino's was removed: %v", err)
	}
	plant()
	mustKino(t, "frame", film, "1", "--out", filepath.Join(dir, "f.png"))
	for _, d := range debris {
		if _, err := os.Lstat(filepath.Join(dir, d)); err == nil {
			t.Errorf("kino frame left %s behind", d)
		}
	}
}

func TestDoctorReportsAndFixesDebris(t *testing.T) {
	film := smallFilm(t)
	media := filepath.Join(film, "media")
	orphan := filepath.Join(media, "ab", "ab"+strings.Repeat("0", 62))
	os.MkdirAll(filepath.Dir(orphan), 0o755)
	os.WriteFile(orphan, make([]byte, 3000), 0o644)
	temp := filepath.Join(media, ".incoming-77")
	os.WriteFile(temp, make([]byte, 100), 0o644)
	stray := filepath.Join(media, "notes.txt") // not Kino's: never touched
	os.WriteFile(stray, []byte("mine"), 0o644)

	out, _, code := kino(t, "doctor", film)
	if code != 1 || !strings.Contains(out, "2 orphan media file(s), 3 KB") || !strings.Contains(out, orphan) ||
		!strings.Contains(out, "half-written") || !strings.Contains(out, "--fix") {
		t.Fatalf("doctor: exit %d\n%s", code, out)
	}
	js, _, _ := kino(t, "doctor", film, "--json")
	if !strings.Contains(js, `"orphans"`) || !strings.Contains(js, `"size": 3000`) {
		t.Fatalf("doctor --json: %s", js)
	}
	out, errs, code := kino(t, "doctor", film, "--fix")
	if code != 0 || !strings.Contains(out, "removed 1 orphan media file(s)") || !strings.Contains(out, "ok (database") {
		t.Fatalf("doctor --fix: exit %d\n%s\n%s", code, out, errs)
	}
	for _, p := range []string{orphan, temp} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there after --fix", p)
		}
	}
	if _, err := os.Stat(stray); err != nil {
		t.Errorf("--fix removed a file Kino did not write")
	}
	intactProject(t, film)
	if _, _, code := kino(t, "doctor", "--fix"); code != 2 {
		t.Errorf("doctor --fix without a project: exit %d, want 2", code)
	}
}

func TestDamagedTakeIsNeverExportedSilently(t *testing.T) {
	film := smallFilm(t)
	var takes []struct {
		ID    int64             `json:"id"`
		Files map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes); err != nil || len(takes) != 1 {
		t.Fatalf("takes: %v", err)
	}
	for _, role := range []string{"video", "audio"} {
		path := takes[0].Files[role]
		data, _ := os.ReadFile(path)
		orig := append([]byte(nil), data...)
		for i := len(data) / 2; i < len(data)/2+4; i++ {
			data[i] ^= 0x21
		}
		os.WriteFile(path, data, 0o644)
		dir := t.TempDir()
		want := fmt.Sprintf("shot 1, take %d", takes[0].ID)
		for _, args := range [][]string{
			{"frame", film, "1", "--out", filepath.Join(dir, "f.png")},
			{"export", film, "--out", filepath.Join(dir, "cut.wav")},
			{"export", film, "--out", filepath.Join(dir, "cut.avi")},
		} {
			_, errs, code := kino(t, args...)
			if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, "does not match its hash") {
				t.Errorf("%s damaged: kino %s: exit %d, %q", role, strings.Join(args, " "), code, errs)
			}
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%s damaged: outputs were written: %v", role, left)
		}
		os.WriteFile(path, orig, 0o644)
	}
	mustKino(t, "export", film, "--out", filepath.Join(t.TempDir(), "cut.wav"))
}

func TestAFolderWithAnUnrelatedDatabaseTakesOutputs(t *testing.T) {
	film := smallFilm(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "project.db"), []byte("someone else's database"), 0o644)
	mustKino(t, "frame", film, "1", "--out", filepath.Join(dir, "f.png"))
	if isKinoFolder(dir) || !isKinoFolder(film) {
		t.Fatalf("isKinoFolder: %v for a plain folder, %v for a project", isKinoFolder(dir), isKinoFolder(film))
	}
}
