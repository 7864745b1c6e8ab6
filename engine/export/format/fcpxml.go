package format

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strconv"

	"kino/engine/audio"
	"kino/project"
)

// FCPXML 1.10 for Final Cut Pro and DaVinci Resolve: the resources (one
// format, and an asset per media file), then a library with one event
// holding one project whose sequence has the shots as asset-clips on the
// spine (a shot with several takes as an audition of them all, the active
// one picked). Each take's four stems are
// connected below it (lanes -1 to -4, roles dialogue, effects,
// effects.ambience and music), the audio lane's clips below those, and the
// dialogue lines are markers. Times are rational seconds of whole frames
// ("1001/30000s"). Media are named by absolute file:// URLs, as Final Cut
// Pro requires.

// fcpxmlRoles are the audio roles of the stems, in audio.Stems order.
var fcpxmlRoles = []string{"dialogue", "effects", "effects.ambience", "music"}

type fcpxmlDoc struct {
	XMLName   xml.Name       `xml:"fcpxml"`
	Version   string         `xml:"version,attr"`
	Resources fcpxmlResource `xml:"resources"`
	Library   fcpxmlLibrary  `xml:"library"`
}

type fcpxmlResource struct {
	Format fcpxmlFormat  `xml:"format"`
	Assets []fcpxmlAsset `xml:"asset"`
}

type fcpxmlFormat struct {
	ID            string `xml:"id,attr"`
	FrameDuration string `xml:"frameDuration,attr"`
	Width         int    `xml:"width,attr"`
	Height        int    `xml:"height,attr"`
	ColorSpace    string `xml:"colorSpace,attr"`
}

type fcpxmlAsset struct {
	ID            string          `xml:"id,attr"`
	Name          string          `xml:"name,attr"`
	Start         string          `xml:"start,attr"`
	Duration      string          `xml:"duration,attr"`
	HasVideo      string          `xml:"hasVideo,attr,omitempty"`
	Format        string          `xml:"format,attr,omitempty"`
	HasAudio      string          `xml:"hasAudio,attr"`
	AudioSources  string          `xml:"audioSources,attr"`
	AudioChannels string          `xml:"audioChannels,attr"`
	AudioRate     string          `xml:"audioRate,attr"`
	MediaRep      fcpxmlMediaRep  `xml:"media-rep"`
	Metadata      *fcpxmlMetadata `xml:"metadata,omitempty"`
}

type fcpxmlMediaRep struct {
	Kind string `xml:"kind,attr"`
	Src  string `xml:"src,attr"`
}

type fcpxmlMetadata struct {
	MD []fcpxmlMD `xml:"md"`
}

type fcpxmlMD struct {
	Key   string `xml:"key,attr"`
	Value string `xml:"value,attr"`
}

type fcpxmlLibrary struct {
	Event fcpxmlEvent `xml:"event"`
}

type fcpxmlEvent struct {
	Name    string        `xml:"name,attr"`
	Project fcpxmlProject `xml:"project"`
}

type fcpxmlProject struct {
	Name     string         `xml:"name,attr"`
	Sequence fcpxmlSequence `xml:"sequence"`
}

type fcpxmlSequence struct {
	Format      string      `xml:"format,attr"`
	Duration    string      `xml:"duration,attr"`
	TCStart     string      `xml:"tcStart,attr"`
	TCFormat    string      `xml:"tcFormat,attr"`
	AudioLayout string      `xml:"audioLayout,attr"`
	AudioRate   string      `xml:"audioRate,attr"`
	Spine       fcpxmlSpine `xml:"spine"`
}

type fcpxmlSpine struct {
	Items []any // *fcpxmlClip or *fcpxmlGap
}

// fcpxmlClip is an asset-clip, on the spine or connected to one.
type fcpxmlClip struct {
	XMLName   xml.Name        `xml:"asset-clip"`
	Ref       string          `xml:"ref,attr"`
	Lane      string          `xml:"lane,attr,omitempty"`
	Offset    string          `xml:"offset,attr"`
	Name      string          `xml:"name,attr"`
	Start     string          `xml:"start,attr"`
	Duration  string          `xml:"duration,attr"`
	SrcEnable string          `xml:"srcEnable,attr,omitempty"`
	TCFormat  string          `xml:"tcFormat,attr,omitempty"`
	AudioRole string          `xml:"audioRole,attr,omitempty"`
	Note      string          `xml:"note,omitempty"`
	Connected []*fcpxmlClip   `xml:"asset-clip"`
	Markers   []fcpxmlMarker  `xml:"marker"`
	Metadata  *fcpxmlMetadata `xml:"metadata,omitempty"`
}

