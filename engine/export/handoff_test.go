package export

import (
	"encoding/json"
	"encoding/xml"
	"math"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
)

// otioNode is any OTIO object, read back generically.
type otioNode map[string]any

func (n otioNode) schema() string { s, _ := n["OTIO_SCHEMA"].(string); return s }

func (n otioNode) child(key string) otioNode {
	m, _ := n[key].(map[string]any)
	return otioNode(m)
}

func (n otioNode) list(key string) []otioNode {
	raw, _ := n[key].([]any)
	out := make([]otioNode, len(raw))
	for i, r := range raw {
		m, _ := r.(map[string]any)
		out[i] = otioNode(m)
	}
	return out
}

// rangeOf reads a TimeRange.1 as start and duration in frames at rate.
func rangeOf(t *testing.T, n otioNode, rate float64) (start, dur float64) {
	t.Helper()
	if n.schema() != "TimeRange.1" {
		t.Fatalf("range has schema %q", n.schema())
	}
	for _, k := range []string{"start_time", "duration"} {
		rt := n.child(k)
		if rt.schema() != "RationalTime.1" || rt["rate"].(float64) != rate {
			t.Fatalf("%s is %v, want RationalTime.1 at %v", k, rt, rate)
		}
	}
	return n.child("start_time")["value"].(float64), n.child("duration")["value"].(float64)
}

// fcpSeconds is frames at rate r as FCPXML writes times: rational seconds
// in lowest terms ("1001/30000s", "5s", "0s").
func fcpSeconds(frames int64, r project.Rate) string {
	q := big.NewRat(frames*r.Den, r.Num)
	if q.IsInt() {
		return q.Num().String() + "s"
	}
	return q.String() + "s"
}

// edlEvent is one parsed EDL event line.
var edlEvent = regexp.MustCompile(`^(\d{3})  (\S{1,8})\s+AA/V\s+C\s+(\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d)$`)

// handoffTimeline is a varied film: a non-ASCII title, three shots of
// different lengths, dialogue on shot 1, a cameo on shot 2, an alternate
// take of shot 3 (mix only) and a music clip on the lane.
func handoffTimeline() *Timeline {
	tl := testTimeline(160, 90, project.Rate2997, 30, 45, 15)
	tl.Title = "Strand ü 花火"
	tl.Shots[0].Shot.Dialogue = []project.DialogueLine{{Speaker: "@ann", Text: "Schau, 花火!", Start: project.Frames(6, project.Rate2997)}}
	cast(tl, 1, cameo("@ann", "Ann Example"), "hero")
	alt := &project.Take{ID: 777, ShotID: tl.Shots[2].Shot.ID, Backend: "synthetic", Seed: 99, Status: project.TakeDone,
		Request: `{"prompt":"an older prompt"}`, Media: []project.MediaRef{{Role: project.MediaAudio}}}
	tl.Shots[2].TakeNumber = 2
	tl.Shots[2].Alternates = []Alternate{{Take: alt, Number: 1, Open: func() (engine.Clip, error) {
		return &synthClip{w: 160, h: 90, frames: 15, rate: project.Rate2997, noStems: true}, nil
	}}}
	music := make([]float32, 2*48000)
	for i := range music {
		music[i] = 0.05
	}
	tl.Audio = []AudioMedia{{Clip: &project.AudioClip{ID: 1, Lane: project.LaneMusic, Name: "Thema", Start: project.Frames(20, project.Rate2997)},
		Open: func() (audio.PCM, error) { return audio.PCM{Rate: 48000, Channels: 2, Samples: music}, nil }}}
	return tl
}

