// Package piper speaks with Piper neural voices (rhasspy/piper): small VITS
// models exported to ONNX, each a NAME.onnx graph beside its NAME.onnx.json
// config, run on the ONNX Runtime that engine/onnx loads for the model
// packs and phonemized by the espeak-ng that engine/speech loads.
//
// A line is spoken the way Piper speaks it: espeak-ng translates the text
// clause by clause into IPA; each clause's phonemes are NFD-normalised and
// split into codepoints, language-switch flags such as "(en)" are dropped,
// and the clause's punctuation is put back (a comma, colon or semicolon
// adds itself and a space; ".", "?" and "!" add themselves and end the
// sentence). Each sentence becomes ids (BOS "^", PAD "_", then every
// phoneme followed by PAD, then EOS "$", from the voice's phoneme_id_map;
// phonemes missing from the map are skipped and counted) and is one run of
// the graph, with scales [noise_scale, length_scale, noise_w] and, for
// multi-speaker voices, the speaker id.
//
// The model's output is float samples at the voice's own rate. Speak
// returns them resampled to the take's 48 kHz; Sentences hands them over
// unchanged, one sentence at a time, so a long text is spoken in bounded
// memory.
//
// Voices are installed like model packs: the pair of files in a models
// folder, or in a folder of their own there. Discover describes the voices
// in a folder, Library keeps a set of folders, loads each voice's session
// once per process on first use and shares it, and Watch notices voices
// added, changed or removed without a restart.
package piper
