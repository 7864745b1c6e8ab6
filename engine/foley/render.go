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
func Render(ctx context.Context, req engine.Request, plan *scene.Plan, events []scene.Event, dlg *Dialogue) (*audio.Soundtrack, error) {
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
	if len(dlg.PCM) != n {
		return nil, fmt.Errorf("rendering the soundtrack: the dialogue is %d samples long but the clip is %d; speak it for the same request", len(dlg.PCM), n)
	}

	dialogue := make([]float32, 2*n)
	for i, s := range dlg.PCM {
		dialogue[2*i], dialogue[2*i+1] = s, s
	}
	effects := make([]float32, 2*n)
	ambience := make([]float32, 2*n)
	music := make([]float32, 2*n)

	// The three beds are independent (own buffers, own rng streams), so
	// they render in parallel without changing a sample.
	var wg sync.WaitGroup
	errs := make([]error, 3)
	wg.Add(3)
	go func() {
		defer wg.Done()
		errs[0] = renderSources(ctx, effects, effectSources(req.Seed, req.Duration.Rate, plan, events))
		saturate(effects)
	}()
	go func() {
		defer wg.Done()
		errs[1] = renderSources(ctx, ambience, ambienceSources(req.Seed, plan))
		if plan.Weather == scene.Fog {
			muffle(ambience, 2500)
		}
		edgeFade(ambience)
	}()
	go func() {
		defer wg.Done()
		errs[2] = renderMusic(ctx, music, req.Seed, plan, plan.Style)
		edgeFade(music)
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

	duck(dlg.PCM, ambience, music)
	mix := mixStems(mixCeiling, dialogue, effects, ambience, music)
	st := &audio.Soundtrack{
		Mix: pcm(mix),
		Stems: map[audio.Stem]audio.PCM{
			audio.StemDialogue: pcm(dialogue),
			audio.StemEffects:  pcm(effects),
			audio.StemAmbience: pcm(ambience),
			audio.StemMusic:    pcm(music),
		},
	}
	for _, m := range dlg.Missing {
		st.Missing = append(st.Missing, "dialogue "+m)
	}
	return st, nil
}

func pcm(s []float32) audio.PCM {
	return audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: s}
}
