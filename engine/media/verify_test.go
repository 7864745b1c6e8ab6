package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/audio"
	"kino/project"
)

// asBlob renames the file at path to the hex SHA-256 of its content in
// the same folder, as the project media store names files.
func asBlob(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	dst := filepath.Join(filepath.Dir(path), hex.EncodeToString(sum[:]))
	if err := os.Rename(path, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// flip changes 4 bytes of the file at path, at offset off.
func flip(t testing.TB, path string, off int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 4)
	f.ReadAt(b, off)
	for i := range b {
		b[i] ^= 0x5A
	}
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func TestStoredClipRefusesMediaThatNoLongerMatchItsHash(t *testing.T) {
	const w, h, n = 160, 90, 12
	sound := testPCM(2, n*audio.SampleRate/24)
	dir := t.TempDir()
	video, audio := storeTake(t, dir, w, h, n, sound)
	video, audio = asBlob(t, video), asBlob(t, audio)
	c, err := OpenStoredClip(video, audio, clipInfo(w, h, n))
	if err != nil {
		t.Fatalf("intact blobs: %v", err)
	}
	if _, err := c.Frame(n - 1); err != nil {
		t.Fatalf("reading a frame after the checked index: %v", err)
	}
	c.Close()

	st, _ := os.Stat(video)
	flip(t, video, st.Size()/2) // inside some frame's entropy-coded data
	_, err = OpenStoredClip(video, audio, clipInfo(w, h, n))
	if project.ErrorCode(err) != project.ECORRUPT || !strings.Contains(err.Error(), "video file "+video+" does not match its hash") {
		t.Fatalf("a changed video: %v", err)
	}
	// The player opens it anyway and shows what it can.
	if c, err := OpenStoredClipWith(video, audio, clipInfo(w, h, n), StoredOptions{Unverified: true}); err != nil {
		t.Fatalf("unverified open of a changed video: %v", err)
	} else {
		c.Close()
	}
	flip(t, video, st.Size()/2) // back as it was

	flip(t, audio, 100) // inside the samples: the header still reads
	_, err = OpenStoredClip(video, audio, clipInfo(w, h, n))
	if project.ErrorCode(err) != project.ECORRUPT || !strings.Contains(err.Error(), "sound file "+audio+" does not match its hash") {
		t.Fatalf("a changed sound file: %v", err)
	}
	if err := VerifyFile(audio, "music clip"); err == nil || !strings.Contains(err.Error(), "music clip") {
		t.Fatalf("VerifyFile of a changed file: %v", err)
	}
	flip(t, audio, 100)
	if err := VerifyFile(audio, "sound file"); err != nil {
		t.Fatal(err)
	}
	// Files not named by a hash are not checked (they never were stored).
	plain := filepath.Join(dir, "take.wav")
	os.WriteFile(plain, []byte("anything"), 0o644)
	if err := VerifyFile(plain, "sound file"); err != nil {
		t.Fatal(err)
	}
}

// TestHashingReaderAtHashesEveryByteOnce reads a file through the hashing
// reader in forward jumps and overlapping windows, as the MJPEG scanner
// does, and checks the hash equals the file's.
func TestHashingReaderAtHashesEveryByteOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		data := make([]byte, rng.IntN(5000))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		want := sha256.Sum256(data)
		hr := newHashingReaderAt(bytes.NewReader(data), int64(len(data)))
		pos := int64(0)
		for pos < int64(len(data)) && rng.IntN(8) != 0 {
			pos += int64(rng.IntN(600)) - 100 // forward jumps, some back
			pos = max(0, pos)
			buf := make([]byte, rng.IntN(700))
			hr.ReadAt(buf, pos)
		}
		got, err := hr.sum()
		if err != nil || got != hex.EncodeToString(want[:]) {
			t.Fatalf("round %d: sum %s, %v; want %x", round, got, err, want)
		}
	}
	// A file shorter than its stated size cannot be hashed whole.
	hr := newHashingReaderAt(bytes.NewReader([]byte("short")), 10)
	if _, err := hr.sum(); err != io.ErrUnexpectedEOF {
		t.Fatalf("short file: %v", err)
	}
}

// BenchmarkOpenStoredClip60s720p opens a 60-second 720p take (1,440
// MJPEG frames and its sound), with and without the hash check, to
// measure what the check adds to an export.
func BenchmarkOpenStoredClip60s720p(b *testing.B) {
	const w, h, n = 1280, 720, 1440
	dir := b.TempDir()
	frames := make([][]byte, 4)
	for i := range frames {
		var buf bytes.Buffer
		mw := NewMJPEGWriter(&buf, 85)
		mw.WriteFrame(testFrame(w, h, i))
		mw.Close()
		frames[i] = buf.Bytes()
	}
	f, err := os.Create(filepath.Join(dir, "video"))
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		f.Write(frames[i%len(frames)])
	}
	f.Close()
	video := asBlob(b, filepath.Join(dir, "video"))
	var wav bytes.Buffer
	WriteWAV(&wav, testPCM(2, 60*audio.SampleRate), WAVOptions{})
	os.WriteFile(filepath.Join(dir, "audio"), wav.Bytes(), 0o644)
	audio := asBlob(b, filepath.Join(dir, "audio"))
	st, _ := os.Stat(video)
	for _, mode := range []struct {
		name string
		opts StoredOptions
	}{{"unverified", StoredOptions{Unverified: true}}, {"verified", StoredOptions{}}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(st.Size() + int64(wav.Len()))
			for range b.N {
				c, err := OpenStoredClipWith(video, audio, clipInfo(w, h, n), mode.opts)
				if err != nil {
					b.Fatal(err)
				}
				c.Close()
			}
		})
	}
}

// TestHostileHeadersAreBounded checks the readers against headers that
// claim far more than their files hold.
func TestHostileHeadersAreBounded(t *testing.T) {
	// A WAV of a few bytes whose data chunk claims 4 GB.
	w := rawWAV(1, 8, 1, 8000, []byte{1, 2, 3})
	binary.LittleEndian.PutUint32(w[40:], 0xFFFFFFF0)
	pcm, _, err := ReadWAV(bytes.NewReader(w))
	if err == nil || len(pcm.Samples) != 3 || cap(pcm.Samples) > 4<<20 {
		t.Fatalf("WAV claiming 4 GB: %d samples (capacity %d), %v", len(pcm.Samples), cap(pcm.Samples), err)
	}
	// An MJPEG frame whose header claims 65535x65535 pixels (about 6 GB
	// decoded) is refused before decoding.
	huge := []byte("\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01" +
		"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00\x00\xff\xd9")
	rd, damage := OpenMJPEG(bytes.NewReader(huge), int64(len(huge)))
	if damage != nil || rd.Len() != 1 {
		t.Fatalf("index: %d frames, %v", rd.Len(), damage)
	}
	if _, err := rd.Frame(0); err == nil || !strings.Contains(err.Error(), "65535x65535") {
		t.Fatalf("a frame claiming 65535x65535: %v", err)
	}
}
