package project

import "unicode/utf8"

// AudioLane is the kind of track an audio clip sits on.
type AudioLane string

// Audio lanes.
const (
	LaneMusic     AudioLane = "music"
	LaneVoiceOver AudioLane = "voice-over"
)

// AudioClip is a music or voice-over asset placed on the timeline.
type AudioClip struct {
	ID     int64     `json:"id"`
	Lane   AudioLane `json:"lane"`
	Name   string    `json:"name"`
	Asset  Asset     `json:"asset"`
	Start  Time      `json:"start"`
	GainDB float64   `json:"gain_db"`
}

// Validate reports whether c can be placed on a timeline at rate r.
func (c *AudioClip) Validate(r Rate) error {
	if c.Lane != LaneMusic && c.Lane != LaneVoiceOver {
		return Errorf(EINVALID, "audio lane %q is not %q or %q", c.Lane, LaneMusic, LaneVoiceOver)
	}
	if !utf8.ValidString(c.Name) || utf8.RuneCountInString(c.Name) > 200 {
		return Errorf(EINVALID, "audio clip name must be UTF-8 and at most 200 characters")
	}
	if err := c.Asset.Validate(); err != nil {
		return err
	}
	if c.Start.Rate != r || c.Start.Frames < 0 {
		return Errorf(EINVALID, "audio clip %q must start at or after 0 at the project rate", c.Name)
	}
	if c.GainDB < -96 || c.GainDB > 24 || c.GainDB != c.GainDB {
		return Errorf(EINVALID, "audio clip %q gain %.1f dB is outside -96 to +24 dB", c.Name, c.GainDB)
	}
	return nil
}
