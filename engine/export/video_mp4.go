package export

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/engine/pipeline"
	"kino/project"
)

// findFFmpeg returns the ffmpeg program to run, or "" when there is none
// (or Options.PureGo says not to use it).
func findFFmpeg(opts *Options) string {
	if opts.PureGo {
		return ""
	}
	name := opts.FFmpeg
	if name == "" {
		name = "ffmpeg"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return ""
	}
	return p
}

// mp4Meta is what goes into the MP4's metadata.
type mp4Meta struct {
	title, comment string
}

// writeMP4 encodes t to the output final with ffmpeg, which reads the mix
// from a temporary WAV file beside the output and encodes H.264 (yuv420p,
// BT.709 limited range, tagged so) and AAC. The frames reach ffmpeg's
// standard input one of two ways:
//
//   - when every shot is a stored take at the output size, as the JPEGs
//     the take stores: ffmpeg decodes them (as fast as it decodes any
//     MJPEG), converts BT.601 full range to BT.709 limited range with
//     zscale (zimg: exact and cheap; swscale is cheap only when inexact)
//     and lays the watermark over them, so the export costs about what
//     encoding those frames with ffmpeg alone costs;
//   - otherwise as raw yuv420p frames converted in Go (format.YUVFrame), stored
//     takes straight from their JPEG YCbCr, the rest through RGBA (scaled
//     in Go, so the watermark is drawn at the output size and stays crisp).
func (e *exporter) writeMP4(ctx context.Context, t *Timeline, final string, w, h int, meta mp4Meta, step func()) error {
	if _, err := e.out.create(final); err != nil {
		return err
	}
	if err := e.out.finish(final); err != nil { // ffmpeg writes the file itself
		return err
	}
	tmp := e.out.tempPath(final)

	wavPath, err := e.writeTempMix(ctx, t, final)
	if err != nil {
		return err
	}
	defer os.Remove(wavPath)

	src := newFrameSource(t, w, h, !e.opts.NoWatermark)
	var jpegs []jpegFramer
	if hasFilter(e.ffmpeg, "zscale") {
		jpegs = src.jpegFramers()
	}
	rate := fmt.Sprintf("%d/%d", t.Rate.Num, t.Rate.Den)
	args := []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y"}
	if jpegs != nil {
		args = append(args, "-f", "mjpeg", "-framerate", rate, "-i", "pipe:0", "-i", wavPath)
		filter := "[0:v]zscale=matrixin=470bg:rangein=full:matrix=709:range=limited,format=yuv420p"
		if src.wm != nil {
			png, err := writeWatermarkPNG(final, src.wm)
			if err != nil {
				return err
			}
			defer os.Remove(png)
			args = append(args, "-i", png)
			filter += fmt.Sprintf("[v];[v][2:v]overlay=x=%d:y=%d:format=yuv420", src.wm.at.X, src.wm.at.Y)
		}
		args = append(args, "-filter_complex", filter+"[out]", "-map", "[out]", "-map", "1:a:0")
	} else {
		args = append(args,
			// Frames come as yuv420p already in BT.709 limited range, so
			// ffmpeg only encodes.
			"-f", "rawvideo", "-pix_fmt", "yuv420p", "-color_range", "tv", "-colorspace", "bt709",
			"-color_primaries", "bt709", "-color_trc", "bt709", "-video_size", fmt.Sprintf("%dx%d", w, h),
			"-framerate", rate, "-i", "pipe:0", "-i", wavPath, "-map", "0:v:0", "-map", "1:a:0")
	}
	p := e.opts.Quality.preset()
	args = append(args, "-map_metadata", "-1",
		// BT.709 in limited range, converted so and tagged so: players
		// that assume BT.709 for HD (browsers, mpv, VLC, Resolve) and
		// those that read the tags show the colours Kino drew.
		"-c:v", "libx264", "-preset", p.x264Preset, "-crf", strconv.Itoa(p.crf), "-pix_fmt", "yuv420p",
		"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
		"-c:a", "aac", "-b:a", p.aacBitrate,
		"-movflags", "+faststart",
		"-metadata", "title="+meta.title,
		"-metadata", "comment="+meta.comment,
		"-metadata", "description=AI-generated with "+e.opts.App,
		"-f", "mp4", tmp,
	)
	cmd := exec.CommandContext(ctx, e.ffmpeg, args...)
	stderr := &tailBuffer{max: 4096}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("starting ffmpeg: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting ffmpeg (%s): %w", e.ffmpeg, err)
	}
	var werr error
	if jpegs != nil {
		werr = src.sendJPEGs(ctx, jpegs, stdin, step)
	} else {
		werr = pipeline.Ordered(ctx, int(src.total()), e.opts.Workers, src.newSlot,
			func(i int, s *frameSlot) error { return src.renderYUV(int64(i), s) },
			func(i int, s *frameSlot) error {
				if _, err := stdin.Write(s.yuv.Bytes()); err != nil {
					return fmt.Errorf("sending frame %d to ffmpeg: %w", i, err)
				}
				step()
				return nil
			})
	}
	cerr := stdin.Close()
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case waitErr != nil:
		return ffmpegError(waitErr, stderr.String())
	case werr != nil:
		return werr
	case cerr != nil && !errors.Is(cerr, os.ErrClosed):
		return fmt.Errorf("sending frames to ffmpeg: %w", cerr)
	}
	return nil
}

