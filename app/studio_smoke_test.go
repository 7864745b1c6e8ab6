package app

import (
	"bufio"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// studioChildEnv makes the test binary run the studio instead of tests:
// the real window must run on the process's main goroutine.
const studioChildEnv = "KINO_STUDIO_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(studioChildEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := runStudio(ctx, &env{Streams: Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}}, "")
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// startXvfb starts a virtual X server and returns its display name.
func startXvfb(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Fatalf("the real-window test needs Xvfb (Debian package xvfb): %v", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-displayfd", "3", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not report its display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// screenshot captures the whole X display with ffmpeg.
func screenshot(t *testing.T, display, path string) image.Image {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-loglevel", "error", "-f", "x11grab", "-video_size", "1600x1000",
		"-i", display, "-frames:v", "1", "-y", path).CombinedOutput()
	if err != nil {
		t.Fatalf("capturing the screen with ffmpeg: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("reading the screenshot: %v", err)
	}
	return img
}

// colours counts the distinct colours in a region of img, sampling every
// other pixel.
func colours(img image.Image, r image.Rectangle) int {
	seen := map[uint32]bool{}
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			seen[cr>>8<<16|cg>>8<<8|cb>>8] = true
		}
	}
	return len(seen)
}

// TestStudioRealWindowSmoke launches the studio as a real program on a
// fresh data directory under Xvfb, waits until the demo project is on
// screen (picture area and timeline cards drawn), and quits it with
// SIGTERM.
func TestStudioRealWindowSmoke(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatalf("the real-window test captures the screen with ffmpeg (Debian package ffmpeg): %v", err)
	}
	display := startXvfb(t)
	data := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), studioChildEnv+"=1", "DISPLAY="+display,
		"XDG_DATA_HOME="+filepath.Join(data, "share"), "HOME="+data, "XDG_CONFIG_HOME="+filepath.Join(data, "config"))
	var logs strings.Builder
	child.Stdout, child.Stderr = &logs, &logs
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	defer func() {
		if child.ProcessState == nil {
			child.Process.Kill()
		}
	}()

	shot := filepath.Join(data, "screen.png")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case err := <-exited:
			t.Fatalf("the studio exited before showing its window: %v\n%s", err, logs.String())
		default:
		}
		img := screenshot(t, display, shot)
		// The window is 1440x900 at the top left: the picture area in the
		// middle and the timeline's cards near the bottom.
		picture := colours(img, image.Rect(300, 60, 900, 500))
		cards := colours(img, image.Rect(0, 700, 700, 820))
		if picture >= 3 && cards >= 8 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the demo never appeared: %d colours in the picture area, %d in the timeline\n%s", picture, cards, logs.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(data, "share", "kino", "projects", "Demo.kino")); err != nil {
		t.Fatalf("the first run did not create the demo project: %v", err)
	}
	if err := child.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the studio did not quit cleanly: %v\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the studio did not quit within 10 s of SIGTERM\n%s", logs.String())
	}
}

// BenchmarkColdStart measures a first run of the studio: from starting the
// process on an empty data directory (so the demo project is created) to
// the first frame shown in its window, under Xvfb. Target: ≤ 1.5 s.
func BenchmarkColdStart(b *testing.B) {
	display := startXvfb(b)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		data := b.TempDir()
		child := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		child.Env = append(os.Environ(), studioChildEnv+"=1", traceStartupEnv+"=1", "DISPLAY="+display,
			"XDG_DATA_HOME="+filepath.Join(data, "share"), "HOME="+data, "XDG_CONFIG_HOME="+filepath.Join(data, "config"))
		stderr, err := child.StderrPipe()
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := child.Start(); err != nil {
			b.Fatal(err)
		}
		found := false
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), startupMarker) {
				found = true
				break
			}
		}
		total += time.Since(start)
		child.Process.Kill()
		child.Wait()
		if !found {
			b.Fatal("the studio exited without showing a frame")
		}
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-first-frame")
}