func TestExportHandoff(t *testing.T) {
	for _, pureGo := range []bool{false, true} {
		name := map[bool]string{false: "ffmpeg", true: "pure-go"}[pureGo]
		t.Run(name, func(t *testing.T) {
			tl := handoffTimeline()
			o := testOpts(t, FormatOTIO, "Strand ü 花火.otio")
			o.PureGo = pureGo
			res := mustExport(t, tl, o)
			ext := ".mp4"
			vcodec, acodec := "h264", "aac"
			if pureGo {
				ext, vcodec, acodec = ".avi", "mjpeg", "pcm_s16le"
			}
			if res.Main != o.Out || res.UsedFFmpeg == pureGo {
				t.Fatalf("result %+v", res)
			}
			// Every file has its provenance sidecar.
			for _, f := range res.Files {
				if strings.HasSuffix(f, ".provenance.json") {
					continue
				}
				checkSidecar(t, f)
			}
			checkOTIO(t, o.Out, tl, ext, nil)
			checkEDL(t, withExt(o.Out, ".edl"), tl, nil, 0)
			checkFCPXML(t, withExt(o.Out, ".fcpxml"), tl, nil)
			for i, s := range tl.Shots {
				path := HandoffMediaPath(o.Out, s.Shot.Number(), ext)
				one, _ := tl.only(s.Shot.Number())
				checkVideo(t, path, one, vcodec, acodec, 160, 90)
				prov := checkSidecar(t, path)
				if !strings.HasPrefix(prov.Role, "shot "+string(rune('1'+i))) || len(prov.Shots) != 1 {
					t.Fatalf("shot %d sidecar %+v", i+1, prov)
				}
				if i == 1 && (len(prov.Shots[0].Cameos) != 1 || prov.Shots[0].Cameos[0].ConsentID != "consent-ann") {
					t.Fatalf("shot 2 sidecar cameos %+v", prov.Shots[0].Cameos)
				}
				// The stems sum to the shot's mix.
				st, _ := s.Clip.Soundtrack()
				base := strings.TrimSuffix(path, ext)
				var sum []float64
				for _, stem := range audio.Stems {
					pcm, info := readWAV(t, base+"."+string(stem)+".wav")
					if info.Format.String() != "pcm_f32le" {
						t.Fatalf("%s stem is %s", stem, info.Format)
					}
					if sum == nil {
						sum = make([]float64, len(pcm.Samples))
					}
					for k, v := range pcm.Samples {
						sum[k] += float64(v)
					}
				}
				for k := 0; k < len(sum); k += 101 {
					if math.Abs(sum[k]-float64(st.Mix.Samples[k])) > 1e-6 {
						t.Fatalf("shot %d: stems sum to %v at %d, mix %v", i+1, sum[k], k, st.Mix.Samples[k])
					}
				}
			}
			// The alternate take has its own video, and no stems (mix only).
			altVideo := strings.TrimSuffix(HandoffMediaPath(o.Out, 3, ext), ext) + ".take1" + ext
			decodeAll(t, altVideo)
			if prov := checkSidecar(t, altVideo); prov.Shots[0].TakeID != 777 || prov.Shots[0].Seed != 99 {
				t.Fatalf("alternate take's sidecar: %+v", prov.Shots[0])
			}
		})
	}
}

// The EDL can start at 01:00:00:00 and name ASCII-only files.
func TestExportHandoffOptions(t *testing.T) {
	tl := handoffTimeline()
	o := testOpts(t, FormatEDL, "Strand ü 花火.edl")
	o.PureGo, o.ASCIINames, o.RecordStart = true, true, "01:00:00:00"
	res := mustExport(t, tl, o)
	edl := filepath.Join(filepath.Dir(o.Out), "Strand_u.edl")
	if res.Main != edl {
		t.Fatalf("main %s, want %s", res.Main, edl)
	}
	for _, f := range res.Files {
		for _, c := range filepath.Base(f) {
			if c > 0x7E {
				t.Fatalf("file %q is not ASCII", f)
			}
		}
	}
	hour, err := project.ParseTime("01:00:00:00", tl.Rate)
	if err != nil {
		t.Fatal(err)
	}
	checkEDL(t, edl, tl, nil, hour.Frames)
	data, _ := os.ReadFile(filepath.Join(filepath.Dir(o.Out), "Strand_u.otio"))
	var root otioNode
	json.Unmarshal(data, &root)
	if v := root.child("global_start_time")["value"].(float64); int64(v) != hour.Frames {
		t.Fatalf("OTIO global start %v, want %d", v, hour.Frames)
	}
}

// A mix-only active take, a slate for a shot not generated and a
// voice-over clip that began before the film still make a hand-off every
// reader opens.
func TestExportHandoffMixOnlySlateAndEarlyClip(t *testing.T) {
	tl := testTimeline(96, 54, project.DefaultRate, 24, 12, 24)
	tl.Shots[0].Clip.(*synthClip).noStems = true
	tl.Shots[1].Clip, tl.Shots[1].Take = nil, nil
	vo := make([]float32, 48000)
	tl.Audio = []AudioMedia{{Clip: &project.AudioClip{ID: 1, Lane: project.LaneVoiceOver, Name: "Erzählerin", Start: project.Frames(-12, tl.Rate)},
		Open: func() (audio.PCM, error) { return audio.PCM{Rate: 48000, Channels: 1, Samples: vo}, nil }}}
	o := testOpts(t, FormatFCPXML, "cut.fcpxml")
	o.Placeholders, o.PureGo = true, true
	res := mustExport(t, tl, o)
	if res.Main != o.Out {
		t.Fatalf("main %s", res.Main)
	}
	checkOTIO(t, withExt(o.Out, ".otio"), tl, ".avi", nil)
	checkEDL(t, withExt(o.Out, ".edl"), tl, nil, 0)
	checkFCPXML(t, o.Out, tl, nil)
	if _, err := os.Stat(strings.TrimSuffix(HandoffMediaPath(o.Out, 1, ".avi"), ".avi") + ".dialogue.wav"); !os.IsNotExist(err) {
		t.Fatalf("a mix-only take got stem files: %v", err)
	}
}

