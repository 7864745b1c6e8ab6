-- Kino project schema 1.
--
-- Conventions: times are UTC RFC 3339 text with nanoseconds (NULL when not
-- set); frame rates are num/den integers; durations and starts are whole
-- frame counts with the rate they count in; seeds are uint64 values stored
-- bit for bit in INTEGER columns. There is never a float of seconds.

-- The project's settings: exactly one row.
CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uuid        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    rate_num    INTEGER NOT NULL CHECK (rate_num > 0),
    rate_den    INTEGER NOT NULL CHECK (rate_den > 0),
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    seed_policy TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) STRICT;

-- Blobs in media/ that rows point at. A row is written only after its file
-- is fsynced in place; rows are never deleted by edits, so undo can always
-- bring a take back whole.
CREATE TABLE assets (
    sha256     TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    media_type TEXT    NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0)
) STRICT, WITHOUT ROWID;

-- Snapshots of the cameos the project casts, so the folder is complete on
-- another machine. Keyed by the library's cameo ID; handles are unique.
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

-- Shots on the timeline. position is dense, 0..n-1. IDs are never reused
-- (AUTOINCREMENT), so a shot restored by undo keeps its ID safely.
-- dialogue is a JSON array of project.DialogueLine: it is always read and
-- written whole with its shot and nothing queries inside it.
CREATE TABLE shots (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    position          INTEGER NOT NULL CHECK (position >= 0),
    prompt            TEXT    NOT NULL,
    negative_prompt   TEXT    NOT NULL,
    duration_frames   INTEGER NOT NULL,
    duration_rate_num INTEGER NOT NULL,
    duration_rate_den INTEGER NOT NULL,
    seed_mode         TEXT    NOT NULL,
    seed_value        INTEGER NOT NULL,
    camera_size       TEXT    NOT NULL,
    camera_move       TEXT    NOT NULL,
    style             TEXT    NOT NULL,
    dialogue          TEXT    NOT NULL DEFAULT '[]',
    active_take_id    INTEGER REFERENCES takes (id) ON DELETE SET NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
) STRICT;

CREATE INDEX shots_position ON shots (position);
CREATE INDEX shots_active_take ON shots (active_take_id);

-- A shot's cast is a child table rather than JSON: consent checks and
-- "which shots cast this cameo" are queries, and the foreign key keeps
-- every cast member backed by a snapshot.
CREATE TABLE shot_cast (
    shot_id  INTEGER NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    cameo_id TEXT    NOT NULL REFERENCES cameos (id),
    role     TEXT    NOT NULL,
    PRIMARY KEY (shot_id, ord)
) STRICT, WITHOUT ROWID;

CREATE INDEX shot_cast_cameo ON shot_cast (cameo_id);

-- Generations of a shot. A shot keeps every take until one is deleted.
CREATE TABLE takes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    shot_id     INTEGER NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    backend     TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    model_hash  TEXT    NOT NULL,
    params_hash TEXT    NOT NULL,
    seed        INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    error       TEXT    NOT NULL,
    request     TEXT    NOT NULL,
    frames      INTEGER NOT NULL,
    rate_num    INTEGER NOT NULL,
    rate_den    INTEGER NOT NULL,
    favourite   INTEGER NOT NULL,
    created_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX takes_shot ON takes (shot_id);

CREATE TABLE take_media (
    take_id INTEGER NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    role    TEXT    NOT NULL,
    sha256  TEXT    NOT NULL REFERENCES assets (sha256),
    PRIMARY KEY (take_id, ord),
    UNIQUE (take_id, role)
) STRICT, WITHOUT ROWID;

-- Music and voice-over on the timeline.
CREATE TABLE audio_clips (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    lane           TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    sha256         TEXT    NOT NULL REFERENCES assets (sha256),
    start_frames   INTEGER NOT NULL,
    start_rate_num INTEGER NOT NULL,
    start_rate_den INTEGER NOT NULL,
    gain_db        REAL    NOT NULL,
    created_at     TEXT    NOT NULL
) STRICT;
