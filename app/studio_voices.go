package app

import (
	"context"
	"fmt"
	"strings"

	"kino/engine/foley"
	"kino/engine/speech/piper"
	"kino/project"
	"kino/ui"
)

// voiceChoices lists the installed Piper voices for the cameo form, from
// the last scan of the models folder (the studio's voice watch keeps it
// fresh), without waiting.
func voiceChoices() []ui.VoiceModelChoice {
	var out []ui.VoiceModelChoice
	for _, i := range voiceLibrary().Known() {
		if !i.Loads() {
			continue
		}
		c := ui.VoiceModelChoice{Model: piper.ModelName(i.Name), Language: i.Espeak}
		lang := i.LanguageName
		if lang == "" {
			lang = i.Language
		}
		c.Label = fmt.Sprintf("%s (%s, %s", i.Name, lang, i.Quality)
		if i.Speakers > 1 {
			c.Label += fmt.Sprintf(", %d speakers", i.Speakers)
			c.Speakers = make([]string, i.Speakers)
			for k := range c.Speakers {
				c.Speakers[k] = fmt.Sprint(k)
			}
			for _, name := range i.SpeakerNames {
				if id, err := i.SpeakerID(name); err == nil && id < len(c.Speakers) {
					c.Speakers[id] = name
				}
			}
		}
		c.Label += ")"
		out = append(out, c)
	}
	return out
}

// speakVoice speaks the cameo form's sample line as dialogue would be.
func speakVoice(ctx context.Context, v project.Voice, text string) ([]float32, []string, error) {
	voiceLibrary()
	return foley.SpeakLine(ctx, text, v)
}

// watchVoices follows the Piper voices in the models folder for the
// studio: a voice added appears in the cameo form, and a changed voice
// makes the shots it spoke stale.
func watchVoices(ctx context.Context, s *ui.Studio) {
	first := true
	err := voiceLibrary().Watch(ctx, 0, func(evs []piper.Event) {
		var notes []string
		for _, ev := range evs {
			if first && ev.Kind == piper.VoiceAdded {
				continue
			}
			notes = append(notes, ev.String())
		}
		first = false
		s.Post(func() {
			s.VoicesChanged()
			if len(notes) > 0 {
				s.ShowNotice("Voices: " + strings.Join(notes, "; "))
			}
		})
	})
	if err != nil {
		s.Post(func() { s.ShowNotice("Not watching the models folder for voices: " + err.Error()) })
	}
}
