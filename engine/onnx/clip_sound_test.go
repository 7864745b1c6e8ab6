package onnx

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"kino/engine"
	"kino/engine/audio"
)

// streamingFrames is a FrameSource whose sound also streams.
type streamingFrames struct {
	testFrames
	streams int
}

func (f *streamingFrames) SoundStream(ctx context.Context) (audio.Stream, error) {
	f.streams++
	st, _ := f.Soundtrack(ctx)
	return audio.StreamOf(st)
}

// A neural take streams its sound from where its whole sound would come
// from: the refined frames when they can stream it, else the configured
// stream source; it is silent and says why without a source, or when the
// source fails; and a cancelled render is an error, not silence.
func TestClipSoundStream(t *testing.T) {
	ctx := context.Background()
	req := testRequest("tiny-sd", 1)
	marked := func(v float32) *audio.Soundtrack {
		st := silence(req)
		st.Mix.Samples[0] = v
		return st
	}
	read := func(c *clip, ctx context.Context) (*audio.Soundtrack, error) {
		s, err := c.SoundStream(ctx)
		if err != nil {
			return nil, err
		}
		return audio.ReadStream(s)
	}
	streamCalls := 0
	cfg := Config{
		Soundtrack: func(ctx context.Context, req engine.Request) (*audio.Soundtrack, error) { return marked(0.5), nil },
		SoundStream: func(ctx context.Context, req engine.Request) (audio.Stream, error) {
			streamCalls++
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return audio.StreamOf(marked(0.75))
		},
	}

	c := &clip{}
	c.setSound(ctx, cfg, nil, req)
	if st, err := read(c, ctx); err != nil || st.Mix.Samples[0] != 0.75 || streamCalls != 1 {
		t.Fatalf("from the stream source: first sample %v, %d calls, %v", st.Mix.Samples[0], streamCalls, err)
	}
	src := &streamingFrames{testFrames: testFrames{w: 8, h: 8}}
	c = &clip{}
	c.setSound(ctx, cfg, src, req)
	if st, err := read(c, ctx); err != nil || st.Mix.Samples[0] != 0.25 || src.streams != 1 || streamCalls != 1 {
		t.Fatalf("from the refined frames: first sample %v, %d frame streams, %d source streams, %v", st.Mix.Samples[0], src.streams, streamCalls, err)
	}
	c = &clip{}
	c.setSound(ctx, Config{Soundtrack: cfg.Soundtrack}, nil, req)
	if st, err := read(c, ctx); err != nil || st.Mix.Samples[0] != 0.5 {
		t.Fatalf("from a whole source: %v, %v", st, err)
	}
	c = &clip{}
	c.setSound(ctx, Config{}, nil, req)
	if st, err := read(c, ctx); err != nil || st.Mix.Len() != audio.SampleRate || st.Mix.Peak() != 0 || !slices.Contains(st.Missing, noSource) {
		t.Fatalf("without a source: %v, %v", st, err)
	}
	failing := Config{SoundStream: func(ctx context.Context, req engine.Request) (audio.Stream, error) {
		return nil, errors.New("speech engine crashed")
	}, Soundtrack: cfg.Soundtrack}
	c = &clip{}
	c.setSound(ctx, failing, nil, req)
	st, err := read(c, ctx)
	if err != nil || st.Mix.Peak() != 0 || len(st.Missing) != 1 || !strings.Contains(st.Missing[0], "speech engine crashed") {
		t.Fatalf("a failing source: %v, %v", st, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	c = &clip{}
	c.setSound(ctx, cfg, nil, req)
	if _, err := c.SoundStream(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled stream gave %v, want context.Canceled", err)
	}
}
