package c2pa

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kino/engine/c2pa/c2patest"
)

func TestFilesWithoutCredentialsGetAClearAnswer(t *testing.T) {
	for name, data := range map[string][]byte{
		"plain.png":  testPNG(t),
		"plain.jpg":  testJPEG(t),
		"plain.wav":  testWAV(100),
		"plain.mp4":  testMP4(),
		"notes.txt":  []byte("just words"),
		"empty.bin":  nil,
		"random.bin": bytes.Repeat([]byte{0x89, 0x50, 0x4e, 0x47, 0xff}, 99),
	} {
		p := writeTemp(t, name, data)
		r := mustVerify(t, p, Options{})
		if r.Found || r.Valid() || !strings.HasPrefix(r.Problem, "no Content Credentials") || r.Verdict() != "no Content Credentials" {
			t.Errorf("%s: found %v valid %v problem %q", name, r.Found, r.Valid(), r.Problem)
		}
	}
	if _, err := Verify(t.TempDir(), Options{}); err == nil {
		t.Error("a folder was verified")
	}
	if _, err := Verify(filepath.Join(t.TempDir(), "missing.mp4"), Options{}); err == nil {
		t.Error("a missing file was verified")
	}
}

func TestTruncatedCredentialsAreReportedNotCrashedOn(t *testing.T) {
	cut := func(t *testing.T, p string, keep func(size int64) int64) {
		st, _ := os.Stat(p)
		if err := os.Truncate(p, keep(st.Size())); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		data []byte
		// keep is how much of the signed file is left.
		keep func(t *testing.T, p string, size int64) int64
	}{
		{"frame.png", testPNG(t), func(t *testing.T, p string, size int64) int64 { return 33 + 8 + 500 }},
		{"frame.jpg", testJPEG(t), func(t *testing.T, p string, size int64) int64 { return 2 + 4 + 600 }},
		{"mix.wav", testWAV(2000), func(t *testing.T, p string, size int64) int64 { return size - 300 }},
		{"film.mp4", testMP4(), func(t *testing.T, p string, size int64) int64 { return size - 300 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := signed(t, c.name, c.data, testManifest())
			cut(t, p, func(size int64) int64 { return c.keep(t, p, size) })
			r := mustVerify(t, p, Options{})
			if r.Valid() || !r.Found || !strings.Contains(r.Problem, "truncated") {
				t.Errorf("found %v valid %v problem %q", r.Found, r.Valid(), r.Problem)
			}
		})
	}
	t.Run("sidecar", func(t *testing.T) {
		p := signed(t, "film.edl", []byte("TITLE: Am Strand\n"), testManifest())
		cut(t, SidecarPath(p), func(size int64) int64 { return size / 2 })
		r := mustVerify(t, p, Options{})
		if r.Valid() || !r.Found || !strings.Contains(r.Problem, "damaged") {
			t.Errorf("found %v valid %v problem %q", r.Found, r.Valid(), r.Problem)
		}
	})
}

func TestDamagedJUMBFIsMalformed(t *testing.T) {
	p := signed(t, "frame.png", testPNG(t), testManifest())
	b, _ := os.ReadFile(p)
	// The assertion store's box length, made longer than its parent.
	i := bytes.Index(b, []byte("c2pa.assertions")) - 17 - 8 - 8
	if string(b[i+4:i+8]) != "jumb" {
		t.Fatalf("test setup: no box at %d", i)
	}
	binary.BigEndian.PutUint32(b[i:], 1<<30)
	os.WriteFile(p, b, 0o644)
	r := mustVerify(t, p, Options{})
	if r.Valid() || !r.HasCode("manifest.malformed") || !strings.Contains(r.Problem, "damaged") {
		t.Errorf("valid %v status %+v problem %q", r.Valid(), r.Status, r.Problem)
	}
}

