package widget

import (
	"sort"
	"strings"
	"time"

	"kino/project"
)

// IsHandleRune reports whether r may appear in a handle after the "@".
func IsHandleRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.'
}

// mentionAt finds an "@" mention being typed just before the cursor
// (a rune offset into text). It returns where the "@" is and the part of
// the handle typed so far. A "@" inside a word (an e-mail address) is not
// a mention.
func mentionAt(text string, cursor int) (start int, prefix string, ok bool) {
	rs := []rune(text)
	if cursor < 0 || cursor > len(rs) {
		return 0, "", false
	}
	i := cursor
	for i > 0 && IsHandleRune(rs[i-1]) {
		i--
	}
	if i == 0 || rs[i-1] != '@' {
		return 0, "", false
	}
	at := i - 1
	if at > 0 && (IsHandleRune(rs[at-1]) || rs[at-1] == '@') {
		return 0, "", false
	}
	return at, strings.ToLower(string(rs[i:cursor])), true
}

// insertMention replaces the mention from start to cursor (rune offsets)
// with handle and a space, and returns the new text and cursor.
func insertMention(text string, start, cursor int, handle string) (string, int) {
	rs := []rune(text)
	end := cursor
	// Swallow the rest of a handle the cursor is in the middle of.
	for end < len(rs) && IsHandleRune(rs[end]) {
		end++
	}
	ins := []rune(handle)
	tail := rs[end:]
	if len(tail) == 0 || tail[0] != ' ' {
		ins = append(ins, ' ')
	}
	out := make([]rune, 0, len(rs)+len(ins))
	out = append(out, rs[:start]...)
	out = append(out, ins...)
	out = append(out, tail...)
	pos := start + len(ins)
	if len(tail) > 0 && tail[0] == ' ' {
		pos++
	}
	return string(out), pos
}

// castable returns the cameos that may be cast in projectID at now and
// match prefix (by handle or by name), best matches first: handle
// prefixes, then name prefixes, then the rest, each alphabetical.
// Cameos whose consent does not allow the use are left out.
func castable(cameos []*project.Cameo, prefix, projectID string, now time.Time) []*project.Cameo {
	prefix = strings.ToLower(strings.TrimPrefix(prefix, "@"))
	type scored struct {
		c     *project.Cameo
		score int
	}
	var out []scored
	seen := map[string]bool{}
	for _, c := range cameos {
		if seen[c.Handle] || c.Consent.Allows(c.Handle, projectID, now) != nil {
			continue
		}
		h := strings.TrimPrefix(c.Handle, "@")
		name := strings.ToLower(c.Name)
		switch {
		case strings.HasPrefix(h, prefix):
			out = append(out, scored{c, 0})
		case strings.HasPrefix(name, prefix):
			out = append(out, scored{c, 1})
		case strings.Contains(h, prefix) || strings.Contains(name, prefix):
			out = append(out, scored{c, 2})
		default:
			continue
		}
		seen[c.Handle] = true
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score < out[j].score
		}
		return out[i].c.Handle < out[j].c.Handle
	})
	res := make([]*project.Cameo, len(out))
	for i, s := range out {
		res[i] = s.c
	}
	return res
}
