package sqlite

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"kino/project"
	"kino/project/cameofile"
	"kino/project/keyring"
)

// exportCameo writes the library cameo h as a .kinocameo file.
func exportCameo(t *testing.T, l *Library, h string) []byte {
	t.Helper()
	c, err := l.Cameo(bg, h)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := cameofile.WriteCameo(&buf, c, l.OpenBlob); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// importFile reads data as a cameo file and imports it into l the way
// kino cameo import does: images first, then the cameo.
func importFile(t *testing.T, l *Library, data []byte) (project.CameoImport, error) {
	t.Helper()
	f, err := cameofile.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return project.CameoImport{}, err
	}
	for _, img := range f.Images {
		if _, err := l.PutBlob(bg, bytes.NewReader(img), "image/png"); err != nil {
			t.Fatal(err)
		}
	}
	return l.ImportCameo(bg, f.Cameo)
}

func TestCameoFileKeepsItsTermsOnAnotherMachine(t *testing.T) {
	samKey, myKey := keyring.FromSeed(bytes.Repeat([]byte{7}, 32)), keyring.FromSeed(bytes.Repeat([]byte{9}, 32))
	sams, err := OpenLibrary(t.TempDir(), samKey)
	if err != nil {
		t.Fatal(err)
	}
	defer sams.Close()
	sam := newLibraryCameo(t, sams, "@sam")
	sam.Name, sam.IsSelf = "Sam", true
	sam.Consent.Owner, sam.Consent.Expires = "Sam", time.Now().AddDate(1, 0, 0).UTC().Truncate(time.Second)
	if err := sams.CreateCameo(bg, sam); err != nil {
		t.Fatal(err)
	}
	file := exportCameo(t, sams, "@sam")

	mine, err := OpenLibrary(t.TempDir(), myKey)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	res, err := importFile(t, mine, file)
	if err != nil {
		t.Fatal(err)
	}
	if !res.FirstSeen || res.Fingerprint != samKey.Fingerprint() {
		t.Fatalf("import: first seen %v, fingerprint %s; want Sam's key %s pinned", res.FirstSeen, res.Fingerprint, samKey.Fingerprint())
	}
	got, _ := mine.Cameo(bg, "@sam")
	if got.ID != sam.ID || got.Consent.Owner != "Sam" || !got.Consent.Expires.Equal(sam.Consent.Expires) || got.Consent.SelfAttested {
		t.Fatalf("imported cameo %+v, want Sam's own terms", got.Consent)
	}
	f, err := mine.ConsentFacts(bg)
	if v := verdictOf(t, f, err, sam.ID, "@sam", "any"); !v.Allowed() || v.SignatureStatus() != "signed by owner" {
		t.Fatalf("imported cameo judged %v %q", v.Err, v.SignatureStatus())
	}
	// The importer cannot change the terms Sam signed.
	got.Consent.Expires = time.Now().AddDate(10, 0, 0)
	err = mine.UpdateCameo(bg, got)
	wantCode(t, err, project.ECONSENT)
	wantMessage(t, err, "only they can change")
	// Renaming is fine.
	got, _ = mine.Cameo(bg, "@sam")
	got.Name = "Sam S."
	if err := mine.UpdateCameo(bg, got); err != nil {
		t.Fatalf("renaming an imported cameo: %v", err)
	}

	// A record for the same cameo signed by another key is refused.
	forged := newLibraryCameo(t, mine, "@sam")
	forged.ID, forged.Consent = sam.ID, sam.Consent
	forged.Consent.Seq = 5
	forged.Consent.Sign(forged.ID, keyring.Generate())
	_, err = mine.ImportCameo(bg, forged)
	wantCode(t, err, project.ECONSENT)
	wantMessage(t, err, "another key")

	// Sam revokes on their machine and sends the revocation file.
	r, err := sams.RevokeCameo(bg, "@sam", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var rf bytes.Buffer
	if err := cameofile.WriteRevocation(&rf, project.RecordOf(r)); err != nil {
		t.Fatal(err)
	}
	rd, err := cameofile.Read(bytes.NewReader(rf.Bytes()), int64(rf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if known, err := mine.ImportRevocation(bg, *rd.Revocation); err != nil || !known {
		t.Fatalf("ImportRevocation = %v, %v", known, err)
	}
	f, err = mine.ConsentFacts(bg)
	if v := verdictOf(t, f, err, sam.ID, "@sam", "any"); v.Reason != project.ConsentRevoked {
		t.Fatalf("after Sam's revocation file: %v", v.Err)
	}
	// Re-importing the old cameo file does not bring the consent back.
	if res, err := importFile(t, mine, file); err != nil || !res.Unchanged {
		t.Fatalf("re-import of the old file: %+v %v", res, err)
	}
	f, err = mine.ConsentFacts(bg)
	if v := verdictOf(t, f, err, sam.ID, "@sam", "any"); v.Allowed() {
		t.Fatal("re-importing an old cameo file undid a revocation")
	}
}

func TestTamperedCameoFilesAreRefused(t *testing.T) {
	l := mustOpenLibrary(t, t.TempDir())
	c := newLibraryCameo(t, l, "@ana")
	if err := l.CreateCameo(bg, c); err != nil {
		t.Fatal(err)
	}
	file := exportCameo(t, l, "@ana")
	// Rewrite the manifest with a later expiry, keeping the signature.
	rewrite := func(edit func(string) string) []byte {
		zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, e := range zr.File {
			rc, _ := e.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			if e.Name == "kino-cameo.json" {
				data = []byte(edit(string(data)))
			}
			w, _ := zw.Create(e.Name)
			w.Write(data)
		}
		zw.Close()
		return buf.Bytes()
	}
	other := mustOpenLibrary(t, t.TempDir())
	for name, data := range map[string][]byte{
		"owner renamed": rewrite(func(s string) string { return strings.Replace(s, `"owner": "Ana"`, `"owner": "Eve"`, 1) }),
		"grant moved":   rewrite(func(s string) string { return strings.Replace(s, `"granted_at": "20`, `"granted_at": "19`, 1) }),
		"seq raised":    rewrite(func(s string) string { return strings.Replace(s, `"seq": 1`, `"seq": 9`, 1) }),
	} {
		_, err := importFile(t, other, data)
		if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "does not verify") {
			t.Errorf("%s: import = %v, want refused as not verifying", name, err)
		}
	}
	for name, data := range map[string][]byte{
		"truncated": file[:len(file)/2],
		"garbage":   []byte("hello, this is not a cameo"),
		"empty":     {},
	} {
		if _, err := importFile(t, other, data); project.ErrorCode(err) != project.EINVALID {
			t.Errorf("%s: import = %v, want EINVALID", name, err)
		}
	}
	if cs, _ := other.Cameos(bg); len(cs) != 0 {
		t.Fatalf("refused imports stored %d cameos", len(cs))
	}
}

func TestExpiredCameoImportsButCannotBeCast(t *testing.T) {
	l := mustOpenLibrary(t, t.TempDir())
	c := newLibraryCameo(t, l, "@old")
	c.Consent.Expires = time.Now().Add(-time.Hour).UTC()
	c.Consent.GrantedAt = time.Now().Add(-48 * time.Hour).UTC()
	if err := l.CreateCameo(bg, c); err != nil {
		t.Fatal(err)
	}
	file := exportCameo(t, l, "@old")
	other := mustOpenLibrary(t, t.TempDir())
	res, err := importFile(t, other, file)
	if err != nil {
		t.Fatalf("an expired cameo does not import: %v", err)
	}
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	for _, a := range res.Cameo.Images {
		rc, _ := other.OpenBlob(a.SHA256)
		p.PutBlob(bg, rc, a.MediaType)
		rc.Close()
	}
	_, err = p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *res.Cameo})
	wantCode(t, err, project.ECONSENT)
	wantMessage(t, err, "expired")
}
