package c2pa

import (
	"path/filepath"
	"testing"

	"kino/engine/c2pa/c2patest"
)

// verdicts are the answers both readers must give the same.
type verdicts struct {
	found, signature, binding bool
}

// TestVerifyAgreesWithReferenceOnItsOwnImages runs Verify and c2pa-rs on
// c2pa-rs's own signed test images (C2PA 1.x claims, PS256 and ES256,
// data and BMFF hashes, a time stamp) and on files Kino signed and then
// damaged, and compares the signature and hard-binding verdicts.
func TestVerifyAgreesWithReferenceOnItsOwnImages(t *testing.T) {
	fixtures := map[string]verdicts{
		"C.jpg":           {true, true, true},
		"CA.jpg":          {true, true, true},
		"XCA.jpg":         {true, true, false},
		"E-sig-CA.jpg":    {true, false, true},
		"no_manifest.jpg": {false, false, false},
		"video1.mp4":      {true, true, true},
		"legacy.mp4":      {true, true, true},
	}
	var assets []c2patest.Asset
	var want []verdicts
	for name, v := range fixtures {
		assets = append(assets, c2patest.Asset{Path: filepath.Join("testdata", "c2pa-rs", name)})
		want = append(want, v)
	}
	// Kino's own, whole and damaged.
	for _, c := range containers[:5] {
		p := signed(t, c.name, c.data(t), testManifest())
		q := signed(t, c.name, c.data(t), testManifest())
		flip(t, q, mediaOffset(t, q, c.media))
		assets = append(assets, c2patest.Asset{Path: p}, c2patest.Asset{Path: q})
		want = append(want, verdicts{true, true, true}, verdicts{true, true, false})
	}
	ref := c2patest.Read(t, nil, assets...)
	for i, a := range assets {
		r := ref[i]
		if r.Error != "" {
			t.Errorf("%s: c2pa-rs cannot read it: %s", a.Path, r.Error)
			continue
		}
		refV := verdicts{
			found:     !r.NoManifest,
			signature: !r.NoManifest && !r.Has("claimSignature.mismatch") && !r.Has("signingCredential.invalid") && !r.Has("signingCredential.expired"),
			binding:   !r.NoManifest && !r.Has("assertion.dataHash.mismatch") && !r.Has("assertion.bmffHash.mismatch"),
		}
		if refV != want[i] {
			t.Errorf("%s: c2pa-rs now says %+v (failures %v); the test expects %+v", a.Path, refV, r.Failures, want[i])
		}
		k := mustVerify(t, a.Path, Options{})
		kinoV := verdicts{found: k.Found}
		if k.Manifest != nil {
			kinoV.signature, kinoV.binding = k.Manifest.Signature.Valid, k.Manifest.Binding.Valid
		}
		if kinoV != refV {
			t.Errorf("%s: kino verify says %+v (%s), c2pa-rs %+v (%v)", a.Path, kinoV, k.Problem, refV, r.Failures)
		}
		if k.Valid() != (refV.found && refV.signature && refV.binding) {
			t.Errorf("%s: kino verify valid=%v, c2pa-rs state %s %v", a.Path, k.Valid(), r.State, r.Failures)
		}
	}
}

func TestReadsC2PA1Claims(t *testing.T) {
	r := mustVerify(t, filepath.Join("testdata", "c2pa-rs", "CA.jpg"), Options{})
	m := r.Manifest
	if !r.Valid() || m.ClaimVersion != 1 || m.Signature.Algorithm != "PS256" || m.Binding.Kind != LabelDataHash {
		t.Fatalf("CA.jpg: valid %v, claim v%d, %s, %s: %s", r.Valid(), m.ClaimVersion, m.Signature.Algorithm, m.Binding.Kind, r.Problem)
	}
	if m.Manifests != 1 || len(m.Ingredients) != 1 || m.Ingredients[0].Relationship != "parentOf" || m.Generator == "" {
		t.Errorf("CA.jpg: %d manifests, ingredients %+v, generator %q", m.Manifests, m.Ingredients, m.Generator)
	}
	// legacy.mp4's certificate expired in 2023; its time stamp says when
	// it signed, and that is what the certificate is checked against.
	r = mustVerify(t, filepath.Join("testdata", "c2pa-rs", "legacy.mp4"), Options{})
	if !r.Valid() || r.Manifest.Signature.TimeStamp.IsZero() || r.Manifest.Signature.TimeStamp.Year() != 2023 {
		t.Errorf("legacy.mp4: valid %v, time stamp %v: %s", r.Valid(), r.Manifest.Signature.TimeStamp, r.Problem)
	}
}
