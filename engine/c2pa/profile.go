package c2pa

import (
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"time"
)

// Extended key usages a C2PA claim signer may carry (C2PA 2.x, 14.5.1).
var (
	oidEKUDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}
	oidEKUClaimSigning    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62558, 2, 1}
	oidEKUMSClaimSigning  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 76, 59, 1, 9}
)

// checkProfile lists why cert cannot sign C2PA claims at time at, or
// nothing when it can: a v3 end-entity certificate, valid at that time,
// with the digitalSignature key usage, an extended key usage C2PA allows
// (and not anyExtendedKeyUsage), an authority key identifier, and no
// unknown critical extension.
func checkProfile(cert *x509.Certificate, at time.Time) []string {
	var p []string
	if cert.Version != 3 {
		p = append(p, fmt.Sprintf("it is a version %d certificate, not version 3", cert.Version))
	}
	if at.Before(cert.NotBefore) || at.After(cert.NotAfter) {
		p = append(p, fmt.Sprintf("it is valid from %s to %s, not at %s", day(cert.NotBefore), day(cert.NotAfter), day(at)))
	}
	if cert.IsCA {
		p = append(p, "it is a CA certificate, not an end-entity one")
	}
	if cert.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		p = append(p, "it lacks the digitalSignature key usage")
	}
	if !cert.IsCA && cert.KeyUsage&x509.KeyUsageCertSign != 0 {
		p = append(p, "it may sign certificates but is not a CA")
	}
	ekuOK := false
	for _, u := range cert.ExtKeyUsage {
		switch u {
		case x509.ExtKeyUsageAny:
			p = append(p, "it carries anyExtendedKeyUsage, which C2PA forbids")
		case x509.ExtKeyUsageEmailProtection:
			ekuOK = true
		}
	}
	for _, u := range cert.UnknownExtKeyUsage {
		if u.Equal(oidEKUDocumentSigning) || u.Equal(oidEKUClaimSigning) || u.Equal(oidEKUMSClaimSigning) {
			ekuOK = true
		}
	}
	if !ekuOK {
		p = append(p, "it has no extended key usage C2PA allows (C2PA claim signing, document signing or email protection)")
	}
	if len(cert.AuthorityKeyId) == 0 {
		p = append(p, "it has no authority key identifier (a self-signed certificate cannot sign claims)")
	}
	if len(cert.UnhandledCriticalExtensions) > 0 {
		p = append(p, fmt.Sprintf("it has a critical extension this reader does not know (%v)", cert.UnhandledCriticalExtensions[0]))
	}
	return p
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }
