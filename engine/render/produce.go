package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// PutFunc stores r's bytes as a blob of mediaType and returns its asset:
// a project's media store (project.MediaStore.PutBlob), or a folder a
// render farm task writes into.
type PutFunc func(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error)

// Produced is what rendering one request made: the take's media, the
// clip's facts, and notes a person should read.
type Produced struct {
	Media []project.MediaRef
	Info  engine.ClipInfo
	Notes []string
	// Timings of the stages.
	Frames, Sound time.Duration
}

// Produce renders req with backend and stores the take's media through
// put: the frames as MJPEG (quality, 85 when 0, on workers goroutines,
// GOMAXPROCS when 0), the sound as WAV (the mix, and its four stems
// losslessly: storeSound) and a thumbnail. Every take Kino
// makes, on this machine or on a farm, goes through here, so the same
// request gives the same bytes wherever it is rendered.
//
// A clip that makes its sound block by block (an audio.Streamer) has it
// stored as it is made, so a take of any length is rendered in the same
// memory; the sound starts with the frames, as what it learns ahead
// (levels that depend on the whole soundtrack) does not need them.
func Produce(ctx context.Context, backend engine.Backend, req engine.Request, quality, workers int, put PutFunc, progress engine.ProgressFunc) (Produced, error) {
	if progress == nil {
		progress = func(engine.Progress) {}
	}
	start := time.Now()
	clip, err := backend.Generate(ctx, req, progress)
	if err != nil {
		return Produced{}, err
	}
	info := clip.Info()
	if quality == 0 {
		quality = 85
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var stream audio.Stream
	if s, ok := clip.(audio.Streamer); ok {
		if stream, err = s.SoundStream(ctx); err != nil {
			return Produced{}, fmt.Errorf("making the sound: %w", err)
		}
		defer stream.Close()
	}

	// Frames stream straight into the store through a pipe, so a take
	// never sits in memory whole and is written to disk once.
	total := info.Frames
	pr, pw := io.Pipe()
	type putResult struct {
		asset project.Asset
		err   error
	}
	done := make(chan putResult, 1)
	go func() {
		a, err := put(ctx, pr, "video/x-motion-jpeg")
		pr.CloseWithError(err)
		done <- putResult{a, err}
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
		return Produced{}, encErr
	}
	if video.err != nil {
		return Produced{}, fmt.Errorf("saving the frames: %w", video.err)
	}
	if n != total {
		return Produced{}, fmt.Errorf("encoded %d of %d frames", n, total)
	}
	framesDone := time.Now()

	progress(engine.Progress{Stage: "sound", Step: total, Total: total, Elapsed: time.Since(start)})
	soundRefs, missing, err := produceSound(ctx, clip, stream, put)
	if err != nil {
		return Produced{}, err
	}
	soundDone := time.Now()

	key, err := clip.Frame(total / 3)
	if err != nil {
		return Produced{}, err
	}
	var thumb bytes.Buffer
	if err := media.EncodeJPEG(&thumb, media.Thumbnail(key, thumbW, thumbH), 85); err != nil {
		return Produced{}, err
	}
	thumbAsset, err := put(ctx, &thumb, "image/jpeg")
	if err != nil {
		return Produced{}, fmt.Errorf("saving the thumbnail: %w", err)
	}
	notes := append([]string(nil), info.Notes...)
	notes = append(notes, missing...)
	return Produced{
		Media: append([]project.MediaRef{
			{Role: project.MediaVideo, Asset: video.asset},
			{Role: project.MediaThumbnail, Asset: thumbAsset},
		}, soundRefs...),
		Info: info, Notes: notes,
		Frames: framesDone.Sub(start), Sound: soundDone.Sub(framesDone),
	}, nil
}

// produceSound stores the clip's sound, from stream when it has one, and
// returns its media refs and what it lacks.
func produceSound(ctx context.Context, clip engine.Clip, stream audio.Stream, put PutFunc) ([]project.MediaRef, []string, error) {
	if stream != nil {
		refs, err := storeStream(ctx, put, stream)
		if err != nil {
			return nil, nil, err
		}
		return refs, stream.Missing(), nil
	}
	sound, err := clip.Soundtrack()
	if err != nil {
		return nil, nil, fmt.Errorf("making the sound: %w", err)
	}
	refs, err := storeSound(ctx, put, sound)
	if err != nil {
		return nil, nil, err
	}
	return refs, sound.Missing, nil
}
