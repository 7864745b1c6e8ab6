package c2pa

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"

	"github.com/veraison/go-cose"
)

// Signer signs claims with a private key and the X.509 certificate chain
// that vouches for it (the signer's certificate first).
type Signer struct {
	key   crypto.Signer
	alg   cose.Algorithm
	chain []*x509.Certificate
}

// NewSigner returns a signer for key, whose certificate is chain[0]. It
// checks that the key matches the certificate and that the certificate
// has the profile C2PA requires of a claim signer.
func NewSigner(key crypto.Signer, chain []*x509.Certificate) (*Signer, error) {
	if len(chain) == 0 {
		return nil, errors.New("signing credentials: no certificate")
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(chain[0].PublicKey) {
		return nil, errors.New("signing credentials: the private key does not belong to the first certificate")
	}
	alg, err := algorithmFor(key.Public())
	if err != nil {
		return nil, fmt.Errorf("signing credentials: %w", err)
	}
	if problems := checkProfile(chain[0], chain[0].NotBefore); len(problems) > 0 {
		return nil, fmt.Errorf("signing credentials: the certificate cannot sign C2PA claims: %s", problems[0])
	}
	return &Signer{key: key, alg: alg, chain: chain}, nil
}

// Certificate returns the signer's certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.chain[0] }

// Chain returns the certificate chain, the signer's first.
func (s *Signer) Chain() []*x509.Certificate { return append([]*x509.Certificate(nil), s.chain...) }

// Algorithm names the signature algorithm ("ES256", "Ed25519", "PS256").
func (s *Signer) Algorithm() string { return algName(s.alg) }

// algorithmFor picks the COSE algorithm C2PA allows for a public key.
func algorithmFor(pub crypto.PublicKey) (cose.Algorithm, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return cose.AlgorithmES256, nil
		case elliptic.P384():
			return cose.AlgorithmES384, nil
		case elliptic.P521():
			return cose.AlgorithmES512, nil
		}
		return 0, fmt.Errorf("EC curve %s is not one C2PA allows (P-256, P-384, P-521)", k.Curve.Params().Name)
	case ed25519.PublicKey:
		return cose.AlgorithmEdDSA, nil
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return 0, fmt.Errorf("RSA key of %d bits is too short (C2PA needs 2048 or more)", k.N.BitLen())
		}
		return cose.AlgorithmPS256, nil
	}
	return 0, fmt.Errorf("key type %T cannot sign C2PA claims", pub)
}

func algName(a cose.Algorithm) string {
	if a == cose.AlgorithmEdDSA {
		return "Ed25519"
	}
	return a.String()
}

// signClaim returns a tagged COSE_Sign1 over claim with a detached
// payload, the algorithm and certificate chain in the protected header.
func (s *Signer) signClaim(claim []byte) ([]byte, error) {
	signer, err := cose.NewSigner(s.alg, s.key)
	if err != nil {
		return nil, fmt.Errorf("signing the claim: %w", err)
	}
	var x5 any
	if len(s.chain) == 1 {
		x5 = s.chain[0].Raw
	} else {
		ders := make([]any, len(s.chain))
		for i, c := range s.chain {
			ders[i] = c.Raw
		}
		x5 = ders
	}
	msg := &cose.Sign1Message{
		Headers: cose.Headers{
			Protected:   cose.ProtectedHeader{cose.HeaderLabelAlgorithm: s.alg, cose.HeaderLabelX5Chain: x5},
			Unprotected: cose.UnprotectedHeader{},
		},
		Payload: claim,
	}
	if err := msg.Sign(rand.Reader, nil, signer); err != nil {
		return nil, fmt.Errorf("signing the claim: %w", err)
	}
	msg.Payload = nil // detached: the claim box holds it
	b, err := msg.MarshalCBOR()
	if err != nil {
		return nil, fmt.Errorf("encoding the signature: %w", err)
	}
	return b, nil
}

// coseSignature is a parsed claim signature.
type coseSignature struct {
	msg   *cose.Sign1Message
	alg   cose.Algorithm
	chain []*x509.Certificate
	// tst is the first RFC 3161 time-stamp token, if any.
	tst []byte
}

