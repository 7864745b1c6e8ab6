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

// renderMusic composes and plays the music bed for a plan into out.
func renderMusic(ctx context.Context, out []float32, seed uint64, plan *scene.Plan, style project.Style) error {
	n := len(out) / 2
	g := grooveFor(plan.Mood, style)
	r := rng.Derive(seed, "foley/music")
	sc := score(r, g, n)
	notes := sc.notes
	for i := range notes {
		if i%32 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		renderNote(out, &notes[i], &g)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	echo(out, int(0.75*sc.beat), 0.3, 0.22) // a dotted eighth
	if g.vintage {
		bandLimit(out, 280, 3200)
	}
	normalise(out, musicRMS, musicPeak)
	if g.vintage {
		vinyl(rng.Derive(seed, "foley/music/vinyl"), out)
	}
	return ctx.Err()
}

// echo is a ping-pong delay: each repeat crosses to the other side.
func echo(out []float32, delay int, feedback, wet float32) {
	if delay < 1 {
		return
	}
	bl, br := make([]float32, delay), make([]float32, delay)
	k := 0
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
}

// bandLimit makes the bed sound like an old recording: high-passed at lo
// and low-passed at hi Hz.
func bandLimit(out []float32, lo, hi float64) {
	a, b := lpCoef(lo), lpCoef(hi)
	var hl, hr, tl, tr float32
	for i := 0; i+1 < len(out); i += 2 {
		hl += a * (out[i] - hl)
		tl += b * (out[i] - hl - tl)
		hr += a * (out[i+1] - hr)
		tr += b * (out[i+1] - hr - tr)
		out[i], out[i+1] = tl, tr
	}
}

// normalise scales out to an RMS of rms, but no higher than a peak of
// ceiling.
func normalise(out []float32, rms, ceiling float64) {
	var sum float64
	for _, x := range out {
		sum += float64(x) * float64(x)
	}
	pk := peak(out)
	if sum == 0 || pk == 0 {
		return
	}
	g := float32(math.Min(rms/math.Sqrt(sum/float64(len(out))), ceiling/float64(pk)))
	for i := range out {
		out[i] *= g
	}
}

// vinyl adds a record's crackle and surface hiss.
func vinyl(r *rng.Rand, out []float32) {
	n := len(out) / 2
	c := crackle{length: n, perSec: 9, fc: 2500, amp: 0.06, pan: 0, nz: newNoise(r)}
	c.render(out)
	nz := newNoise(r)
	for i := range out {
		out[i] += 0.0015 * nz.next()
	}
}
