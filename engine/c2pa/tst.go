package c2pa

import (
	"encoding/asn1"
	"errors"
	"time"
)

// timeStampTime returns the genTime of an RFC 3161 time-stamp token: a
// CMS ContentInfo holding SignedData whose content is a TSTInfo. Only the
// time is read; the time-stamp authority's signature is not checked.
func timeStampTime(token []byte) (time.Time, error) {
	ci, err := sequence(token) // ContentInfo: contentType, [0] content
	if err != nil || len(ci) < 2 {
		return time.Time{}, errors.New("time-stamp token: not a ContentInfo")
	}
	if ci[0].Tag == asn1.TagSequence && ci[0].IsCompound { // a whole TimeStampResp: status, token
		if ci, err = sequence(ci[1].FullBytes); err != nil || len(ci) < 2 {
			return time.Time{}, errors.New("time-stamp response: no token")
		}
	}
	sd, err := sequence(ci[1].Bytes) // [0] EXPLICIT SignedData
	if err != nil || len(sd) < 3 {
		return time.Time{}, errors.New("time-stamp token: not SignedData")
	}
	enc, err := sequence(sd[2].FullBytes) // encapContentInfo
	if err != nil || len(enc) < 2 {
		return time.Time{}, errors.New("time-stamp token: no content")
	}
	var octets []byte
	if _, err := asn1.Unmarshal(enc[1].Bytes, &octets); err != nil { // [0] EXPLICIT OCTET STRING
		return time.Time{}, errors.New("time-stamp token: content is not an OCTET STRING")
	}
	info, err := sequence(octets) // TSTInfo: version, policy, imprint, serial, genTime, ...
	if err != nil || len(info) < 5 {
		return time.Time{}, errors.New("time-stamp token: not a TSTInfo")
	}
	var t time.Time
	if _, err := asn1.UnmarshalWithParams(info[4].FullBytes, &t, "generalized"); err != nil {
		return time.Time{}, errors.New("time-stamp token: no genTime")
	}
	return t, nil
}

// sequence returns the elements of a DER SEQUENCE.
func sequence(der []byte) ([]asn1.RawValue, error) {
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(der, &seq); err != nil {
		return nil, err
	}
	if seq.Tag != asn1.TagSequence || !seq.IsCompound {
		return nil, errors.New("not a SEQUENCE")
	}
	var out []asn1.RawValue
	rest := seq.Bytes
	for len(rest) > 0 {
		var v asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
		if len(out) > 64 {
			return nil, errors.New("SEQUENCE too long")
		}
	}
	return out, nil
}
