package sqlite

import (
	"kino/project"
)

// shotTiming is the part of a shot that counts frames.
type shotTiming struct {
	ID       int64
	Duration project.Time
	Dialogue []project.DialogueLine
}

// clipTiming is the part of an audio clip that counts frames.
type clipTiming struct {
	ID    int64
	Start project.Time
}

// restoreSettings puts back project settings and, when the frame rate
// changes, the exact frame counts shots and clips had, so undoing a rate
// change loses nothing to rounding. It exists only on the undo and redo
// stacks.
type restoreSettings struct {
	Project project.Project
	Shots   []shotTiming
	Clips   []clipTiming
}

// Label implements project.Edit.
func (restoreSettings) Label() string { return "Project Settings" }

// updateProject stores new settings. A new frame rate rescales every
// shot's duration and dialogue and every clip's start to the nearest frame
// (at least one frame long, inside the shot).
func (et *editTx) updateProject(e project.UpdateProject) (project.Edit, int64, error) {
	old, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	np := e.Project
	np.ID, np.CreatedAt, np.UpdatedAt = old.ID, old.CreatedAt, et.now
	if err := np.Validate(); err != nil {
		return nil, 0, err
	}
	return et.setSettings(&np, nil, nil)
}

func (et *editTx) restoreSettings(e restoreSettings) (project.Edit, int64, error) {
	np := e.Project
	if err := np.Validate(); err != nil {
		return nil, 0, err
	}
	shots := map[int64]shotTiming{}
	for _, s := range e.Shots {
		shots[s.ID] = s
	}
	clips := map[int64]clipTiming{}
	for _, c := range e.Clips {
		clips[c.ID] = c
	}
	return et.setSettings(&np, shots, clips)
}

// setSettings saves np. When the rate changes it retimes shots and clips:
// exactly to the timings given for their IDs, by rescaling otherwise. The
// inverse restores the current settings and timings.
func (et *editTx) setSettings(np *project.Project, shots map[int64]shotTiming, clips map[int64]clipTiming) (project.Edit, int64, error) {
	cur, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	inv := restoreSettings{Project: *cur}
	if np.Rate != cur.Rate {
		all, err := loadShots(et.ctx, et.tx)
		if err != nil {
			return nil, 0, err
		}
		for _, s := range all {
			inv.Shots = append(inv.Shots, shotTiming{ID: s.ID, Duration: s.Duration, Dialogue: s.Dialogue})
			t, ok := shots[s.ID]
			if !ok {
				t = rescaleShot(s, np.Rate)
			}
			if err := updateShotTiming(et.ctx, et.tx, s.ID, t.Duration, t.Dialogue, et.now); err != nil {
				return nil, 0, err
			}
		}
		cl, err := loadClips(et.ctx, et.tx)
		if err != nil {
			return nil, 0, err
		}
		for _, c := range cl {
			inv.Clips = append(inv.Clips, clipTiming{ID: c.ID, Start: c.Start})
			t, ok := clips[c.ID]
			if !ok {
				t = clipTiming{ID: c.ID, Start: c.Start.Rescale(np.Rate)}
			}
			c.Start = t.Start
			if err := updateClipRow(et.ctx, et.tx, c); err != nil {
				return nil, 0, err
			}
		}
	}
	if err := saveSettings(et.ctx, et.tx, np); err != nil {
		return nil, 0, err
	}
	et.settings = np
	return inv, 0, nil
}

// rescaleShot expresses a shot's timing at rate r, keeping it valid.
func rescaleShot(s *project.Shot, r project.Rate) shotTiming {
	d := s.Duration.Rescale(r)
	d.Frames = max(1, min(d.Frames, project.Seconds(project.MaxShotDuration, r).Frames))
	t := shotTiming{ID: s.ID, Duration: d}
	for _, line := range s.Dialogue {
		line.Start = line.Start.Rescale(r)
		line.Start.Frames = max(0, min(line.Start.Frames, d.Frames-1))
		t.Dialogue = append(t.Dialogue, line)
	}
	return t
}
