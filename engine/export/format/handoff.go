package format

import (
	"net/url"
	"path/filepath"
	"time"

	"kino/project"
)

// Handoff is an editor hand-off's timeline as the OTIO, EDL and FCPXML
// writers read it: the shots one after another, each with the files of
// its takes (the active one and the alternates), and the audio lane's
// music and voice-over clips. Times are in frames at Rate. The files are
// written beside the documents by the caller; the documents only name
// them.
type Handoff struct {
	Title         string
	Rate          project.Rate
	Start         int64 // record start, in frames (01:00:00:00 is common)
	Width, Height int
	Frames        int64 // the timeline's length
	Shots         []HandoffShot
	Lanes         []HandoffLane
	// App, Version, ExportedAt and Watermark describe the export in the
	// OTIO's timeline metadata.
	App, Version string
	ExportedAt   time.Time
	Watermark    bool
}

// HandoffShot is one shot of the hand-off.
type HandoffShot struct {
	Number int
	Start  int64 // on the timeline
	Frames int64
	// Gap is a shot that was not generated, left out of the documents
	// (a gap on every track and no EDL event); it has no takes.
	Gap bool
	// Placeholder is a shot whose picture is a slate: it has no sound.
	Placeholder bool
	// Origin is how the shown take was made.
	Origin Origin
	// Takes are the shot's files, Takes[Active] the one shown.
	Takes    []HandoffTake
	Active   int
	Dialogue []project.DialogueLine // shown as markers, in the shot's own time
}

// HandoffTake is one take of a shot and its files.
type HandoffTake struct {
	// Key names the take among the shot's media references ("take3";
	// "render" for a fresh render, "placeholder" for a slate).
	Key    string
	Number int // 0 when the take has no number
	Origin Origin
	Video  string // picture and mixed sound
	// Stems are the take's dialogue, effects, ambience and music WAVs,
	// in audio.Stems order; all "" when the take is mix only.
	Stems [4]string
}

// MixOnly reports whether the take has no stem files.
func (t *HandoffTake) MixOnly() bool { return t.Stems[0] == "" }

// HandoffLane is a music or voice-over clip of the audio lane, as its own
// file.
type HandoffLane struct {
	Lane   project.AudioLane
	Name   string
	GainDB float64
	SHA256 string // of the clip's source asset
	File   string
	Start  int64 // on the timeline (negative: it began before)
	Frames int64 // the file's length, rounded up to whole frames
	// Channels and Rate describe the written file's sound.
	Channels, Rate int
}

// Origin is how a take was made, as the documents' metadata tell it.
type Origin struct {
	Shot           int // the shot's number
	ShotID         int64
	TakeID         int64
	Prompt         string
	NegativePrompt string
	Backend        string
	Model          string
	ModelHash      string
	ParamsHash     string
	Seed           uint64
	Placeholder    bool
	Cameos         []Cameo
}

// Cameo is a cameo a take depicts and the consent that allowed its use.
// Its JSON is the provenance sidecar's (engine/export.CameoProvenance),
// which the OTIO's metadata repeats.
type Cameo struct {
	Handle       string               `json:"handle"`
	Name         string               `json:"name"`
	Role         string               `json:"role,omitempty"`
	ConsentID    string               `json:"consent_id"`
	ConsentOwner string               `json:"consent_owner"`
	ConsentScope project.ConsentScope `json:"consent_scope"`
	Expires      *time.Time           `json:"consent_expires,omitempty"`
	ConsentSeq   uint64               `json:"consent_record_seq"`
	Signature    string               `json:"signature"`
	SignerKey    string               `json:"signer_key,omitempty"`
	ImageSHA256  string               `json:"image_sha256,omitempty"`
}

// fileURL returns the file:// URL of an absolute path.
func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// escapePath URL-escapes a slash-separated relative path.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// mediaURL returns how a document points at file: a path relative to the
// folder relativeTo (URL-escaped), or with relativeTo "" (or a file it
// cannot reach) a file:// URL.
func mediaURL(relativeTo, file string) string {
	if relativeTo != "" {
		if rel, err := filepath.Rel(relativeTo, file); err == nil {
			return escapePath(filepath.ToSlash(rel))
		}
	}
	return fileURL(file)
}
