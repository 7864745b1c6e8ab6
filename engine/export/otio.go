package export

import (
	"bytes"
	"net/url"
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

// fileURL returns the file:// URL of an absolute path.
func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// escapePath URL-escapes a slash-separated relative path.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

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
func otioShotKino(s *hoShot) map[string]any {
	p := s.prov
	m := map[string]any{
		"shot": p.Number, "shot_id": p.ShotID, "prompt": p.Prompt, "seed": p.Seed,
		"backend": p.Backend, "model": p.Model, "model_hash": p.ModelHash, "take_id": p.TakeID,
		"params_hash": p.ParamsHash, "placeholder": p.Placeholder, "ai_generated": true,
	}
	if p.NegativePrompt != "" {
		m["negative_prompt"] = p.NegativePrompt
	}
	if len(p.Cameos) > 0 {
		m["cameos"] = p.Cameos
	}
	if len(s.takes) > 0 {
		m["active_take"] = s.takes[s.active].key
	}
	return map[string]any{"kino": m}
}

// otioTakeKino is the "kino" metadata of one take's media reference.
func otioTakeKino(t *hoTake, mixOnly bool) map[string]any {
	p := t.prov
	m := map[string]any{
		"take": t.number, "take_id": p.TakeID, "seed": p.Seed, "backend": p.Backend, "model": p.Model,
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
func otioDialogue(s *hoShot, r project.Rate) []any {
	out := []any{}
	for _, l := range s.dialogue {
		at := l.Start.Rescale(r).Frames
		if at < 0 || at >= s.frames {
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

// buildOTIO returns the OTIO JSON of the hand-off: V1 with every shot (all
// of its takes as media references, the active one named by
// active_media_reference_key, dialogue lines as markers), A1 to A4 with
// each shot's stems over the same takes, and A5/A6 with the audio lane's
// music and voice-over clips at their places.
func (e *exporter) buildOTIO(p *handoffPlan) ([]byte, error) {
	dir := filepath.Dir(p.otio)
	url := func(f string) string { return mediaURL(dir, f, e.opts.AbsolutePaths) }
	r := p.rate
	video := otioTrack{otioItem: newOTIOItem("Track.1", "V1", nil, nil), Kind: "Video", Children: []any{}}
	stems := make([]otioTrack, len(audio.Stems))
	for i := range stems {
		stems[i] = otioTrack{otioItem: newOTIOItem("Track.1", otioTrackNames[i], map[string]any{"kino": map[string]any{"stem": string(audio.Stems[i])}}, nil), Kind: "Audio", Children: []any{}}
	}
	for _, s := range p.shots {
		name := "Shot " + strconv.Itoa(s.number)
		rng := otioRange(0, s.frames, r)
		if s.gap {
			gap := &otioGap{newOTIOItem("Gap.1", name+" (not generated)", otioShotKino(s), rng)}
			video.Children = append(video.Children, gap)
			for i := range stems {
				stems[i].Children = append(stems[i].Children, &otioGap{newOTIOItem("Gap.1", name+" (not generated)", otioShotKino(s), rng)})
			}
			continue
		}
		clip := &otioClip{otioItem: newOTIOItem("Clip.2", name, otioShotKino(s), rng), MediaReferences: map[string]any{}, ActiveKey: s.takes[s.active].key}
		clip.Markers = otioDialogue(s, r)
		for _, t := range s.takes {
			clip.MediaReferences[t.key] = &otioExternalMedia{
				Schema: "ExternalReference.1", Metadata: otioTakeKino(t, t.stems[0] == ""), Name: filepath.Base(t.video),
				AvailableRange: otioRange(0, s.frames, r), TargetURL: url(t.video),
			}
		}
		video.Children = append(video.Children, clip)
		for i := range stems {
			if s.placeholder {
				stems[i].Children = append(stems[i].Children, &otioGap{newOTIOItem("Gap.1", name+" (slate: no sound)", otioShotKino(s), rng)})
				continue
			}
			sc := &otioClip{otioItem: newOTIOItem("Clip.2", name+" "+string(audio.Stems[i]), otioShotKino(s), rng), MediaReferences: map[string]any{}, ActiveKey: s.takes[s.active].key}
			if i == 0 {
				sc.Markers = otioDialogue(s, r)
			}
			for _, t := range s.takes {
				if t.stems[i] == "" {
					sc.MediaReferences[t.key] = &otioMissing{Schema: "MissingReference.1", Metadata: otioTakeKino(t, true),
						Name: filepath.Base(t.video) + " (mix only: no " + string(audio.Stems[i]) + " stem)", AvailableRange: otioRange(0, s.frames, r)}
					continue
				}
				sc.MediaReferences[t.key] = &otioExternalMedia{
					Schema: "ExternalReference.1", Metadata: otioTakeKino(t, false), Name: filepath.Base(t.stems[i]),
					AvailableRange: otioRange(0, s.frames, r), TargetURL: url(t.stems[i]),
				}
			}
			stems[i].Children = append(stems[i].Children, sc)
		}
	}
	tracks := append([]otioTrack{video}, stems...)
	for k, lane := range []project.AudioLane{project.LaneMusic, project.LaneVoiceOver} {
		tr := otioTrack{otioItem: newOTIOItem("Track.1", otioTrackNames[4+k], map[string]any{"kino": map[string]any{"lane": string(lane)}}, nil), Kind: "Audio", Children: []any{}}
		var at int64
		for _, l := range p.lanes {
			if l.am.Clip.Lane != lane {
				continue
			}
			start, skip := l.start, int64(0)
			if start < at { // began before the timeline (or overlaps the previous clip): trimmed
				skip, start = at-start, at
			}
			if skip >= l.frames {
				continue
			}
			if start > at {
				tr.Children = append(tr.Children, &otioGap{newOTIOItem("Gap.1", "", nil, otioRange(0, start-at, r))})
			}
			length := l.frames - skip
			meta := map[string]any{"kino": map[string]any{"lane": string(lane), "name": l.am.Clip.Name, "gain_db": l.am.Clip.GainDB, "sha256": l.am.Clip.Asset.SHA256}}
			tr.Children = append(tr.Children, &otioClip{
				otioItem:        newOTIOItem("Clip.2", l.am.Clip.Name, meta, otioRange(skip, length, r)),
				MediaReferences: map[string]any{otioDefaultMedia: &otioExternalMedia{Schema: "ExternalReference.1", Metadata: map[string]any{}, Name: filepath.Base(l.file), AvailableRange: otioRange(0, l.frames, r), TargetURL: url(l.file)}},
				ActiveKey:       otioDefaultMedia,
			})
			at = start + length
		}
		tracks = append(tracks, tr)
	}
	meta := map[string]any{"kino": map[string]any{
		"app": e.opts.App, "version": e.opts.Version, "exported_at": e.prov.ExportedAt,
		"ai_generated": true, "watermark": !e.opts.NoWatermark, "rate": p.rate.String(),
		"width": p.w, "height": p.h, "relative_paths": !e.opts.AbsolutePaths,
	}}
	tl := otioTimeline{
		Schema: "Timeline.1", Metadata: meta, Name: p.title,
		GlobalStartTime: &otioRationalTime{Schema: "RationalTime.1", Rate: otioFloat(r.FPS()), Value: otioFloat(p.start)},
		Tracks:          otioStack{otioItem: newOTIOItem("Stack.1", "tracks", nil, nil), Children: tracks},
	}
	var buf bytes.Buffer
	if err := encodeJSON(&buf, tl); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
