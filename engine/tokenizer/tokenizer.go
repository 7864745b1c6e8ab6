package tokenizer

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Token ids and sizes of the standard CLIP vocabulary.
const (
	// ContextLength is the sequence length CLIP text encoders take.
	ContextLength = 77
	// CLIPMerges is how many merges of the merges file CLIP uses.
	CLIPMerges = 49152 - 256 - 2
	// CLIPVocabSize is the number of tokens in the CLIP vocabulary.
	CLIPVocabSize = 2*256 + CLIPMerges + 2
	// CLIPStartID is the id of <|startoftext|> in the CLIP vocabulary.
	CLIPStartID = 49406
	// CLIPEndID is the id of <|endoftext|> in the CLIP vocabulary.
	CLIPEndID = 49407
)

// endOfWord marks the last symbol of a word.
const endOfWord = "</w>"

// Tokenizer turns text into CLIP token ids. It is safe for concurrent use.
type Tokenizer struct {
	merges    map[uint64]merge
	decoder   []string // id -> token string; "" for unused ids
	byteID    [256]int32
	byteEndID [256]int32
	bos, eos  int32
	pad       int32
	cache     *wordCache
}

// newTokenizer builds a Tokenizer from a token->id table and the merge list
// in priority order. Merges whose parts or joined token are missing from the
// vocabulary can never apply and are dropped.
func newTokenizer(encoder map[string]int, pairs [][2]string) (*Tokenizer, error) {
	t := &Tokenizer{merges: make(map[uint64]merge, len(pairs)), cache: newWordCache()}
	maxID := -1
	for tok, id := range encoder {
		if id < 0 || id > 1<<24 {
			return nil, fmt.Errorf("token %q has id %d out of range", tok, id)
		}
		maxID = max(maxID, id)
	}
	t.decoder = make([]string, maxID+1)
	for tok, id := range encoder {
		t.decoder[id] = tok
	}
	for b := 0; b < 256; b++ {
		sym := string(byteRune[b])
		id, ok := encoder[sym]
		if !ok {
			return nil, fmt.Errorf("vocabulary lacks byte symbol %q", sym)
		}
		end, ok := encoder[sym+endOfWord]
		if !ok {
			return nil, fmt.Errorf("vocabulary lacks byte symbol %q", sym+endOfWord)
		}
		t.byteID[b], t.byteEndID[b] = int32(id), int32(end)
	}
	for _, s := range []string{StartOfText, EndOfText} {
		if _, ok := encoder[s]; !ok {
			return nil, fmt.Errorf("vocabulary lacks special token %s", s)
		}
	}
	t.bos, t.eos = int32(encoder[StartOfText]), int32(encoder[EndOfText])
	t.pad = t.eos
	for rank, p := range pairs {
		a, okA := encoder[p[0]]
		b, okB := encoder[p[1]]
		id, okJ := encoder[p[0]+p[1]]
		if okA && okB && okJ {
			t.merges[pairKey(int32(a), int32(b))] = merge{rank: int32(rank), id: int32(id)}
		}
	}
	return t, nil
}

// BOS returns the id of <|startoftext|>.
func (t *Tokenizer) BOS() int { return int(t.bos) }

// EOS returns the id of <|endoftext|>.
func (t *Tokenizer) EOS() int { return int(t.eos) }

// Pad returns the id EncodePadded fills with; it is EOS unless WithPad
// changed it.
func (t *Tokenizer) Pad() int { return int(t.pad) }

// VocabSize returns one more than the largest token id.
func (t *Tokenizer) VocabSize() int { return len(t.decoder) }

// WithPad returns a Tokenizer that pads with id instead (Stable Diffusion 2
// text encoders pad with 0). It shares the vocabulary and word cache.
func (t *Tokenizer) WithPad(id int) *Tokenizer {
	c := *t
	c.pad = int32(id)
	return &c
}

// Encode returns the BPE ids of text, without BOS and EOS.
func (t *Tokenizer) Encode(text string) []int {
	ids := make([]int, 0, len(text)/3+2)
	t.each(text, func(id int32) { ids = append(ids, int(id)) })
	return ids
}

// EncodePadded returns exactly length ids for a text encoder: BOS, the text's
// ids, EOS, then padding. When the text does not fit, it is cut so that the
// sequence still ends with EOS, and truncated is true. count is the number of
// ids before the padding (BOS and EOS included), so EOS sits at count-1.
// A length below 2 is treated as 2.
func (t *Tokenizer) EncodePadded(text string, length int) (ids []int64, truncated bool, count int) {
	length = max(length, 2)
	ids = make([]int64, 1, length)
	ids[0] = int64(t.bos)
	t.each(text, func(id int32) {
		if len(ids) < length-1 {
			ids = append(ids, int64(id))
		} else {
			truncated = true
		}
	})
	ids = append(ids, int64(t.eos))
	count = len(ids)
	for len(ids) < length {
		ids = append(ids, int64(t.pad))
	}
	return ids, truncated, count
}

// each calls emit with every BPE id of text, in order.
func (t *Tokenizer) each(text string, emit func(int32)) {
	text = clean(text)
	var buf []int32
	for i := 0; i < len(text); {
		var word string
		word, i = nextWord(text, i)
		if word == "" {
			break
		}
		switch word {
		case StartOfText:
			emit(t.bos)
			continue
		case EndOfText:
			emit(t.eos)
			continue
		}
		ids, ok := t.cache.get(word)
		if !ok {
			buf = buf[:0]
			for j := 0; j < len(word)-1; j++ {
				buf = append(buf, t.byteID[word[j]])
			}
			buf = append(buf, t.byteEndID[word[len(word)-1]])
			ids = append([]int32(nil), bpe(buf, t.merges)...)
			t.cache.put(word, ids)
		}
		for _, id := range ids {
			emit(id)
		}
	}
}

// Decode turns ids back into text: "</w>" becomes a space and invalid UTF-8
// becomes U+FFFD. Ids outside the vocabulary are skipped.
func (t *Tokenizer) Decode(ids []int) string {
	var raw []byte
	for _, id := range ids {
		if id < 0 || id >= len(t.decoder) {
			continue
		}
		for _, r := range t.decoder[id] {
			if b, ok := runeByte[r]; ok {
				raw = append(raw, b)
			}
		}
	}
	var b strings.Builder
	b.Grow(len(raw))
	for len(raw) > 0 {
		r, n := utf8.DecodeRune(raw)
		b.WriteRune(r)
		raw = raw[n:]
	}
	return strings.ReplaceAll(b.String(), endOfWord, " ")
}
