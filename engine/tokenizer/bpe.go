package tokenizer

import (
	"strings"
	"sync"
)

// merge is one BPE rule: the pair it joins has priority rank (lower merges
// first) and becomes token id.
type merge struct {
	rank int32
	id   int32
}

// pairKey packs two token ids into one map key.
func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// bpe merges the symbols of one word in place and returns the merged ids.
// Each round finds the adjacent pair with the lowest rank and joins every
// non-overlapping occurrence of it, scanning left to right, as CLIP does.
func bpe(word []int32, merges map[uint64]merge) []int32 {
	for len(word) > 1 {
		best := merge{rank: -1}
		var left, right int32
		for i := 0; i+1 < len(word); i++ {
			m, ok := merges[pairKey(word[i], word[i+1])]
			if ok && (best.rank < 0 || m.rank < best.rank) {
				best, left, right = m, word[i], word[i+1]
			}
		}
		if best.rank < 0 {
			break
		}
		w := 0
		for r := 0; r < len(word); {
			if r+1 < len(word) && word[r] == left && word[r+1] == right {
				word[w] = best.id
				r += 2
			} else {
				word[w] = word[r]
				r++
			}
			w++
		}
		word = word[:w]
	}
	return word
}

// maxCached bounds the word cache so a long session cannot grow it without
// limit; words beyond it are merged afresh each time.
const maxCached = 1 << 16

// wordCache remembers the ids of every word already merged. It is safe for
// concurrent use.
type wordCache struct {
	mu    sync.RWMutex
	words map[string][]int32
}

func newWordCache() *wordCache {
	return &wordCache{words: make(map[string][]int32)}
}

func (c *wordCache) get(word string) ([]int32, bool) {
	c.mu.RLock()
	ids, ok := c.words[word]
	c.mu.RUnlock()
	return ids, ok
}

func (c *wordCache) put(word string, ids []int32) {
	c.mu.Lock()
	if len(c.words) < maxCached {
		c.words[strings.Clone(word)] = ids
	}
	c.mu.Unlock()
}
