package raster

import (
	"image"
	"image/color"
	"math"
	"sort"
)

// Cutout is a cameo's reference image turned into a cut-out character:
// straight-alpha RGBA pixels cropped to the person, plus what the renderer
// needs to know about the figure.
//
// How the person is separated from the picture:
//
//  1. An image with real transparency (at least 0.5% of its pixels below
//     half alpha) is used as it is: its alpha is the mask.
//  2. Otherwise the background is assumed to be plain. Its colour is the
//     per-channel median of the border pixels; the colour-distance
//     threshold adapts to how much the border varies (24 to 90 on a 0-255
//     per-channel scale). A flood fill from every border pixel close to
//     that colour, through 4-connected pixels still within the threshold,
//     marks the background; whatever it cannot reach is the person, so a
//     white shirt on a white background survives when an outline encloses
//     it. Pieces under a fiftieth of the largest piece's size are dropped
//     as specks of noise (a head the background separates from its body
//     stays), the mask is feathered by a 3x3 box blur, and edge
//     pixels are un-mixed from the background colour so no halo remains.
//  3. When that fails (the fill removes almost nothing, as with a busy
//     photo, or almost everything) the character becomes an oval portrait
//     cut from the image's centre, feathered at its edge.
//
// Limits: a gradient, textured or photographed background defeats step 2;
// so does a subject that touches the image border in the background's
// colour (the fill runs into it). Hair and other fine detail come out as
// a soft edge. The figure's pose and proportions are guessed from the
// mask's outline (see analyse).
type Cutout struct {
	W, H   int
	Pix    []uint8 // straight-alpha RGBA, w*h*4
	Method string  // "alpha", "flood" or "oval"

	// Full is set for a whole-body image (at least 1.9 times as tall as
	// wide); otherwise it is a bust (head and shoulders).
	Full bool
	// Neck is the row (fraction of H) where the head ends; HeadX the head
	// centre (fraction of W) and HeadW its width (fraction of w).
	Neck, HeadX, HeadW float64
	// BottomW is the figure's width in its last rows (fraction of w), and
	// cloth their mean colour: a drawn body continues a bust from there.
	BottomW float64
	Cloth   RGB
}

// readNRGBA returns img scaled to fit within maxSide (box filter, at most
// 3x3 samples per pixel) as straight-alpha RGBA, reading the common image
// types without per-pixel interface calls.
func readNRGBA(img image.Image, maxSide int) (int, int, []uint8) {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	w, h := sw, sh
	if long := max(sw, sh); long > maxSide {
		w, h = max(1, sw*maxSide/long), max(1, sh*maxSide/long)
	}
	at := pixelReader(img)
	out := make([]uint8, w*h*4)
	for y := 0; y < h; y++ {
		sy0, sy1 := b.Min.Y+y*sh/h, b.Min.Y+max((y+1)*sh/h, y*sh/h+1)
		ys := sampleSteps(sy0, sy1)
		for x := 0; x < w; x++ {
			sx0, sx1 := b.Min.X+x*sw/w, b.Min.X+max((x+1)*sw/w, x*sw/w+1)
			xs := sampleSteps(sx0, sx1)
			var r, g, bl, a, n uint32
			for _, yy := range ys {
				if yy < 0 {
					continue
				}
				for _, xx := range xs {
					if xx < 0 {
						continue
					}
					pr, pg, pb, pa := at(xx, yy) // premultiplied 8-bit
					r, g, bl, a, n = r+pr, g+pg, bl+pb, a+pa, n+1
				}
			}
			i := (y*w + x) * 4
			if a == 0 {
				continue
			}
			out[i] = uint8(min(255, r*255/a))
			out[i+1] = uint8(min(255, g*255/a))
			out[i+2] = uint8(min(255, bl*255/a))
			out[i+3] = uint8(a / n)
		}
	}
	return w, h, out
}

