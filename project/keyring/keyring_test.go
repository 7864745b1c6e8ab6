package keyring

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
)

func TestLoadOrCreateMakesOnePrivateKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	k1, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %04o, want 0600", st.Mode().Perm())
	}
	if dst, _ := os.Stat(dir); dst.Mode().Perm() != 0o700 {
		t.Errorf("keys folder mode %04o, want 0700", dst.Mode().Perm())
	}
	k2, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if k1.Fingerprint() != k2.Fingerprint() {
		t.Fatalf("second load gave another key: %s vs %s", k1.Fingerprint(), k2.Fingerprint())
	}
	c := project.Consent{ID: "c", Owner: "Ana", Scope: project.ConsentAnyProject, Seq: 1}
	c.Sign("cam", k2)
	if err := c.VerifySignature("cam"); err != nil {
		t.Fatalf("signature by the loaded key does not verify: %v", err)
	}
}

func TestLoadRefusesAKeyOthersCanRead(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadOrCreate(dir); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, FileName)
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(dir); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable key was accepted: %v", err)
	}
	os.Chmod(p, 0o600)
	if err := os.WriteFile(p, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(dir); project.ErrorCode(err) != project.ECORRUPT {
		t.Fatalf("a damaged key: %v, want ECORRUPT", err)
	}
}
