package audio

import "fmt"

// Source is sound a Mixer reads: 48 kHz stereo, its mix and, where it has
// them, its stems. Reading does not move anything: any stretch can be read
// in any order, so a source can be a buffer in memory or a file read block
// by block.
type Source interface {
	// Len is the sound's length in sample frames.
	Len() int64
	// HasStems reports whether ReadAt can fill stems.
	HasStems() bool
	// ReadAt fills mix (interleaved stereo, n = len(mix)/2 frames) with
	// frames [at, at+n) and, when stems is not nil and the source has
	// stems, each stems[i] (same length, in Stems order) likewise.
	// Frames outside [0, Len()) are silence.
	ReadAt(mix []float32, stems *[4][]float32, at int64) error
}

// pcmSource is sound held in memory: a mix, mono or stereo, and stems.
type pcmSource struct {
	mix   PCM
	stems [4]PCM
	has   bool
}

// NewPCMSource returns p as a Source. Sound at another rate than 48 kHz,
// or with more than two channels, is converted with ToStereo first; mono
// and stereo 48 kHz sound is used in place.
func NewPCMSource(p PCM) (Source, error) {
	q, err := to48k(p)
	if err != nil {
		return nil, err
	}
	return &pcmSource{mix: q}, nil
}

// NewSoundtrackSource returns a soundtrack as a Source, with its stems
// when it has all four.
func NewSoundtrackSource(st *Soundtrack) (Source, error) {
	if st == nil {
		return &pcmSource{}, nil
	}
	s := &pcmSource{}
	var err error
	if s.mix, err = to48k(st.Mix); err != nil {
		return nil, err
	}
	if len(st.Stems) == 0 {
		return s, nil
	}
	s.has = true
	for i, name := range Stems {
		p, ok := st.Stems[name]
		if !ok {
			continue // a stem the soundtrack does not have is silent
		}
		if s.stems[i], err = to48k(p); err != nil {
			return nil, fmt.Errorf("%s stem: %w", name, err)
		}
	}
	return s, nil
}

// to48k returns p as 48 kHz mono or stereo.
func to48k(p PCM) (PCM, error) {
	if len(p.Samples) == 0 {
		return PCM{Rate: SampleRate, Channels: 2}, nil
	}
	if p.Rate == SampleRate && (p.Channels == 1 || p.Channels == 2) {
		return p, nil
	}
	s, err := ToStereo(p.Samples, p.Channels, p.Rate, SampleRate)
	if err != nil {
		return PCM{}, err
	}
	return PCM{Rate: SampleRate, Channels: 2, Samples: s}, nil
}

func (s *pcmSource) Len() int64     { return int64(s.mix.Len()) }
func (s *pcmSource) HasStems() bool { return s.has }

func (s *pcmSource) ReadAt(mix []float32, stems *[4][]float32, at int64) error {
	copyFrames(mix, s.mix, at)
	if stems != nil && s.has {
		for i := range stems {
			copyFrames(stems[i], s.stems[i], at)
		}
	}
	return nil
}

// copyFrames fills dst (interleaved stereo) with frames [at, ...) of p,
// silence outside p. Mono plays on both sides.
func copyFrames(dst []float32, p PCM, at int64) {
	n := int64(len(dst) / 2)
	have := int64(p.Len())
	lo, hi := max(at, 0), min(at+n, have)
	if lo >= hi {
		clear(dst)
		return
	}
	clear(dst[:2*(lo-at)])
	clear(dst[2*(hi-at):])
	switch p.Channels {
	case 2:
		copy(dst[2*(lo-at):2*(hi-at)], p.Samples[2*lo:2*hi])
	case 1:
		for t := lo; t < hi; t++ {
			v := p.Samples[t]
			dst[2*(t-at)], dst[2*(t-at)+1] = v, v
		}
	default:
		c := int64(p.Channels)
		for t := lo; t < hi; t++ {
			dst[2*(t-at)], dst[2*(t-at)+1] = p.Samples[t*c], p.Samples[t*c+1]
		}
	}
}
