package c2pa

import (
	"os"
	"testing"
	"time"
)

// verifyBytes runs the reader over a whole file held in memory: locating
// the store (JPEG, PNG, RIFF, BMFF), parsing JUMBF, CBOR and COSE, and
// checking hashes against the same bytes.
func verifyBytes(data []byte, parseOnly bool) *Report {
	rep := &Report{File: "fuzz"}
	rep.Container = Sniff(data)
	r := bytesReaderAt(data)
	loc, err := locate(r, int64(len(data)), rep.Container)
	if err != nil {
		return rep
	}
	rep.Found = true
	v := &verifier{rep: rep, opts: Options{Now: func() time.Time { return testNow }}, asset: r, size: int64(len(data)), parseOnly: parseOnly}
	v.verifyStore(loc.store)
	return rep
}

// FuzzVerify feeds the manifest reader (locating the store, JUMBF, CBOR,
// COSE and certificate parsing, assertion and binding hashes) arbitrary files, seeded with
// signed files of every container and c2pa-rs's own images, and raw
// manifest stores. It must never panic or hang.
func FuzzVerify(f *testing.F) {
	// Small seeds keep the fuzzer fast: a JPEG, an AVI and an MP4 of a
	// few kilobytes each, and a sidecar store.
	for _, c := range []container{containers[1], containers[3], containers[4]} {
		p := signed(f, c.name, c.data(f), testManifest())
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	side := signed(f, "film.edl", []byte("TITLE: x\n"), testManifest())
	if b, err := os.ReadFile(SidecarPath(side)); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		verifyBytes(data, true)
		// The same bytes as a raw manifest store (a sidecar).
		rep := &Report{File: "fuzz", Found: true}
		v := &verifier{rep: rep, opts: Options{}, asset: bytesReaderAt(data), size: int64(len(data)), sidecar: true, parseOnly: true}
		v.verifyStore(data)
		if rep.Valid() {
			t.Fatal("valid without checking the signature")
		}
	})
}

func TestFuzzSeedsVerifyWithSignatures(t *testing.T) {
	for _, c := range []container{containers[1], containers[3], containers[4]} {
		p := signed(t, c.name, c.data(t), testManifest())
		b, _ := os.ReadFile(p)
		if r := verifyBytes(b, false); !r.Valid() {
			t.Errorf("%s from memory: %s", c.name, r.Problem)
		}
	}
}
