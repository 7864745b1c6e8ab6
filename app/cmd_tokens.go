package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kino/engine/tokenizer"
)

func cmdTokens(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino tokens", "[--vocab FILE] TEXT... [--json]",
		"Print the CLIP token ids of TEXT (with BOS and EOS), for model-pack authors.\n"+
			"FILE is a model pack folder, its tokenizer/ folder, a vocab.json (merges.txt beside it)\n"+
			"or CLIP's bpe_simple_vocab_16e6.txt.gz.")
	vocab := fs.String("vocab", "", "the vocabulary (default: the first model pack with a tokenizer)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 1, -1)
	if err != nil {
		return err
	}
	path := *vocab
	if path == "" {
		if path = findPackTokenizer(ModelsDir()); path == "" {
			return usagef("no model pack with a tokenizer in %s; give --vocab FILE", ModelsDir())
		}
	}
	tok, err := loadTokenizer(path)
	if err != nil {
		return err
	}
	text := strings.Join(pos, " ")
	ids, truncated, count := tok.EncodePadded(text, tokenizer.ContextLength)
	used := ids[:count]
	if *asJSON {
		return writeJSON(e.Out, map[string]any{
			"text": text, "ids": used, "count": count, "limit": tokenizer.ContextLength, "truncated": truncated,
			"padded": ids,
		})
	}
	strs := make([]string, len(used))
	for i, id := range used {
		strs[i] = fmt.Sprint(id)
	}
	fmt.Fprintln(e.Out, strings.Join(strs, " "))
	fmt.Fprintf(e.Err, "%d of %d tokens", count, tokenizer.ContextLength)
	if truncated {
		fmt.Fprint(e.Err, " (the text was cut: the model ignores the rest)")
	}
	fmt.Fprintln(e.Err)
	return nil
}

// loadTokenizer loads a vocabulary from any of the layouts kino tokens accepts.
func loadTokenizer(path string) (*tokenizer.Tokenizer, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("vocabulary %s: %w", path, err)
	}
	if st.IsDir() {
		for _, dir := range []string{filepath.Join(path, "tokenizer"), path} {
			if _, err := os.Stat(filepath.Join(dir, "vocab.json")); err == nil {
				return tokenizer.LoadHF(filepath.Join(dir, "vocab.json"), filepath.Join(dir, "merges.txt"))
			}
		}
		return nil, fmt.Errorf("vocabulary %s: no vocab.json in it or in its tokenizer/ folder", path)
	}
	if strings.HasSuffix(path, ".gz") {
		return tokenizer.LoadCLIPGzip(path)
	}
	return tokenizer.LoadHF(path, filepath.Join(filepath.Dir(path), "merges.txt"))
}

func findPackTokenizer(models string) string {
	entries, _ := os.ReadDir(models)
	for _, ent := range entries {
		dir := filepath.Join(models, ent.Name(), "tokenizer")
		if _, err := os.Stat(filepath.Join(dir, "vocab.json")); err == nil {
			return dir
		}
	}
	return ""
}
