package export

import (
	"bufio"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"kino/engine"
	"kino/project"
)

// benchClip stands in for a built-in-engine shot: every frame is a moving
// gradient with fine detail (so encoders have real work, unlike flat
// colour), and the soundtrack is a tone per stem.
type benchClip struct {
	synthClip
	phase int
}

func (c *benchClip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
	return img, c.RenderFrame(i, img)
}

func (c *benchClip) RenderFrame(i int, dst *image.RGBA) error {
	if i < 0 || i >= c.frames {
		return project.Errorf(project.EINVALID, "frame %d outside the clip", i)
	}
	t := i*3 + c.phase
	for y := range c.h {
		row := dst.Pix[y*dst.Stride : y*dst.Stride+4*c.w]
		for x := range c.w {
			d := uint8(((x ^ y) & 7) * 3) // fine texture
			row[4*x] = uint8(x+t) + d
			row[4*x+1] = uint8(y+t/2) + d
			row[4*x+2] = uint8((x+y)/4+t) ^ d
			row[4*x+3] = 0xFF
		}
	}
	return nil
}

// benchTimeline is seconds of 5-second shots at w x h, 24 fps.
func benchTimeline(seconds, w, h int) *Timeline {
	r := project.DefaultRate
	t := &Timeline{ProjectID: "bench", Title: "Benchmark", Rate: r, Width: w, Height: h}
	for i := range seconds / 5 {
		shot := &project.Shot{ID: int64(i + 1), Index: i, Prompt: "benchmark shot", Duration: project.Frames(120, r), Seed: project.Seed{Mode: project.SeedFixed, Value: uint64(i)}}
		clip := &benchClip{synthClip: synthClip{w: w, h: h, frames: 120, rate: r, backend: "previz"}, phase: i * 17}
		t.Shots = append(t.Shots, ShotMedia{Shot: shot, Clip: clip})
	}
	return t
}

func benchExport(b *testing.B, tl *Timeline, f Format, q Quality) {
	dir := b.TempDir()
	b.ReportAllocs()
	var last time.Duration
	for i := 0; b.Loop(); i++ {
		o := Options{Format: f, Out: filepath.Join(dir, fmt.Sprintf("film%d.%s", i, f)), Quality: q}
		start := time.Now()
		res, err := Export(bg, tl, o, nil)
		if err != nil {
			b.Fatal(err)
		}
		last = time.Since(start)
		if f == FormatMP4 && !res.UsedFFmpeg {
			b.Fatal("ffmpeg is not installed; run make deps")
		}
		os.Remove(res.Main)
	}
	secs := tl.Duration().Seconds()
	b.ReportMetric(last.Seconds(), "s/export")
	b.ReportMetric(secs/last.Seconds(), "x-realtime")
	b.ReportMetric(float64(tl.Duration().Frames)/last.Seconds(), "frames/s")
	reportChildRSS(b, f)
}

// reportChildRSS reports the peak resident size of ffmpeg, which runs as a
// child process, for MP4 exports.
func reportChildRSS(b *testing.B, f Format) {
	if f != FormatMP4 {
		return
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "ffmpeg-rss-MB")
	}
}

// BenchmarkExportMP4 exports 60 s of 1280x720 24 fps to MP4 at the
// standard preset (target: at most 60 s).
func BenchmarkExportMP4(b *testing.B) {
	benchExport(b, benchTimeline(60, 1280, 720), FormatMP4, QualityStandard)
}

// BenchmarkExportAVI exports the same timeline on the pure-Go path
// (target: at most 30 s).
func BenchmarkExportAVI(b *testing.B) {
	benchExport(b, benchTimeline(60, 1280, 720), FormatAVI, QualityStandard)
}

// BenchmarkExportStems writes the mix and five stems of 60 s.
func BenchmarkExportStems(b *testing.B) {
	benchExport(b, benchTimeline(60, 64, 36), FormatStems, QualityStandard)
}

// BenchmarkExportMemory shows that memory does not grow with the length
// of the film: it exports 60 s and 10 min of 1280x720 at 24 fps and
// reports the peak heap in use (sampled every 10 ms), the process's peak
// resident size (VmHWM, reset before each export) and, for MP4, ffmpeg's. The frames are
// cheap flat colour, so that ten minutes of AVI stay under its 1 GiB limit
// (textured 720p frames reach it after about four minutes).
func BenchmarkExportMemory(b *testing.B) {
	for _, c := range []struct {
		name    string
		seconds int
		format  Format
	}{{"AVI-60s", 60, FormatAVI}, {"AVI-10min", 600, FormatAVI}, {"MP4-60s", 60, FormatMP4}, {"MP4-10min", 600, FormatMP4}} {
		b.Run(c.name, func(b *testing.B) {
			tl := flatTimeline(c.seconds, 1280, 720)
			dir := b.TempDir()
			b.ReportAllocs()
			var heapPeak, rssPeak uint64
			for i := 0; b.Loop(); i++ {
				runtime.GC()
				resetPeakRSS()
				stop := sampleHeap(&heapPeak)
				o := Options{Format: c.format, Out: filepath.Join(dir, fmt.Sprintf("film%d.%s", i, c.format)), Quality: QualityDraft}
				res, err := Export(bg, tl, o, nil)
				stop()
				if err != nil {
					b.Fatal(err)
				}
				rssPeak = max(rssPeak, peakRSS())
				os.Remove(res.Main)
			}
			b.ReportMetric(float64(heapPeak)/(1<<20), "heap-peak-MB")
			b.ReportMetric(float64(rssPeak)/(1<<20), "rss-peak-MB")
			reportChildRSS(b, c.format)
		})
	}
}

// flatTimeline is seconds of 5-second flat-colour shots.
func flatTimeline(seconds, w, h int) *Timeline {
	lengths := make([]int, seconds/5)
	for i := range lengths {
		lengths[i] = 120
	}
	return testTimeline(w, h, project.DefaultRate, lengths...)
}

// sampleHeap records the largest HeapInuse seen until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		for !done.Load() {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			time.Sleep(10 * time.Millisecond)
		}
	})
	return func() { done.Store(true); wg.Wait() }
}

// resetPeakRSS resets the kernel's peak resident size of this process.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns VmHWM from /proc/self/status, in bytes (0 if unknown).
func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

var _ engine.Clip = (*benchClip)(nil)
