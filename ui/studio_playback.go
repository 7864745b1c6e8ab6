package ui

import (
	"kino/project"
	kwidget "kino/ui/widget"
)

// playbackCtl plays the film: the player and the music and voice-over it
// mixes, the audio lane's waveforms, and the comparison of takes.
type playbackCtl struct {
	s       *Studio
	player  *kwidget.Player
	compare *kwidget.CompareView // the open comparison, if any
	sounds  *kwidget.SoundCache  // music and voice-over, decoded
	peaks   *peakCache
}

// build creates the player, which mixes the music and voice-over clips,
// their sound read from the project's media, over the takes. The studio's
// build calls it once the timeline exists.
func (p *playbackCtl) build() {
	s := p.s
	p.player = kwidget.NewPlayer(s.deps.Post, s.deps.Clips, s.deps.Audio)
	p.player.OnPosition = func(f int64) { s.timeline.SetPlayhead(project.Frames(f, s.m.settings.Rate)) }
	p.player.OnFilmMode = func(bool) { p.refreshProgram() }
	p.player.OnKey = s.typedKey
	p.sounds = kwidget.NewSoundCache(s.deps.Store.OpenBlob)
	p.player.SetAudioSource(p.sounds)
}

// showCompare opens the comparison of views in a dialog on the studio
// window. Make active goes through the studio's Choose Take edit, and the
// studio's player pauses while the takes play.
func (p *playbackCtl) showCompare(views []kwidget.TakeView) {
	if p.compare != nil {
		p.compare.Close()
	}
	p.compare, _ = kwidget.ShowCompare(p.s.win, views, kwidget.CompareDeps{
		Post:  p.s.deps.Post,
		Clips: p.s.deps.Clips,
		Audio: p.s.deps.Audio,
		Activate: func(t *project.Take, done func()) {
			p.s.edits.applyThen(project.SetActiveTake{ShotID: t.ShotID, TakeID: t.ID}, func(project.Applied) { done() }, t.ShotID)
		},
		BeforePlay: func() {
			if p.player.Playing() {
				p.player.Pause()
			}
		},
		Gone: p.s.gone.Load,
	})
}

// refreshAudio gives the player the clips to mix over the takes and the
// clip panel the selected clip.
func (p *playbackCtl) refreshAudio() {
	p.player.SetAudioClips(p.s.m.audio)
	p.s.clips.refresh()
}

// scrub follows the playhead: the player shows the frame, and in shot
// mode the shot under the playhead becomes the selection.
func (p *playbackCtl) scrub(t project.Time) {
	f := t.Frames
	if !p.player.FilmMode() {
		if i := p.shotAtFrame(f); i >= 0 && p.s.m.shots[i].ID != p.s.selectedID() {
			p.s.selectShots([]int64{p.s.m.shots[i].ID})
		}
	}
	p.player.Cue(f)
}

// shotAtFrame returns the index of the shot playing at timeline frame f.
func (p *playbackCtl) shotAtFrame(f int64) int {
	var start int64
	for i, sh := range p.s.m.shots {
		if f < start+sh.Duration.Frames {
			return i
		}
		start += sh.Duration.Frames
	}
	return len(p.s.m.shots) - 1
}

// refreshProgram gives the player the selected shot, or the whole film,
// and the music and voice-over clips to mix over it.
func (p *playbackCtl) refreshProgram() {
	p.refreshAudio()
	rate := p.s.m.settings.Rate
	now := p.s.deps.Now()
	segOf := func(sh *project.Shot) kwidget.Segment {
		seg := kwidget.Segment{ShotID: sh.ID, Number: sh.Number(), Prompt: sh.Prompt, Frames: sh.Duration.Rescale(rate).Frames}
		if t := p.s.m.activeTake(sh); t != nil && t.Status == project.TakeDone {
			// A withheld take is neither shown nor heard: its span plays
			// a card saying why, in silence.
			if seg.Withheld = p.s.m.withheld(t, now); seg.Withheld == "" {
				seg.Take = t
			}
		}
		return seg
	}
	if p.player.FilmMode() {
		segs := make([]kwidget.Segment, len(p.s.m.shots))
		for i, sh := range p.s.m.shots {
			segs[i] = segOf(sh)
		}
		p.player.SetProgram(segs, rate, 0)
		return
	}
	sh := p.s.selectedShot()
	if sh == nil {
		p.player.SetProgram(nil, rate, 0)
		return
	}
	p.player.SetProgram([]kwidget.Segment{segOf(sh)}, rate, p.s.m.shotStart(p.s.m.index(sh.ID)))
}
