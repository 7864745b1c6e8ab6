// Package fountain reads and writes Fountain screenplays (fountain.io) and
// breaks a screenplay down into shots.
//
// Parse turns a script into elements (scene headings, action, characters,
// dialogue, parentheticals, transitions, notes, sections, ...), each with
// the line it starts on. Breakdown turns the elements into shot drafts:
// prompts from scene headings and action, durations from a reading-speed
// rule, dialogue lines laid out in time, with the speaking characters
// still to be cast. Write turns a film's shots back into a script, with
// what Fountain cannot say in [[kino: ...]] notes, so that importing the
// script again gives the same shots.
//
// The package is plain Go: no database and no engine.
package fountain
