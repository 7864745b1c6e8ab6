package previz

import (
	"bytes"
	"context"
	"image"
	"testing"

	"kino/engine"
	"kino/project"
)

// TestDialogueDrivesTheMouth generates a close-up of a cameo speaking a
// line and the same shot without the line: while the line plays the two
// differ, and only around the head.
func TestDialogueDrivesTheMouth(t *testing.T) {
	gen := func(lines []engine.Line) *clip {
		req := engine.DefaultRequest()
		req.Prompt = "me in a cafe, close-up"
		req.Width, req.Height = 320, 180
		req.Duration = project.Seconds(3, project.DefaultRate)
		req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", IsSelf: true, Image: magentaFigure(200, 400)}}
		req.Dialogue = lines
		c, err := New().Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		return c.(*clip)
	}
	talk := gen([]engine.Line{{Speaker: "@ana", Text: "Hello there, how are you doing today?", Start: project.Frames(6, project.DefaultRate)}})
	if len(talk.dlg.Missing) > 0 {
		t.Fatalf("the line could not be spoken (is libespeak-ng installed? `make deps` installs it): %v", talk.dlg.Missing)
	}
	env := talk.dlg.Envelope["@ana"]
	loud := -1
	for i, v := range env {
		if v > 0.4 {
			loud = i
			break
		}
	}
	if loud < 0 {
		t.Fatalf("the spoken line has no loud frame; envelope %v", env)
	}
	quiet := gen(nil)
	a, _ := talk.Frame(loud)
	b, _ := quiet.Frame(loud)
	pa, pb := a.(*image.RGBA), b.(*image.RGBA)
	if bytes.Equal(pa.Pix, pb.Pix) {
		t.Fatal("speaking did not change the picture")
	}
	// Before the line starts the two clips are the same.
	a0, _ := talk.Frame(2)
	b0, _ := quiet.Frame(2)
	if !bytes.Equal(a0.(*image.RGBA).Pix, b0.(*image.RGBA).Pix) {
		t.Error("the clips differ before the line starts")
	}
	// The changes are in the upper part of the frame, where the head is.
	low := 0
	for y := talk.st.h * 3 / 4; y < talk.st.h; y++ {
		for x := 0; x < talk.st.w; x++ {
			if pa.RGBAAt(x, y) != pb.RGBAAt(x, y) {
				low++
			}
		}
	}
	if low > 0 {
		t.Errorf("speaking changed %d pixels in the bottom quarter, far from the head", low)
	}
}
