package foley

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
)

// track is what a clip's soundtrack is made from: the normalised request,
// its scene plan and events, and its spoken dialogue.
type track struct {
	req    engine.Request
	plan   *scene.Plan
	events []scene.Event
	dlg    *Dialogue
	n      int // frames
}

// newTrack checks what a soundtrack is made from, speaking the dialogue
// when dlg is nil.
func newTrack(ctx context.Context, req engine.Request, plan *scene.Plan, events []scene.Event, dlg *Dialogue) (*track, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if plan == nil {
		return nil, errors.New("rendering the soundtrack: no scene plan")
	}
	n := int(req.Duration.Samples(audio.SampleRate))
	if n <= 0 {
		return nil, fmt.Errorf("rendering the soundtrack: the clip is %s long; it needs at least one frame", req.Duration)
	}
	if dlg == nil {
		var err error
		if dlg, err = SpeakDialogue(ctx, req); err != nil {
			return nil, err
		}
	}
	if dlg.Len != n {
		return nil, fmt.Errorf("rendering the soundtrack: the dialogue is %d samples long but the clip is %d; speak it for the same request", dlg.Len, n)
	}
	return &track{req: req, plan: plan, events: events, dlg: dlg, n: n}, nil
}

// missing lists the lines that could not be spoken.
func (t *track) missing() []string {
	var m []string
	for _, s := range t.dlg.Missing {
		m = append(m, "dialogue "+s)
	}
	return m
}

// beds is one making of the effects, ambience and music beds. Their
// layers carry state from block to block, so every pass over the
// soundtrack makes its beds anew.
type beds struct {
	n        int
	effects  layers
	ambience layers
	fog      bool
	muffle   muffler
	music    *musicBed
}

func (t *track) beds() *beds {
	seed := t.req.Seed
	return &beds{
		n:        t.n,
		effects:  makeLayers(effectSources(seed, t.req.Duration.Rate, t.plan, t.events), t.n),
		ambience: makeLayers(ambienceSources(seed, t.plan), t.n),
		fog:      t.plan.Weather == scene.Fog,
		muffle:   newMuffler(2500),
		music:    newMusicBed(t.n, seed, t.plan, t.plan.Style),
	}
}

// effect adds the effects stem's frames [at, at+len(out)/2) into out.
func (b *beds) effect(out []float32, at int) {
	b.effects.add(out, at)
	saturate(out)
}

// ambient adds the ambience stem's frames into out (before ducking).
func (b *beds) ambient(out []float32, at int) {
	b.ambience.add(out, at)
	if b.fog {
		b.muffle.run(out)
	}
	fadeEdges(out, at, b.n)
}

// tune adds the music stem's frames into out (before ducking), at the
// level learnt from the whole bed.
func (b *beds) tune(out []float32, at int, level musicLevel) {
	b.music.pre(out, at)
	b.music.post(out, at, level)
	fadeEdges(out, at, b.n)
}

// Render makes the soundtrack of a previz clip: dlg's dialogue, spot
// effects for events (in the picture's timing), the ambience of plan's
// setting and weather, and a music bed for its mood and style; ambience
// and music duck under the dialogue. req must be normalised. dlg may be
// nil, in which case Render speaks the dialogue itself; otherwise it must
// come from SpeakDialogue for the same request. Every stem and the mix are
// exactly req.Duration.Samples(audio.SampleRate) frames of interleaved
// stereo, the mix is the sum of the stems in audio.Stems order, and its
// peak is at most -1 dBFS. Lines that could not be spoken are listed in
// the soundtrack's Missing. Cancelling ctx returns ctx.Err() promptly.
//
// Render holds the whole soundtrack (about 1.5 MB a second); NewStream
// makes the same samples block by block, for shots of any length.
func Render(ctx context.Context, req engine.Request, plan *scene.Plan, events []scene.Event, dlg *Dialogue) (*audio.Soundtrack, error) {
	t, err := newTrack(ctx, req, plan, events, dlg)
	if err != nil {
		return nil, err
	}
	n := t.n
	speech := t.dlg.Mono()
	dialogue := make([]float32, 2*n)
	for i, s := range speech {
		dialogue[2*i], dialogue[2*i+1] = s, s
	}
	effects := make([]float32, 2*n)
	ambience := make([]float32, 2*n)
	music := make([]float32, 2*n)

	// The three beds are independent (own buffers, own rng streams), so
	// they render in parallel without changing a sample. The music is
	// made whole before its level is set: the level depends on all of it.
	b := t.beds()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	wg.Add(3)
	inBlocks := func(out []float32, fill func(out []float32, at int)) error {
		for at := 0; at < n; at += block {
			if err := ctx.Err(); err != nil {
				return err
			}
			fill(out[2*at:2*min(at+block, n)], at)
		}
		return nil
	}
	go func() {
		defer wg.Done()
		errs[0] = inBlocks(effects, b.effect)
	}()
	go func() {
		defer wg.Done()
		errs[1] = inBlocks(ambience, b.ambient)
	}()
	go func() {
		defer wg.Done()
		var level musicLevel
		errs[2] = inBlocks(music, func(out []float32, at int) {
			b.music.pre(out, at)
			level.measure(out)
		})
		if errs[2] == nil {
			errs[2] = inBlocks(music, func(out []float32, at int) {
				b.music.post(out, at, level)
				fadeEdges(out, at, n)
			})
		}
	}()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("rendering the soundtrack: %w", err)
		}
	}

	duck := newDucker()
	duck.run(speech, ambience, music)
	mix := mixStems(mixCeiling, dialogue, effects, ambience, music)
	return &audio.Soundtrack{
		Mix: pcm(mix),
		Stems: map[audio.Stem]audio.PCM{
			audio.StemDialogue: pcm(dialogue),
			audio.StemEffects:  pcm(effects),
			audio.StemAmbience: pcm(ambience),
			audio.StemMusic:    pcm(music),
		},
		Missing: t.missing(),
	}, nil
}

func pcm(s []float32) audio.PCM {
	return audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: s}
}
