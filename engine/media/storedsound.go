package media

import (
	"errors"
	"fmt"

	"kino/engine/audio"
	"kino/project"
)

// StoredSound is a stored take's sound read from its files block by
// block: the mix and, when the take stored them, its four stems. Memory
// stays flat however long the take. It implements audio.Source and is
// read from one goroutine at a time; Close releases its files.
type StoredSound struct {
	frames  int64
	mix     *WAVFile
	stems   [4]*WAVFile
	missing []string
	buf     []byte
	tmp     []float32
}

var _ audio.Source = (*StoredSound)(nil)

// Len implements audio.Source: the take's length in 48 kHz sample frames.
func (s *StoredSound) Len() int64 { return s.frames }

// HasStems implements audio.Source.
func (s *StoredSound) HasStems() bool { return s.stems[0] != nil }

// Missing lists what could not be read, as Soundtrack.Missing does.
func (s *StoredSound) Missing() []string { return s.missing }

// ReadAt implements audio.Source.
func (s *StoredSound) ReadAt(mix []float32, stems *[4][]float32, at int64) error {
	// Past the take's length is silence, even where a file runs longer.
	n := int64(len(mix) / 2)
	keep := max(0, min(n, s.frames-at))
	if err := s.readStereo(s.mix, mix[:2*keep], at); err != nil {
		return err
	}
	clear(mix[2*keep:])
	if stems == nil || !s.HasStems() {
		return nil
	}
	for i, f := range s.stems {
		if err := s.readStereo(f, stems[i][:2*keep], at); err != nil {
			return err
		}
		clear(stems[i][2*keep:])
	}
	return nil
}

// readStereo reads frames of f from at into dst as stereo; nil f is silence.
func (s *StoredSound) readStereo(f *WAVFile, dst []float32, at int64) error {
	if f == nil || len(dst) == 0 {
		clear(dst)
		return nil
	}
	ch := f.info.Channels
	if ch == 2 {
		return f.ReadFramesAt(dst, &s.buf, at)
	}
	n := len(dst) / 2
	s.tmp = grow32(s.tmp, n*ch)
	if err := f.ReadFramesAt(s.tmp, &s.buf, at); err != nil {
		return err
	}
	for i := range n {
		l := s.tmp[i*ch]
		r := l
		if ch > 1 {
			r = s.tmp[i*ch+1]
		}
		dst[2*i], dst[2*i+1] = l, r
	}
	return nil
}

func grow32(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// Close releases the sound's files.
func (s *StoredSound) Close() error {
	var errs []error
	for _, f := range append([]*WAVFile{s.mix}, s.stems[:]...) {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	return errors.Join(errs...)
}

// openSoundFile opens a stored sound file and checks it is 48 kHz.
func openSoundFile(path string) (*WAVFile, error) {
	f, err := OpenWAVFile(path)
	if err != nil {
		return nil, err
	}
	if rate := f.Info().Rate; rate != audio.SampleRate {
		f.Close()
		return nil, project.Errorf(project.EINVALID, "sound file %s is %d Hz; stored clips must be %d Hz", path, rate, audio.SampleRate)
	}
	return f, nil
}

// SoundSource returns the clip's sound as a source read block by block
// from its files (the mix and, when the take stored them, the stems),
// instead of held whole as Soundtrack holds it. Each call opens the files
// anew; close the source when done. Its Missing says what could not be
// read, as Soundtrack's does.
func (c *StoredClip) SoundSource() (*StoredSound, error) {
	s := &StoredSound{frames: int64(c.soundFrames())}
	if c.audioPath == "" {
		s.missing = []string{"sound: this take was stored without a sound file"}
		return s, nil
	}
	var err error
	if s.mix, err = openSoundFile(c.audioPath); err != nil {
		return nil, err
	}
	if short := s.mix.Short(); short != nil {
		s.missing = append(s.missing, fmt.Sprintf("sound: file %s is cut off after %.2f s; the rest is silent (%v)", c.audioPath, float64(s.mix.Frames())/audio.SampleRate, short))
	}
	if ch := s.mix.Info().Channels; ch > 2 {
		s.missing = append(s.missing, fmt.Sprintf("sound: file %s has %d channels; only the first two are played", c.audioPath, ch))
	}
	if c.stemsErr != nil {
		s.missing = append(s.missing, fmt.Sprintf("stems: %v; only the mix is used", c.stemsErr))
	}
	if c.stemPaths[0] == "" {
		return s, nil
	}
	for i, p := range c.stemPaths {
		if s.stems[i], err = openSoundFile(p); err != nil {
			s.Close()
			return nil, fmt.Errorf("%s stem: %w", audio.Stems[i], err)
		}
		if short := s.stems[i].Short(); short != nil {
			s.missing = append(s.missing, fmt.Sprintf("%s stem: file %s is cut off; the rest is silent (%v)", audio.Stems[i], p, short))
		}
	}
	return s, nil
}
