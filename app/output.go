package app

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"io"
)

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// newSeed draws a fresh random seed for a new shot or take.
func newSeed() uint64 {
	var b [8]byte
	rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:]) & (1<<53 - 1) // exact in JSON readers that use float64
}
