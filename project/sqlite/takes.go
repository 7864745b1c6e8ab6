package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"kino/project"
)

const takeCols = `id, shot_id, backend, model, model_hash, params_hash, seed, status, error, request,
	frames, rate_num, rate_den, favourite, created_at`

// scanTake reads one row selected with takeCols (media not included).
func scanTake(sc interface{ Scan(...any) error }) (*project.Take, error) {
	var t project.Take
	var seed, fav int64
	var status string
	var created nullTime
	err := sc.Scan(&t.ID, &t.ShotID, &t.Backend, &t.Model, &t.ModelHash, &t.ParamsHash, &seed,
		&status, &t.Error, &t.Request, &t.Frames, &t.Rate.Num, &t.Rate.Den, &fav, &created)
	if err != nil {
		return nil, err
	}
	t.Seed = seedFrom(seed)
	t.Status = project.TakeStatus(status)
	t.Favourite = fav != 0
	t.CreatedAt = created.T
	return &t, nil
}

// loadTake returns the take with id and its media; ENOTFOUND if none.
func loadTake(ctx context.Context, q querier, id int64) (*project.Take, error) {
	t, err := scanTake(q.QueryRowContext(ctx, `SELECT `+takeCols+` FROM takes WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, project.Errorf(project.ENOTFOUND, "there is no take with ID %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading take %d: %w", id, err)
	}
	media, err := loadTakeMedia(ctx, q, `tm.take_id = ?`, id)
	if err != nil {
		return nil, err
	}
	t.Media = media[id]
	cameos, err := loadTakeCameos(ctx, q, `tc.take_id = ?`, id)
	if err != nil {
		return nil, err
	}
	t.Cameos = cameos[id]
	return t, nil
}

// loadTakes returns the takes of a shot, oldest first, with their media.
func loadTakes(ctx context.Context, q querier, shotID int64) ([]*project.Take, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+takeCols+` FROM takes WHERE shot_id = ? ORDER BY id`, shotID)
	if err != nil {
		return nil, fmt.Errorf("listing takes of shot %d: %w", shotID, err)
	}
	defer rows.Close()
	var out []*project.Take
	for rows.Next() {
		t, err := scanTake(rows)
		if err != nil {
			return nil, fmt.Errorf("reading takes of shot %d: %w", shotID, err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing takes of shot %d: %w", shotID, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	media, err := loadTakeMedia(ctx, q, `tm.take_id IN (SELECT id FROM takes WHERE shot_id = ?)`, shotID)
	if err != nil {
		return nil, err
	}
	cameos, err := loadTakeCameos(ctx, q, `tc.take_id IN (SELECT id FROM takes WHERE shot_id = ?)`, shotID)
	if err != nil {
		return nil, err
	}
	for _, t := range out {
		t.Media = media[t.ID]
		t.Cameos = cameos[t.ID]
	}
	return out, nil
}

// loadTakeMedia returns media rows matching where, by take ID, in order.
func loadTakeMedia(ctx context.Context, q querier, where string, arg any) (map[int64][]project.MediaRef, error) {
	rows, err := q.QueryContext(ctx, `SELECT tm.take_id, tm.role, a.sha256, a.media_type, a.size
		FROM take_media tm JOIN assets a ON a.sha256 = tm.sha256
		WHERE `+where+` ORDER BY tm.take_id, tm.ord`, arg)
	if err != nil {
		return nil, fmt.Errorf("reading take media: %w", err)
	}
	defer rows.Close()
	out := map[int64][]project.MediaRef{}
	for rows.Next() {
		var id int64
		var m project.MediaRef
		if err := rows.Scan(&id, &m.Role, &m.Asset.SHA256, &m.Asset.MediaType, &m.Asset.Size); err != nil {
			return nil, fmt.Errorf("reading take media: %w", err)
		}
		out[id] = append(out[id], m)
	}
	return out, rows.Err()
}

// insertTake writes t and its media. With t.ID 0 the take gets a new ID;
// otherwise it keeps t.ID. The media must already be in ms.
func insertTake(ctx context.Context, q querier, ms *mediaStore, t *project.Take) (int64, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO takes (id, shot_id, backend, model, model_hash,
			params_hash, seed, status, error, request, frames, rate_num, rate_den, favourite, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(t.ID), t.ShotID, t.Backend, t.Model, t.ModelHash, t.ParamsHash, seedValue(t.Seed),
		string(t.Status), t.Error, t.Request, t.Frames, t.Rate.Num, t.Rate.Den, boolInt(t.Favourite),
		timeValue(t.CreatedAt))
	if isUniqueViolation(err) {
		return 0, project.Errorf(project.ECONFLICT, "a take with ID %d already exists", t.ID)
	}
	if err != nil {
		return 0, fmt.Errorf("saving take: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("saving take: %w", err)
	}
	if err := replaceTakeMedia(ctx, q, ms, id, t.Media); err != nil {
		return 0, err
	}
	if err := insertTakeCameos(ctx, q, id, t.Cameos); err != nil {
		return 0, err
	}
	return id, nil
}

// loadTakeCameos returns the cameos depicted by takes matching where, by
// take ID, in order.
func loadTakeCameos(ctx context.Context, q querier, where string, arg any) (map[int64][]project.TakeCameo, error) {
	rows, err := q.QueryContext(ctx, `SELECT tc.take_id, tc.cameo_id, tc.handle, tc.image_sha256, tc.voice, tc.consent
		FROM take_cameos tc WHERE `+where+` ORDER BY tc.take_id, tc.ord`, arg)
	if err != nil {
		return nil, fmt.Errorf("reading the cameos takes depict: %w", err)
	}
	defer rows.Close()
	out := map[int64][]project.TakeCameo{}
	for rows.Next() {
		var id int64
		var c project.TakeCameo
		var voice, consent string
		if err := rows.Scan(&id, &c.CameoID, &c.Handle, &c.ImageSHA256, &voice, &consent); err != nil {
			return nil, fmt.Errorf("reading the cameos takes depict: %w", err)
		}
		// The JSON is informative; a damaged value loses only these
		// details, never which cameo the take depicts.
		_ = json.Unmarshal([]byte(voice), &c.Voice)
		_ = json.Unmarshal([]byte(consent), &c.Consent)
		out[id] = append(out[id], c)
	}
	return out, rows.Err()
}

// insertTakeCameos records the cameos take takeID depicts.
func insertTakeCameos(ctx context.Context, q querier, takeID int64, cameos []project.TakeCameo) error {
	for i, c := range cameos {
		voice, _ := json.Marshal(c.Voice)
		consent, _ := json.Marshal(c.Consent)
		_, err := q.ExecContext(ctx, `INSERT INTO take_cameos (take_id, ord, cameo_id, handle, image_sha256, voice, consent)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, takeID, i, c.CameoID, c.Handle, c.ImageSHA256, string(voice), string(consent))
		if err != nil {
			return fmt.Errorf("recording that take %d depicts %s: %w", takeID, c.Handle, err)
		}
	}
	return nil
}

