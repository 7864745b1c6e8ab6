package app

import (
	"context"
	"encoding/json"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
	"kino/project/sqlite"
)

// TestLineCommandsEditDialogue adds, lists, edits and removes lines of
// dialogue from the command line, with the studio's rules: the speaker
// must be cast and the line must start inside the shot.
func TestLineCommandsEditDialogue(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film)
	mustKino(t, "shot", "add", film, "@ana on the pier", "--duration", "3s")
	img := writePNG(t, filepath.Join(dir, "ana.png"), 64, 96, color.NRGBA{200, 0, 200, 255})
	mustKino(t, "cameo", "add", "--name", "Ana", "--handle", "@ana", "--image", img, "--self")
	mustKino(t, "cameo", "add", "--name", "Bo", "--handle", "@bo", "--image", img)

	if out := mustKino(t, "line", "list", film, "1"); !strings.Contains(out, "no dialogue") {
		t.Errorf("empty list says %q", out)
	}
	// Not cast yet: refused, with the domain's reason.
	_, errs, code := kino(t, "line", "add", film, "1", "@ana", "Look at the light.", "--at", "1s")
	if code != 1 || !strings.Contains(errs, "not cast") {
		t.Fatalf("uncast speaker: exit %d, %q", code, errs)
	}
	mustKino(t, "cast", film, "1", "@ana")
	mustKino(t, "cast", film, "1", "@bo")
	mustKino(t, "line", "add", film, "1", "@Ana", "Look at the light.", "--at", "1s")
	mustKino(t, "line", "add", film, "1", "@bo", "It's late.")
	// Outside the shot: refused.
	if _, errs, code := kino(t, "line", "add", film, "1", "@bo", "Too late.", "--at", "3s"); code != 1 || !strings.Contains(errs, "outside the shot") {
		t.Errorf("start at the shot's end: exit %d, %q", code, errs)
	}
	if _, errs, code := kino(t, "line", "add", film, "1", "@bo", "Soon.", "--at", "soon"); code != 2 || !strings.Contains(errs, "--at") {
		t.Errorf("bad --at: exit %d, %q", code, errs)
	}
	if _, errs, code := kino(t, "line", "add", film, "1", "@bo", "   "); code != 1 || !strings.Contains(errs, "no text") {
		t.Errorf("blank line: exit %d, %q", code, errs)
	}
	out := mustKino(t, "line", "list", film, "1")
	if !strings.Contains(out, "  1  00:00:01:00  @ana") || !strings.Contains(out, "  2  00:00:00:00  @bo") {
		t.Errorf("list:\n%s", out)
	}
	mustKino(t, "line", "edit", film, "1", "2", "--text", "It's getting late.", "--at", "2s", "--speaker", "@ana")
	var lines []struct {
		Number  int    `json:"number"`
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
		Frame   int64  `json:"start_frame"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "line", "list", film, "1", "--json")), &lines); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[1].Speaker != "@ana" || lines[1].Text != "It's getting late." || lines[1].Frame != 48 {
		t.Fatalf("after edit: %+v", lines)
	}
	if _, errs, code := kino(t, "line", "edit", film, "1", "3", "--text", "x"); code != 1 || !strings.Contains(errs, "no line 3") {
		t.Errorf("edit a missing line: exit %d, %q", code, errs)
	}
	if _, _, code := kino(t, "line", "edit", film, "1", "1"); code != 2 {
		t.Errorf("edit with nothing to change: exit %d", code)
	}
	mustKino(t, "line", "rm", film, "1", "1")

	// What the studio reads.
	p, err := sqlite.Open(film, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	shot, err := p.ShotAt(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []project.DialogueLine{{Speaker: "@ana", Text: "It's getting late.", Start: project.Frames(48, shot.Duration.Rate)}}
	if len(shot.Dialogue) != 1 || shot.Dialogue[0] != want[0] {
		t.Fatalf("stored dialogue %+v, want %+v", shot.Dialogue, want)
	}
}
