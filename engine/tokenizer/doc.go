// Package tokenizer implements the CLIP byte-level BPE tokenizer that the
// text encoders of Stable Diffusion-family models expect.
//
// The pipeline follows the original CLIP tokenizer: text is cleaned (a subset
// of ftfy's fixes, HTML unescaping, whitespace collapsing), lower-cased,
// split with CLIP's pre-tokenisation pattern, mapped to byte-level symbols,
// and merged with the BPE merge list, where the last symbol of every word
// carries the "</w>" end-of-word marker.
//
// Two vocabulary formats load into the same Tokenizer: the original CLIP
// merges file (bpe_simple_vocab_16e6.txt.gz) and a Hugging Face model pack's
// tokenizer/vocab.json + tokenizer/merges.txt.
//
// A Tokenizer is safe for concurrent use; it caches the BPE result of every
// word it has seen.
package tokenizer
