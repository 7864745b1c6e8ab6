package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"kino/project"
)

// loadSettings reads the project row.
func loadSettings(ctx context.Context, q querier) (*project.Project, error) {
	var p project.Project
	var policy, farm string
	var created, updated nullTime
	err := q.QueryRowContext(ctx, `SELECT uuid, title, rate_num, rate_den, width, height, seed_policy,
		engine_backend, engine_model, farm, created_at, updated_at FROM project WHERE id = 1`).Scan(&p.ID, &p.Title,
		&p.Rate.Num, &p.Rate.Den, &p.Resolution.Width, &p.Resolution.Height, &policy,
		&p.Engine.Backend, &p.Engine.Model, &farm, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, project.Errorf(project.ECORRUPT, "the project's settings row is missing")
	}
	if err != nil {
		return nil, fmt.Errorf("reading project settings: %w", err)
	}
	p.SeedPolicy = project.SeedPolicy(policy)
	p.CreatedAt, p.UpdatedAt = created.T, updated.T
	if err := json.Unmarshal([]byte(farm), &p.Farm); err != nil {
		return nil, project.WrapError(project.ECORRUPT, err, "the project's farm settings are damaged")
	}
	return &p, nil
}

// saveSettings inserts or replaces the project row.
func saveSettings(ctx context.Context, q querier, p *project.Project) error {
	farm, err := json.Marshal(p.Farm)
	if err != nil {
		return fmt.Errorf("saving project settings: %w", err)
	}
	_, err = q.ExecContext(ctx, `INSERT INTO project (id, uuid, title, rate_num, rate_den, width, height,
			seed_policy, engine_backend, engine_model, farm, created_at, updated_at)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET uuid = excluded.uuid, title = excluded.title,
			rate_num = excluded.rate_num, rate_den = excluded.rate_den, width = excluded.width,
			height = excluded.height, seed_policy = excluded.seed_policy,
			engine_backend = excluded.engine_backend, engine_model = excluded.engine_model,
			farm = excluded.farm, created_at = excluded.created_at, updated_at = excluded.updated_at`,
		p.ID, p.Title, p.Rate.Num, p.Rate.Den, p.Resolution.Width, p.Resolution.Height,
		string(p.SeedPolicy), p.Engine.Backend, p.Engine.Model, string(farm), timeValue(p.CreatedAt), timeValue(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("saving project settings: %w", err)
	}
	return nil
}
