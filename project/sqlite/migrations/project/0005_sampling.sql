-- Kino project schema 5: a shot's neural sampling settings.
--
-- Steps and guidance scale for neural engines (project.Shot.Steps and
-- Guidance); 0 leaves each to the model pack, which is what shots of
-- earlier projects did. The migration runs in the same transaction as the
-- user_version bump.

ALTER TABLE shots ADD COLUMN steps INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shots ADD COLUMN guidance REAL NOT NULL DEFAULT 0.0;
