package export

import (
	"bytes"
	"context"
	"fmt"

	"kino/engine/audio"
	"kino/engine/export/format"
	"kino/engine/media"
	"kino/engine/pipeline"
	"kino/project"
)

// MaxAVISize is the largest AVI file Export writes: 1 GiB. A RIFF AVI 1.0
// file (no OpenDML extension) counts its size in 32 bits and its index
// offsets from the movi list, and players handle such files reliably up to
// about this size. A longer film at this quality needs the MP4 path
// (install ffmpeg), a lower quality or a lower resolution.
const MaxAVISize = format.MaxAVISize

// aviSlot is one worker's buffers for the AVI path. Its MJPEG writer
// keeps its JPEG encoder's buffers from frame to frame and writes each
// frame whole into jpeg.
type aviSlot struct {
	*frameSlot
	jpeg bytes.Buffer
	enc  *media.MJPEGWriter
}

// writeAVI encodes t to the output final as an AVI at w x h: frames are
// rendered and JPEG-encoded in parallel and written in order, each followed
// by the sound that plays during it.
func (e *exporter) writeAVI(ctx context.Context, t *Timeline, final string, w, h int, info format.RIFFInfo, step func()) error {
	f, err := e.out.create(final)
	if err != nil {
		return err
	}
	src := newFrameSource(t, w, h, !e.opts.NoWatermark)
	mix := newMixer(t, false)
	if err := mix.normalise(ctx, t); err != nil {
		return err
	}
	frames := src.total()
	av, err := format.NewAVIWriter(f, w, h, t.Rate, frames, mix.total, info)
	if err != nil {
		return err
	}
	quality := e.opts.Quality.preset().jpeg
	var block audio.Block
	var pcm []byte
	err = pipeline.Ordered(ctx, int(frames), e.opts.Workers,
		func() *aviSlot {
			s := &aviSlot{frameSlot: src.newSlot()}
			s.enc = media.NewMJPEGWriter(&s.jpeg, quality)
			return s
		},
		func(i int, s *aviSlot) error {
			if err := src.render(int64(i), s.frameSlot); err != nil {
				return err
			}
			s.jpeg.Reset()
			if err := s.enc.WriteFrame(s.frame); err != nil {
				return fmt.Errorf("frame %d: %w", i, err)
			}
			return nil
		},
		func(i int, s *aviSlot) error {
			// The sound of frame i: samples [S(i), S(i+1)).
			a := project.Frames(int64(i), t.Rate).Samples(audio.SampleRate)
			b := project.Frames(int64(i+1), t.Rate).Samples(audio.SampleRate)
			pcm = pcm[:0]
			if b > a {
				if err := mix.Read(&block, int(b-a)); err != nil {
					return err
				}
				pcm = format.AppendPCM16(pcm, block.Mix)
			}
			if err := av.WriteFrame(s.jpeg.Bytes(), pcm); err != nil {
				return err
			}
			step()
			return nil
		})
	if err != nil {
		return err
	}
	e.notes(mix.Notes()...)
	return av.Close()
}
