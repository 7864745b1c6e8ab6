package foley

import (
	"context"
	"errors"
	"fmt"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/speech"
	"kino/project"
)

// Dialogue is the spoken lines of a clip, rendered first because the
// picture's lip motion needs its envelope. Only the lines are kept, each
// where it starts (not a clip-long buffer, mostly silence): Read gives
// the dialogue's samples anywhere in the clip.
type Dialogue struct {
	// Len is the clip's length in samples (mono at audio.SampleRate).
	Len int
	// Lines are the lines spoken, mono at audio.SampleRate, in the order
	// they were spoken; where they overlap they add up.
	Lines []Spoken
	// Gain scales the sum of the lines: below 1 where overlapping lines
	// would pass the dialogue's peak; 1 (or 0) leaves them as they are.
	Gain float32
	// Envelope maps each speaker's handle (and every cast handle) to a
	// mouth-opening loudness 0..1 per video frame (len = frames),
	// smoothed; 0 when silent.
	Envelope map[string][]float32
	// Missing lists lines or parts of lines that could not be spoken,
	// with why, e.g. "line 2 (@ana): speech library not installed".
	Missing []string
}

// Spoken is one line placed in a clip.
type Spoken struct {
	// Start is the sample the line starts at.
	Start int
	// PCM is the line, mono at audio.SampleRate, cut to the clip.
	PCM []float32
}

// Read fills dst with the dialogue's samples [at, at+len(dst)): the lines
// there, summed in order and scaled by Gain.
func (d *Dialogue) Read(dst []float32, at int) {
	clear(dst)
	end := at + len(dst)
	for _, l := range d.Lines {
		lo, hi := max(l.Start, at), min(l.Start+len(l.PCM), end)
		if lo >= hi {
			continue
		}
		out := dst[lo-at : hi-at]
		for k, s := range l.PCM[lo-l.Start : hi-l.Start] {
			out[k] += s
		}
	}
	if d.Gain != 1 && d.Gain != 0 {
		for i := range dst {
			dst[i] *= d.Gain
		}
	}
}

// Mono returns the whole dialogue, as long as the clip.
func (d *Dialogue) Mono() []float32 {
	out := make([]float32, d.Len)
	d.Read(out, 0)
	return out
}

// fadeOut is the fade applied where a line is cut at the clip's end.
const fadeOut = 0.01

// SpeakDialogue speaks req.Dialogue with each speaker's cast voice (the
// default voice for speakers not in the cast, the narrator voice for
// narrator lines), as each line's delivery asks, and places every line at
// its start. req must be normalised. Lines that cannot be spoken, start after
// the clip ends or run past it are listed in Missing; only cancellation
// (ctx.Err()) and an unusable request are errors.
func SpeakDialogue(ctx context.Context, req engine.Request) (*Dialogue, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := int(req.Duration.Samples(audio.SampleRate))
	frames := req.Frames()
	if n <= 0 || frames <= 0 {
		return nil, fmt.Errorf("speaking dialogue: the clip is %s long; it needs at least one frame", req.Duration)
	}
	d := &Dialogue{Len: n, Gain: 1, Envelope: map[string][]float32{}}
	voices := map[string]project.Voice{}
	for _, c := range req.Cast {
		h := project.NormalizeHandle(c.Handle)
		voices[h] = c.Voice
		d.Envelope[h] = nil
	}
	energy := map[string][]float64{}
	var unavailable error
	if len(req.Dialogue) > 0 {
		unavailable = speechAvailable()
	}
	clipEnd := req.Duration
	for i, line := range req.Dialogue {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		who := project.NormalizeHandle(line.Speaker)
		if line.Narrator {
			who = line.Speaker + " (narrator)"
		} else {
			d.Envelope[who] = nil
		}
		miss := func(format string, args ...any) {
			d.Missing = append(d.Missing, fmt.Sprintf("line %d (%s): ", i+1, who)+fmt.Sprintf(format, args...))
		}
		start := int(line.Start.Samples(audio.SampleRate))
		if start >= n {
			miss("starts at %s, after the clip ends at %s", line.Start, clipEnd)
			continue
		}
		if unavailable != nil {
			miss("%s", reason(unavailable))
			continue
		}
		v, ok := voices[who]
		if !ok || v.Language == "" {
			v = project.DefaultVoice
		}
		if line.Narrator {
			v = NarratorVoice(line.Text)
		}
		pcm, notes, err := speak(ctx, line.Text, deliver(v, line.Delivery))
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(err, speech.ErrEmptyText) {
				continue // nothing to say
			}
			miss("%s", reason(err))
			continue
		}
		for _, n := range notes {
			miss("%s", n)
		}
		if start < 0 {
			cut := min(-start, len(pcm))
			miss("starts %.1f s before the clip; its first %.1f s are cut", float64(-start)/sr, float64(cut)/sr)
			pcm, start = pcm[cut:], 0
		}
		if over := start + len(pcm) - n; over > 0 {
			miss("cut at the clip's end; %.1f s of %.1f s did not fit", float64(over)/sr, float64(len(pcm))/sr)
			pcm = pcm[:n-start]
			f := min(secs(fadeOut), len(pcm))
			for k := 0; k < f; k++ {
				pcm[len(pcm)-1-k] *= float32(k) / float32(f)
			}
		}
		d.Lines = append(d.Lines, Spoken{Start: start, PCM: pcm})
		if line.Narrator {
			continue // no cameo's mouth moves
		}
		e := energy[who]
		if e == nil {
			e = make([]float64, frames)
			energy[who] = e
		}
		addEnergy(e, pcm, start, req.Duration.Rate, n)
	}
	d.limitPeak(0.9)
	for who := range d.Envelope {
		d.Envelope[who] = mouth(energy[who], frames, req.Duration.Rate)
	}
	return d, nil
}

// reason words a speech error for a person.
func reason(err error) string {
	if errors.Is(err, speech.ErrUnavailable) {
		return "speech library not installed or not working (" + err.Error() + ")"
	}
	return err.Error()
}

// limitPeak sets the gain that keeps the dialogue's peak at most ceiling
// (overlapping lines can add up).
func (d *Dialogue) limitPeak(ceiling float32) {
	var pk float32
	buf := make([]float32, block)
	for _, l := range d.Lines {
		for at := l.Start; at < l.Start+len(l.PCM); at += len(buf) {
			b := buf[:min(len(buf), l.Start+len(l.PCM)-at)]
			d.Read(b, at)
			pk = max(pk, peak(b))
		}
	}
	if pk > ceiling {
		d.Gain = ceiling / pk
	}
}
