-- Kino cameo library schema 3: a cameo's voice may be a neural voice
-- model (a Piper voice, "piper:NAME") with a speaker id, instead of
-- espeak-ng.
--
-- Cameos written before keep speaking with espeak-ng (an empty model).

ALTER TABLE cameos ADD COLUMN voice_model TEXT NOT NULL DEFAULT '';
ALTER TABLE cameos ADD COLUMN voice_speaker INTEGER NOT NULL DEFAULT 0;
