package tokenizer

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"kino/engine/files"
)

// LoadCLIPGzip loads the original CLIP vocabulary file
// (bpe_simple_vocab_16e6.txt.gz). Like LoadHF, it reads only a regular file
// no larger than files.VocabLimit (a FIFO or device is refused at once).
func LoadCLIPGzip(path string) (*Tokenizer, error) {
	f, _, err := files.Open(path, files.VocabLimit)
	if err != nil {
		return nil, fmt.Errorf("loading CLIP vocabulary %s: %w", path, err)
	}
	defer f.Close()
	t, err := ReadCLIPGzip(f)
	if err != nil {
		return nil, fmt.Errorf("loading CLIP vocabulary %s: %w", path, err)
	}
	return t, nil
}

// ReadCLIPGzip reads a gzip-compressed CLIP merges file: a version header
// line, then merges ("a b" per line) in priority order. It uses the first
// CLIPMerges merges and builds the token list in CLIP's order: the 256 byte
// symbols, the same with "</w>", one token per merge, <|startoftext|> and
// <|endoftext|>.
func ReadCLIPGzip(r io.Reader) (*Tokenizer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("opening gzip stream: %w", err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading header: %w", err)
		}
		return nil, fmt.Errorf("file is empty")
	}
	pairs := make([][2]string, 0, CLIPMerges)
	line := 1
	for len(pairs) < CLIPMerges && sc.Scan() {
		line++
		p, err := parseMerge(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading merges: %w", err)
	}
	if len(pairs) < CLIPMerges {
		return nil, fmt.Errorf("found %d merges, need %d", len(pairs), CLIPMerges)
	}
	encoder := make(map[string]int, CLIPVocabSize)
	id := 0
	add := func(tok string) {
		encoder[tok] = id // a repeated token keeps its last id, as in CLIP
		id++
	}
	for _, b := range byteSymbols {
		add(string(byteRune[b]))
	}
	for _, b := range byteSymbols {
		add(string(byteRune[b]) + endOfWord)
	}
	for _, p := range pairs {
		add(p[0] + p[1])
	}
	add(StartOfText)
	add(EndOfText)
	return newTokenizer(encoder, pairs)
}

// LoadHF loads a Hugging Face tokenizer: vocab.json (token -> id) and
// merges.txt (an optional "#version" header, then "a b" per line).
func LoadHF(vocabJSON, mergesTXT string) (*Tokenizer, error) {
	encoder, err := readVocabFile(vocabJSON)
	if err != nil {
		return nil, err
	}
	f, _, err := files.Open(mergesTXT, files.VocabLimit)
	if err != nil {
		return nil, fmt.Errorf("loading merges %s: %w", mergesTXT, err)
	}
	defer f.Close()
	pairs, err := readMerges(f)
	if err != nil {
		return nil, fmt.Errorf("loading merges %s: %w", mergesTXT, err)
	}
	t, err := newTokenizer(encoder, pairs)
	if err != nil {
		return nil, fmt.Errorf("loading tokenizer %s: %w", vocabJSON, err)
	}
	return t, nil
}

// ReadHF builds a Tokenizer from the contents of vocab.json and merges.txt.
func ReadHF(vocab, merges io.Reader) (*Tokenizer, error) {
	var encoder map[string]int
	if err := json.NewDecoder(vocab).Decode(&encoder); err != nil {
		return nil, fmt.Errorf("decoding vocab: %w", err)
	}
	pairs, err := readMerges(merges)
	if err != nil {
		return nil, fmt.Errorf("reading merges: %w", err)
	}
	return newTokenizer(encoder, pairs)
}

func readVocabFile(path string) (map[string]int, error) {
	data, err := files.ReadFile(path, files.VocabLimit)
	if err != nil {
		return nil, fmt.Errorf("loading vocab %s: %w", path, err)
	}
	var encoder map[string]int
	if err := json.Unmarshal(data, &encoder); err != nil {
		return nil, fmt.Errorf("loading vocab %s: %w", path, err)
	}
	if len(encoder) == 0 {
		return nil, fmt.Errorf("loading vocab %s: no tokens", path)
	}
	return encoder, nil
}

// readMerges parses merges.txt. A first line starting with "#" is a header;
// blank lines are ignored.
func readMerges(r io.Reader) ([][2]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var pairs [][2]string
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if (line == 1 && strings.HasPrefix(text, "#")) || strings.TrimSpace(text) == "" {
			continue
		}
		p, err := parseMerge(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("no merges")
	}
	return pairs, nil
}

func parseMerge(line string) ([2]string, error) {
	f := strings.Fields(line)
	if len(f) != 2 {
		return [2]string{}, fmt.Errorf("want a merge \"a b\", got %q", line)
	}
	return [2]string{f[0], f[1]}, nil
}
