package previz

import (
	"bufio"
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

// TestCorpusRenders generates every line of the screenplay corpus (see
// engine/scene/testdata/corpus) and renders its first and last frames
// small: whatever a screenwriter writes, the engine draws something, with
// picture in it, and never fails.
func TestCorpusRenders(t *testing.T) {
	var lines []string
	for _, part := range []string{"dev", "heldout"} {
		f, err := os.Open(filepath.Join("..", "scene", "testdata", "corpus", part+".tsv"))
		if err != nil {
			t.Fatalf("opening the corpus: %v", err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if cols := strings.Split(sc.Text(), "\t"); len(cols) == 4 {
				lines = append(lines, cols[3])
			}
		}
		f.Close()
	}
	if len(lines) < 500 {
		t.Fatalf("read %d corpus lines; want at least 500", len(lines))
	}
	dst := image.NewRGBA(image.Rect(0, 0, 96, 54))
	for i, l := range lines {
		req := engine.DefaultRequest()
		req.Prompt = l
		req.Width, req.Height, req.Seed = 96, 54, uint64(i)
		req.Duration = project.Frames(12, project.DefaultRate)
		c, err := New().Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		for _, fr := range []int{0, 11} {
			if err := c.RenderFrame(fr, dst); err != nil {
				t.Fatalf("%q frame %d: %v", l, fr, err)
			}
			lo, hi := 255.0, 0.0
			for y := 0; y < 54; y += 2 {
				for x := 0; x < 96; x += 2 {
					v := lumaAt(dst, x, y)
					lo, hi = min(lo, v), max(hi, v)
				}
			}
			if hi-lo < 8 {
				t.Errorf("%q frame %d is flat (luma %.0f..%.0f)", l, fr, lo, hi)
			}
		}
	}
}
