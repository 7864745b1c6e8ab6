package piper

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"kino/engine/models"
)

// Finder finds Piper voices in a models folder for `kino models` and the
// studio's Models window: a NAME.onnx + NAME.onnx.json pair, or a folder
// holding one.
type Finder struct{}

var _ models.Finder = Finder{}

// Find implements models.Finder.
func (Finder) Find(_ context.Context, dir string) []models.Entry {
	infos, _ := DiscoverDirs(dir)
	out := make([]models.Entry, 0, len(infos))
	for _, i := range infos {
		out = append(out, entryOf(i, dir))
	}
	return out
}

// Check implements models.Finder.
func (Finder) Check(_ context.Context, path string) (models.Entry, bool) {
	model, ok := VoiceAt(path)
	if !ok {
		return models.Entry{}, false
	}
	v, err := ReadVoice(model)
	if err != nil {
		name := strings.TrimSuffix(filepath.Base(model), ModelExt)
		return models.Entry{Name: name, Kind: models.KindVoice, Path: path, Problem: err.Error()}, true
	}
	return entryOf(infoOf(v), filepath.Dir(path)), true
}

// entryOf describes voice i, found in the models folder dir.
func entryOf(i Info, dir string) models.Entry {
	e := models.Entry{
		Name: i.Name, Kind: models.KindVoice, Path: i.Dir, Precision: "fp32", Size: i.Size,
		Loads: i.Loads(), Notes: i.Notes,
	}
	if filepath.Clean(i.Dir) == filepath.Clean(dir) {
		e.Path = i.ModelPath // a bare pair, not a folder of its own
	}
	if i.Err != nil {
		e.Problem = i.Err.Error()
	}
	speakers := "1 speaker"
	if i.Speakers > 1 {
		speakers = fmt.Sprintf("%d speakers", i.Speakers)
	}
	e.Details = fmt.Sprintf("%s (%s), %s, %s quality, %d Hz", i.LanguageName, i.Language, speakers, i.Quality, i.SampleRate)
	return e
}
