package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kino/project"
)

const clipSelect = `SELECT c.id, c.lane, c.name, a.sha256, a.media_type, a.size, c.start_frames,
	c.start_rate_num, c.start_rate_den, c.gain_db FROM audio_clips c JOIN assets a ON a.sha256 = c.sha256`

// scanClip reads one row selected with clipSelect.
func scanClip(sc interface{ Scan(...any) error }) (*project.AudioClip, error) {
	var c project.AudioClip
	var lane string
	err := sc.Scan(&c.ID, &lane, &c.Name, &c.Asset.SHA256, &c.Asset.MediaType, &c.Asset.Size,
		&c.Start.Frames, &c.Start.Rate.Num, &c.Start.Rate.Den, &c.GainDB)
	c.Lane = project.AudioLane(lane)
	return &c, err
}

// loadClip returns the audio clip with id; ENOTFOUND if none.
func loadClip(ctx context.Context, q querier, id int64) (*project.AudioClip, error) {
	c, err := scanClip(q.QueryRowContext(ctx, clipSelect+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, project.Errorf(project.ENOTFOUND, "there is no audio clip with ID %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading audio clip %d: %w", id, err)
	}
	return c, nil
}

// loadClips returns every audio clip ordered by start, then ID (all clips
// count frames at the project rate).
func loadClips(ctx context.Context, q querier) ([]*project.AudioClip, error) {
	rows, err := q.QueryContext(ctx, clipSelect+` ORDER BY c.start_frames, c.id`)
	if err != nil {
		return nil, fmt.Errorf("listing audio clips: %w", err)
	}
	defer rows.Close()
	var out []*project.AudioClip
	for rows.Next() {
		c, err := scanClip(rows)
		if err != nil {
			return nil, fmt.Errorf("reading audio clips: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// insertClip writes c; with c.ID 0 it gets a new ID.
func insertClip(ctx context.Context, q querier, c *project.AudioClip, now time.Time) (int64, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO audio_clips (id, lane, name, sha256, start_frames,
			start_rate_num, start_rate_den, gain_db, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(c.ID), string(c.Lane), c.Name, c.Asset.SHA256, c.Start.Frames, c.Start.Rate.Num,
		c.Start.Rate.Den, c.GainDB, timeValue(now))
	if isUniqueViolation(err) {
		return 0, project.Errorf(project.ECONFLICT, "an audio clip with ID %d already exists", c.ID)
	}
	if err != nil {
		return 0, fmt.Errorf("saving audio clip %q: %w", c.Name, err)
	}
	return res.LastInsertId()
}

// updateClipRow stores a clip's lane, name, start and gain.
func updateClipRow(ctx context.Context, q querier, c *project.AudioClip) error {
	_, err := q.ExecContext(ctx, `UPDATE audio_clips SET lane = ?, name = ?, start_frames = ?,
		start_rate_num = ?, start_rate_den = ?, gain_db = ? WHERE id = ?`,
		string(c.Lane), c.Name, c.Start.Frames, c.Start.Rate.Num, c.Start.Rate.Den, c.GainDB, c.ID)
	if err != nil {
		return fmt.Errorf("saving audio clip %q: %w", c.Name, err)
	}
	return nil
}

// deleteClipRow removes an audio clip (its blob stays).
func deleteClipRow(ctx context.Context, q querier, id int64) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM audio_clips WHERE id = ?`, id); err != nil {
		return fmt.Errorf("deleting audio clip %d: %w", id, err)
	}
	return nil
}
