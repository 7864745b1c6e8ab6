package farm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"kino/engine/files"
	"kino/project"
)

// Store is what collecting takes needs from a project.
type Store interface {
	project.Reader
	project.TakeRecorder
	project.MediaStore
}

// ShotState is where one shot of a farm job is, as Collect found it.
type ShotState string

// Shot states after a collect.
const (
	ShotPending   ShotState = "pending"   // no result yet
	ShotImported  ShotState = "imported"  // its take was stored now
	ShotCollected ShotState = "collected" // its take was stored before
	ShotRefused   ShotState = "refused"   // consent or a damaged result stopped it
)

// Collected is what Collect did with one shot.
type Collected struct {
	Shot   project.FarmShot
	State  ShotState
	TakeID int64
	Reason string // for ShotRefused
	Worker string
}

// Collect imports the finished takes of job from the shared folder into
// store, through the store's normal path: each file is checked against
// its hash and stored (fsynced, renamed) before the take's row commits.
// It is idempotent: a shot whose take was already collected (job's
// TakeID, or a take of the shot with the same params hash and video) is
// skipped. Consent is judged again with book; a take it does not allow is
// not imported. job's shots get the IDs of the takes stored.
func Collect(ctx context.Context, store Store, job *project.FarmJob, shared string, book *project.ConsentBook) ([]Collected, error) {
	var out []Collected
	for i := range job.Shots {
		sh := &job.Shots[i]
		c := Collected{Shot: *sh, State: ShotPending}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		dir := filepath.Join(shared, filepath.FromSlash(job.Dir), sh.Folder, OutName)
		res, err := readResult(dir)
		switch {
		case errors.Is(err, errNotExist):
		case err != nil:
			c.State, c.Reason = ShotRefused, err.Error()
		case res.ParamsHash != sh.ParamsHash || res.ShotID != sh.ShotID:
			c.State, c.Reason = ShotRefused, "the result is for another render than the one submitted"
		default:
			c.Worker = res.Worker
			c.TakeID, c.State, c.Reason, err = importResult(ctx, store, sh, dir, res, book)
			if err != nil {
				return out, err
			}
			if c.TakeID != 0 {
				sh.TakeID = c.TakeID
			}
		}
		c.Shot = *sh
		out = append(out, c)
	}
	return out, nil
}

// errNotExist is a result not written yet.
var errNotExist = fs.ErrNotExist

func readResult(dir string) (*Result, error) {
	data, err := files.ReadFile(filepath.Join(dir, ResultName), files.ManifestLimit)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(data, &r); err != nil || r.Format != ResultFormat {
		return nil, project.Errorf(project.ECORRUPT, "%s is not a Kino render result", filepath.Join(dir, ResultName))
	}
	return &r, nil
}

func importResult(ctx context.Context, store Store, sh *project.FarmShot, dir string, res *Result, book *project.ConsentBook) (int64, ShotState, string, error) {
	video := ""
	for _, m := range res.Media {
		if m.Role == project.MediaVideo {
			video = m.SHA256
		}
	}
	if sh.TakeID != 0 {
		return sh.TakeID, ShotCollected, "", nil
	}
	takes, err := store.Takes(ctx, sh.ShotID)
	if err != nil {
		return 0, "", "", err
	}
	for _, t := range takes {
		if v, ok := t.MediaFor(project.MediaVideo); ok && t.Status == project.TakeDone && t.ParamsHash == res.ParamsHash && v.SHA256 == video {
			return t.ID, ShotCollected, "", nil
		}
	}
	take := &project.Take{ShotID: sh.ShotID, Backend: res.Backend, Model: res.Model, ModelHash: res.ModelHash,
		ParamsHash: res.ParamsHash, Seed: res.Seed, Status: project.TakeRunning, Request: string(res.Request),
		Frames: res.Frames, Rate: res.Rate, Cameos: res.Cameos}
	if book != nil {
		if w := book.Withheld(take); len(w) > 0 {
			return 0, ShotRefused, "not imported: " + project.WithheldSummary(w), nil
		}
	}
	for _, m := range res.Media {
		if filepath.Base(m.File) != m.File {
			return 0, ShotRefused, fmt.Sprintf("the result names a file outside its folder: %q", m.File), nil
		}
		a, err := putFile(ctx, store, filepath.Join(dir, m.File), m)
		if err != nil {
			return 0, ShotRefused, err.Error(), nil
		}
		take.Media = append(take.Media, project.MediaRef{Role: m.Role, Asset: a})
	}
	media := take.Media
	take.Media = nil
	take.CreatedAt = time.Now().UTC()
	if err := store.CreateTake(ctx, take); err != nil {
		return 0, "", "", err
	}
	take.Media = media
	if err := store.FinishTake(context.WithoutCancel(ctx), take, true); err != nil {
		return 0, "", "", err
	}
	return take.ID, ShotImported, "", nil
}

// putFile stores one result file in the project, checking it against the
// hash the worker recorded.
func putFile(ctx context.Context, store project.MediaStore, path string, m ResultFile) (project.Asset, error) {
	f, _, err := files.Open(path, 0)
	if err != nil {
		return project.Asset{}, err
	}
	defer f.Close()
	a, err := store.PutBlob(ctx, f, m.MediaType)
	if err != nil {
		return project.Asset{}, err
	}
	if a.SHA256 != m.SHA256 {
		// The blob stays: it may be another take's. No row points at it
		// from here; kino doctor --fix removes orphans.
		return project.Asset{}, project.Errorf(project.ECORRUPT, "%s is damaged: its content hashes to %.12s, the worker recorded %.12s", path, a.SHA256, m.SHA256)
	}
	return a, nil
}
