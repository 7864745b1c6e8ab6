package sqlite

import (
	"context"
	"database/sql"

	"kino/project"
)

// CreateTake stores a new take and sets t.ID. It is not an undoable edit.
// Its media, if any, must already be stored with PutBlob. A zero
// CreatedAt is set to now; a zero Rate to the project's rate.
func (p *Project) CreateTake(ctx context.Context, t *project.Take) error {
	if t == nil {
		return project.Errorf(project.EINVALID, "no take to store")
	}
	c := t.Clone()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = p.now()
	}
	c.ID = 0
	if err := c.Validate(); err != nil {
		return err
	}
	var id int64
	err := p.db.write(ctx, "storing a take", func(tx *sql.Tx) error {
		if _, err := loadShot(ctx, tx, c.ShotID); err != nil {
			return err
		}
		if c.Rate.IsZero() {
			s, err := loadSettings(ctx, tx)
			if err != nil {
				return err
			}
			c.Rate = s.Rate
		}
		var err error
		id, err = insertTake(ctx, tx, p.media, c)
		return err
	})
	if err != nil {
		return err
	}
	t.ID, t.CreatedAt, t.Rate = id, c.CreatedAt, c.Rate
	return nil
}

// UpdateTake stores t's status, error, frames, rate and media. Media
// assets must already be in the media store.
func (p *Project) UpdateTake(ctx context.Context, t *project.Take) error {
	return p.recordResult(ctx, t, false, "updating a take")
}

// FinishTake stores t as done and, when makeActive is set, makes it its
// shot's active take, in one transaction.
func (p *Project) FinishTake(ctx context.Context, t *project.Take, makeActive bool) error {
	if t == nil {
		return project.Errorf(project.EINVALID, "no take to finish")
	}
	t.Status = project.TakeDone
	return p.recordResult(ctx, t, makeActive, "finishing a take")
}

func (p *Project) recordResult(ctx context.Context, t *project.Take, makeActive bool, what string) error {
	if t == nil {
		return project.Errorf(project.EINVALID, "no take to store")
	}
	return p.db.write(ctx, what, func(tx *sql.Tx) error {
		old, err := loadTake(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		c := t.Clone()
		c.ShotID = old.ShotID
		if c.Rate.IsZero() {
			c.Rate = old.Rate
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := updateTakeResult(ctx, tx, p.media, c); err != nil {
			return err
		}
		if makeActive {
			return setActiveTake(ctx, tx, c.ShotID, c.ID)
		}
		return nil
	})
}
