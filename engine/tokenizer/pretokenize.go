package tokenizer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Special token strings.
const (
	StartOfText = "<|startoftext|>"
	EndOfText   = "<|endoftext|>"
)

// contractions are the suffixes CLIP's pattern splits off as words.
var contractions = [...]string{"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"}

// nextWord returns the next pre-token of text at or after byte offset i and
// the offset just past it, or "" when text is exhausted. It matches CLIP's
// pattern, tried in this order at each position:
//
//	<|startoftext|> | <|endoftext|> | 's|'t|'re|'ve|'m|'ll|'d | \p{L}+ | \p{N} | [^\s\p{L}\p{N}]+
//
// White space between matches is skipped. The text is already lower-case, so
// the pattern's case-insensitivity needs no extra work.
func nextWord(text string, i int) (string, int) {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	if i >= len(text) {
		return "", i
	}
	rest := text[i:]
	switch rest[0] {
	case '<':
		if strings.HasPrefix(rest, StartOfText) {
			return rest[:len(StartOfText)], i + len(StartOfText)
		}
		if strings.HasPrefix(rest, EndOfText) {
			return rest[:len(EndOfText)], i + len(EndOfText)
		}
	case '\'':
		for _, c := range contractions {
			if strings.HasPrefix(rest, c) {
				return c, i + len(c)
			}
		}
	}
	r, n := utf8.DecodeRuneInString(rest)
	switch {
	case unicode.IsLetter(r):
		end := n
		for end < len(rest) {
			r, n := utf8.DecodeRuneInString(rest[end:])
			if !unicode.IsLetter(r) {
				break
			}
			end += n
		}
		return rest[:end], i + end
	case unicode.IsNumber(r):
		return rest[:n], i + n
	}
	end := n
	for end < len(rest) {
		r, n := utf8.DecodeRuneInString(rest[end:])
		if unicode.IsSpace(r) || unicode.IsLetter(r) || unicode.IsNumber(r) {
			break
		}
		end += n
	}
	return rest[:end], i + end
}
