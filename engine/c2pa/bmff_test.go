package c2pa

import (
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"kino/engine/c2pa/c2patest"
)

// chunkedMP4 is an MP4 whose moov follows its mdat (as without
// faststart), with a 32-bit stco table in one track and a 64-bit co64
// table in another pointing at marked chunks in the mdat, and an mdat
// with a 64-bit size.
func chunkedMP4() (data []byte, markers []string) {
	ftyp := bmffBoxBytes("ftyp", []byte("isom"), []byte{0, 0, 2, 0}, []byte("isomiso2"))
	free := bmffBoxBytes("free", make([]byte, 8))
	markers = []string{"CHUNK-ONE", "CHUNK-TWO", "CHUNK-THREE"}
	var payload []byte
	var offs []int64
	mdatStart := int64(len(ftyp) + len(free))
	for _, m := range markers {
		payload = append(payload, bytes.Repeat([]byte{0x55}, 300)...)
		offs = append(offs, mdatStart+16+int64(len(payload)))
		payload = append(payload, m...)
	}
	mdat := binary.BigEndian.AppendUint32(nil, 1)
	mdat = append(mdat, "mdat"...)
	mdat = binary.BigEndian.AppendUint64(mdat, uint64(16+len(payload)))
	mdat = append(mdat, payload...)
	stco := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 0}, 2)
	stco = binary.BigEndian.AppendUint32(stco, uint32(offs[0]))
	stco = binary.BigEndian.AppendUint32(stco, uint32(offs[1]))
	co64 := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 0}, 1)
	co64 = binary.BigEndian.AppendUint64(co64, uint64(offs[2]))
	trak := func(table []byte, typ string) []byte {
		return bmffBoxBytes("trak", bmffBoxBytes("mdia", bmffBoxBytes("minf", bmffBoxBytes("stbl", bmffBoxBytes(typ, table)))))
	}
	moov := bmffBoxBytes("moov", bmffBoxBytes("mvhd", make([]byte, 100)), trak(stco, "stco"), trak(co64, "co64"))
	return append(append(append(append([]byte(nil), ftyp...), free...), mdat...), moov...), markers
}

func TestMP4ManifestGoesBeforeMediaWithOffsetsMoved(t *testing.T) {
	data, markers := chunkedMP4()
	p := signed(t, "film.mp4", data, testManifest())
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	top, err := topLevelBoxes(bytesReaderAt(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, bx := range top {
		order = append(order, bx.typ)
	}
	if got := strings.Join(order, ","); got != "ftyp,free,uuid,mdat,moov" {
		t.Fatalf("boxes %s; the manifest must come before the first mdat", got)
	}
	// Every chunk offset still points at its chunk.
	var offs []int64
	for _, s := range fetchBoxes(top, "/moov/trak/mdia/minf/stbl/stco") {
		d := b[s.off+s.hdr:]
		for i := range int64(binary.BigEndian.Uint32(d[4:])) {
			offs = append(offs, int64(binary.BigEndian.Uint32(d[8+4*i:])))
		}
	}
	for _, s := range fetchBoxes(top, "/moov/trak/mdia/minf/stbl/co64") {
		d := b[s.off+s.hdr:]
		offs = append(offs, int64(binary.BigEndian.Uint64(d[8:])))
	}
	if len(offs) != 3 {
		t.Fatalf("%d chunk offsets", len(offs))
	}
	for i, o := range offs {
		if !bytes.HasPrefix(b[o:], []byte(markers[i])) {
			t.Errorf("chunk %d offset %d points at %q, not %q", i, o, b[o:o+9], markers[i])
		}
	}
	if r := mustVerify(t, p, Options{}); !r.Valid() {
		t.Fatalf("does not verify: %s", r.Problem)
	}
	if res := c2patest.Read(t, nil, c2patest.Asset{Path: p}); !res[0].ValidButUntrusted() {
		t.Errorf("c2pa-rs: %s %v %s", res[0].State, res[0].Failures, res[0].Error)
	}
	// Moving a chunk offset is caught (the moov is hashed).
	flip(t, p, int64(bytes.Index(b, []byte("stco"))+12))
	if r := mustVerify(t, p, Options{}); r.Valid() || !r.HasCode("assertion.bmffHash.mismatch") {
		t.Errorf("a changed chunk offset was not caught: %+v", r.Status)
	}
}
