package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"kino/project"
)

// FarmJobs returns the jobs the project submitted to its farm, oldest
// first.
func (p *Project) FarmJobs(ctx context.Context) ([]project.FarmJob, error) {
	var out []project.FarmJob
	err := p.db.read(ctx, "reading farm jobs", func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, `SELECT job FROM farm_jobs ORDER BY submitted_at, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var text string
			if err := rows.Scan(&text); err != nil {
				return err
			}
			var j project.FarmJob
			if err := json.Unmarshal([]byte(text), &j); err != nil {
				return project.WrapError(project.ECORRUPT, err, "a farm job record is damaged")
			}
			out = append(out, j)
		}
		return rows.Err()
	})
	return out, err
}

// SaveFarmJob stores j (new, or updated by ID). It is a record of what
// was asked of the farm, not an undoable edit.
func (p *Project) SaveFarmJob(ctx context.Context, j project.FarmJob) error {
	if j.ID == "" {
		return project.Errorf(project.EINVALID, "a farm job needs the Manager's job ID")
	}
	text, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("saving farm job %s: %w", j.ID, err)
	}
	return p.db.write(ctx, "saving farm job "+j.ID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO farm_jobs (id, job, submitted_at) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET job = excluded.job`, j.ID, string(text), timeValue(j.SubmittedAt))
		return err
	})
}
