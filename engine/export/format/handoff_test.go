package format

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"kino/project"
)

// testHandoff is a small hand-off at 29.97 fps from 01:00:00:00: shot 1
// with stems and a dialogue line, shot 2 a gap, shot 3 with its take 2
// shown (stems) and take 1 as an alternate (mix only), a music clip that
// began before the film and a voice-over clip.
func testHandoff() *Handoff {
	r := project.Rate2997
	ann := Cameo{Handle: "@ann", Name: "Ann Example", ConsentID: "consent-ann", ConsentOwner: "Ann Example", ConsentScope: project.ConsentAnyProject, ConsentSeq: 1, Signature: "signed by owner"}
	stems := func(base string) [4]string {
		return [4]string{base + ".dialogue.wav", base + ".effects.wav", base + ".ambience.wav", base + ".music.wav"}
	}
	o1 := Origin{Shot: 1, ShotID: 101, TakeID: 501, Prompt: "me on the beach", Backend: "previz", Seed: 41, Cameos: []Cameo{ann}}
	o3 := Origin{Shot: 3, ShotID: 103, TakeID: 503, Prompt: "fireworks", Backend: "previz", Seed: 43}
	o3alt := Origin{Shot: 3, ShotID: 103, TakeID: 777, Prompt: "an older prompt", Backend: "previz", Seed: 99}
	return &Handoff{
		Title: "Strand ü 花火", Rate: r, Start: 108000, Width: 160, Height: 90, Frames: 30 + 45 + 15,
		App: "Kino", Version: "test", ExportedAt: time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC), Watermark: true,
		Shots: []HandoffShot{
			{Number: 1, Start: 0, Frames: 30, Origin: o1, Dialogue: []project.DialogueLine{{Speaker: "@ann", Text: "Schau, 花火!", Start: project.Frames(6, r)}},
				Takes: []HandoffTake{{Key: "take1", Number: 1, Origin: o1, Video: "/out/film.shot001.mp4", Stems: stems("/out/film.shot001")}}},
			{Number: 2, Start: 30, Frames: 45, Gap: true, Origin: Origin{Shot: 2, ShotID: 102, Placeholder: true}},
			{Number: 3, Start: 75, Frames: 15, Origin: o3, Active: 0, Takes: []HandoffTake{
				{Key: "take2", Number: 2, Origin: o3, Video: "/out/film.shot003.mp4", Stems: stems("/out/film.shot003")},
				{Key: "take1", Number: 1, Origin: o3alt, Video: "/out/film.shot003.take1.mp4"},
			}},
		},
		Lanes: []HandoffLane{
			{Lane: project.LaneMusic, Name: "Thema", GainDB: -3, SHA256: "abc", File: "/out/film.music01.wav", Start: -5, Frames: 40, Channels: 2, Rate: 48000},
			{Lane: project.LaneVoiceOver, Name: "Intro", File: "/out/film.voiceover01.wav", Start: 10, Frames: 20, Channels: 1, Rate: 44100},
		},
	}
}

// The EDL has one event per shot with media, its record times from the
// record start past the gap, a unique reel of at most eight characters,
// the file's name, and a remark per lane clip; lines end in CRLF.
func TestEDL(t *testing.T) {
	data, err := EDL(testHandoff())
	if err != nil {
		t.Fatal(err)
	}
	want := "TITLE: Strand ü 花火\r\nFCM: NON-DROP FRAME\r\n\r\n" +
		"001  SHOT001  AA/V  C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\r\n" +
		"* FROM CLIP NAME: film.shot001.mp4\r\n* SOURCE FILE: film.shot001.mp4\r\n* COMMENT: KINO SHOT 1 TAKE 1 SEED 41 previz\r\n\r\n" +
		"002  SHOT003  AA/V  C        00:00:00:00 00:00:00:15 01:00:02:15 01:00:03:00\r\n" +
		"* FROM CLIP NAME: film.shot003.mp4\r\n* SOURCE FILE: film.shot003.mp4\r\n* COMMENT: KINO SHOT 3 TAKE 2 SEED 43 previz\r\n\r\n" +
		"* KINO MUSIC CLIP Thema AT 00:59:59:25 IS IN THE OTIO AND FCPXML: film.music01.wav\r\n" +
		"* KINO VOICE-OVER CLIP Intro AT 01:00:00:10 IS IN THE OTIO AND FCPXML: film.voiceover01.wav\r\n"
	if string(data) != want {
		t.Fatalf("EDL:\n%s\nwant:\n%s", data, want)
	}
}

// Reels stay unique in eight characters, alternates get S<shot>T<take>.
func TestEDLReels(t *testing.T) {
	h := &Handoff{Shots: []HandoffShot{
		{Takes: []HandoffTake{{Video: "/a/film.shot001.mp4"}, {Video: "/a/film.shot001.take12.mp4"}}},
		{Takes: []HandoffTake{{Video: "/a/other.shot001.mp4"}}},
		{Takes: []HandoffTake{{Video: "/a/花火.mp4"}}},
	}}
	got := reels(h)
	want := [][]string{{"SHOT001", "S001T12"}, {"SHOT0012"}, {"KINO"}}
	for i := range want {
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Fatalf("reels %q, want %q", got, want)
			}
		}
	}
}

