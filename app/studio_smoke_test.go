package app

import (
	"bufio"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// builtKino is the kino program the real-window tests launch, built once
// per test process from this module with the Go tool that runs the tests.
var builtKino struct {
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtKino.path != "" {
		os.RemoveAll(filepath.Dir(builtKino.path))
	}
	os.Exit(code)
}

// kinoBinary builds the kino program (as `make build` does) and returns
// its path. `go test` puts its own toolchain first on PATH.
func kinoBinary(t testing.TB) string {
	t.Helper()
	builtKino.once.Do(func() {
		dir, err := os.MkdirTemp("", "kino-bin-")
		if err != nil {
			builtKino.err = err
			return
		}
		path := filepath.Join(dir, "kino")
		cmd := exec.Command("go", "build", "-o", path, "kino")
		if out, err := cmd.CombinedOutput(); err != nil {
			builtKino.err = fmt.Errorf("building kino: %v\n%s", err, out)
			return
		}
		builtKino.path = path
	})
	if builtKino.err != nil {
		t.Fatal(builtKino.err)
	}
	return builtKino.path
}

// studioEnv is the environment of a studio launched on a fresh data
// directory under data, showing on display.
func studioEnv(display, data string) []string {
	return append(os.Environ(), "DISPLAY="+display,
		"XDG_DATA_HOME="+filepath.Join(data, "share"), "HOME="+data, "XDG_CONFIG_HOME="+filepath.Join(data, "config"))
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

// TestStudioRealWindowSmoke launches the built kino program on a
// fresh data directory under Xvfb, waits until the demo project is on
// screen (picture area and timeline cards drawn), and quits it with
// SIGTERM.
func TestStudioRealWindowSmoke(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatalf("the real-window test captures the screen with ffmpeg (Debian package ffmpeg): %v", err)
	}
	bin := kinoBinary(t)
	display := startXvfb(t)
	data := t.TempDir()
	child := exec.Command(bin)
	child.Env = studioEnv(display, data)
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

// BenchmarkColdStart measures a first run of the studio under Xvfb, from
// starting the process on an empty data directory (so the demo project is
// created) to its window being interactive (target ≤ 1.5 s), to the
// first preview of the demo's first shot as it generates, and to the
// first stored take's picture on screen (the demo renders its shots at
// once).
func BenchmarkColdStart(b *testing.B) {
	bin := kinoBinary(b)
	display := startXvfb(b)
	var toWindow, toPreview, toPicture time.Duration
	for i := 0; i < b.N; i++ {
		data := b.TempDir()
		child := exec.Command(bin)
		child.Env = append(studioEnv(display, data), traceStartupEnv+"=1")
		stderr, err := child.StderrPipe()
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := child.Start(); err != nil {
			b.Fatal(err)
		}
		var window, preview, picture time.Duration
		sc := bufio.NewScanner(stderr)
		for picture == 0 && sc.Scan() {
			switch {
			case strings.Contains(sc.Text(), windowMarker):
				window = time.Since(start)
			case strings.Contains(sc.Text(), previewMarker):
				preview = time.Since(start)
			case strings.Contains(sc.Text(), pictureMarker):
				picture = time.Since(start)
			}
		}
		child.Process.Kill()
		child.Wait()
		if window == 0 || preview == 0 || picture == 0 {
			b.Fatalf("the studio exited before showing its window (%v), a preview (%v) and its first picture (%v)", window, preview, picture)
		}
		toWindow += window
		toPreview += preview
		toPicture += picture
	}
	b.ReportMetric(float64(toWindow.Milliseconds())/float64(b.N), "ms-to-window")
	b.ReportMetric(float64(toPreview.Milliseconds())/float64(b.N), "ms-to-first-preview")
	b.ReportMetric(float64(toPicture.Milliseconds())/float64(b.N), "ms-to-first-picture")
}
