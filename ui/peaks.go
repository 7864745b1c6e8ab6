package ui

import (
	"sync"

	"kino/engine/media"
	"kino/project"
)

// peakCache computes the audio lane's waveform off the UI goroutine: one
// peak per timeline frame, from each shot's active take, kept per take.
type peakCache struct {
	s    *Studio
	post func(func())

	mu      sync.Mutex
	byTake  map[int64][]float32
	failed  map[int64]bool
	queue   []*project.Take
	running bool
	closed  bool
}

func newPeakCache(s *Studio, post func(func())) *peakCache {
	return &peakCache{s: s, post: post, byTake: map[int64][]float32{}, failed: map[int64]bool{}}
}

// update lays out the waveform from the peaks known so far and computes
// the missing ones in the background.
func (p *peakCache) update() {
	s := p.s
	total := s.m.duration().Frames
	peaks := make([]float32, total)
	var missing []*project.Take
	var start int64
	p.mu.Lock()
	for _, sh := range s.m.shots {
		frames := sh.Duration.Rescale(s.m.settings.Rate).Frames
		if t := s.m.activeTake(sh); t != nil && t.Status == project.TakeDone {
			if pk, ok := p.byTake[t.ID]; ok {
				copy(peaks[start:start+frames], pk)
			} else if !p.failed[t.ID] {
				missing = append(missing, t)
			}
		}
		start += frames
	}
	p.queue = missing
	run := len(missing) > 0 && !p.running && !p.closed
	if run {
		p.running = true
	}
	p.mu.Unlock()
	s.timeline.SetPeaks(peaks)
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
		t := p.queue[0]
		p.queue = p.queue[1:]
		p.mu.Unlock()
		pk, err := p.compute(t)
		p.mu.Lock()
		if err != nil {
			p.failed[t.ID] = true
		} else {
			p.byTake[t.ID] = pk
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
	clip, err := p.s.player.clips.get(t)
	if err != nil {
		return nil, err
	}
	st, err := clip.Soundtrack()
	if err != nil {
		return nil, err
	}
	return media.WaveformPeaks(st.Mix, int(t.Frames)), nil
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
