package c2pa

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"kino/engine/c2pa/c2patest"
)

// container is one kind of file the tests sign.
type container struct {
	name string // file name
	data func(t testing.TB) []byte
	// media is a marker just before the picture or sound bytes.
	media   string
	binding string // the hard binding c2pa-rs checks
}

var containers = []container{
	{"frame.png", testPNG, "IDAT", "assertion.dataHash"},
	{"frame.jpg", testJPEG, "\xff\xda", "assertion.dataHash"},
	{"mix.wav", func(testing.TB) []byte { return testWAV(20000) }, "data", "assertion.dataHash"},
	{"film.avi", func(testing.TB) []byte { return testAVI() }, "00dc", "assertion.dataHash"},
	{"film.mp4", func(testing.TB) []byte { return testMP4() }, "mdat", "assertion.bmffHash"},
	{"film.otio", func(testing.TB) []byte { return []byte(`{"OTIO_SCHEMA": "Timeline.1", "name": "Am Strand"}`) }, "Strand", "assertion.dataHash"},
}

// mediaOffset is where a byte of picture or sound sits in path.
func mediaOffset(t testing.TB, path, marker string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The manifest comes before the media in PNG and JPEG, after it in
	// the others.
	i := bytes.Index(b, []byte(marker))
	if strings.HasSuffix(path, ".png") || strings.HasSuffix(path, ".jpg") {
		i = bytes.LastIndex(b, []byte(marker))
	}
	if i < 0 {
		t.Fatalf("%s has no %q", path, marker)
	}
	return int64(min(i+len(marker)+40, len(b)-3))
}

func TestSignedFilesVerify(t *testing.T) {
	id := testIdentity(t)
	for _, c := range containers {
		t.Run(c.name, func(t *testing.T) {
			p := signed(t, c.name, c.data(t), testManifest())
			r := mustVerify(t, p, trust(id))
			if !r.Valid() || !r.Manifest.Signature.Trusted {
				var b bytes.Buffer
				r.WriteText(&b)
				t.Fatalf("does not verify:\n%s", b.String())
			}
			m := r.Manifest
			want := testManifest().Assertions[0].Data.(Film)
			if !reflect.DeepEqual(m.Film, &want) {
				t.Errorf("film read back as\n%+v\nwant\n%+v", m.Film, want)
			}
			if m.ClaimVersion != 2 || m.Generator != "Kino test" || m.Title != "Am Strand" {
				t.Errorf("claim v%d by %q titled %q", m.ClaimVersion, m.Generator, m.Title)
			}
			if len(m.Actions) != 2 || m.Actions[0].DigitalSourceType != SourceTrainedAlgorithmic || m.Actions[1].Ingredients != 2 {
				t.Errorf("actions %+v", m.Actions)
			}
			if len(m.Ingredients) != 2 || m.Ingredients[0].InstanceID != "sha256:4f1c" || m.Ingredients[1].Relationship != RelationInputTo {
				t.Errorf("ingredients %+v", m.Ingredients)
			}
			if m.Signature.Algorithm != "ES256" || m.Signature.Signer != "Test Signer" {
				t.Errorf("signature %+v", m.Signature)
			}
			// Without the CA the signature still verifies, but the signer
			// is not trusted.
			r = mustVerify(t, p, Options{})
			if !r.Valid() || r.Manifest.Signature.Trusted || !r.HasCode("signingCredential.untrusted") {
				t.Errorf("without trust: valid %v trusted %v status %+v", r.Valid(), r.Manifest.Signature.Trusted, r.Status)
			}
		})
	}
}

func TestOneChangedMediaByteFailsTheHardBinding(t *testing.T) {
	for _, c := range containers {
		t.Run(c.name, func(t *testing.T) {
			p := signed(t, c.name, c.data(t), testManifest())
			flip(t, p, mediaOffset(t, p, c.media))
			r := mustVerify(t, p, Options{})
			if r.Valid() || !r.Manifest.Signature.Valid || r.Manifest.Binding.Valid || !r.HasCode(c.binding+".mismatch") {
				t.Fatalf("not caught: %+v", r)
			}
			if !strings.HasPrefix(r.Verdict(), "TAMPERED") {
				t.Errorf("verdict %q", r.Verdict())
			}
		})
	}
}