// fcpxmlAudition offers a shot's takes: the first clip is the one used.
type fcpxmlAudition struct {
	XMLName xml.Name      `xml:"audition"`
	Offset  string        `xml:"offset,attr"`
	Clips   []*fcpxmlClip `xml:"asset-clip"`
}

type fcpxmlGap struct {
	XMLName  xml.Name      `xml:"gap"`
	Name     string        `xml:"name,attr"`
	Offset   string        `xml:"offset,attr"`
	Start    string        `xml:"start,attr"`
	Duration string        `xml:"duration,attr"`
	Clips    []*fcpxmlClip `xml:"asset-clip"`
}

type fcpxmlMarker struct {
	Start    string `xml:"start,attr"`
	Duration string `xml:"duration,attr"`
	Value    string `xml:"value,attr"`
	Note     string `xml:"note,attr,omitempty"`
}

// fcpTime is frames at rate r as FCPXML rational seconds.
func fcpTime(frames int64, r project.Rate) string {
	if frames == 0 {
		return "0s"
	}
	n, d := frames*r.Den, r.Num
	if g := gcd64(abs64(n), d); g > 1 {
		n, d = n/g, d/g
	}
	if d == 1 {
		return strconv.FormatInt(n, 10) + "s"
	}
	return fmt.Sprintf("%d/%ds", n, d)
}

func gcd64(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

// FCPXML returns the FCPXML 1.10 of the hand-off.
func FCPXML(h *Handoff) ([]byte, error) {
	r := h.Rate
	ft := func(f int64) string { return fcpTime(f, r) }
	doc := fcpxmlDoc{Version: "1.10"}
	doc.Resources.Format = fcpxmlFormat{ID: "r1", FrameDuration: fcpTime(1, r), Width: h.Width, Height: h.Height, ColorSpace: "1-1-1 (Rec. 709)"}
	nextID := 2
	asset := func(file string, frames int64, video bool, channels, rate int, md []fcpxmlMD) string {
		id := "r" + strconv.Itoa(nextID)
		nextID++
		a := fcpxmlAsset{
			ID: id, Name: filepath.Base(file), Start: "0s", Duration: ft(frames), HasAudio: "1",
			AudioSources: "1", AudioChannels: strconv.Itoa(channels), AudioRate: strconv.Itoa(rate),
			MediaRep: fcpxmlMediaRep{Kind: "original-media", Src: fileURL(file)},
		}
		if video {
			a.HasVideo, a.Format = "1", "r1"
		}
		if len(md) > 0 {
			a.Metadata = &fcpxmlMetadata{MD: md}
		}
		doc.Resources.Assets = append(doc.Resources.Assets, a)
		return id
	}
	var items []any
	for i := range h.Shots {
		s := &h.Shots[i]
		name := "Shot " + strconv.Itoa(s.Number)
		if s.Gap {
			items = append(items, &fcpxmlGap{Name: name + " (not generated)", Offset: ft(s.Start), Start: "0s", Duration: ft(s.Frames)})
			continue
		}
		var clips []*fcpxmlClip
		for k := range s.Takes {
			tk := &s.Takes[k]
			clip := fcpxmlTakeClip(s, tk, ft, asset)
			clip.Offset = ft(s.Start)
			if k == s.Active {
				for _, l := range s.Dialogue {
					at := l.Start.Rescale(r).Frames
					if at >= 0 && at < s.Frames {
						clip.Markers = append(clip.Markers, fcpxmlMarker{Start: ft(at), Duration: ft(1), Value: l.Speaker + ": " + l.Text})
					}
				}
				clips = append([]*fcpxmlClip{clip}, clips...)
				continue
			}
			clip.Name += " (" + tk.Key + ")"
			clips = append(clips, clip)
		}
		if len(clips) == 1 {
			items = append(items, clips[0])
			continue
		}
		// Every take is offered; the active one is picked.
		items = append(items, &fcpxmlAudition{Offset: ft(s.Start), Clips: clips})
	}
	// The audio lane's clips hang below the spine item they start in, each
	// in a lane of its own.
	for n, l := range h.Lanes {
		at := max(l.Start, 0)
		skip := at - l.Start
		if skip >= l.Frames || at >= h.Frames {
			continue
		}
		k := 0
		for i, s := range h.Shots {
			if s.Start <= at {
				k = i
			}
		}
		lane, role := strconv.Itoa(-5-n), "music"
		if l.Lane == project.LaneVoiceOver {
			role = "dialogue.voiceover"
		}
		id := asset(l.File, l.Frames, false, l.Channels, l.Rate, nil)
		c := &fcpxmlClip{Ref: id, Lane: lane, Offset: ft(at - h.Shots[k].Start), Name: l.Name,
			Start: ft(skip), Duration: ft(l.Frames - skip), SrcEnable: "audio", AudioRole: role}
		switch parent := items[k].(type) {
		case *fcpxmlClip:
			parent.Connected = append(parent.Connected, c)
		case *fcpxmlAudition:
			parent.Clips[0].Connected = append(parent.Clips[0].Connected, c)
		case *fcpxmlGap:
			parent.Clips = append(parent.Clips, c)
		}
	}
	doc.Library.Event = fcpxmlEvent{Name: h.Title, Project: fcpxmlProject{Name: h.Title, Sequence: fcpxmlSequence{
		Format: "r1", Duration: ft(h.Frames), TCStart: ft(h.Start), TCFormat: "NDF", AudioLayout: "stereo", AudioRate: "48k",
		Spine: fcpxmlSpine{Items: items},
	}}}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString("<!DOCTYPE fcpxml>\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encoding FCPXML: %w", err)
	}
	buf.WriteString("\n")
	return buf.Bytes(), nil
}

