package widget

import (
	"kino/engine/audio"
	"kino/project"
	"kino/ui/playback"
)

// Segment is one shot in what the player plays.
type Segment struct {
	ShotID int64
	Number int
	Prompt string
	Frames int64
	// Take is the take to show; nil plays a storyboard card with the
	// prompt for the shot's duration.
	Take *project.Take
	// Withheld says why the shot's take is not shown or heard ("@sam
	// revoked consent"); the card says so instead of showing the prompt.
	Withheld string
}

// program is a sequence of segments with their start frames.
type program struct {
	segs   []Segment
	starts []int64 // len(segs)+1
	rate   project.Rate
}

func newProgram(segs []Segment, rate project.Rate) program {
	p := program{segs: segs, rate: rate, starts: make([]int64, len(segs)+1)}
	for i, s := range segs {
		p.starts[i+1] = p.starts[i] + max(s.Frames, 1)
	}
	return p
}

func (p program) total() int64 { return p.starts[len(p.starts)-1] }

// locate returns the segment holding frame f and f's offset in it.
func (p program) locate(f int64) (int, int64) {
	if len(p.segs) == 0 {
		return -1, 0
	}
	f = min(max(f, 0), p.total()-1)
	lo, hi := 0, len(p.segs)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.starts[mid] <= f {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, f - p.starts[lo]
}

// parts returns the sound of the program, one part per segment: the take's
// soundtrack, or silence for storyboard cards and takes that fail to load.
func (p program) parts(clips *clipCache) []playback.Part {
	out := make([]playback.Part, len(p.segs))
	for i, s := range p.segs {
		out[i].Length = project.Frames(p.starts[i+1]-p.starts[i], p.rate).Samples(playback.SampleRate)
		if s.Take == nil {
			continue
		}
		take := s.Take
		out[i].Load = func() (audio.PCM, error) {
			clip, err := clips.get(take)
			if err != nil {
				return audio.PCM{}, err
			}
			st, err := clip.Soundtrack()
			if err != nil {
				return audio.PCM{}, err
			}
			return st.Mix, nil
		}
	}
	return out
}
