package app

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"kino/engine/farm"
	"kino/engine/render"
	"kino/project"
	"kino/project/sqlite"
	"kino/ui"
	kwidget "kino/ui/widget"
)

// studioFarm is Shot ▸ Render on Farm: the kino farm commands for the
// studio's open project. It watches the shared folder of the jobs it
// submits, so a finished take is collected when its folder appears; the
// studio also polls the Manager while shots are on the farm.
type studioFarm struct {
	store *sqlite.Project
	lib   *sqlite.Library
	now   func() time.Time
	// woken is called when a watched job folder changes.
	woken func()

	mu      sync.Mutex
	watcher *fsnotify.Watcher
}

var _ ui.Farm = (*studioFarm)(nil)

func (f *studioFarm) settings(ctx context.Context) (*project.Project, error) {
	return f.store.Project(ctx)
}

// Configured implements ui.Farm.
func (f *studioFarm) Configured() bool {
	s, err := f.settings(context.Background())
	return err == nil && s.Farm.Configured()
}

// Submit implements ui.Farm.
func (f *studioFarm) Submit(ctx context.Context, ids []int64) (string, error) {
	settings, err := f.settings(ctx)
	if err != nil {
		return "", err
	}
	var shots []*project.Shot
	for _, id := range ids {
		s, err := f.store.Shot(ctx, id)
		if err != nil {
			return "", err
		}
		shots = append(shots, s)
	}
	job, err := submitFarmJob(ctx, f.store, settings, f.lib, f.lib, shots, 50)
	if err != nil {
		return "", err
	}
	f.watch(settings.Farm.Shared, job)
	return job.ID, nil
}

// Shots implements ui.Farm: the shots of jobs not fully collected.
func (f *studioFarm) Shots(ctx context.Context) (map[int64]kwidget.FarmShot, error) {
	settings, err := f.settings(ctx)
	if err != nil || !settings.Farm.Configured() {
		return nil, err
	}
	jobs, err := f.store.FarmJobs(ctx)
	if err != nil {
		return nil, err
	}
	fl := farm.NewFlamenco(settings.Farm.Manager)
	out := map[int64]kwidget.FarmShot{}
	for _, j := range jobs {
		if collected(j) {
			continue
		}
		tasks, err := fl.Tasks(ctx, j.ID)
		if err != nil {
			return nil, err
		}
		byName := map[string]farm.TaskInfo{}
		for _, t := range tasks {
			byName[t.Name] = t
		}
		for _, s := range j.Shots {
			if s.TakeID != 0 {
				continue
			}
			t := byName[s.Folder]
			fs := kwidget.FarmShot{State: t.Status, Worker: t.WorkerName()}
			if t.Status == "failed" {
				if tail, err := fl.LogTail(ctx, t.ID); err == nil {
					fs.Reason = lastLines(tail, 2)
				}
			}
			out[s.ShotID] = fs
		}
	}
	return out, nil
}

// collected reports whether every shot of j has its take.
func collected(j project.FarmJob) bool {
	for _, s := range j.Shots {
		if s.TakeID == 0 {
			return false
		}
	}
	return true
}

// Collect implements ui.Farm.
func (f *studioFarm) Collect(ctx context.Context) (int, error) {
	settings, err := f.settings(ctx)
	if err != nil || !settings.Farm.Configured() {
		return 0, err
	}
	jobs, err := f.store.FarmJobs(ctx)
	if err != nil {
		return 0, err
	}
	var lib render.ConsentSource
	if f.lib != nil {
		lib = f.lib
	}
	book, err := render.Consent(ctx, f.store, lib, f.now())
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range jobs {
		j := &jobs[i]
		if collected(*j) {
			continue
		}
		res, err := farm.Collect(ctx, f.store, j, settings.Farm.Shared, book)
		if err != nil {
			return n, err
		}
		if err := f.store.SaveFarmJob(ctx, *j); err != nil {
			return n, err
		}
		for _, c := range res {
			if c.State == farm.ShotImported {
				n++
			}
		}
	}
	return n, nil
}

// Cancel implements ui.Farm.
func (f *studioFarm) Cancel(ctx context.Context) error {
	settings, err := f.settings(ctx)
	if err != nil || !settings.Farm.Configured() {
		return err
	}
	jobs, err := f.store.FarmJobs(ctx)
	if err != nil {
		return err
	}
	fl := farm.NewFlamenco(settings.Farm.Manager)
	for _, j := range jobs {
		if collected(j) || j.Cancelled {
			continue
		}
		info, err := fl.Job(ctx, j.ID)
		if err != nil {
			return err
		}
		switch info.Status {
		case "completed", "canceled", "failed", "cancel-requested":
			continue
		}
		if err := fl.Cancel(ctx, j.ID, "cancelled in the Kino studio"); err != nil {
			return err
		}
		j.Cancelled = true
		if err := f.store.SaveFarmJob(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

// watch watches job's shot folders in shared: a task's output folder
// appears there, renamed into place, when its take is finished.
func (f *studioFarm) watch(shared string, job *project.FarmJob) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.watcher == nil {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return // the studio's polling still collects
		}
		f.watcher = w
		go func() {
			for {
				select {
				case ev, ok := <-w.Events:
					if !ok {
						return
					}
					if filepath.Base(ev.Name) == farm.OutName && ev.Op&(fsnotify.Create|fsnotify.Rename) != 0 && f.woken != nil {
						f.woken()
					}
				case _, ok := <-w.Errors:
					if !ok {
						return
					}
				}
			}
		}()
	}
	for _, s := range job.Shots {
		f.watcher.Add(filepath.Join(shared, filepath.FromSlash(job.Dir), s.Folder))
	}
}

// Close stops watching.
func (f *studioFarm) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.watcher != nil {
		f.watcher.Close()
		f.watcher = nil
	}
}
