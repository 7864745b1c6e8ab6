package app

import (
	"context"
	"image"
	"testing"

	"kino/engine"
	kwidget "kino/ui/widget"
)

// gatedBackend is previz whose frame 1 waits until release is closed, so
// a test can revoke consent while the take renders (after frame 0's
// preview has shown the cameo).
type gatedBackend struct {
	engine.Backend
	release chan struct{}
	started chan struct{}
}

type gatedClip struct {
	engine.Clip
	b *gatedBackend
}

func (c gatedClip) Frame(i int) (image.Image, error) {
	if i == 1 {
		select {
		case c.b.started <- struct{}{}:
		default:
		}
		<-c.b.release
	}
	return c.Clip.Frame(i)
}

func (b *gatedBackend) Generate(ctx context.Context, req engine.Request, p engine.ProgressFunc) (engine.Clip, error) {
	c, err := b.Backend.Generate(ctx, req, p)
	if err != nil {
		return nil, err
	}
	return gatedClip{c, b}, nil
}

func TestStudioHidesPreviewsOfARevokedCameo(t *testing.T) {
	pv, err := backendNamed("previz")
	if err != nil {
		t.Fatal(err)
	}
	gb := &gatedBackend{Backend: pv, release: make(chan struct{}), started: make(chan struct{}, 1)}
	h := newStudioHarnessWith(t, studioOptions{NoAudio: true, Backend: gb}, "@sam on the beach at sunset")
	sam := h.addCameo("@sam", "Sam")
	h.s.SelectShot(1)
	h.settle("selecting", func() bool { return true })
	h.s.Inspector().OnCast(sam)
	h.settle("casting", func() bool { return h.shots()[0].IsCast("@sam") })
	h.s.GenerateSelected()
	<-gb.started
	h.settle("preview", func() bool { return h.s.Timeline().Cards()[0].Thumb != nil })
	h.s.RevokeCameo("@sam")
	h.settle("revoking", func() bool { return true })
	close(gb.release)
	h.settle("finishing", func() bool {
		return len(h.takes(h.shots()[0].ID)) == 1 && h.s.Timeline().Cards()[0].State == kwidget.CardWithheld
	})
	card := h.s.Timeline().Cards()[0]
	if card.Thumb != nil {
		t.Errorf("withheld card still shows a picture (the last render preview of @sam)")
	}
	if h.s.Player().ShowingPicture() {
		t.Errorf("player shows a picture for a withheld shot")
	}
}
