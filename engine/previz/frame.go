package previz

import (
	"image"
	"math"
	"sync"
	"sync/atomic"

	"kino/engine/previz/raster"
	"kino/engine/scene"
)

// frameState is one frame's worked-out data, shared read-only by the
// bands that draw it: the camera, the ground's row mapping, each ridge's
// outline by column, and the display lists. It is pooled per clip, so a
// frame allocates nothing once the pool is warm.
type frameState struct {
	st *stage
	i  int
	t  float64
	v  view
	xf [nLayers]xform

	hzRow  float64 // the horizon's screen row
	rowD   []float32
	rowS   []float32
	rowDx  []float32
	tops   [][]int32 // per ridge, per column: top row in 8.8 fixed point
	aux    [][]int32 // per ridge, per column: snowline row or window key
	shore  []int32   // beach: shoreline row per column (8.8)
	col    []uint8   // per column: sun glitter (beach) or light rays (underwater)
	fogCol []uint8   // per column fog density variation
	wallC  []uint8   // per column: the wall dressing's joints and shades (walls.go)
	wallF  []float32 // per column: a cave's rock shade and stalactite length, a window view's hill line
	flash  float64
	// groundY is the ground's row under the thing being drawn (below it
	// when it flies): where a helicopter's searchlight lands.
	groundY float64

	back, front, grnd, subj, fore raster.OpList
	bloom                         [][]int32 // per band scratch rows
}

func (st *stage) newFrameState() any {
	fs := &frameState{st: st}
	fs.rowD = make([]float32, st.h)
	fs.rowS = make([]float32, st.h)
	fs.rowDx = make([]float32, st.h)
	fs.tops = make([][]int32, len(st.ridges))
	fs.aux = make([][]int32, len(st.ridges))
	for i := range st.ridges {
		fs.tops[i] = make([]int32, st.w)
		fs.aux[i] = make([]int32, st.w)
	}
	fs.shore = make([]int32, st.w)
	fs.col = make([]uint8, st.w)
	fs.fogCol = make([]uint8, st.w)
	fs.wallC = make([]uint8, st.w)
	fs.wallF = make([]float32, 2*st.w)
	for _, l := range []*raster.OpList{&fs.back, &fs.front, &fs.grnd, &fs.subj, &fs.fore} {
		l.Outline, l.Ink = st.outline, st.ink
	}
	fs.back.Outline, fs.front.Outline, fs.fore.Outline = 0, 0, 0
	return fs
}

// groundXf is the transform of the ground at depth fraction d (0 at the
// horizon, 1 at the main subject's feet, more nearer the camera).
func (fs *frameState) groundXf(d float64) xform {
	if d <= 1 {
		return lerpXf(fs.xf[lFar], fs.xf[lSubj], math.Max(d, 0))
	}
	return lerpXf(fs.xf[lSubj], fs.xf[lFore], math.Min(d-1, 1))
}

// rowOf returns the screen row of ground depth d.
func (fs *frameState) rowOf(d float64) float64 {
	x := fs.groundXf(d)
	_, y := fs.st.toScreen(x, 0, fs.st.hzL+(fs.st.refL-fs.st.hzL)*d)
	return y
}

// place returns where a ground thing at (x, z) stands on screen: its feet
// and its scale in pixels per person height. air lifts it (person heights).
func (fs *frameState) place(x, z, air float64, wrap bool) (sx, sy, ph float64) {
	st := fs.st
	d := 1 / z
	xf := fs.groundXf(d)
	span := st.refL - st.hzL
	lx := x * d
	ly := st.hzL + span*d
	ph = st.frame.k * span * d * xf.s * float64(st.h)
	ly -= air * st.frame.k * span * d
	if wrap {
		p := wrapSpan
		sxl := lx*xf.s + xf.dx
		sxl = math.Mod(sxl+p/2, p)
		if sxl < 0 {
			sxl += p
		}
		sxl -= p / 2
		lx = (sxl - xf.dx) / xf.s
	}
	sx, sy = st.toScreen(xf, lx, ly)
	return sx, sy, ph
}

