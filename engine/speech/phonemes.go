package speech

// Clause is one clause of a text as espeak-ng translates it to phonemes:
// the part of the text the translation consumed and its IPA phonemes.
//
// espeak-ng 1.51 reads one character past the end of a clause before it
// decides the clause is over, so Text of every clause but the last ends
// with the first character of the next clause (for "Auf uns, und" the first
// clause's Text is "Auf uns, u"). The clause's terminating punctuation is
// not reported separately; recover it from Text (see ClauseTerminator).
type Clause struct {
	Text     string
	Phonemes string
	// Last is set on the final clause of the text, whose Text has no
	// look-ahead character.
	Last bool
}

// MaxPhonemizeBytes bounds the text Phonemize accepts at once. Callers
// with longer text split it (at sentence ends) first.
const MaxPhonemizeBytes = 1 << 20