func TestUnknownAssertionIsListedAndKeptApart(t *testing.T) {
	m := testManifest()
	m.Assertions = append(m.Assertions, Assertion{Label: "com.example.weather", Data: map[string]any{"sky": "blue", "wind_kmh": 12}})
	p := signed(t, "frame.png", testPNG(t), m)
	r := mustVerify(t, p, Options{})
	if !r.Valid() {
		t.Fatalf("a manifest with an unknown assertion does not verify: %s", r.Problem)
	}
	var found *AssertionInfo
	for i := range r.Manifest.Assertions {
		if r.Manifest.Assertions[i].Label == "com.example.weather" {
			found = &r.Manifest.Assertions[i]
		}
	}
	if found == nil || found.Known || !found.HashOK || found.Data.(map[string]any)["sky"] != "blue" {
		t.Fatalf("unknown assertion reported as %+v", found)
	}
	var b bytes.Buffer
	r.WriteText(&b)
	if !strings.Contains(b.String(), "com.example.weather: not interpreted by Kino (its hash matches)") {
		t.Errorf("the text report does not say so:\n%s", b.String())
	}
	if res := c2patest.Read(t, nil, c2patest.Asset{Path: p}); !res[0].ValidButUntrusted() {
		t.Errorf("c2pa-rs: %s %v %s", res[0].State, res[0].Failures, res[0].Error)
	}
}

func TestLargeManifestSpansJPEGSegments(t *testing.T) {
	m := testManifest()
	film := m.Assertions[0].Data.(Film)
	for i := range 400 {
		film.Shots = append(film.Shots, Shot{Number: i + 2, Prompt: strings.Repeat("a long prompt about the sea ", 10), Backend: "previz", DigitalSourceType: SourceAlgorithmic})
	}
	m.Assertions[0].Data = film
	p := signed(t, "frame.jpg", testJPEG(t), m)
	b, _ := os.ReadFile(p)
	if n := bytes.Count(b, []byte{0xff, 0xeb}); n < 2 {
		t.Fatalf("the manifest fits one APP11 segment (%d); make it larger", n)
	}
	r := mustVerify(t, p, Options{})
	if !r.Valid() || len(r.Manifest.Film.Shots) != 401 {
		t.Fatalf("valid %v: %s", r.Valid(), r.Problem)
	}
	if res := c2patest.Read(t, nil, c2patest.Asset{Path: p}); !res[0].ValidButUntrusted() {
		t.Errorf("c2pa-rs: %s %v %s", res[0].State, res[0].Failures, res[0].Error)
	}
}

func TestSigningTwiceIsRefused(t *testing.T) {
	for _, c := range containers[:5] {
		p := signed(t, c.name, c.data(t), testManifest())
		if _, err := Sign(p, testManifest(), testIdentity(t).Signer); err == nil || !strings.Contains(err.Error(), ErrExists.Error()) {
			t.Errorf("%s: signing again gave %v", c.name, err)
		}
	}
}

// sparseWAV writes a WAV of about size bytes whose sound is a hole in
// the file.
func sparseWAV(t *testing.T, size int64) string {
	p := filepath.Join(t.TempDir(), "big.wav")
	head := testWAV(0)
	n := size - int64(len(head))
	binary.LittleEndian.PutUint32(head[4:], uint32(len(head)-8)+uint32(n))
	binary.LittleEndian.PutUint32(head[len(head)-4:], uint32(n))
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(head); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	// Some sound in the middle of the hole.
	if _, err := f.WriteAt([]byte("sound!"), size/2); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTwoGigabyteFileIsHashedInBoundedMemory(t *testing.T) {
	const size = 2 << 30
	p := sparseWAV(t, size)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Sign(p, testManifest(), testIdentity(t).Signer); err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, p, Options{})
	runtime.ReadMemStats(&after)
	if !r.Valid() {
		t.Fatalf("the 2 GB file does not verify: %s", r.Problem)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("signing and verifying a 2 GB file allocated %d MB; hashing should stream", alloc>>20)
	}
}
