package project

import (
	"strings"
	"time"
)

// TakeStatus is what the store keeps of a take's render: running while it
// is being rendered, then how it ended. These are the only definitions of
// "done", "failed" and "cancelled": the render queue (engine/jobs) reports
// a finished job's outcome with them. Waiting in line is the queue's
// business (a job's state), not the take's: a take is stored only once its
// render starts.
type TakeStatus string

// Take statuses.
const (
	// TakeRunning: the render started and has not ended. A take left
	// running by a crash is marked failed ("interrupted") when the project
	// is next opened for editing.
	TakeRunning TakeStatus = "running"
	// TakeDone: the render finished; the take has its media.
	TakeDone TakeStatus = "done"
	// TakeFailed: the render failed; Error says why.
	TakeFailed TakeStatus = "failed"
	// TakeCancelled: the render was cancelled before it finished.
	TakeCancelled TakeStatus = "cancelled"
)

// Validate reports whether s is a known status.
func (s TakeStatus) Validate() error {
	switch s {
	case TakeRunning, TakeDone, TakeFailed, TakeCancelled:
		return nil
	}
	return Errorf(EINVALID, "take status %q is unknown", s)
}

// Finished reports whether a take in status s will not change any more.
func (s TakeStatus) Finished() bool {
	return s == TakeDone || s == TakeFailed || s == TakeCancelled
}

// Media roles a take's files play.
const (
	MediaVideo      = "video"     // the frames (MJPEG stream)
	MediaAudio      = "audio"     // the mixed soundtrack (WAV)
	MediaThumbnail  = "thumbnail" // a small key frame (JPEG or PNG)
	MediaStemPrefix = "stem:"     // a soundtrack stem, e.g. "stem:dialogue"
)

// MediaRef names an asset that plays a role in a take.
type MediaRef struct {
	Role  string `json:"role"`
	Asset Asset  `json:"asset"`
}

// Take is one generation of a shot.
type Take struct {
	ID         int64      `json:"id"`
	ShotID     int64      `json:"shot_id"`
	Backend    string     `json:"backend"`
	Model      string     `json:"model,omitempty"`
	ModelHash  string     `json:"model_hash,omitempty"`
	ParamsHash string     `json:"params_hash"`
	Seed       uint64     `json:"seed"`
	Status     TakeStatus `json:"status"`
	Error      string     `json:"error,omitempty"`
	// Request is the normalised engine request as JSON: exactly what is
	// needed to render this take again.
	Request string     `json:"request,omitempty"`
	Frames  int64      `json:"frames"`
	Rate    Rate       `json:"rate"`
	Media   []MediaRef `json:"media,omitempty"`
	// Cameos are the cameos the take depicts: every cameo in its request,
	// with the consent terms in force when it was made. Removing a cameo
	// from the shot's cast later does not change them.
	Cameos    []TakeCameo `json:"cameos,omitempty"`
	Favourite bool        `json:"favourite"`
	CreatedAt time.Time   `json:"created_at"`
}

// MediaFor returns the asset that plays role r, if the take has one.
func (t *Take) MediaFor(r string) (Asset, bool) {
	for _, m := range t.Media {
		if m.Role == r {
			return m.Asset, true
		}
	}
	return Asset{}, false
}

// MixOnly reports whether a finished take keeps its sound only as a mix,
// without stems (takes made before Kino stored stems): its sound cannot be
// split into dialogue, effects, ambience and music.
func (t *Take) MixOnly() bool {
	if t.Status != TakeDone {
		return false
	}
	for _, m := range t.Media {
		if strings.HasPrefix(m.Role, MediaStemPrefix) {
			return false
		}
	}
	return true
}

// Clone returns a deep copy of t.
func (t *Take) Clone() *Take {
	c := *t
	c.Media = append([]MediaRef(nil), t.Media...)
	c.Cameos = append([]TakeCameo(nil), t.Cameos...)
	return &c
}

// Validate reports whether t is a take Kino can store.
func (t *Take) Validate() error {
	if t.ShotID == 0 {
		return Errorf(EINVALID, "take has no shot")
	}
	if t.Backend == "" {
		return Errorf(EINVALID, "take has no backend")
	}
	if err := t.Status.Validate(); err != nil {
		return err
	}
	if t.Status == TakeFailed && t.Error == "" {
		return Errorf(EINVALID, "a failed take must say why it failed")
	}
	for _, c := range t.Cameos {
		if c.CameoID == "" || c.Handle == "" {
			return Errorf(EINVALID, "take depicts a cameo without an ID or handle")
		}
	}
	for _, m := range t.Media {
		if m.Role == "" {
			return Errorf(EINVALID, "take media has no role")
		}
		if err := m.Asset.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// TakeCameo is a cameo a take depicts, as it was when the take was made.
type TakeCameo struct {
	CameoID     string       `json:"cameo_id"`
	Handle      string       `json:"handle"`
	ImageSHA256 string       `json:"image_sha256,omitempty"`
	Voice       Voice        `json:"voice"`
	Consent     ConsentTerms `json:"consent"`
}

// Depicts reports whether t depicts the cameo with cameoID.
func (t *Take) Depicts(cameoID string) bool {
	for _, c := range t.Cameos {
		if c.CameoID == cameoID {
			return true
		}
	}
	return false
}
