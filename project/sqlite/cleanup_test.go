package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/project"
)

func TestOpenCleansUpAfterAKilledKino(t *testing.T) {
	p := MustOpenDB(t)
	path := p.Path()
	shot := struct{ ID int64 }{mustAddShot(t, p, "a lighthouse at dusk")}
	blob, err := p.PutBlob(bg, strings.NewReader("finished video"), "video/x-motion-jpeg")
	if err != nil {
		t.Fatal(err)
	}
	done := &project.Take{ShotID: shot.ID, Backend: "previz", Status: project.TakeDone,
		Media: []project.MediaRef{{Role: project.MediaVideo, Asset: blob}}}
	running := &project.Take{ShotID: shot.ID, Backend: "previz", Status: project.TakeRunning}
	running2 := &project.Take{ShotID: shot.ID, Backend: "previz", ParamsHash: "p2", Status: project.TakeRunning}
	for _, tk := range []*project.Take{done, running, running2} {
		if err := p.CreateTake(bg, tk); err != nil {
			t.Fatal(err)
		}
	}
	p.Close()
	// Half-written blobs as a killed writer leaves them.
	media := filepath.Join(path, "media")
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{".incoming-1", ".incoming-22"} {
		os.WriteFile(filepath.Join(media, n), []byte("half a video"), 0o644)
		os.Chtimes(filepath.Join(media, n), old, old)
	}

	// A read-only view changes nothing.
	v, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Recovered().Empty() {
		t.Fatalf("a read-only view cleaned up: %v", v.Recovered())
	}
	v.Close()
	if _, err := os.Stat(filepath.Join(media, ".incoming-1")); err != nil {
		t.Fatal("a read-only view removed a file")
	}

	q, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	r := q.Recovered()
	if r.TempFiles != 2 || r.TempBytes != 24 || len(r.Interrupted) != 2 {
		t.Fatalf("recovery = %+v, want 2 temp files of 24 bytes and 2 interrupted takes", r)
	}
	if !strings.Contains(r.String(), "marked 2 take(s) failed") {
		t.Errorf("recovery says %q", r)
	}
	if left, _ := filepath.Glob(filepath.Join(media, ".incoming-*")); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
	takes, _ := q.Takes(bg, shot.ID)
	for _, tk := range takes {
		switch tk.ID {
		case done.ID:
			if tk.Status != project.TakeDone {
				t.Errorf("the finished take became %s", tk.Status)
			}
		default:
			if tk.Status != project.TakeFailed || !strings.HasPrefix(tk.Error, "interrupted") {
				t.Errorf("take %d: %s %q, want failed (interrupted)", tk.ID, tk.Status, tk.Error)
			}
		}
	}
	// The finished take's blob is untouched.
	if d, err := q.Check(bg); err != nil || len(d) != 0 {
		t.Fatalf("check after clean-up: %v %v", d, err)
	}
}

func TestKilledCreateDoesNotBlockTheName(t *testing.T) {
	dir := t.TempDir()
	// What a Kino killed half-way through creating Film.kino leaves: its
	// hidden building folder, lock released by the kernel.
	half := filepath.Join(dir, creatingPrefix("Film.kino")+"123")
	os.MkdirAll(filepath.Join(half, "media"), 0o755)
	os.WriteFile(filepath.Join(half, lockName), nil, 0o644)
	os.WriteFile(filepath.Join(half, dbName), []byte("SQLite format 3\x00"), 0o644)
	p, err := Create(filepath.Join(dir, "Film"), "")
	if err != nil {
		t.Fatalf("create after a killed create: %v", err)
	}
	defer p.Close()
	if _, err := os.Stat(half); err == nil {
		t.Error("the killed create's folder was left behind")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "Film.kino" {
		t.Errorf("folder holds %v, want only Film.kino", entries)
	}
	// A create under way (its lock held) is left alone.
	busy := filepath.Join(dir, creatingPrefix("Other.kino")+"9")
	os.MkdirAll(busy, 0o755)
	lock, err := acquireLock(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.release()
	q, err := Create(filepath.Join(dir, "Other"), "")
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
	if _, err := os.Stat(busy); err != nil {
		t.Error("a create under way lost its folder")
	}
}

// BenchmarkOpenCleanup times the clean-up every open for editing does, on
// the 1,000-shot, 5,000-take project with nothing to clean (its media
// folder holds the 256 sub-folders a real one of that size has).
func BenchmarkOpenCleanup(b *testing.B) {
	path := benchProject(b)
	for i := range 256 {
		os.Mkdir(filepath.Join(path, "media", fmt.Sprintf("%02x", i)), 0o755)
	}
	p, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r, err := recoverAfterCrash(bg, p.db, p.media, time.Now())
		if err != nil || !r.Empty() {
			b.Fatal(r, err)
		}
	}
}

func TestLibraryRemovesOldHalfWrittenImages(t *testing.T) {
	dir := t.TempDir()
	l := mustOpenLibrary(t, dir)
	l.Close()
	media := filepath.Join(dir, "media")
	old, fresh := filepath.Join(media, ".incoming-old"), filepath.Join(media, ".incoming-fresh")
	os.WriteFile(old, []byte("half an image"), 0o644)
	os.WriteFile(fresh, []byte("an image being written"), 0o644)
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, long, long)
	l = mustOpenLibrary(t, dir)
	defer l.Close()
	if _, err := os.Stat(old); err == nil {
		t.Error("a half-written image two hours old was left")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("an image another Kino may be writing was removed")
	}
}
