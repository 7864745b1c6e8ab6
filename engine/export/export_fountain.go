package export

import (
	"bytes"
	"context"
	"strings"

	"kino/engine"
	"kino/engine/scene"
	"kino/project"
	"kino/project/fountain"
)

// FormatFountain is the film as a Fountain screenplay (fountain.io):
// scene headings from the shots' prompts, action, dialogue by character,
// and what Fountain has no syntax for (durations, seeds, camera, cast
// handles, line start times) in [[kino: …]] notes, so that importing the
// script gives the same shots again. It needs no pictures or sound.
const FormatFountain Format = "fountain"

// NeedsPictures reports whether format f writes pictures or sound, so
// that shots without a take must be rendered (or shown as placeholders)
// first. A Fountain script needs neither.
func (f Format) NeedsPictures() bool { return f != FormatFountain }

// exportFountain writes the timeline's shots as a Fountain screenplay.
func (e *exporter) exportFountain(ctx context.Context, t *Timeline) error {
	final := e.opts.Out
	var err error
	if e.out, err = newOutputs(e.opts.Force, final, sidecarPath(final)); err != nil {
		return err
	}
	e.res.Main = final
	e.track.setStage("script")
	film := fountain.Film{Title: t.Title, Rate: t.Rate, SceneOf: sceneHeading}
	for _, s := range t.Shots {
		if err := ctx.Err(); err != nil {
			return err
		}
		film.Shots = append(film.Shots, s.Shot)
	}
	var b bytes.Buffer
	if err := fountain.Write(&b, film); err != nil {
		return project.WrapError(project.EINTERNAL, err, "writing the script")
	}
	f, err := e.out.create(final)
	if err != nil {
		return err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		return err
	}
	e.track.add(float64(len(t.Shots)))
	return writeSidecar(e.out, final, e.prov.forFile(final, "script", nil))
}

// sceneHeading is a scene heading for a prompt not made from one: the
// setting and time of day the built-in engine reads in it ("EXT. BEACH -
// GOLDEN HOUR"), or "" when it names no setting.
func sceneHeading(s *project.Shot) string {
	req := engine.DefaultRequest()
	req.Prompt = s.Prompt
	req, _, err := req.Normalize()
	if err != nil || req.Prompt == "" {
		return ""
	}
	p := scene.Parse(req)
	var place, when string
	for _, t := range p.Used {
		// A term's meaning lists what it stands for: "in the picture:
		// street; setting: city".
		for _, m := range strings.Split(t.Meaning, "; ") {
			if v, ok := strings.CutPrefix(m, "setting: "); ok && place == "" && v != "" {
				place = t.Text
			}
			if v, ok := strings.CutPrefix(m, "time: "); ok && when == "" {
				when = v
			}
		}
	}
	if place == "" {
		return ""
	}
	h := "EXT. " + strings.ToUpper(place)
	if p.Indoors {
		h = "INT. " + strings.ToUpper(place)
	}
	if when != "" {
		h += " - " + strings.ToUpper(when)
	}
	return h
}
