package scene

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
)

// The corpus of screenplay lines and the rule for content words are
// described in testdata/corpus/README.md.

// corpusLine is one scene heading or action line.
type corpusLine struct {
	n       string // its number in the order it was written
	lang    string
	heading bool
	text    string
}

func loadCorpus(tb testing.TB, part string) []corpusLine {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "corpus", part+".tsv"))
	if err != nil {
		tb.Fatalf("opening the corpus: %v", err)
	}
	defer f.Close()
	var out []corpusLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 || cols[2] != "heading" && cols[2] != "action" {
			tb.Fatalf("%s.tsv: malformed row %q", part, sc.Text())
		}
		out = append(out, corpusLine{n: cols[0], lang: cols[1], heading: cols[2] == "heading", text: cols[3]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("reading the corpus: %v", err)
	}
	return out
}

// loadNonwords reads the words that are not content words.
func loadNonwords(tb testing.TB) map[string]bool {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "corpus", "nonwords.txt"))
	if err != nil {
		tb.Fatalf("reading the non-content words: %v", err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			out[w] = true
		}
	}
	return out
}

// coverage is what the engine made of a set of corpus lines.
type coverage struct {
	content, used     int      // content-word occurrences, and those used
	headings, settled int      // scene headings, and those given a setting by a word
	dropped           []string // content words neither used nor listed as ignored ("line: word")
	unused            map[string]int
}

func (c *coverage) contentShare() float64 { return share(c.used, c.content) }
func (c *coverage) headingShare() float64 { return share(c.settled, c.headings) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// isContentWord applies the corpus's rule to one token.
func isContentWord(t *token, nonwords map[string]bool) bool {
	if !t.word || t.sym || t.num >= 0 || len([]rune(t.norm)) < 2 {
		return false
	}
	return !nonwords[t.norm]
}

// measureCoverage reads every line as a prompt and counts which content
// words the engine used.
func measureCoverage(lines []corpusLine, nonwords map[string]bool) coverage {
	c := coverage{unused: map[string]int{}}
	for _, l := range lines {
		req := engine.DefaultRequest()
		req.Prompt = l.text
		if norm, _, err := req.Normalize(); err == nil {
			req = norm
		}
		p := Parse(req)
		ignored := map[string]bool{}
		for _, w := range p.Ignored {
			for _, t := range tokenize(w, nil) {
				ignored[t.norm] = true
			}
		}
		for _, t := range tokenize(req.Prompt, nil) {
			if !isContentWord(&t, nonwords) {
				continue
			}
			c.content++
			used := false
			for _, sp := range p.usedSpans {
				if t.start >= sp[0] && t.end <= sp[1] {
					used = true
					break
				}
			}
			if used {
				c.used++
				continue
			}
			c.unused[t.norm]++
			if !ignored[t.norm] {
				c.dropped = append(c.dropped, l.n+": "+req.Prompt[t.start:t.end])
			}
		}
		if l.heading {
			c.headings++
			for _, u := range p.Used {
				if strings.Contains(u.Meaning, "setting:") {
					c.settled++
					break
				}
			}
		}
	}
	return c
}

// BenchmarkCorpusCoverage reads the corpus (the lines worked on, and the
// held-out fifth) and reports, besides the time per line, the share of
// content words the engine uses and the share of scene headings it gives a
// setting.
func BenchmarkCorpusCoverage(b *testing.B) {
	nonwords := loadNonwords(b)
	for _, part := range []string{"dev", "heldout"} {
		lines := loadCorpus(b, part)
		b.Run(part, func(b *testing.B) {
			b.ReportAllocs()
			var c coverage
			for b.Loop() {
				c = measureCoverage(lines, nonwords)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
			b.ReportMetric(c.contentShare(), "content-used-%")
			b.ReportMetric(c.headingShare(), "headings-set-%")
			b.ReportMetric(float64(len(c.dropped)), "dropped-words")
		})
	}
}

// TestCorpusIsWhole checks the corpus the coverage figures rest on: at
// least 500 lines in both languages and both kinds, numbered once, and
// the held-out part exactly the lines numbered by multiples of five.
func TestCorpusIsWhole(t *testing.T) {
	seen := map[string]bool{}
	kinds := map[string]int{}
	total := 0
	for _, part := range []string{"dev", "heldout"} {
		for _, l := range loadCorpus(t, part) {
			total++
			if seen[l.n] {
				t.Errorf("line %s appears twice", l.n)
			}
			seen[l.n] = true
			var n int
			for _, c := range l.n {
				n = n*10 + int(c-'0')
			}
			if held := n%5 == 0; held != (part == "heldout") {
				t.Errorf("line %s is in %s.tsv; every fifth line is held out, no other", l.n, part)
			}
			if l.lang != "en" && l.lang != "de" || strings.TrimSpace(l.text) == "" {
				t.Errorf("line %s: language %q, text %q", l.n, l.lang, l.text)
			}
			kind := "action"
			if l.heading {
				kind = "heading"
			}
			kinds[l.lang+" "+kind]++
		}
	}
	if total < 500 {
		t.Errorf("the corpus has %d lines; want at least 500", total)
	}
	for _, k := range []string{"en heading", "en action", "de heading", "de action"} {
		if kinds[k] < 50 {
			t.Errorf("%d lines of %s; want at least 50", kinds[k], k)
		}
	}
}

// TestCorpusCoverage holds the engine to the targets on the lines
// it was extended with (at least 80 % of content words used, at least 90 %
// of scene headings given a setting), to floors on the held-out fifth
// (75 % and 90 %), and on both to the rule that no content word is dropped
// silently: every one it does not use is listed as not understood.
func TestCorpusCoverage(t *testing.T) {
	nonwords := loadNonwords(t)
	for _, c := range []struct {
		part             string
		content, heading float64
	}{{"dev", 80, 90}, {"heldout", 75, 90}} {
		cov := measureCoverage(loadCorpus(t, c.part), nonwords)
		if s := cov.contentShare(); s < c.content {
			t.Errorf("%s: %.1f %% of %d content words used; want at least %.0f %%", c.part, s, cov.content, c.content)
		}
		if s := cov.headingShare(); s < c.heading {
			t.Errorf("%s: %.1f %% of %d scene headings given a setting; want at least %.0f %%", c.part, s, cov.headings, c.heading)
		}
		if len(cov.dropped) > 0 {
			t.Errorf("%s: content words neither used nor shown as not understood: %q", c.part, cov.dropped)
		}
		t.Logf("%s: %.1f %% of content words used, %.1f %% of headings given a setting", c.part, cov.contentShare(), cov.headingShare())
	}
}
