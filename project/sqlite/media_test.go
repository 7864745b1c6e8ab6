package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
)

func TestPutBlobIsContentAddressed(t *testing.T) {
	p := MustOpenDB(t)
	data := strings.Repeat("frame ", 100000)
	a := mustPutBlob(t, p, data, "video/x-motion-jpeg")
	sum := sha256.Sum256([]byte(data))
	want := hex.EncodeToString(sum[:])
	if a.SHA256 != want || a.Size != int64(len(data)) || a.MediaType != "video/x-motion-jpeg" {
		t.Fatalf("asset %+v", a)
	}
	path := filepath.Join(p.Path(), "media", want[:2], want)
	if p.BlobPath(want) != path {
		t.Fatalf("BlobPath %s, want %s", p.BlobPath(want), path)
	}
	if string(readFile(t, path)) != data {
		t.Fatal("blob content differs")
	}
	// Storing the same bytes again keeps one file; no temporary files stay.
	if b := mustPutBlob(t, p, data, "video/x-motion-jpeg"); b != a {
		t.Fatalf("second put %+v", b)
	}
	entries, _ := os.ReadDir(filepath.Join(p.Path(), "media"))
	if len(entries) != 1 || entries[0].Name() != want[:2] {
		t.Fatalf("media folder holds %v", entries)
	}
	rc, err := p.OpenBlob(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || string(got) != data {
		t.Fatalf("OpenBlob read %d bytes, %v", len(got), err)
	}
	_, err = p.PutBlob(bg, strings.NewReader("x"), " ")
	wantCode(t, err, project.EINVALID)
}

func TestPutBlobRepairsADamagedCopy(t *testing.T) {
	p := MustOpenDB(t)
	a := mustPutBlob(t, p, "original bytes", "text/plain")
	path := p.BlobPath(a.SHA256)
	if err := os.WriteFile(path, []byte("damaged bytes!"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustPutBlob(t, p, "original bytes", "text/plain")
	if got := string(readFile(t, path)); got != "original bytes" {
		t.Fatalf("blob holds %q after storing the good copy again", got)
	}
}

func TestOpenBlobReportsMissingAndChangedFiles(t *testing.T) {
	p := MustOpenDB(t)
	a := mustPutBlob(t, p, "the real content", "text/plain")
	path := p.BlobPath(a.SHA256)
	if err := os.WriteFile(path, []byte("the fake content"), 0o644); err != nil {
		t.Fatal(err)
	}
	rc, err := p.OpenBlob(a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(rc)
	rc.Close()
	wantCode(t, err, project.ECORRUPT)
	wantMessage(t, err, path, "does not match its hash")

	os.Remove(path)
	_, err = p.OpenBlob(a.SHA256)
	wantCode(t, err, project.ENOTFOUND)
	wantMessage(t, err, path)

	_, err = p.OpenBlob("../../etc/passwd")
	wantCode(t, err, project.EINVALID)
}
