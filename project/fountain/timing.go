package fountain

import (
	"strings"
	"unicode"

	"kino/project"
)

// The reading-speed rule that times shots. Times are in milliseconds until
// they are turned into frames at the project's rate.
const (
	// SpeechWordsPerSecond is how fast dialogue is spoken: 2.5 words a
	// second (150 words a minute). A CJK character counts as half a word.
	SpeechWordsPerSecond = 2.5
	// ActionWordsPerSecond is how fast action plays: 3 words of
	// description a second.
	ActionWordsPerSecond = 3.0
	// MinLineMillis is the shortest a line of dialogue lasts.
	MinLineMillis = 1000
	// LineGapMillis is the pause between two lines.
	LineGapMillis = 400
	// LeadMillis is the least time before the first line of a shot, and
	// TailMillis the time after its last line ends.
	LeadMillis = 1000
	TailMillis = 1000
	// MinShotMillis is the shortest shot the breakdown makes.
	MinShotMillis = 2000
)

// words counts the words of text for the reading-speed rule, in halves:
// a word of letters or digits counts 2, a CJK character 1.
func halfWords(text string) int {
	n := 0
	inWord := false
	for _, r := range text {
		switch {
		case isCJK(r):
			n++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				n += 2
			}
			inWord = true
		case r == '\'' || r == '’' || r == '-':
			// inside a word: "don't", "well-known"
		default:
			inWord = false
		}
	}
	return n
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// speechMillis is how long a line takes to say, with its delivery.
func speechMillis(text string, d project.Delivery) int64 {
	ms := int64(float64(halfWords(text)) / 2 / SpeechWordsPerSecond * 1000)
	switch d {
	case project.DeliverySlow:
		ms = ms * 10 / 7
	case project.DeliveryFast:
		ms = ms * 3 / 4
	}
	return max(ms, MinLineMillis)
}

// actionMillis is how long a piece of action plays.
func actionMillis(text string) int64 {
	return int64(float64(halfWords(text)) / 2 / ActionWordsPerSecond * 1000)
}

// toFrames turns milliseconds into frames at rate r, rounded to the
// nearest frame.
func toFrames(ms int64, r project.Rate) int64 {
	return (ms*r.Num + r.Den*500) / (r.Den * 1000)
}

// collapse joins text's words with single spaces.
func collapse(text string) string { return strings.Join(strings.Fields(text), " ") }
