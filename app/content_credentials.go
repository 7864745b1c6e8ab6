package app

import (
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"kino/engine/c2pa"
)

// CredentialsDir holds the signing identity for Content Credentials
// (signer.pem, signer.key; ca.pem and ca.key when Kino made them) and, in
// trusted/, certificates whose signatures `kino verify` trusts.
func CredentialsDir() string { return filepath.Join(DataDir(), "credentials") }

// signingIdentity loads the user's signing identity, creating a local CA
// and signer certificate on first use.
func signingIdentity() (*c2pa.Identity, error) {
	id, err := c2pa.LoadOrCreateIdentity(CredentialsDir(), userName(), time.Now())
	if err != nil {
		return nil, fmt.Errorf("content credentials: %w (exports are signed with the key in %s)", err, CredentialsDir())
	}
	return id, nil
}

// userName is the name self-issued certificates carry.
func userName() string {
	if u, err := user.Current(); err == nil {
		if n := strings.TrimSpace(strings.Split(u.Name, ",")[0]); n != "" {
			return n
		}
		if u.Username != "" {
			return u.Username
		}
	}
	return "Kino user"
}

// trustedCertificates are the certificates `kino verify` trusts: this
// machine's own Kino CA and any PEM files in CredentialsDir()/trusted.
func trustedCertificates() []*x509.Certificate {
	var out []*x509.Certificate
	if b, err := os.ReadFile(filepath.Join(CredentialsDir(), c2pa.CAFile)); err == nil {
		if cs, err := c2pa.ParseCertificates(b); err == nil {
			out = append(out, cs...)
		}
	}
	files, _ := filepath.Glob(filepath.Join(CredentialsDir(), "trusted", "*.pem"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			if cs, err := c2pa.ParseCertificates(b); err == nil {
				out = append(out, cs...)
			}
		}
	}
	return out
}

// fingerprint is a certificate's SHA-256 in groups, for people to compare.
func fingerprint(c *x509.Certificate) string {
	s := sha256.Sum256(c.Raw)
	h := fmt.Sprintf("%X", s[:])
	var parts []string
	for i := 0; i < len(h); i += 4 {
		parts = append(parts, h[i:i+4])
	}
	return strings.Join(parts, " ")
}

// credentialsDoctor is what `kino doctor` says about Content Credentials.
type credentialsDoctor struct {
	Dir        string   `json:"dir"`
	Signer     string   `json:"signer,omitempty"`
	Expires    string   `json:"expires,omitempty"`
	SelfIssued bool     `json:"self_issued,omitempty"`
	Error      string   `json:"error,omitempty"`
	Notes      []string `json:"notes"`
}

// doctorCredentials reports the signing identity without creating one.
func doctorCredentials() credentialsDoctor {
	d := credentialsDoctor{Dir: CredentialsDir()}
	d.Notes = append(d.Notes, "no time-stamp authority: Kino works offline, so signatures carry no trusted time and stay valid only while the signer's certificate is")
	id, err := c2pa.LoadIdentity(CredentialsDir())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.Notes = append(d.Notes, "no signing key yet: the first export creates a local CA and a signer certificate here (mode 0600 keys)")
	case err != nil:
		d.Error = err.Error()
	default:
		c := id.Certificate()
		d.Signer = c.Subject.CommonName
		if len(c.Subject.Organization) > 0 {
			if o := c.Subject.Organization[0]; strings.HasPrefix(o, d.Signer) {
				d.Signer = o
			} else {
				d.Signer += " (" + o + ")"
			}
		}
		d.Expires = c.NotAfter.UTC().Format("2006-01-02")
		d.SelfIssued = id.SelfIssued
	}
	if d.Error == "" && (d.Signer == "" || d.SelfIssued) {
		d.Notes = append(d.Notes, "the signer is self-issued: C2PA validators (c2pa-rs, contentcredentials.org) will call it untrusted until "+filepath.Join(CredentialsDir(), c2pa.CAFile)+" is in their trust list; `kino credentials --install CHAIN.pem KEY.pem` installs an organisation's certificate instead")
	}
	return d
}

func writeCredentialsDoctor(w io.Writer, d credentialsDoctor) {
	switch {
	case d.Error != "":
		fmt.Fprintf(w, "Content Credentials: the signer in %s cannot be used: %s\n", d.Dir, d.Error)
	case d.Signer != "":
		fmt.Fprintf(w, "Content Credentials: exports are signed (C2PA) by %s, certificate valid until %s\n", d.Signer, d.Expires)
	default:
		fmt.Fprintf(w, "Content Credentials: exports are signed (C2PA); keys in %s\n", d.Dir)
	}
	for _, n := range d.Notes {
		fmt.Fprintln(w, "  note: "+n)
	}
}

// verifyForStudio is File ▸ Verify a File: kino verify for one file.
func verifyForStudio(path string) (*c2pa.Report, error) {
	return c2pa.Verify(path, c2pa.Options{Trust: trustedCertificates()})
}
