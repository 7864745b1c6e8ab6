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
-- consent does not allow it. A snapshot that takes depict is never
-- deleted (the foreign key keeps it).
CREATE TABLE take_cameos (
    take_id      INTEGER NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    cameo_id     TEXT    NOT NULL REFERENCES cameos (id),
    handle       TEXT    NOT NULL,
    image_sha256 TEXT    NOT NULL,
    voice        TEXT    NOT NULL,
    consent      TEXT    NOT NULL,
    PRIMARY KEY (take_id, ord)
) STRICT, WITHOUT ROWID;

CREATE INDEX take_cameos_cameo ON take_cameos (cameo_id);

-- Takes made before schema 3 depict the cameos in their stored request
-- (engine.Request's "cast", matched to snapshots by handle).
INSERT INTO take_cameos (take_id, ord, cameo_id, handle, image_sha256, voice, consent)
SELECT t.id, j.key, c.id, c.handle,
       coalesce(json_extract(j.value, '$.image_sha256'), ''),
       coalesce(json_extract(j.value, '$.voice'), '{}'),
       json_object('id', c.consent_id, 'seq', 1, 'owner', c.consent_owner,
                   'scope', c.consent_scope, 'project_id', c.consent_project_id,
                   'expires', c.consent_expires, 'self_attested', json('true'))
FROM takes t,
     json_each(CASE WHEN json_valid(t.request) THEN t.request ELSE '{}' END, '$.cast') j
JOIN cameos c ON c.handle = json_extract(j.value, '$.handle');
