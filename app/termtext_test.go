package app

import (
	"encoding/json"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTermTextEscapesControlsAndBidi(t *testing.T) {
	for in, want := range map[string]string{
		"plain Ärger 🌅":                            "plain Ärger 🌅",
		"\x1b]0;pwned\x07title":                    `\x1b]0;pwned\x07title`,
		"a\u202eevil\u2066b\u200f":                 `a\u202eevil\u2066b\u200f`,
		"line\nbreak\ttab\rcr\x7f":                 `line\x0abreak\x09tab\x0dcr\x7f`,
		"c1 \u009b31m":                             `c1 \u009b31m`,
		"bad \xff utf8":                            `bad \xff utf8`,
		strings.Repeat("x", 100):                   strings.Repeat("x", 80) + "…",
		strings.Repeat("ü", 100):                   strings.Repeat("ü", 80) + "…",
		strings.Repeat("\x1b", 100):                strings.Repeat(`\x1b`, 80) + "…",
		"exactly eighty" + strings.Repeat(".", 66): "exactly eighty" + strings.Repeat(".", 66),
	} {
		if got := termText(in, 80); got != want {
			t.Errorf("termText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := termLines("one\x1b[2J\ntwo\tcols", 80); got != "one\\x1b[2J\ntwo\tcols" {
		t.Errorf("termLines = %q", got)
	}
	huge := strings.Repeat("n", 50<<20)
	if got := termText(huge, 80); len(got) > 90*4 {
		t.Errorf("a 50 MB field printed as %d bytes", len(got))
	}
}

func TestHostileTextIsEscapedOnTerminalsAndExactInJSON(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film)
	prompt := "beach \x1b]0;owned\x07 at \u202edusk\x1b[2J" + strings.Repeat(" long", 100)
	out := mustKino(t, "shot", "add", film, prompt)
	for _, o := range []string{out, mustKino(t, "shot", "list", film)} {
		if strings.ContainsAny(o, "\x1b\x07\u202e") {
			t.Fatalf("raw control characters printed: %q", o)
		}
		if !strings.Contains(o, `\x1b]0;owned\x07`) || !strings.Contains(o, `\u202edusk`) {
			t.Fatalf("escapes missing: %q", o)
		}
		for _, line := range strings.Split(strings.TrimSpace(o), "\n") {
			if len([]rune(line)) > 200 {
				t.Fatalf("a long prompt printed whole: %d characters", len([]rune(line)))
			}
		}
	}
	var shots []struct {
		Prompt string `json:"prompt"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "shot", "list", film, "--json")), &shots); err != nil || len(shots) != 1 || shots[0].Prompt != prompt {
		t.Fatalf("JSON prompt %q, %v; want it exact", shots[0].Prompt, err)
	}
	// A cameo name with a terminal title sequence, and an error message
	// quoting hostile input.
	img := writePNG(t, filepath.Join(t.TempDir(), "ana.png"), 32, 32, color.NRGBA{R: 200, G: 40, B: 40, A: 255})
	out = mustKino(t, "cameo", "add", "--name", "Ana\x1b]0;x\x07", "--handle", "@ana", "--image", img)
	list := mustKino(t, "cameo", "list")
	if strings.Contains(out+list, "\x1b") || !strings.Contains(list, `Ana\x1b]0;x\x07`) {
		t.Fatalf("cameo output %q %q", out, list)
	}
	_, errs, _ := kino(t, "shot", "edit", film, "1", "--camera-move", "\x1b[31mred")
	if strings.Contains(errs, "\x1b") {
		t.Fatalf("error printed raw: %q", errs)
	}
	os.Remove(img)
}

func TestSmallerCommandLineMistakes(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film)
	for _, p := range []string{"one", "two", "three"} {
		mustKino(t, "shot", "add", film, p, "--duration", "1s")
	}
	img := writePNG(t, filepath.Join(dir, "ana.png"), 32, 32, color.NRGBA{R: 200, A: 255})
	today := time.Now().UTC().Format("2006-01-02")
	if out := mustKino(t, "cameo", "add", "--name", "Ana", "--handle", "@ana", "--image", img, "--expires", today); !strings.Contains(out, "until "+today) {
		t.Fatalf("cameo expiring today: %q", out)
	}
	mustKino(t, "cast", film, "1", "@ana") // consent valid today
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"shot", "move", film, "1", "99"}, "from 1 to 3"},
		{[]string{"shot", "move", film, "1", "0"}, "TO must be"},
		{[]string{"shot", "add", film, "x", "--at", "0"}, "from 1 to 4"},
		{[]string{"shot", "add", film, "x", "--at", "-1"}, "from 1 to 4"},
		{[]string{"shot", "add", film, "x", "--at", "9"}, "from 1 to 4"},
		{[]string{"shot", "add", film, "x", "--duration", "-5"}, "duration"},
		{[]string{"shot", "add", film, "x", "--duration", "abc"}, "duration"},
		{[]string{"shot", "edit", film, "1", "--duration", "0f"}, "duration"},
		{[]string{"shot", "edit", film, "1", "--camera-move", "sideways"}, "sideways"},
		{[]string{"export", film, "--out", filepath.Join(dir, "a.wav"), "--shot", "0"}, "--shot"},
		{[]string{"export", film, "--out", filepath.Join(dir, "a.wav"), "--shot", "-2"}, "--shot"},
		{[]string{"export", film, "--out", filepath.Join(dir, "a.mp4"), "--resolution", "999x"}, "--resolution"},
		{[]string{"cameo", "add", "--name", "Bo", "--handle", "@bo", "--image", img, "--pitch", "500"}, "pitch"},
		{[]string{"cameo", "add", "--name", "Bo", "--handle", "@bo", "--image", img, "--expires", "2001-01-01"}, "expires"},
		{[]string{"shot", "add", film, "--duration", "99999999999:00:00:00"}, "longer than"},
		{[]string{"shot", "add", film, strings.Repeat("wörter ", 3000)}, "limit is 20000"},
		{[]string{"shot", "add", film, "binary \xff\xfe prompt"}, "UTF-8"},
	} {
		_, errs, code := kino(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("kino %s: exit %d, %q; want exit 2 mentioning %q", strings.Join(c.args[1:], " "), code, errs, c.want)
		}
	}
	if out := mustKino(t, "shot", "list", film); !strings.Contains(out, "  1  ") || strings.Count(out, "\n") != 3 {
		t.Fatalf("refused commands changed the timeline:\n%s", out)
	}
	out := mustKino(t, "shot", "move", film, "1", "3")
	if !strings.Contains(out, "to position 3") {
		t.Fatalf("move: %q", out)
	}
}
