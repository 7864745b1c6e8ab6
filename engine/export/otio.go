package export

import (
	"bytes"
	"net/url"
	"path/filepath"
	"strconv"

	"kino/project"
)

// OpenTimelineIO JSON, as written by OTIO's serializer: every object names
// its schema and version in "OTIO_SCHEMA", times are RationalTime.1 values
// (a float rate and a float value in frames), and a Clip.2 keeps its media
// in "media_references" under the key named by "active_media_reference_key".
// Kino writes one video track and one audio track over the same per-shot
// media, so editors get the picture and its sound.

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
	Markers     []any          `json:"markers"`
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
	MediaReferences map[string]*otioExternalMedia `json:"media_references"`
	ActiveKey       string                        `json:"active_media_reference_key"`
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

// handoffShot is one shot of the hand-off: its media file ("" for a gap)
// and its provenance.
type handoffShot struct {
	media  string
	frames int64
	prov   ShotProvenance
}

// otioKino is the "kino" metadata of a clip or gap.
func otioKino(s handoffShot) map[string]any {
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
	return map[string]any{"kino": m}
}

// buildOTIO returns the OTIO JSON of the hand-off.
func buildOTIO(title string, r project.Rate, shots []handoffShot, meta map[string]any) ([]byte, error) {
	tracks := []otioTrack{
		{otioItem: newOTIOItem("Track.1", "V1", nil, nil), Kind: "Video", Children: []any{}},
		{otioItem: newOTIOItem("Track.1", "A1", nil, nil), Kind: "Audio", Children: []any{}},
	}
	for ti := range tracks {
		tr := &tracks[ti]
		for _, s := range shots {
			name := "Shot " + strconv.Itoa(s.prov.Number)
			rng := otioRange(0, s.frames, r)
			if s.media == "" {
				tr.Children = append(tr.Children, &otioGap{newOTIOItem("Gap.1", name+" (not generated)", otioKino(s), rng)})
				continue
			}
			tr.Children = append(tr.Children, &otioClip{
				otioItem: newOTIOItem("Clip.2", name, otioKino(s), rng),
				MediaReferences: map[string]*otioExternalMedia{otioDefaultMedia: {
					Schema: "ExternalReference.1", Metadata: map[string]any{}, Name: filepath.Base(s.media),
					AvailableRange: otioRange(0, s.frames, r), TargetURL: fileURL(s.media),
				}},
				ActiveKey: otioDefaultMedia,
			})
		}
	}
	tl := otioTimeline{
		Schema: "Timeline.1", Metadata: meta, Name: title,
		GlobalStartTime: &otioRationalTime{Schema: "RationalTime.1", Rate: otioFloat(r.FPS()), Value: 0},
		Tracks:          otioStack{otioItem: newOTIOItem("Stack.1", "tracks", nil, nil), Children: tracks},
	}
	var buf bytes.Buffer
	if err := encodeJSON(&buf, tl); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
