package app

import (
	"archive/zip"
	"encoding/json"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sqlite3 runs statements on a database file with the sqlite3 shell, as a
// person editing consent by hand would.
func sqlite3(t *testing.T, db string, sql string) {
	t.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatal("the sqlite3 shell is not installed; run make deps (it installs the sqlite3 package)")
	}
	if out, err := exec.Command(bin, db, sql).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3 %s %q: %v\n%s", db, sql, err, out)
	}
}

// samFilm makes a one-shot film casting @sam (a cameo of yourself, added
// with extra cameo add flags) with a generated take, in the data directory
// isolate set up.
func samFilm(t *testing.T, dir, name string, extra ...string) string {
	t.Helper()
	film := filepath.Join(dir, name+".kino")
	mustKino(t, "new", film, "--size", "160x90")
	mustKino(t, "shot", "add", film, "@sam on the beach", "--duration", "12f")
	if _, err := os.Stat(filepath.Join(dir, "sam.png")); err != nil {
		writePNG(t, filepath.Join(dir, "sam.png"), 40, 80, color.NRGBA{200, 0, 200, 255})
		args := []string{"cameo", "add", "--name", "Sam", "--handle", "@sam", "--image", filepath.Join(dir, "sam.png"), "--self"}
		for _, a := range extra {
			args = append(args, strings.ReplaceAll(a, "FILM", film))
		}
		mustKino(t, args...)
	}
	mustKino(t, "cast", film, "1", "@sam")
	mustKino(t, "generate", film, "1")
	return film
}

func TestRevokedLikenessNeverLeavesKinoAfterUncast(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := samFilm(t, dir, "Film")
	// Before revoking, an export's provenance names Sam and the signed record.
	wav := filepath.Join(dir, "before.wav")
	mustKino(t, "export", film, "--format", "wav", "--out", wav)
	var prov struct {
		Shots []struct {
			Cameos []struct {
				Handle, ConsentOwner, Signature, SignerKey string
				ConsentID                                  string `json:"consent_id"`
				Seq                                        uint64 `json:"consent_record_seq"`
			}
		}
	}
	data, err := os.ReadFile(wav + ".provenance.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &prov); err != nil {
		t.Fatal(err)
	}
	if c := prov.Shots[0].Cameos; len(c) != 1 || c[0].Handle != "@sam" || c[0].ConsentID == "" || c[0].Seq != 1 {
		t.Fatalf("provenance cameos %+v", c)
	}

	mustKino(t, "cameo", "revoke", "@sam")
	mustKino(t, "cast", film, "1", "@sam", "--remove")
	// The take still depicts Sam: every way out is refused.
	for _, f := range []string{"mp4", "avi", "wav", "stems", "png", "otio", "edl", "pdf"} {
		out := filepath.Join(dir, "after."+f)
		_, errs, code := kino(t, "export", film, "--format", f, "--out", out)
		if code != 1 || !strings.Contains(errs, "withheld") || !strings.Contains(errs, "@sam revoked consent") {
			t.Errorf("export %s after uncasting a revoked cameo: exit %d, %q", f, code, errs)
		}
	}
	_, errs, code := kino(t, "frame", film, "1", "--at", "3f", "--out", filepath.Join(dir, "sam.frame.png"))
	if code != 1 || !strings.Contains(errs, "withheld") {
		t.Errorf("frame of a withheld take: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "sam.frame.png")); err == nil {
		t.Error("kino frame wrote a withheld take's frame")
	}
	if out := mustKino(t, "take", "list", film, "1"); !strings.Contains(out, "WITHHELD: @sam revoked consent") {
		t.Errorf("take list does not say the take is withheld:\n%s", out)
	}
	// Asked for, the film exports with the shot as a labelled placeholder.
	out := filepath.Join(dir, "skip.wav")
	mustKino(t, "export", film, "--format", "wav", "--out", out, "--skip-withheld")
	data, _ = os.ReadFile(out + ".provenance.json")
	if !strings.Contains(string(data), `"placeholder": true`) || strings.Contains(string(data), `"cameos"`) {
		t.Errorf("skip-withheld provenance:\n%s", data)
	}
}

func TestRevocationReachesEveryProjectAndTravelsWithIt(t *testing.T) {
	data := isolate(t)
	dir := t.TempDir()
	open := samFilm(t, dir, "One")
	closed := samFilm(t, dir, "Two")
	mustKino(t, "cameo", "revoke", "@sam")
	for _, film := range []string{open, closed} {
		if out := mustKino(t, "take", "list", film, "1"); !strings.Contains(out, "WITHHELD") {
			t.Errorf("%s: take not withheld after revoking in the library:\n%s", film, out)
		}
		// Any write open brings the revocation into the project itself.
		mustKino(t, "shot", "edit", film, "1", "--seed", "9")
	}
	// Copied to another machine (another data directory, no library), the
	// project still withholds the take and refuses to generate Sam again.
	os.RemoveAll(filepath.Join(data, "kino"))
	isolate(t)
	if out := mustKino(t, "take", "list", closed, "1"); !strings.Contains(out, "WITHHELD: @sam revoked consent") {
		t.Errorf("on another machine:\n%s", out)
	}
	_, errs, code := kino(t, "generate", closed, "1", "--force")
	if code != 1 || !strings.Contains(errs, "revoked") {
		t.Errorf("generate on another machine: exit %d, %q", code, errs)
	}
}

func TestHandEditedConsentIsRefused(t *testing.T) {
	for _, c := range []struct{ name, db, sql string }{
		{"library: revoked 1 to 0", "library", `UPDATE cameos SET consent_revoked = 0, consent_revoked_at = NULL`},
		{"library: expiry moved", "library", `UPDATE cameos SET consent_expires = '2099-01-01T00:00:00Z'`},
		{"library: garbage expiry", "library", `UPDATE cameos SET consent_expires = 'not a date'`},
		{"library: owner renamed", "library", `UPDATE cameos SET consent_owner = 'Mallory'`},
		{"project: scope widened", "project", `UPDATE cameos SET consent_scope = 'any-project', consent_project_id = ''`},
		{"library: scope widened", "library", `UPDATE cameos SET consent_scope = 'any-project', consent_project_id = ''`},
		{"project: signature flipped", "project", `UPDATE cameos SET consent_signature = zeroblob(64)`},
		{"project: expiry moved", "project", `UPDATE cameos SET consent_expires = '2099-01-01T00:00:00Z'`},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := isolate(t)
			dir := t.TempDir()
			film := samFilm(t, dir, "Film", "--uses", "this-project", "--project", "FILM")
			if strings.Contains(c.name, "revoked 1 to 0") {
				mustKino(t, "cameo", "revoke", "@sam")
			}
			db := filepath.Join(data, "kino", "library", "library.db")
			if c.db == "project" {
				db = filepath.Join(film, "project.db")
			}
			sqlite3(t, db, c.sql)
			_, errs, code := kino(t, "generate", film, "1", "--force")
			if code != 1 || !strings.Contains(errs, "@sam") {
				t.Errorf("generate after %s: exit %d, %q", c.name, code, errs)
			}
			_, errs, code = kino(t, "export", film, "--format", "wav", "--out", filepath.Join(dir, "x.wav"))
			if code != 1 || !strings.Contains(errs, "@sam") {
				t.Errorf("export after %s: exit %d, %q", c.name, code, errs)
			}
		})
	}
}

