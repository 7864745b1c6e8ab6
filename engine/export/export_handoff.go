package export

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"kino/engine/audio"
	"kino/engine/export/format"
	"kino/engine/media"
)

// MaxEDLEvents is the most events a CMX 3600 EDL numbers (three digits):
// a hand-off of more shots with media fails.
const MaxEDLEvents = format.MaxEDLEvents

// exportHandoff writes the editor hand-off (see handoff_plan.go): every
// take's video and stems, the audio lane's clips, then the OTIO, EDL and
// FCPXML over them, each file with its provenance sidecar.
func (e *exporter) exportHandoff(ctx context.Context, t *Timeline, w, h int) error {
	p, err := e.planHandoff(t, w, h)
	if err != nil {
		return err
	}
	if e.ffmpeg == "" && !e.opts.PureGo {
		e.notes("ffmpeg was not found, so the per-shot media are AVI files (Motion-JPEG, PCM)")
	}
	var finals []string
	for _, f := range p.files() {
		finals = append(finals, f, sidecarPath(f))
	}
	if e.out, err = newOutputs(e.opts.Force, finals...); err != nil {
		return err
	}
	switch e.opts.Format {
	case FormatEDL:
		e.res.Main = p.edl
	case FormatFCPXML:
		e.res.Main = p.fcpxml
	default:
		e.res.Main = p.otio
	}
	e.res.Encoder, e.res.UsedFFmpeg = e.encoderName(), e.ffmpeg != ""
	for _, s := range p.shots {
		for _, tk := range s.takes {
			if err := e.writeTakeMedia(ctx, t, s, tk, w, h); err != nil {
				return fmt.Errorf("shot %d, %s: %w", s.number, tk.key, err)
			}
		}
		if s.gap {
			e.track.add(float64(s.frames))
		}
	}
	for _, l := range p.lanes {
		if err := e.writeLaneClip(t, p, l); err != nil {
			return fmt.Errorf("audio clip %q: %w", l.am.Clip.Name, err)
		}
	}
	e.track.setStage("timeline")
	doc := e.document(p)
	otioDir := filepath.Dir(p.otio) // media paths relative to the .otio
	if e.opts.AbsolutePaths {
		otioDir = ""
	}
	docs := []struct {
		path, role string
		build      func() ([]byte, error)
	}{
		{p.otio, "timeline (OpenTimelineIO)", func() ([]byte, error) { return format.OTIO(doc, otioDir) }},
		{p.edl, "timeline (CMX 3600 EDL)", func() ([]byte, error) { return format.EDL(doc) }},
		{p.fcpxml, "timeline (FCPXML 1.10)", func() ([]byte, error) { return format.FCPXML(doc) }},
	}
	for _, d := range docs {
		data, err := d.build()
		if err != nil {
			return err
		}
		f, err := e.out.create(d.path)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
		if err := writeSidecar(e.out, d.path, e.prov.forFile(d.path, d.role, nil)); err != nil {
			return err
		}
	}
	return nil
}

// writeTakeMedia writes one take's video and, when it has them, stems.
func (e *exporter) writeTakeMedia(ctx context.Context, t *Timeline, s *hoShot, tk *hoTake, w, h int) error {
	sm := tk.sm
	if tk.open != nil {
		clip, err := tk.open()
		if err != nil {
			return err
		}
		if c, ok := clip.(io.Closer); ok {
			defer c.Close()
		}
		sm.Clip = clip
	}
	one := *t
	one.Shots = []ShotMedia{sm}
	one.Audio = nil
	e.track.setStage(fmt.Sprintf("shot %d", s.number))
	role := fmt.Sprintf("shot %d", s.number)
	if tk.number > 0 {
		role += fmt.Sprintf(", take %d", tk.number)
	}
	if err := e.writeVideoFile(ctx, &one, tk.video, w, h, role, func() { e.track.add(1) }); err != nil {
		return err
	}
	if tk.stems[0] == "" {
		return nil
	}
	if !clipHasStems(sm) {
		return fmt.Errorf("its stored stems cannot be read")
	}
	return e.writeStemFiles(ctx, &one, tk.stems, role)
}

// writeStemFiles writes the four stems of a one-shot timeline as 32-bit
// float WAVs with their sidecars.
func (e *exporter) writeStemFiles(ctx context.Context, one *Timeline, paths [4]string, role string) error {
	mix := newMixer(one, true)
	prov := provenanceFor(one, &e.opts, e.now)
	writers := make([]*media.WAVStream, 4)
	for i, p := range paths {
		f, err := e.out.create(p)
		if err != nil {
			return err
		}
		opts := media.WAVOptions{Format: media.Float32, Title: one.Title + " (" + role + ", " + string(audio.Stems[i]) + ")",
			Comment: prov.embedded(p, nil), Software: e.opts.App + " " + e.opts.Version, Date: e.now.UTC().Format("2006-01-02")}
		if writers[i], err = media.NewWAVStream(f, 2, audio.SampleRate, mix.total, opts); err != nil {
			return err
		}
	}
	err := mix.ReadAll(ctx, func(b *audio.Block) error {
		for i := range b.Stems {
			if err := writers[i].Write(b.Stems[i]); err != nil {
				return err
			}
		}
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
		if err := writeSidecar(e.out, paths[i], prov.forFile(paths[i], role+", "+string(audio.Stems[i]), nil)); err != nil {
			return err
		}
	}
	return nil
}

// writeLaneClip writes a music or voice-over clip's sound as it is (its
// own rate and channels, 32-bit float) and notes its length.
func (e *exporter) writeLaneClip(t *Timeline, p *handoffPlan, l *hoLane) error {
	pcm, err := l.am.Open()
	if err != nil {
		return err
	}
	if pcm.Channels < 1 || pcm.Rate < 1 {
		return fmt.Errorf("its sound has %d channels at %d Hz", pcm.Channels, pcm.Rate)
	}
	n := int64(pcm.Len())
	r := t.Rate
	l.channels, l.rate = pcm.Channels, pcm.Rate
	l.frames = max(1, (n*r.Num+int64(pcm.Rate)*r.Den-1)/(int64(pcm.Rate)*r.Den))
	f, err := e.out.create(l.file)
	if err != nil {
		return err
	}
	prov := e.prov.forFile(l.file, string(l.am.Clip.Lane)+" clip "+l.am.Clip.Name, nil)
	ws, err := media.NewWAVStream(f, pcm.Channels, pcm.Rate, n, media.WAVOptions{Format: media.Float32, Title: l.am.Clip.Name,
		Comment: prov.embedded(l.file, nil), Software: e.opts.App + " " + e.opts.Version})
	if err != nil {
		return err
	}
	if err := ws.Write(pcm.Samples[:n*int64(pcm.Channels)]); err != nil {
		return err
	}
	if err := ws.Close(); err != nil {
		return writeError(err, "writing "+l.file)
	}
	return writeSidecar(e.out, l.file, prov)
}
