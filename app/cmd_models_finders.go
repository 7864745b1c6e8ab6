package app

import (
	"kino/engine/models"
	"kino/engine/onnx"
	"kino/engine/speech/piper"
)

// modelFinders lists the kinds of models Kino installs, in one place:
// `kino models` and the studio's Models window ask each in turn. A new
// kind adds its finder here.
func modelFinders() []models.Finder {
	return []models.Finder{
		// Voices first: a folder holding one voice is not a broken pack.
		piper.Finder{},    // Piper voices (NAME.onnx + NAME.onnx.json): kind voice
		onnx.PackFinder{}, // diffusers/Optimum ONNX packs: kinds image and video
	}
}
