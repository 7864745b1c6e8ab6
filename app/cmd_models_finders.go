package app

import (
	"kino/engine/models"
	"kino/engine/onnx"
)

// modelFinders lists the kinds of models Kino installs, in one place:
// `kino models` and the studio's Models window ask each in turn. A new
// kind (Piper voices, say) adds its finder here.
func modelFinders() []models.Finder {
	return []models.Finder{
		onnx.PackFinder{}, // diffusers/Optimum ONNX packs: kinds image and video
	}
}
