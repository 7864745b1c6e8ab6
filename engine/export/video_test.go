package export

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kino/project"
)

// checkVideo checks an exported film with ffprobe: two streams with the
// given codecs, the frame rate, every frame there, the duration within one
// frame of the timeline's, 48 kHz stereo sound, and the provenance.
func checkVideo(t *testing.T, path string, tl *Timeline, vcodec, acodec string, w, h int) probe {
	t.Helper()
	p := ffprobe(t, path)
	if p.Format.NbStreams != 2 || len(p.Streams) != 2 {
		t.Fatalf("%s has %d streams, want 2", path, p.Format.NbStreams)
	}
	v := p.Streams[p.stream(t, "video")]
	a := p.Streams[p.stream(t, "audio")]
	if v.CodecName != vcodec || a.CodecName != acodec {
		t.Fatalf("codecs %s/%s, want %s/%s", v.CodecName, a.CodecName, vcodec, acodec)
	}
	if v.Width != w || v.Height != h {
		t.Fatalf("frames are %dx%d, want %dx%d", v.Width, v.Height, w, h)
	}
	if want := tl.Rate.String(); v.RFrameRate != want && v.RFrameRate != want+"/1" {
		t.Fatalf("frame rate %s, want %s", v.RFrameRate, want)
	}
	frames := tl.Duration().Frames
	if n, _ := strconv.ParseInt(v.NbReadFrames, 10, 64); n != frames {
		t.Fatalf("%s has %s frames, want %d", path, v.NbReadFrames, frames)
	}
	want := tl.Duration().Seconds()
	frame := 1 / tl.Rate.FPS()
	if d := atof(t, p.Format.Duration); math.Abs(d-want) > frame {
		t.Fatalf("duration %.4f s, want %.4f s within one frame (%.4f s)", d, want, frame)
	}
	if a.SampleRate != "48000" || a.Channels != 2 {
		t.Fatalf("sound is %s Hz, %d channels; want 48000 Hz stereo", a.SampleRate, a.Channels)
	}
	// AVI gives PCM no stream duration but counts its samples.
	ad := a.Duration
	if ad == "" {
		ad = strconv.FormatFloat(atof(t, a.NbFrames)/48000, 'f', -1, 64)
	}
	if d := atof(t, ad); math.Abs(d-want) > frame {
		t.Fatalf("sound lasts %.4f s, want %.4f s within one frame", d, want)
	}
	prov := checkSidecar(t, path)
	if len(prov.Shots) != len(tl.Shots) || prov.Frames != frames {
		t.Fatalf("sidecar has %d shots and %d frames, want %d and %d", len(prov.Shots), prov.Frames, len(tl.Shots), frames)
	}
	if prov.Watermark == nil {
		t.Fatalf("sidecar does not record the watermark choice")
	}
	s := embeddedSummary(t, p.Format.Tags["comment"])
	if len(s.Shots) != len(tl.Shots) || !s.AIGenerated || s.Sidecar != filepath.Base(sidecarPath(path)) {
		t.Fatalf("embedded summary %+v does not match the timeline", s)
	}
	if p.Format.Tags["title"] != tl.Title {
		t.Fatalf("title tag %q, want %q", p.Format.Tags["title"], tl.Title)
	}
	decodeAll(t, path)
	return p
}

func TestExportMP4(t *testing.T) {
	tool(t, "ffmpeg")
	tl := testTimeline(320, 180, project.DefaultRate, 24, 12, 36)
	o := testOpts(t, FormatMP4, "film.mp4")
	res := mustExport(t, tl, o)
	if !res.UsedFFmpeg || res.Main != o.Out || !strings.Contains(res.Encoder, "libx264") {
		t.Fatalf("result %+v: want ffmpeg writing %s", res, o.Out)
	}
	if res.Frames != 72 || len(res.Files) != 2 || res.Files[1] != sidecarPath(o.Out) {
		t.Fatalf("result %+v", res)
	}
	checkVideo(t, o.Out, tl, "h264", "aac", 320, 180)
	for _, f := range res.Files {
		if st, err := os.Stat(f); err != nil || st.Mode().Perm() != 0o666&^testUmask {
			t.Fatalf("%s: %v, mode %v; exports follow the umask (%03o)", f, err, st.Mode(), testUmask)
		}
	}
	if l := leftovers(t, filepath.Dir(o.Out)); len(l) > 0 {
		t.Fatalf("temporary files left: %v", l)
	}
}

