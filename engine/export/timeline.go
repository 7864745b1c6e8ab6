package export

import (
	"errors"
	"fmt"
	"io"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
)

// Timeline is a film resolved for export: the shots in order, each with
// the clip to show, and the music and voice-over clips laid over them.
type Timeline struct {
	// ProjectID is the project's ID, for consent limited to one project.
	ProjectID string
	Title     string
	Rate      project.Rate
	// Width and Height are the project's frame size.
	Width, Height int
	Shots         []ShotMedia
	Audio         []AudioMedia
}

// ShotMedia is one shot and what to show for it.
type ShotMedia struct {
	Shot *project.Shot
	// Take is the take Clip shows; nil when the shot was not generated
	// (Clip is then a fresh render or a placeholder).
	Take *project.Take
	// Clip gives the frames and sound: a stored take, a fresh render or a
	// placeholder. When nil, Export makes a placeholder if
	// Options.Placeholders is set and fails naming the shot otherwise.
	// Frames are rendered on several goroutines at once, so the clip must
	// be safe for concurrent use (stored clips are).
	Clip engine.Clip
	// Placeholder marks Clip as a stand-in rather than generated content.
	Placeholder bool
	// Cameos are the project's records of the cameos the shot casts, for
	// their names and roles.
	Cameos []*project.Cameo
	// Consent holds the consent rule's verdict (project.JudgeConsent) on
	// each cameo the shown take depicts (for a shot not generated yet: on
	// each cameo it casts), for provenance and the consent check.
	Consent []project.ConsentVerdict
	// Withheld says why the shot's take was replaced by a labelled
	// placeholder ("@sam revoked consent"); "" when it was not.
	Withheld string
	// TakeNumber is Take's number in its shot (1 for the oldest; 0 when
	// unknown).
	TakeNumber int
	// Alternates are the shot's other finished takes, oldest first, which
	// the editor hand-off offers beside the active one (OTIO media
	// references). Only takes whose cast the shot still casts and whose
	// consent allows them are listed.
	Alternates []Alternate
}

// Alternate is a finished take of a shot other than the one shown.
type Alternate struct {
	Take *project.Take
	// Number is the take's number in its shot (1 for the oldest).
	Number int
	// Open opens the take's clip; close it when done (stored takes are
	// io.Closers).
	Open func() (engine.Clip, error)
}

// refused returns the verdicts in s.Consent that do not allow the use.
func (s ShotMedia) refused() []project.ConsentVerdict {
	var out []project.ConsentVerdict
	for _, v := range s.Consent {
		if !v.Allowed() {
			out = append(out, v)
		}
	}
	return out
}

// AudioMedia is a music or voice-over clip on the timeline.
type AudioMedia struct {
	Clip *project.AudioClip
	// Open returns the clip's sound, at any sample rate (it is resampled
	// to 48 kHz) and with one or more channels (mono is spread to both
	// sides; channels beyond two are dropped).
	Open func() (audio.PCM, error)
}

// Close closes every shot clip that can be closed (stored takes keep a
// file open).
func (t *Timeline) Close() error {
	var errs []error
	for _, s := range t.Shots {
		if c, ok := s.Clip.(io.Closer); ok {
			if err := c.Close(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Duration returns the timeline's length: the sum of its shots.
func (t *Timeline) Duration() project.Time {
	d := project.Frames(0, t.Rate)
	for _, s := range t.Shots {
		d.Frames += s.frames(t.Rate)
	}
	return d
}

// frames returns the shot's length in frames at rate r.
func (s ShotMedia) frames(r project.Rate) int64 {
	return s.Shot.Duration.Rescale(r).Frames
}

// validate checks the parts of t every format relies on.
func (t *Timeline) validate() error {
	if err := t.Rate.Validate(); err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	if err := (project.Resolution{Width: t.Width, Height: t.Height}).Validate(); err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	if len(t.Shots) == 0 {
		return project.Errorf(project.EINVALID, "the timeline has no shots to export")
	}
	for i, s := range t.Shots {
		if s.Shot == nil {
			return project.Errorf(project.EINVALID, "timeline entry %d has no shot", i+1)
		}
		if s.frames(t.Rate) < 1 {
			return project.Errorf(project.EINVALID, "shot %d has no length", s.Shot.Number())
		}
	}
	for i, a := range t.Audio {
		if a.Clip == nil || a.Open == nil {
			return project.Errorf(project.EINVALID, "audio clip %d has no clip or no way to open its sound", i+1)
		}
	}
	return nil
}

// only returns a copy of t holding just the shot numbered n (1-based), with
// the audio clips moved so that they keep their place against that shot.
func (t *Timeline) only(n int) (*Timeline, error) {
	var start int64
	for _, s := range t.Shots {
		if s.Shot.Number() != n {
			start += s.frames(t.Rate)
			continue
		}
		c := *t
		c.Shots = []ShotMedia{s}
		c.Audio = nil
		for _, a := range t.Audio {
			moved := *a.Clip
			moved.Start = project.Frames(a.Clip.Start.Rescale(t.Rate).Frames-start, t.Rate)
			c.Audio = append(c.Audio, AudioMedia{Clip: &moved, Open: a.Open})
		}
		return &c, nil
	}
	return nil, project.Errorf(project.ENOTFOUND, "the timeline has no shot %d (it has %d shots)", n, len(t.Shots))
}
