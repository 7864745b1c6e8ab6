-- Kino cameo library schema 2: signed consent.
--
-- Each cameo row holds its newest consent record, signed with Ed25519
-- (project.Consent.Sign): a sequence number, the likeness it covers, the
-- signer's public key and the signature. Rows written before schema 2 get
-- NULL signatures here and are signed by this machine's user, marked
-- self-attested, in the same transaction as this migration (see
-- attestLegacy); a NULL signature met later does not verify.
ALTER TABLE cameos ADD COLUMN consent_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameos ADD COLUMN consent_image_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE cameos ADD COLUMN consent_self_attested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameos ADD COLUMN consent_key BLOB;
ALTER TABLE cameos ADD COLUMN consent_signature BLOB;

-- The owner key first seen for each cameo (later grants must carry it) and
-- the highest sequence number seen (an older record is a rollback). Rows
-- outlive their cameo, so deleting and re-adding a cameo cannot reset them.
CREATE TABLE consent_pins (
    cameo_id  TEXT    PRIMARY KEY,
    owner_key BLOB    NOT NULL,
    max_seq   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every signed revocation seen, as project.ConsentRecord JSON: the
-- revocation list. A revocation stays in force even if the cameo row is
-- replaced by an older record.
CREATE TABLE consent_revocations (
    cameo_id TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    record   TEXT    NOT NULL,
    PRIMARY KEY (cameo_id, seq)
) STRICT, WITHOUT ROWID;
