package c2pa

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Status is one C2PA validation status: a code from the specification
// ("claimSignature.validated", "assertion.dataHash.mismatch", ...) and
// what it means here.
type Status struct {
	Code    string `json:"code"`
	Detail  string `json:"detail,omitempty"`
	Failure bool   `json:"failure,omitempty"`
}

// Report is what Verify found out about one file.
type Report struct {
	File string `json:"file"`
	// Container is the kind of file ("MP4", "WAV", ...; "" for others).
	Container Container `json:"container"`
	// Found is set when the file carries Content Credentials (embedded
	// or in a sidecar); Where says where.
	Found bool   `json:"found"`
	Where string `json:"where,omitempty"`
	// Problem says why the credentials could not be read or trusted, in
	// a sentence ("" when they verify).
	Problem  string        `json:"problem,omitempty"`
	Manifest *ManifestInfo `json:"manifest,omitempty"`
	Status   []Status      `json:"status,omitempty"`
}

// ManifestInfo describes the active manifest.
type ManifestInfo struct {
	Label        string `json:"label"`
	ClaimVersion int    `json:"claim_version"`
	Generator    string `json:"generator"`
	Title        string `json:"title,omitempty"`
	Format       string `json:"format,omitempty"`
	// Manifests counts the manifests in the store (ingredients' included).
	Manifests   int              `json:"manifests"`
	Signature   SignatureInfo    `json:"signature"`
	Binding     BindingInfo      `json:"hard_binding"`
	Actions     []ActionInfo     `json:"actions,omitempty"`
	Ingredients []IngredientInfo `json:"ingredients,omitempty"`
	// Film is Kino's own assertion, when the file was made by Kino.
	Film       *Film           `json:"film,omitempty"`
	Assertions []AssertionInfo `json:"assertions"`
}

// SignatureInfo is the claim signature and who made it.
type SignatureInfo struct {
	Valid     bool   `json:"valid"`
	Problem   string `json:"problem,omitempty"`
	Algorithm string `json:"algorithm,omitempty"`
	// Signer and Organization come from the signer's certificate;
	// Issuer names the certificate authority that issued it.
	Signer       string    `json:"signer,omitempty"`
	Organization string    `json:"organization,omitempty"`
	Issuer       string    `json:"issuer,omitempty"`
	NotBefore    time.Time `json:"not_before,omitzero"`
	NotAfter     time.Time `json:"not_after,omitzero"`
	// Trusted is set when the chain leads to a trusted certificate.
	Trusted   bool   `json:"trusted"`
	TrustNote string `json:"trust_note,omitempty"`
	// TimeStamp is the time a time-stamp authority vouched for (its
	// signature is not checked), zero when there is none.
	TimeStamp time.Time `json:"time_stamp,omitzero"`
}

// BindingInfo is the hard binding: the hash of the asset's bytes.
type BindingInfo struct {
	Kind    string `json:"kind,omitempty"`
	Valid   bool   `json:"valid"`
	Problem string `json:"problem,omitempty"`
}

// ActionInfo is one action of the actions assertion.
type ActionInfo struct {
	Action            string `json:"action"`
	DigitalSourceType string `json:"digital_source_type,omitempty"`
	SoftwareAgent     string `json:"software_agent,omitempty"`
	Description       string `json:"description,omitempty"`
	Ingredients       int    `json:"ingredients,omitempty"`
}

// IngredientInfo is one ingredient assertion.
type IngredientInfo struct {
	Title        string `json:"title,omitempty"`
	Format       string `json:"format,omitempty"`
	Relationship string `json:"relationship,omitempty"`
	InstanceID   string `json:"instance_id,omitempty"`
	Description  string `json:"description,omitempty"`
}

// AssertionInfo is one assertion the claim lists.
type AssertionInfo struct {
	Label string `json:"label"`
	// HashOK is set when the assertion's box matches the claim's hash.
	HashOK bool `json:"hash_ok"`
	// Known is set for assertions this reader interprets; others are
	// only checked against their hash.
	Known bool `json:"known"`
	// Data is the assertion's content as JSON-friendly values.
	Data any `json:"data,omitempty"`
}

