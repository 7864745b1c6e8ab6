package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kino/project"
)

// Cameo rows have the same shape in a project (snapshots) and in the
// library, so both use these functions.

const cameoCols = `id, handle, name, appearance, voice_language, voice_variant, voice_pitch, voice_rate,
	consent_id, consent_owner, consent_scope, consent_project_id, consent_granted_at, consent_expires,
	consent_revoked, consent_revoked_at, is_self, created_at, updated_at,
	consent_seq, consent_image_sha256, consent_self_attested, consent_key, consent_signature,
	voice_model, voice_speaker`

// scanCameo reads one row selected with cameoCols (images not included).
func scanCameo(sc interface{ Scan(...any) error }) (*project.Cameo, error) {
	var c project.Cameo
	var granted, expires, revokedAt, created, updated nullTime
	var scope string
	var revoked, self, seq, selfAttested int64
	err := sc.Scan(&c.ID, &c.Handle, &c.Name, &c.Appearance, &c.Voice.Language, &c.Voice.Variant,
		&c.Voice.Pitch, &c.Voice.Rate, &c.Consent.ID, &c.Consent.Owner, &scope, &c.Consent.ProjectID,
		&granted, &expires, &revoked, &revokedAt, &self, &created, &updated,
		&seq, &c.Consent.ImageSHA256, &selfAttested, &c.Consent.Key, &c.Consent.Signature,
		&c.Voice.Model, &c.Voice.Speaker)
	if err != nil {
		return nil, err
	}
	c.Consent.Seq, c.Consent.SelfAttested = uint64(seq), selfAttested != 0
	c.Consent.Scope = project.ConsentScope(scope)
	c.Consent.GrantedAt, c.Consent.Expires, c.Consent.RevokedAt = granted.T, expires.T, revokedAt.T
	c.Consent.Revoked, c.IsSelf = revoked != 0, self != 0
	c.CreatedAt, c.UpdatedAt = created.T, updated.T
	return &c, nil
}

