package tokenizer

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeHF writes vocab.json and merges.txt derived from the CLIP gzip file
// into dir, the way a Hugging Face model pack carries them.
func writeHF(t *testing.T, dir string) (vocab, merges string) {
	t.Helper()
	f, err := os.Open(vocabPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Scan() // version header
	var lines []string
	for len(lines) < CLIPMerges && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != CLIPMerges {
		t.Fatalf("read %d merges", len(lines))
	}
	// Build the token list independently of the loader under test.
	var tokens []string
	for _, r := range []rune("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~") {
		tokens = append(tokens, string(r))
	}
	for r := rune(0xA1); r <= 0xAC; r++ {
		tokens = append(tokens, string(r))
	}
	for r := rune(0xAE); r <= 0xFF; r++ {
		tokens = append(tokens, string(r))
	}
	for r := rune(256); r < 256+68; r++ {
		tokens = append(tokens, string(r))
	}
	if len(tokens) != 256 {
		t.Fatalf("built %d byte symbols", len(tokens))
	}
	for _, s := range tokens[:256] {
		tokens = append(tokens, s+"</w>")
	}
	for _, l := range lines {
		tokens = append(tokens, strings.Replace(l, " ", "", 1))
	}
	tokens = append(tokens, StartOfText, EndOfText)
	m := make(map[string]int, len(tokens))
	for i, s := range tokens {
		m[s] = i
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	vocab = filepath.Join(dir, "vocab.json")
	merges = filepath.Join(dir, "merges.txt")
	if err := os.WriteFile(vocab, data, 0o644); err != nil {
		t.Fatal(err)
	}
	text := "#version: 0.2\n" + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(merges, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return vocab, merges
}

func TestLoadHFMatchesGzip(t *testing.T) {
	gz := clipTokenizer(t)
	vocab, merges := writeHF(t, t.TempDir())
	hf, err := LoadHF(vocab, merges)
	if err != nil {
		t.Fatalf("LoadHF: %v", err)
	}
	if hf.VocabSize() != CLIPVocabSize || hf.BOS() != CLIPStartID || hf.EOS() != CLIPEndID {
		t.Fatalf("HF vocab %d BOS %d EOS %d", hf.VocabSize(), hf.BOS(), hf.EOS())
	}
	prompts := []string{
		"a watercolour fox in a misty birch forest, volumetric light, 8k",
		"Ünïcödé façade — naïve café 🎆🎇 日本の夏 ΟΔΟΣ",
		"don't stop, they're we've I'm you'll he'd <|endoftext|>",
	}
	for _, c := range refCases(t) {
		prompts = append(prompts, c.Text)
	}
	for _, p := range prompts {
		a, _, _ := gz.EncodePadded(p, ContextLength)
		b, _, _ := hf.EncodePadded(p, ContextLength)
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%q: HF ids differ at %d: %d vs %d", p, i, b[i], a[i])
				break
			}
		}
	}
	for _, c := range refCases(t) {
		ids, _, count := hf.EncodePadded(c.Text, ContextLength)
		for i := 0; i < count; i++ {
			if int(ids[i]) != c.IDs[i] {
				t.Fatalf("%q: HF id %d = %d, want %d", c.Text, i, ids[i], c.IDs[i])
			}
		}
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.txt.gz")
	garbage := filepath.Join(dir, "garbage.txt.gz")
	if err := os.WriteFile(garbage, []byte("this is not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.txt.gz")
	writeGzip(t, short, "#version: 0.2\ni n\nt h\n")
	badLine := filepath.Join(dir, "bad.txt.gz")
	writeGzip(t, badLine, "#version: 0.2\ni n\nthree parts here\n")
	for _, p := range []string{missing, garbage, short, badLine} {
		if _, err := LoadCLIPGzip(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("LoadCLIPGzip(%s) error = %v, want one naming the file", p, err)
		}
	}
	if _, err := LoadCLIPGzip(badLine); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("bad merge line error = %v, want line 3", err)
	}

	vocab, merges := writeHF(t, dir)
	badJSON := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badJSON, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	noBytes := filepath.Join(dir, "tiny.json")
	if err := os.WriteFile(noBytes, []byte(`{"a": 0}`), 0o644); err != nil {
		t.Fatal(err)
	}
	badMerges := filepath.Join(dir, "bad_merges.txt")
	if err := os.WriteFile(badMerges, []byte("#version: 0.2\na b c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ vocab, merges, name string }{
		{filepath.Join(dir, "none.json"), merges, "none.json"},
		{badJSON, merges, badJSON},
		{noBytes, merges, noBytes},
		{vocab, filepath.Join(dir, "none.txt"), "none.txt"},
		{vocab, badMerges, badMerges},
	}
	for _, c := range cases {
		if _, err := LoadHF(c.vocab, c.merges); err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("LoadHF(%s, %s) error = %v, want one naming %s", c.vocab, c.merges, err, c.name)
		}
	}
}

func writeGzip(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