func TestExportHandoffPlaceholderGaps(t *testing.T) {
	tl := testTimeline(96, 54, project.DefaultRate, 24, 12, 24)
	tl.Shots[1].Clip, tl.Shots[1].Take = nil, nil
	o := testOpts(t, FormatEDL, "cut.edl")
	o.Placeholders, o.PlaceholderGaps, o.PureGo = true, true, true
	res := mustExport(t, tl, o)
	gaps := map[int]bool{2: true}
	checkOTIO(t, withExt(o.Out, ".otio"), tl, ".avi", gaps)
	checkEDL(t, o.Out, tl, gaps, 0)
	checkFCPXML(t, withExt(o.Out, ".fcpxml"), tl, gaps)
	if _, err := os.Stat(HandoffMediaPath(o.Out, 2, ".avi")); !os.IsNotExist(err) {
		t.Fatalf("a gap got a media file: %v", err)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "shot 2 was not generated") {
		t.Fatalf("notes %q do not mention the gap", res.Notes)
	}
}

// resolve returns the file a hand-off URL names, relative to dir.
func resolve(t *testing.T, dir, target string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatalf("target %q: %v", target, err)
	}
	if u.Scheme == "file" {
		return u.Path
	}
	if u.Scheme != "" || filepath.IsAbs(u.Path) {
		t.Fatalf("target %q is neither relative nor file://", target)
	}
	return filepath.Join(dir, filepath.FromSlash(u.Path))
}