// setup works out frame i.
func (fs *frameState) setup(i int) {
	st := fs.st
	fs.i = i
	fs.v = st.viewAt(i)
	fs.t = fs.v.t
	for l := layer(0); l < nLayers; l++ {
		fs.xf[l] = fs.v.xf(l)
	}
	fs.hzRow = fs.rowOf(0)
	fs.groundRows()
	fs.ridgeTops()
	fs.columns()
	if st.back == bWall {
		fs.wallColumns()
	}
	fs.flash = 0
	for k := range st.events {
		e := &st.events[k]
		if e.Kind != scene.EventLightning {
			continue
		}
		if d := i - e.Frame; d >= 0 && d < len(flashCurve) {
			fs.flash = math.Max(fs.flash, flashCurve[d]*raster.Clampf(e.Size, 0.5, 1.5))
		}
	}
	for _, l := range []*raster.OpList{&fs.back, &fs.front, &fs.grnd, &fs.subj, &fs.fore} {
		l.Reset()
	}
	fs.skyOps()
	fs.eventOps()
	fs.thingOps()
	fs.towerOps()
	fs.overlayOps()
	fs.particleOps()
}

// flashCurve is a lightning strike's brightness over the frames after it:
// a double flash that dies away.
var flashCurve = []float64{1, 0.35, 0.8, 0.3, 0.15, 0.07, 0.03}

// groundRows maps every row below the horizon to its ground depth by
// bisection on the (monotonic) depth-to-row function.
func (fs *frameState) groundRows() {
	st := fs.st
	hi := 8.0
	for fs.rowOf(hi) < float64(st.h) && hi < 1e4 {
		hi *= 2
	}
	lo := 0.0
	for y := 0; y < st.h; y++ {
		yc := float64(y) + 0.5
		if yc <= fs.hzRow {
			fs.rowD[y] = -1
			continue
		}
		a, b := lo, hi
		for k := 0; k < 30 && b-a > 1e-5*(1+a); k++ {
			m := (a + b) / 2
			if fs.rowOf(m) < yc {
				a = m
			} else {
				b = m
			}
		}
		d := (a + b) / 2
		lo = a // rows go down, so depth only grows
		x := fs.groundXf(d)
		fs.rowD[y], fs.rowS[y], fs.rowDx[y] = float32(d), float32(x.s), float32(x.dx)
	}
}

// ridgeTops samples every ridge's outline once per column.
func (fs *frameState) ridgeTops() {
	st := fs.st
	h := float64(st.h)
	cx := float64(st.w) / 2
	for k, r := range st.ridges {
		xf := fs.xf[r.layer]
		base := h/2 + (st.hzL*xf.s+xf.dy)*h
		tops, aux := fs.tops[k], fs.aux[k]
		for x := 0; x < st.w; x++ {
			lx := ((float64(x)+0.5-cx)/h - xf.dx) / xf.s
			top := base - r.heightAt(lx)*xf.s*h
			tops[x] = int32(raster.Clampf(top, -1e6, 1e6) * 256)
			switch r.kind {
			case rSnow:
				j := 0.03 * (raster.Tex2(lx*40, 9) - 0.5)
				aux[x] = int32(raster.Clampf(base-(r.snowline+j)*xf.s*h, -1e6, 1e6) * 256)
			case rCity:
				aux[x] = -1
				b := r.buildingAt(lx)
				x0, x1 := float64(r.bx0[b]), float64(r.bx1[b])
				wx := lx - math.Floor(lx/r.period)*r.period
				if wx-x0 < r.cellW*0.5 || x1-wx < r.cellW*0.5 {
					continue
				}
				local := (wx - x0) / r.cellW
				c := math.Floor(local)
				if f := local - c; f > 0.22 && f < 0.74 {
					aux[x] = int32(b)<<16 | int32(c)&0xffff
				}
			}
		}
	}
}

