package export

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// Source is what LoadTimeline reads from a project.
type Source interface {
	project.Reader
	// BlobPath returns where a media blob lives on disk.
	BlobPath(sha256 string) string
}

// CameoLookup finds a cameo by handle in the person's library, which is
// the authority on consent.
type CameoLookup interface {
	Cameo(ctx context.Context, handle string) (*project.Cameo, error)
}

// LoadOptions tune LoadTimeline.
type LoadOptions struct {
	// Library, when set, supplies the current record of every cast cameo
	// it holds (same handle and ID), so consent revoked there is refused
	// even when the project's copy still allows it.
	Library CameoLookup
	// Generate makes a clip for a shot that has no finished active take
	// (for example a render with the built-in engine). When nil, or when
	// it returns a nil clip, the shot's Clip stays nil: Export then uses
	// a placeholder if asked to, and fails naming the shot otherwise.
	Generate func(ctx context.Context, shot *project.Shot) (engine.Clip, *project.Take, error)
}

// LoadTimeline resolves the project in src for export: every shot with its
// active take opened from the project's media (frames, sound, and stems
// where the take stored them), the current records of its cast, and the
// music and voice-over clips. Close the timeline when done.
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
	for _, s := range shots {
		sm := ShotMedia{Shot: s}
		for _, m := range s.Cast {
			c, err := currentCameo(ctx, opts.Library, byID[m.CameoID], m.Handle)
			if err != nil {
				return fail(fmt.Errorf("shot %d: %w", s.Number(), err))
			}
			if c != nil {
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
		alts, number, err := alternates(ctx, src, s)
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
// whose cast the shot still casts (so the consent check covers them), and
// the active take's number.
func alternates(ctx context.Context, src Source, s *project.Shot) ([]Alternate, int, error) {
	takes, err := src.Takes(ctx, s.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("reading its takes: %w", err)
	}
	cast := map[string]bool{}
	for _, m := range s.Cast {
		cast[m.Handle] = true
	}
	var out []Alternate
	for i, t := range takes {
		if t.ID == s.ActiveTakeID || t.Status != project.TakeDone {
			continue
		}
		var req struct {
			Cast []struct {
				Handle string `json:"handle"`
			} `json:"cast"`
		}
		if t.Request != "" && json.Unmarshal([]byte(t.Request), &req) != nil {
			continue
		}
		covered := true
		for _, c := range req.Cast {
			covered = covered && cast[c.Handle]
		}
		if !covered {
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

// currentCameo returns the library's record of a cast cameo when the
// library holds the same cameo, and the project's copy otherwise.
func currentCameo(ctx context.Context, lib CameoLookup, snap *project.Cameo, handle string) (*project.Cameo, error) {
	if snap == nil {
		return nil, nil // Export's consent check names the missing record
	}
	if lib == nil {
		return snap, nil
	}
	cur, err := lib.Cameo(ctx, handle)
	if err != nil {
		if project.ErrorCode(err) == project.ENOTFOUND {
			return snap, nil // a project from another machine: its copy decides
		}
		return nil, fmt.Errorf("looking up %s in the cameo library: %w", handle, err)
	}
	if cur.ID != snap.ID {
		return snap, nil
	}
	return cur, nil
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

// readWAVFile reads a whole WAV file.
func readWAVFile(path, what string) (audio.PCM, error) {
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
