package tokenizer

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestReferenceIDs(t *testing.T) {
	tok := clipTokenizer(t)
	for _, c := range refCases(t) {
		ids, truncated, count := tok.EncodePadded(c.Text, ContextLength)
		if truncated {
			t.Errorf("%q: unexpectedly truncated", c.Text)
		}
		if count != len(c.IDs) {
			t.Errorf("%q: count %d, want %d", c.Text, count, len(c.IDs))
		}
		got := make([]int, count)
		for i := range got {
			got[i] = int(ids[i])
		}
		if !equalInts(got, c.IDs) {
			t.Errorf("%q:\n got %v\nwant %v", c.Text, got, c.IDs)
		}
		if raw := tok.Encode(c.Text); !equalInts(raw, c.IDs[1:len(c.IDs)-1]) {
			t.Errorf("Encode(%q) = %v, want %v", c.Text, raw, c.IDs[1:len(c.IDs)-1])
		}
	}
}

func TestVocabularyShape(t *testing.T) {
	tok := clipTokenizer(t)
	if tok.VocabSize() != CLIPVocabSize || CLIPVocabSize != 49408 {
		t.Fatalf("vocab size %d, want 49408", tok.VocabSize())
	}
	if tok.BOS() != CLIPStartID || tok.EOS() != CLIPEndID || tok.Pad() != CLIPEndID {
		t.Fatalf("specials BOS %d EOS %d pad %d", tok.BOS(), tok.EOS(), tok.Pad())
	}
	// Byte symbols come in bytes_to_unicode order: '!' is id 0, and a
	// single-character word ends with "</w>" (256 further on).
	for text, want := range map[string]int{"!": 256, ",": 256 + int(','-'!'), "a": 256 + int('a'-'!')} {
		if got := tok.Encode(text); len(got) != 1 || got[0] != want {
			t.Errorf("Encode(%q) = %v, want [%d]", text, got, want)
		}
	}
}

func TestPadAndTruncate(t *testing.T) {
	tok := clipTokenizer(t)
	ids, truncated, count := tok.EncodePadded("a photo of a cat", ContextLength)
	if len(ids) != ContextLength || truncated || count != 7 {
		t.Fatalf("len %d truncated %v count %d", len(ids), truncated, count)
	}
	for i := count; i < len(ids); i++ {
		if ids[i] != CLIPEndID {
			t.Fatalf("ids[%d] = %d, want pad %d", i, ids[i], CLIPEndID)
		}
	}
	zero, _, _ := tok.WithPad(0).EncodePadded("a photo of a cat", ContextLength)
	if zero[count-1] != CLIPEndID || zero[count] != 0 || zero[ContextLength-1] != 0 {
		t.Fatalf("WithPad(0) gave %v", zero[count-1:])
	}
	if tok.Pad() != CLIPEndID {
		t.Fatal("WithPad changed the original tokenizer")
	}

	long := strings.Repeat("cinematic lighting, ", 40)
	raw := tok.Encode(long)
	if len(raw) <= ContextLength {
		t.Fatalf("long prompt only has %d tokens", len(raw))
	}
	ids, truncated, count = tok.EncodePadded(long, ContextLength)
	if !truncated || count != ContextLength || len(ids) != ContextLength {
		t.Fatalf("truncated %v count %d len %d", truncated, count, len(ids))
	}
	if ids[0] != CLIPStartID || ids[ContextLength-1] != CLIPEndID {
		t.Fatalf("ends %d..%d", ids[0], ids[ContextLength-1])
	}
	for i := 1; i < ContextLength-1; i++ {
		if int(ids[i]) != raw[i-1] {
			t.Fatalf("ids[%d] = %d, want %d", i, ids[i], raw[i-1])
		}
	}

	// Exactly filling the context is not truncation.
	fit := strings.TrimSpace(strings.Repeat("cat ", ContextLength-2))
	if _, truncated, count = tok.EncodePadded(fit, ContextLength); truncated || count != ContextLength {
		t.Fatalf("75 words: truncated %v count %d", truncated, count)
	}
	if _, truncated, _ = tok.EncodePadded(fit+" cat", ContextLength); !truncated {
		t.Fatal("76 words not truncated")
	}
}

func TestSpecialTokensInText(t *testing.T) {
	tok := clipTokenizer(t)
	got := tok.Encode("cat<|endoftext|>dog")
	if len(got) != 3 || got[1] != CLIPEndID || got[0] != tok.Encode("cat")[0] || got[2] != tok.Encode("dog")[0] {
		t.Fatalf("Encode with special = %v", got)
	}
}

