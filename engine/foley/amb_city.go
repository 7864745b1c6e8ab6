package foley

import (
	"context"

	"kino/engine/rng"
)

// pass is a car driving past: tyre and engine noise through a band-pass
// whose centre falls as it goes by (Doppler), panning across, loudest in
// the middle.
type pass struct {
	at, length int
	fc, amp    float64
	dir        float64 // +1 left to right, -1 right to left
	nz         noise
}

func (p *pass) render(out []float32) {
	n := len(out) / 2
	var f svf
	const q = 1.2
	for j0 := 0; j0 < p.length; j0 += ctrl {
		i0 := p.at + j0
		if i0 >= n {
			return
		}
		u := float64(j0) / float64(p.length)
		fc := p.fc * (1.15 - 0.35*smoothstep((u-0.35)/0.3))
		f.tune(fc, q)
		bell := smoothstep(u * 2)
		if u > 0.5 {
			bell = smoothstep((1 - u) * 2)
		}
		gl, gr := pan(p.dir * (2*u - 1) * 0.9)
		g := float32(p.amp*bell*bell) * bpComp(fc, q) * f.k
		gl, gr = gl*g, gr*g
		for j := j0; j < min(j0+ctrl, p.length); j++ {
			_, b := f.step(p.nz.next())
			i := p.at + j
			if i < 0 || i >= n {
				continue
			}
			out[2*i] += gl * b
			out[2*i+1] += gr * b
		}
	}
}

// traffic is a city's rumble (low-passed noise) with cars passing by.
func traffic(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		n := len(out) / 2
		a := lpCoef(110)
		g0 := float32(level*0.03) * lp2Comp(a)
		vary := newWander(r, 2, 6)
		nl, nr := newNoise(r), newNoise(r)
		var l1, l2, r1, r2 float32
		for i0 := 0; i0 < n; i0 += ctrl {
			if i0%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			g := g0 * float32(0.6+0.4*vary.next())
			for i := i0; i < min(i0+ctrl, n); i++ {
				l1 += a * (nl.next() - l1)
				l2 += a * (l1 - l2)
				r1 += a * (nr.next() - r1)
				r2 += a * (r1 - r2)
				out[2*i] += g * l2
				out[2*i+1] += g * r2
			}
		}
		dur := float64(n) / sr
		for t := -r.Range(0, 3); t < dur; t += r.Range(1, 4) {
			if err := ctx.Err(); err != nil {
				return err
			}
			dir := 1.0
			if r.Float64() < 0.5 {
				dir = -1
			}
			l := r.Range(2.5, 6)
			p := pass{at: secs(t), length: secs(l), fc: r.Range(450, 900), amp: level * 0.04 * r.Range(0.4, 1), dir: dir, nz: newNoise(r)}
			p.render(out)
		}
		return nil
	}
}

// horns honk now and then: two hollow tones a third apart, sometimes twice.
func horns(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		dur := float64(len(out)/2) / sr
		var ts []tone
		for t := r.Range(0.5, 6); t < dur; t += r.Range(3, 10) {
			f := r.Range(360, 480)
			p := r.Range(-0.9, 0.9)
			amp := level * 0.08 * r.Range(0.4, 1)
			at := t
			for k := 1 + r.Intn(2); k > 0; k-- {
				l := r.Range(0.2, 0.7)
				for _, m := range []float64{1, 1.26} {
					ts = append(ts, tone{at: secs(at), length: secs(l), f0: f * m, f1: f * m, tab: hollow,
						amp: amp, pan: p, env: shape{attack: 0.012, release: 0.04}})
				}
				at += l + r.Range(0.08, 0.2)
			}
		}
		return oneShots(ctx, out, ts)
	}
}

// foghorn sounds in fog by the sea or a harbour city: a long, low, hollow
// note every 10..18 seconds.
func foghorn(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		dur := float64(len(out)/2) / sr
		var ts []tone
		p := r.Range(-0.5, 0.5)
		f := r.Range(105, 150)
		for t := r.Range(0.5, 6); t < dur; t += r.Range(10, 18) {
			ts = append(ts, tone{at: secs(t), length: secs(2.6), f0: f * 1.02, f1: f, glide: 0.3, tab: hollow,
				amp: level * 0.08, pan: p, env: shape{attack: 0.25, release: 0.9}})
		}
		return oneShots(ctx, out, ts)
	}
}
