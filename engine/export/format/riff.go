package format

import (
	"math"

	"kino/engine/media"
)

// The AVI's 16-bit sound is quantised as media.WriteWAV does:
// round(s * 32768), clamped, so media.ReadWAV reads it back within half a
// step. (The WAV files themselves are written by media.WAVStream.)

// RIFFInfo is the text of a RIFF LIST/INFO chunk, as AVI (and WAV) files
// carry it.
type RIFFInfo struct {
	Title    string // INAM
	Comment  string // ICMT
	Software string // ISFT
	Date     string // ICRD, "2006-01-02"
}

// Chunk returns the body of the LIST chunk ("INFO" and its tags), or nil
// when every field is empty.
func (in RIFFInfo) Chunk() []byte {
	return media.RIFFInfo([][2]string{{"INAM", in.Title}, {"ICMT", in.Comment}, {"ISFT", in.Software}, {"ICRD", in.Date}})
}

// AVI sound: 16-bit stereo 48 kHz PCM.
const (
	wavChannels = 2
	wavRate     = 48000
	wavBlock    = 2 * wavChannels
)

// AppendPCM16 appends s as little-endian 16-bit samples, the AVI's sound.
func AppendPCM16(b []byte, s []float32) []byte {
	for _, v := range s {
		q := pcm16(v)
		b = append(b, byte(q), byte(q>>8))
	}
	return b
}

// pcm16 quantises v to a 16-bit code: round(v * 32768), clamped; NaN is 0.
func pcm16(v float32) int16 {
	x := float64(v) * 32768
	switch {
	case x != x:
		return 0
	case x >= 32767:
		return 32767
	case x <= -32768:
		return -32768
	}
	return int16(math.RoundToEven(x))
}