// columns works out the per-column tables: shoreline, sun glitter or
// light rays, fog drift.
func (fs *frameState) columns() {
	st := fs.st
	h := float64(st.h)
	cx := float64(st.w) / 2
	t := fs.t
	switch st.gr.kind {
	case gBeach:
		wob := 1.0
		if st.gr.straight {
			wob = 0
		} else if st.gr.rough > 0 {
			wob = st.gr.rough
		}
		base := st.gr.shore * (1 + 0.06*wob*math.Sin(2*math.Pi*t/6.5+float64(st.seed%7)))
		xf := fs.groundXf(base)
		for x := 0; x < st.w; x++ {
			lx := ((float64(x)+0.5-cx)/h - xf.dx) / xf.s
			wx := lx / base
			d := base * (1 + wob*(0.08*(raster.Tex2(wx*30+st.cloudU0, 17)-0.5)+0.03*math.Sin(wx*3+t*0.8)))
			fs.shore[x] = int32(raster.Clampf(fs.rowOf(d), -1e6, 1e6) * 256)
		}
		fallthrough
	default:
		if (st.pal.sunShow || st.pal.moon) && st.back == bSky {
			sx, _ := st.toScreen(fs.xf[lSky], st.pal.sunX, 0)
			w := 0.1 * h
			for x := 0; x < st.w; x++ {
				d := (float64(x) + 0.5 - sx) / w
				fs.col[x] = uint8(255 * math.Exp(-d*d))
			}
		} else {
			clear(fs.col)
		}
	case gSeabed:
		for x := 0; x < st.w; x++ {
			lx := ((float64(x)+0.5-cx)/h - fs.xf[lSky].dx) / fs.xf[lSky].s
			v := raster.Tex2(lx*22+t*1.5, t*3) + 0.6*raster.Tex2(lx*51-t*2.2, 40+t*2) - 0.9
			fs.col[x] = uint8(255 * raster.Clampf(v*1.6, 0, 1))
		}
	}
	if st.pal.fog > 0 || st.back == bStage {
		for x := 0; x < st.w; x++ {
			lx := (float64(x)+0.5-cx)/h - fs.xf[lMid].dx
			fs.fogCol[x] = uint8(raster.Clampf(150+150*(raster.Tex2(lx*18+t*0.6, 90+t*0.2)-0.5), 0, 255))
		}
	}
}

// active counts frames being rendered at once, so that concurrent frames
// share the cores instead of each splitting into bands.
var active atomic.Int32

// render draws frame i into pix (stride bytes per row).
func (st *stage) render(i int, dst *image.RGBA) {
	fs := st.pool.Get().(*frameState)
	defer st.pool.Put(fs)
	fs.setup(i)
	o := dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y)
	pix := dst.Pix[o:]
	n := active.Add(1)
	defer active.Add(-1)
	bands := max(1, min(st.workers/int(n), st.h/32))
	st.drawBands(fs, pix, dst.Stride, bands)
}

// drawBands splits the frame into n bands drawn concurrently. A pixel's
// value does not depend on n.
func (st *stage) drawBands(fs *frameState, pix []uint8, stride, n int) {
	for len(fs.bloom) < n {
		fs.bloom = append(fs.bloom, make([]int32, st.w*3))
	}
	if n <= 1 {
		fs.drawBand(&raster.Band{Pix: pix, Stride: stride, W: st.w, H: st.h, Y0: 0, Y1: st.h}, fs.bloom[0])
		return
	}
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		b := raster.Band{Pix: pix, Stride: stride, W: st.w, H: st.h, Y0: st.h * k / n, Y1: st.h * (k + 1) / n}
		if k == n-1 {
			fs.drawBand(&b, fs.bloom[k])
			break
		}
		wg.Add(1)
		go func(b raster.Band, scratch []int32) {
			defer wg.Done()
			fs.drawBand(&b, scratch)
		}(b, fs.bloom[k])
	}
	wg.Wait()
}

// drawBand draws every layer of the frame in one band, back to front.
func (fs *frameState) drawBand(b *raster.Band, scratch []int32) {
	fs.drawBackdrop(b)
	fs.back.Draw(b)
	fs.drawClouds(b)
	fs.front.Draw(b)
	fs.drawRidges(b)
	fs.drawGround(b)
	fs.grnd.Draw(b)
	fs.subj.Draw(b)
	fs.fore.Draw(b)
	fs.finish(b, scratch)
}
