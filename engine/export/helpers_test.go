package export

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
	"kino/project/keyring"
)

var bg = context.Background()

// fixedNow is the clock tests export at.
var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// synthClip is a cheap engine.Clip: flat frames of one colour with a
// moving bar (so frames differ), and a soundtrack of one tone per stem.
type synthClip struct {
	w, h, frames int
	rate         project.Rate
	colour       color.RGBA
	noStems      bool    // soundtrack with a mix only, like a stored take
	amp          float32 // tone amplitude per stem (default 0.1)
	backend      string
	soundRate    int // default 48000
}

var _ engine.Clip = (*synthClip)(nil)

func (c *synthClip) Info() engine.ClipInfo {
	b := c.backend
	if b == "" {
		b = "synthetic"
	}
	return engine.ClipInfo{Width: c.w, Height: c.h, Frames: c.frames, Rate: c.rate, Backend: b, Model: "tones-v1", ModelHash: "abc123", Seed: 7}
}

func (c *synthClip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
	return img, c.RenderFrame(i, img)
}

func (c *synthClip) RenderFrame(i int, dst *image.RGBA) error {
	if i < 0 || i >= c.frames {
		return project.Errorf(project.EINVALID, "frame %d outside 0..%d", i, c.frames-1)
	}
	if dst.Rect.Dx() != c.w || dst.Rect.Dy() != c.h {
		return project.Errorf(project.EINVALID, "dst %v, clip %dx%d", dst.Rect, c.w, c.h)
	}
	p := dst.Pix
	for j := 0; j < len(p); j += 4 {
		p[j], p[j+1], p[j+2], p[j+3] = c.colour.R, c.colour.G, c.colour.B, 0xFF
	}
	// A white bar that moves one step per frame.
	x := (i * 4) % max(1, c.w-8)
	for y := range c.h / 4 {
		row := dst.Pix[y*dst.Stride:]
		for xx := x; xx < x+8 && xx < c.w; xx++ {
			row[4*xx], row[4*xx+1], row[4*xx+2] = 0xFF, 0xFF, 0xFF
		}
	}
	return nil
}

// HasStems says whether the soundtrack has stems, as stored takes do.
func (c *synthClip) HasStems() bool { return !c.noStems }

// stemFreq is the tone each stem carries.
var stemFreq = map[audio.Stem]float64{audio.StemDialogue: 440, audio.StemEffects: 660, audio.StemAmbience: 220, audio.StemMusic: 330}

func (c *synthClip) Soundtrack() (*audio.Soundtrack, error) {
	sr := c.soundRate
	if sr == 0 {
		sr = audio.SampleRate
	}
	n := int(int64(c.frames) * int64(sr) * c.rate.Den / c.rate.Num)
	amp := c.amp
	if amp == 0 {
		amp = 0.1
	}
	st := &audio.Soundtrack{Stems: map[audio.Stem]audio.PCM{}}
	mix := make([]float32, 2*n)
	for _, s := range audio.Stems {
		buf := make([]float32, 2*n)
		for i := range n {
			v := amp * float32(math.Sin(2*math.Pi*stemFreq[s]*float64(i)/float64(sr)))
			buf[2*i], buf[2*i+1] = v, v*0.5
			mix[2*i] += v
			mix[2*i+1] += v * 0.5
		}
		st.Stems[s] = audio.PCM{Rate: sr, Channels: 2, Samples: buf}
	}
	st.Mix = audio.PCM{Rate: sr, Channels: 2, Samples: mix}
	if c.noStems {
		st.Stems = map[audio.Stem]audio.PCM{}
	}
	return st, nil
}

// testTimeline returns a timeline of shots with the given lengths in
// frames, at w x h and rate r, each with a synthetic clip of its own colour.
func testTimeline(w, h int, r project.Rate, lengths ...int) *Timeline {
	t := &Timeline{ProjectID: "proj-1", Title: "Beach (test)", Rate: r, Width: w, Height: h}
	colours := []color.RGBA{{200, 40, 40, 255}, {40, 160, 60, 255}, {40, 60, 200, 255}, {200, 180, 40, 255}}
	for i, n := range lengths {
		shot := &project.Shot{
			ID: int64(100 + i), Index: i, Prompt: "shot " + strconv.Itoa(i+1) + ": me on the beach at sunset with a glass of champagne",
			Duration: project.Frames(int64(n), r), Seed: project.Seed{Mode: project.SeedFixed, Value: uint64(40 + i)},
			Camera: project.Camera{Size: project.SizeWide, Move: project.MoveDollyIn},
		}
		take := &project.Take{ID: int64(500 + i), ShotID: shot.ID, Backend: "synthetic", Model: "tones-v1", ModelHash: "abc123", Seed: uint64(40 + i), ParamsHash: "p" + strconv.Itoa(i), Status: project.TakeDone}
		t.Shots = append(t.Shots, ShotMedia{Shot: shot, Take: take, Clip: &synthClip{w: w, h: h, frames: n, rate: r, colour: colours[i%len(colours)]}})
	}
	return t
}

// cameo returns a cameo record with consent that allows use in proj-1.
func cameo(handle, owner string) *project.Cameo {
	return &project.Cameo{
		ID: "cameo-" + handle[1:], Handle: handle, Name: owner, Voice: project.DefaultVoice,
		Consent: project.Consent{ID: "consent-" + handle[1:], Owner: owner, Scope: project.ConsentAnyProject, GrantedAt: fixedNow.AddDate(-1, 0, 0)},
	}
}