func TestNormalisation(t *testing.T) {
	tok := clipTokenizer(t)
	same := [][2]string{
		{"it’s a “test”", "it's a \"test\""},
		{"  A\tPHOTO\n\nof   a CAT  ", "a photo of a cat"},
		{"salt &amp; pepper", "salt & pepper"},
		{"&amp;amp;", "&"},
		{"ＡＢＣ　１２３", "abc 123"},
		{"ﬁsh", "fish"},
		{"bell\x07 rings", "bell rings"},
	}
	for _, c := range same {
		a, b := tok.Encode(c[0]), tok.Encode(c[1])
		if !equalInts(a, b) {
			t.Errorf("Encode(%q) = %v, Encode(%q) = %v", c[0], a, c[1], b)
		}
	}
	if got := tok.Encode("   \t "); len(got) != 0 {
		t.Errorf("blank text gave %v", got)
	}
}

func TestPyLower(t *testing.T) {
	for in, want := range map[string]string{
		"ΟΔΟΣ":      "οδος",
		"ΟΔΟΣ ΟΔΟΣ": "οδος οδος",
		"Σ":         "σ",
		"ΣΑ":        "σα",
		"İstanbul":  "i\u0307stanbul",
		"ÀÉÎ":       "àéî",
		"MiXeD":     "mixed",
	} {
		if got := pyLower(in); got != want {
			t.Errorf("pyLower(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPreTokenize(t *testing.T) {
	text := "a drone, 35mm!! don't-stop 'sun café<|startoftext|>x!<|endoftext|>"
	want := []string{"a", "drone", ",", "3", "5", "mm", "!!", "don", "'t", "-", "stop", "'s", "un", "café", "<|startoftext|>", "x", "!<|", "endoftext", "|>"}
	var got []string
	for i := 0; i < len(text); {
		var w string
		w, i = nextWord(text, i)
		if w == "" {
			break
		}
		got = append(got, w)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("words\n got %q\nwant %q", got, want)
	}
}

func TestBytesToUnicode(t *testing.T) {
	for b, want := range map[byte]rune{'!': '!', '~': '~', 0xA1: 0xA1, 0xAE: 0xAE, 0xFF: 0xFF, 0: 256, ' ': 256 + 32, 0x7F: 256 + 33, 0xAD: 256 + 67} {
		if byteRune[b] != want {
			t.Errorf("byteRune[%#x] = %#x, want %#x", b, byteRune[b], want)
		}
	}
	if byteSymbols[0] != '!' || byteSymbols[255] != 0xAD {
		t.Errorf("order starts %#x ends %#x", byteSymbols[0], byteSymbols[255])
	}
	if len(runeByte) != 256 {
		t.Errorf("inverse has %d entries", len(runeByte))
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	tok := clipTokenizer(t)
	// Every pre-token decodes as a word followed by a space.
	for text, want := range map[string]string{
		"a photo of a cat":              "a photo of a cat ",
		"Fireworks cut the sky, 35mm!!": "fireworks cut the sky , 3 5 mm !! ",
		"café 🎆 über":                   "café 🎆 über ",
		"日本の夏":                          "日本の夏 ",
	} {
		if got := tok.Decode(tok.Encode(text)); got != want {
			t.Errorf("Decode(Encode(%q)) = %q, want %q", text, got, want)
		}
	}
	all := append([]int{CLIPStartID}, tok.Encode("cat")...)
	all = append(all, CLIPEndID, -5, 1<<30)
	if got := tok.Decode(all); got != "<|startoftext|>cat <|endoftext|>" {
		t.Errorf("Decode with specials = %q", got)
	}
}

func TestConcurrentEncode(t *testing.T) {
	tok := clipTokenizer(t)
	prompts := []string{"a photo of a cat", "a dog on the moon", "fireworks over a lake at night", "snowy mountains, cinematic"}
	want := make([][]int, len(prompts))
	for i, p := range prompts {
		want[i] = fresh(t, tok).Encode(p)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				i := (g + n) % len(prompts)
				if got := tok.Encode(prompts[i]); !equalInts(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d: %q gave %v", g, prompts[i], got)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// fresh returns a copy of tok with an empty word cache, so results do not
// depend on what earlier tests cached.
func fresh(t testing.TB, tok *Tokenizer) *Tokenizer {
	t.Helper()
	c := *tok
	c.cache = newWordCache()
	return &c
}

func TestCacheMatchesUncached(t *testing.T) {
	tok := clipTokenizer(t)
	text := "Me on the beach at sunset with a glass of champagne while fireworks cut the sky"
	cold := fresh(t, tok)
	first := cold.Encode(text)
	second := cold.Encode(text)
	if !equalInts(first, second) {
		t.Fatalf("cached result differs: %v vs %v", first, second)
	}
	if len(cold.cache.words) == 0 {
		t.Fatal("nothing was cached")
	}
}
