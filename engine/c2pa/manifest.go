package c2pa

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
)

// Manifest is what a signed manifest says about an asset.
type Manifest struct {
	// Title names the asset (dc:title).
	Title string
	// Generator is the program that made the claim.
	Generator Generator
	// Actions are what was done, c2pa.created first.
	Actions []Action
	// Ingredients are assets from outside that went in.
	Ingredients []Ingredient
	// Assertions are further assertions, each encoded as CBOR (Film for
	// LabelFilm, say).
	Assertions []Assertion
}

// Generator names a program and its version.
type Generator struct {
	Name, Version string
}

// Action is one entry of the c2pa.actions.v2 assertion.
type Action struct {
	Action string
	// DigitalSourceType is an IPTC digital source type URI.
	DigitalSourceType string
	SoftwareAgent     *Generator
	Description       string
	// Ingredients are indexes into Manifest.Ingredients that this action
	// used.
	Ingredients []int
}

// Ingredient is an asset from outside that went into this one.
type Ingredient struct {
	Title  string
	Format string
	// Relationship is RelationComponentOf or RelationInputTo.
	Relationship string
	// SHA256 is the hex SHA-256 of the ingredient's bytes.
	SHA256      string
	Description string
}

// Assertion is a labelled assertion whose Data is encoded as CBOR.
type Assertion struct {
	Label string
	Data  any
}

// validate reports what is missing from m.
func (m *Manifest) validate() error {
	if m.Generator.Name == "" {
		return errors.New("manifest: no generator name")
	}
	if len(m.Actions) == 0 || m.Actions[0].Action != ActionCreated {
		return errors.New("manifest: the first action must be c2pa.created")
	}
	for _, a := range m.Actions {
		for _, i := range a.Ingredients {
			if i < 0 || i >= len(m.Ingredients) {
				return fmt.Errorf("manifest: action %s names ingredient %d of %d", a.Action, i, len(m.Ingredients))
			}
		}
	}
	for _, a := range m.Assertions {
		if a.Label == "" || strings.ContainsAny(a.Label, "/\x00") {
			return fmt.Errorf("manifest: assertion label %q is not allowed", a.Label)
		}
	}
	return nil
}

// newManifestLabel returns a C2PA 2.x manifest label: urn:c2pa:UUIDv4.
func newManifestLabel() string {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		panic(err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:c2pa:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

// buildStore encodes m with the hard binding assertion (label, data) and
// signs it with s, returning the whole manifest store ('jumb' box).
func buildStore(m *Manifest, bindingLabel string, binding any, s *Signer, manifestLabel string) ([]byte, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	var boxes [][]byte
	var refs []hashedURI
	add := func(label string, v any) (hashedURI, error) {
		data, err := marshalCBOR(v)
		if err != nil {
			return hashedURI{}, fmt.Errorf("assertion %s: %w", label, err)
		}
		b := cborAssertionBox(label, data)
		h, _ := hashBytes("sha256", b[8:])
		ref := hashedURI{URL: "self#jumbf=c2pa.assertions/" + label, Hash: h}
		boxes = append(boxes, b)
		refs = append(refs, ref)
		return ref, nil
	}

	ingRefs := make([]hashedURI, len(m.Ingredients))
	for i, ing := range m.Ingredients {
		label := LabelIngredient
		if i > 0 {
			label = fmt.Sprintf("%s__%d", LabelIngredient, i)
		}
		a := ingredientAssertion{
			Title: ing.Title, Format: ing.Format, Relationship: ing.Relationship, Description: ing.Description,
		}
		if ing.SHA256 != "" {
			a.InstanceID = "sha256:" + ing.SHA256
		}
		ref, err := add(label, a)
		if err != nil {
			return nil, err
		}
		ingRefs[i] = ref
	}
	var acts actionsAssertion
	for _, a := range m.Actions {
		e := actionEntry{Action: a.Action, DigitalSourceType: a.DigitalSourceType, Description: a.Description}
		if a.SoftwareAgent != nil {
			e.SoftwareAgent = &generatorInfo{Name: a.SoftwareAgent.Name, Version: a.SoftwareAgent.Version}
		}
		if len(a.Ingredients) > 0 {
			e.Parameters = &actionParams{}
			for _, i := range a.Ingredients {
				e.Parameters.Ingredients = append(e.Parameters.Ingredients, ingRefs[i])
			}
		}
		acts.Actions = append(acts.Actions, e)
	}
	if _, err := add(LabelActions, acts); err != nil {
		return nil, err
	}
	for _, a := range m.Assertions {
		if _, err := add(a.Label, a.Data); err != nil {
			return nil, err
		}
	}
	if _, err := add(bindingLabel, binding); err != nil {
		return nil, err
	}

	claim := claimV2{
		InstanceID:         "xmp:iid:" + strings.TrimPrefix(manifestLabel, "urn:c2pa:"),
		ClaimGeneratorInfo: generatorInfo{Name: m.Generator.Name, Version: m.Generator.Version},
		Signature:          "self#jumbf=/c2pa/" + manifestLabel + "/c2pa.signature",
		CreatedAssertions:  refs,
		Title:              m.Title,
		Alg:                "sha256",
	}
	claimBytes, err := marshalCBOR(claim)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	sig, err := s.signClaim(claimBytes)
	if err != nil {
		return nil, err
	}
	manifest := superboxBytes(uuidManifest, manifestLabel,
		superboxBytes(uuidAssertions, "c2pa.assertions", boxes...),
		superboxBytes(uuidClaim, "c2pa.claim.v2", appendBox(nil, "cbor", claimBytes)),
		superboxBytes(uuidSignature, "c2pa.signature", appendBox(nil, "cbor", sig)),
	)
	return superboxBytes(uuidStore, "c2pa", manifest), nil
}

// claimV2 is a C2PA 2.x claim (c2pa.claim.v2) as Kino writes it.
type claimV2 struct {
	InstanceID         string        `cbor:"instanceID"`
	ClaimGeneratorInfo generatorInfo `cbor:"claim_generator_info"`
	Signature          string        `cbor:"signature"`
	CreatedAssertions  []hashedURI   `cbor:"created_assertions"`
	Title              string        `cbor:"dc:title,omitempty"`
	Alg                string        `cbor:"alg"`
}

// storeFor builds a store whose binding depends on the store's own size
// (an exclusion that covers it): binding(n) must give the binding for a
// store n bytes long (plus container overhead, which the caller adds).
// The size is found by iterating to a fixed point; the hash inside the
// binding must have its final length already (its value may change
// afterwards without changing the size).
func storeFor(m *Manifest, label string, s *Signer, bindingLabel string, binding func(n int) any) ([]byte, int, error) {
	n := 0
	for range 8 {
		store, err := buildStore(m, bindingLabel, binding(n), s, label)
		if err != nil {
			return nil, 0, err
		}
		if len(store) == n {
			return store, n, nil
		}
		n = len(store)
	}
	return nil, 0, errors.New("manifest size does not settle")
}
