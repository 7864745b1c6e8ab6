-- Kino cameo library schema 1. Same conventions as the project schema:
-- times are UTC RFC 3339 text with nanoseconds, NULL when not set.

CREATE TABLE assets (
    sha256     TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    media_type TEXT    NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE cameos (
    id                 TEXT    PRIMARY KEY,
    handle             TEXT    NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    appearance         TEXT    NOT NULL,
    voice_language     TEXT    NOT NULL,
    voice_variant      TEXT    NOT NULL,
    voice_pitch        INTEGER NOT NULL,
    voice_rate         INTEGER NOT NULL,
    consent_id         TEXT    NOT NULL,
    consent_owner      TEXT    NOT NULL,
    consent_scope      TEXT    NOT NULL,
    consent_project_id TEXT    NOT NULL,
    consent_granted_at TEXT,
    consent_expires    TEXT,
    consent_revoked    INTEGER NOT NULL,
    consent_revoked_at TEXT,
    is_self            INTEGER NOT NULL,
    created_at         TEXT,
    updated_at         TEXT
) STRICT;

CREATE TABLE cameo_images (
    cameo_id TEXT    NOT NULL REFERENCES cameos (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    sha256   TEXT    NOT NULL REFERENCES assets (sha256),
    PRIMARY KEY (cameo_id, ord)
) STRICT, WITHOUT ROWID;
