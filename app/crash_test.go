package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kino/project"
	"kino/project/sqlite"
)

// crashOp is one kino command the crash test runs and may kill.
type crashOp struct {
	args []string
	edit []string // for an edit: "add TOKEN", "edit N TOKEN" or "move A B"
	kind string   // "edit", "generate" or "export"
}

// applyPrompts returns prompts after the edit e.
func applyPrompts(prompts []string, e []string) []string {
	out := slices.Clone(prompts)
	switch e[0] {
	case "add":
		out = append(out, e[1])
	case "edit":
		n, _ := strconv.Atoi(e[1])
		out[n-1] = e[2]
	case "move":
		a, _ := strconv.Atoi(e[1])
		b, _ := strconv.Atoi(e[2])
		p := out[a-1]
		out = slices.Insert(slices.Delete(out, a-1, a), b-1, p)
	}
	return out
}

// TestCrashAndFault runs the kino program on a real project and kills it
// with SIGKILL at random moments while it generates, exports and edits.
// After every kill the next open for editing leaves no half-written media
// and no take marked running; the database passes integrity_check and
// every media file its rows name is intact; every edit a command
// acknowledged (exit 0) is there, and only the killed one may be missing;
// the next export into the same folder leaves no temporary files; and at
// the end kino doctor --fix clears the orphan media killed generations
// left, after which doctor reports the project ok.
func TestCrashAndFault(t *testing.T) {
	bin := kinoBinary(t)
	data := isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	outDir := filepath.Join(dir, "out")
	os.Mkdir(outDir, 0o755)
	mustKino(t, "new", film, "--size", "320x180")
	prompts := []string{}
	for i, p := range []string{"fireworks over the harbour", "a city street at night in the rain", "a beach at sunset"} {
		mustKino(t, "shot", "add", film, p, "--duration", "8s", "--seed", strconv.Itoa(i+1))
		prompts = append(prompts, p)
	}
	mustKino(t, "generate", film, "1")

	rng := rand.New(rand.NewPCG(17, 17))
	// Rounds go on until 15 commands were killed mid-way (how many finish
	// first depends on the machine's speed), at most 120.
	const wantKills, maxRounds = 15, 120
	var acked, killed, finished, unacked, rounds int
	for round := 0; killed < wantKills && round < maxRounds; round++ {
		rounds++
		token := fmt.Sprintf("edit-%d-✨", round)
		var op crashOp
		switch k := rng.IntN(6); {
		case k < 2:
			shot := 1 + rng.IntN(len(prompts))
			op = crashOp{kind: "generate", args: []string{"generate", film, strconv.Itoa(shot), "--seed", strconv.Itoa(100 + round)}}
		case k < 3:
			out := "cut.avi"
			if rng.IntN(2) == 0 {
				out = "cut.mp4" // through ffmpeg, with a temporary sound file
			}
			op = crashOp{kind: "export", args: []string{"export", film, "--out", filepath.Join(outDir, out), "--force"}}
		case k < 4:
			op = crashOp{kind: "edit", args: []string{"shot", "add", film, token, "--duration", "1s"}, edit: []string{"add", token}}
		case k < 5:
			n := 1 + rng.IntN(len(prompts))
			op = crashOp{kind: "edit", args: []string{"shot", "edit", film, strconv.Itoa(n), "--prompt", token}, edit: []string{"edit", strconv.Itoa(n), token}}
		default:
			a, b := 1+rng.IntN(len(prompts)), 1+rng.IntN(len(prompts))
			op = crashOp{kind: "edit", args: []string{"shot", "move", film, strconv.Itoa(a), strconv.Itoa(b)}, edit: []string{"move", strconv.Itoa(a), strconv.Itoa(b)}}
		}
		cmd := exec.Command(bin, op.args...)
		cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+data)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.IntN(1500)) * time.Millisecond
		if op.kind == "edit" {
			delay = time.Duration(rng.IntN(80)) * time.Millisecond
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var ee *exec.ExitError
		wasKilled := errors.As(err, &ee) && !ee.Exited()
		acknowledged := err == nil
		switch {
		case acknowledged:
			finished++
		case wasKilled:
			killed++
		default:
			t.Fatalf("round %d: kino %s failed by itself: %v\n%s", round, strings.Join(op.args, " "), err, stderr.String())
		}

		// The next open for editing cleans up after the kill.
		p, err := sqlite.Open(film, sqlite.Options{})
		if err != nil {
			t.Fatalf("round %d: reopening after killing kino %s: %v", round, op.args[0], err)
		}
		if left, _ := filepath.Glob(filepath.Join(film, "media", ".incoming-*")); len(left) != 0 {
			t.Fatalf("round %d: half-written media left after the next open: %v", round, left)
		}
		shots, err := p.Shots(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range shots {
			got = append(got, s.Prompt)
			takes, _ := p.Takes(context.Background(), s.ID)
			for _, tk := range takes {
				if tk.Status == project.TakeRunning {
					t.Fatalf("round %d: take %d is still %s after the next open", round, tk.ID, tk.Status)
				}
			}
		}
		damage, err := p.Check(context.Background())
		if err != nil || len(damage) != 0 {
			t.Fatalf("round %d: integrity after killing kino %s: %+v %v", round, op.args[0], damage, err)
		}
		p.Close()

		if op.edit != nil {
			want := applyPrompts(prompts, op.edit)
			switch {
			case acknowledged:
				acked++
				if !slices.Equal(got, want) {
					t.Fatalf("round %d: acknowledged edit %v lost:\n got %q\nwant %q", round, op.edit, got, want)
				}
			case slices.Equal(got, want):
				unacked++ // committed just before the kill
			case !slices.Equal(got, prompts):
				t.Fatalf("round %d: killed edit %v left %q; want %q or %q", round, op.edit, got, prompts, want)
			}
			prompts = got
		} else if !slices.Equal(got, prompts) {
			t.Fatalf("round %d: kino %s changed the shots: %q, want %q", round, op.args[0], got, prompts)
		}

		if op.kind == "export" {
			// The next export into the folder leaves nothing half-written.
			mustKino(t, "export", film, "--out", filepath.Join(outDir, "cut.wav"), "--force")
			entries, _ := os.ReadDir(outDir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					t.Fatalf("round %d: %s left in the export folder after the next export", round, e.Name())
				}
			}
		}
	}
	out, _, code := kino(t, "doctor", film, "--fix")
	if code != 0 {
		t.Fatalf("doctor --fix: exit %d\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Fixed:") {
			t.Logf("doctor --fix: %s", line)
		}
	}
	if out, _, code := kino(t, "doctor", film); code != 0 || !strings.Contains(out, "ok (database") {
		t.Fatalf("doctor after --fix: exit %d\n%s", code, out)
	}
	t.Logf("%d rounds: %d killed, %d finished first; %d acknowledged edits kept, %d edits committed just before their kill", rounds, killed, finished, acked, unacked)
	if killed < wantKills {
		t.Fatalf("only %d of %d commands were killed; the test exercised little", killed, rounds)
	}
}