// ffmpegError names why ffmpeg failed, from the end of what it printed.
func ffmpegError(err error, stderr string) error {
	tail := strings.TrimSpace(stderr)
	if tail == "" {
		tail = "it printed nothing"
	}
	if strings.Contains(tail, "No space left on device") {
		return project.WrapError(project.EINTERNAL, err, "ffmpeg failed: the disk is full (%s)", lastLine(tail))
	}
	return project.WrapError(project.EINTERNAL, err, "ffmpeg failed: %s", tail)
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// writeTempMix writes t's mix to a temporary WAV file beside final and
// returns its path; the caller removes it.
func (e *exporter) writeTempMix(ctx context.Context, t *Timeline, final string) (string, error) {
	dir, base := filepath.Split(final)
	f, err := os.CreateTemp(dir, "."+base+".kino-audio-*.wav")
	if err != nil {
		return "", writeError(err, "creating a temporary sound file for "+final)
	}
	path := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(path)
		return "", err
	}
	mix := newMixer(t, false)
	if err := mix.normalise(ctx, t); err != nil {
		return fail(err)
	}
	tf := &tempFile{File: f, final: final}
	ww, err := media.NewWAVStream(tf, 2, audio.SampleRate, mix.total, media.WAVOptions{})
	if err != nil {
		return fail(err)
	}
	if err := mix.ReadAll(ctx, func(b *audio.Block) error { return ww.Write(b.Mix) }); err != nil {
		return fail(err)
	}
	if err := ww.Close(); err != nil {
		return fail(writeError(err, "writing a temporary sound file for "+final))
	}
	if err := f.Close(); err != nil {
		return fail(writeError(err, "writing a temporary sound file for "+final))
	}
	e.notes(mix.Notes()...)
	return path, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

var _ io.Writer = (*tailBuffer)(nil)

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// writeWatermarkPNG writes the label as a PNG with alpha beside final,
// for ffmpeg to lay over the frames; the caller removes it.
func writeWatermarkPNG(final string, wm *watermark) (string, error) {
	dir, base := filepath.Split(final)
	f, err := os.CreateTemp(dir, "."+base+".kino-tmp-wm-*.png")
	if err != nil {
		return "", writeError(err, "creating a temporary watermark for "+final)
	}
	err = png.Encode(f, wm.image())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", writeError(err, "writing a temporary watermark for "+final)
	}
	return f.Name(), nil
}

// filters caches which ffmpeg filters each ffmpeg program has.
var filters sync.Map // program path → map[string]bool

// hasFilter reports whether the ffmpeg program has the named filter.
func hasFilter(ffmpeg, name string) bool {
	v, ok := filters.Load(ffmpeg)
	if !ok {
		have := map[string]bool{}
		if out, err := exec.Command(ffmpeg, "-hide_banner", "-filters").Output(); err == nil {
			for _, l := range strings.Split(string(out), "\n") {
				if f := strings.Fields(l); len(f) >= 2 {
					have[f[1]] = true
				}
			}
		}
		v, _ = filters.LoadOrStore(ffmpeg, have)
	}
	return v.(map[string]bool)[name]
}
