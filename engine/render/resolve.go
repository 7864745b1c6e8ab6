package render

import (
	"context"
	"fmt"
	"strings"
	"time"

	"kino/engine"
	"kino/project"
	"kino/project/cameoimage"
)

// ConsentSource gives the consent records and pins a place holds: a
// project, the person's cameo library, a farm's shared revocations.
type ConsentSource interface {
	ConsentFacts(ctx context.Context) (*project.ConsentFacts, error)
}

// Source is what resolving a shot reads from a project.
type Source interface {
	project.Reader
	project.MediaStore
	ConsentSource
}

// Consent returns the consent book of the project in src at now: the
// project's consent facts together with lib's (the cameo library, which
// knows of revocations made since the project last looked). It fails
// closed: when lib is given but cannot be read, every cameo's verdict
// refuses, saying consent cannot be established and why (shots and takes
// without cameos are unaffected).
func Consent(ctx context.Context, src Source, lib ConsentSource, now time.Time) (*project.ConsentBook, error) {
	settings, err := src.Project(ctx)
	if err != nil {
		return nil, err
	}
	facts, err := src.ConsentFacts(ctx)
	if err != nil {
		return nil, project.WrapError(project.ECONSENT, err, "cannot be established: the project's consent records cannot be read")
	}
	var libErr error
	if lib != nil {
		lf, err := lib.ConsentFacts(ctx)
		if err != nil {
			libErr = err
		}
		facts = project.MergeConsentFacts(facts, lf)
	}
	book := project.NewConsentBook(facts, settings.ID, now)
	if libErr != nil {
		book.FailClosed(libErr)
	}
	return book, nil
}

// BrokenLibrary stands for a cameo library that could not be opened: its
// consent facts are that error, so every consent check fails closed with
// the reason, while shots without cameos are unaffected.
type BrokenLibrary struct{ Err error }

// ConsentFacts returns the library's error.
func (b BrokenLibrary) ConsentFacts(context.Context) (*project.ConsentFacts, error) {
	return nil, b.Err
}

// Resolve turns shot into a request for a render with seed by the
// project's engine (see ApplyEngine: its model pack and the shot's
// strength are in the request unless the engine is previz). It returns an
// ECONSENT error naming the shot and the cameo when a cast cameo's consent
// does not allow the use: the one consent rule (project.JudgeConsent) over
// the project's consent records and, when lib is not nil, the library's.
func Resolve(ctx context.Context, src Source, lib ConsentSource, shot *project.Shot, seed uint64, now time.Time) (engine.Request, error) {
	req, settings, err := resolve(ctx, src, lib, shot, seed, now)
	if err != nil {
		return req, err
	}
	ApplyEngine(&req, settings.Engine, shot, settings.Engine.Backend)
	return req, nil
}

// ApplyEngine sets the fields of req that tune a neural engine, the model
// pack (eng.Model) and the shot's strength, steps and guidance, for a render by the backend
// named backend on behalf of engine eng (the project's engine, or an
// override). They are set only when backend is eng's backend and is not
// the built-in previz engine; otherwise they are cleared. A take's content
// address hashes the request, so this keeps previz takes, and takes of a
// backend other than the engine's, from changing address when a shot
// gains a strength or the project a model pack: the backend would ignore
// them, or read a model name meant for another backend.
func ApplyEngine(req *engine.Request, eng project.Engine, shot *project.Shot, backend string) {
	if backend != eng.Backend || backend == project.BackendPreviz {
		req.Model, req.Strength, req.Steps, req.Guidance = "", 0, 0, 0
		return
	}
	req.Model, req.Strength, req.Steps, req.Guidance = eng.Model, shot.Strength, shot.Steps, shot.Guidance
}

// resolve builds the request for shot without the engine's fields, and
// returns the project settings it read.
func resolve(ctx context.Context, src Source, lib ConsentSource, shot *project.Shot, seed uint64, now time.Time) (engine.Request, *project.Project, error) {
	settings, err := src.Project(ctx)
	if err != nil {
		return engine.Request{}, nil, err
	}
	req, err := resolveWith(ctx, src, lib, settings, shot, seed, now)
	return req, settings, err
}

