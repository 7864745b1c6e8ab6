package widget

import (
	"errors"
	"fmt"
	"math"

	"fyne.io/fyne/v2/theme"

	"kino/engine/audio"
	"kino/project"
	"kino/ui/playback"
)

// SetAudioSource sets where the sound of music and voice-over clips comes
// from. Without one, clips play as silence and the player says so.
func (p *Player) SetAudioSource(src AudioSource) { p.audioSrc = src }

// SetAudioClips sets the music and voice-over clips mixed over the takes'
// soundtracks, at their timeline positions and gains. Playback continues
// from the same frame.
func (p *Player) SetAudioClips(clips []*project.AudioClip) {
	next := make([]project.AudioClip, len(clips))
	for i, c := range clips {
		next[i] = *c
	}
	if sameAudioClips(next, p.audio) {
		return
	}
	// A clip that is gone, or now plays another asset, may sound again.
	for id := range p.clipNotice {
		if old, cur := findClip(p.audio, id), findClip(next, id); cur == nil || old == nil || cur.Asset.SHA256 != old.Asset.SHA256 {
			delete(p.clipNotice, id)
		}
	}
	p.audio = next
	p.showNotice()
	p.restartIfPlaying()
}

// findClip returns the clip with id in clips, or nil.
func findClip(clips []project.AudioClip, id int64) *project.AudioClip {
	for i := range clips {
		if clips[i].ID == id {
			return &clips[i]
		}
	}
	return nil
}

// AudioClips returns the clips the player mixes.
func (p *Player) AudioClips() []project.AudioClip { return p.audio }

// sameAudioClips reports whether two clip lists sound the same.
func sameAudioClips(a, b []project.AudioClip) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.ID != y.ID || x.Asset.SHA256 != y.Asset.SHA256 || x.Start != y.Start || x.GainDB != y.GainDB || x.Name != y.Name {
			return false
		}
	}
	return true
}

// overlays returns the clips as sound laid over prog, whose frame 0 is
// timeline frame offset. A clip whose sound cannot be read is silent and
// reported to failed (on the caller's goroutine, which is not the UI's).
func overlays(clips []project.AudioClip, prog program, offset int64, src AudioSource, failed func(c project.AudioClip, err error)) []playback.Overlay {
	out := make([]playback.Overlay, 0, len(clips))
	base := project.Frames(offset, prog.rate).Samples(playback.SampleRate)
	for _, c := range clips {
		start := c.Start.Rescale(prog.rate)
		at := project.Frames(max(start.Frames, 0), prog.rate).Samples(playback.SampleRate) - base
		clip := c
		var length int64
		if l, ok := src.(audioLengths); ok {
			length, _ = l.KnownLength(c.Asset)
		}
		out = append(out, playback.Overlay{
			Start:  at,
			Length: length,
			Gain:   float32(math.Pow(10, c.GainDB/20)),
			Load: func() (audio.PCM, error) {
				if src == nil {
					err := errors.New("the player has no source for music and voice-over")
					failed(clip, err)
					return audio.PCM{}, fmt.Errorf("audio clip %q: %w", clip.Name, err)
				}
				pcm, err := src.OpenAudio(clip.Asset)
				if err != nil {
					failed(clip, err)
					return audio.PCM{}, fmt.Errorf("audio clip %q: %w", clip.Name, err)
				}
				return pcm, nil
			},
		})
	}
	return out
}

// clipFailed shows that clip c plays as silence. It runs on the UI
// goroutine.
func (p *Player) clipFailed(c project.AudioClip, err error) {
	if cur := findClip(p.audio, c.ID); cur == nil || cur.Asset.SHA256 != c.Asset.SHA256 {
		return // the clip changed since that playback started
	}
	if p.clipNotice == nil {
		p.clipNotice = map[int64]string{}
	}
	p.clipNotice[c.ID] = "Audio clip “" + c.Name + "” plays as silence: " + err.Error()
	p.showNotice()
}

// showNotice shows the device notice on the volume control's icon and
// the clip notices in the banner over the picture.
func (p *Player) showNotice() {
	clips := ""
	for _, c := range p.audio {
		if msg, ok := p.clipNotice[c.ID]; ok {
			if clips != "" {
				clips += "\n"
			}
			clips += msg
		}
	}
	p.notice = p.deviceNotice
	if clips != "" {
		if p.notice != "" {
			p.notice += "\n"
		}
		p.notice += clips
	}
	if p.deviceNotice != "" {
		p.audioIcon.Set(theme.VolumeMuteIcon(), p.deviceNotice)
	} else {
		p.audioIcon.Set(theme.VolumeUpIcon(), "")
	}
	p.noticeL.SetText(clips)
	showIf(p.noticeL, clips != "")
}
