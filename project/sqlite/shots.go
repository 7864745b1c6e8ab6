package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kino/project"
)

const shotCols = `id, position, prompt, negative_prompt, duration_frames, duration_rate_num, duration_rate_den,
	seed_mode, seed_value, camera_size, camera_move, style, strength, steps, guidance, dialogue, active_take_id, created_at, updated_at`

// scanShot reads one row selected with shotCols (cast not included).
func scanShot(sc interface{ Scan(...any) error }) (*project.Shot, error) {
	var s project.Shot
	var seedMode, size, move, style, dialogue string
	var seed int64
	var active sql.NullInt64
	var created, updated nullTime
	err := sc.Scan(&s.ID, &s.Index, &s.Prompt, &s.NegativePrompt, &s.Duration.Frames,
		&s.Duration.Rate.Num, &s.Duration.Rate.Den, &seedMode, &seed, &size, &move, &style,
		&s.Strength, &s.Steps, &s.Guidance, &dialogue, &active, &created, &updated)
	if err != nil {
		return nil, err
	}
	s.Seed = project.Seed{Mode: project.SeedMode(seedMode), Value: seedFrom(seed)}
	s.Camera = project.Camera{Size: project.ShotSize(size), Move: project.CameraMove(move)}
	s.Style = project.Style(style)
	s.ActiveTakeID = active.Int64
	s.CreatedAt, s.UpdatedAt = created.T, updated.T
	if err := json.Unmarshal([]byte(dialogue), &s.Dialogue); err != nil {
		return nil, fmt.Errorf("reading the dialogue of shot %d: %w", s.ID, err)
	}
	if len(s.Dialogue) == 0 {
		s.Dialogue = nil
	}
	return &s, nil
}

// loadShot returns the shot with id and its cast; ENOTFOUND if none.
func loadShot(ctx context.Context, q querier, id int64) (*project.Shot, error) {
	s, err := scanShot(q.QueryRowContext(ctx, `SELECT `+shotCols+` FROM shots WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, project.Errorf(project.ENOTFOUND, "there is no shot with ID %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading shot %d: %w", id, err)
	}
	cast, err := loadCast(ctx, q, id)
	if err != nil {
		return nil, err
	}
	s.Cast = cast[id]
	return s, nil
}

// loadShotAt returns the shot at 0-based position pos; ENOTFOUND if none.
func loadShotAt(ctx context.Context, q querier, pos int) (*project.Shot, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM shots WHERE position = ?`, pos).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, project.Errorf(project.ENOTFOUND, "there is no shot %d", pos+1)
	}
	if err != nil {
		return nil, fmt.Errorf("finding shot %d: %w", pos+1, err)
	}
	return loadShot(ctx, q, id)
}

