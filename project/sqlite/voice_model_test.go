package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"kino/project"
)

// A cameo's Piper voice and speaker survive the library, a project's
// snapshot, and reopening both.
func TestCameoVoiceModelStored(t *testing.T) {
	dir := t.TempDir()
	l := mustOpenLibrary(t, dir)
	c := newLibraryCameo(t, l, "@mia")
	c.Voice.Model, c.Voice.Speaker, c.Voice.Language = "piper:en_US-libritts-high", 7, "en-us"
	if err := l.CreateCameo(bg, c); err != nil {
		t.Fatal(err)
	}
	l.Close()
	l = mustOpenLibrary(t, dir)
	got, err := l.Cameo(bg, "@mia")
	if err != nil {
		t.Fatal(err)
	}
	if got.Voice != c.Voice {
		t.Fatalf("library read back voice %+v, want %+v", got.Voice, c.Voice)
	}
	got.Voice.Model, got.Voice.Speaker = "piper:de_DE-thorsten-medium", 0
	if err := l.UpdateCameo(bg, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := l.Cameo(bg, "@mia"); again.Voice.Model != "piper:de_DE-thorsten-medium" || again.Voice.Speaker != 0 {
		t.Fatalf("updated voice %+v", again.Voice)
	}
	bad := *got
	bad.Voice.Model = "piper:../x"
	wantCode(t, l.UpdateCameo(bg, &bad), project.EINVALID)

	p := MustOpenDB(t)
	id := mustAddShot(t, p, "a beach")
	snap := *c
	snap.Images = []project.Asset{mustPutBlob(t, p, "face of @mia", "image/png")}
	mustApply(t, p, project.CastCameo{ShotID: id, Cameo: snap})
	p = mustReopen(t, p)
	cameos, err := p.Cameos(bg)
	if err != nil || len(cameos) != 1 || cameos[0].Voice != c.Voice {
		t.Fatalf("project snapshot: %+v, %v", cameos, err)
	}
}

// A library made before voice models opens, migrates, and its cameos
// speak with espeak-ng as before.
func TestLibraryBeforeVoiceModels(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", dsn(filepath.Join(dir, libraryDBName), writeParams))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		librarySchema.scripts[0],
		`INSERT INTO cameos (id, handle, name, appearance, voice_language, voice_variant, voice_pitch, voice_rate,
			consent_id, consent_owner, consent_scope, consent_project_id, consent_granted_at, consent_revoked, is_self, created_at, updated_at)
			VALUES ('c1', '@old', 'Old', '', 'de', '', 58, 165, 'k1', 'Old', 'any-project', '', '2025-01-01T00:00:00Z', 0, 0,
			'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("building a schema 1 library: %v", err)
		}
	}
	db.Close()
	l := mustOpenLibrary(t, dir)
	c, err := l.Cameo(bg, "@old")
	if err != nil {
		t.Fatal(err)
	}
	want := project.Voice{Language: "de", Pitch: 58, Rate: 165}
	if c.Voice != want {
		t.Fatalf("migrated voice %+v, want %+v", c.Voice, want)
	}
}
