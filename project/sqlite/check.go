package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"kino/project"
)

// blobRef is one row that points at a blob.
type blobRef struct {
	damage project.Damage // who refers to the blob (take, shot, handle)
	what   string         // e.g. "take 12 video"
	sha    string
	size   int64
}

// Check runs PRAGMA integrity_check and foreign_key_check, checks that shot
// positions are dense, and hashes every blob the project refers to. It
// reports each problem as a Damage naming the take, shot or cameo and the
// file; the error is only for a check that could not run at all.
func (p *Project) Check(ctx context.Context) ([]project.Damage, error) {
	var damage []project.Damage
	var refs []blobRef
	err := p.db.read(ctx, "checking the project", func(tx *sql.Tx) error {
		damage = dbDamage(ctx, tx, p.db.path)
		if d := positionDamage(ctx, tx, p.db.path); d != nil {
			damage = append(damage, *d)
		}
		var err error
		refs, err = projectRefs(ctx, tx)
		if err != nil {
			damage = append(damage, project.Damage{Path: p.db.path, Reason: "cannot list the media rows refer to: " + err.Error()})
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	md, err := mediaDamage(ctx, p.media, refs)
	return append(damage, md...), err
}

// dbDamage runs SQLite's own checks; each problem becomes a Damage.
func dbDamage(ctx context.Context, q querier, path string) []project.Damage {
	var out []project.Damage
	for _, pragma := range []string{"PRAGMA integrity_check", "PRAGMA foreign_key_check"} {
		rows, err := q.QueryContext(ctx, pragma)
		if err != nil {
			out = append(out, project.Damage{Path: path, Reason: "database damaged: " + err.Error()})
			continue
		}
		for rows.Next() {
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(sql.NullString)
			}
			if err := rows.Scan(vals...); err != nil {
				out = append(out, project.Damage{Path: path, Reason: "database damaged: " + err.Error()})
				break
			}
			msg := ""
			for i, v := range vals {
				if i > 0 {
					msg += " "
				}
				msg += v.(*sql.NullString).String
			}
			if msg == "ok" {
				continue
			}
			if pragma == "PRAGMA foreign_key_check" {
				msg = "broken reference: " + msg
			}
			out = append(out, project.Damage{Path: path, Reason: "database damaged: " + msg})
		}
		if err := rows.Err(); err != nil {
			out = append(out, project.Damage{Path: path, Reason: "database damaged: " + err.Error()})
		}
		rows.Close()
	}
	return out
}

// positionDamage reports shot positions that are not exactly 0..n-1.
func positionDamage(ctx context.Context, q querier, path string) *project.Damage {
	var n, distinct, lo, hi int
	err := q.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT position), coalesce(min(position), 0),
		coalesce(max(position), -1) FROM shots`).Scan(&n, &distinct, &lo, &hi)
	if err != nil {
		return &project.Damage{Path: path, Reason: "cannot read shot positions: " + err.Error()}
	}
	if n > 0 && (distinct != n || lo != 0 || hi != n-1) {
		return &project.Damage{Path: path, Reason: fmt.Sprintf("shot positions are not 0 to %d", n-1)}
	}
	return nil
}

// projectRefs lists every row of a project that points at a blob.
func projectRefs(ctx context.Context, q querier) ([]blobRef, error) {
	var out []blobRef
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.shot_id, tm.role, a.sha256, a.size FROM take_media tm
		JOIN takes t ON t.id = tm.take_id JOIN assets a ON a.sha256 = tm.sha256 ORDER BY t.id, tm.ord`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r blobRef
		var role string
		if err := rows.Scan(&r.damage.TakeID, &r.damage.ShotID, &role, &r.sha, &r.size); err != nil {
			rows.Close()
			return nil, err
		}
		r.what = fmt.Sprintf("take %d %s", r.damage.TakeID, role)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cameos, err := cameoRefs(ctx, q)
	if err != nil {
		return nil, err
	}
	out = append(out, cameos...)
	rows, err = q.QueryContext(ctx, `SELECT c.id, c.name, a.sha256, a.size FROM audio_clips c
		JOIN assets a ON a.sha256 = c.sha256 ORDER BY c.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r blobRef
		var id int64
		var name string
		if err := rows.Scan(&id, &name, &r.sha, &r.size); err != nil {
			return nil, err
		}
		r.what = fmt.Sprintf("audio clip %d %q", id, name)
		out = append(out, r)
	}
	return out, rows.Err()
}

// cameoRefs lists every cameo image row.
func cameoRefs(ctx context.Context, q querier) ([]blobRef, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.handle, i.ord, a.sha256, a.size FROM cameo_images i
		JOIN cameos c ON c.id = i.cameo_id JOIN assets a ON a.sha256 = i.sha256 ORDER BY c.handle, i.ord`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []blobRef
	for rows.Next() {
		var r blobRef
		var ord int
		if err := rows.Scan(&r.damage.Handle, &ord, &r.sha, &r.size); err != nil {
			return nil, err
		}
		r.what = fmt.Sprintf("cameo %s image %d", r.damage.Handle, ord+1)
		out = append(out, r)
	}
	return out, rows.Err()
}

// mediaDamage hashes each referenced blob once and reports every
// reference to a missing or damaged one.
func mediaDamage(ctx context.Context, ms *mediaStore, refs []blobRef) ([]project.Damage, error) {
	reasons := map[string]string{}
	var out []project.Damage
	for _, r := range refs {
		reason, seen := reasons[r.sha]
		if !seen {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			var err error
			reason, err = ms.verify(r.sha, r.size)
			if err != nil {
				reason = err.Error()
			}
			reasons[r.sha] = reason
		}
		if reason == "" {
			continue
		}
		d := r.damage
		d.Asset = r.sha
		d.Path = ms.path(r.sha)
		d.Reason = r.what + ": " + reason
		out = append(out, d)
	}
	return out, nil
}
