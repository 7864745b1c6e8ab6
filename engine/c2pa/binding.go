package c2pa

import (
	"bytes"
	"fmt"
	"slices"
)

// verifyBinding checks the hard binding assertion against the asset.
func (v *verifier) verifyBinding(p *manifestParts, label string, mi *ManifestInfo) {
	b := &mi.Binding
	rep := v.rep
	if label == "" {
		b.Problem = "the manifest has no hard binding (no hash of the file's bytes) that matches its claim"
		rep.add("claim.hardBindings.missing", b.Problem, true)
		return
	}
	b.Kind = baseLabel(label)
	data := p.assertions[label].contentBox("cbor")
	var err error
	var code string
	switch b.Kind {
	case LabelDataHash:
		code = "assertion.dataHash"
		err = v.checkDataHash(data)
	case "c2pa.hash.bmff", "c2pa.hash.bmff.v2", LabelBMFFHash:
		code = "assertion.bmffHash"
		err = v.checkBMFFHash(data, b.Kind != "c2pa.hash.bmff")
	default:
		b.Problem = b.Kind + " bindings are not supported by this reader, so the file's bytes were not checked"
		rep.add("assertion.hardBinding.unsupported", b.Problem, true)
		return
	}
	if err != nil {
		b.Problem = err.Error()
		rep.add(code+".mismatch", b.Problem, true)
		return
	}
	b.Valid = true
	rep.add(code+".match", "", false)
}

// checkDataHash hashes the asset minus the exclusions.
func (v *verifier) checkDataHash(data []byte) error {
	var d dataHashAssertion
	if data == nil {
		return fmt.Errorf("the data hash assertion is not CBOR")
	}
	if err := unmarshalCBOR(data, &d); err != nil {
		return fmt.Errorf("the data hash assertion cannot be decoded: %v", err)
	}
	h, err := newHash(d.Alg)
	if err != nil {
		return err
	}
	ex := slices.Clone(d.Exclusions)
	slices.SortFunc(ex, func(a, b hashRange) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	at := int64(0)
	for _, e := range ex {
		end := e.Start + e.Length
		if end < e.Start || end > uint64(v.size) {
			return fmt.Errorf("an exclusion runs past the end of the file (the file was cut short?)")
		}
		if int64(e.Start) > at {
			if err := hashSection(h, v.asset, at, int64(e.Start)-at); err != nil {
				return err
			}
		}
		at = max(at, int64(end))
	}
	if err := hashSection(h, v.asset, at, v.size-at); err != nil {
		return err
	}
	if !bytes.Equal(h.Sum(nil), d.Hash) {
		return fmt.Errorf("the hash of the file's bytes does not match the signed one")
	}
	return nil
}

// checkBMFFHash hashes the asset as a BMFF hash says.
func (v *verifier) checkBMFFHash(data []byte, offsetsToo bool) error {
	var d bmffHashAssertion
	if data == nil {
		return fmt.Errorf("the BMFF hash assertion is not CBOR")
	}
	if err := unmarshalCBOR(data, &d); err != nil {
		return fmt.Errorf("the BMFF hash assertion cannot be decoded: %v", err)
	}
	if len(d.Hash) == 0 {
		return fmt.Errorf("the BMFF hash has no file hash (Merkle trees over fragments are not supported by this reader)")
	}
	h, err := newHash(d.Alg)
	if err != nil {
		return err
	}
	top, err := topLevelBoxes(v.asset, v.size)
	if err != nil {
		return err
	}
	if err := hashBMFF(h, v.asset, top, d.Exclusions, v.size, offsetsToo); err != nil {
		return err
	}
	if !bytes.Equal(h.Sum(nil), d.Hash) {
		return fmt.Errorf("the hash of the file's boxes does not match the signed one")
	}
	return nil
}
