package c2pa

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Container is how a file can carry a manifest store.
type Container string

// Containers.
const (
	ContainerJPEG    Container = "JPEG"
	ContainerPNG     Container = "PNG"
	ContainerRIFF    Container = "RIFF" // WAV, AVI
	ContainerBMFF    Container = "BMFF" // MP4, MOV
	ContainerSidecar Container = ""     // anything else: a FILE.c2pa beside it
)

// ErrExists is returned when a file already carries a manifest store.
var ErrExists = errors.New("the file already carries Content Credentials")

// c2paBoxUUID is the extended type of the ISO BMFF 'uuid' box that holds
// a manifest store.
var c2paBoxUUID = [16]byte{0xd8, 0xfe, 0xc3, 0xd6, 0x1b, 0x0e, 0x48, 0x3c, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7e, 0xc4, 0x81}

// Sniff says which container the bytes at the start of a file (16 or
// more) belong to.
func Sniff(head []byte) Container {
	switch {
	case len(head) >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff:
		return ContainerJPEG
	case bytes.HasPrefix(head, pngSignature):
		return ContainerPNG
	case len(head) >= 12 && string(head[:4]) == "RIFF":
		return ContainerRIFF
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return ContainerBMFF
	}
	return ContainerSidecar
}

var pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// SidecarPath is where the manifest store of a file that cannot embed one
// goes: the file's name with ".c2pa" added ("film.otio.c2pa").
func SidecarPath(path string) string { return path + ".c2pa" }

// Sign embeds a manifest for m, signed by s, into the file at path when
// its container allows (JPEG, PNG, WAV, AVI, MP4), rewriting it in place
// and syncing it. For any other file it writes nothing and returns the
// manifest store for a sidecar (see SidecarPath), bound to the file's
// bytes. Sign reads the file once to hash it, whatever its size. Its
// errors do not name the file; callers do.
func Sign(path string, m *Manifest, s *Signer) (sidecar []byte, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	switch Sniff(head[:n]) {
	case ContainerBMFF:
		err = signBMFF(f, path, m, s)
	case ContainerRIFF:
		err = signRIFF(f, m, s)
	case ContainerPNG, ContainerJPEG:
		err = signWhole(f, path, m, s)
	default:
		sidecar, err = signSidecar(f, m, s)
	}
	if err != nil {
		return nil, err
	}
	if sidecar == nil {
		if err := f.Sync(); err != nil {
			return nil, err
		}
	}
	return sidecar, nil
}

// signWhole embeds into a JPEG or PNG held in memory and writes it back.
func signWhole(f *os.File, path string, m *Manifest, s *Signer) error {
	const limit = 1 << 30
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() > limit {
		return fmt.Errorf("the image is %d bytes; images over 1 GiB are not signed", st.Size())
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil {
		return err
	}
	var out []byte
	if Sniff(data) == ContainerPNG {
		out, err = EmbedPNG(data, m, s)
	} else {
		out, err = EmbedJPEG(data, m, s)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(out, 0); err != nil {
		return err
	}
	return f.Truncate(int64(len(out)))
}

// EmbedPNG returns png with a manifest store for m in a caBX chunk right
// after IHDR, bound by a data hash that leaves out that chunk.
func EmbedPNG(png []byte, m *Manifest, s *Signer) ([]byte, error) {
	if !bytes.HasPrefix(png, pngSignature) || len(png) < 33 || string(png[12:16]) != "IHDR" || binary.BigEndian.Uint32(png[8:]) != 13 {
		return nil, errors.New("not a PNG that starts with its IHDR chunk")
	}
	if _, _, ok, _ := findPNGChunk(png, "caBX"); ok {
		return nil, ErrExists
	}
	const at = 33 // after the signature and IHDR
	sum, _ := hashBytes("sha256", png)
	label := newManifestLabel()
	store, _, err := storeFor(m, label, s, LabelDataHash, func(n int) any {
		return dataBinding(at, uint64(12+n), sum)
	})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(png)+12+len(store))
	out = append(out, png[:at]...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(store)))
	body := append([]byte("caBX"), store...)
	out = append(out, body...)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	return append(out, png[at:]...), nil
}

