package foley

import (
	"math"

	"kino/engine/rng"
)

// instrument is a music voice.
type instrument uint8

const (
	instPad instrument = iota
	instPluck
	instBass
	instArp
	instBell
	instXylo
	instMuted
	instKick
	instHat
	instBrush
	instTaiko
)

// note is one event in a music bed's score.
type note struct {
	at, length int     // samples
	freq       float64 // Hz
	vel, pan   float64
	inst       instrument
	nz         noise // for noisy drums
}

var (
	majorScale = [7]int{0, 2, 4, 5, 7, 9, 11}
	minorScale = [7]int{0, 2, 3, 5, 7, 8, 10}
)

func midiHz(m int) float64 { return 440 * math.Pow(2, float64(m-69)/12) }

// composer writes a score for a groove: tempo, key and progression are
// drawn from the seed, parts follow the groove's manners.
type composer struct {
	g     groove
	r     *rng.Rand
	spb   float64 // samples per beat
	root  int     // MIDI note of the key's tonic, bass register
	scale [7]int
	notes []note
}

// degree returns the MIDI note of scale degree d (0-based, any octave).
func (c *composer) degree(d int) int {
	oct := d / 7
	if d < 0 && d%7 != 0 {
		oct--
	}
	return c.root + 12*oct + c.scale[d-7*oct]
}

// at converts a beat position to a sample, swinging off-beat eighths.
func (c *composer) at(beat float64) int {
	if c.g.swing {
		if f := beat - math.Floor(beat); math.Abs(f-0.5) < 1e-9 {
			beat += 1.0 / 6
		}
	}
	return int(math.Round(beat * c.spb))
}

func (c *composer) add(beat, beats float64, midi int, vel, pan float64, inst instrument) {
	nt := note{at: c.at(beat), length: max(1, int(beats*c.spb)), freq: midiHz(midi), vel: vel, pan: pan, inst: inst}
	if inst == instHat || inst == instBrush || inst == instTaiko {
		nt.nz = newNoise(c.r)
	}
	c.notes = append(c.notes, nt)
}

// composition is a composed score.
type composition struct {
	notes []note
	root  int     // MIDI note of the tonic
	beat  float64 // samples per beat
}

// score composes n samples of music.
func score(r *rng.Rand, g groove, n int) composition {
	c := &composer{g: g, r: r, scale: majorScale, root: 45 + r.Intn(8)}
	if g.minor {
		c.scale = minorScale
	}
	bpm := r.Range(g.bpmLo, g.bpmHi)
	c.spb = 60 / bpm * sr
	prog := g.progs[r.Intn(len(g.progs))]
	bpc := g.beatsPerChord
	beats := int(math.Ceil(float64(n)/c.spb)) + 1
	melodyDeg := 14 + 2*r.Intn(3)
	for ch := 0; ch*bpc < beats; ch++ {
		start := float64(ch * bpc)
		d := prog[ch%len(prog)]
		next := prog[(ch+1)%len(prog)]
		tones := []int{c.degree(d), c.degree(d + 2), c.degree(d + 4)}
		if g.sevenths {
			tones = append(tones, c.degree(d+6))
		}
		if g.pad {
			for k, t := range tones {
				c.add(start, float64(bpc)+0.25, t+12, 0.3, -0.45+0.3*float64(k), instPad)
			}
		}
		if g.unease && ch%2 == 0 {
			c.add(start+1, float64(bpc)*1.5, c.degree(4)+1+24, 0.12, 0.5, instPad)
		}
		c.bass(start, bpc, d, next, tones)
		c.harmony(start, bpc, tones)
		melodyDeg = c.melody(start, bpc, d, tones, melodyDeg)
	}
	c.drums(beats)
	return composition{notes: c.notes, root: c.root, beat: c.spb}
}

func (c *composer) bass(start float64, bpc, d, next int, tones []int) {
	root := c.degree(d)
	switch c.g.bass {
	case "roots":
		c.add(start, float64(bpc)*0.95, root, 0.5, 0, instBass)
	case "oompah":
		for b := 0; b < bpc; b++ {
			if b%2 == 0 {
				m := root
				if b%4 == 2 {
					m = c.degree(d+4) - 12
				}
				c.add(start+float64(b), 0.45, m, 0.5, 0, instBass)
				continue
			}
			for k, t := range tones[:3] {
				c.add(start+float64(b), 0.3, t+12, 0.16, -0.3+0.3*float64(k), instPluck)
			}
		}
	case "walking":
		target := c.degree(next)
		for b := 0; b < bpc; b++ {
			m := root
			switch {
			case b == bpc-1:
				m = target + 1 - 2*c.r.Intn(2) // chromatic approach to the next root
			case b > 0:
				m = tones[c.r.Intn(len(tones))]
				if c.r.Float64() < 0.4 {
					m = c.degree(d + 1 + c.r.Intn(5))
				}
			}
			c.add(start+float64(b), 0.9, m, 0.45, 0, instBass)
		}
	case "pulse":
		for e := 0; e < 2*bpc; e++ {
			v := 0.32
			if e%2 == 1 {
				v = 0.42
			}
			c.add(start+float64(e)/2, 0.4, root, v, 0, instBass)
		}
	}
}

