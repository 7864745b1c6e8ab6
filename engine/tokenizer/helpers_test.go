package tokenizer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// sharedDir holds the CLIP vocabulary and reference ids, copied from the
// shared fixtures' clip folder (MIT; see its LICENSE) so the tests need
// nothing beside the repository.
const sharedDir = "testdata/clip"

type refCase struct {
	Text string `json:"text"`
	IDs  []int  `json:"ids"`
}

var (
	loadOnce sync.Once
	loaded   *Tokenizer
	loadErr  error
)

// vocabPath returns the CLIP vocabulary in testdata, failing the test when
// it is missing.
func vocabPath(t testing.TB) string {
	t.Helper()
	p := filepath.Join(sharedDir, "bpe_simple_vocab_16e6.txt.gz")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("CLIP vocabulary needed by this test is missing (expected in testdata/clip): %v", err)
	}
	return p
}

// clipTokenizer loads the shared CLIP vocabulary once per test binary.
func clipTokenizer(t testing.TB) *Tokenizer {
	t.Helper()
	p := vocabPath(t)
	loadOnce.Do(func() { loaded, loadErr = LoadCLIPGzip(p) })
	if loadErr != nil {
		t.Fatalf("LoadCLIPGzip: %v", loadErr)
	}
	return loaded
}

// refCases reads the reference ids made with the original CLIP tokenizer.
func refCases(t testing.TB) []refCase {
	t.Helper()
	p := filepath.Join(sharedDir, "token_ids.json")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reference ids needed by this test are missing (expected in testdata/clip): %v", err)
	}
	var doc struct {
		Cases []refCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("decoding %s: %v", p, err)
	}
	if len(doc.Cases) == 0 {
		t.Fatalf("%s holds no cases", p)
	}
	return doc.Cases
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