// Request returns the request a generation of shot with seed would send
// under settings, without its cast's reference images (they are not part
// of a take's hash) and without checking consent. A cast member whose
// cameo is not among cameos keeps only its handle and role. The engine's
// fields (model, strength) are left to ApplyEngine.
func Request(settings *project.Project, cameos []*project.Cameo, shot *project.Shot, seed uint64) engine.Request {
	// The shot and the settings give every field engine.DefaultRequest
	// has; the neural fields' defaults (0) are ApplyEngine's to set.
	req := engine.Request{
		Prompt:         shot.Prompt,
		NegativePrompt: shot.NegativePrompt,
		Duration:       shot.Duration,
		Width:          settings.Resolution.Width,
		Height:         settings.Resolution.Height,
		Seed:           seed,
		Camera:         shot.Camera,
		Style:          shot.Style,
	}
	for _, m := range shot.Cast {
		c := cameoByID(cameos, m.CameoID)
		if c == nil {
			req.Cast = append(req.Cast, engine.CastCameo{Handle: m.Handle, Role: m.Role})
			continue
		}
		terms := c.Consent.Terms()
		cc := engine.CastCameo{CameoID: c.ID, Consent: &terms, Handle: c.Handle, Name: c.Name, Role: m.Role, Appearance: c.Appearance, IsSelf: c.IsSelf, Voice: c.Voice}
		cc.VoiceModel = voiceModel(c.Voice)
		if len(c.Images) > 0 {
			cc.ImageSHA256 = c.Images[0].SHA256
		}
		req.Cast = append(req.Cast, cc)
	}
	for _, d := range shot.Dialogue {
		req.Dialogue = append(req.Dialogue, engine.Line{Speaker: d.Speaker, Text: d.Text, Start: d.Start, Narrator: d.Narrator, Delivery: d.Delivery})
	}
	return req
}

func cameoByID(cameos []*project.Cameo, id string) *project.Cameo {
	for _, c := range cameos {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// resolveWith builds the request for shot under settings, checking the
// consent of its cast and decoding their reference images.
func resolveWith(ctx context.Context, src Source, lib ConsentSource, settings *project.Project, shot *project.Shot, seed uint64, now time.Time) (engine.Request, error) {
	var cameos []*project.Cameo
	var book *project.ConsentBook
	if len(shot.Cast) > 0 {
		var err error
		if cameos, err = src.Cameos(ctx); err != nil {
			return engine.Request{}, err
		}
		if book, err = Consent(ctx, src, lib, now); err != nil {
			return engine.Request{}, project.WrapError(project.ECONSENT, err, "shot %d cannot be generated: consent for %s", shot.Number(), strings.Join(shot.CastHandles(), ", "))
		}
	}
	req := Request(settings, cameos, shot, seed)
	for k, m := range shot.Cast {
		c := cameoByID(cameos, m.CameoID)
		if c == nil {
			return req, project.Errorf(project.ECORRUPT, "shot %d casts %s, but the project has no copy of that cameo", shot.Number(), m.Handle)
		}
		v := book.Verdict(c.ID, c.Handle)
		if !v.Allowed() {
			return req, project.WrapError(project.ECONSENT, v.Err, "shot %d cannot be generated", shot.Number())
		}
		// The newest valid record decides the terms the take keeps.
		terms := v.Record.Terms()
		req.Cast[k].Consent = &terms
		if sha := req.Cast[k].ImageSHA256; sha != "" {
			img, err := cameoimage.Load(src.BlobPath(sha))
			if err != nil {
				return req, fmt.Errorf("shot %d, cameo %s: %w", shot.Number(), c.Handle, err)
			}
			req.Cast[k].Image = img
		}
	}
	return req, nil
}

// TakeSeed returns the seed a new take of shot uses: the shot's fixed seed,
// or fresh when the shot draws a new seed for each take.
func TakeSeed(shot *project.Shot, fresh func() uint64) uint64 {
	if shot.Seed.Mode == project.SeedNewEach {
		return fresh()
	}
	return shot.Seed.Value
}