// EmbedJPEG returns jpg with a manifest store for m in APP11 segments
// after SOI and any APP0 (JFIF) segment, bound by a data hash that leaves
// out those segments.
func EmbedJPEG(jpg []byte, m *Manifest, s *Signer) ([]byte, error) {
	at, err := jpegInsertPoint(jpg)
	if err != nil {
		return nil, err
	}
	sum, _ := hashBytes("sha256", jpg)
	label := newManifestLabel()
	store, _, err := storeFor(m, label, s, LabelDataHash, func(n int) any {
		return dataBinding(uint64(at), uint64(app11Size(n)), sum)
	})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(jpg)+app11Size(len(store)))
	out = append(out, jpg[:at]...)
	out = appendAPP11(out, store)
	return append(out, jpg[at:]...), nil
}

// app11Chunk is how much JUMBF each APP11 segment carries.
const app11Chunk = 65000

// app11Size is the size of the APP11 segments carrying a store of n bytes.
func app11Size(n int) int {
	segs := (n + app11Chunk - 1) / app11Chunk
	return n + segs*12 + (segs-1)*8
}

func appendAPP11(out, store []byte) []byte {
	for i, z := 0, uint32(1); i < len(store); i, z = i+app11Chunk, z+1 {
		chunk := store[i:min(i+app11Chunk, len(store))]
		le := 2 + 8 + len(chunk)
		if z > 1 {
			le += 8
		}
		out = append(out, 0xff, 0xeb)
		out = binary.BigEndian.AppendUint16(out, uint16(le))
		out = append(out, 'J', 'P', 0x02, 0x11)
		out = binary.BigEndian.AppendUint32(out, z)
		if z > 1 {
			out = append(out, store[:8]...) // LBox and TBox repeat in every segment
		}
		out = append(out, chunk...)
	}
	return out
}

// jpegInsertPoint returns the offset after SOI and the APP0 segments that
// follow it, refusing a JPEG that already carries a manifest store.
func jpegInsertPoint(jpg []byte) (int, error) {
	if Sniff(jpg) != ContainerJPEG {
		return 0, errors.New("not a JPEG")
	}
	at, pos := 2, 2
	for pos+4 <= len(jpg) {
		if jpg[pos] != 0xff {
			return 0, fmt.Errorf("JPEG: no marker at byte %d", pos)
		}
		marker := jpg[pos+1]
		if marker == 0xda || marker == 0xd9 { // SOS, EOI
			break
		}
		n := int(binary.BigEndian.Uint16(jpg[pos+2:]))
		if n < 2 || pos+2+n > len(jpg) {
			return 0, fmt.Errorf("JPEG: segment at byte %d runs past the end", pos)
		}
		if marker == 0xeb && n >= 2+16 && string(jpg[pos+4:pos+6]) == "JP" && string(jpg[pos+4+8+4:pos+4+8+8]) == "jumb" {
			return 0, ErrExists
		}
		pos += 2 + n
		if marker == 0xe0 && at == pos-2-n {
			at = pos
		}
	}
	return at, nil
}