// A CMX 3600 EDL numbers at most 999 events.
func TestEDLRefusesTooManyEvents(t *testing.T) {
	h := &Handoff{Rate: project.DefaultRate}
	for i := range MaxEDLEvents + 1 {
		h.Shots = append(h.Shots, HandoffShot{Number: i + 1, Frames: 1, Takes: []HandoffTake{{Video: "/a/x.mp4"}}})
	}
	_, err := EDL(h)
	if project.ErrorCode(err) != project.EINVALID || !strings.Contains(err.Error(), "999") {
		t.Fatalf("err = %v", err)
	}
}

// otioDoc is the part of an OTIO file the tests read back.
type otioDoc struct {
	Schema          string
	Name            string
	Metadata        map[string]map[string]any
	GlobalStartTime struct{ Rate, Value float64 } `json:"global_start_time"`
	Tracks          struct {
		Children []struct {
			Name     string
			Kind     string
			Children []struct {
				Schema      string `json:"OTIO_SCHEMA"`
				Name        string
				SourceRange struct {
					StartTime struct{ Value float64 } `json:"start_time"`
					Duration  struct{ Value float64 }
				} `json:"source_range"`
				ActiveKey string `json:"active_media_reference_key"`
				Markers   []struct{ Name string }
				Refs      map[string]struct {
					Schema    string `json:"OTIO_SCHEMA"`
					TargetURL string `json:"target_url"`
				} `json:"media_references"`
			}
		}
	}
}

