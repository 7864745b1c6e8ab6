package export

import (
	"testing"

	"kino/project"
)

// TestSceneHeadingsForHandWrittenPrompts: a prompt typed by hand gets the
// scene heading the engine reads in it, for the script's reader.
func TestSceneHeadingsForHandWrittenPrompts(t *testing.T) {
	for prompt, want := range map[string]string{
		"me on the beach at sunset with a glass of champagne": "EXT. BEACH - GOLDEN HOUR",
		"a city street at night in the rain":                  "EXT. CITY STREET - NIGHT",
		"Ich, am Strand bei Sonnenuntergang":                  "EXT. STRAND - GOLDEN HOUR",
		"two friends laughing in the kitchen":                 "INT. KITCHEN",
		"a cat":                                               "",
	} {
		if got := sceneHeading(&project.Shot{Prompt: prompt}); got != want {
			t.Errorf("%q: heading %q, want %q", prompt, got, want)
		}
	}
}
