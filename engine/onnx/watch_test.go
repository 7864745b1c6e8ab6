package onnx

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nextEvents waits for Watch's next report.
func nextEvents(t *testing.T, ch <-chan []PackEvent) []PackEvent {
	t.Helper()
	select {
	case evs := <-ch:
		return evs
	case <-time.After(20 * time.Second):
		t.Fatal("no report from Watch within 20 s")
		return nil
	}
}

func eventsString(evs []PackEvent) string {
	var parts []string
	for _, e := range evs {
		parts = append(parts, string(e.Kind)+" "+e.Name)
	}
	return strings.Join(parts, "; ")
}

func TestWatch(t *testing.T) {
	models := filepath.Join(t.TempDir(), "models")
	// One pack present at the start.
	if err := os.MkdirAll(models, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(copyPack(t, "tiny-sd"), filepath.Join(models, "tiny-sd")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan []PackEvent, 16)
	done := make(chan error, 1)
	go func() { done <- Watch(ctx, []string{models}, 50*time.Millisecond, func(evs []PackEvent) { ch <- evs }) }()

	if got := eventsString(nextEvents(t, ch)); got != "added tiny-sd" {
		t.Fatalf("first report %q, want the pack found at the start", got)
	}

	// A pack being copied: its folder with only some files.
	src := copyPack(t, "tiny-video")
	dst := filepath.Join(models, "tiny-video")
	if err := os.MkdirAll(filepath.Join(dst, "text_encoder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(filepath.Join(src, FileTextEncoder), filepath.Join(dst, FileTextEncoder)); err != nil {
		t.Fatal(err)
	}
	evs := nextEvents(t, ch)
	if len(evs) != 1 || evs[0].Kind != PackIncomplete || evs[0].Name != "tiny-video" || !strings.Contains(evs[0].Err.Error(), "missing") {
		t.Fatalf("half-copied pack: %v", evs)
	}

	// The copy finishes.
	if err := os.RemoveAll(dst); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(src, dst); err != nil {
		t.Fatal(err)
	}
	evs = nextEvents(t, ch)
	if got := eventsString(evs); got != "added tiny-video" || evs[0].Pack == nil || evs[0].Pack.Name != "tiny-video" {
		t.Fatalf("finished copy: %q", got)
	}

	// Weights cut short inside a part folder.
	if err := os.Truncate(filepath.Join(models, "tiny-sd", "unet", "model.onnx_data"), 10); err != nil {
		t.Fatal(err)
	}
	evs = nextEvents(t, ch)
	if len(evs) != 1 || evs[0].Kind != PackIncomplete || evs[0].Name != "tiny-sd" || !strings.Contains(evs[0].Err.Error(), "model.onnx_data has 10 bytes") {
		t.Fatalf("truncated weights: %v", evs)
	}

	// A pack removed (moved out of the models folder at once, as a file
	// manager's "move to trash" does; a slow recursive delete is seen as
	// an incomplete pack first).
	if err := os.Rename(filepath.Join(models, "tiny-video"), filepath.Join(t.TempDir(), "trash")); err != nil {
		t.Fatal(err)
	}
	if got := eventsString(nextEvents(t, ch)); got != "removed tiny-video" {
		t.Fatalf("removed pack: %q", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Watch returned %v", err)
	}
}

func TestDiffScanChanged(t *testing.T) {
	models := filepath.Dir(copyPack(t, "tiny-sd"))
	state := map[string]packState{}
	if got := eventsString(diffScan(state, []string{models})); got != "added tiny-sd" {
		t.Fatalf("first scan %q", got)
	}
	if got := eventsString(diffScan(state, []string{models})); got != "" {
		t.Fatalf("a rescan with no change reported %q", got)
	}
	// Replace the decoder with a newer file of another size.
	path := filepath.Join(models, "tiny-sd", FileVAEDecoder)
	if err := copyFile(filepath.Join(packDir("tiny-video"), FileVAEDecoder), path); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(path, later, later)
	if got := eventsString(diffScan(state, []string{models})); got != "changed tiny-sd" {
		t.Fatalf("after replacing a model: %q", got)
	}
	// Garbage where a model was: rejected, not incomplete.
	os.WriteFile(path, []byte("<html>404 not found</html>"), 0o644)
	evs := diffScan(state, []string{models})
	if len(evs) != 1 || evs[0].Kind != PackRejected {
		t.Fatalf("a garbage model: %v", evs)
	}
}

func TestInHidden(t *testing.T) {
	dirs := []string{"/m"}
	for path, want := range map[string]bool{
		"/m/.kino-add-x/unet/model.onnx_data.part": true,
		"/m/.kino-add-x/a":                         true,
		"/m/.kino-add-x":                           false, // its rename into place is an event that matters
		"/m/pack/unet/model.onnx":                  false,
		"/elsewhere/.x/y":                          false,
	} {
		if got := inHidden(dirs, path); got != want {
			t.Errorf("inHidden(%s) = %v", path, got)
		}
	}
}
