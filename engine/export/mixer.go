package export

import (
	"context"
	"fmt"
	"math"
	"sync"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// Stem files an export writes, in order: the engine's four stems and
// "other", which holds any sound that belongs to none of them (a stored
// take keeps only its mix, for example). The mix is always the sum of all
// five.
var stemNames = [5]string{string(audio.StemDialogue), string(audio.StemEffects), string(audio.StemAmbience), string(audio.StemMusic), "other"}

const stemOther = 4

// mixer streams the timeline's sound through an audio.Mixer with the
// export's policy (normalise): each shot's soundtrack in its place,
// padded with silence or cut to the shot's length, plus the music and
// voice-over clips (music on the music stem, voice-over on the dialogue
// stem). Only the sounds that play at once are held.
type mixer struct {
	*audio.Mixer
	total int64 // sample frames

	mu    sync.Mutex
	notes []string
	noted map[string]bool
}

// newMixer prepares t's sound. Sample positions come from exact frame
// counts, so shot boundaries never drift.
func newMixer(t *Timeline, withStems bool) *mixer {
	m := &mixer{noted: map[string]bool{}}
	var places []audio.Placement
	var names []string
	var frames int64
	for _, s := range t.Shots {
		start := project.Frames(frames, t.Rate).Samples(audio.SampleRate)
		frames += s.frames(t.Rate)
		end := project.Frames(frames, t.Rate).Samples(audio.SampleRate)
		if _, isPH := s.Clip.(*Placeholder); isPH || s.Clip == nil {
			continue
		}
		places = append(places, audio.Placement{Start: start, Length: end - start, Gain: 1, Open: m.shotOpener(s, withStems)})
		names = append(names, fmt.Sprintf("shot %d", s.Shot.Number()))
	}
	m.total = project.Frames(frames, t.Rate).Samples(audio.SampleRate)
	for _, a := range t.Audio {
		to := audio.StemMusic
		if a.Clip.Lane == project.LaneVoiceOver {
			to = audio.StemDialogue
		}
		st := a.Clip.Start.Rescale(t.Rate)
		start := st.Samples(audio.SampleRate)
		if st.Frames < 0 {
			start = -project.Frames(-st.Frames, t.Rate).Samples(audio.SampleRate)
		}
		open := a.Open
		places = append(places, audio.Placement{
			Start: start, Gain: float32(math.Pow(10, a.Clip.GainDB/20)), To: to,
			Open: func() (audio.Source, error) {
				pcm, err := open()
				if err != nil {
					return nil, err
				}
				return audio.NewPCMSource(pcm)
			},
		})
		names = append(names, fmt.Sprintf("audio clip %q", a.Clip.Name))
	}
	m.Mixer = audio.NewMixer(places, audio.MixOptions{
		Length: m.total, Policy: audio.PolicyNormalise, Stems: withStems, Strict: true,
		Name: func(i int) string { return names[i] },
	})
	return m
}

// shotOpener returns the Open of shot s's sound.
func (m *mixer) shotOpener(s ShotMedia, withStems bool) func() (audio.Source, error) {
	n := s.Shot.Number()
	return func() (audio.Source, error) {
		if ss, ok := s.Clip.(soundSourcer); ok {
			// A stored take: read block by block from its files, so a long
			// film never sits in memory whole.
			src, err := ss.SoundSource()
			if err != nil {
				return nil, fmt.Errorf("reading its sound: %w", err)
			}
			for _, miss := range src.Missing() {
				m.note(fmt.Sprintf("shot %d: %s", n, miss))
			}
			if withStems && !src.HasStems() {
				m.note(mixOnlyNote(n))
			}
			return src, nil
		}
		st, err := s.Clip.Soundtrack()
		if err != nil {
			return nil, fmt.Errorf("reading its sound: %w", err)
		}
		if st == nil {
			return nil, fmt.Errorf("its clip has no soundtrack")
		}
		for _, miss := range st.Missing {
			m.note(fmt.Sprintf("shot %d: %s", n, miss))
		}
		if !withStems {
			return audio.NewPCMSource(st.Mix)
		}
		if len(st.Stems) == 0 {
			m.note(mixOnlyNote(n))
		}
		return audio.NewSoundtrackSource(st)
	}
}

// soundSourcer is a clip whose sound can be read from its files block by
// block (a stored take).
type soundSourcer interface {
	SoundSource() (*media.StoredSound, error)
}

// mixOnlyNote says that shot n's take has no stems.
func mixOnlyNote(n int) string {
	return fmt.Sprintf("shot %d: its take is mix only (made before Kino kept stems; regenerate it for stems), so its sound is in the \"other\" stem", n)
}

// normalise runs through the whole timeline once when music or voice-over
// clips are laid over the shots, and lowers everything (mix and stems
// alike, so the mix stays their sum) when their sum would clip.
func (m *mixer) normalise(ctx context.Context, t *Timeline) error {
	if len(t.Audio) == 0 {
		return nil
	}
	if err := m.Normalise(ctx); err != nil {
		return err
	}
	for _, n := range m.Mixer.Notes() {
		m.note(n)
	}
	return nil
}

func (m *mixer) note(s string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.noted[s] {
		m.noted[s] = true
		m.notes = append(m.notes, s)
	}
}

// Notes returns what a person should know about the mix.
func (m *mixer) Notes() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.notes...)
}