// consentKey signs the test cameos' consent records.
var consentKey = keyring.FromSeed(make([]byte, 32))

// cast puts c in shot s of t: the shot casts it, its take depicts it, and
// the consent rule judges c's record (signed as it stands) as LoadTimeline
// would.
func cast(t *Timeline, s int, c *project.Cameo, role string) {
	if c.Consent.Seq == 0 {
		c.Consent.Seq = 1
	}
	c.Consent.ImageSHA256 = c.MainImage()
	c.Consent.Sign(c.ID, consentKey)
	sm := &t.Shots[s]
	sm.Shot.Cast = append(sm.Shot.Cast, project.CastMember{CameoID: c.ID, Handle: c.Handle, Role: role})
	sm.Cameos = append(sm.Cameos, c)
	if sm.Take != nil {
		sm.Take.Cameos = append(sm.Take.Cameos, project.TakeCameo{CameoID: c.ID, Handle: c.Handle, Consent: c.Consent.Terms()})
	}
	facts := &project.ConsentFacts{Records: []project.ConsentRecord{project.RecordOf(c)}}
	sm.Consent = append(sm.Consent, project.JudgeConsent(facts, c.ID, c.Handle, t.ProjectID, fixedNow))
}

// opts returns options for an export to name in a fresh folder.
func testOpts(t *testing.T, f Format, name string) Options {
	return Options{Format: f, Out: filepath.Join(t.TempDir(), name), Now: func() time.Time { return fixedNow }, Version: "test"}
}

// mustExport exports or fails the test.
func mustExport(t *testing.T, tl *Timeline, o Options) Result {
	t.Helper()
	res, err := Export(bg, tl, o, nil)
	if err != nil {
		t.Fatalf("export %s: %v", o.Format, err)
	}
	return res
}

// tool returns the path of a program the tests need, failing (never
// skipping) when it is missing.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed; run make deps (it installs ffmpeg and poppler-utils)", name)
	}
	return p
}

// probe is what ffprobe says about a file.
type probe struct {
	Streams []struct {
		CodecType    string `json:"codec_type"`
		CodecName    string `json:"codec_name"`
		Width        int    `json:"width"`
		Height       int    `json:"height"`
		RFrameRate   string `json:"r_frame_rate"`
		AvgFrameRate string `json:"avg_frame_rate"`
		NbReadFrames string `json:"nb_read_frames"`
		NbFrames     string `json:"nb_frames"`
		SampleRate   string `json:"sample_rate"`
		Channels     int    `json:"channels"`
		PixFmt       string `json:"pix_fmt"`
		Duration     string `json:"duration"`
	} `json:"streams"`
	Format struct {
		NbStreams  int               `json:"nb_streams"`
		FormatName string            `json:"format_name"`
		Duration   string            `json:"duration"`
		Tags       map[string]string `json:"tags"`
	} `json:"format"`
}

func ffprobe(t *testing.T, path string) probe {
	t.Helper()
	out, err := exec.Command(tool(t, "ffprobe"), "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffprobe %s: %v\n%s", path, err, out)
	}
	var p probe
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("ffprobe output: %v\n%s", err, out)
	}
	return p
}

// stream returns the first stream of kind ("video" or "audio").
func (p probe) stream(t *testing.T, kind string) int {
	t.Helper()
	for i, s := range p.Streams {
		if s.CodecType == kind {
			return i
		}
	}
	t.Fatalf("no %s stream in %+v", kind, p.Streams)
	return -1
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// decodeAll runs the file through ffmpeg's decoders and fails on any error.
func decodeAll(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command(tool(t, "ffmpeg"), "-v", "error", "-i", path, "-f", "null", "-").CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("ffmpeg cannot decode %s cleanly: %v\n%s", path, err, out)
	}
}

// checkSidecar checks that path's provenance sidecar hashes path and
// returns it.
func checkSidecar(t *testing.T, path string) *Provenance {
	t.Helper()
	data, err := os.ReadFile(sidecarPath(path))
	if err != nil {
		t.Fatalf("sidecar: %v", err)
	}
	var p Provenance
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("sidecar JSON: %v", err)
	}
	sum, size, err := hashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.SHA256 != sum || p.Size != size {
		t.Fatalf("sidecar says sha256 %s size %d; the file has %s size %d", p.SHA256, p.Size, sum, size)
	}
	if !p.AIGenerated || p.App != "Kino" || p.Version != "test" || p.File != filepath.Base(path) || p.Schema != ProvenanceSchema {
		t.Fatalf("sidecar header wrong: %+v", p)
	}
	if !p.ExportedAt.Equal(fixedNow) {
		t.Fatalf("exported_at %v, want %v", p.ExportedAt, fixedNow)
	}
	return &p
}

// embeddedSummary parses the JSON part of an embedded summary tag.
func embeddedSummary(t *testing.T, tag string) summary {
	t.Helper()
	if !strings.HasPrefix(tag, "AI-generated with Kino") {
		t.Fatalf("embedded tag does not start with the label: %q", tag)
	}
	_, js, ok := strings.Cut(tag, "Provenance: ")
	if !ok {
		t.Fatalf("embedded tag has no provenance: %q", tag)
	}
	var s summary
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatalf("embedded summary %q: %v", js, err)
	}
	return s
}

// leftovers lists files in dir whose names mark them temporary.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.Contains(e.Name(), ".kino-tmp-") || strings.Contains(e.Name(), ".kino-audio-") {
			out = append(out, e.Name())
		}
	}
	return out
}