// loadCameoWhere returns the cameo matching where (e.g. "handle = ?"), with
// its images, or nil when there is none.
func loadCameoWhere(ctx context.Context, q querier, where string, arg any) (*project.Cameo, error) {
	c, err := scanCameo(q.QueryRowContext(ctx, `SELECT `+cameoCols+` FROM cameos WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading cameo: %w", err)
	}
	imgs, err := loadCameoImages(ctx, q, c.ID)
	if err != nil {
		return nil, err
	}
	c.Images = imgs[c.ID]
	return c, nil
}

// loadCameos returns every cameo with its images, ordered by handle.
func loadCameos(ctx context.Context, q querier) ([]*project.Cameo, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+cameoCols+` FROM cameos ORDER BY handle`)
	if err != nil {
		return nil, fmt.Errorf("listing cameos: %w", err)
	}
	defer rows.Close()
	var out []*project.Cameo
	for rows.Next() {
		c, err := scanCameo(rows)
		if err != nil {
			return nil, fmt.Errorf("reading cameo: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing cameos: %w", err)
	}
	imgs, err := loadCameoImages(ctx, q, "")
	if err != nil {
		return nil, err
	}
	for _, c := range out {
		c.Images = imgs[c.ID]
	}
	return out, nil
}

// loadCameoImages returns the images of one cameo (id) or of all ("").
func loadCameoImages(ctx context.Context, q querier, id string) (map[string][]project.Asset, error) {
	query := `SELECT i.cameo_id, a.sha256, a.media_type, a.size FROM cameo_images i
		JOIN assets a ON a.sha256 = i.sha256`
	var args []any
	if id != "" {
		query += ` WHERE i.cameo_id = ?`
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY i.cameo_id, i.ord`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading cameo images: %w", err)
	}
	defer rows.Close()
	out := map[string][]project.Asset{}
	for rows.Next() {
		var cid string
		var a project.Asset
		if err := rows.Scan(&cid, &a.SHA256, &a.MediaType, &a.Size); err != nil {
			return nil, fmt.Errorf("reading cameo images: %w", err)
		}
		out[cid] = append(out[cid], a)
	}
	return out, rows.Err()
}

// saveCameo inserts or replaces the row of c (by ID) and its images. The
// images must already be in ms; a handle used by another cameo is
// ECONFLICT. Consent only moves forward: when the stored record is newer
// (a higher Seq) than c's, the stored one is kept, with the images it
// covers, so restoring an older copy of a cameo (undo, say) never rolls
// its consent back. The record's
// key is pinned, its sequence number remembered and a revocation added
// to the revocation list (rememberConsent).
func saveCameo(ctx context.Context, q querier, ms *mediaStore, c *project.Cameo) error {
	if old, err := loadCameoWhere(ctx, q, "id = ?", c.ID); err != nil {
		return err
	} else if old != nil && old.Consent.Seq > c.Consent.Seq {
		c.Consent = old.Consent
		if old.Consent.ImageSHA256 != c.MainImage() {
			c.Images = old.Images // the likeness the kept record covers
		}
	}
	for _, a := range c.Images {
		if err := ms.ensureAsset(ctx, q, a); err != nil {
			return fmt.Errorf("cameo %s image: %w", c.Handle, err)
		}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO cameos (`+cameoCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET handle = excluded.handle, name = excluded.name,
			appearance = excluded.appearance, voice_language = excluded.voice_language,
			voice_variant = excluded.voice_variant, voice_pitch = excluded.voice_pitch,
			voice_rate = excluded.voice_rate, consent_id = excluded.consent_id,
			consent_owner = excluded.consent_owner, consent_scope = excluded.consent_scope,
			consent_project_id = excluded.consent_project_id,
			consent_granted_at = excluded.consent_granted_at, consent_expires = excluded.consent_expires,
			consent_revoked = excluded.consent_revoked, consent_revoked_at = excluded.consent_revoked_at,
			is_self = excluded.is_self, created_at = excluded.created_at, updated_at = excluded.updated_at,
			consent_seq = excluded.consent_seq, consent_image_sha256 = excluded.consent_image_sha256,
			consent_self_attested = excluded.consent_self_attested, consent_key = excluded.consent_key,
			consent_signature = excluded.consent_signature,
			voice_model = excluded.voice_model, voice_speaker = excluded.voice_speaker`,
		c.ID, c.Handle, c.Name, c.Appearance, c.Voice.Language, c.Voice.Variant, c.Voice.Pitch, c.Voice.Rate,
		c.Consent.ID, c.Consent.Owner, string(c.Consent.Scope), c.Consent.ProjectID,
		timeValue(c.Consent.GrantedAt), timeValue(c.Consent.Expires), boolInt(c.Consent.Revoked),
		timeValue(c.Consent.RevokedAt), boolInt(c.IsSelf), timeValue(c.CreatedAt), timeValue(c.UpdatedAt),
		int64(c.Consent.Seq), c.Consent.ImageSHA256, boolInt(c.Consent.SelfAttested),
		nullBytes(c.Consent.Key), nullBytes(c.Consent.Signature),
		c.Voice.Model, c.Voice.Speaker)
	if isUniqueViolation(err) {
		return project.Errorf(project.ECONFLICT, "the handle %s is already taken by another cameo", c.Handle)
	}
	if err != nil {
		return fmt.Errorf("saving cameo %s: %w", c.Handle, err)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM cameo_images WHERE cameo_id = ?`, c.ID); err != nil {
		return fmt.Errorf("saving images of cameo %s: %w", c.Handle, err)
	}
	for i, a := range c.Images {
		if _, err := q.ExecContext(ctx, `INSERT INTO cameo_images (cameo_id, ord, sha256) VALUES (?, ?, ?)`, c.ID, i, a.SHA256); err != nil {
			return fmt.Errorf("saving images of cameo %s: %w", c.Handle, err)
		}
	}
	return rememberConsent(ctx, q, project.RecordOf(c))
}

// deleteCameoRow removes the cameo with id and its image rows.
func deleteCameoRow(ctx context.Context, q querier, id string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM cameos WHERE id = ?`, id); err != nil {
		return fmt.Errorf("deleting cameo: %w", err)
	}
	return nil
}

// normalizeCameo returns a copy of c with its handle normalised, checked
// with Validate.
func normalizeCameo(c *project.Cameo) (*project.Cameo, error) {
	d := c.Clone()
	d.Handle = project.NormalizeHandle(d.Handle)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