// Valid reports whether the file carries credentials whose signature,
// assertions and hard binding all verify. An untrusted signer does not
// make a file invalid: trust is a separate question (SignatureInfo).
func (r *Report) Valid() bool {
	if !r.Found || r.Manifest == nil || r.Problem != "" {
		return false
	}
	for _, s := range r.Status {
		if s.Failure && s.Code != "signingCredential.untrusted" {
			return false
		}
	}
	return r.Manifest.Signature.Valid && r.Manifest.Binding.Valid
}

// HasCode reports whether the report carries the status code.
func (r *Report) HasCode(code string) bool {
	for _, s := range r.Status {
		if s.Code == code {
			return true
		}
	}
	return false
}

// Options control Verify.
type Options struct {
	// Trust are certificates whose chains are trusted (a local CA, an
	// organisation's root).
	Trust []*x509.Certificate
	// Now is the clock for certificate validity (default time.Now).
	Now func() time.Time
}

// Verify reads the Content Credentials of the file at path (embedded, or
// in a sidecar FILE.c2pa) and checks them. The error is only for a file
// that cannot be read at all; everything about the credentials, missing
// or broken ones included, is in the report.
func Verify(path string, opts Options) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	rep := &Report{File: path}
	head := make([]byte, 16)
	n, _ := f.ReadAt(head, 0)
	rep.Container = Sniff(head[:n])

	loc, err := locate(f, st.Size(), rep.Container)
	sidecar := false
	if errors.Is(err, errNoStore) {
		loc, err = readSidecar(path)
		sidecar = err == nil
	}
	switch {
	case errors.Is(err, errNoStore):
		rep.Problem = "no Content Credentials: the file carries no C2PA manifest and there is no " + SidecarPath(path) + " beside it"
		return rep, nil
	case err != nil:
		rep.Found = true
		rep.Problem = "the Content Credentials cannot be read: " + err.Error()
		rep.add("manifest.unreadable", err.Error(), true)
		return rep, nil
	}
	rep.Found, rep.Where = true, loc.where
	v := &verifier{rep: rep, opts: opts, asset: f, size: st.Size(), sidecar: sidecar}
	v.verifyStore(loc.store)
	return rep, nil
}

