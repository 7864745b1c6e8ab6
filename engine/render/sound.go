package render

import (
	"context"
	"fmt"
	"io"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// Stored sound. A take keeps its mix as a 16-bit 48 kHz stereo WAV (what
// the player and ffmpeg read) and, losslessly, its four stems as 32-bit
// float stereo WAVs, each content-addressed like any other blob (a silent
// stem of a given length is stored once for every take that has one).
// The stems are what the engine made: their plain sum is the mix before it
// was quantised to 16 bits.

// storeSound writes sound's mix and stems through put, each streamed
// into the media store as it is encoded, and returns their media refs.
// A soundtrack without all four stems is stored as its mix alone.
func storeSound(ctx context.Context, put PutFunc, sound *audio.Soundtrack) ([]project.MediaRef, error) {
	mix, err := putWAV(ctx, put, sound.Mix, media.PCM16)
	if err != nil {
		return nil, fmt.Errorf("saving the sound: %w", err)
	}
	refs := []project.MediaRef{{Role: project.MediaAudio, Asset: mix}}
	for _, name := range audio.Stems {
		if _, ok := sound.Stems[name]; !ok {
			return refs, nil
		}
	}
	for _, name := range audio.Stems {
		a, err := putWAV(ctx, put, sound.Stems[name], media.Float32)
		if err != nil {
			return nil, fmt.Errorf("saving the %s stem: %w", name, err)
		}
		refs = append(refs, project.MediaRef{Role: project.MediaStemPrefix + string(name), Asset: a})
	}
	return refs, nil
}

// putWAV streams pcm as a WAV file in format f through put.
func putWAV(ctx context.Context, put PutFunc, pcm audio.PCM, f media.SampleFormat) (project.Asset, error) {
	if pcm.Channels < 1 {
		pcm = audio.PCM{Rate: audio.SampleRate, Channels: 2}
	}
	pr, pw := io.Pipe()
	go func() {
		ws, err := media.NewWAVStream(pw, pcm.Channels, pcm.Rate, int64(pcm.Len()), media.WAVOptions{Format: f})
		const block = 1 << 16
		for s := pcm.Samples[:pcm.Len()*pcm.Channels]; err == nil && len(s) > 0; {
			n := min(len(s), block*pcm.Channels)
			err = ws.Write(s[:n])
			s = s[n:]
		}
		if err == nil {
			err = ws.Close()
		}
		pw.CloseWithError(err)
	}()
	a, err := put(ctx, pr, "audio/wav")
	pr.CloseWithError(err)
	return a, err
}