// signRIFF appends a C2PA chunk to a RIFF file (WAV, AVI) and updates the
// RIFF size, binding the rest with a data hash.
func signRIFF(f *os.File, m *Manifest, s *Signer) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var hdr [12]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return err
	}
	riffEnd := int64(binary.LittleEndian.Uint32(hdr[4:])) + 8
	if riffEnd != st.Size() && riffEnd+1 != st.Size() {
		return fmt.Errorf("RIFF: the header says %d bytes but the file has %d; only a single, complete RIFF form can be signed", riffEnd, st.Size())
	}
	if ok, _ := riffHasC2PA(f, riffEnd); ok {
		return ErrExists
	}
	start := riffEnd + riffEnd&1
	if start > st.Size() { // an odd form without its pad byte: add it
		if _, err := f.WriteAt([]byte{0}, riffEnd); err != nil {
			return err
		}
	}
	newSize := func(n int) int64 { return start - 8 + 8 + int64(n) + int64(n&1) }
	label := newManifestLabel()
	placeholder := make([]byte, 32)
	_, n, err := storeFor(m, label, s, LabelDataHash, func(n int) any {
		return dataBinding(uint64(start), uint64(8+n), placeholder)
	})
	if err != nil {
		return err
	}
	if newSize(n) > 0xffffffff {
		return errors.New("RIFF: the file would pass 4 GiB with its manifest")
	}
	h, _ := newHash("sha256")
	var size [4]byte
	binary.LittleEndian.PutUint32(size[:], uint32(newSize(n)))
	h.Write(hdr[:4])
	h.Write(size[:])
	if err := hashSection(h, f, 8, start-8); err != nil {
		return err
	}
	if n&1 == 1 {
		h.Write([]byte{0})
	}
	store, err := buildStore(m, LabelDataHash, dataBinding(uint64(start), uint64(8+n), h.Sum(nil)), s, label)
	if err != nil {
		return err
	}
	if len(store) != n {
		return fmt.Errorf("manifest changed size (%d, then %d bytes)", n, len(store))
	}
	chunk := make([]byte, 0, 8+n+1)
	chunk = append(chunk, "C2PA"...)
	chunk = binary.LittleEndian.AppendUint32(chunk, uint32(n))
	chunk = append(chunk, store...)
	if n&1 == 1 {
		chunk = append(chunk, 0)
	}
	if _, err := f.WriteAt(chunk, start); err != nil {
		return err
	}
	_, err = f.WriteAt(size[:], 4)
	return err
}

// defaultBMFFExclusions are the boxes a BMFF hash leaves out: the manifest
// box itself and boxes that tools rewrite freely (as c2pa-rs does).
func defaultBMFFExclusions() []bmffExclusion {
	return []bmffExclusion{
		{XPath: "/uuid", Data: []bmffData{{Offset: 8, Value: c2paBoxUUID[:]}}},
		{XPath: "/ftyp"}, {XPath: "/mfra"}, {XPath: "/free"}, {XPath: "/skip"},
	}
}

// signSidecar returns a manifest store bound to all of f's bytes.
func signSidecar(f *os.File, m *Manifest, s *Signer) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	h, _ := newHash("sha256")
	if err := hashSection(h, f, 0, st.Size()); err != nil {
		return nil, err
	}
	return buildStore(m, LabelDataHash, dataBinding(0, 0, h.Sum(nil)), s, newManifestLabel())
}

// dataBinding is a c2pa.hash.data assertion leaving out [start, start+n)
// (nothing when n is 0).
func dataBinding(start, n uint64, sum []byte) dataHashAssertion {
	d := dataHashAssertion{Name: "jumbf manifest", Alg: "sha256", Hash: sum, Pad: []byte{}}
	if n > 0 {
		d.Exclusions = []hashRange{{Start: start, Length: n}}
	}
	return d
}

// hashBuffers are the buffers files are hashed through, so that hashing
// many small ranges does not allocate a buffer for each.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}

// hashSection feeds n bytes of r from off into h.
func hashSection(h hash.Hash, r io.ReaderAt, off, n int64) error {
	if n <= 0 {
		return nil
	}
	buf := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(buf)
	got, err := io.CopyBuffer(h, io.NewSectionReader(r, off, n), *buf)
	if err == nil && got != n {
		err = fmt.Errorf("the file ended %d bytes early", n-got)
	}
	return err
}

// MediaType returns the media type for a file name's extension.
func MediaType(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mp4", ".m4v":
		return "video/mp4"
	case ".mov":
		return "video/quicktime"
	case ".avi":
		return "video/x-msvideo"
	case ".wav":
		return "audio/wav"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".pdf":
		return "application/pdf"
	case ".otio":
		return "application/vnd.opentimelineio+json"
	case ".edl":
		return "text/x-edl"
	case ".fcpxml":
		return "application/xml"
	case ".json":
		return "application/json"
	}
	return "application/octet-stream"
}
