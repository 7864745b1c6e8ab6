package tokenizer

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzEncode feeds the CLIP tokenizer any text (prompts are user input).
// It must never panic; every id must be in the vocabulary; encoding must
// be deterministic; the padded form must be exactly ContextLength ids,
// BOS first and EOS last before the padding, and cut only when the text
// does not fit; the cleaned text must hold no C0 control character or DEL
// (ftfy removes those typed, Python's html.unescape drops those made by
// references; other code points may stay, as in CLIP: U+206F made by
// "&#8303" after ftfy's pass, a noncharacter typed); decoding
// must give valid UTF-8 that encodes to the same ids again whenever the
// decoded text is one the clean-up leaves alone. (It need not be: a curly
// quote made by "&#x82" after ftfy's clean-up is kept, as in CLIP, but
// the same quote typed is straightened.)
func FuzzEncode(f *testing.F) {
	tok := clipTokenizer(f)
	for _, s := range []string{"", "a photo of a cat", "Ich, am Strand bei Sonnenuntergang, mit einem Glas Sekt",
		"<|startoftext|>x<|endoftext|>", "it's  ＡＢＣ &amp; \u00e9\u0301 \U0001F305\x00\x1b[31m", strings.Repeat("fireworks ", 100),
		"\xff\xfe invalid", strings.Repeat("a", 300), "ΣΑΣ ǅ İ ß", "1,234.5e6 --- ..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		control := func(r rune) bool { return r < 0x20 || r == 0x7f }
		if c := clean(text); strings.IndexFunc(c, control) >= 0 {
			t.Fatalf("%q cleans to %q, which holds a control character", text, c)
		}
		ids := tok.Encode(text)
		for _, id := range ids {
			if id < 0 || id >= tok.VocabSize() {
				t.Fatalf("id %d outside the vocabulary of %d", id, tok.VocabSize())
			}
		}
		if again := tok.Encode(text); !slices.Equal(ids, again) {
			t.Fatalf("encoding twice gave %v and %v", ids, again)
		}
		padded, truncated, count := tok.EncodePadded(text, ContextLength)
		if len(padded) != ContextLength || padded[0] != int64(tok.BOS()) || count < 2 || count > ContextLength || padded[count-1] != int64(tok.EOS()) {
			t.Fatalf("padded: %d ids, count %d, %v", len(padded), count, padded)
		}
		if truncated != (len(ids) > ContextLength-2) {
			t.Fatalf("truncated %v with %d ids", truncated, len(ids))
		}
		for i := 1; i < count-1; i++ {
			if padded[i] != int64(ids[i-1]) {
				t.Fatalf("padded id %d is %d, Encode's is %d", i, padded[i], ids[i-1])
			}
		}
		decoded := tok.Decode(ids)
		if !utf8.ValidString(decoded) {
			t.Fatalf("Decode gave invalid UTF-8 %q", decoded)
		}
		if strings.ContainsRune(decoded, utf8.RuneError) || strings.Contains(decoded, StartOfText) || strings.Contains(decoded, EndOfText) {
			return // replaced bytes or special tokens do not encode back alike
		}
		if clean(decoded) != strings.TrimSpace(decoded) {
			return // the clean-up would change the decoded text itself
		}
		if back := tok.Encode(decoded); !slices.Equal(back, ids) {
			t.Fatalf("%q encodes to %v, decodes to %q, which encodes to %v", text, ids, decoded, back)
		}
	})
}