// replaceTakeMedia replaces the media rows of a take.
func replaceTakeMedia(ctx context.Context, q querier, ms *mediaStore, takeID int64, media []project.MediaRef) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM take_media WHERE take_id = ?`, takeID); err != nil {
		return fmt.Errorf("saving media of take %d: %w", takeID, err)
	}
	for i, m := range media {
		if err := ms.ensureAsset(ctx, q, m.Asset); err != nil {
			return fmt.Errorf("take %d %s: %w", takeID, m.Role, err)
		}
		_, err := q.ExecContext(ctx, `INSERT INTO take_media (take_id, ord, role, sha256) VALUES (?, ?, ?, ?)`,
			takeID, i, m.Role, m.Asset.SHA256)
		if isUniqueViolation(err) {
			return project.Errorf(project.EINVALID, "take %d has two media for the role %q", takeID, m.Role)
		}
		if err != nil {
			return fmt.Errorf("saving media of take %d: %w", takeID, err)
		}
	}
	return nil
}

// updateTakeResult stores what a generation produced: status, error,
// frames, rate and media.
func updateTakeResult(ctx context.Context, q querier, ms *mediaStore, t *project.Take) error {
	_, err := q.ExecContext(ctx, `UPDATE takes SET status = ?, error = ?, frames = ?, rate_num = ?,
		rate_den = ? WHERE id = ?`, string(t.Status), t.Error, t.Frames, t.Rate.Num, t.Rate.Den, t.ID)
	if err != nil {
		return fmt.Errorf("saving take %d: %w", t.ID, err)
	}
	return replaceTakeMedia(ctx, q, ms, t.ID, t.Media)
}

// deleteTakeRow removes a take; its media rows go with it (the blobs and
// asset rows stay, so undo can restore the take).
func deleteTakeRow(ctx context.Context, q querier, id int64) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM takes WHERE id = ?`, id); err != nil {
		return fmt.Errorf("deleting take %d: %w", id, err)
	}
	return nil
}
