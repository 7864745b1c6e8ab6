package export

import (
	"math"

	"kino/engine/media"
)

// The WAV files an export writes are streamed with media.WAVStream: the
// length is known from the timeline before the first sample, so the header
// is written first and the samples follow block by block, and a ten-minute
// film never sits in memory whole. The AVI's 16-bit sound is quantised as
// media.WriteWAV does: round(s * 32768), clamped, so media.ReadWAV reads it
// back within half a step.

// riffInfo is the text of a RIFF LIST/INFO chunk, shared by WAV and AVI.
type riffInfo struct {
	Title    string // INAM
	Comment  string // ICMT
	Software string // ISFT
	Date     string // ICRD, "2006-01-02"
}

// chunk returns the body of the LIST chunk ("INFO" and its tags), or nil
// when every field is empty.
func (in riffInfo) chunk() []byte {
	return media.RIFFInfo([][2]string{{"INAM", in.Title}, {"ICMT", in.Comment}, {"ISFT", in.Software}, {"ICRD", in.Date}})
}

// AVI sound: 16-bit stereo 48 kHz PCM.
const (
	wavChannels = 2
	wavRate     = 48000
	wavBlock    = 2 * wavChannels
)

// appendPCM16 appends s as little-endian 16-bit samples.
func appendPCM16(b []byte, s []float32) []byte {
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
