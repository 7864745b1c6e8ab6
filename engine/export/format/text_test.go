package format

import (
	"strings"
	"testing"
)

func TestToWinAnsi(t *testing.T) {
	for in, want := range map[string]string{
		"plain (text)":        "plain (text)",
		"für Zoë":             "f\xFCr Zo\xEB",
		"€5 “quoted” — ok…":   "\x805 \x93quoted\x94 \x97 ok\x85",
		"Łódź Straße":         "L\xF3dz Stra\xDFe",
		"Œuvre Ĳssel ŉ":       "\x8Cuvre IJssel 'n",
		"東京 🎆":                "?? ?",
		"tab\there\nline":     "tab here line",
		"zero\u200bwidth":     "zerowidth",
		"a\u2011b \u2212 c":   "a-b - c",
		"ﬁ":                   "?",
		"\u00a0nbsp":          "\xA0nbsp",
		"ğ ş ı İ ř ů ő ű ž š": "g s i I r u o u \x9E \x9A",
	} {
		got, _ := ToWinAnsi(in)
		if string(got) != want {
			t.Errorf("ToWinAnsi(%q) = %q, want %q", in, got, want)
		}
	}
	if _, lossy := ToWinAnsi("für"); lossy {
		t.Error("für reported as lossy")
	}
	if _, lossy := ToWinAnsi("東"); !lossy {
		t.Error("東 not reported as lossy")
	}
}

func TestToASCII(t *testing.T) {
	for in, want := range map[string]string{
		"AI-generated · Kino": "AI-generated · Kino",
		"Champagner für Zoë":  "Champagner fur Zoe",
		"Æsir Þór ß":          "AEsir Thor ss",
		"“hi” — €":            "\"hi\" - EUR",
		"Łódź":                "Lodz",
		"東":                   "?",
	} {
		if got := ToASCII(in); got != want {
			t.Errorf("ToASCII(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLatinExtendedTableCoversItsBlock(t *testing.T) {
	if len(latinExtA) != 0x80 || len(latin1Base) != 0x40 {
		t.Fatalf("tables have %d and %d entries", len(latinExtA), len(latin1Base))
	}
	for r := rune(0x100); r < 0x180; r++ {
		b, _ := ToWinAnsi(string(r))
		if len(b) == 0 || string(b) == "?" {
			t.Errorf("U+%04X folds to %q", r, b)
		}
	}
}

func TestPDFStringEscapes(t *testing.T) {
	got := pdfString([]byte("a(b)c\\d\xFC\n"))
	if want := `(a\(b\)c\\d\374\012)`; got != want {
		t.Fatalf("pdfString = %s, want %s", got, want)
	}
	if got := pdfText("Zoë"); got != "<FEFF005A006F00EB>" {
		t.Fatalf("pdfText = %s", got)
	}
}

// Text wraps at spaces within the width, a word wider than a line (or
// CJK text, which has no spaces) is broken between characters, and an
// ellipsized line fits; for both faces.
func TestWrapText(t *testing.T) {
	faces := []TextFace{&StandardFace{}}
	if ttf, err := NewTTFFace(FontDirs); err != nil {
		t.Fatalf("the storyboard's fonts: %v", err)
	} else {
		faces = append(faces, ttf)
	}
	for _, face := range faces {
		text := "the quick brown fox jumps over the lazy dog Supercalifragilisticexpialidocious 夜の海辺で花火が空を切り裂く"
		lines := WrapText(face, text, 60, 10, false)
		for _, l := range lines {
			if w := face.Width(l, 10, false); w > 60 {
				t.Errorf("%T: line %q is %.1f pt wide", face, l, w)
			}
		}
		if len(lines) < 5 {
			t.Fatalf("%T: lines %q", face, lines)
		}
		// "iii" is narrower than "WWW" in a proportional font.
		if face.Width("iii", 10, false) >= face.Width("WWW", 10, false) {
			t.Errorf("%T: widths are not proportional", face)
		}
		e := EllipsizeText(face, "a long line of text", 30, 10, false)
		if face.Width(e, 10, false) > 30 || !strings.HasSuffix(e, "…") {
			t.Errorf("%T: ellipsize gave %q", face, e)
		}
	}
}
