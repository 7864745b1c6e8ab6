package export

import (
	"context"
	"fmt"
)

// HandoffMediaPath returns where the editor hand-off at out puts the media
// of shot number n: "film.otio" gives "film.shot003.mp4" (ext ".mp4", or
// ".avi" on the pure-Go path).
func HandoffMediaPath(out string, n int, ext string) string {
	return fmt.Sprintf("%s.shot%03d%s", withExt(out, ""), n, ext)
}

// exportHandoff writes NAME.otio, NAME.edl and one video file per shot
// beside them, each with its provenance sidecar.
func (e *exporter) exportHandoff(ctx context.Context, t *Timeline, w, h int) error {
	ext := ".mp4"
	if e.ffmpeg == "" {
		ext = ".avi"
		if !e.opts.PureGo {
			e.notes("ffmpeg was not found, so the per-shot media are AVI files (Motion-JPEG, PCM)")
		}
	}
	otioPath, edlPath := withExt(e.opts.Out, ".otio"), withExt(e.opts.Out, ".edl")
	shots := make([]handoffShot, len(t.Shots))
	finals := []string{otioPath, edlPath}
	for i, s := range t.Shots {
		shots[i] = handoffShot{frames: s.frames(t.Rate), prov: e.prov.Shots[i]}
		if s.Placeholder && e.opts.PlaceholderGaps {
			e.notes(fmt.Sprintf("shot %d was not generated; it is a gap in the hand-off", s.Shot.Number()))
			continue
		}
		shots[i].media = HandoffMediaPath(e.opts.Out, s.Shot.Number(), ext)
		finals = append(finals, shots[i].media, sidecarPath(shots[i].media))
	}
	var err error
	if e.out, err = newOutputs(e.opts.Force, finals...); err != nil {
		return err
	}
	e.res.Main = otioPath
	if e.opts.Format == FormatEDL {
		e.res.Main = edlPath
	}
	e.res.Encoder, e.res.UsedFFmpeg = e.encoderName(), e.ffmpeg != ""
	if len(t.Audio) > 0 {
		e.notes("music and voice-over clips are not in the hand-off media; export stems to bring them into an editor")
	}
	for i, s := range t.Shots {
		if shots[i].media == "" {
			e.track.add(float64(shots[i].frames))
			continue
		}
		one := *t
		one.Shots = []ShotMedia{s}
		one.Audio = nil
		e.track.setStage(fmt.Sprintf("shot %d", s.Shot.Number()))
		role := fmt.Sprintf("shot %d", s.Shot.Number())
		if err := e.writeVideoFile(ctx, &one, shots[i].media, w, h, role, func() { e.track.add(1) }); err != nil {
			return fmt.Errorf("shot %d: %w", s.Shot.Number(), err)
		}
	}
	meta := map[string]any{"kino": map[string]any{
		"app": e.opts.App, "version": e.opts.Version, "exported_at": e.prov.ExportedAt,
		"ai_generated": true, "watermark": !e.opts.NoWatermark, "rate": t.Rate.String(),
		"width": w, "height": h,
	}}
	otio, err := buildOTIO(t.Title, t.Rate, shots, meta)
	if err != nil {
		return err
	}
	edl, err := buildEDL(t.Title, t.Rate, shots)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{otioPath, otio}, {edlPath, edl}} {
		out, err := e.out.create(f.path)
		if err != nil {
			return err
		}
		if _, err := out.Write(f.data); err != nil {
			return err
		}
	}
	return nil
}
