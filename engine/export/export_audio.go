package export

import (
	"context"

	"kino/engine/audio"
)

// StemPath returns where FormatStems writes the stem named stem for the
// mix at out: "film.wav" gives "film.dialogue.wav".
func StemPath(out, stem string) string {
	return withExt(out, "") + "." + stem + ".wav"
}

// StemNames lists the stem files FormatStems writes, in order: dialogue,
// effects, ambience, music, and other (sound that belongs to no stem, such
// as a stored take's mix; silent when every shot has stems).
func StemNames() []string { return append([]string(nil), stemNames[:]...) }

// exportAudio writes the mix, and with FormatStems every stem, as 16-bit
// 48 kHz stereo WAV files of the same length, streamed in one pass.
func (e *exporter) exportAudio(ctx context.Context, t *Timeline) error {
	withStems := e.opts.Format == FormatStems
	mixPath := e.opts.Out
	paths := []string{mixPath}
	roles := []string{"mix"}
	if withStems {
		for _, s := range stemNames {
			paths = append(paths, StemPath(mixPath, s))
			roles = append(roles, s)
		}
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
	e.track.setStage("sound")

	mix := newMixer(t, withStems)
	if err := mix.normalise(ctx, t); err != nil {
		return err
	}
	writers := make([]*wavWriter, len(paths))
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
		info := riffInfo{Title: title, Comment: provs[i].embedded(p, nil), Software: e.opts.App + " " + e.opts.Version, Date: e.now.UTC().Format("2006-01-02")}
		if writers[i], err = newWAVWriter(f, mix.total, info); err != nil {
			return err
		}
	}
	samplesPerFrame := float64(mix.total) / float64(max(1, t.Duration().Frames))
	err = mix.ReadAll(ctx, func(b *audio.Block) error {
		if err := writers[0].write(b.Mix); err != nil {
			return err
		}
		if withStems {
			for i := range stemNames {
				stem := b.Other
				if i < len(b.Stems) {
					stem = b.Stems[i]
				}
				if err := writers[i+1].write(stem); err != nil {
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
		if err := w.close(); err != nil {
			return err
		}
		if err := writeSidecar(e.out, paths[i], provs[i]); err != nil {
			return err
		}
	}
	return nil
}
