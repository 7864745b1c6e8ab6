package foley

import (
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
	st         passState
}

// play state of a pass.
type passState struct {
	f      svf
	gl, gr float32
	j, j1  int
}

func (p *pass) span() (int, int) { return p.at, p.at + p.length }

// begin readies the pass to play, cut to the clip's n frames.
func (p *pass) begin(n int) bool {
	p.st = passState{j1: min(p.length, n-p.at)}
	return p.st.j1 > 0
}

// play adds the pass's frames before clip frame hi into out, which holds
// clip frames from at on. Its filter and pan move every ctrl frames of
// the pass.
func (p *pass) play(out []float32, at, hi int) bool {
	const q = 1.2
	s := &p.st
	f, gl, gr, nz := s.f, s.gl, s.gr, p.nz
	end := min(s.j1, hi-p.at)
	j := s.j
	for j < end {
		if j%ctrl == 0 {
			u := float64(j) / float64(p.length)
			fc := p.fc * (1.15 - 0.35*smoothstep((u-0.35)/0.3))
			f.tune(fc, q)
			bell := smoothstep(u * 2)
			if u > 0.5 {
				bell = smoothstep((1 - u) * 2)
			}
			gl, gr = pan(p.dir * (2*u - 1) * 0.9)
			g := float32(p.amp*bell*bell) * bpComp(fc, q) * f.k
			gl, gr = gl*g, gr*g
		}
		stop := min((j/ctrl+1)*ctrl, end)
		for ; j < stop; j++ {
			_, b := f.step(nz.next())
			i := p.at + j
			if i < 0 {
				continue
			}
			out[2*(i-at)] += gl * b
			out[2*(i-at)+1] += gr * b
		}
	}
	s.f, s.gl, s.gr, s.j, p.nz = f, gl, gr, j, nz
	return j >= s.j1
}

// traffic is a city's rumble (low-passed noise) with cars passing by.
func traffic(r *rng.Rand, level float64) source {
	return func(n int) layer {
		a := lpCoef(110)
		g0 := float32(level*0.03) * lp2Comp(a)
		vary := newWander(r, 2, 6)
		nl, nr := newNoise(r), newNoise(r)
		// The cars are drawn after the rumble's gusts.
		vary.detach(n)
		dur := float64(n) / sr
		var cs []cue
		for t := -r.Range(0, 3); t < dur; t += r.Range(1, 4) {
			dir := 1.0
			if r.Float64() < 0.5 {
				dir = -1
			}
			l := r.Range(2.5, 6)
			cs = append(cs, &pass{at: secs(t), length: secs(l), fc: r.Range(450, 900), amp: level * 0.04 * r.Range(0.4, 1), dir: dir, nz: newNoise(r)})
		}
		st := &lp2Stereo{nl: nl, nr: nr}
		rumble := layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				g := g0 * float32(0.6+0.4*vary.next())
				for i := i0; i < min(i0+ctrl, end); i++ {
					l1 += a * (nl.next() - l1)
					l2 += a * (l1 - l2)
					r1 += a * (nr.next() - r1)
					r2 += a * (r1 - r2)
					out[2*(i-at)] += g * l2
					out[2*(i-at)+1] += g * r2
				}
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
		})
		return layers{rumble, newCues(n, cs)}
	}
}

// horns honk now and then: two hollow tones a third apart, sometimes twice.
func horns(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
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
		return newCues(n, tones(ts))
	}
}

// foghorn sounds in fog by the sea or a harbour city: a long, low, hollow
// note every 10..18 seconds.
func foghorn(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		p := r.Range(-0.5, 0.5)
		f := r.Range(105, 150)
		for t := r.Range(0.5, 6); t < dur; t += r.Range(10, 18) {
			ts = append(ts, tone{at: secs(t), length: secs(2.6), f0: f * 1.02, f1: f, glide: 0.3, tab: hollow,
				amp: level * 0.08, pan: p, env: shape{attack: 0.25, release: 0.9}})
		}
		return newCues(n, tones(ts))
	}
}
