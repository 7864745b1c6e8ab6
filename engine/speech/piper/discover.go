package piper

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// KindVoice is what `kino models list` shows in its kind column for a
// Piper voice (model packs are "image" or "video").
const KindVoice = "voice"

// Info describes an installed voice for a listing (`kino models list`,
// the cameo form's voice picker).
type Info struct {
	Name string
	Kind string // KindVoice
	// Language is the voice's language code ("de_DE"), Family its
	// language ("de"), LanguageName its English name ("German").
	Language, Family, LanguageName string
	// Espeak is the espeak-ng voice that phonemizes it.
	Espeak string
	// Speakers is the number of speakers; SpeakerNames are their names
	// in id order, when the voice names them.
	Speakers     int
	SpeakerNames []string
	Quality      string
	SampleRate   int
	// Size is the two files' size in bytes.
	Size int64
	// ModelPath is the .onnx file; Dir is the folder it is in.
	ModelPath, Dir string
	// SHA256 and ConfigSHA256 identify the files' contents.
	SHA256, ConfigSHA256 string
	// Stamp is the files' sizes and modification times.
	Stamp string
	// Err is why the voice cannot be used (nil: it loads). It names the
	// file at fault.
	Err error
	// Notes are oddities that do not stop the voice from speaking.
	Notes []string

	// Scales are the config's inference defaults.
	Scales Scales

	speakers map[string]int
}

// SpeakerID resolves a speaker given by name (from the voice's
// speaker_id_map) or by number; "" is speaker 0.
func (i Info) SpeakerID(s string) (int, error) {
	c := &Config{NumSpeakers: max(i.Speakers, 1), Speakers: i.speakers}
	id, err := c.SpeakerID(s)
	if err != nil {
		return 0, fmt.Errorf("Piper voice %s: %w", i.Name, err)
	}
	return id, nil
}

// Loads reports whether the voice's files read and agree.
func (i Info) Loads() bool { return i.Err == nil }

// Status is "ok" or the reason the voice cannot be used.
func (i Info) Status() string {
	if i.Err == nil {
		return "ok"
	}
	return i.Err.Error()
}

// infoOf describes a voice that was read.
func infoOf(v *Voice) Info {
	c := v.Config
	return Info{
		Name: v.Name, Kind: KindVoice, Language: c.Language, Family: c.Family, LanguageName: c.LanguageName,
		Espeak: c.Espeak, Speakers: c.NumSpeakers, SpeakerNames: c.SpeakerNames(), Quality: c.Quality,
		SampleRate: c.SampleRate, Size: v.Size, ModelPath: v.ModelPath, Dir: filepath.Dir(v.ModelPath),
		SHA256: v.SHA256, ConfigSHA256: v.ConfigSHA256, Stamp: v.Stamp, Notes: v.Notes, Scales: c.Scales, speakers: c.Speakers,
	}
}

// Candidates lists the voice files in a models folder: NAME.onnx or
// NAME.onnx.json files directly in dir, and in its sub-folders that hold a
// NAME.onnx.json (folders of model packs are not looked into). Each voice
// is named once, by the path of its .onnx file (which may be missing).
// Hidden files and folders are skipped.
func Candidates(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	add := func(folder string, entries []os.DirEntry) {
		seen := map[string]bool{}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			var model string
			switch {
			case strings.HasSuffix(name, ConfigExt):
				model = strings.TrimSuffix(name, ".json")
			case strings.HasSuffix(name, ModelExt):
				model = name
			default:
				continue
			}
			if seen[model] || NameOf(model) == "" {
				continue
			}
			if fi, err := os.Stat(filepath.Join(folder, name)); err != nil || fi.IsDir() {
				continue
			}
			seen[model] = true
			out = append(out, filepath.Join(folder, model))
		}
	}
	add(dir, entries)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
			continue
		}
		subEntries, err := os.ReadDir(sub)
		if err != nil || !hasConfig(subEntries) {
			continue
		}
		add(sub, subEntries)
	}
	sort.Strings(out)
	return out, nil
}

func hasConfig(entries []os.DirEntry) bool {
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ConfigExt) {
			return true
		}
	}
	return false
}

// Discover describes the voices in a models folder (see Candidates):
// each is read and checked (see ReadVoice), and one that cannot be used
// is listed with Err saying why. A voice whose name an earlier one has is
// listed with an error. A folder that does not exist has no voices.
func Discover(dir string) ([]Info, error) {
	return discover([]string{dir}, nil)
}

// DiscoverDirs is Discover over several folders, in order.
func DiscoverDirs(dirs ...string) ([]Info, error) { return discover(dirs, nil) }

// discover describes the voices in dirs, reusing the description in prev
// of a voice whose files have not changed.
func discover(dirs []string, prev map[string]Info) ([]Info, error) {
	var out []Info
	var errs []error
	seen := map[string]string{}
	for _, dir := range dirs {
		cands, err := Candidates(dir)
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, fmt.Errorf("reading models folder %s: %w", dir, err))
			}
			continue
		}
		for _, path := range cands {
			name := NameOf(path)
			var info Info
			if old, ok := prev[path]; ok && old.Err == nil {
				if stamp, _, err := stampOf(path, path+".json"); err == nil && stamp == old.Stamp {
					info = old
				}
			}
			if info.Name == "" {
				info = describe(path)
			}
			if other, dup := seen[name]; dup {
				info.Err = &VoiceError{Voice: name, File: path, Err: fmt.Errorf("a voice of the same name is already in %s", other)}
			} else {
				seen[name] = filepath.Dir(path)
			}
			out = append(out, info)
		}
	}
	return out, errors.Join(errs...)
}

// describe reads the voice at path (its data is dropped) and describes it.
func describe(path string) Info {
	v, err := ReadVoice(path)
	if err != nil {
		info := Info{Name: NameOf(path), Kind: KindVoice, ModelPath: path, Dir: filepath.Dir(path), Err: err}
		info.Stamp, info.Size, _ = stampOf(path, path+".json")
		return info
	}
	v.data = nil
	return infoOf(v)
}
