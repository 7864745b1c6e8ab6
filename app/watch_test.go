package app

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kino/project"
)

// testWAV returns a short 16-bit mono 48 kHz WAV file of a rising tone.
func testWAV(samples int) []byte {
	var data bytes.Buffer
	for i := 0; i < samples; i++ {
		binary.Write(&data, binary.LittleEndian, int16((i%100)*300-15000))
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+data.Len()))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(48000), uint32(96000), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(data.Len()))
	b.Write(data.Bytes())
	return b.Bytes()
}

func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(3, 3, color.NRGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestStudioInboxImportsImagesAndSound(t *testing.T) {
	h := newStudioHarness(t, "a lighthouse at dusk")
	inbox := filepath.Join(h.path, "inbox")
	if st, err := os.Stat(inbox); err != nil || !st.IsDir() {
		t.Fatalf("opening the project did not create its inbox folder: %v", err)
	}
	pic := testPNG(t)
	if err := os.WriteFile(filepath.Join(inbox, "face.png"), pic, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "theme.wav"), testWAV(4800), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "notes.txt"), []byte("not media"), 0o644); err != nil {
		t.Fatal(err)
	}
	clips := func() []*project.AudioClip {
		c, err := h.sess.Project.AudioClips(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	h.settle("importing the inbox", func() bool { return len(h.s.InboxImages()) == 1 && len(clips()) == 1 })

	img := h.s.InboxImages()[0]
	if img.Name != "face.png" || img.Asset.MediaType != "image/png" {
		t.Fatalf("inbox image %+v", img)
	}
	if b, err := os.ReadFile(img.Path); err != nil || !bytes.Equal(b, pic) {
		t.Fatalf("the imported image %s is not the dropped file (%v)", img.Path, err)
	}
	rc, err := h.sess.Project.OpenBlob(img.Asset.SHA256)
	if err != nil {
		t.Fatalf("the image is not a project asset: %v", err)
	}
	rc.Close()
	c := clips()[0]
	if c.Lane != project.LaneMusic || c.Name != "theme" || c.Asset.MediaType != "audio/wav" || c.Start.Frames != 0 {
		t.Fatalf("audio clip %+v, want theme on the music lane at 0", c)
	}
	for _, name := range []string{"face.png", "theme.wav"} {
		if _, err := os.Stat(filepath.Join(inbox, name)); !os.IsNotExist(err) {
			t.Fatalf("%s is still in the inbox (%v), so it would be imported again", name, err)
		}
		if _, err := os.Stat(filepath.Join(inbox, "imported", name)); err != nil {
			t.Fatalf("%s was not moved to inbox/imported: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(inbox, "notes.txt")); err != nil {
		t.Fatalf("a file that is not media was moved or removed: %v", err)
	}
	// The file left there is reported once, not again on every event that
	// does not change it; changed, it is looked at (and reported) again.
	notes := filepath.Join(inbox, "notes.txt")
	w := h.sess.watch
	var reportsMu sync.Mutex
	var reports []error
	count := func() int { reportsMu.Lock(); defer reportsMu.Unlock(); return len(reports) }
	w.mu.Lock()
	w.onError = func(err error) { reportsMu.Lock(); reports = append(reports, err); reportsMu.Unlock() }
	w.mu.Unlock()
	look := func() {
		st, err := os.Stat(notes)
		if err != nil {
			t.Fatal(err)
		}
		w.mu.Lock()
		w.pending[notes] = &pendingFile{size: st.Size()}
		w.mu.Unlock()
		w.checkFile(notes)
	}
	look()
	look()
	if n := count(); n != 0 {
		t.Fatalf("an unchanged file left in the inbox was reported again (%d times)", n)
	}
	if err := os.WriteFile(notes, []byte("still not media, but longer"), 0o644); err != nil {
		t.Fatal(err)
	}
	look()
	if n := count(); n != 1 {
		t.Fatalf("a changed file was reported %d times, want once", n)
	}
	// The import is an ordinary edit: Undo takes the clip away again.
	h.s.Undo()
	h.settle("undoing the import", func() bool { return len(clips()) == 0 })
}

func TestStudioLibraryFolderChangesRefreshCameoPanel(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	h := newStudioHarnessWith(t, studioOptions{NoAudio: true, LibraryDir: LibraryDir()}, "a quiet street")
	face := filepath.Join(t.TempDir(), "june.png")
	if err := os.WriteFile(face, testPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"cameo", "add", "--name", "June Park", "--handle", "@june", "--image", face}, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	if code != exitOK {
		t.Fatalf("kino cameo add: exit %d: %s", code, errb.String())
	}
	listed := func(handle string) bool {
		for _, r := range h.s.Cameos().Rows() {
			if r.Cameo.Handle == handle {
				return true
			}
		}
		return false
	}
	h.settle("seeing the new cameo", func() bool { return listed("@june") })
}

func TestStudioReloadsWhenAnotherProcessEditsProject(t *testing.T) {
	h := newStudioHarness(t, "a red kite")
	// This window's own edit does not make it reload from disk.
	h.s.AddShot()
	h.settle("adding a shot", func() bool { return len(h.s.Timeline().Cards()) == 2 })

	db, err := sql.Open("sqlite3", "file:"+filepath.Join(h.path, "project.db")+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id := h.shots()[0].ID
	if _, err := db.Exec("UPDATE shots SET prompt = ? WHERE id = ?", "a blue kite over the sea", id); err != nil {
		t.Fatalf("editing from a second connection: %v", err)
	}
	h.settle("reloading after the outside edit", func() bool {
		c := h.s.Timeline().Cards()
		return len(c) == 2 && c[0].Prompt == "a blue kite over the sea"
	})
	if st := h.s.Status(); !strings.Contains(st, "changed by another program") {
		t.Fatalf("status %q, want a notice that the project was reloaded", st)
	}
}
