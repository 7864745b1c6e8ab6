package sqlite

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"kino/project"
)

// prompts people really type: emoji sequences, right-to-left scripts,
// combining marks, CJK, control characters and long texts.
func unicodePrompts() map[string]string {
	tenK := strings.Repeat("🎆 fireworks über dem Hafen, 花火 ", 400)
	tenK = string([]rune(tenK)[:10000])
	return map[string]string{
		"emoji":          "me 👩🏽‍🚀 on the beach 🏖️ with 🥂 while 🎆 cut the sky 🇩🇪👨‍👩‍👧‍👦",
		"rtl":            "أنا على الشاطئ عند الغروب مع كأس من الشمبانيا — אני על החוף בשקיעה",
		"combining":      "e\u0301te\u0301 sur la plage, Tie\u0302\u0301ng Vie\u0323\u0302t, Z\u0351\u0363a\u0310\u036al\u0346g\u0346o",
		"precomposed":    "été sur la plage",
		"cjk":            "私は夕暮れのビーチでシャンパンを持っています。花火が空を切る。",
		"whitespace":     "  leading and trailing spaces  \n\tline two\r\nline three\u00a0\u2028",
		"bidi controls":  "\u202eevil\u202c \u200fRTL mark\u200e \ufeffBOM inside",
		"ten thousand":   tenK,
		"the full limit": strings.Repeat("ж", project.MaxPromptLength),
		"empty":          "",
	}
}

func TestPromptsAreStoredExactly(t *testing.T) {
	p := MustOpenDB(t)
	ids := map[string]int64{}
	for name, text := range unicodePrompts() {
		if !utf8.ValidString(text) {
			t.Fatalf("%s: test prompt is not UTF-8", name)
		}
		s := shotAt24(text)
		s.NegativePrompt = text
		ids[name] = mustApply(t, p, project.AddShot{Shot: s}).ID
	}
	if n := utf8.RuneCountInString(unicodePrompts()["ten thousand"]); n != 10000 {
		t.Fatalf("ten-thousand prompt has %d characters", n)
	}
	// Edit each one through UpdateShot as well, with a dialogue line.
	ana := testCameo(t, p, "@ana")
	for name, text := range unicodePrompts() {
		s := mustShot(t, p, ids[name])
		s.Prompt = edited(text)
		mustApply(t, p, project.UpdateShot{Shot: *s})
		if text != "" && utf8.RuneCountInString(text) < project.MaxDialogueLength {
			mustApply(t, p, project.CastCameo{ShotID: s.ID, Cameo: *ana})
			s = mustShot(t, p, ids[name])
			s.Dialogue = []project.DialogueLine{{Speaker: "@ana", Text: text, Start: project.Frames(0, project.DefaultRate)}}
			if strings.TrimSpace(text) != "" {
				mustApply(t, p, project.UpdateShot{Shot: *s})
			}
		}
	}
	p = mustReopen(t, p)
	for name, text := range unicodePrompts() {
		s := mustShot(t, p, ids[name])
		if !bytes.Equal([]byte(s.Prompt), []byte(edited(text))) {
			t.Errorf("%s: prompt came back as %q", name, short(s.Prompt))
		}
		if !bytes.Equal([]byte(s.NegativePrompt), []byte(text)) {
			t.Errorf("%s: negative prompt came back as %q", name, short(s.NegativePrompt))
		}
		if len(s.Dialogue) == 1 && s.Dialogue[0].Text != text {
			t.Errorf("%s: dialogue came back as %q", name, short(s.Dialogue[0].Text))
		}
	}
	// Undo brings back the exact earlier bytes too.
	pr := mustShot(t, p, ids["combining"])
	pr.Prompt = "plain"
	mustApply(t, p, project.UpdateShot{Shot: *pr})
	mustUndo(t, p)
	if got := mustShot(t, p, ids["combining"]).Prompt; got != edited(unicodePrompts()["combining"]) {
		t.Fatalf("undo gave %q", got)
	}
}

func TestOverlongAndInvalidPromptsAreRefused(t *testing.T) {
	p := MustOpenDB(t)
	_, err := p.Apply(bg, project.AddShot{Shot: shotAt24(strings.Repeat("ж", project.MaxPromptLength+1))})
	wantCode(t, err, project.EINVALID)
	wantMessage(t, err, "limit")
	_, err = p.Apply(bg, project.AddShot{Shot: shotAt24("bad \xff byte")})
	wantCode(t, err, project.EINVALID)
	if shots, _ := p.Shots(bg); len(shots) != 0 {
		t.Fatalf("refused prompts were stored: %d shots", len(shots))
	}
}

// edited changes a prompt while keeping it within the limit.
func edited(text string) string {
	r := []rune(text)
	return string(r[:min(len(r), project.MaxPromptLength-1)]) + "!"
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
