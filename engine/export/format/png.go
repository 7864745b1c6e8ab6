package format

import (
	"encoding/binary"
	"hash/crc32"
)

// PNGWithText returns png with tEXt chunks inserted after its IHDR chunk,
// each a keyword and its text, encoded by ToWinAnsi (Latin-1 for the
// characters the two share). A png without an IHDR chunk first is
// returned as it is.
func PNGWithText(png []byte, text [][2]string) []byte {
	const ihdrEnd = 8 + 8 + 13 + 4
	if len(png) < ihdrEnd || string(png[12:16]) != "IHDR" {
		return png
	}
	out := make([]byte, 0, len(png)+256)
	out = append(out, png[:ihdrEnd]...)
	for _, kv := range text {
		key, _ := ToWinAnsi(kv[0])
		val, _ := ToWinAnsi(kv[1])
		body := append(append(append([]byte("tEXt"), key...), 0), val...)
		out = binary.BigEndian.AppendUint32(out, uint32(len(body)-4))
		out = append(out, body...)
		out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	}
	return append(out, png[ihdrEnd:]...)
}