// sampleSteps picks up to three sample positions in [a, b); unused slots
// are -1.
func sampleSteps(a, b int) [3]int {
	n := b - a
	switch {
	case n <= 1:
		return [3]int{a, -1, -1}
	case n == 2:
		return [3]int{a, a + 1, -1}
	default:
		return [3]int{a + n/6, a + n/2, a + n*5/6}
	}
}

// pixelReader returns a function giving premultiplied 8-bit RGBA at (x, y).
func pixelReader(img image.Image) func(x, y int) (uint32, uint32, uint32, uint32) {
	switch m := img.(type) {
	case *image.NRGBA:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			i := m.PixOffset(x, y)
			a := uint32(m.Pix[i+3])
			return uint32(m.Pix[i]) * a / 255, uint32(m.Pix[i+1]) * a / 255, uint32(m.Pix[i+2]) * a / 255, a
		}
	case *image.RGBA:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			i := m.PixOffset(x, y)
			return uint32(m.Pix[i]), uint32(m.Pix[i+1]), uint32(m.Pix[i+2]), uint32(m.Pix[i+3])
		}
	case *image.YCbCr:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			r, g, b := color.YCbCrToRGB(m.Y[m.YOffset(x, y)], m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)])
			return uint32(r), uint32(g), uint32(b), 255
		}
	case *image.Gray:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			v := uint32(m.Pix[m.PixOffset(x, y)])
			return v, v, v, 255
		}
	default:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			r, g, b, a := img.At(x, y).RGBA()
			return r >> 8, g >> 8, b >> 8, a >> 8
		}
	}
}

// MakeCutout cuts the person out of img, working at most maxSide pixels
// on the long side.
func MakeCutout(img image.Image, maxSide int) *Cutout {
	w, h, pix := readNRGBA(img, max(maxSide, 16))
	n := w * h
	mask := make([]uint8, n)
	clear := 0
	for i := 0; i < n; i++ {
		if pix[i*4+3] < 128 {
			clear++
		}
	}
	method := "alpha"
	if clear*200 >= n {
		for i := 0; i < n; i++ {
			mask[i] = pix[i*4+3]
		}
	} else {
		method = "flood"
		bg, ok := floodBackground(w, h, pix, mask)
		if ok {
			unmix(w, h, pix, mask, bg)
		} else {
			method = "oval"
			ovalMask(w, h, mask)
		}
	}
	for i := 0; i < n; i++ {
		pix[i*4+3] = mask[i]
	}
	c := crop(w, h, pix)
	c.Method = method
	c.analyse()
	return c
}

