package foley

import (
	"context"
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
)

// Music bed levels: the bed is normalised to musicRMS, never peaking above
// musicPeak, before ducking.
const (
	musicRMS  = 0.035 // about -29 dBFS
	musicPeak = 0.3
)

// musicBed is the music stem made block by block: the score's notes
// through a ping-pong echo (and, for vintage, a band limit), which
// pre adds; then post brings it to its level (a gain that depends on the
// whole bed, so it is learnt first: see musicLevel) and adds a record's
// surface for vintage.
type musicBed struct {
	n       int
	notes   *cues
	echo    echo
	vintage bool
	band    bandLimit
	vinyl   *vinyl
}

// newMusicBed composes the bed for a plan in a clip of n frames.
func newMusicBed(n int, seed uint64, plan *scene.Plan, style project.Style) *musicBed {
	g := grooveFor(plan.Mood, style)
	r := rng.Derive(seed, "foley/music")
	sc := score(r, g, n)
	var cs []cue
	for i := range sc.notes {
		cs = append(cs, noteCues(&sc.notes[i], &g)...)
	}
	m := &musicBed{n: n, notes: newCues(n, cs), echo: newEcho(int(0.75*sc.beat), 0.3, 0.22), vintage: g.vintage} // a dotted eighth
	if g.vintage {
		m.band = newBandLimit(280, 3200)
		m.vinyl = newVinyl(rng.Derive(seed, "foley/music/vinyl"), n)
	}
	return m
}

// pre adds the bed's frames [at, at+len(out)/2), before its level is set.
func (m *musicBed) pre(out []float32, at int) {
	m.notes.add(out, at)
	m.echo.run(out)
	if m.vintage {
		m.band.run(out)
	}
}

// post sets the level of frames made by pre with the gain learnt from
// the whole bed, and adds the record's surface.
func (m *musicBed) post(out []float32, at int, level musicLevel) {
	level.apply(out)
	if m.vintage {
		m.vinyl.add(out, at)
	}
}

// renderMusic composes and plays the music bed for a plan into out, at
// its level.
func renderMusic(ctx context.Context, out []float32, seed uint64, plan *scene.Plan, style project.Style) error {
	n := len(out) / 2
	m := newMusicBed(n, seed, plan, style)
	var lvl musicLevel
	for at := 0; at < n; at += block {
		if err := ctx.Err(); err != nil {
			return err
		}
		b := out[2*at : 2*min(at+block, n)]
		m.pre(b, at)
		lvl.measure(b)
	}
	for at := 0; at < n; at += block {
		m.post(out[2*at:2*min(at+block, n)], at, lvl)
	}
	return ctx.Err()
}

// echo is a ping-pong delay: each repeat crosses to the other side.
type echo struct {
	bl, br        []float32
	k             int
	feedback, wet float32
}

func newEcho(delay int, feedback, wet float32) echo {
	if delay < 1 {
		return echo{}
	}
	return echo{bl: make([]float32, delay), br: make([]float32, delay), feedback: feedback, wet: wet}
}

// run delays the next frames of the bed, out, in place.
func (e *echo) run(out []float32) {
	delay := len(e.bl)
	if delay < 1 {
		return
	}
	bl, br, k, feedback, wet := e.bl, e.br, e.k, e.feedback, e.wet
	for i := 0; i+1 < len(out); i += 2 {
		xl, xr := out[i], out[i+1]
		yl, yr := bl[k], br[k]
		bl[k] = xl + feedback*yr
		br[k] = xr + feedback*yl
		out[i] = xl + wet*yl
		out[i+1] = xr + wet*yr
		k++
		if k == delay {
			k = 0
		}
	}
	e.k = k
}

// bandLimit makes the bed sound like an old recording: high-passed at lo
// and low-passed at hi Hz.
type bandLimit struct {
	a, b           float32
	hl, hr, tl, tr float32
}

func newBandLimit(lo, hi float64) bandLimit { return bandLimit{a: lpCoef(lo), b: lpCoef(hi)} }

// run filters the next frames of the bed, out, in place.
func (f *bandLimit) run(out []float32) {
	a, b, hl, hr, tl, tr := f.a, f.b, f.hl, f.hr, f.tl, f.tr
	for i := 0; i+1 < len(out); i += 2 {
		hl += a * (out[i] - hl)
		tl += b * (out[i] - hl - tl)
		hr += a * (out[i+1] - hr)
		tr += b * (out[i+1] - hr - tr)
		out[i], out[i+1] = tl, tr
	}
	f.hl, f.hr, f.tl, f.tr = hl, hr, tl, tr
}

// musicLevel learns the gain that brings the whole bed to an RMS of
// musicRMS, but no higher than a peak of musicPeak, from the bed's
// samples in order.
type musicLevel struct {
	sum   float64
	pk    float32
	count int
}

// measure takes the next samples of the bed into account.
func (l *musicLevel) measure(out []float32) {
	for _, x := range out {
		l.sum += float64(x) * float64(x)
	}
	l.pk = max(l.pk, peak(out))
	l.count += len(out)
}

// apply scales samples of the bed by the gain learnt (a silent bed is
// left as it is).
func (l musicLevel) apply(out []float32) {
	if l.sum == 0 || l.pk == 0 {
		return
	}
	g := float32(math.Min(musicRMS/math.Sqrt(l.sum/float64(l.count)), musicPeak/float64(l.pk)))
	for i := range out {
		out[i] *= g
	}
}

// vinyl is a record's crackle and surface hiss.
type vinyl struct {
	crackle crackle
	hiss    noise
}

func newVinyl(r *rng.Rand, n int) *vinyl {
	v := &vinyl{crackle: crackle{length: n, perSec: 9, fc: 2500, amp: 0.06, pan: 0, nz: newNoise(r)}}
	v.hiss = newNoise(r)
	v.crackle.begin(n)
	return v
}

// add adds the surface's frames [at, at+len(out)/2) into out.
func (v *vinyl) add(out []float32, at int) {
	v.crackle.play(out, at, at+len(out)/2)
	nz := v.hiss
	for i := range out {
		out[i] += 0.0015 * nz.next()
	}
	v.hiss = nz
}
