package app

import (
	"fmt"
	"strings"
	"sync"

	"kino/engine/files"
	"kino/engine/onnx"
	"kino/engine/speech"
	"kino/engine/speech/piper"
	"kino/project"
)

// voiceLib holds the Piper voices of the models folder, shared by every
// command and studio window of the process (a voice's session loads
// once), and installed as the speech engine's voice models, so dialogue
// with a Piper voice speaks with them.
var voiceLib struct {
	mu  sync.Mutex
	dir string
	lib *piper.Library
}

// voiceLibrary returns the Piper voices of ModelsDir(), set up on first
// use (and again if KINO_MODELS changed).
func voiceLibrary() *piper.Library {
	voiceLib.mu.Lock()
	defer voiceLib.mu.Unlock()
	dir := ModelsDir()
	if voiceLib.lib != nil && voiceLib.dir == dir {
		return voiceLib.lib
	}
	if voiceLib.lib != nil {
		voiceLib.lib.Close()
	}
	voiceLib.dir = dir
	voiceLib.lib = piper.NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	speech.UseModelVoices(piper.NewVoices(voiceLib.lib))
	return voiceLib.lib
}

// cameoVoice reads a cameo's --voice: an espeak-ng voice ("en", "de+f3")
// or "piper:NAME[#SPEAKER]" for an installed Piper voice, whose speaker
// may be a number or a name. language, when not empty, is the cameo's
// language; a Piper voice otherwise speaks its own (its espeak-ng voice,
// "en-us"). base carries pitch and rate.
func cameoVoice(spec, language string, base project.Voice) (project.Voice, error) {
	v := base
	model, speaker, isPiper, err := project.ParseVoiceModel(spec)
	if err != nil {
		return v, usagef("--voice: %v", project.ErrorMessage(err))
	}
	if !isPiper {
		v.Model, v.Speaker = "", 0
		lang, variant, _ := strings.Cut(strings.TrimSpace(spec), "+")
		if lang != "" {
			v.Language = lang
		}
		if variant != "" {
			v.Variant = variant
		}
		if language != "" {
			v.Language = language
		}
		return v, nil
	}
	info, err := voiceLibrary().Find(strings.TrimPrefix(model, project.PiperPrefix))
	if err != nil {
		return v, fmt.Errorf("--voice %s: %w (add a voice with: kino models add PATH|URL)", spec, err)
	}
	id, err := info.SpeakerID(speaker)
	if err != nil {
		return v, usagef("--voice %s: %v", spec, err)
	}
	v.Model, v.Speaker, v.Variant = model, id, ""
	v.Language = info.Espeak
	if language != "" {
		v.Language = language
	}
	return v, nil
}

// voicesDoctor describes the installed Piper voices for kino doctor, one
// line each: name, language, quality, speakers, rate, size, and whether
// it loads.
func voicesDoctor() string {
	infos, err := voiceLibrary().Rescan()
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "%v\n", err)
	}
	if len(infos) == 0 {
		fmt.Fprintf(&b, "none in %s (a voice is NAME.onnx with NAME.onnx.json beside it)\n", ModelsDir())
	}
	for _, i := range infos {
		if !i.Loads() {
			fmt.Fprintf(&b, "%s: %v\n", i.Name, i.Err)
			continue
		}
		fmt.Fprintf(&b, "%s: %s, %s, %d speaker(s), %d Hz, %s, ok\n", i.Name, i.Language, i.Quality, i.Speakers, i.SampleRate, files.Size(i.Size))
	}
	return b.String()
}