// floodBackground marks the plain background reachable from the border
// and leaves mask as the person's feathered alpha. It reports false when
// the result is not plausibly a person on a plain background.
func floodBackground(w, h int, pix, mask []uint8) (RGB, bool) {
	n := w * h
	var border []int32
	for x := 0; x < w; x++ {
		border = append(border, int32(x), int32((h-1)*w+x))
	}
	for y := 1; y < h-1; y++ {
		border = append(border, int32(y*w), int32(y*w+w-1))
	}
	ch := make([]int, len(border))
	var bg [3]uint8
	for c := 0; c < 3; c++ {
		for k, i := range border {
			ch[k] = int(pix[int(i)*4+c])
		}
		sort.Ints(ch)
		bg[c] = uint8(ch[len(ch)/2])
	}
	// The background's colour at each row: the one colour of a plain
	// backdrop, or, for a backdrop graded from top to bottom (a studio
	// sweep, a drawn sunset), the colour of its left and right edges in
	// that row. The model that fits the border better is used.
	flat := make([][3]uint8, h)
	for y := range flat {
		flat[y] = bg
	}
	rows := make([][3]uint8, h)
	for y := 0; y < h; y++ {
		l, r := pix[y*w*4:y*w*4+3], pix[(y*w+w-1)*4:(y*w+w-1)*4+3]
		for c := 0; c < 3; c++ {
			rows[y][c] = uint8((int(l[c]) + int(r[c])) / 2)
		}
	}
	model := flat
	distTo := func(m [][3]uint8, i int) int {
		p := pix[i*4 : i*4+3 : i*4+3]
		ref := m[i/w]
		d := 0
		for c := 0; c < 3; c++ {
			v := int(p[c]) - int(ref[c])
			if v < 0 {
				v = -v
			}
			d = max(d, v)
		}
		return d
	}
	median := func(m [][3]uint8) int {
		ds := make([]int, len(border))
		for k, i := range border {
			ds[k] = distTo(m, int(i))
		}
		sort.Ints(ds)
		return ds[len(ds)/2]
	}
	spread := median(flat)
	if rs := median(rows); rs*2 < spread && spread > 8 {
		model, spread = rows, rs
	}
	dist := func(i int) int { return distTo(model, i) }
	thr := min(90, max(24, spread*5/2+24))

	// 1 marks background; the fill runs from close border pixels.
	seen := make([]uint8, n)
	stack := make([]int32, 0, 1024)
	for _, i := range border {
		if seen[i] == 0 && dist(int(i)) < thr {
			seen[i] = 1
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		i := int(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		x, y := i%w, i/w
		for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
			switch {
			case j == i-1 && x == 0, j == i+1 && x == w-1, j < 0, j >= n:
				continue
			}
			_ = y
			if seen[j] == 0 && dist(j) < thr {
				seen[j] = 1
				stack = append(stack, int32(j))
			}
		}
	}
	// Label the 4-connected pieces of what is left; keep every piece at
	// least a fiftieth the size of the largest (a head the background
	// separates from its body stays), and drop specks of noise.
	label := make([]int32, n)
	sizes := []int{0}
	bestSize, total := 0, 0
	for s := 0; s < n; s++ {
		if seen[s] != 0 || label[s] != 0 {
			continue
		}
		id := int32(len(sizes))
		size := 0
		stack = append(stack[:0], int32(s))
		label[s] = id
		for len(stack) > 0 {
			i := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			size++
			x := i % w
			for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
				if (j == i-1 && x == 0) || (j == i+1 && x == w-1) || j < 0 || j >= n {
					continue
				}
				if seen[j] == 0 && label[j] == 0 {
					label[j] = id
					stack = append(stack, int32(j))
				}
			}
		}
		sizes = append(sizes, size)
		bestSize = max(bestSize, size)
	}
	keep := make([]bool, len(sizes))
	for id, size := range sizes {
		if id > 0 && size*50 >= bestSize && size*1000 >= n {
			keep[id] = true
			total += size
		}
	}
	if total*50 < n || total*100 > n*97 {
		return RGB{}, false
	}
	hard := make([]uint8, n)
	for i := range hard {
		if keep[label[i]] {
			hard[i] = 255
		}
	}
	// Feather: 3x3 box blur of the hard mask.
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, c := 0, 0
			for dy := -1; dy <= 1; dy++ {
				yy := y + dy
				if yy < 0 || yy >= h {
					continue
				}
				for dx := -1; dx <= 1; dx++ {
					xx := x + dx
					if xx < 0 || xx >= w {
						continue
					}
					s += int(hard[yy*w+xx])
					c++
				}
			}
			mask[y*w+x] = uint8(s / c)
		}
	}
	// Un-mixing the edge uses the background's mean colour.
	var sum [3]int
	for _, c := range model {
		for k := 0; k < 3; k++ {
			sum[k] += int(c[k])
		}
	}
	return RGB{uint8(sum[0] / h), uint8(sum[1] / h), uint8(sum[2] / h)}, true
}

// unmix removes the background colour from partly transparent edge pixels:
// observed = a*person + (1-a)*background, solved for person.
func unmix(w, h int, pix, mask []uint8, bg RGB) {
	bc := [3]float64{float64(bg.R), float64(bg.G), float64(bg.B)}
	for i := 0; i < w*h; i++ {
		a := float64(mask[i]) / 255
		if a <= 0.1 || a >= 1 {
			continue
		}
		for c := 0; c < 3; c++ {
			v := (float64(pix[i*4+c]) - (1-a)*bc[c]) / a
			pix[i*4+c] = clamp8(v)
		}
	}
}