func TestExportMP4OneShotAtResolution(t *testing.T) {
	tool(t, "ffmpeg")
	tl := testTimeline(320, 180, project.Rate2997, 30, 45, 15)
	o := testOpts(t, FormatMP4, "shot2.mp4")
	o.Shot, o.Resolution, o.Quality = 2, Resolution360p, QualityDraft
	res := mustExport(t, tl, o)
	one, _ := tl.only(2)
	if res.Width != 640 || res.Height != 360 || res.Frames != 45 {
		t.Fatalf("result %+v, want 640x360 and 45 frames", res)
	}
	checkVideo(t, o.Out, one, "h264", "aac", 640, 360)
	prov := checkSidecar(t, o.Out)
	if len(prov.Shots) != 1 || prov.Shots[0].Number != 2 || prov.Shots[0].TakeID != 501 {
		t.Fatalf("sidecar shots %+v, want shot 2 only", prov.Shots)
	}
}

func TestExportAVI(t *testing.T) {
	for _, r := range []project.Rate{project.DefaultRate, project.Rate2997} {
		t.Run(strings.ReplaceAll(r.String(), "/", "_"), func(t *testing.T) {
			tl := testTimeline(320, 180, r, 20, 7, 33)
			o := testOpts(t, FormatAVI, "film.avi")
			res := mustExport(t, tl, o)
			if res.UsedFFmpeg || !strings.Contains(res.Encoder, "pure Go") {
				t.Fatalf("result %+v: want the pure-Go path", res)
			}
			p := checkVideo(t, o.Out, tl, "mjpeg", "pcm_s16le", 320, 180)
			if p.Format.FormatName != "avi" {
				t.Fatalf("format %s, want avi", p.Format.FormatName)
			}
			if !strings.HasPrefix(p.Format.Tags["software"], "Kino test") {
				t.Fatalf("INFO ISFT tag %q", p.Format.Tags["software"])
			}
		})
	}
}

func TestExportAVIResolutionScalesAndLetterboxes(t *testing.T) {
	// The second shot's clip is 4:3; it is fitted into the 16:9 frame.
	tl := testTimeline(320, 180, project.DefaultRate, 6, 6)
	tl.Shots[1].Clip = &synthClip{w: 200, h: 150, frames: 6, rate: project.DefaultRate, colour: tl.Shots[1].Clip.(*synthClip).colour}
	o := testOpts(t, FormatAVI, "film.avi")
	o.Resolution = "720p"
	mustExport(t, tl, o)
	checkVideo(t, o.Out, tl, "mjpeg", "pcm_s16le", 1280, 720)
}

func TestExportMP4FallsBackToAVIWithoutFFmpeg(t *testing.T) {
	tl := testTimeline(160, 90, project.DefaultRate, 10, 10)
	o := testOpts(t, FormatMP4, "film.mp4")
	o.FFmpeg = filepath.Join(t.TempDir(), "no-such-ffmpeg")
	res := mustExport(t, tl, o)
	want := strings.TrimSuffix(o.Out, ".mp4") + ".avi"
	if res.UsedFFmpeg || res.Main != want {
		t.Fatalf("result %+v, want the AVI %s", res, want)
	}
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "ffmpeg was not found") {
		t.Fatalf("notes %q do not say ffmpeg was missing", res.Notes)
	}
	checkVideo(t, want, tl, "mjpeg", "pcm_s16le", 160, 90)
}

func TestExportFrameRateMismatchHoldsLastFrame(t *testing.T) {
	// A 12 fps clip of 10 frames in a 24 fps shot of 30 frames: frames
	// map at half speed and the last one holds.
	tl := testTimeline(64, 36, project.DefaultRate, 30)
	tl.Shots[0].Clip = &synthClip{w: 64, h: 36, frames: 10, rate: project.Rate{Num: 12, Den: 1}}
	src := newFrameSource(tl, 64, 36, false)
	for i, want := range map[int64]int{0: 0, 1: 0, 2: 1, 19: 9, 29: 9} {
		if _, got := src.locate(i); got != want {
			t.Errorf("timeline frame %d shows clip frame %d, want %d", i, got, want)
		}
	}
	o := testOpts(t, FormatAVI, "film.avi")
	mustExport(t, tl, o)
	checkVideo(t, o.Out, tl, "mjpeg", "pcm_s16le", 64, 36)
}
