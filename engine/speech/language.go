package speech

import (
	"strings"
	"unicode"
)

// Writing systems LineScript tells apart.
const (
	ScriptLatin      = "Latin"
	ScriptCyrillic   = "Cyrillic"
	ScriptGreek      = "Greek"
	ScriptArabic     = "Arabic"
	ScriptHebrew     = "Hebrew"
	ScriptDevanagari = "Devanagari"
	ScriptHan        = "Han"
	ScriptJapanese   = "Japanese"
	ScriptHangul     = "Hangul"
	ScriptThai       = "Thai"
)

var scriptTables = []struct {
	name  string
	table *unicode.RangeTable
}{
	{ScriptLatin, unicode.Latin},
	{ScriptCyrillic, unicode.Cyrillic},
	{ScriptGreek, unicode.Greek},
	{ScriptArabic, unicode.Arabic},
	{ScriptHebrew, unicode.Hebrew},
	{ScriptDevanagari, unicode.Devanagari},
	{ScriptJapanese, unicode.Hiragana},
	{ScriptJapanese, unicode.Katakana},
	{ScriptHan, unicode.Han},
	{ScriptHangul, unicode.Hangul},
	{ScriptThai, unicode.Thai},
}

// LineScript returns the writing system most of text's letters are in
// (kana anywhere makes it Japanese), or "" when it has no letters of a
// known script.
func LineScript(text string) string {
	count := map[string]int{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		for _, s := range scriptTables {
			if unicode.Is(s.table, r) {
				count[s.name]++
				break
			}
		}
	}
	if count[ScriptJapanese] > 0 {
		return ScriptJapanese
	}
	best, n := "", 0
	for _, s := range scriptTables {
		if c := count[s.name]; c > n {
			best, n = s.name, c
		}
	}
	return best
}

// languageScripts maps languages not written in Latin letters to their
// script.
var languageScripts = map[string]string{
	"ru": ScriptCyrillic, "uk": ScriptCyrillic, "bg": ScriptCyrillic, "sr": ScriptCyrillic, "mk": ScriptCyrillic,
	"be": ScriptCyrillic, "kk": ScriptCyrillic, "ky": ScriptCyrillic, "tt": ScriptCyrillic, "ba": ScriptCyrillic, "cv": ScriptCyrillic,
	"el": ScriptGreek, "grc": ScriptGreek,
	"ar": ScriptArabic, "fa": ScriptArabic, "ur": ScriptArabic, "sd": ScriptArabic, "ug": ScriptArabic,
	"he": ScriptHebrew,
	"hi": ScriptDevanagari, "mr": ScriptDevanagari, "ne": ScriptDevanagari, "kok": ScriptDevanagari,
	"zh": ScriptHan, "cmn": ScriptHan, "yue": ScriptHan, "hak": ScriptHan,
	"ja": ScriptJapanese, "ko": ScriptHangul, "th": ScriptThai,
}

// ScriptOf returns the writing system a language (family) is written in.
func ScriptOf(lang string) string {
	if s, ok := languageScripts[Family(lang)]; ok {
		return s
	}
	return ScriptLatin
}

// scriptLanguage is the espeak-ng language to speak a script in when
// nothing better is known.
var scriptLanguage = map[string]string{
	ScriptLatin: "en", ScriptCyrillic: "ru", ScriptGreek: "el", ScriptArabic: "ar", ScriptHebrew: "he",
	ScriptDevanagari: "hi", ScriptHan: "cmn", ScriptJapanese: "ja", ScriptHangul: "ko", ScriptThai: "th",
}

// stopWords are frequent function words that mark a language. A word
// listed for several languages counts for each.
var stopWords = map[string][]string{
	"en": strings.Fields("the and is are you i we to of it that this what with how there here my your have was not be do me for on at hello yes they our will can just"),
	"de": strings.Fields("der die das und ist ich nicht wir du ein eine auf uns mit sie es zu den dem auch wie was hier mein dein ja bin sind hallo danke schön noch aber wo"),
	"fr": strings.Fields("le la les et est je tu nous vous une des du pas que qui dans sur avec pour c'est oui bonjour merci ce mon ma très"),
	"es": strings.Fields("el los las y es yo tú nosotros una del que con por para sí hola gracias está muy pero mi tu qué dónde"),
	"it": strings.Fields("il lo gli e è io noi voi una del che non con per sono ciao grazie questo molto mio come dove"),
	"nl": strings.Fields("de het een en is ik jij wij niet op met voor van dat dit dank ben zijn mijn hoe waar"),
	"pt": strings.Fields("o os as e é eu nós você uma do da que não com para obrigado olá muito meu como onde"),
}

var stopIndex = func() map[string][]string {
	m := map[string][]string{}
	for lang, words := range stopWords {
		for _, w := range words {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// LineLanguage guesses the language of a dialogue line written in Latin
// letters from its function words (English, German, French, Spanish,
// Italian, Dutch, Portuguese), or from a script only one language uses
// (Greek, Hebrew, Japanese, Korean, Thai). It returns "" when it cannot
// tell with confidence: at least two marker words, twice as many as any
// other language's.
func LineLanguage(text string) string {
	switch s := LineScript(text); s {
	case ScriptGreek, ScriptHebrew, ScriptJapanese, ScriptHangul, ScriptThai:
		return scriptLanguage[s]
	case ScriptLatin:
	default:
		return ""
	}
	score := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		for _, lang := range stopIndex[w] {
			score[lang]++
		}
	}
	best, n, second := "", 0, 0
	for lang, c := range score {
		switch {
		case c > n || c == n && lang < best:
			second = max(second, n)
			best, n = lang, c
		case c > second:
			second = c
		}
	}
	if n >= 2 && n >= 2*second {
		return best
	}
	return ""
}

// languageNames are English names for notes.
var languageNames = map[string]string{
	"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
	"pt": "Portuguese", "ru": "Russian", "uk": "Ukrainian", "el": "Greek", "ar": "Arabic", "he": "Hebrew",
	"hi": "Hindi", "cmn": "Chinese", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "th": "Thai",
	"pl": "Polish", "cs": "Czech", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "tr": "Turkish",
}

// LanguageName names a language family for a person ("de" → "German").
func LanguageName(lang string) string {
	f := Family(lang)
	if n, ok := languageNames[f]; ok {
		return n
	}
	return f
}
