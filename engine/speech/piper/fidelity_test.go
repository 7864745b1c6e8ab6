package piper

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"kino/engine/speech"
)

// noiseOffCases are the deterministic references (scales [0, length, 0]).
func noiseOffCases(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join("testdata", "references", "*_noise_off*"))
	if err != nil || len(dirs) < 4 {
		t.Fatalf("expected at least 4 *_noise_off* references in testdata, found %v (%v)", dirs, err)
	}
	return dirs
}

// TestPhonemesMatchPiper checks the phoneme string and the id sequence of
// every noise-off reference exactly, from espeak-ng's own output.
func TestPhonemesMatchPiper(t *testing.T) {
	for _, dir := range noiseOffCases(t) {
		c := readCase(t, dir)
		t.Run(c.Case, func(t *testing.T) {
			s := openVoice(t, c.Voice)
			if s.Config.Espeak != c.Espeak {
				t.Fatalf("voice's espeak voice %q, reference used %q", s.Config.Espeak, c.Espeak)
			}
			clauses, err := speech.Phonemize(context.Background(), c.Text, c.Espeak)
			if err != nil {
				t.Fatal(err)
			}
			if len(clauses) != len(c.Clauses) {
				t.Fatalf("espeak-ng gave %d clauses %+v, reference %d %+v", len(clauses), clauses, len(c.Clauses), c.Clauses)
			}
			for i, cl := range clauses {
				if cl.Text != c.Clauses[i].Text || cl.Phonemes != c.Clauses[i].IPA {
					t.Errorf("clause %d = (%q, %q), reference (%q, %q)", i, cl.Text, cl.Phonemes, c.Clauses[i].Text, c.Clauses[i].IPA)
				}
			}
			sents, err := s.Phonemes(context.Background(), c.Text)
			if err != nil {
				t.Fatal(err)
			}
			if len(sents) != 1 {
				t.Fatalf("%d sentences %q, want 1", len(sents), sents)
			}
			if got := sents[0].String(); got != c.Phonemes {
				t.Errorf("phonemes %q, want %q", got, c.Phonemes)
			}
			if got := codepoints(sents[0].String()); !slices.Equal(got, c.Codepoints) {
				t.Errorf("codepoints %v, want %v", got, c.Codepoints)
			}
			missing := map[rune]int{}
			ids := s.Config.IDs(sents[0].Phonemes, missing)
			_, ref := readNPY(t, filepath.Join(dir, "ids.npy"))
			if !slices.Equal(ids, ref) || !slices.Equal(ids, c.IDs) {
				t.Errorf("ids %v\nwant %v", ids, ref)
			}
			if len(missing) != 0 {
				t.Errorf("missing phonemes %v", missing)
			}
		})
	}
}

// TestAudioMatchesPiper runs each noise-off reference through Kino's
// path (text → espeak-ng → ids → ONNX Runtime) and compares every output
// sample with PyTorch's within 1e-4.
func TestAudioMatchesPiper(t *testing.T) {
	const tol = 1e-4
	seen := map[string]map[int]bool{}
	for _, dir := range noiseOffCases(t) {
		c := readCase(t, dir)
		t.Run(c.Case, func(t *testing.T) {
			s := openVoice(t, c.Voice)
			want, _ := readNPY(t, filepath.Join(dir, "audio.npy"))
			if len(want) != c.NumSamples {
				t.Fatalf("reference has %d samples, case.json says %d", len(want), c.NumSamples)
			}
			o := Options{Scales: &Scales{Noise: c.Scales[0], Length: c.Scales[1], NoiseW: c.Scales[2]}}
			if c.SID != nil {
				o.Speaker = *c.SID
			}
			var got []float32
			var gotIDs []int64
			st, err := s.Sentences(context.Background(), c.Text, o, func(a Audio) error {
				got = append(got, a.Samples...)
				gotIDs = a.IDs
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if st.Sentences != 1 || !slices.Equal(gotIDs, c.IDs) {
				t.Fatalf("%d sentences, ids %v; want 1 sentence, ids %v", st.Sentences, gotIDs, c.IDs)
			}
			if len(got) != len(want) {
				t.Fatalf("%d samples, PyTorch made %d (durations are rounded up: compare w_ceil)", len(got), len(want))
			}
			worst, at := 0.0, 0
			for i := range want {
				if d := math.Abs(float64(got[i] - want[i])); d > worst || math.IsNaN(d) {
					worst, at = d, i
				}
			}
			if worst > tol {
				t.Errorf("sample %d differs by %.3g (got %v, PyTorch %v); tolerance %g", at, worst, got[at], want[at], tol)
			}
			t.Logf("%d samples, max |Δ| %.2g", len(got), worst)
			if seen[c.Voice] == nil {
				seen[c.Voice] = map[int]bool{}
			}
			seen[c.Voice][o.Speaker] = true
		})
	}
	if len(seen[voiceDE]) < 1 || len(seen[voiceEN]) < 2 {
		t.Errorf("references covered %v; want the German voice and at least two speakers of the English one", seen)
	}
}
