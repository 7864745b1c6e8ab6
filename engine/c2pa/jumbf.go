package c2pa

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
)

// JUMBF description box types (ISO 19566-5 and the C2PA specification).
var (
	uuidStore      = mustUUID("6332706100110010800000AA00389B71") // c2pa: manifest store
	uuidManifest   = mustUUID("63326D6100110010800000AA00389B71") // c2ma: standard manifest
	uuidUpdate     = mustUUID("6332756D00110010800000AA00389B71") // c2um: update manifest
	uuidAssertions = mustUUID("6332617300110010800000AA00389B71") // c2as: assertion store
	uuidClaim      = mustUUID("6332636C00110010800000AA00389B71") // c2cl: claim
	uuidSignature  = mustUUID("6332637300110010800000AA00389B71") // c2cs: claim signature
	uuidCBOR       = mustUUID("63626F7200110010800000AA00389B71") // cbor content
	uuidJSON       = mustUUID("6A736F6E00110010800000AA00389B71") // json content
)

func mustUUID(s string) [16]byte {
	var u [16]byte
	if _, err := hex.Decode(u[:], []byte(s)); err != nil {
		panic(err)
	}
	return u
}

// box is one ISO BMFF-style box inside a JUMBF buffer.
type box struct {
	typ     string
	payload []byte // the bytes after the box header
}

// maxBoxDepth bounds JUMBF nesting; a manifest store is four levels deep.
const maxBoxDepth = 16

// parseBoxes splits b into consecutive boxes. A box whose length runs
// past b, or is shorter than its header, is an error: JUMBF is never
// truncated in a valid store.
func parseBoxes(b []byte) ([]box, error) {
	var out []box
	for len(b) > 0 {
		if len(b) < 8 {
			return nil, fmt.Errorf("JUMBF: %d stray bytes after the last box", len(b))
		}
		size := uint64(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		hdr := uint64(8)
		switch size {
		case 0: // to the end
			size = uint64(len(b))
		case 1:
			if len(b) < 16 {
				return nil, fmt.Errorf("JUMBF: box %q is cut off in its header", printable(typ))
			}
			size, hdr = binary.BigEndian.Uint64(b[8:]), 16
		}
		if size < hdr || size > uint64(len(b)) {
			return nil, fmt.Errorf("JUMBF: box %q says it is %d bytes but %d are left (truncated or damaged)", printable(typ), size, len(b))
		}
		out = append(out, box{typ: typ, payload: b[hdr:size]})
		b = b[size:]
	}
	return out, nil
}

// superbox is a parsed JUMBF superbox ('jumb'): its description and the
// boxes after it.
type superbox struct {
	uuid    [16]byte
	label   string
	payload []byte // everything after the 'jumb' header: what assertion hashes cover
	content []box  // the boxes after the description box
}

// parseSuperbox parses the payload of a 'jumb' box.
func parseSuperbox(payload []byte) (*superbox, error) {
	boxes, err := parseBoxes(payload)
	if err != nil {
		return nil, err
	}
	if len(boxes) == 0 || boxes[0].typ != "jumd" {
		return nil, fmt.Errorf("JUMBF: superbox without a description box")
	}
	d := boxes[0].payload
	if len(d) < 17 {
		return nil, fmt.Errorf("JUMBF: description box too short (%d bytes)", len(d))
	}
	s := &superbox{payload: payload, content: boxes[1:]}
	copy(s.uuid[:], d[:16])
	toggles := d[16]
	rest := d[17:]
	if toggles&0x02 != 0 { // label present
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return nil, fmt.Errorf("JUMBF: description label is not terminated")
		}
		s.label = string(rest[:i])
	}
	return s, nil
}

// children returns the superboxes among s's content boxes.
func (s *superbox) children(depth int) ([]*superbox, error) {
	if depth > maxBoxDepth {
		return nil, fmt.Errorf("JUMBF: boxes nested more than %d deep", maxBoxDepth)
	}
	var out []*superbox
	for _, b := range s.content {
		if b.typ != "jumb" {
			continue
		}
		c, err := parseSuperbox(b.payload)
		if err != nil {
			return nil, fmt.Errorf("in %q: %w", printable(s.label), err)
		}
		out = append(out, c)
	}
	return out, nil
}

// contentBox returns the first content box of type typ, or nil.
func (s *superbox) contentBox(typ string) []byte {
	for _, b := range s.content {
		if b.typ == typ {
			return b.payload
		}
	}
	return nil
}

// printable returns s with control characters and invalid UTF-8 replaced,
// for messages about data from a file.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

// --- writing ---

// appendBox appends a box of type typ holding payload.
func appendBox(dst []byte, typ string, payload ...[]byte) []byte {
	n := 8
	for _, p := range payload {
		n += len(p)
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(n))
	dst = append(dst, typ...)
	for _, p := range payload {
		dst = append(dst, p...)
	}
	return dst
}

// descriptionBox returns a 'jumd' box: type uuid, requestable with a label.
func descriptionBox(uuid [16]byte, label string) []byte {
	p := make([]byte, 0, 17+len(label)+1)
	p = append(p, uuid[:]...)
	p = append(p, 0x03) // requestable, label present
	p = append(p, label...)
	p = append(p, 0)
	return appendBox(nil, "jumd", p)
}

// superboxBytes returns a whole 'jumb' box.
func superboxBytes(uuid [16]byte, label string, content ...[]byte) []byte {
	parts := append([][]byte{descriptionBox(uuid, label)}, content...)
	return appendBox(nil, "jumb", parts...)
}

// cborAssertionBox returns an assertion superbox holding CBOR data.
func cborAssertionBox(label string, data []byte) []byte {
	return superboxBytes(uuidCBOR, label, appendBox(nil, "cbor", data))
}

// newHash returns the hash named by a C2PA alg string ("" is sha256).
func newHash(alg string) (hash.Hash, error) {
	switch alg {
	case "", "sha256":
		return sha256.New(), nil
	case "sha384":
		return sha512.New384(), nil
	case "sha512":
		return sha512.New(), nil
	}
	return nil, fmt.Errorf("hash algorithm %q is not one C2PA allows (sha256, sha384, sha512)", printable(alg))
}

// hashBytes hashes b with alg.
func hashBytes(alg string, b []byte) ([]byte, error) {
	h, err := newHash(alg)
	if err != nil {
		return nil, err
	}
	h.Write(b)
	return h.Sum(nil), nil
}
