package raster

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// gradedPortrait draws a head and shoulders on a backdrop graded from
// violet at the top to orange at the bottom (a drawn sunset, a studio
// sweep): a pale face the backdrop's lower rows come close to.
func gradedPortrait(s int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, s, s))
	for y := 0; y < s; y++ {
		fy := float64(y) / float64(s)
		bg := color.NRGBA{uint8(120 + 130*fy), uint8(60 + 90*fy), uint8(150 - 60*fy), 255}
		for x := 0; x < s; x++ {
			fx := float64(x) / float64(s)
			c := bg
			hx, hy := fx-0.5, fy-0.45
			head := hx*hx/0.05+hy*hy/0.065 <= 1
			switch {
			case fy > 0.78 && math.Abs(fx-0.5) < 0.18+0.5*(fy-0.78):
				c = color.NRGBA{244, 196, 48, 255} // a yellow dress
			case head && fy < 0.33+0.05*math.Cos(hx*18):
				c = color.NRGBA{90, 54, 28, 255} // hair
			case !head && hx*hx/0.07+(hy+0.04)*(hy+0.04)/0.08 <= 1 && fy < 0.62:
				c = color.NRGBA{90, 54, 28, 255}
			case head:
				c = color.NRGBA{241, 194, 154, 255} // skin
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// TestCutoutKeepsTheFaceOnAGradedBackdrop: the backdrop's colour is
// judged row by row, so a face close to the gradient's lower colours is
// not taken for background (which drew a blank figure with no face).
func TestCutoutKeepsTheFaceOnAGradedBackdrop(t *testing.T) {
	const s = 200
	c := MakeCutout(gradedPortrait(s), s)
	if c.Method != "flood" {
		t.Fatalf("method %s; want the flood fill", c.Method)
	}
	// The cut-out is cropped: find the face's centre by its colour.
	skin, kept := 0, 0
	for i := 0; i < c.W*c.H; i++ {
		p := c.Pix[i*4 : i*4+4]
		if math.Abs(float64(p[0])-241) < 20 && math.Abs(float64(p[1])-194) < 20 && math.Abs(float64(p[2])-154) < 20 {
			skin++
			if p[3] > 200 {
				kept++
			}
		}
	}
	if skin < 1000 || kept*10 < skin*9 {
		t.Errorf("%d of %d skin pixels opaque; want the face kept", kept, skin)
	}
	// And the backdrop is gone: the cut-out's corners are clear.
	for _, xy := range [][2]int{{0, 0}, {c.W - 1, 0}} {
		if a := c.Pix[(xy[1]*c.W+xy[0])*4+3]; a > 8 {
			t.Errorf("corner %v alpha %d; want the backdrop removed", xy, a)
		}
	}
}
