package project_test

import (
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"kino/project"
)

type testSigner struct{ priv ed25519.PrivateKey }

func (s testSigner) PublicKey() ed25519.PublicKey { return s.priv.Public().(ed25519.PublicKey) }
func (s testSigner) Sign(m []byte) []byte         { return ed25519.Sign(s.priv, m) }

func signer(b byte) testSigner {
	seed := make([]byte, ed25519.SeedSize)
	seed[0] = b
	return testSigner{ed25519.NewKeyFromSeed(seed)}
}

var judgeNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func grant(s project.ConsentSigner, seq uint64) project.ConsentRecord {
	c := project.Consent{ID: "k1", Owner: "Sam", Scope: project.ConsentAnyProject, GrantedAt: judgeNow.AddDate(0, -1, 0), Seq: seq, ImageSHA256: "img"}
	c.Sign("cam1", s)
	return project.ConsentRecord{CameoID: "cam1", Handle: "@sam", Consent: c, Likeness: "img"}
}

func revoke(r project.ConsentRecord, s project.ConsentSigner) project.ConsentRecord {
	r.Consent.Revoked, r.Consent.RevokedAt, r.Consent.Seq = true, judgeNow.AddDate(0, 0, -1), r.Consent.Seq+1
	r.Consent.Sign(r.CameoID, s)
	return r
}

func judge(recs []project.ConsentRecord, pins ...project.ConsentPin) project.ConsentVerdict {
	return project.JudgeConsent(&project.ConsentFacts{Records: recs, Pins: pins}, "cam1", "@sam", "p1", judgeNow)
}

func TestJudgeConsentAllowsASignedGrant(t *testing.T) {
	owner := signer(1)
	v := judge([]project.ConsentRecord{grant(owner, 1)}, project.ConsentPin{CameoID: "cam1", Key: owner.PublicKey(), MaxSeq: 1})
	if !v.Allowed() || !v.Verified || v.SignatureStatus() != "signed by owner" {
		t.Fatalf("verdict %+v, want allowed and signed by owner", v)
	}
}

