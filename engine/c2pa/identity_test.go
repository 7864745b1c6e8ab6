package c2pa

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/engine/c2pa/c2patest"
)

func TestIdentityIsMadeOnceWithPrivateKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "credentials")
	id, err := LoadOrCreateIdentity(dir, "Ana Example", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", st.Mode().Perm())
	}
	for _, f := range []string{KeyFile, caKeyFile} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v mode %v, want 0600", f, err, st.Mode().Perm())
		}
	}
	again, err := LoadOrCreateIdentity(dir, "Someone Else", testNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Certificate().Equal(id.Certificate()) || !again.SelfIssued || !again.CA.Equal(id.CA) {
		t.Error("a second call made a new identity instead of loading the first")
	}
	c := id.Certificate()
	if c.Subject.CommonName != "Ana Example" || c.IsCA || c.KeyUsage&x509.KeyUsageDigitalSignature == 0 || len(c.AuthorityKeyId) == 0 {
		t.Errorf("signer certificate: %+v", c.Subject)
	}
	if p := checkProfile(c, time.Now()); len(p) > 0 {
		t.Errorf("the signer certificate does not fit the C2PA profile: %v", p)
	}
	var claim, doc bool
	for _, u := range c.UnknownExtKeyUsage {
		claim = claim || u.Equal(oidEKUClaimSigning)
		doc = doc || u.Equal(oidEKUDocumentSigning)
	}
	if !claim || !doc {
		t.Errorf("extended key usages %v %v: want C2PA claim signing and document signing", c.ExtKeyUsage, c.UnknownExtKeyUsage)
	}
	if err := verifyChain(id.Chain(), []*x509.Certificate{id.CA}, time.Now()); err != nil {
		t.Errorf("the chain does not lead to the CA: %v", err)
	}
	if c.NotAfter.Before(testNow.AddDate(20, 0, 0)) {
		t.Errorf("the certificate runs out on %v; files signed offline stay valid only as long", c.NotAfter)
	}
}

// orgChain makes an organisation's CA and a signer certificate with the
// given extended key usages.
func orgChain(t *testing.T, ekus []x509.ExtKeyUsage) (chainPEM, keyPEM []byte) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	caT := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Example Org Root"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(5, 0, 0),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, SubjectKeyId: []byte{1, 2, 3}}
	caDER, _ := x509.CreateCertificate(rand.Reader, caT, caT, &caKey.PublicKey, caKey)
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	lt := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Example Org Studio", Organization: []string{"Example Org"}}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(2, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: ekus}
	der, err := x509.CreateCertificate(rand.Reader, lt, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(key)
	chainPEM = append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})...)
	return chainPEM, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd})
}

func TestInstallAnOrganisationsCertificate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "credentials")
	if _, err := LoadOrCreateIdentity(dir, "Ana", testNow); err != nil {
		t.Fatal(err)
	}
	chain, key := orgChain(t, []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection})
	id, err := InstallIdentity(dir, chain, key)
	if err != nil {
		t.Fatal(err)
	}
	if id.SelfIssued || id.Certificate().Subject.CommonName != "Example Org Studio" || id.Algorithm() != "ES384" {
		t.Errorf("installed identity: self-issued %v, %s, %s", id.SelfIssued, id.Certificate().Subject.CommonName, id.Algorithm())
	}
	if st, _ := os.Stat(filepath.Join(dir, KeyFile)); st.Mode().Perm() != 0o600 {
		t.Errorf("installed key mode %v", st.Mode().Perm())
	}
	loaded, err := LoadOrCreateIdentity(dir, "Ana", testNow)
	if err != nil || !loaded.Certificate().Equal(id.Certificate()) {
		t.Fatalf("after installing, loading gives %v, %v", loaded, err)
	}
	p := writeTemp(t, "frame.png", testPNG(t))
	if _, err := Sign(p, testManifest(), loaded.Signer); err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, p, Options{})
	if !r.Valid() || r.Manifest.Signature.Organization != "Example Org" || r.Manifest.Signature.Algorithm != "ES384" {
		t.Errorf("signed with the organisation's key: valid %v, %+v", r.Valid(), r.Manifest.Signature)
	}
	if res := c2patest.Read(t, nil, c2patest.Asset{Path: p}); !res[0].ValidButUntrusted() {
		t.Errorf("c2pa-rs on a file signed with an organisation's ES384 key: %s %v %s", res[0].State, res[0].Failures, res[0].Error)
	}
}

func TestInstallRefusesUnfitCredentials(t *testing.T) {
	dir := t.TempDir()
	noEKU, key := orgChain(t, nil)
	if _, err := InstallIdentity(dir, noEKU, key); err == nil || !strings.Contains(err.Error(), "extended key usage") {
		t.Errorf("a certificate without a C2PA key usage: %v", err)
	}
	anyEKU, key2 := orgChain(t, []x509.ExtKeyUsage{x509.ExtKeyUsageAny})
	if _, err := InstallIdentity(dir, anyEKU, key2); err == nil || !strings.Contains(err.Error(), "anyExtendedKeyUsage") {
		t.Errorf("a certificate with anyExtendedKeyUsage: %v", err)
	}
	good, _ := orgChain(t, []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection})
	if _, err := InstallIdentity(dir, good, key); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Errorf("a key of another certificate: %v", err)
	}
	if _, err := InstallIdentity(dir, []byte("not a certificate"), key); err == nil {
		t.Error("garbage accepted as a certificate")
	}
	if _, err := os.Stat(filepath.Join(dir, ChainFile)); err == nil {
		t.Error("a refused identity was written")
	}
}

func TestIdentityMadeByTwoAtOnceIsOne(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "credentials")
	ids := make(chan *Identity, 4)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			id, err := LoadOrCreateIdentity(dir, "Ana", testNow)
			ids <- id
			errs <- err
		}()
	}
	var first *Identity
	for range 4 {
		id, err := <-ids, <-errs
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = id
		} else if !id.Certificate().Equal(first.Certificate()) {
			t.Fatal("concurrent first uses made different identities")
		}
	}
	if _, err := LoadIdentity(dir); err != nil {
		t.Fatalf("the identity left behind does not load: %v", err)
	}
}
