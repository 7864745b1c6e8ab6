package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/c2pa"
)

// flipByte changes the byte at off in path.
func flipByte(t *testing.T, path string, off int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[off] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExportIsSignedAndKinoVerifyChecksIt(t *testing.T) {
	proj := exportProject(t) // also isolates the data directory
	dir := t.TempDir()
	avi := filepath.Join(dir, "film.avi")
	if code, _, stderr := runExport(t, proj, "--out", avi); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	// The first export made the signing identity, keys private.
	for _, f := range []string{c2pa.KeyFile, "ca.key"} {
		st, err := os.Stat(filepath.Join(CredentialsDir(), f))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, mode %v", f, err, st.Mode().Perm())
		}
	}

	out := strings.Join(strings.Fields(mustKino(t, "verify", avi)), " ")
	for _, want := range []string{
		avi + ": verified: signed by a trusted signer, unchanged since",
		"Signed by:", "ES256", "self-issued by Kino",
		"File bytes: unchanged (c2pa.hash.data matches)",
		"c2pa.created, algorithmicMedia, by Kino " + Version,
		`Shot 1: "the beach at sunset": previz, seed 3, take`,
		`Shot 2: "fireworks over the harbour": previz`,
		"Watermark:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("kino verify output lacks %q:\n%s", want, out)
		}
	}

	// --json carries the same report.
	var reps []c2pa.Report
	if err := json.Unmarshal([]byte(mustKino(t, "verify", "--json", avi)), &reps); err != nil || len(reps) != 1 || !reps[0].Manifest.Signature.Valid || len(reps[0].Manifest.Film.Shots) != 2 {
		t.Fatalf("kino verify --json: %v %+v", err, reps)
	}

	// One flipped byte in the picture fails, naming the cause.
	b, _ := os.ReadFile(avi)
	flipByte(t, avi, int64(bytes.Index(b, []byte("00dc"))+500))
	stdout, stderr, code := kino(t, "verify", avi)
	if code != exitError || !strings.Contains(stdout, "TAMPERED: the file was changed after it was signed") || !strings.Contains(stderr, "does not verify") {
		t.Fatalf("tampered file: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// A file without credentials, and one that is not there.
	plain := filepath.Join(dir, "plain.txt")
	os.WriteFile(plain, []byte("hello"), 0o644)
	stdout, stderr, code = kino(t, "verify", plain, filepath.Join(dir, "missing.mp4"))
	if code != exitError || !strings.Contains(stdout, "no Content Credentials") || !strings.Contains(stdout, "cannot be read") || !strings.Contains(stderr, "2 of 2 files do not verify") {
		t.Fatalf("plain and missing files: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, _, code := kino(t, "verify"); code != exitUsage {
		t.Errorf("kino verify without files: exit %d, want %d", code, exitUsage)
	}
}

func TestHandOffGetsSidecarCredentials(t *testing.T) {
	proj := exportProject(t)
	dir := t.TempDir()
	otio := filepath.Join(dir, "film.otio")
	if code, _, stderr := runExport(t, proj, "--out", otio, "--pure-go"); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for _, f := range []string{otio, filepath.Join(dir, "film.edl"), filepath.Join(dir, "film.shot001.avi")} {
		out := mustKino(t, "verify", f)
		if !strings.Contains(out, "verified") {
			t.Errorf("%s:\n%s", f, out)
		}
	}
	if _, err := os.Stat(otio + ".c2pa"); err != nil {
		t.Errorf("no sidecar for the OTIO: %v", err)
	}
	// Editing the OTIO after export is caught.
	b, _ := os.ReadFile(otio)
	os.WriteFile(otio, bytes.Replace(b, []byte("Film"), []byte("Flim"), 1), 0o644)
	if stdout, _, code := kino(t, "verify", otio); code != exitError || !strings.Contains(stdout, "TAMPERED") {
		t.Errorf("an edited OTIO: exit %d\n%s", code, stdout)
	}
}

func TestCredentialsCommandAndDoctor(t *testing.T) {
	isolate(t)
	out := mustKino(t, "doctor")
	for _, want := range []string{"Content Credentials:", "no time-stamp authority", "untrusted until", "no signing key yet"} {
		if !strings.Contains(out, want) {
			t.Errorf("kino doctor lacks %q:\n%s", want, out)
		}
	}
	out = mustKino(t, "credentials")
	if !strings.Contains(out, "Signer:") || !strings.Contains(out, "ES256") || !strings.Contains(out, "Self-issued: validators will call this signer untrusted") {
		t.Errorf("kino credentials:\n%s", out)
	}
	out = mustKino(t, "doctor")
	if !strings.Contains(out, "exports are signed (C2PA) by") || strings.Contains(out, "no signing key yet") {
		t.Errorf("kino doctor after the identity exists:\n%s", out)
	}
	if _, stderr, code := kino(t, "credentials", "--install", "nothere.pem", "nothere.key"); code != exitError || !strings.Contains(stderr, "nothere.pem") {
		t.Errorf("installing missing files: exit %d %s", code, stderr)
	}
}

func TestVerifyAFolderOfFrames(t *testing.T) {
	proj := exportProject(t)
	frames := filepath.Join(t.TempDir(), "frames")
	if code, _, stderr := runExport(t, proj, "--format", "png", "--out", frames); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	out := mustKino(t, "verify", frames)
	if n := strings.Count(out, ": verified"); n != 48 {
		t.Fatalf("verified %d frames of 48:\n%.2000s", n, out)
	}
	if strings.Contains(out, "provenance.json") {
		t.Errorf("the provenance sidecar was verified as a frame")
	}
}