// The OTIO has V1 and six audio tracks; shots are clips with every take
// as a media reference, the gap a gap, a mix-only take a missing
// reference on the stem tracks, and lane clips trimmed to the film.
func TestOTIO(t *testing.T) {
	data, err := OTIO(testHandoff(), "/out")
	if err != nil {
		t.Fatal(err)
	}
	var doc otioDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if doc.Name != "Strand ü 花火" || doc.GlobalStartTime.Value != 108000 || doc.GlobalStartTime.Rate != 30000.0/1001 {
		t.Fatalf("timeline %q starts at %+v", doc.Name, doc.GlobalStartTime)
	}
	if k := doc.Metadata["kino"]; k["relative_paths"] != true || k["watermark"] != true || k["app"] != "Kino" || k["exported_at"] != "2026-03-14T15:09:26Z" {
		t.Fatalf("metadata %v", k)
	}
	tracks := doc.Tracks.Children
	var names []string
	for _, tr := range tracks {
		names = append(names, tr.Name+"/"+tr.Kind)
	}
	if got := strings.Join(names, ","); got != "V1/Video,A1 Dialogue/Audio,A2 Effects/Audio,A3 Ambience/Audio,A4 Music/Audio,A5 Music clips/Audio,A6 Voice-over/Audio" {
		t.Fatalf("tracks %s", got)
	}
	v := tracks[0].Children
	if len(v) != 3 || v[0].Schema != "Clip.2" || v[1].Schema != "Gap.1" || v[2].Schema != "Clip.2" || v[1].SourceRange.Duration.Value != 45 {
		t.Fatalf("V1: %+v", v)
	}
	if len(v[0].Markers) != 1 || v[0].Markers[0].Name != "@ann: Schau, 花火!" {
		t.Fatalf("shot 1 markers %+v", v[0].Markers)
	}
	if v[2].ActiveKey != "take2" || v[2].Refs["take2"].TargetURL != "film.shot003.mp4" || v[2].Refs["take1"].TargetURL != "film.shot003.take1.mp4" {
		t.Fatalf("shot 3 references %+v active %q", v[2].Refs, v[2].ActiveKey)
	}
	a1 := tracks[1].Children[2]
	if a1.Refs["take2"].TargetURL != "film.shot003.dialogue.wav" || a1.Refs["take1"].Schema != "MissingReference.1" {
		t.Fatalf("shot 3 on A1: %+v", a1.Refs)
	}
	music := tracks[5].Children
	if len(music) != 1 || music[0].SourceRange.StartTime.Value != 5 || music[0].SourceRange.Duration.Value != 35 {
		t.Fatalf("music track %+v", music)
	}
	vo := tracks[6].Children
	if len(vo) != 2 || vo[0].Schema != "Gap.1" || vo[0].SourceRange.Duration.Value != 10 || vo[1].Name != "Intro" {
		t.Fatalf("voice-over track %+v", vo)
	}

	// Without a folder, media are absolute file:// URLs.
	data, err = OTIO(testHandoff(), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if u := doc.Tracks.Children[0].Children[0].Refs["take1"].TargetURL; u != "file:///out/film.shot001.mp4" || doc.Metadata["kino"]["relative_paths"] != false {
		t.Fatalf("absolute URL %q", u)
	}
}

func TestOTIOFloatsKeepTheirPoint(t *testing.T) {
	b, _ := json.Marshal([]otioFloat{24, 29.97002997002997, 0, 120})
	if string(b) != "[24.0,29.97002997002997,0.0,120.0]" {
		t.Fatalf("got %s", b)
	}
}

// EDL text stays on one line of at most 70 characters and keeps UTF-8.
func TestEDLTextIsOneLine(t *testing.T) {
	got := edlText("Für Zoë\nat dusk · 花火 take 2 and a very long tail that goes past the seventy character limit of a line")
	if n := len([]rune(got)); n > 70 {
		t.Fatalf("%d characters", n)
	}
	if !strings.HasPrefix(got, "Für Zoë at dusk · 花火 take 2") || strings.ContainsAny(got, "\r\n") {
		t.Fatalf("got %q", got)
	}
}

// fcpDoc is the part of an FCPXML file the tests read back.
type fcpDoc struct {
	Version string `xml:"version,attr"`
	Format  struct {
		FrameDuration string `xml:"frameDuration,attr"`
	} `xml:"resources>format"`
	Assets []struct {
		ID       string `xml:"id,attr"`
		MediaRep struct {
			Src string `xml:"src,attr"`
		} `xml:"media-rep"`
	} `xml:"resources>asset"`
	Sequence struct {
		Duration string `xml:"duration,attr"`
		TCStart  string `xml:"tcStart,attr"`
		Spine    struct {
			Items []struct {
				XMLName xml.Name
				Name    string    `xml:"name,attr"`
				Offset  string    `xml:"offset,attr"`
				Clips   []fcpClip `xml:"asset-clip"`
			} `xml:",any"`
		} `xml:"spine"`
	} `xml:"library>event>project>sequence"`
}

type fcpClip struct {
	Name      string    `xml:"name,attr"`
	Lane      string    `xml:"lane,attr"`
	Offset    string    `xml:"offset,attr"`
	Start     string    `xml:"start,attr"`
	Duration  string    `xml:"duration,attr"`
	AudioRole string    `xml:"audioRole,attr"`
	SrcEnable string    `xml:"srcEnable,attr"`
	Connected []fcpClip `xml:"asset-clip"`
	Markers   []struct {
		Value string `xml:"value,attr"`
	} `xml:"marker"`
}

// The FCPXML has the shots on the spine in rational seconds (shot 1 a
// clip, shot 2 a gap, shot 3 an audition with the active take first),
// the stems and lane clips connected below, and absolute media URLs.
func TestFCPXML(t *testing.T) {
	data, err := FCPXML(testHandoff())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), xml.Header+"<!DOCTYPE fcpxml>\n<fcpxml version=\"1.10\">") {
		t.Fatalf("header %q", data[:80])
	}
	var doc fcpDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format.FrameDuration != "1001/30000s" || doc.Sequence.Duration != "3003/1000s" || doc.Sequence.TCStart != "18018/5s" {
		t.Fatalf("frame %s, duration %s, start %s", doc.Format.FrameDuration, doc.Sequence.Duration, doc.Sequence.TCStart)
	}
	for _, a := range doc.Assets {
		if !strings.HasPrefix(a.MediaRep.Src, "file:///out/film.") {
			t.Fatalf("asset %s at %q", a.ID, a.MediaRep.Src)
		}
	}
	items := doc.Sequence.Spine.Items
	if len(items) != 3 || items[0].XMLName.Local != "asset-clip" || items[1].XMLName.Local != "gap" || items[2].XMLName.Local != "audition" {
		t.Fatalf("spine %+v", items)
	}
	if items[1].Offset != "1001/1000s" || items[2].Offset != "1001/400s" {
		t.Fatalf("offsets %s %s", items[1].Offset, items[2].Offset)
	}
	au := items[2].Clips
	if len(au) != 2 || au[0].Name != "Shot 3" || au[1].Name != "Shot 3 (take1)" {
		t.Fatalf("audition %+v", au)
	}
	var roles []string
	for _, c := range au[0].Connected {
		roles = append(roles, c.Lane+":"+c.AudioRole)
	}
	if got := strings.Join(roles, ","); got != "-1:dialogue,-2:effects,-3:effects.ambience,-4:music" || au[0].SrcEnable != "video" {
		t.Fatalf("shot 3's stems %s (srcEnable %q)", got, au[0].SrcEnable)
	}
	if au[1].AudioRole != "dialogue" || len(au[1].Connected) != 0 {
		t.Fatalf("the mix-only take %+v", au[1])
	}
}

// A hand-off with no shots gives documents with no events, not an error.
func TestHandoffDocumentsOfAnEmptyFilm(t *testing.T) {
	h := &Handoff{Title: "", Rate: project.DefaultRate}
	for name, build := range map[string]func() ([]byte, error){
		"OTIO": func() ([]byte, error) { return OTIO(h, "/out") }, "EDL": func() ([]byte, error) { return EDL(h) }, "FCPXML": func() ([]byte, error) { return FCPXML(h) },
	} {
		if data, err := build(); err != nil || len(data) == 0 {
			t.Errorf("%s: %d bytes, %v", name, len(data), err)
		}
	}
}
