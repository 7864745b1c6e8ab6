-- Kino project schema 6: rendering on a Flamenco farm.
--
-- The farm a project renders on (project.Farm), and the jobs it submitted
-- (project.FarmJob, as JSON: read and written whole, one row per job).
ALTER TABLE project ADD COLUMN farm TEXT NOT NULL DEFAULT '{}';

CREATE TABLE farm_jobs (
    id           TEXT PRIMARY KEY,
    job          TEXT NOT NULL,
    submitted_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