// checkOTIO checks the OTIO file: V1 and one audio track per stem plus the
// lane's two, every track tiling the timeline, every shot's takes as media
// references (relative paths that resolve) with the active one named, the
// kino metadata, and the dialogue markers.
func checkOTIO(t *testing.T, path string, tl *Timeline, ext string, gaps map[int]bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root otioNode
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatalf("%s is not JSON: %v", path, err)
	}
	if root.schema() != "Timeline.1" || root["name"] != tl.Title {
		t.Fatalf("root is %q named %v", root.schema(), root["name"])
	}
	rate := tl.Rate.FPS()
	tracks := root.child("tracks").list("children")
	wantNames := []string{"V1", "A1 Dialogue", "A2 Effects", "A3 Ambience", "A4 Music", "A5 Music clips", "A6 Voice-over"}
	if len(tracks) != len(wantNames) || tracks[0]["kind"] != "Video" {
		t.Fatalf("%d tracks, want %v", len(tracks), wantNames)
	}
	dir := filepath.Dir(path)
	for ti, tr := range tracks {
		if tr["name"] != wantNames[ti] || (ti > 0 && tr["kind"] != "Audio") {
			t.Fatalf("track %d is %v (%v), want %s", ti, tr["name"], tr["kind"], wantNames[ti])
		}
		if ti > 4 {
			continue // the lane's tracks are checked below
		}
		items := tr.list("children")
		if len(items) != len(tl.Shots) {
			t.Fatalf("track %s has %d items, want %d", tr["name"], len(items), len(tl.Shots))
		}
		for i, it := range items {
			s := tl.Shots[i]
			_, dur := rangeOf(t, it.child("source_range"), rate)
			if int64(dur) != s.frames(tl.Rate) {
				t.Fatalf("track %s item %d lasts %v, want %d", tr["name"], i, dur, s.frames(tl.Rate))
			}
			slate := s.Placeholder || s.Clip == nil
			if gaps[i+1] || (slate && ti > 0) {
				if it.schema() != "Gap.1" {
					t.Fatalf("track %s item %d is %s, want a gap", tr["name"], i, it.schema())
				}
				continue
			}
			kino := it.child("metadata").child("kino")
			if kino["prompt"] != s.Shot.Prompt || int(kino["shot"].(float64)) != s.Shot.Number() {
				t.Fatalf("item %d kino metadata %v", i, kino)
			}
			refs := it.child("media_references")
			if len(refs) != 1+len(s.Alternates) {
				t.Fatalf("track %s shot %d has %d media references, want %d", tr["name"], i+1, len(refs), 1+len(s.Alternates))
			}
			active, _ := it["active_media_reference_key"].(string)
			ref := refs.child(active)
			if ti > 0 && !slate && !clipHasStems(s) {
				// A mix-only take has no stem files: its stems are missing
				// references, and its sound is in the video's.
				if ref.schema() != "MissingReference.1" {
					t.Fatalf("track %s shot %d: a mix-only take's stem is %v", tr["name"], i+1, ref)
				}
				continue
			}
			if ref.schema() != "ExternalReference.1" {
				t.Fatalf("track %s shot %d: the active key %q names %v", tr["name"], i+1, active, ref)
			}
			file := resolve(t, dir, ref["target_url"].(string))
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("track %s shot %d: media %s: %v", tr["name"], i+1, ref["target_url"], err)
			}
			if ti == 0 && !strings.HasSuffix(file, ext) {
				t.Fatalf("video media %s, want %s", file, ext)
			}
			for key := range refs {
				r := refs.child(key)
				if r.schema() == "MissingReference.1" {
					if ti == 0 {
						t.Fatalf("a take's video is missing: %v", r)
					}
					continue
				}
				if _, err := os.Stat(resolve(t, dir, r["target_url"].(string))); err != nil {
					t.Fatalf("take %s: %v", key, err)
				}
				if r.child("metadata").child("kino")["seed"] == nil {
					t.Fatalf("take %s has no kino metadata", key)
				}
			}
			if (ti == 0 || ti == 1) && len(s.Shot.Dialogue) > 0 {
				ms := it.list("markers")
				if len(ms) != len(s.Shot.Dialogue) || ms[0].schema() != "Marker.2" || !strings.Contains(ms[0]["name"].(string), s.Shot.Dialogue[0].Text) {
					t.Fatalf("track %s shot %d markers %v", tr["name"], i+1, ms)
				}
			}
		}
	}
	for k, a := range tl.Audio {
		lane := tracks[5]
		if a.Clip.Lane == project.LaneVoiceOver {
			lane = tracks[6]
		}
		var at int64
		found := false
		for _, it := range lane.list("children") {
			from, dur := rangeOf(t, it.child("source_range"), rate)
			if it.schema() == "Clip.2" && it["name"] == a.Clip.Name {
				found = true
				// A clip that began before the film is trimmed to start with it.
				start := a.Clip.Start.Rescale(tl.Rate).Frames
				if at != max(start, 0) || int64(from) != max(-start, 0) {
					t.Fatalf("lane clip %d at %d from its frame %v, want at %d from %d", k, at, from, max(start, 0), max(-start, 0))
				}
			}
			at += int64(dur)
		}
		if !found {
			t.Fatalf("lane clip %q is not on its track", a.Clip.Name)
		}
	}
}

// checkEDL checks the EDL: a UTF-8 title, one AA/V event per shot with
// media whose record times tile the film from start, unique reels of at
// most eight characters, and clip names equal to the files beside it.
func checkEDL(t *testing.T, path string, tl *Timeline, gaps map[int]bool, start int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\r\n"), "\r\n")
	if lines[0] != "TITLE: "+tl.Title || lines[1] != "FCM: NON-DROP FRAME" {
		t.Fatalf("header %q", lines[:2])
	}
	reels := map[string]bool{}
	event := 0
	rec := start
	shot := 0
	for i, l := range lines {
		m := edlEvent.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		for gaps[shot+1] {
			rec += tl.Shots[shot].frames(tl.Rate)
			shot++
		}
		s := tl.Shots[shot]
		event++
		tc := func(f int64) string { return project.Frames(f, tl.Rate).Timecode() }
		if m[1] != strings.Repeat("0", 3-len(string(rune('0'+event))))+string(rune('0'+event)) && event < 10 {
			t.Fatalf("event number %s, want %d", m[1], event)
		}
		if reels[m[2]] || len(m[2]) > 8 {
			t.Fatalf("reel %q is reused or too long", m[2])
		}
		reels[m[2]] = true
		n := s.frames(tl.Rate)
		if m[3] != tc(0) || m[4] != tc(n) || m[5] != tc(rec) || m[6] != tc(rec+n) {
			t.Fatalf("event %d: %q, want source 0..%d and record %d..%d", event, l, n, rec, rec+n)
		}
		name, ok := strings.CutPrefix(lines[i+1], "* FROM CLIP NAME: ")
		if !ok {
			t.Fatalf("event %d has no clip name: %q", event, lines[i+1])
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(path), name)); err != nil {
			t.Fatalf("event %d clip name %q is not the file beside the EDL: %v", event, name, err)
		}
		rec += n
		shot++
	}
	if want := len(tl.Shots) - len(gaps); event != want {
		t.Fatalf("%d events, want %d", event, want)
	}
}