func TestUnreadableLibraryFailsConsentClosed(t *testing.T) {
	data := isolate(t)
	dir := t.TempDir()
	film := samFilm(t, dir, "Film")
	mustKino(t, "cameo", "revoke", "@sam")
	// A library from a newer Kino cannot be read: consent cannot be
	// established, so the revoked cameo is not generated.
	sqlite3(t, filepath.Join(data, "kino", "library", "library.db"), `PRAGMA user_version = 99`)
	_, errs, code := kino(t, "generate", film, "1", "--force")
	if code != 1 || !strings.Contains(errs, "@sam") {
		t.Fatalf("generate with an unreadable library: exit %d, %q", code, errs)
	}
}

func TestCameoFilesMoveConsentBetweenMachines(t *testing.T) {
	isolate(t) // Sam's machine
	dir := t.TempDir()
	img := writePNG(t, filepath.Join(dir, "sam.png"), 40, 80, color.NRGBA{10, 200, 90, 255})
	mustKino(t, "cameo", "add", "--name", "Sam", "--handle", "@sam", "--image", img, "--self", "--expires", "2099-12-31")
	file := filepath.Join(dir, "sam.kinocameo")
	mustKino(t, "cameo", "export", "@sam", "--out", file)

	isolate(t) // the importer's machine
	out := mustKino(t, "cameo", "import", file)
	if !strings.Contains(out, "Imported @sam") || !strings.Contains(out, "signed by the person it depicts") || !strings.Contains(out, "pinned now") {
		t.Fatalf("import said:\n%s", out)
	}
	if out := mustKino(t, "cameo", "list"); !strings.Contains(out, "until 2099-12-31") || !strings.Contains(out, "signed by owner") {
		t.Fatalf("cameo list after import:\n%s", out)
	}
	film := filepath.Join(dir, "Film.kino")
	mustKino(t, "new", film, "--size", "160x90")
	mustKino(t, "shot", "add", film, "@sam waves", "--duration", "12f")
	mustKino(t, "cast", film, "1", "@sam")

	// A tampered file (its expiry moved after it was signed) is refused
	// with a clear error.
	bad := filepath.Join(dir, "bad.kinocameo")
	rezip(t, file, bad, func(manifest string) string { return strings.Replace(manifest, "2099-12-31", "2199-12-31", 1) })
	isolate(t)
	_, errs, code := kino(t, "cameo", "import", bad)
	if code != 1 || !(strings.Contains(errs, "does not verify") || strings.Contains(errs, "damaged")) {
		t.Fatalf("tampered import: exit %d, %q", code, errs)
	}
	// Not a cameo file at all.
	os.WriteFile(filepath.Join(dir, "junk"), []byte("junk"), 0o644)
	if _, errs, code := kino(t, "cameo", "import", filepath.Join(dir, "junk")); code != 1 || !strings.Contains(errs, "neither a Kino cameo") {
		t.Fatalf("junk import: exit %d, %q", code, errs)
	}
	if _, errs, code := kino(t, "cameo", "import", "/dev/zero"); code != 1 || !strings.Contains(errs, "not a regular file") {
		t.Fatalf("/dev/zero import: exit %d, %q", code, errs)
	}
}

