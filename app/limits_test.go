package app

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bombPNG returns a tiny PNG file whose header claims w×h pixels: a
// decompression bomb for a reader that trusts it.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// hostileFiles makes the files every reader of user-named files must
// refuse quickly, without reading them whole: devices, a FIFO with no
// writer, a folder, a 2 GB sparse file and a decompression bomb.
func hostileFiles(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sparse := filepath.Join(dir, "sparse.png")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(bombPNG(64, 64))
	if err := f.Truncate(2 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bomb := filepath.Join(dir, "bomb.png")
	os.WriteFile(bomb, bombPNG(100000, 100000), 0o644)
	return map[string]string{
		"/dev/zero": "not a regular file", "/dev/urandom": "not a regular file",
		fifo: "named pipe", dir: "folder", sparse: "larger than 256 MB", bomb: "100000x100000 pixels",
	}
}

// within fails the test when fn has not returned after a minute: the
// readers must never block on a FIFO or read a device forever.
func within(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s did not return (blocked or reading without end)", what)
	}
}

func TestCameoAddRefusesHostileImages(t *testing.T) {
	isolate(t)
	for path, want := range hostileFiles(t) {
		within(t, "kino cameo add --image "+path, func() {
			_, errs, code := kino(t, "cameo", "add", "--name", "Ana", "--handle", "@ana", "--image", path)
			if code != 1 || !strings.Contains(errs, want) {
				t.Errorf("cameo add --image %s: exit %d, %q; want %q", path, code, errs, want)
			}
		})
	}
	if out := mustKino(t, "cameo", "list"); !strings.Contains(out, "No cameos") {
		t.Fatalf("a refused image left a cameo: %q", out)
	}
}

func TestInboxRefusesHostileFiles(t *testing.T) {
	cases := hostileFiles(t)
	dir := t.TempDir()
	// A WAV bigger than the limit for sound, and a small one whose header
	// claims hours of samples.
	bigWAV := filepath.Join(dir, "big.wav")
	os.WriteFile(bigWAV, testWAV(48), 0o644)
	os.Truncate(bigWAV, 300<<20)
	cases[bigWAV] = "larger than 256 MB"
	longWAV := filepath.Join(dir, "long.wav")
	w := testWAV(48)
	binary.LittleEndian.PutUint32(w[40:], 0xFFFFFFF0) // data chunk: 4 GB claimed
	os.WriteFile(longWAV, w, 0o644)
	cases[longWAV] = "longer than 60 minutes"
	fastWAV := filepath.Join(dir, "fast.wav")
	w = testWAV(48)
	binary.LittleEndian.PutUint32(w[24:], 5_000_000) // 5 MHz
	os.WriteFile(fastWAV, w, 0o644)
	cases[fastWAV] = "sample rate is 5000000 Hz"
	for path, want := range cases {
		within(t, "importing "+path, func() {
			f, _, _, err := openImport(path)
			if err == nil {
				f.Close()
				t.Errorf("inbox import of %s was accepted", path)
				return
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "left there") {
				t.Errorf("inbox import of %s: %v; want %q", path, err, want)
			}
		})
	}
	ok := filepath.Join(dir, "ok.wav")
	os.WriteFile(ok, testWAV(4800), 0o644)
	f, size, mt, err := openImport(ok)
	if err != nil || mt != "audio/wav" || size != int64(len(testWAV(4800))) {
		t.Fatalf("a good WAV: %q %d %v", mt, size, err)
	}
	f.Close()
}

// TestFIFOsInAProjectNeverHang replaces a project's files with FIFOs that
// no one writes (a project can come from anywhere): every command fails
// with a message instead of waiting forever.
func TestFIFOsInAProjectNeverHang(t *testing.T) {
	film := smallFilm(t)
	var takes []struct {
		Files map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes); err != nil {
		t.Fatal(err)
	}
	video := takes[0].Files["video"]
	os.Remove(video)
	if err := syscall.Mkfifo(video, 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, args := range [][]string{
		{"doctor", film},
		{"frame", film, "1", "--out", filepath.Join(out, "f.png")},
		{"export", film, "--out", filepath.Join(out, "cut.wav")},
	} {
		within(t, "kino "+strings.Join(args, " "), func() {
			o, errs, code := kino(t, args...)
			if code != 1 || !strings.Contains(o+errs, "not a regular file") {
				t.Errorf("kino %s with a FIFO for a take's video: exit %d, %q %q", strings.Join(args, " "), code, o, errs)
			}
		})
	}
	lock := filepath.Join(film, "kino.lock")
	os.Remove(lock)
	syscall.Mkfifo(lock, 0o644)
	within(t, "shot add with a FIFO for kino.lock", func() {
		if _, errs, code := kino(t, "shot", "add", film, "x"); code != 1 || !strings.Contains(errs, "not a regular file") {
			t.Errorf("shot add: exit %d, %q", code, errs)
		}
	})
	db := filepath.Join(film, "project.db")
	os.Rename(db, db+".saved")
	syscall.Mkfifo(db, 0o644)
	within(t, "shot list with a FIFO for project.db", func() {
		if _, errs, code := kino(t, "shot", "list", film); code != 1 || !strings.Contains(errs, "not a regular file") {
			t.Errorf("shot list: exit %d, %q", code, errs)
		}
	})
}