// fcpxmlCheck is the part of an FCPXML document the tests read.
type fcpxmlCheck struct {
	XMLName   xml.Name `xml:"fcpxml"`
	Version   string   `xml:"version,attr"`
	Resources struct {
		Assets []struct {
			ID       string `xml:"id,attr"`
			MediaRep struct {
				Src string `xml:"src,attr"`
			} `xml:"media-rep"`
		} `xml:"asset"`
	} `xml:"resources"`
	Sequence struct {
		Duration  string            `xml:"duration,attr"`
		Clips     []fcpxmlCheckClip `xml:"asset-clip"`
		Auditions []struct {
			Offset string            `xml:"offset,attr"`
			Clips  []fcpxmlCheckClip `xml:"asset-clip"`
		} `xml:"audition"`
		Gaps []struct {
			Duration string `xml:"duration,attr"`
		} `xml:"gap"`
	} `xml:"library>event>project>sequence>spine"`
}

type fcpxmlCheckClip struct {
	Ref       string `xml:"ref,attr"`
	Offset    string `xml:"offset,attr"`
	Duration  string `xml:"duration,attr"`
	Connected []struct {
		Lane      string `xml:"lane,attr"`
		AudioRole string `xml:"audioRole,attr"`
	} `xml:"asset-clip"`
	Markers []struct {
		Value string `xml:"value,attr"`
	} `xml:"marker"`
}

// checkFCPXML checks that the FCPXML is well-formed version 1.10 with an
// asset-clip per shot at its place, stems connected below with their
// roles, dialogue markers, and every asset's file there. (Validation
// against Apple's DTD is in make interop.)
func checkFCPXML(t *testing.T, path string, tl *Timeline, gaps map[int]bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc fcpxmlCheck
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s is not well-formed: %v", path, err)
	}
	if doc.Version != "1.10" {
		t.Fatalf("version %q", doc.Version)
	}
	for _, a := range doc.Resources.Assets {
		if _, err := os.Stat(resolve(t, "/", a.MediaRep.Src)); err != nil {
			t.Fatalf("asset %s: %v", a.ID, err)
		}
	}
	// Each shot is a clip, or an audition of all its takes (the active
	// one first), at its place.
	byOffset := map[string]fcpxmlCheckClip{}
	takes := map[string]int{}
	for _, c := range doc.Sequence.Clips {
		byOffset[c.Offset], takes[c.Offset] = c, 1
	}
	for _, a := range doc.Sequence.Auditions {
		byOffset[a.Offset], takes[a.Offset] = a.Clips[0], len(a.Clips)
	}
	if len(byOffset) != len(tl.Shots)-len(gaps) || len(doc.Sequence.Gaps) != len(gaps) {
		t.Fatalf("%d clips and auditions and %d gaps on the spine", len(byOffset), len(doc.Sequence.Gaps))
	}
	var at int64
	for i, s := range tl.Shots {
		n := s.frames(tl.Rate)
		if gaps[i+1] {
			at += n
			continue
		}
		c, ok := byOffset[fcpSeconds(at, tl.Rate)]
		if !ok || takes[c.Offset] != 1+len(s.Alternates) {
			t.Fatalf("shot %d: nothing at %s with its %d takes", i+1, fcpSeconds(at, tl.Rate), 1+len(s.Alternates))
		}
		if c.Offset != fcpSeconds(at, tl.Rate) || c.Duration != fcpSeconds(n, tl.Rate) {
			t.Fatalf("shot %d at %s for %s, want %s for %s", i+1, c.Offset, c.Duration, fcpSeconds(at, tl.Rate), fcpSeconds(n, tl.Rate))
		}
		roles := map[string]bool{}
		for _, cc := range c.Connected {
			roles[cc.AudioRole] = true
		}
		if !s.Placeholder && s.Clip != nil && clipHasStems(s) && (!roles["dialogue"] || !roles["music"] || !roles["effects"] || !roles["effects.ambience"]) {
			t.Fatalf("shot %d connected roles %v", i+1, roles)
		}
		if len(c.Markers) != len(s.Shot.Dialogue) {
			t.Fatalf("shot %d has %d markers, want %d", i+1, len(c.Markers), len(s.Shot.Dialogue))
		}
		at += n
	}
}
