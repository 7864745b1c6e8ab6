package cameofile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
	"time"

	"kino/project"
	"kino/project/keyring"
)

// sampleCameo returns a real, signed .kinocameo file.
func sampleCameo(t testing.TB) []byte {
	img := []byte("\x89PNG\r\n\x1a\n a tiny picture")
	sum := sha256.Sum256(img)
	sha := hex.EncodeToString(sum[:])
	c := &project.Cameo{ID: "cam-1", Handle: "@ana", Name: "Ana", Voice: project.DefaultVoice,
		Images:  []project.Asset{{SHA256: sha, MediaType: "image/png", Size: int64(len(img))}},
		Consent: project.Consent{ID: "k", Owner: "Ana", Scope: project.ConsentAnyProject, GrantedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Seq: 1, ImageSHA256: sha}}
	c.Consent.Sign(c.ID, keyring.FromSeed(make([]byte, 32)))
	var buf bytes.Buffer
	if err := WriteCameo(&buf, c, func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(img)), nil }); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSampleCameoReadsBack(t *testing.T) {
	data := sampleCameo(t)
	f, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil || f.Cameo == nil || f.Cameo.Handle != "@ana" || len(f.Images) != 1 {
		t.Fatalf("Read = %+v, %v", f, err)
	}
}

// FuzzRead feeds arbitrary bytes to the cameo and revocation file reader:
// it must return a cameo, a revocation or an error, never panic, and
// never return a cameo whose consent does not verify.
func FuzzRead(f *testing.F) {
	f.Add(sampleCameo(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(`{"format":"kino-revocation/1","record":{"cameo_id":"x","consent":{"revoked":true}}}`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if got.Cameo != nil {
			if got.Cameo.Consent.VerifySignature(got.Cameo.ID) != nil {
				t.Fatal("a cameo whose consent does not verify was returned")
			}
		}
		if got.Revocation != nil && got.Revocation.Consent.VerifySignature(got.Revocation.CameoID) != nil {
			t.Fatal("a revocation that does not verify was returned")
		}
	})
}
