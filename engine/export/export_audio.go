package export

import (
	"context"
	"fmt"

	"kino/engine/audio"
	"kino/engine/media"
)

// The WAV files an export writes are streamed with media.WAVStream: the
// length is known from the timeline before the first sample, so the header
// is written first and the samples follow block by block, and a ten-minute
// film never sits in memory whole.

// StemPath returns where FormatStems writes the stem named stem for the
// mix at out: "film.wav" gives "film.dialogue.wav".
func StemPath(out, stem string) string {
	return withExt(out, "") + "." + stem + ".wav"
}

// StemNames lists the stem files FormatStems can write, in order:
// dialogue, effects, ambience, music, and other (written only when a shot's
// take is mix only, holding that take's sound).
func StemNames() []string { return append([]string(nil), stemNames[:]...) }

// Audio encoders, as the result names them.
const (
	encoderWAV16 = "WAV (16-bit PCM, 48 kHz stereo)"
	encoderWAVF  = "WAV (32-bit float, 48 kHz stereo)"
)

// exportAudio writes the mix (FormatWAV: 16-bit) or the mix and every stem
// (FormatStems: 32-bit float, so the stems sum to the mix exactly as they
// were made), all 48 kHz stereo of the same length, streamed in one pass.
func (e *exporter) exportAudio(ctx context.Context, t *Timeline) error {
	withStems := e.opts.Format == FormatStems
	mixPath := e.opts.Out
	paths := []string{mixPath}
	roles := []string{"mix"}
	other := false
	if withStems {
		var mixOnly []int
		for _, s := range t.Shots {
			if !s.Placeholder && !clipHasStems(s) {
				mixOnly = append(mixOnly, s.Shot.Number())
			}
		}
		other = len(mixOnly) > 0
		for i, s := range stemNames {
			if i == stemOther && !other {
				continue
			}
			paths = append(paths, StemPath(mixPath, s))
			roles = append(roles, s)
		}
	}
	format, enc := media.PCM16, encoderWAV16
	if withStems {
		format, enc = media.Float32, encoderWAVF
	}
	var finals []string
	for _, p := range paths {
		finals = append(finals, p, sidecarPath(p))
	}
	var err error
	if e.out, err = newOutputs(e.opts.Force, finals...); err != nil {
		return err
	}
	e.res.Main = mixPath
	e.res.Encoder = enc
	e.track.setStage("sound")

	mix := newMixer(t, withStems)
	if err := mix.normalise(ctx, t); err != nil {
		return err
	}
	writers := make([]*media.WAVStream, len(paths))
	provs := make([]*Provenance, len(paths))
	for i, p := range paths {
		f, err := e.out.create(p)
		if err != nil {
			return err
		}
		provs[i] = e.prov.forFile(p, roles[i], nil)
		title := t.Title
		if roles[i] != "mix" {
			title += " (" + roles[i] + ")"
		}
		opts := media.WAVOptions{Format: format, Title: title, Comment: provs[i].embedded(p, nil), Software: e.opts.App + " " + e.opts.Version, Date: e.now.UTC().Format("2006-01-02")}
		if writers[i], err = media.NewWAVStream(f, 2, audio.SampleRate, mix.total, opts); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
	}
	samplesPerFrame := float64(mix.total) / float64(max(1, t.Duration().Frames))
	err = mix.ReadAll(ctx, func(b *audio.Block) error {
		if err := writers[0].Write(b.Mix); err != nil {
			return err
		}
		if withStems {
			for i := range b.Stems {
				if err := writers[i+1].Write(b.Stems[i]); err != nil {
					return err
				}
			}
			if other {
				if err := writers[5].Write(b.Other); err != nil {
					return err
				}
			}
		}
		e.track.add(float64(b.Frames()) / samplesPerFrame)
		return nil
	})
	if err != nil {
		return err
	}
	e.notes(mix.Notes()...)
	for i, w := range writers {
		if err := w.Close(); err != nil {
			return writeError(err, "writing "+paths[i])
		}
		if err := writeSidecar(e.out, paths[i], provs[i]); err != nil {
			return err
		}
	}
	return nil
}

// clipHasStems reports whether shot s's sound has stems: a stored take
// that kept them, or a fresh render (whose soundtrack says).
func clipHasStems(s ShotMedia) bool {
	if h, ok := s.Clip.(interface{ HasStems() bool }); ok {
		return h.HasStems()
	}
	st, err := s.Clip.Soundtrack()
	return err != nil || st == nil || len(st.Stems) > 0 // a failure is reported when the sound is read
}
