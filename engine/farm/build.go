package farm

import (
	"context"
	"fmt"
	"time"

	"kino/engine"
	"kino/engine/render"
	"kino/project"
)

// Build resolves shot for a farm render with seed by backend, on behalf of
// engine eng (the project's), exactly as a local take would be made
// (render.Resolve, render.ApplyEngine, engine.Request.Normalize): the
// consent of its cast is checked here too. It returns the request and the
// cast's reference images (to copy into the job's blobs folder).
func Build(ctx context.Context, src render.Source, lib render.ConsentSource, shot *project.Shot, seed uint64, eng project.Engine, backend engine.Backend, modelHash string, now time.Time) (*Request, []project.Asset, error) {
	settings, err := src.Project(ctx)
	if err != nil {
		return nil, nil, err
	}
	req, err := render.Resolve(ctx, src, lib, shot, seed, now)
	if err != nil {
		return nil, nil, err
	}
	render.ApplyEngine(&req, eng, shot, backend.Name())
	norm, _, err := req.Normalize()
	if err != nil {
		return nil, nil, fmt.Errorf("shot %d: %w", shot.Number(), err)
	}
	r := &Request{
		Format: RequestFormat, ProjectID: settings.ID, ShotID: shot.ID, ShotNumber: shot.Number(),
		Backend: backend.Name(), Model: norm.Model, ModelHash: modelHash,
		ParamsHash: engine.Hash(backend.Name(), norm.Model, norm), Request: norm,
		Revocations: "../../" + RevocationsDir, CreatedAt: now.UTC(),
	}
	var images []project.Asset
	cameos, err := src.Cameos(ctx)
	if err != nil {
		return nil, nil, err
	}
	ids := map[string]bool{}
	for _, c := range norm.Cast {
		if c.CameoID == "" {
			continue
		}
		ids[c.CameoID] = true
		if c.ImageSHA256 == "" {
			continue
		}
		if r.Images == nil {
			r.Images = map[string]string{}
		}
		r.Images[c.ImageSHA256] = "../" + BlobsDir + "/" + c.ImageSHA256
		for _, s := range cameos {
			if s.ID == c.CameoID {
				images = append(images, s.Images[0])
			}
		}
	}
	if len(ids) > 0 {
		book, err := consentFacts(ctx, src, lib)
		if err != nil {
			return nil, nil, err
		}
		for _, rec := range book.Records {
			if ids[rec.CameoID] {
				r.Consent = append(r.Consent, rec)
			}
		}
		for _, p := range book.Pins {
			if ids[p.CameoID] {
				r.Pins = append(r.Pins, p)
			}
		}
		r.Trusted = book.Trusted
	}
	return r, images, nil
}

// consentFacts returns the project's consent facts with the library's.
func consentFacts(ctx context.Context, src render.Source, lib render.ConsentSource) (*project.ConsentFacts, error) {
	f, err := src.ConsentFacts(ctx)
	if err != nil {
		return nil, err
	}
	if lib == nil {
		return f, nil
	}
	lf, err := lib.ConsentFacts(ctx)
	if err != nil {
		return nil, project.WrapError(project.ECONSENT, err, "consent cannot be established: the cameo library cannot be read")
	}
	return project.MergeConsentFacts(f, lf), nil
}
