package ui

import (
	"sync"

	"kino/engine/media"
	"kino/project"
	kwidget "kino/ui/widget"
)

// peakCache computes the audio lane's waveforms off the UI goroutine, one
// peak per timeline frame: the takes' soundtrack from each shot's active
// take, kept per take, and each music or voice-over clip's own, kept per
// asset (with its length).
type peakCache struct {
	s    *Studio
	post func(func())

	mu      sync.Mutex
	byTake  map[int64][]float32
	failed  map[int64]bool
	byAsset map[waveKey]*clipWave
	queue   []peakJob
	running bool
	closed  bool
}

// waveKey names one asset's waveform at one frame rate.
type waveKey struct {
	sha  string
	rate project.Rate
}

// clipWave is a music or voice-over asset's waveform.
type clipWave struct {
	frames int64
	peaks  []float32
	err    error
	told   bool // the failure was shown in the status line
}

// peakJob is one waveform to compute: a take's or a clip's.
type peakJob struct {
	take *project.Take
	clip *project.AudioClip
	rate project.Rate
}

func newPeakCache(s *Studio, post func(func())) *peakCache {
	return &peakCache{s: s, post: post, byTake: map[int64][]float32{}, failed: map[int64]bool{}, byAsset: map[waveKey]*clipWave{}}
}

// update lays out the waveforms known so far and computes the missing
// ones in the background.
func (p *peakCache) update() {
	s := p.s
	rate := s.m.settings.Rate
	total := s.m.duration().Frames
	peaks := make([]float32, total)
	var missing []peakJob
	var start int64
	var problems []string
	p.mu.Lock()
	for _, sh := range s.m.shots {
		frames := sh.Duration.Rescale(rate).Frames
		if t := s.m.activeTake(sh); t != nil && t.Status == project.TakeDone {
			if pk, ok := p.byTake[t.ID]; ok {
				copy(peaks[start:start+frames], pk)
			} else if !p.failed[t.ID] {
				missing = append(missing, peakJob{take: t})
			}
		}
		start += frames
	}
	blocks := make([]kwidget.AudioBlock, len(s.m.audio))
	queued := map[waveKey]bool{}
	for i, c := range s.m.audio {
		b := kwidget.AudioBlock{ID: c.ID, Lane: c.Lane, Name: c.Name, Start: c.Start.Rescale(rate).Frames}
		key := waveKey{c.Asset.SHA256, rate}
		switch w := p.byAsset[key]; {
		case w == nil:
			if !queued[key] {
				queued[key] = true
				missing = append(missing, peakJob{clip: c, rate: rate})
			}
		case w.err != nil:
			b.Failed = true
			if !w.told {
				w.told = true
				problems = append(problems, "Audio clip “"+c.Name+"” plays as silence: "+w.err.Error())
			}
		default:
			b.Frames, b.Peaks = w.frames, w.peaks
		}
		blocks[i] = b
	}
	p.queue = missing
	run := len(missing) > 0 && !p.running && !p.closed
	if run {
		p.running = true
	}
	p.mu.Unlock()
	s.timeline.SetPeaks(peaks)
	s.timeline.SetAudioClips(blocks)
	for _, msg := range problems {
		s.setStatus(msg)
	}
	if run {
		go p.work()
	}
}

func (p *peakCache) work() {
	for {
		p.mu.Lock()
		if len(p.queue) == 0 || p.closed {
			p.running = false
			p.mu.Unlock()
			return
		}
		j := p.queue[0]
		p.queue = p.queue[1:]
		p.mu.Unlock()
		if j.take != nil {
			pk, err := p.compute(j.take)
			p.mu.Lock()
			if err != nil {
				p.failed[j.take.ID] = true
			} else {
				p.byTake[j.take.ID] = pk
			}
		} else {
			w := p.computeClip(j.clip, j.rate)
			p.mu.Lock()
			p.byAsset[waveKey{j.clip.Asset.SHA256, j.rate}] = w
		}
		last := len(p.queue) == 0
		p.mu.Unlock()
		if last {
			p.post(func() {
				if !p.s.closed {
					p.update()
				}
			})
		}
	}
}

func (p *peakCache) compute(t *project.Take) ([]float32, error) {
	clip, err := p.s.play.player.OpenTake(t)
	if err != nil {
		return nil, err
	}
	st, err := clip.Soundtrack()
	if err != nil {
		return nil, err
	}
	return media.WaveformPeaks(st.Mix, int(t.Frames)), nil
}

// computeClip reads a clip's sound for its length and waveform at rate.
func (p *peakCache) computeClip(c *project.AudioClip, rate project.Rate) *clipWave {
	pcm, err := p.s.play.sounds.OpenAudio(c.Asset)
	if err != nil {
		return &clipWave{err: err}
	}
	frames := kwidget.SoundFrames(pcm.Len(), rate)
	return &clipWave{frames: frames, peaks: media.WaveformPeaks(pcm, int(frames))}
}

// forgetFailures lets clips whose sound could not be read be tried again.
func (p *peakCache) forgetFailures() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, w := range p.byAsset {
		if w.err != nil {
			delete(p.byAsset, k)
		}
	}
}

func (p *peakCache) busy() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.running
}

func (p *peakCache) close() {
	p.mu.Lock()
	p.closed = true
	p.queue = nil
	p.mu.Unlock()
}
