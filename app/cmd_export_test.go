package app

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/audio"
	"kino/engine/export"
	"kino/engine/media"
	"kino/project"
	"kino/project/sqlite"
)

// runExport runs `kino export ARGS` and returns its exit code and output.
func runExport(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{Streams: Streams{In: strings.NewReader(""), Out: &out, Err: &errb}}
	code := report(e, cmdExport(context.Background(), e, args))
	return code, out.String(), errb.String()
}

// exportProject makes a 160x90 project with two one-second shots; the
// first has a finished take (flat colour frames, a quiet tone).
func exportProject(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "Film")
	p, err := sqlite.Create(path, "Film")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	settings, _ := p.Project(ctx)
	settings.Resolution = project.Resolution{Width: 160, Height: 90}
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, prompt := range []string{"the beach at sunset", "fireworks over the harbour"} {
		s := project.NewShot(prompt, project.DefaultRate, 3)
		s.Duration = project.Frames(24, project.DefaultRate)
		a, err := p.Apply(ctx, project.AddShot{Shot: *s, Index: -1})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	var video bytes.Buffer
	mw := media.NewMJPEGWriter(&video, 90)
	frame := image.NewRGBA(image.Rect(0, 0, 160, 90))
	for i := range 24 {
		for j := 0; j < len(frame.Pix); j += 4 {
			frame.Pix[j], frame.Pix[j+1], frame.Pix[j+2], frame.Pix[j+3] = uint8(10*i), 120, 200, 255
		}
		mw.WriteFrame(frame)
	}
	mw.Close()
	var wav bytes.Buffer
	tone := audio.PCM{Rate: 48000, Channels: 2, Samples: make([]float32, 2*48000)}
	for i := range tone.Samples {
		tone.Samples[i] = 0.01 * float32(i%50) / 50
	}
	media.WriteWAV(&wav, tone, media.WAVOptions{})
	va, err := p.PutBlob(ctx, &video, "video/x-motion-jpeg")
	if err != nil {
		t.Fatal(err)
	}
	aa, err := p.PutBlob(ctx, &wav, "audio/wav")
	if err != nil {
		t.Fatal(err)
	}
	tk := &project.Take{ShotID: ids[0], Backend: "previz", ParamsHash: "p", Seed: 3, Status: project.TakeRunning, Frames: 24, Rate: project.DefaultRate}
	if err := p.CreateTake(ctx, tk); err != nil {
		t.Fatal(err)
	}
	tk.Media = []project.MediaRef{{Role: project.MediaVideo, Asset: va}, {Role: project.MediaAudio, Asset: aa}}
	if err := p.FinishTake(ctx, tk, true); err != nil {
		t.Fatal(err)
	}
	return p.Path()
}

func ffprobeFrames(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("ffprobe")
	if err != nil {
		t.Fatal("ffprobe is not installed; run make deps")
	}
	out, err := exec.Command(bin, "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames,codec_name", "-of", "csv=p=0", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffprobe: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestExportCommand(t *testing.T) {
	proj := exportProject(t)
	dir := t.TempDir()

	// Shot 2 has no take: it is rendered with the built-in engine.
	code, stdout, stderr := runExport(t, proj, "--out", filepath.Join(dir, "film.avi"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Exported "+filepath.Join(dir, "film.avi")) || !strings.Contains(stdout, "pure Go") || !strings.Contains(stderr, "exporting: 100% done") {
		t.Fatalf("stdout %q stderr %q", stdout, stderr)
	}
	if got := ffprobeFrames(t, filepath.Join(dir, "film.avi")); got != "mjpeg,48" {
		t.Fatalf("ffprobe says %q, want mjpeg,48", got)
	}
	var prov export.Provenance
	data, _ := os.ReadFile(filepath.Join(dir, "film.avi.provenance.json"))
	if err := json.Unmarshal(data, &prov); err != nil || len(prov.Shots) != 2 || prov.Shots[1].Backend != "previz" || prov.Shots[1].TakeID != 0 || prov.Shots[1].Placeholder {
		t.Fatalf("provenance %+v (%v): shot 2 should be a fresh previz render", prov.Shots, err)
	}

	// Or a slate stands in for it.
	code, _, stderr = runExport(t, proj, "--out", filepath.Join(dir, "slates.avi"), "--placeholders")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := ffprobeFrames(t, filepath.Join(dir, "slates.avi")); got != "mjpeg,48" {
		t.Fatalf("ffprobe says %q, want mjpeg,48", got)
	}

	// An existing file is kept without --force.
	code, _, stderr = runExport(t, proj, "--out", filepath.Join(dir, "film.avi"), "--placeholders")
	if code != exitError || !strings.Contains(stderr, "already exists") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}

	// One shot to MP4 at 360p, as JSON.
	code, stdout, stderr = runExport(t, proj, "--out", filepath.Join(dir, "shot1.mp4"), "--shot", "1", "--resolution", "360p", "--quality", "draft", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res export.Result
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("JSON %q: %v", stdout, err)
	}
	if !res.UsedFFmpeg || res.Width != 640 || res.Height != 360 || res.Frames != 24 {
		t.Fatalf("result %+v", res)
	}
	if got := ffprobeFrames(t, res.Main); got != "h264,24" {
		t.Fatalf("ffprobe says %q, want h264,24", got)
	}

	// The storyboard shows the ungenerated shot without asking.
	code, _, stderr = runExport(t, proj, "--out", filepath.Join(dir, "board.pdf"))
	if code != exitOK {
		t.Fatalf("storyboard: exit %d: %s", code, stderr)
	}

	// Mistakes in the call are usage errors.
	for _, args := range [][]string{
		{proj},
		{proj, "--out", filepath.Join(dir, "x.mov")},
		{proj, "--out", filepath.Join(dir, "x.mp4"), "--quality", "best"},
		{proj, "--out", filepath.Join(dir, "x.otio"), "--start", "one hour"},
	} {
		if code, _, _ := runExport(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
