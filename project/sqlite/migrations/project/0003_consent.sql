-- Kino project schema 3: signed consent, and takes that know whom they
-- depict.
--
-- The cameo snapshots get the same signed consent columns, pins and
-- revocation list as the cameo library (library schema 2, which explains
-- them). Snapshots written before schema 3 are signed by this machine's
-- user, marked self-attested, in the same transaction as this migration.
ALTER TABLE cameos ADD COLUMN consent_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameos ADD COLUMN consent_image_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE cameos ADD COLUMN consent_self_attested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameos ADD COLUMN consent_key BLOB;
ALTER TABLE cameos ADD COLUMN consent_signature BLOB;

CREATE TABLE consent_pins (
    cameo_id  TEXT    PRIMARY KEY,
    owner_key BLOB    NOT NULL,
    max_seq   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE consent_revocations (
    cameo_id TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    record   TEXT    NOT NULL,
    PRIMARY KEY (cameo_id, seq)
) STRICT, WITHOUT ROWID;

-- The cameos each take depicts (project.TakeCameo), with the consent
-- terms in force when it was made, as JSON. Uncasting a cameo from a shot
-- never changes these rows, so a take stays withheld while its cameo's
-- consent does not allow it. A snapshot that takes depict is never deleted
-- (deleteCameoSnapshot checks). A cameo_id of the form "unknown:@handle"
-- stands for a cameo that cannot be identified any more: it has no consent
-- record, so its takes are withheld (consent fails closed).
CREATE TABLE take_cameos (
    take_id      INTEGER NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    cameo_id     TEXT    NOT NULL,
    handle       TEXT    NOT NULL,
    image_sha256 TEXT    NOT NULL,
    voice        TEXT    NOT NULL,
    consent      TEXT    NOT NULL,
    PRIMARY KEY (take_id, ord)
) STRICT, WITHOUT ROWID;

CREATE INDEX take_cameos_cameo ON take_cameos (cameo_id);

-- Takes made before schema 3 depict the cameos in their stored request
-- (engine.Request's "cast"): matched to snapshots by handle, or, for a
-- cameo renamed since, by its reference image.
WITH cast_members AS (
    SELECT t.id AS take_id, j.key AS ord,
           coalesce(json_extract(j.value, '$.handle'), '?') AS handle,
           coalesce(json_extract(j.value, '$.image_sha256'), '') AS image,
           coalesce(json_extract(j.value, '$.voice'), '{}') AS voice
    FROM takes t,
         json_each(CASE WHEN json_valid(t.request) THEN t.request ELSE '{}' END, '$.cast') j
), matched AS (
    SELECT m.*, coalesce(
               (SELECT c.id FROM cameos c WHERE c.handle = m.handle),
               (SELECT i.cameo_id FROM cameo_images i WHERE m.image <> '' AND i.sha256 = m.image AND i.ord = 0 LIMIT 1)
           ) AS cameo_id
    FROM cast_members m
)
INSERT INTO take_cameos (take_id, ord, cameo_id, handle, image_sha256, voice, consent)
SELECT m.take_id, m.ord, coalesce(m.cameo_id, 'unknown:' || m.handle), m.handle, m.image, m.voice,
       coalesce((SELECT json_object('id', c.consent_id, 'seq', 1, 'owner', c.consent_owner,
                                    'scope', c.consent_scope, 'project_id', c.consent_project_id,
                                    'expires', c.consent_expires, 'self_attested', json('true'))
                 FROM cameos c WHERE c.id = m.cameo_id), '{}')
FROM matched m;

-- A finished take whose request cannot be read may depict anyone its shot
-- casts: it is held to the consent of the shot's cast.
INSERT INTO take_cameos (take_id, ord, cameo_id, handle, image_sha256, voice, consent)
SELECT t.id, 1000 + sc.ord, sc.cameo_id, c.handle, '', '{}', '{}'
FROM takes t
JOIN shot_cast sc ON sc.shot_id = t.shot_id
JOIN cameos c ON c.id = sc.cameo_id
WHERE t.status = 'done' AND t.request <> '' AND NOT json_valid(t.request);

-- Media of takes deleted with DeleteTakes.Purge (the right of the person
-- depicted to have them removed), removed from disk when the project
-- closes or, after a crash, when it is next opened for editing: once the
-- session that could undo the deletion is over.
CREATE TABLE purges (
    take_id INTEGER NOT NULL,
    sha256  TEXT    NOT NULL,
    PRIMARY KEY (take_id, sha256)
) STRICT, WITHOUT ROWID;