func (c *composer) harmony(start float64, bpc int, tones []int) {
	switch c.g.chords {
	case "strum":
		for b := 0; b < bpc; b++ {
			v := 0.14
			if b == 0 {
				v = 0.2
			}
			for k, t := range tones {
				nt := note{at: c.at(start+float64(b)) + k*secs(0.012), length: int(0.9 * c.spb), freq: midiHz(t + 12),
					vel: v, pan: -0.4 + 0.25*float64(k), inst: instPluck}
				c.notes = append(c.notes, nt)
			}
		}
	}
	switch c.g.arp {
	case "roll":
		for e := 0; e < 2*bpc; e++ {
			t := tones[e%len(tones)] + 12
			if (e/len(tones))%2 == 1 {
				t += 12
			}
			c.add(start+float64(e)/2, 1.2, t, 0.17, -0.5+float64(e%4)/3, instPluck)
		}
	case "synth":
		// Up through the chord to the octave and back down: C E G C' G E.
		pat := append(append([]int{}, tones...), tones[0]+12)
		for k := len(tones) - 1; k > 0; k-- {
			pat = append(pat, tones[k])
		}
		for s := 0; s < 4*bpc; s++ {
			p := 0.3
			if s%2 == 1 {
				p = -0.3
			}
			c.add(start+float64(s)/4, 0.22, pat[s%len(pat)]+12, 0.2, p, instArp)
		}
	}
}

// melody adds the lead line and returns the scale degree it ended on.
func (c *composer) melody(start float64, bpc, d int, tones []int, deg int) int {
	switch c.g.melody {
	case "bells":
		for b := 0; b < bpc; b += 2 {
			if c.r.Float64() < 0.55 {
				c.add(start+float64(b), 2, tones[c.r.Intn(len(tones))]+24, 0.16, c.r.Range(-0.5, 0.5), instBell)
			}
		}
	case "pizz", "xylo":
		inst := instPluck
		if c.g.melody == "xylo" {
			inst = instXylo
		}
		for e := 0; e < 2*bpc; e++ {
			if c.r.Float64() < 0.3 {
				continue
			}
			deg += c.r.Intn(5) - 2
			deg = max(10, min(deg, 20))
			if e == 0 {
				deg = d + 14
			}
			c.add(start+float64(e)/2, 0.35, c.degree(deg)+12, 0.22, c.r.Range(-0.4, 0.4), inst)
		}
	case "muted":
		for k := 1 + c.r.Intn(3); k > 0; k-- {
			e := c.r.Intn(2 * bpc)
			c.add(start+float64(e)/2, c.r.Range(0.8, 2), tones[c.r.Intn(len(tones))]+12, 0.2, 0.25, instMuted)
		}
	}
	return deg
}

func (c *composer) drums(beats int) {
	for b := 0; b < beats; b++ {
		fb := float64(b)
		switch c.g.drums {
		case "hats":
			c.add(fb+0.5, 0.1, 0, c.r.Range(0.12, 0.2), 0.3, instHat)
		case "four":
			c.add(fb, 0.3, 0, 0.55, 0, instKick)
			c.add(fb+0.5, 0.1, 0, c.r.Range(0.14, 0.22), 0.3, instHat)
		case "heartbeat":
			c.add(fb, 0.25, 0, 0.45, 0, instKick)
			c.add(fb+0.28, 0.25, 0, 0.3, 0, instKick)
		case "taiko":
			switch b % 4 {
			case 0:
				c.add(fb, 0.8, 0, 0.6, -0.2, instTaiko)
			case 2:
				c.add(fb, 0.8, 0, 0.45, 0.2, instTaiko)
			case 3:
				if c.r.Float64() < 0.5 {
					c.add(fb+0.5, 0.6, 0, 0.3, 0, instTaiko)
				}
			}
		case "brushes":
			v := 0.14
			if b%2 == 1 {
				v = 0.24
			}
			c.add(fb, 0.4, 0, v, -0.2, instBrush)
		}
	}
}
