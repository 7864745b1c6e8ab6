// Package files reads files that a person or a model pack names, safely:
// only regular files (never a device, FIFO, socket or directory, which can
// block forever or never end), never more than a limit suited to the
// file's kind, and without blocking on open.
//
// Every file Kino reads at a user's or a pack's say-so goes through Open or
// ReadFile with one of the limits below (or a documented one of its own).
package files

// Limits for the kinds of file Kino reads. The README's "Resource limits"
// table states them; change both together.
const (
	// ManifestLimit bounds small JSON and text manifests: model_index.json,
	// kino-model.json, scheduler and model configs, tokenizer configs,
	// voice configs, provenance and request files.
	ManifestLimit = 4 << 20
	// VocabLimit bounds tokenizer vocabularies and merge lists (CLIP's
	// vocab.json is 1.6 MB and merges.txt 0.5 MB; the gzip list 1.3 MB).
	VocabLimit = 32 << 20
	// ImageLimit bounds reference image files before decoding (the decoder
	// then checks the pixel size: at most 16384 per side, 50 megapixels).
	ImageLimit = 256 << 20
	// ScriptLimit bounds screenplays and other text documents.
	ScriptLimit = 16 << 20
	// AudioLimit bounds sound files imported into a project (music and
	// voice-over): 256 MB is 23 minutes of 48 kHz 16-bit stereo WAV.
	AudioLimit = 256 << 20
)