// ovalMask is the fallback: a feathered oval portrait.
func ovalMask(w, h int, mask []uint8) {
	cx, cy := float64(w)/2, float64(h)/2
	rx, ry := float64(w)*0.42, float64(h)*0.47
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := (float64(x)+0.5-cx)/rx, (float64(y)+0.5-cy)/ry
			d := math.Sqrt(dx*dx + dy*dy)
			mask[y*w+x] = uint8(255 * (1 - Smoothstep(0.93, 1.0, d)))
		}
	}
}

// crop trims fully transparent margins.
func crop(w, h int, pix []uint8) *Cutout {
	x0, y0, x1, y1 := w, h, -1, -1
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if pix[(y*w+x)*4+3] > 8 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return &Cutout{W: 1, H: 1, Pix: make([]uint8, 4)}
	}
	cw, chh := x1-x0+1, y1-y0+1
	out := make([]uint8, cw*chh*4)
	for y := 0; y < chh; y++ {
		copy(out[y*cw*4:(y+1)*cw*4], pix[((y0+y)*w+x0)*4:((y0+y)*w+x1+1)*4])
	}
	return &Cutout{W: cw, H: chh, Pix: out}
}

// analyse guesses the figure's layout from its mask: whole body or bust,
// where the head ends (the narrowest row between the head's widest row and
// the shoulders), the head's centre and width, and the clothes' colour.
func (c *Cutout) analyse() {
	width := make([]float64, c.H)
	meanX := make([]float64, c.H)
	for y := 0; y < c.H; y++ {
		s, sx := 0.0, 0.0
		for x := 0; x < c.W; x++ {
			a := float64(c.Pix[(y*c.W+x)*4+3]) / 255
			s += a
			sx += a * float64(x)
		}
		width[y] = s
		if s > 0 {
			meanX[y] = sx / s
		} else {
			meanX[y] = float64(c.W) / 2
		}
	}
	c.Full = float64(c.H) >= 1.9*float64(c.W)
	if c.Full {
		c.Neck = 0.14
	} else {
		top := int(0.45 * float64(c.H))
		peak := 0
		for y := 0; y < top; y++ {
			if width[y] > width[peak] {
				peak = y
			}
		}
		neck, lo := int(0.55*float64(c.H)), math.Inf(1)
		for y := peak + 1; y < int(0.75*float64(c.H)); y++ {
			if width[y] < lo && width[y] < 0.95*width[peak] {
				lo, neck = width[y], y
			}
		}
		c.Neck = float64(neck) / float64(c.H)
	}
	headRows := max(1, int(c.Neck*float64(c.H)))
	sx, sw, maxW := 0.0, 0.0, 0.0
	for y := 0; y < headRows; y++ {
		sx += meanX[y] * width[y]
		sw += width[y]
		maxW = math.Max(maxW, width[y])
	}
	c.HeadX = 0.5
	if sw > 0 {
		c.HeadX = sx / sw / float64(c.W)
	}
	c.HeadW = maxW / float64(c.W)
	if c.HeadW <= 0 {
		c.HeadW = 0.4
	}
	// Clothes: the bottom tenth of the figure.
	y0 := c.H - max(1, c.H/10)
	var r, g, b, n, bw float64
	for y := y0; y < c.H; y++ {
		bw = math.Max(bw, width[y])
		for x := 0; x < c.W; x++ {
			i := (y*c.W + x) * 4
			if c.Pix[i+3] > 128 {
				r, g, b, n = r+float64(c.Pix[i]), g+float64(c.Pix[i+1]), b+float64(c.Pix[i+2]), n+1
			}
		}
	}
	c.Cloth = RGB{90, 90, 110}
	if n > 0 {
		c.Cloth = RGB{clamp8(r / n), clamp8(g / n), clamp8(b / n)}
	}
	c.BottomW = bw / float64(c.W)
}
