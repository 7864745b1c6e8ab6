package c2pa

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// Files of a signing identity, in its folder.
const (
	// ChainFile holds the signer's certificate followed by the rest of
	// its chain (PEM). Users may replace it and KeyFile with their own.
	ChainFile = "signer.pem"
	// KeyFile holds the signer's private key (PEM, PKCS #8), mode 0600.
	KeyFile = "signer.key"
	// CAFile is the local CA certificate Kino made (PEM): the certificate
	// to trust for files signed on this machine.
	CAFile = "ca.pem"
	// caKeyFile is the local CA's private key, mode 0600.
	caKeyFile = "ca.key"
)

// Identity is a signer loaded from its folder and what it is.
type Identity struct {
	*Signer
	// Dir is the folder holding the files.
	Dir string
	// SelfIssued is set when Kino made the chain (a local CA), so
	// validators will call the signer untrusted until its CA is trusted.
	SelfIssued bool
	// CA is the local CA certificate when SelfIssued.
	CA *x509.Certificate
}

// LoadOrCreateIdentity loads the signing identity in dir, creating a local
// CA and a signer certificate (ES256, P-256) for name on first use. Keys
// are written with mode 0600 and the folder with 0700.
//
// Two processes starting at once make one identity between them: the one
// that creates the (empty) certificate file first makes it, the other
// waits for it.
func LoadOrCreateIdentity(dir, name string, now time.Time) (*Identity, error) {
	chainPath := filepath.Join(dir, ChainFile)
	deadline := time.Now().Add(10 * time.Second)
	for {
		id, err := LoadIdentity(dir)
		switch {
		case err == nil || !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errCreating):
			return id, err
		case errors.Is(err, errCreating):
			if time.Now().After(deadline) {
				// Whoever was making it died; start again.
				os.Remove(chainPath)
				deadline = time.Now().Add(10 * time.Second)
			}
			time.Sleep(20 * time.Millisecond)
			continue
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("creating the signing identity in %s: %w", dir, err)
		}
		f, err := os.OpenFile(chainPath, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // another process is making it
		}
		if err != nil {
			return nil, fmt.Errorf("creating the signing identity in %s: %w", dir, err)
		}
		f.Close()
		if err := createIdentity(dir, name, now); err != nil {
			os.Remove(chainPath)
			return nil, fmt.Errorf("creating the signing identity in %s: %w", dir, err)
		}
	}
}

// errCreating means another process is making the identity.
var errCreating = errors.New("the signing identity is being created")

// LoadIdentity loads the signer in dir (ChainFile and KeyFile). An error
// wrapping fs.ErrNotExist means there is none yet.
func LoadIdentity(dir string) (*Identity, error) {
	chainPEM, err := os.ReadFile(filepath.Join(dir, ChainFile))
	if err != nil {
		return nil, fmt.Errorf("reading the signing certificate: %w", err)
	}
	if len(chainPEM) == 0 {
		return nil, errCreating
	}
	keyPEM, err := os.ReadFile(filepath.Join(dir, KeyFile))
	if err != nil {
		return nil, fmt.Errorf("reading the signing key: %w", err)
	}
	chain, err := ParseCertificates(chainPEM)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ChainFile), err)
	}
	key, err := ParsePrivateKey(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, KeyFile), err)
	}
	s, err := NewSigner(key, chain)
	if err != nil {
		return nil, err
	}
	id := &Identity{Signer: s, Dir: dir}
	if caPEM, err := os.ReadFile(filepath.Join(dir, CAFile)); err == nil {
		if cas, err := ParseCertificates(caPEM); err == nil && len(chain) > 1 && chain[len(chain)-1].Equal(cas[0]) {
			id.SelfIssued, id.CA = true, cas[0]
		}
	}
	return id, nil
}

// InstallIdentity checks an organisation's certificate chain and key and
// installs them in dir in place of Kino's own signer.
func InstallIdentity(dir string, chainPEM, keyPEM []byte) (*Identity, error) {
	chain, err := ParseCertificates(chainPEM)
	if err != nil {
		return nil, fmt.Errorf("the certificate file: %w", err)
	}
	key, err := ParsePrivateKey(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("the key file: %w", err)
	}
	if _, err := NewSigner(key, chain); err != nil {
		return nil, err
	}
	if problems := checkProfile(chain[0], time.Now()); len(problems) > 0 {
		return nil, fmt.Errorf("the certificate cannot sign C2PA claims now: %s", problems[0])
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encoding the key: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, KeyFile), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(dir, ChainFile), encodeCerts(chain), 0o644); err != nil {
		return nil, err
	}
	return LoadIdentity(dir)
}

func createIdentity(dir, name string, now time.Time) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if name == "" {
		name = "Kino user"
	}
	now = now.UTC().Truncate(time.Second)
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name + " (Kino local CA)", Organization: []string{name + " (self-issued by Kino)"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(30, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
		SubjectKeyId:          keyID(&caKey.PublicKey),
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return fmt.Errorf("making the CA certificate: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: name, Organization: []string{name + " (self-issued by Kino)"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(25, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage: []asn1.ObjectIdentifier{
			oidEKUClaimSigning, oidEKUDocumentSigning,
		},
		BasicConstraintsValid: true,
		SubjectKeyId:          keyID(&key.PublicKey),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return fmt.Errorf("making the signer certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		key  crypto.Signer
	}{{caKeyFile, caKey}, {KeyFile, key}} {
		b, err := x509.MarshalPKCS8PrivateKey(f.key)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(dir, f.name), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: b}), 0o600); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(filepath.Join(dir, CAFile), encodeCerts([]*x509.Certificate{ca}), 0o644); err != nil {
		return err
	}
	// The chain file goes last: its presence means the identity is whole.
	return writeFileAtomic(filepath.Join(dir, ChainFile), encodeCerts([]*x509.Certificate{cert, ca}), 0o644)
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		panic(err)
	}
	return n.Add(n, big.NewInt(1))
}

// keyID is the RFC 5280 method 1 key identifier of pub.
func keyID(pub *ecdsa.PublicKey) []byte {
	b, err := pub.Bytes()
	if err != nil {
		panic(err)
	}
	s := sha1.Sum(b)
	return s[:]
}

// ParseCertificates parses every CERTIFICATE block of a PEM file.
func ParseCertificates(b []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %w", len(out)+1, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("no PEM certificate found")
	}
	return out, nil
}

// ParsePrivateKey parses a PEM private key (PKCS #8, SEC 1 or PKCS #1).
func ParsePrivateKey(b []byte) (crypto.Signer, error) {
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			return nil, errors.New("no PEM private key found")
		}
		var k any
		var err error
		switch blk.Type {
		case "PRIVATE KEY":
			k, err = x509.ParsePKCS8PrivateKey(blk.Bytes)
		case "EC PRIVATE KEY":
			k, err = x509.ParseECPrivateKey(blk.Bytes)
		case "RSA PRIVATE KEY":
			k, err = x509.ParsePKCS1PrivateKey(blk.Bytes)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		s, ok := k.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("key type %T cannot sign", k)
		}
		return s, nil
	}
}

func encodeCerts(chain []*x509.Certificate) []byte {
	var out []byte
	for _, c := range chain {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}

// writeFileAtomic writes data to path through a synced temporary file.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
