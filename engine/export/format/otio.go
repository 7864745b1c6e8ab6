package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"kino/engine/audio"
	"kino/project"
)

// OpenTimelineIO JSON, as written by OTIO's serializer: every object names
// its schema and version in "OTIO_SCHEMA", times are RationalTime.1 values
// (a float rate and a float value in frames), and a Clip.2 keeps its media
// in "media_references" under the key named by "active_media_reference_key".
// Kino writes a video track and one audio track per stem over the same
// takes, and the audio lane's clips on tracks of their own.

// otioRationalTime is RationalTime.1.
type otioRationalTime struct {
	Schema string    `json:"OTIO_SCHEMA"`
	Rate   otioFloat `json:"rate"`
	Value  otioFloat `json:"value"`
}

// otioFloat is a float that always encodes with a decimal point (24.0),
// as OTIO's own writer does.
type otioFloat float64

func (f otioFloat) MarshalJSON() ([]byte, error) {
	s := strconv.FormatFloat(float64(f), 'f', -1, 64)
	for _, c := range s {
		if c == '.' || c == 'e' {
			return []byte(s), nil
		}
	}
	return []byte(s + ".0"), nil
}

// otioTimeRange is TimeRange.1.
type otioTimeRange struct {
	Schema    string           `json:"OTIO_SCHEMA"`
	Duration  otioRationalTime `json:"duration"`
	StartTime otioRationalTime `json:"start_time"`
}

type otioTimeline struct {
	Schema          string            `json:"OTIO_SCHEMA"`
	Metadata        map[string]any    `json:"metadata"`
	Name            string            `json:"name"`
	GlobalStartTime *otioRationalTime `json:"global_start_time"`
	Tracks          otioStack         `json:"tracks"`
}

// otioItem holds the fields OTIO's composables (stacks, tracks, clips and
// gaps) share.
type otioItem struct {
	Schema      string         `json:"OTIO_SCHEMA"`
	Metadata    map[string]any `json:"metadata"`
	Name        string         `json:"name"`
	SourceRange *otioTimeRange `json:"source_range"`
	Effects     []any          `json:"effects"`
	Markers     []any          `json:"markers"` // *otioMarker
	Enabled     bool           `json:"enabled"`
}

// newOTIOItem returns an enabled item with no effects or markers.
func newOTIOItem(schema, name string, meta map[string]any, rng *otioTimeRange) otioItem {
	if meta == nil {
		meta = map[string]any{}
	}
	return otioItem{Schema: schema, Metadata: meta, Name: name, SourceRange: rng, Effects: []any{}, Markers: []any{}, Enabled: true}
}

type otioStack struct {
	otioItem
	Children []otioTrack `json:"children"`
}

type otioTrack struct {
	otioItem
	Children []any  `json:"children"` // *otioClip or *otioGap
	Kind     string `json:"kind"`
}

type otioClip struct {
	otioItem
	MediaReferences map[string]any `json:"media_references"` // *otioExternalMedia or *otioMissing
	ActiveKey       string         `json:"active_media_reference_key"`
}

type otioGap struct{ otioItem }

type otioExternalMedia struct {
	Schema               string         `json:"OTIO_SCHEMA"`
	Metadata             map[string]any `json:"metadata"`
	Name                 string         `json:"name"`
	AvailableRange       *otioTimeRange `json:"available_range"`
	AvailableImageBounds any            `json:"available_image_bounds"`
	TargetURL            string         `json:"target_url"`
}

const otioDefaultMedia = "DEFAULT_MEDIA"

func otioTime(frames int64, r project.Rate) otioRationalTime {
	return otioRationalTime{Schema: "RationalTime.1", Rate: otioFloat(r.FPS()), Value: otioFloat(frames)}
}

func otioRange(start, frames int64, r project.Rate) *otioTimeRange {
	return &otioTimeRange{Schema: "TimeRange.1", Duration: otioTime(frames, r), StartTime: otioTime(start, r)}
}

// otioMarker is Marker.2.
type otioMarker struct {
	Schema      string         `json:"OTIO_SCHEMA"`
	Metadata    map[string]any `json:"metadata"`
	Name        string         `json:"name"`
	Color       string         `json:"color"`
	MarkedRange *otioTimeRange `json:"marked_range"`
	Comment     string         `json:"comment"`
}

