package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"kino/engine"
	"kino/engine/media"
	"kino/project"
)

// Store is what making a take needs from a project.
type Store interface {
	Source
	project.TakeRecorder
}

// Options tune one render.
type Options struct {
	// Seed is the take's seed (see TakeSeed).
	Seed uint64
	// KeepActive leaves the shot's active take alone; by default a new
	// take becomes the active one.
	KeepActive bool
	// Force renders even when an identical take is in the cache.
	Force bool
	// Quality is the JPEG quality of the stored frames (default 85).
	Quality int
	// Workers encode frames in parallel (default GOMAXPROCS).
	Workers int
	// Library, when set, is checked for revoked consent.
	Library CameoLookup
	// Now is the clock for consent checks (default time.Now).
	Now func() time.Time
	// Engine, when set, is the engine this render stands for instead of
	// the project's (a command-line override): its model pack and the
	// shot's strength reach the backend when the backend is the engine's
	// (see ApplyEngine).
	Engine *project.Engine
}

// Result is a finished render.
type Result struct {
	Take *project.Take
	// Cached is set when an identical earlier take was reused.
	Cached bool
	// Notes are things a person should know (clamped input, missing dialogue).
	Notes []string
}

// Thumbnail size of a take's key frame, and of the previews in progress
// reports.
const thumbW, thumbH = 320, 180

// previewEvery returns how many frames apart progress reports carry a
// preview: one per second of picture, the first frame included.
func previewEvery(r project.Rate) int {
	if r.Num <= 0 || r.Den <= 0 {
		return 24
	}
	return max(1, int(r.Num/r.Den))
}

// Take renders shot shotID with backend and records it as a new take of the
// shot. When an identical take (same backend, model, request and seed) is
// already stored with its media intact, it is reused at once. A failed or
// cancelled render is recorded as such, with its error, and returned as an
// error. progress is called from one goroutine at a time.
func Take(ctx context.Context, store Store, backend engine.Backend, shotID int64, opts Options, progress engine.ProgressFunc) (Result, error) {
	if progress == nil {
		progress = func(engine.Progress) {}
	}
	// Frames are encoded on several goroutines; callers get one report at a time.
	var mu sync.Mutex
	report := progress
	progress = func(p engine.Progress) {
		mu.Lock()
		defer mu.Unlock()
		report(p)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	shot, err := store.Shot(ctx, shotID)
	if err != nil {
		return Result{}, err
	}
	req, settings, err := resolve(ctx, store, opts.Library, shot, opts.Seed, opts.Now())
	if err != nil {
		return Result{}, err
	}
	eng := settings.Engine
	if opts.Engine != nil {
		eng = *opts.Engine
	}
	ApplyEngine(&req, eng, shot, backend.Name())
	norm, notes, err := req.Normalize()
	if err != nil {
		return Result{}, fmt.Errorf("shot %d: %w", shot.Number(), err)
	}
	hash := engine.Hash(backend.Name(), norm.Model, norm)
	if !opts.Force {
		if t := cachedTake(ctx, store, shotID, hash); t != nil {
			if !opts.KeepActive && shot.ActiveTakeID != t.ID {
				if err := store.FinishTake(ctx, t, true); err != nil {
					return Result{}, err
				}
			}
			return Result{Take: t, Cached: true, Notes: notes}, nil
		}
	}
	reqJSON, _ := json.Marshal(norm)
	take := &project.Take{
		ShotID: shotID, Backend: backend.Name(), Model: norm.Model, ParamsHash: hash,
		Seed: norm.Seed, Status: project.TakeRunning, Request: string(reqJSON),
		Frames: norm.Duration.Frames, Rate: norm.Duration.Rate,
	}
	if err := store.CreateTake(ctx, take); err != nil {
		return Result{}, err
	}
	res, err := renderInto(ctx, store, backend, norm, take, opts, progress)
	if err != nil {
		take.Media = nil
		take.Status, take.Error = project.TakeFailed, err.Error()
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			take.Status, take.Error = project.TakeCancelled, "cancelled"
		}
		// Record the outcome even though ctx may be cancelled.
		if uerr := store.UpdateTake(context.WithoutCancel(ctx), take); uerr != nil {
			return Result{}, errors.Join(err, uerr)
		}
		return Result{Take: take}, err
	}
	res.Notes = append(notes, res.Notes...)
	return res, nil
}