// rezip copies the cameo file src to dst with its manifest rewritten by
// edit, keeping the signature: what a person tampering with a file does.
func rezip(t *testing.T, src, dst string, edit func(string) string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	changed := false
	for _, e := range zr.File {
		rc, _ := e.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if e.Name == "kino-cameo.json" {
			before := string(data)
			data = []byte(edit(before))
			changed = before != string(data)
		}
		w, _ := zw.Create(e.Name)
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Fatal("the edit changed nothing in the manifest")
	}
}

func TestRevocationFileWithholdsTakesOnAnotherMachine(t *testing.T) {
	isolate(t) // Sam's machine
	dir := t.TempDir()
	img := writePNG(t, filepath.Join(dir, "sam.png"), 40, 80, color.NRGBA{10, 200, 90, 255})
	mustKino(t, "cameo", "add", "--name", "Sam", "--handle", "@sam", "--image", img, "--self")
	file := filepath.Join(dir, "sam.kinocameo")
	mustKino(t, "cameo", "export", "@sam", "--out", file)
	samsData := os.Getenv("XDG_DATA_HOME")

	isolate(t) // a director's machine: imports Sam, makes a take
	mustKino(t, "cameo", "import", file)
	film := filepath.Join(dir, "Film.kino")
	mustKino(t, "new", film, "--size", "160x90")
	mustKino(t, "shot", "add", film, "@sam waves", "--duration", "12f")
	mustKino(t, "cast", film, "1", "@sam")
	mustKino(t, "generate", film, "1")
	directorsData := os.Getenv("XDG_DATA_HOME")

	t.Setenv("XDG_DATA_HOME", samsData) // Sam revokes and sends the file
	rev := filepath.Join(dir, "sam.revocation")
	mustKino(t, "cameo", "revoke", "@sam", "--out", rev)

	t.Setenv("XDG_DATA_HOME", directorsData)
	if out := mustKino(t, "cameo", "import", rev); !strings.Contains(out, "withheld") {
		t.Fatalf("importing the revocation said:\n%s", out)
	}
	if out := mustKino(t, "take", "list", film, "1"); !strings.Contains(out, "WITHHELD: @sam revoked consent") {
		t.Fatalf("the director's take is not withheld:\n%s", out)
	}
	_, errs, code := kino(t, "export", film, "--format", "wav", "--out", filepath.Join(dir, "x.wav"))
	if code != 1 || !strings.Contains(errs, "withheld") {
		t.Fatalf("export after the revocation: exit %d, %q", code, errs)
	}
	// A revocation file edited after signing is refused.
	data, _ := os.ReadFile(rev)
	os.WriteFile(rev+".bad", []byte(strings.Replace(string(data), `"revoked": true`, `"revoked": false`, 1)), 0o644)
	if _, errs, code := kino(t, "cameo", "import", rev+".bad"); code != 1 {
		t.Fatalf("a tampered revocation imported: %q", errs)
	}
}

// TestDeletedDepictionRecordStillWithholds: deleting a take's record of
// whom it depicts (take_cameos) does not launder a revoked likeness; the
// take's own request still casts the cameo, so every way out refuses it.
func TestDeletedDepictionRecordStillWithholds(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := samFilm(t, dir, "Film")
	mustKino(t, "cameo", "revoke", "@sam")
	sqlite3(t, filepath.Join(film, "project.db"), `DELETE FROM take_cameos`)
	png := filepath.Join(dir, "leak.png")
	if _, errs, code := kino(t, "frame", film, "1", "--at", "0f", "--out", png); code != 1 || !strings.Contains(errs, "withheld") {
		t.Errorf("frame after deleting take_cameos: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(png); err == nil {
		t.Error("kino frame wrote the frame of a take whose depiction record was deleted")
	}
	if _, errs, code := kino(t, "export", film, "--format", "wav", "--out", filepath.Join(dir, "leak.wav")); code != 1 || !strings.Contains(errs, "withheld") {
		t.Errorf("export after deleting take_cameos: exit %d, %q", code, errs)
	}
	if out := mustKino(t, "take", "list", film, "1"); !strings.Contains(out, "WITHHELD") {
		t.Errorf("take list after deleting take_cameos:\n%s", out)
	}
}