// parseSignature parses a COSE_Sign1 (tagged or not) and its certificate
// chain, from the protected header (2.x) or the unprotected one (1.x).
func parseSignature(b []byte) (*coseSignature, error) {
	msg := &cose.Sign1Message{}
	if len(b) > 0 && b[0] == 0xd2 {
		if err := msg.UnmarshalCBOR(b); err != nil {
			return nil, fmt.Errorf("COSE_Sign1: %w", err)
		}
	} else {
		var u cose.UntaggedSign1Message
		if err := u.UnmarshalCBOR(b); err != nil {
			return nil, fmt.Errorf("COSE_Sign1: %w", err)
		}
		*msg = cose.Sign1Message(u)
	}
	alg, err := msg.Headers.Protected.Algorithm()
	if err != nil {
		return nil, fmt.Errorf("COSE_Sign1 has no usable algorithm: %w", err)
	}
	sig := &coseSignature{msg: msg, alg: alg}
	x5, ok := msg.Headers.Protected[cose.HeaderLabelX5Chain]
	if !ok {
		x5, ok = msg.Headers.Unprotected[cose.HeaderLabelX5Chain]
	}
	if !ok { // early 1.x signers used a text label
		x5, ok = msg.Headers.Unprotected["x5chain"]
	}
	if !ok {
		return nil, errors.New("COSE_Sign1 carries no certificate chain (x5chain)")
	}
	var ders [][]byte
	switch v := x5.(type) {
	case []byte:
		ders = [][]byte{v}
	case []any:
		for _, e := range v {
			d, ok := e.([]byte)
			if !ok {
				return nil, errors.New("x5chain holds something that is not a certificate")
			}
			ders = append(ders, d)
		}
	default:
		return nil, errors.New("x5chain is neither a certificate nor a list of them")
	}
	if len(ders) == 0 {
		return nil, errors.New("x5chain is empty")
	}
	for i, d := range ders {
		c, err := x509.ParseCertificate(d)
		if err != nil {
			return nil, fmt.Errorf("certificate %d of the chain: %w", i+1, err)
		}
		sig.chain = append(sig.chain, c)
	}
	sig.tst = timeStampToken(msg.Headers.Unprotected)
	return sig, nil
}

// verify checks the signature over claim with the signer's public key.
func (c *coseSignature) verify(claim []byte) error {
	pub, err := publicKey(c.chain[0])
	if err != nil {
		return err
	}
	v, err := cose.NewVerifier(c.alg, pub)
	if err != nil {
		return err
	}
	m := *c.msg
	if m.Payload != nil && !bytes.Equal(m.Payload, claim) {
		return errors.New("the signature carries a payload that is not the claim")
	}
	m.Payload = claim
	return m.Verify(nil, v)
}

// timeStampToken returns the first time-stamp token in a sigTst2 (2.x) or
// sigTst (1.x) header.
func timeStampToken(h cose.UnprotectedHeader) []byte {
	for _, label := range []string{"sigTst2", "sigTst"} {
		v, ok := h[label].(map[any]any)
		if !ok {
			continue
		}
		toks, _ := v["tstTokens"].([]any)
		for _, t := range toks {
			m, _ := t.(map[any]any)
			if val, ok := m["val"].([]byte); ok {
				return val
			}
		}
	}
	return nil
}

// oidRSAPSS is id-RSASSA-PSS, a public key algorithm Go's x509 does not
// parse.
var oidRSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}

// publicKey returns a certificate's public key, reading RSASSA-PSS keys
// (an RSAPublicKey under the PSS algorithm identifier) too.
func publicKey(c *x509.Certificate) (crypto.PublicKey, error) {
	if c.PublicKey != nil {
		return c.PublicKey, nil
	}
	var spki struct {
		Algorithm struct {
			Algorithm asn1.ObjectIdentifier
			Params    asn1.RawValue `asn1:"optional"`
		}
		Key asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil {
		return nil, fmt.Errorf("the signer's public key cannot be read: %w", err)
	}
	if !spki.Algorithm.Algorithm.Equal(oidRSAPSS) {
		return nil, fmt.Errorf("the signer's public key type (%v) is not supported", spki.Algorithm.Algorithm)
	}
	k, err := x509.ParsePKCS1PublicKey(spki.Key.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the signer's RSA-PSS key cannot be read: %w", err)
	}
	return k, nil
}