// otioMissing is MissingReference.1: a take that has no file for a track
// (a mix-only take on a stem track).
type otioMissing struct {
	Schema               string         `json:"OTIO_SCHEMA"`
	Metadata             map[string]any `json:"metadata"`
	Name                 string         `json:"name"`
	AvailableRange       *otioTimeRange `json:"available_range"`
	AvailableImageBounds any            `json:"available_image_bounds"`
}

// otioShotKino is the "kino" metadata of a shot's clip or gap.
func otioShotKino(s *HandoffShot) map[string]any {
	p := s.Origin
	m := map[string]any{
		"shot": p.Shot, "shot_id": p.ShotID, "prompt": p.Prompt, "seed": p.Seed,
		"backend": p.Backend, "model": p.Model, "model_hash": p.ModelHash, "take_id": p.TakeID,
		"params_hash": p.ParamsHash, "placeholder": p.Placeholder, "ai_generated": true,
	}
	if p.NegativePrompt != "" {
		m["negative_prompt"] = p.NegativePrompt
	}
	if len(p.Cameos) > 0 {
		m["cameos"] = p.Cameos
	}
	if len(s.Takes) > 0 {
		m["active_take"] = s.Takes[s.Active].Key
	}
	return map[string]any{"kino": m}
}

// otioTakeKino is the "kino" metadata of one take's media reference.
func otioTakeKino(t *HandoffTake, mixOnly bool) map[string]any {
	p := t.Origin
	m := map[string]any{
		"take": t.Number, "take_id": p.TakeID, "seed": p.Seed, "backend": p.Backend, "model": p.Model,
		"model_hash": p.ModelHash, "params_hash": p.ParamsHash, "prompt": p.Prompt, "ai_generated": true,
	}
	if p.NegativePrompt != "" {
		m["negative_prompt"] = p.NegativePrompt
	}
	if len(p.Cameos) > 0 {
		m["cameos"] = p.Cameos
	}
	if mixOnly {
		m["mix_only"] = true
	}
	return map[string]any{"kino": m}
}

// otioDialogue returns the shot's dialogue lines as markers, in the
// clip's own time.
func otioDialogue(s *HandoffShot, r project.Rate) []any {
	out := []any{}
	for _, l := range s.Dialogue {
		at := l.Start.Rescale(r).Frames
		if at < 0 || at >= s.Frames {
			continue
		}
		out = append(out, &otioMarker{
			Schema: "Marker.2", Metadata: map[string]any{"kino": map[string]any{"speaker": l.Speaker, "text": l.Text}},
			Name: l.Speaker + ": " + l.Text, Color: "GREEN", MarkedRange: otioRange(at, 1, r), Comment: l.Text,
		})
	}
	return out
}

// otioTrackNames are the audio tracks, after V1: one per stem, then the
// audio lane's music and voice-over.
var otioTrackNames = []string{"A1 Dialogue", "A2 Effects", "A3 Ambience", "A4 Music", "A5 Music clips", "A6 Voice-over"}