// loadShots returns every shot in timeline order, with casts.
func loadShots(ctx context.Context, q querier) ([]*project.Shot, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+shotCols+` FROM shots ORDER BY position`)
	if err != nil {
		return nil, fmt.Errorf("listing shots: %w", err)
	}
	defer rows.Close()
	var out []*project.Shot
	for rows.Next() {
		s, err := scanShot(rows)
		if err != nil {
			return nil, fmt.Errorf("reading shots: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing shots: %w", err)
	}
	cast, err := loadCast(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	for _, s := range out {
		s.Cast = cast[s.ID]
	}
	return out, nil
}

// loadCast returns the cast of one shot (shotID) or of all shots (0), by
// shot ID. Handles come from the cameo snapshots.
func loadCast(ctx context.Context, q querier, shotID int64) (map[int64][]project.CastMember, error) {
	query := `SELECT sc.shot_id, c.id, c.handle, sc.role FROM shot_cast sc JOIN cameos c ON c.id = sc.cameo_id`
	var args []any
	if shotID != 0 {
		query += ` WHERE sc.shot_id = ?`
		args = append(args, shotID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY sc.shot_id, sc.ord`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading casts: %w", err)
	}
	defer rows.Close()
	out := map[int64][]project.CastMember{}
	for rows.Next() {
		var id int64
		var m project.CastMember
		if err := rows.Scan(&id, &m.CameoID, &m.Handle, &m.Role); err != nil {
			return nil, fmt.Errorf("reading casts: %w", err)
		}
		out[id] = append(out[id], m)
	}
	return out, rows.Err()
}

// shotCount returns the number of shots.
func shotCount(ctx context.Context, q querier) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM shots`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting shots: %w", err)
	}
	return n, nil
}

// dialogueJSON encodes a shot's dialogue for its column.
func dialogueJSON(d []project.DialogueLine) (string, error) {
	if len(d) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("encoding dialogue: %w", err)
	}
	return string(b), nil
}

// insertShot writes s at position s.Index (which must be free: callers
// shift the others first). With s.ID 0 the shot gets a new ID; otherwise it
// keeps s.ID. The active take is set separately, once its take exists.
func insertShot(ctx context.Context, q querier, s *project.Shot) (int64, error) {
	dlg, err := dialogueJSON(s.Dialogue)
	if err != nil {
		return 0, err
	}
	res, err := q.ExecContext(ctx, `INSERT INTO shots (id, position, prompt, negative_prompt,
			duration_frames, duration_rate_num, duration_rate_den, seed_mode, seed_value,
			camera_size, camera_move, style, strength, steps, guidance, dialogue, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(s.ID), s.Index, s.Prompt, s.NegativePrompt, s.Duration.Frames, s.Duration.Rate.Num,
		s.Duration.Rate.Den, string(s.Seed.Mode), seedValue(s.Seed.Value), string(s.Camera.Size),
		string(s.Camera.Move), string(s.Style), s.Strength, s.Steps, s.Guidance, dlg, timeValue(s.CreatedAt), timeValue(s.UpdatedAt))
	if isUniqueViolation(err) {
		return 0, project.Errorf(project.ECONFLICT, "a shot with ID %d already exists", s.ID)
	}
	if err != nil {
		return 0, fmt.Errorf("saving shot: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("saving shot: %w", err)
	}
	if err := replaceCast(ctx, q, id, s.Cast); err != nil {
		return 0, err
	}
	return id, nil
}

// updateShotRow stores s's editable fields and cast (not its position or
// active take).
func updateShotRow(ctx context.Context, q querier, s *project.Shot) error {
	dlg, err := dialogueJSON(s.Dialogue)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `UPDATE shots SET prompt = ?, negative_prompt = ?, duration_frames = ?,
			duration_rate_num = ?, duration_rate_den = ?, seed_mode = ?, seed_value = ?,
			camera_size = ?, camera_move = ?, style = ?, strength = ?, steps = ?, guidance = ?, dialogue = ?, updated_at = ?
		WHERE id = ?`,
		s.Prompt, s.NegativePrompt, s.Duration.Frames, s.Duration.Rate.Num, s.Duration.Rate.Den,
		string(s.Seed.Mode), seedValue(s.Seed.Value), string(s.Camera.Size), string(s.Camera.Move),
		string(s.Style), s.Strength, s.Steps, s.Guidance, dlg, timeValue(s.UpdatedAt), s.ID)
	if err != nil {
		return fmt.Errorf("saving shot %d: %w", s.Number(), err)
	}
	return replaceCast(ctx, q, s.ID, s.Cast)
}

// updateShotTiming stores a shot's duration and dialogue only.
func updateShotTiming(ctx context.Context, q querier, id int64, d project.Time, lines []project.DialogueLine, now time.Time) error {
	dlg, err := dialogueJSON(lines)
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE shots SET duration_frames = ?, duration_rate_num = ?,
		duration_rate_den = ?, dialogue = ?, updated_at = ? WHERE id = ?`,
		d.Frames, d.Rate.Num, d.Rate.Den, dlg, timeValue(now), id)
	if err != nil {
		return fmt.Errorf("retiming shot %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return project.Errorf(project.ENOTFOUND, "there is no shot with ID %d", id)
	}
	return nil
}

// replaceCast replaces the cast rows of a shot. Every member's CameoID must
// name a snapshot (the foreign key enforces it).
func replaceCast(ctx context.Context, q querier, shotID int64, cast []project.CastMember) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM shot_cast WHERE shot_id = ?`, shotID); err != nil {
		return fmt.Errorf("saving cast of shot %d: %w", shotID, err)
	}
	for i, m := range cast {
		_, err := q.ExecContext(ctx, `INSERT INTO shot_cast (shot_id, ord, cameo_id, role) VALUES (?, ?, ?, ?)`,
			shotID, i, m.CameoID, m.Role)
		if err != nil {
			return fmt.Errorf("saving cast member %s of shot %d: %w", m.Handle, shotID, err)
		}
	}
	return nil
}

// setActiveTake stores a shot's active take (0 for none).
func setActiveTake(ctx context.Context, q querier, shotID, takeID int64) error {
	if _, err := q.ExecContext(ctx, `UPDATE shots SET active_take_id = ? WHERE id = ?`, nullID(takeID), shotID); err != nil {
		return fmt.Errorf("choosing the take of shot %d: %w", shotID, err)
	}
	return nil
}

// openGap shifts shots at pos and after one place right.
func openGap(ctx context.Context, q querier, pos int) error {
	if _, err := q.ExecContext(ctx, `UPDATE shots SET position = position + 1 WHERE position >= ?`, pos); err != nil {
		return fmt.Errorf("making room at position %d: %w", pos, err)
	}
	return nil
}

// closeGap shifts shots after pos one place left.
func closeGap(ctx context.Context, q querier, pos int) error {
	if _, err := q.ExecContext(ctx, `UPDATE shots SET position = position - 1 WHERE position > ?`, pos); err != nil {
		return fmt.Errorf("closing the gap at position %d: %w", pos, err)
	}
	return nil
}

// moveShotRow moves the shot with id from position from to position to,
// shifting the shots in between so positions stay dense.
func moveShotRow(ctx context.Context, q querier, id int64, from, to int) error {
	var err error
	switch {
	case to > from:
		_, err = q.ExecContext(ctx, `UPDATE shots SET position = position - 1 WHERE position > ? AND position <= ?`, from, to)
	case to < from:
		_, err = q.ExecContext(ctx, `UPDATE shots SET position = position + 1 WHERE position >= ? AND position < ?`, to, from)
	default:
		return nil
	}
	if err == nil {
		_, err = q.ExecContext(ctx, `UPDATE shots SET position = ? WHERE id = ?`, to, id)
	}
	if err != nil {
		return fmt.Errorf("moving shot %d: %w", id, err)
	}
	return nil
}
