package tokenizer

// byteSymbols lists the byte values in the order CLIP's bytes_to_unicode
// yields them: the printable ranges '!'..'~', '¡'..'¬' and '®'..'ÿ' first,
// then every other byte. Token ids 0..255 (and 256..511 with "</w>") follow
// this order.
var byteSymbols [256]byte

// byteRune maps a byte to the printable rune that stands for it in the
// vocabulary. Printable bytes map to themselves; the others map to 256+n.
var byteRune [256]rune

// runeByte is the inverse of byteRune.
var runeByte = make(map[rune]byte, 256)

func init() {
	printable := func(b int) bool {
		return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)
	}
	i := 0
	for b := 0; b < 256; b++ {
		if printable(b) {
			byteSymbols[i] = byte(b)
			byteRune[b] = rune(b)
			i++
		}
	}
	n := 0
	for b := 0; b < 256; b++ {
		if !printable(b) {
			byteSymbols[i] = byte(b)
			byteRune[b] = rune(256 + n)
			i++
			n++
		}
	}
	for b := 0; b < 256; b++ {
		runeByte[byteRune[b]] = byte(b)
	}
}