// OTIO returns the OpenTimelineIO JSON of the hand-off: V1 with every
// shot (all of its takes as media references, the active one named by
// active_media_reference_key, dialogue lines as markers), A1 to A4 with
// each shot's stems over the same takes, and A5/A6 with the audio lane's
// music and voice-over clips at their places. Media are named by paths
// relative to the folder relativeTo (where the .otio goes), or by
// absolute file:// URLs when relativeTo is "".
func OTIO(h *Handoff, relativeTo string) ([]byte, error) {
	url := func(f string) string { return mediaURL(relativeTo, f) }
	r := h.Rate
	video := otioTrack{otioItem: newOTIOItem("Track.1", "V1", nil, nil), Kind: "Video", Children: []any{}}
	stems := make([]otioTrack, len(audio.Stems))
	for i := range stems {
		stems[i] = otioTrack{otioItem: newOTIOItem("Track.1", otioTrackNames[i], map[string]any{"kino": map[string]any{"stem": string(audio.Stems[i])}}, nil), Kind: "Audio", Children: []any{}}
	}
	for i := range h.Shots {
		s := &h.Shots[i]
		name := "Shot " + strconv.Itoa(s.Number)
		rng := otioRange(0, s.Frames, r)
		if s.Gap {
			gap := &otioGap{newOTIOItem("Gap.1", name+" (not generated)", otioShotKino(s), rng)}
			video.Children = append(video.Children, gap)
			for i := range stems {
				stems[i].Children = append(stems[i].Children, &otioGap{newOTIOItem("Gap.1", name+" (not generated)", otioShotKino(s), rng)})
			}
			continue
		}
		clip := &otioClip{otioItem: newOTIOItem("Clip.2", name, otioShotKino(s), rng), MediaReferences: map[string]any{}, ActiveKey: s.Takes[s.Active].Key}
		clip.Markers = otioDialogue(s, r)
		for k := range s.Takes {
			t := &s.Takes[k]
			clip.MediaReferences[t.Key] = &otioExternalMedia{
				Schema: "ExternalReference.1", Metadata: otioTakeKino(t, t.MixOnly()), Name: filepath.Base(t.Video),
				AvailableRange: otioRange(0, s.Frames, r), TargetURL: url(t.Video),
			}
		}
		video.Children = append(video.Children, clip)
		for i := range stems {
			if s.Placeholder {
				stems[i].Children = append(stems[i].Children, &otioGap{newOTIOItem("Gap.1", name+" (slate: no sound)", otioShotKino(s), rng)})
				continue
			}
			sc := &otioClip{otioItem: newOTIOItem("Clip.2", name+" "+string(audio.Stems[i]), otioShotKino(s), rng), MediaReferences: map[string]any{}, ActiveKey: s.Takes[s.Active].Key}
			if i == 0 {
				sc.Markers = otioDialogue(s, r)
			}
			for k := range s.Takes {
				t := &s.Takes[k]
				if t.Stems[i] == "" {
					sc.MediaReferences[t.Key] = &otioMissing{Schema: "MissingReference.1", Metadata: otioTakeKino(t, true),
						Name: filepath.Base(t.Video) + " (mix only: no " + string(audio.Stems[i]) + " stem)", AvailableRange: otioRange(0, s.Frames, r)}
					continue
				}
				sc.MediaReferences[t.Key] = &otioExternalMedia{
					Schema: "ExternalReference.1", Metadata: otioTakeKino(t, false), Name: filepath.Base(t.Stems[i]),
					AvailableRange: otioRange(0, s.Frames, r), TargetURL: url(t.Stems[i]),
				}
			}
			stems[i].Children = append(stems[i].Children, sc)
		}
	}
	tracks := append([]otioTrack{video}, stems...)
	for k, lane := range []project.AudioLane{project.LaneMusic, project.LaneVoiceOver} {
		tr := otioTrack{otioItem: newOTIOItem("Track.1", otioTrackNames[4+k], map[string]any{"kino": map[string]any{"lane": string(lane)}}, nil), Kind: "Audio", Children: []any{}}
		var at int64
		for k := range h.Lanes {
			l := &h.Lanes[k]
			if l.Lane != lane {
				continue
			}
			start, skip := l.Start, int64(0)
			if start < at { // began before the timeline (or overlaps the previous clip): trimmed
				skip, start = at-start, at
			}
			if skip >= l.Frames {
				continue
			}
			if start > at {
				tr.Children = append(tr.Children, &otioGap{newOTIOItem("Gap.1", "", nil, otioRange(0, start-at, r))})
			}
			length := l.Frames - skip
			meta := map[string]any{"kino": map[string]any{"lane": string(lane), "name": l.Name, "gain_db": l.GainDB, "sha256": l.SHA256}}
			tr.Children = append(tr.Children, &otioClip{
				otioItem:        newOTIOItem("Clip.2", l.Name, meta, otioRange(skip, length, r)),
				MediaReferences: map[string]any{otioDefaultMedia: &otioExternalMedia{Schema: "ExternalReference.1", Metadata: map[string]any{}, Name: filepath.Base(l.File), AvailableRange: otioRange(0, l.Frames, r), TargetURL: url(l.File)}},
				ActiveKey:       otioDefaultMedia,
			})
			at = start + length
		}
		tracks = append(tracks, tr)
	}
	meta := map[string]any{"kino": map[string]any{
		"app": h.App, "version": h.Version, "exported_at": h.ExportedAt,
		"ai_generated": true, "watermark": h.Watermark, "rate": h.Rate.String(),
		"width": h.Width, "height": h.Height, "relative_paths": relativeTo != "",
	}}
	tl := otioTimeline{
		Schema: "Timeline.1", Metadata: meta, Name: h.Title,
		GlobalStartTime: &otioRationalTime{Schema: "RationalTime.1", Rate: otioFloat(r.FPS()), Value: otioFloat(h.Start)},
		Tracks:          otioStack{otioItem: newOTIOItem("Stack.1", "tracks", nil, nil), Children: tracks},
	}
	var buf bytes.Buffer
	if err := encodeJSON(&buf, tl); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodeJSON writes v to w as indented JSON, without HTML escaping, as
// OTIO's own writer does.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	return nil
}
