//go:build !cgo || nospeech

package speech

import (
	"context"
	"errors"
	"testing"
)

func TestUnavailableWithoutEspeak(t *testing.T) {
	err := Available()
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Available() = %v, want an error wrapping ErrUnavailable", err)
	}
	if msg := err.Error(); len(msg) < len(ErrUnavailable.Error())+20 {
		t.Errorf("Available() error %q does not explain why", msg)
	}
	pcm, err := Synthesize(context.Background(), "Hello, this is Kino.", Voice{})
	if !errors.Is(err, ErrUnavailable) || pcm != nil {
		t.Errorf("Synthesize = %d samples, %v; want ErrUnavailable", len(pcm), err)
	}
	if _, err := Voices(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Voices() = %v, want ErrUnavailable", err)
	}
	if _, err := Variants(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Variants() = %v, want ErrUnavailable", err)
	}
	if _, err := NativeRate(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("NativeRate() = %v, want ErrUnavailable", err)
	}
}

func TestFallbackStillChecksInput(t *testing.T) {
	ctx := context.Background()
	if _, err := Synthesize(ctx, "", Voice{}); !errors.Is(err, ErrEmptyText) {
		t.Errorf("empty line: got %v, want ErrEmptyText", err)
	}
	if _, err := Synthesize(ctx, "hi", Voice{Rate: 1000}); !errors.Is(err, ErrInvalidVoice) {
		t.Errorf("bad rate: got %v, want ErrInvalidVoice", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Synthesize(cancelled, "hi", Voice{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v, want context.Canceled", err)
	}
}