// fcpxmlTakeClip is take tk of shot s as an asset-clip, its stems
// connected below it.
func fcpxmlTakeClip(s *HandoffShot, tk *HandoffTake, ft func(int64) string, asset func(string, int64, bool, int, int, []fcpxmlMD) string) *fcpxmlClip {
	name := "Shot " + strconv.Itoa(s.Number)
	md := []fcpxmlMD{
		{Key: "com.kino.prompt", Value: tk.Origin.Prompt}, {Key: "com.kino.seed", Value: strconv.FormatUint(tk.Origin.Seed, 10)},
		{Key: "com.kino.backend", Value: tk.Origin.Backend}, {Key: "com.kino.take", Value: tk.Key},
		{Key: "com.kino.ai-generated", Value: "true"},
	}
	for _, c := range tk.Origin.Cameos {
		md = append(md, fcpxmlMD{Key: "com.kino.cameo", Value: c.Handle + " consent " + c.ConsentID + " (" + c.ConsentOwner + ")"})
	}
	id := asset(tk.Video, s.Frames, true, 2, audio.SampleRate, md)
	clip := &fcpxmlClip{Ref: id, Name: name, Start: "0s", Duration: ft(s.Frames), TCFormat: "NDF", Note: tk.Origin.Prompt}
	if !tk.MixOnly() {
		// The stems carry the sound; the mix in the video stays off.
		clip.SrcEnable = "video"
		for i, f := range tk.Stems {
			sid := asset(f, s.Frames, false, 2, audio.SampleRate, nil)
			clip.Connected = append(clip.Connected, &fcpxmlClip{
				Ref: sid, Lane: strconv.Itoa(-1 - i), Offset: "0s", Name: name + " " + string(audio.Stems[i]),
				Start: "0s", Duration: ft(s.Frames), SrcEnable: "audio", AudioRole: fcpxmlRoles[i],
			})
		}
	} else if !s.Placeholder {
		clip.AudioRole = "dialogue" // a mix-only take: its mix stays with the picture
	}
	return clip
}

// MarshalXML writes the spine's items in order.
func (s fcpxmlSpine) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, it := range s.Items {
		if err := e.Encode(it); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}