func TestChangedManifestFailsTheSignatureOrItsHashes(t *testing.T) {
	p := signed(t, "frame.png", testPNG(t), testManifest())
	b, _ := os.ReadFile(p)
	i := bytes.Index(b, []byte("Sonnenuntergang")) // the prompt, inside the film assertion
	b[i] = 's'
	os.WriteFile(p, b, 0o644)
	r := mustVerify(t, p, Options{})
	if r.Valid() || !r.HasCode("assertion.hashedURI.mismatch") {
		t.Fatalf("a changed prompt was not caught: %+v", r.Status)
	}
}

// TestReferenceReadsWhatKinoSigns reads every container with c2pa-rs:
// valid apart from the untrusted signer, trusted when Kino's CA is an
// anchor, the assertions as written, and a changed media byte caught.
func TestReferenceReadsWhatKinoSigns(t *testing.T) {
	id := testIdentity(t)
	var assets, flipped []c2patest.Asset
	for _, c := range containers {
		p := signed(t, c.name, c.data(t), testManifest())
		q := signed(t, c.name, c.data(t), testManifest())
		flip(t, q, mediaOffset(t, q, c.media))
		a, b := c2patest.Asset{Path: p}, c2patest.Asset{Path: q}
		if strings.HasSuffix(c.name, ".otio") {
			a.Sidecar, b.Sidecar = SidecarPath(p), SidecarPath(q)
		}
		assets, flipped = append(assets, a), append(flipped, b)
	}
	res := c2patest.Read(t, nil, append(assets, flipped...)...)
	want, _ := json.Marshal(testManifest().Assertions[0].Data)
	for i, c := range containers {
		r := res[i]
		if !r.ValidButUntrusted() {
			t.Errorf("%s: c2pa-rs says %s %v %s", c.name, r.State, r.Failures, r.Error)
			continue
		}
		if !jsonEqual(t, r.Assertion(LabelFilm), want) {
			t.Errorf("%s: c2pa-rs reads the film assertion as %s, want %s", c.name, r.Assertion(LabelFilm), want)
		}
		if r.Manifest.ClaimVersion != 2 || len(r.Manifest.Ingredients) != 2 || r.Manifest.Ingredients[0].InstanceID != "sha256:4f1c" {
			t.Errorf("%s: c2pa-rs reads claim v%d, ingredients %+v", c.name, r.Manifest.ClaimVersion, r.Manifest.Ingredients)
		}
		var acts struct {
			Actions []struct {
				Action            string `json:"action"`
				DigitalSourceType string `json:"digitalSourceType"`
			} `json:"actions"`
		}
		json.Unmarshal(r.Assertion(LabelActions), &acts)
		if len(acts.Actions) != 2 || acts.Actions[0].Action != ActionCreated || acts.Actions[0].DigitalSourceType != SourceTrainedAlgorithmic || acts.Actions[1].Action != ActionEdited {
			t.Errorf("%s: c2pa-rs reads the actions as %s", c.name, r.Assertion(LabelActions))
		}
		f := res[len(containers)+i]
		if !f.Has(c.binding + ".mismatch") {
			t.Errorf("%s with a changed media byte: c2pa-rs says %s %v %s", c.name, f.State, f.Failures, f.Error)
		}
	}
	pem, err := os.ReadFile(id.Dir + "/" + CAFile)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range c2patest.Read(t, pem, assets...) {
		if r.State != "Trusted" || len(r.Failures) != 0 {
			t.Errorf("%s with Kino's CA as a trust anchor: c2pa-rs says %s %v %s", containers[i].name, r.State, r.Failures, r.Error)
		}
	}
}

func jsonEqual(t testing.TB, a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
