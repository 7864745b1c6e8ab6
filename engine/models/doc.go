// Package models manages the models folder: listing what is installed
// (model packs today, voices later: each kind has a Finder), adding a
// folder or downloading one from a server that serves the Hugging Face
// repository layout (resumable, hash-checked, moved into place only when
// complete), and removing one.
//
// Nothing half-done is ever visible in the models folder: copies and
// downloads are staged in a hidden folder (".kino-add-NAME") that the
// folder scanners skip, and renamed into place when complete and checked.
// An interrupted download resumes from the staging folder.
package models