func TestJudgeConsentFailsClosed(t *testing.T) {
	owner, other := signer(1), signer(2)
	g := grant(owner, 1)
	pin := project.ConsentPin{CameoID: "cam1", Key: owner.PublicKey(), MaxSeq: 1}
	edited := func(f func(*project.Consent)) project.ConsentRecord {
		r := grant(owner, 1)
		f(&r.Consent)
		return r
	}
	revoked := revoke(g, owner)
	cases := []struct {
		name   string
		recs   []project.ConsentRecord
		pins   []project.ConsentPin
		reason project.ConsentReason
		msg    string
	}{
		{"no record", nil, nil, project.ConsentNoRecord, "no consent record"},
		{"expiry moved", []project.ConsentRecord{edited(func(c *project.Consent) { c.Expires = judgeNow.AddDate(1, 0, 0) })}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify (edited outside Kino?)"},
		{"scope widened", []project.ConsentRecord{edited(func(c *project.Consent) { c.Scope, c.ProjectID = project.ConsentAnyProject, "x" })}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify"},
		{"owner renamed", []project.ConsentRecord{edited(func(c *project.Consent) { c.Owner = "Mallory" })}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify"},
		{"signature flipped", []project.ConsentRecord{edited(func(c *project.Consent) { c.Signature[3] ^= 1 })}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify"},
		{"unsigned", []project.ConsentRecord{edited(func(c *project.Consent) { c.Signature = nil })}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify"},
		{"image swapped", []project.ConsentRecord{func() project.ConsentRecord { r := grant(owner, 1); r.Likeness = "other"; return r }()}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify"},
		{"un-revoked by hand", []project.ConsentRecord{func() project.ConsentRecord { r := revoked; r.Consent.Revoked = false; return r }()}, []project.ConsentPin{pin}, project.ConsentUnverified, "does not verify"},
		{"grant by another key", []project.ConsentRecord{grant(other, 2)}, []project.ConsentPin{pin}, project.ConsentOtherKey, "another key"},
		{"rolled back", []project.ConsentRecord{g}, []project.ConsentPin{{CameoID: "cam1", Key: owner.PublicKey(), MaxSeq: 2}}, project.ConsentRolledBack, "rolled back"},
		{"revoked", []project.ConsentRecord{g, revoked}, []project.ConsentPin{pin}, project.ConsentRevoked, "revoked"},
		{"expired", []project.ConsentRecord{edited(func(c *project.Consent) { c.Expires = judgeNow.Add(-time.Hour); c.Sign("cam1", owner) })}, []project.ConsentPin{pin}, project.ConsentExpired, "expired"},
		{"other project", []project.ConsentRecord{edited(func(c *project.Consent) {
			c.Scope, c.ProjectID = project.ConsentThisProject, "p2"
			c.Sign("cam1", owner)
		})}, []project.ConsentPin{pin}, project.ConsentOutOfScope, "another project"},
		{"two pins", []project.ConsentRecord{g}, []project.ConsentPin{pin, {CameoID: "cam1", Key: other.PublicKey()}}, project.ConsentOtherKey, "two different owner keys"},
	}
	for _, c := range cases {
		v := judge(c.recs, c.pins...)
		if v.Allowed() || v.Reason != c.reason || project.ErrorCode(v.Err) != project.ECONSENT || !strings.Contains(v.Err.Error(), c.msg) {
			t.Errorf("%s: verdict reason %q err %v; want %q with %q", c.name, v.Reason, v.Err, c.reason, c.msg)
		}
		if !strings.Contains(v.Short(), "@sam") {
			t.Errorf("%s: short %q does not name the cameo", c.name, v.Short())
		}
	}
}

func TestRevocationsCountOnlyFromTheOwnerOrATrustedKey(t *testing.T) {
	owner, stranger, me := signer(1), signer(2), signer(3)
	g := grant(owner, 1)
	pin := project.ConsentPin{CameoID: "cam1", Key: owner.PublicKey(), MaxSeq: 1}
	forged := revoke(g, stranger)
	forged.Consent.Seq = 1 << 62
	forged.Consent.Sign("cam1", stranger)
	facts := &project.ConsentFacts{Records: []project.ConsentRecord{g, forged}, Pins: []project.ConsentPin{pin}}
	if v := project.JudgeConsent(facts, "cam1", "@sam", "p1", judgeNow); !v.Allowed() {
		t.Fatalf("a stranger's revocation took consent away: %v", v.Err)
	}
	if project.RevocationCounts(facts, forged) {
		t.Fatal("RevocationCounts accepts a stranger's revocation")
	}
	// This machine's user may withdraw a cameo someone else signed.
	mine := revoke(g, me)
	facts = &project.ConsentFacts{Records: []project.ConsentRecord{g, mine}, Pins: []project.ConsentPin{pin}, Trusted: [][]byte{me.PublicKey()}}
	if v := project.JudgeConsent(facts, "cam1", "@sam", "p1", judgeNow); v.Reason != project.ConsentRevoked {
		t.Fatalf("the user's own withdrawal: %v", v.Err)
	}
}

func TestJudgeConsentRegrantAfterRevocation(t *testing.T) {
	owner := signer(1)
	g := grant(owner, 1)
	r := revoke(g, owner)
	re := grant(owner, 3)
	v := judge([]project.ConsentRecord{g, r, re}, project.ConsentPin{CameoID: "cam1", Key: owner.PublicKey(), MaxSeq: 3})
	if !v.Allowed() || v.Record.Seq != 3 {
		t.Fatalf("a new grant after a revocation: %+v", v)
	}
}

func TestConsentBookWithholdsTakesDepictingARevokedCameo(t *testing.T) {
	owner := signer(1)
	g := grant(owner, 1)
	facts := &project.ConsentFacts{Records: []project.ConsentRecord{g, revoke(g, owner)}}
	b := project.NewConsentBook(facts, "p1", judgeNow)
	take := &project.Take{ID: 7, Cameos: []project.TakeCameo{{CameoID: "cam1", Handle: "@sam"}}}
	err := b.WithheldError(take, 3)
	if err == nil || !strings.Contains(err.Error(), "shot 3, take 7 is withheld: @sam revoked consent") {
		t.Fatalf("WithheldError = %v", err)
	}
	if b.WithheldError(&project.Take{ID: 8}, 3) != nil {
		t.Fatal("a take depicting no cameo is withheld")
	}
}

func BenchmarkVerifySignature(b *testing.B) {
	g := grant(signer(1), 1)
	b.ReportAllocs()
	for b.Loop() {
		if err := g.Consent.VerifySignature("cam1"); err != nil {
			b.Fatal(err)
		}
	}
}
