package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"kino/engine/c2pa"
)

// cmdCredentials is `kino credentials`: it shows the identity exports are
// signed with (creating it on first use) and installs an organisation's
// certificate and key in its place.
func cmdCredentials(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino credentials", "[--install CHAIN.pem KEY.pem] [--json]", `Show the identity that signs exported files' Content Credentials (C2PA):
Kino makes a local CA and a signer certificate on first use, in
`+CredentialsDir()+`. Validators call that signer untrusted until its CA
(ca.pem there) is in their trust list. With --install, use an organisation's
certificate chain (signer first, PEM) and private key instead; the
certificate must allow C2PA claim signing, document signing or email
protection.`)
	install := fs.Bool("install", false, "install CHAIN.pem and KEY.pem as the signer")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 0, 2)
	if err != nil {
		return err
	}
	var id *c2pa.Identity
	if *install {
		if len(pos) != 2 {
			return usagef("kino credentials --install needs CHAIN.pem and KEY.pem")
		}
		chain, err := os.ReadFile(pos[0])
		if err != nil {
			return err
		}
		key, err := os.ReadFile(pos[1])
		if err != nil {
			return err
		}
		if id, err = c2pa.InstallIdentity(CredentialsDir(), chain, key); err != nil {
			return fmt.Errorf("installing the signer: %w", err)
		}
	} else {
		if len(pos) > 0 {
			return usagef("kino credentials: CHAIN.pem and KEY.pem go with --install")
		}
		if id, err = signingIdentity(); err != nil {
			return err
		}
	}
	c := id.Certificate()
	out := struct {
		Dir         string `json:"dir"`
		Signer      string `json:"signer"`
		Issuer      string `json:"issuer"`
		Algorithm   string `json:"algorithm"`
		NotAfter    string `json:"not_after"`
		Fingerprint string `json:"sha256_fingerprint"`
		SelfIssued  bool   `json:"self_issued"`
		CA          string `json:"ca,omitempty"`
	}{
		Dir: id.Dir, Signer: c.Subject.CommonName, Issuer: c.Issuer.CommonName, Algorithm: id.Algorithm(),
		NotAfter: c.NotAfter.UTC().Format("2006-01-02"), Fingerprint: fingerprint(c), SelfIssued: id.SelfIssued,
	}
	if id.SelfIssued {
		out.CA = filepath.Join(id.Dir, c2pa.CAFile)
	}
	if *asJSON {
		return writeJSON(e.Out, out)
	}
	fmt.Fprintf(e.Out, "Signer:      %s (issued by %s)\n", out.Signer, out.Issuer)
	fmt.Fprintf(e.Out, "Algorithm:   %s, certificate valid until %s\n", out.Algorithm, out.NotAfter)
	fmt.Fprintf(e.Out, "Fingerprint: %s\n", out.Fingerprint)
	fmt.Fprintf(e.Out, "Files:       %s\n", out.Dir)
	if id.SelfIssued {
		fmt.Fprintf(e.Out, "Self-issued: validators will call this signer untrusted until %s is in their trust list.\n", out.CA)
	}
	return nil
}
