-- Kino project schema 2: the engine a project generates with, and how
-- far a neural engine may depart from each shot's previz frames.
--
-- Projects written before schema 2 keep generating with the built-in
-- previz engine, and their shots get strength 0 (generate from the prompt
-- alone), which is what they did before. The migration runs in the same
-- transaction as the user_version bump, so a crash leaves schema 1 or 2,
-- never half of this.

ALTER TABLE project ADD COLUMN engine_backend TEXT NOT NULL DEFAULT 'previz';
ALTER TABLE project ADD COLUMN engine_model TEXT NOT NULL DEFAULT '';

-- A fraction from 0 to 1 (project.Shot.Strength).
ALTER TABLE shots ADD COLUMN strength REAL NOT NULL DEFAULT 0.0;