// readSidecar reads FILE.c2pa, or (as c2pa-rs names them) the file's name
// with its extension replaced by .c2pa.
func readSidecar(path string) (*found, error) {
	for _, p := range []string{SidecarPath(path), strings.TrimSuffix(path, filepath.Ext(path)) + ".c2pa"} {
		if p == path {
			continue
		}
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		if st.Size() > MaxStore {
			return nil, fmt.Errorf("the sidecar %s is %d bytes, more than the %d this reader accepts", p, st.Size(), MaxStore)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		return &found{store: b, where: "sidecar " + p}, nil
	}
	return nil, errNoStore
}

func (r *Report) add(code, detail string, failure bool) {
	r.Status = append(r.Status, Status{Code: code, Detail: detail, Failure: failure})
}

// verifier checks one store against its asset.
type verifier struct {
	rep     *Report
	opts    Options
	asset   io.ReaderAt
	size    int64
	sidecar bool
	// parseOnly skips the signature arithmetic (the fuzz target exercises
	// the parsers; instrumented crypto is too slow to fuzz through).
	parseOnly bool
}

// manifestParts are the boxes of one manifest.
type manifestParts struct {
	label      string
	assertions map[string]*superbox
	order      []string
	claim      []byte
	claimV     int
	signature  []byte
}

// parseStore parses a manifest store into its manifests.
func parseStore(store []byte) ([]*manifestParts, error) {
	top, err := parseBoxes(store)
	if err != nil {
		return nil, err
	}
	if len(top) != 1 || top[0].typ != "jumb" {
		return nil, errors.New("the manifest store is not one JUMBF superbox")
	}
	root, err := parseSuperbox(top[0].payload)
	if err != nil {
		return nil, err
	}
	if root.uuid != uuidStore {
		return nil, errors.New("the JUMBF box is not a C2PA manifest store")
	}
	kids, err := root.children(1)
	if err != nil {
		return nil, err
	}
	var out []*manifestParts
	for _, m := range kids {
		if m.uuid != uuidManifest && m.uuid != uuidUpdate {
			continue
		}
		p := &manifestParts{label: m.label, assertions: map[string]*superbox{}}
		parts, err := m.children(2)
		if err != nil {
			return nil, err
		}
		for _, part := range parts {
			switch {
			case part.uuid == uuidAssertions && part.label == "c2pa.assertions":
				as, err := part.children(3)
				if err != nil {
					return nil, err
				}
				for _, a := range as {
					if _, dup := p.assertions[a.label]; !dup {
						p.order = append(p.order, a.label)
					}
					p.assertions[a.label] = a
				}
			case part.uuid == uuidClaim && strings.HasPrefix(part.label, "c2pa.claim"):
				p.claim = part.contentBox("cbor")
				p.claimV = 1
				if strings.HasPrefix(part.label, "c2pa.claim.v") {
					fmt.Sscanf(part.label, "c2pa.claim.v%d", &p.claimV)
				}
			case part.uuid == uuidSignature && part.label == "c2pa.signature":
				p.signature = part.contentBox("cbor")
			case part.label == "c2pa.credentials" || part.label == "c2pa.databoxes":
			default:
				return nil, fmt.Errorf("manifest %s holds a box this reader does not recognise (%q)", printable(m.label), printable(part.label))
			}
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, errors.New("the manifest store holds no manifest")
	}
	return out, nil
}

// claimFields is a 1.x or 2.x claim as read.
type claimFields struct {
	ClaimGenerator     string      `cbor:"claim_generator"`
	GeneratorInfo      any         `cbor:"claim_generator_info"`
	Signature          string      `cbor:"signature"`
	Assertions         []hashedURI `cbor:"assertions"`
	CreatedAssertions  []hashedURI `cbor:"created_assertions"`
	GatheredAssertions []hashedURI `cbor:"gathered_assertions"`
	Format             string      `cbor:"dc:format"`
	InstanceID         string      `cbor:"instanceID"`
	Title              string      `cbor:"dc:title"`
	Alg                string      `cbor:"alg"`
}

func (v *verifier) verifyStore(store []byte) {
	rep := v.rep
	manifests, err := parseStore(store)
	if err != nil {
		rep.Problem = "the Content Credentials are damaged: " + err.Error()
		rep.add("manifest.malformed", err.Error(), true)
		return
	}
	active := manifests[len(manifests)-1]
	mi := &ManifestInfo{Label: printable(active.label), ClaimVersion: active.claimV, Manifests: len(manifests)}
	rep.Manifest = mi
	if active.claim == nil {
		rep.Problem = "the manifest has no claim"
		rep.add("claim.missing", "", true)
		return
	}
	var claim claimFields
	if err := unmarshalCBOR(active.claim, &claim); err != nil {
		rep.Problem = "the claim cannot be decoded: " + err.Error()
		rep.add("claim.malformed", err.Error(), true)
		return
	}
	mi.Generator = generatorName(claim)
	mi.Title, mi.Format = printable(claim.Title), printable(claim.Format)

	v.verifySignature(active, mi)
	refs := claim.Assertions
	if len(refs) == 0 {
		refs = append(append([]hashedURI(nil), claim.CreatedAssertions...), claim.GatheredAssertions...)
	}
	binding := v.verifyAssertions(active, claim.Alg, refs, mi)
	v.verifyBinding(active, binding, mi)
	if !mi.Signature.Valid {
		rep.Problem = "the signature does not verify: " + mi.Signature.Problem
	} else if !mi.Binding.Valid {
		rep.Problem = "the file was changed after it was signed: " + mi.Binding.Problem
	} else {
		for _, s := range rep.Status {
			if s.Failure && s.Code != "signingCredential.untrusted" {
				rep.Problem = s.Detail
				break
			}
		}
	}
}

func generatorName(c claimFields) string {
	switch g := c.GeneratorInfo.(type) {
	case map[any]any:
		return generatorString(g)
	case []any:
		if len(g) > 0 {
			if m, ok := g[0].(map[any]any); ok {
				return generatorString(m)
			}
		}
	}
	return printable(c.ClaimGenerator)
}

func generatorString(m map[any]any) string {
	name, _ := m["name"].(string)
	ver, _ := m["version"].(string)
	return printable(strings.TrimSpace(name + " " + ver))
}

// verifySignature checks the claim signature and the signer's certificate.
func (v *verifier) verifySignature(p *manifestParts, mi *ManifestInfo) {
	si := &mi.Signature
	rep := v.rep
	if p.signature == nil {
		si.Problem = "the manifest has no signature"
		rep.add("claimSignature.missing", si.Problem, true)
		return
	}
	sig, err := parseSignature(p.signature)
	if err != nil {
		si.Problem = err.Error()
		rep.add("claimSignature.mismatch", si.Problem, true)
		return
	}
	si.Algorithm = algName(sig.alg)
	leaf := sig.chain[0]
	si.Signer = printable(leaf.Subject.CommonName)
	if len(leaf.Subject.Organization) > 0 {
		si.Organization = printable(leaf.Subject.Organization[0])
	}
	si.Issuer = printable(leaf.Issuer.CommonName)
	if si.Issuer == "" && len(leaf.Issuer.Organization) > 0 {
		si.Issuer = printable(leaf.Issuer.Organization[0])
	}
	si.NotBefore, si.NotAfter = leaf.NotBefore, leaf.NotAfter
	if v.parseOnly {
		return
	}
	if err := sig.verify(p.claim); err != nil {
		si.Problem = "the claim signature is not valid (" + err.Error() + ")"
		rep.add("claimSignature.mismatch", si.Problem, true)
		return
	}
	at := time.Now()
	if v.opts.Now != nil {
		at = v.opts.Now()
	}
	if sig.tst != nil {
		if t, err := timeStampTime(sig.tst); err == nil {
			si.TimeStamp, at = t, t
		}
	}
	if problems := checkProfile(leaf, at); len(problems) > 0 {
		code := "signingCredential.invalid"
		if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
			code = "signingCredential.expired"
		}
		si.Problem = "the signer's certificate is not fit to sign: " + problems[0]
		rep.add(code, si.Problem, true)
		return
	}
	si.Valid = true
	rep.add("claimSignature.validated", "", false)
	if err := verifyChain(sig.chain, v.opts.Trust, at); err != nil {
		si.TrustNote = err.Error()
		rep.add("signingCredential.untrusted", si.TrustNote, true)
		return
	}
	si.Trusted = true
	rep.add("signingCredential.trusted", "", false)
}

// verifyChain checks that chain leads to one of the trusted certificates.
func verifyChain(chain, trust []*x509.Certificate, at time.Time) error {
	if len(trust) == 0 {
		return errors.New("no certificate is trusted on this machine for this signer (offline, with no trust list)")
	}
	roots, mids := x509.NewCertPool(), x509.NewCertPool()
	for _, c := range trust {
		roots.AddCert(c)
	}
	for _, c := range chain[1:] {
		mids.AddCert(c)
	}
	_, err := chain[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: mids, CurrentTime: at, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return fmt.Errorf("the signer's certificate does not lead to a trusted one (%v)", err)
	}
	return nil
}

// hardBindingLabels are the assertions that hash the asset.
func isHardBinding(label string) bool {
	base := baseLabel(label)
	return base == LabelDataHash || base == "c2pa.hash.bmff" || base == "c2pa.hash.bmff.v2" || base == LabelBMFFHash || base == "c2pa.hash.boxes" || base == "c2pa.hash.collection.data"
}

// baseLabel strips an instance suffix ("c2pa.ingredient__1").
func baseLabel(label string) string {
	if i := strings.Index(label, "__"); i > 0 {
		return label[:i]
	}
	return label
}

// verifyAssertions checks every assertion the claim lists against its
// hash, decodes the known ones, and returns the label of the hard binding.
func (v *verifier) verifyAssertions(p *manifestParts, alg string, refs []hashedURI, mi *ManifestInfo) string {
	rep := v.rep
	binding := ""
	for _, ref := range refs {
		url := ref.URL
		i := strings.LastIndex(url, "c2pa.assertions/")
		if i < 0 {
			rep.add("assertion.missing", "the claim names an assertion outside the assertion store: "+printable(url), true)
			continue
		}
		if m := manifestOf(url); m != "" && m != p.label {
			rep.add("assertion.outsideManifest", "the claim names an assertion of another manifest: "+printable(url), true)
			continue
		}
		label := url[i+len("c2pa.assertions/"):]
		info := AssertionInfo{Label: printable(label)}
		box, ok := p.assertions[label]
		if !ok {
			rep.add("assertion.missing", "assertion "+printable(label)+" is listed in the claim but not in the manifest", true)
			mi.Assertions = append(mi.Assertions, info)
			continue
		}
		a := ref.Alg
		if a == "" {
			a = alg
		}
		sum, err := hashBytes(a, box.payload)
		if err != nil {
			rep.add("assertion.hashedURI.mismatch", err.Error(), true)
		} else if !bytes.Equal(sum, ref.Hash) {
			rep.add("assertion.hashedURI.mismatch", "assertion "+printable(label)+" was changed after signing", true)
		} else {
			info.HashOK = true
		}
		info.Data, info.Known = v.decodeAssertion(label, box, mi)
		if isHardBinding(label) && binding == "" && info.HashOK {
			binding = label
		}
		mi.Assertions = append(mi.Assertions, info)
	}
	return binding
}

// manifestOf returns the manifest label of an absolute JUMBF URI.
func manifestOf(url string) string {
	const p = "/c2pa/"
	i := strings.Index(url, p)
	if i < 0 {
		return ""
	}
	rest := url[i+len(p):]
	if j := strings.Index(rest, "/"); j >= 0 {
		return rest[:j]
	}
	return rest
}

// decodeAssertion decodes an assertion for the report.
func (v *verifier) decodeAssertion(label string, box *superbox, mi *ManifestInfo) (any, bool) {
	var raw any
	switch {
	case box.contentBox("cbor") != nil:
		if err := unmarshalCBOR(box.contentBox("cbor"), &raw); err != nil {
			return "undecodable CBOR: " + err.Error(), false
		}
	case box.contentBox("json") != nil:
		if err := json.Unmarshal(box.contentBox("json"), &raw); err != nil {
			return "undecodable JSON: " + err.Error(), false
		}
		return jsonable(raw), isStandard(label)
	default:
		return nil, isStandard(label)
	}
	base := baseLabel(label)
	switch {
	case base == "c2pa.actions" || base == LabelActions:
		mi.Actions = append(mi.Actions, actionsFrom(raw)...)
	case strings.HasPrefix(base, "c2pa.ingredient"):
		mi.Ingredients = append(mi.Ingredients, ingredientFrom(raw))
	case base == LabelFilm:
		var film Film
		if err := unmarshalCBOR(box.contentBox("cbor"), &film); err == nil {
			mi.Film = &film
		}
		return jsonable(raw), true
	case isHardBinding(base):
		return nil, true // hashes are not worth printing
	}
	return jsonable(raw), isStandard(label)
}

// isStandard reports whether a label is defined by C2PA or a standard it
// adopts (as opposed to an entity's own).
func isStandard(label string) bool {
	return strings.HasPrefix(label, "c2pa.") || strings.HasPrefix(label, "stds.") || label == LabelFilm || strings.HasPrefix(label, LabelFilm+"__")
}

func actionsFrom(raw any) []ActionInfo {
	m, _ := raw.(map[any]any)
	list, _ := m["actions"].([]any)
	var out []ActionInfo
	for _, e := range list {
		a, _ := e.(map[any]any)
		ai := ActionInfo{}
		ai.Action, _ = a["action"].(string)
		ai.DigitalSourceType, _ = a["digitalSourceType"].(string)
		ai.Description, _ = a["description"].(string)
		switch sa := a["softwareAgent"].(type) {
		case string:
			ai.SoftwareAgent = sa
		case map[any]any:
			ai.SoftwareAgent = generatorString(sa)
		}
		if params, ok := a["parameters"].(map[any]any); ok {
			if ings, ok := params["ingredients"].([]any); ok {
				ai.Ingredients = len(ings)
			} else if _, ok := params["ingredient"]; ok {
				ai.Ingredients = 1
			}
		}
		ai.Action, ai.DigitalSourceType = printable(ai.Action), printable(ai.DigitalSourceType)
		ai.Description, ai.SoftwareAgent = printable(ai.Description), printable(ai.SoftwareAgent)
		out = append(out, ai)
	}
	return out
}

func ingredientFrom(raw any) IngredientInfo {
	m, _ := raw.(map[any]any)
	str := func(k string) string { s, _ := m[k].(string); return printable(s) }
	ii := IngredientInfo{Title: str("dc:title"), Format: str("dc:format"), Relationship: str("relationship"), InstanceID: str("instanceID"), Description: str("description")}
	if ii.InstanceID == "" {
		ii.InstanceID = str("instance_id")
	}
	return ii
}