func cachedTake(ctx context.Context, store Store, shotID int64, hash string) *project.Take {
	takes, err := store.Takes(ctx, shotID)
	if err != nil {
		return nil
	}
	for _, t := range takes {
		if t.ParamsHash != hash || t.Status != project.TakeDone {
			continue
		}
		intact := len(t.Media) > 0
		for _, m := range t.Media {
			if _, err := os.Stat(store.BlobPath(m.Asset.SHA256)); err != nil {
				intact = false
			}
		}
		if intact {
			return t
		}
	}
	return nil
}

func renderInto(ctx context.Context, store Store, backend engine.Backend, req engine.Request, take *project.Take, opts Options, progress engine.ProgressFunc) (Result, error) {
	start := time.Now()
	clip, err := backend.Generate(ctx, req, progress)
	if err != nil {
		return Result{}, err
	}
	info := clip.Info()
	take.ModelHash = info.ModelHash
	quality := opts.Quality
	if quality == 0 {
		quality = 85
	}
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	// Frames stream straight into the media store through a pipe, so a
	// take never sits in memory whole and is written to disk once.
	total := info.Frames
	pr, pw := io.Pipe()
	type put struct {
		asset project.Asset
		err   error
	}
	done := make(chan put, 1)
	go func() {
		a, err := store.PutBlob(ctx, pr, "video/x-motion-jpeg")
		pr.CloseWithError(err)
		done <- put{a, err}
	}()
	every := previewEvery(info.Rate)
	n, encErr := media.EncodeParallel(ctx, pw, total, quality, workers, func(i int) (engine.Image, error) {
		img, err := clip.Frame(i)
		if err == nil {
			p := engine.Progress{Stage: "frames", Step: i + 1, Total: total, Elapsed: time.Since(start)}
			if i%every == 0 {
				// A small copy of the frame, so the studio can show the
				// shot taking shape before the take is stored.
				p.Preview = media.Thumbnail(img, thumbW, thumbH)
			}
			progress(p)
		}
		return img, err
	})
	pw.CloseWithError(encErr)
	video := <-done
	if encErr != nil {
		return Result{}, encErr
	}
	if video.err != nil {
		return Result{}, fmt.Errorf("saving the frames: %w", video.err)
	}
	if n != total {
		return Result{}, fmt.Errorf("encoded %d of %d frames", n, total)
	}

	progress(engine.Progress{Stage: "sound", Step: total, Total: total, Elapsed: time.Since(start)})
	sound, err := clip.Soundtrack()
	if err != nil {
		return Result{}, fmt.Errorf("making the sound: %w", err)
	}
	soundRefs, err := storeSound(ctx, store, sound)
	if err != nil {
		return Result{}, err
	}

	key, err := clip.Frame(total / 3)
	if err != nil {
		return Result{}, err
	}
	var thumb bytes.Buffer
	if err := media.EncodeJPEG(&thumb, media.Thumbnail(key, thumbW, thumbH), 85); err != nil {
		return Result{}, err
	}
	thumbAsset, err := store.PutBlob(ctx, &thumb, "image/jpeg")
	if err != nil {
		return Result{}, fmt.Errorf("saving the thumbnail: %w", err)
	}

	take.Media = append([]project.MediaRef{
		{Role: project.MediaVideo, Asset: video.asset},
		{Role: project.MediaThumbnail, Asset: thumbAsset},
	}, soundRefs...)
	take.Status, take.Error = project.TakeDone, ""
	if err := store.FinishTake(context.WithoutCancel(ctx), take, !opts.KeepActive); err != nil {
		return Result{}, err
	}
	notes := append([]string(nil), info.Notes...)
	notes = append(notes, sound.Missing...)
	return Result{Take: take, Notes: notes}, nil
}
