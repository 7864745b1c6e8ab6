package render

import (
	"context"
	"errors"
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

// storeStream stores a stream's mix and stems through put as it is read,
// as storeSound stores a whole soundtrack (the same bytes): the five WAV
// files are encoded and stored at once, each through a pipe, so the sound
// is made once and never held whole. A stream that fails, or a store
// that does, stores nothing of the sound.
func storeStream(ctx context.Context, put PutFunc, s audio.Stream) ([]project.MediaRef, error) {
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	n := s.Len()
	outs := make([]*wavOut, 1+len(audio.Stems))
	refs := make([]project.MediaRef, len(outs))
	for i := range outs {
		f, name, role := media.PCM16, "the sound", project.MediaAudio
		if i > 0 {
			stem := audio.Stems[i-1]
			f, name, role = media.Float32, fmt.Sprintf("the %s stem", stem), project.MediaStemPrefix+string(stem)
		}
		refs[i].Role = role
		outs[i] = startWAVOut(ctx, func(err error) { fail(fmt.Errorf("saving %s: %w", name, err)) }, put, n, f)
	}
	var b audio.Block
	var stop error
	for stop == nil {
		if ctx.Err() != nil {
			stop = context.Cause(ctx)
			break
		}
		err := s.Read(&b)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			stop = fmt.Errorf("making the sound: %w", err)
			break
		}
		outs[0].send(b.Mix)
		for i := range b.Stems {
			outs[1+i].send(b.Stems[i])
		}
	}
	for i, o := range outs {
		refs[i].Asset = o.finish(stop)
	}
	if stop == nil && ctx.Err() != nil {
		stop = context.Cause(ctx) // a file failed as it was finished
	}
	if stop != nil {
		return nil, stop
	}
	return refs, nil
}

// wavOut encodes one stored WAV file of a stream on goroutines of its
// own: the encoder, and the put it feeds through a pipe.
type wavOut struct {
	blocks chan []float32
	free   chan []float32
	abort  error
	done   chan project.Asset
}

// wavOutAhead is how many blocks may wait for an encoder.
const wavOutAhead = 4

// errStored ends a pipe whose put has returned.
var errStored = errors.New("the store stopped reading")

// startWAVOut starts storing a WAV file of frames stereo frames in format
// f through put. A failure is handed to fail, which stops the others.
func startWAVOut(ctx context.Context, fail func(error), put PutFunc, frames int64, f media.SampleFormat) *wavOut {
	o := &wavOut{blocks: make(chan []float32, wavOutAhead), free: make(chan []float32, wavOutAhead+2), done: make(chan project.Asset, 1)}
	pr, pw := io.Pipe()
	stored := make(chan project.Asset, 1)
	go func() {
		a, err := put(ctx, pr, "audio/wav")
		if err != nil {
			fail(err)
		}
		pr.CloseWithError(errStored)
		stored <- a
	}()
	go func() {
		ws, err := media.NewWAVStream(pw, 2, audio.SampleRate, frames, media.WAVOptions{Format: f})
		for buf := range o.blocks {
			if err == nil {
				err = ws.Write(buf)
			}
			select {
			case o.free <- buf:
			default:
			}
		}
		if err == nil && o.abort == nil {
			err = ws.Close()
		}
		switch {
		case o.abort != nil:
			pw.CloseWithError(o.abort)
		case err != nil:
			pw.CloseWithError(err)
			if !errors.Is(err, errStored) {
				fail(err)
			}
		default:
			pw.Close()
		}
		o.done <- <-stored
	}()
	return o
}

// send hands the encoder a copy of samples.
func (o *wavOut) send(samples []float32) {
	var buf []float32
	select {
	case buf = <-o.free:
	default:
	}
	o.blocks <- append(buf[:0], samples...)
}

// finish ends the file, or when abort is not nil throws it away (its put
// fails and stores nothing), and returns what was stored.
func (o *wavOut) finish(abort error) project.Asset {
	o.abort = abort
	close(o.blocks)
	return <-o.done
}
