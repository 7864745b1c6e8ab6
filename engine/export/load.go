package export

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// Source is what LoadTimeline reads from a project.
type Source interface {
	project.Reader
	ConsentSource
	// BlobPath returns where a media blob lives on disk.
	BlobPath(sha256 string) string
}

// ConsentSource gives the consent records and pins a place holds (a
// project, the person's cameo library).
type ConsentSource interface {
	ConsentFacts(ctx context.Context) (*project.ConsentFacts, error)
}

// LoadOptions tune LoadTimeline.
type LoadOptions struct {
	// Library, when set, is the cameo library, whose consent records are
	// judged together with the project's: a revocation made there since
	// the project last looked is honoured. A library that cannot be read
	// refuses every shot that depicts a cameo (consent fails closed).
	Library ConsentSource
	// Now is the clock for consent (default time.Now).
	Now func() time.Time
	// Generate makes a clip for a shot that has no finished active take
	// (for example a render with the built-in engine). When nil, or when
	// it returns a nil clip, the shot's Clip stays nil: Export then uses
	// a placeholder if asked to, and fails naming the shot otherwise.
	Generate func(ctx context.Context, shot *project.Shot) (engine.Clip, *project.Take, error)
}

// LoadTimeline resolves the project in src for export: every shot with its
// active take opened from the project's media (frames, sound, and stems
// where the take stored them), its cast, the consent verdict on every
// cameo the take depicts, and the music and voice-over clips. Close the
// timeline when done.
func LoadTimeline(ctx context.Context, src Source, opts LoadOptions) (*Timeline, error) {
	p, err := src.Project(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the project: %w", err)
	}
	shots, err := src.Shots(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the shots: %w", err)
	}
	snapshots, err := src.Cameos(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the cast: %w", err)
	}
	byID := map[string]*project.Cameo{}
	for _, c := range snapshots {
		byID[c.ID] = c
	}
	t := &Timeline{ProjectID: p.ID, Title: p.Title, Rate: p.Rate, Width: p.Resolution.Width, Height: p.Resolution.Height}
	fail := func(err error) (*Timeline, error) {
		t.Close()
		return nil, err
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	book, err := consentBook(ctx, src, opts.Library, p.ID, now())
	if err != nil {
		return fail(err)
	}
	for _, s := range shots {
		sm := ShotMedia{Shot: s}
		for _, m := range s.Cast {
			if c := byID[m.CameoID]; c != nil {
				sm.Cameos = append(sm.Cameos, c)
			}
		}
		if s.ActiveTakeID != 0 {
			take, err := src.Take(ctx, s.ActiveTakeID)
			if err != nil {
				return fail(fmt.Errorf("shot %d: reading its active take: %w", s.Number(), err))
			}
			if take.Status == project.TakeDone {
				clip, err := openTake(src, take)
				if err != nil {
					return fail(fmt.Errorf("shot %d, take %d: %w", s.Number(), take.ID, err))
				}
				sm.Take, sm.Clip = take, clip
			}
		}
		alts, number, err := alternates(ctx, src, book, s)
		if err != nil {
			return fail(fmt.Errorf("shot %d: %w", s.Number(), err))
		}
		sm.Alternates = alts
		if sm.Take != nil {
			sm.TakeNumber = number
		}
		if sm.Clip == nil && opts.Generate != nil {
			clip, take, err := opts.Generate(ctx, s)
			if err != nil {
				return fail(fmt.Errorf("shot %d: rendering it for export: %w", s.Number(), err))
			}
			sm.Clip, sm.Take = clip, take
		}
		if sm.Take != nil {
			sm.Consent = book.Judged(sm.Take)
		} else {
			for _, m := range s.Cast {
				sm.Consent = append(sm.Consent, book.Verdict(m.CameoID, m.Handle))
			}
		}
		t.Shots = append(t.Shots, sm)
	}
	clips, err := src.AudioClips(ctx)
	if err != nil {
		return fail(fmt.Errorf("reading the audio clips: %w", err))
	}
	for _, c := range clips {
		path := src.BlobPath(c.Asset.SHA256)
		t.Audio = append(t.Audio, AudioMedia{Clip: c, Open: func() (audio.PCM, error) { return readWAVFile(path, c.Name) }})
	}
	return t, nil
}

// alternates lists shot s's finished takes other than its active one
// that consent allows (book: a withheld take never leaves Kino, not even
// as an alternate), and the active take's number.
func alternates(ctx context.Context, src Source, book *project.ConsentBook, s *project.Shot) ([]Alternate, int, error) {
	takes, err := src.Takes(ctx, s.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("reading its takes: %w", err)
	}
	var out []Alternate
	for i, t := range takes {
		if t.ID == s.ActiveTakeID || t.Status != project.TakeDone {
			continue
		}
		if len(book.Withheld(t)) > 0 {
			continue
		}
		take := t
		out = append(out, Alternate{Take: take, Number: i + 1, Open: func() (engine.Clip, error) { return openTake(src, take) }})
	}
	active := 0
	for i, t := range takes {
		if t.ID == s.ActiveTakeID {
			active = i + 1
		}
	}
	return out, active, nil
}

// consentBook returns the consent rule's book over the project's and the
// library's facts. When the library cannot be read, every verdict refuses
// with that reason: consent fails closed, and only shots that depict a
// cameo are affected.
func consentBook(ctx context.Context, src Source, lib ConsentSource, projectID string, now time.Time) (*project.ConsentBook, error) {
	facts, err := src.ConsentFacts(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the project's consent records: %w", err)
	}
	var libErr error
	if lib != nil {
		lf, err := lib.ConsentFacts(ctx)
		if err != nil {
			libErr = err
		}
		facts = project.MergeConsentFacts(facts, lf)
	}
	book := project.NewConsentBook(facts, projectID, now)
	if libErr != nil {
		book.FailClosed(libErr)
	}
	return book, nil
}

// openTake opens a finished take's stored media.
func openTake(src Source, take *project.Take) (engine.Clip, error) {
	video, ok := take.MediaFor(project.MediaVideo)
	if !ok {
		return nil, project.Errorf(project.ECORRUPT, "the take has no video")
	}
	audioPath := ""
	if a, ok := take.MediaFor(project.MediaAudio); ok {
		audioPath = src.BlobPath(a.SHA256)
	}
	info := engine.ClipInfo{Frames: int(take.Frames), Rate: take.Rate, Backend: take.Backend, Model: take.Model, ModelHash: take.ModelHash, Seed: take.Seed}
	clip, err := media.OpenStoredClip(src.BlobPath(video.SHA256), audioPath, info)
	if err != nil {
		return nil, err
	}
	stems := map[audio.Stem]string{}
	for _, m := range take.Media {
		if name, ok := strings.CutPrefix(m.Role, project.MediaStemPrefix); ok {
			stems[audio.Stem(name)] = src.BlobPath(m.Asset.SHA256)
		}
	}
	if len(stems) > 0 {
		// Stems that cannot be read leave the take mix only; its sound
		// says why, and its mix still exports.
		_ = clip.AttachStems(stems)
	}
	return clip, nil
}

// readWAVFile reads a whole WAV file, refusing project media whose
// content no longer matches its hash.
func readWAVFile(path, what string) (audio.PCM, error) {
	if err := media.VerifyFile(path, what+": sound file"); err != nil {
		return audio.PCM{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return audio.PCM{}, project.WrapError(project.ENOTFOUND, err, "%s: sound file %s cannot be opened", what, path)
	}
	defer f.Close()
	pcm, _, err := media.ReadWAV(f)
	if err != nil {
		return audio.PCM{}, project.WrapError(project.ECORRUPT, err, "%s: sound file %s cannot be read (only WAV can be mixed)", what, path)
	}
	return pcm, nil
}
