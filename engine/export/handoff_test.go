package export

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

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

// edlEvent is one parsed EDL event line.
var edlEvent = regexp.MustCompile(`^(\d{3})  (\S+)\s+V\s+C\s+(\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d)$`)

func TestExportHandoff(t *testing.T) {
	for _, pureGo := range []bool{false, true} {
		name := map[bool]string{false: "ffmpeg", true: "pure-go"}[pureGo]
		t.Run(name, func(t *testing.T) {
			tl := testTimeline(160, 90, project.Rate2997, 30, 45, 15)
			ann := cameo("@ann", "Ann Example")
			cast(tl, 1, ann, "hero")
			o := testOpts(t, FormatOTIO, "cut.otio")
			o.PureGo = pureGo
			res := mustExport(t, tl, o)
			ext := ".mp4"
			if pureGo {
				ext = ".avi"
			}
			if res.Main != o.Out || res.UsedFFmpeg == pureGo {
				t.Fatalf("result %+v", res)
			}
			checkOTIO(t, o.Out, tl, ext, nil)
			checkEDL(t, withExt(o.Out, ".edl"), tl, nil)
			// Every shot's media plays on its own, with its provenance.
			for i, s := range tl.Shots {
				path := HandoffMediaPath(o.Out, s.Shot.Number(), ext)
				one, _ := tl.only(s.Shot.Number())
				vcodec, acodec := "h264", "aac"
				if pureGo {
					vcodec, acodec = "mjpeg", "pcm_s16le"
				}
				checkVideo(t, path, one, vcodec, acodec, 160, 90)
				prov := checkSidecar(t, path)
				if prov.Role != "shot "+strconv.Itoa(s.Shot.Number()) || len(prov.Shots) != 1 {
					t.Fatalf("shot %d sidecar %+v", i+1, prov)
				}
				if i == 1 && (len(prov.Shots[0].Cameos) != 1 || prov.Shots[0].Cameos[0].ConsentID != "consent-ann" || prov.Shots[0].Cameos[0].ConsentOwner != "Ann Example") {
					t.Fatalf("shot 2 sidecar cameos %+v", prov.Shots[0].Cameos)
				}
			}
		})
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
	checkEDL(t, o.Out, tl, gaps)
	if _, err := os.Stat(HandoffMediaPath(o.Out, 2, ".avi")); !os.IsNotExist(err) {
		t.Fatalf("a gap got a media file: %v", err)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "shot 2 was not generated") {
		t.Fatalf("notes %q do not mention the gap", res.Notes)
	}
}

// checkOTIO checks the OTIO file's schema names and versions, that each
// track's items tile the timeline (no gap, no overlap, in order, each as
// long as its shot), that every clip's media exists, and the metadata.
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
	stack := root.child("tracks")
	if stack.schema() != "Stack.1" {
		t.Fatalf("tracks is %q", stack.schema())
	}
	rate := tl.Rate.FPS()
	tracks := stack.list("children")
	if len(tracks) != 2 || tracks[0]["kind"] != "Video" || tracks[1]["kind"] != "Audio" {
		t.Fatalf("tracks %v", tracks)
	}
	for _, tr := range tracks {
		if tr.schema() != "Track.1" {
			t.Fatalf("track schema %q", tr.schema())
		}
		items := tr.list("children")
		if len(items) != len(tl.Shots) {
			t.Fatalf("%s track has %d items for %d shots", tr["kind"], len(items), len(tl.Shots))
		}
		var at float64
		for i, it := range items {
			s := tl.Shots[i]
			start, dur := rangeOf(t, it.child("source_range"), rate)
			if start != 0 || dur != float64(s.frames(tl.Rate)) {
				t.Fatalf("item %d covers %v+%v, want 0+%d", i, start, dur, s.frames(tl.Rate))
			}
			at += dur
			kino := it.child("metadata").child("kino")
			if kino["shot"].(float64) != float64(s.Shot.Number()) || kino["prompt"] != s.Shot.Prompt || kino["seed"].(float64) != float64(s.Shot.Seed.Value) {
				t.Fatalf("item %d metadata %v", i, kino)
			}
			if gaps[s.Shot.Number()] {
				if it.schema() != "Gap.1" {
					t.Fatalf("item %d is %q, want Gap.1", i, it.schema())
				}
				continue
			}
			if it.schema() != "Clip.2" || it["active_media_reference_key"] != "DEFAULT_MEDIA" {
				t.Fatalf("item %d is %q with key %v", i, it.schema(), it["active_media_reference_key"])
			}
			if kino["take_id"].(float64) != float64(s.Take.ID) || kino["model"] != s.Take.Model {
				t.Fatalf("item %d metadata %v", i, kino)
			}
			ref := it.child("media_references").child("DEFAULT_MEDIA")
			if ref.schema() != "ExternalReference.1" {
				t.Fatalf("media reference schema %q", ref.schema())
			}
			if _, d := rangeOf(t, ref.child("available_range"), rate); d != dur {
				t.Fatalf("available range %v, clip %v", d, dur)
			}
			u, err := url.Parse(ref["target_url"].(string))
			if err != nil || u.Scheme != "file" {
				t.Fatalf("target_url %v: %v", ref["target_url"], err)
			}
			if u.Path != HandoffMediaPath(path, s.Shot.Number(), ext) {
				t.Fatalf("target %s, want %s", u.Path, HandoffMediaPath(path, s.Shot.Number(), ext))
			}
			if _, err := os.Stat(u.Path); err != nil {
				t.Fatalf("referenced media: %v", err)
			}
		}
		if at != float64(tl.Duration().Frames) {
			t.Fatalf("%s track lasts %v frames, the timeline %d", tr["kind"], at, tl.Duration().Frames)
		}
	}
}

// checkEDL checks the EDL's header, that its events are numbered in
// order, and that their timecodes place each shot with media where the
// timeline has it.
func checkEDL(t *testing.T, path string, tl *Timeline, gaps map[int]bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if lines[0] != "TITLE: "+tl.Title || lines[1] != "FCM: NON-DROP FRAME" {
		t.Fatalf("EDL header %q", lines[:2])
	}
	var events [][]string
	var names []string
	for _, l := range lines {
		if m := edlEvent.FindStringSubmatch(l); m != nil {
			events = append(events, m)
		}
		if n, ok := strings.CutPrefix(l, "* FROM CLIP NAME: "); ok {
			names = append(names, n)
		}
	}
	var rec int64
	k := 0
	for _, s := range tl.Shots {
		n := s.frames(tl.Rate)
		if gaps[s.Shot.Number()] {
			rec += n
			continue
		}
		if k >= len(events) {
			t.Fatalf("EDL has %d events; shot %d has none", len(events), s.Shot.Number())
		}
		e := events[k]
		tc := func(f int64) string { return project.Frames(f, tl.Rate).Timecode() }
		want := []string{itoa3(k + 1), "AX", tc(0), tc(n), tc(rec), tc(rec + n)}
		if got := []string{e[1], e[2], e[3], e[4], e[5], e[6]}; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("event %d is %v, want %v", k+1, got, want)
		}
		if !strings.HasSuffix(names[k], ".shot"+itoa3(s.Shot.Number())+".mp4") && !strings.HasSuffix(names[k], ".shot"+itoa3(s.Shot.Number())+".avi") {
			t.Fatalf("event %d clip name %q", k+1, names[k])
		}
		rec += n
		k++
	}
	if k != len(events) {
		t.Fatalf("EDL has %d events, want %d", len(events), k)
	}
}

func itoa3(n int) string { return fmt.Sprintf("%03d", n) }
