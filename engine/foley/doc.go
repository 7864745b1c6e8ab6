// Package foley makes the soundtrack of Kino's built-in previz engine: the
// spoken dialogue (through engine/speech), an ambience bed for the scene's
// setting and weather, spot effects synced to the picture's events
// (firework reports and thunder, delayed by distance at the speed of
// sound), and a quiet music bed chosen by mood and style.
//
// Everything is procedural and deterministic: the same request, plan and
// events give byte-identical samples. Each sound layer draws from its own
// rng.Derive stream, so adding a layer never changes another.
//
// The soundtrack is 48 kHz stereo, interleaved float32, in four stems
// (dialogue, effects, ambience, music). Ambience and music duck under
// dialogue, and one anti-clipping gain keeps the mix at or below -1 dBFS;
// both are applied to the stems, and the mix is their sample-wise sum in
// audio.Stems order.
//
// Every layer is made block by block, carrying its state (filters,
// envelopes, phases) from one block to the next, so the soundtrack can be
// made whole (Render, Soundtrack) or as a Stream (NewStream, SoundStream)
// in memory that does not grow with the shot's length, with the same
// samples either way. The music's level and the mix's gain depend on the
// whole soundtrack; a Stream learns them in a look-ahead first.
package foley
