package app

import (
	"context"
	"fmt"
	"image"
	"strconv"

	"kino/engine"
	"kino/engine/models"
	"kino/engine/onnx"
	kwidget "kino/ui/widget"
)

// studioModels is the models folder as the studio's Models window uses
// it: package models with the finders of modelFinders, and trying a pack
// on the shared ONNX backend's sessions.
type studioModels struct {
	nn *onnx.Backend // nil when this build has no model-pack engine
}

var _ kwidget.ModelLibrary = (*studioModels)(nil)

func (m *studioModels) Dir() string { return ModelsDir() }

func (m *studioModels) List(ctx context.Context) []models.Entry {
	return models.List(ctx, ModelsDir(), modelFinders())
}

func (m *studioModels) AddFolder(ctx context.Context, path string, progress func(models.Progress)) (models.Entry, error) {
	e, err := models.AddFolder(ctx, path, ModelsDir(), "", modelFinders(), progress)
	m.rescan()
	return e, err
}

func (m *studioModels) Download(ctx context.Context, url string, progress func(models.Progress)) (models.Entry, error) {
	e, err := models.Download(ctx, url, ModelsDir(), models.DownloadOptions{Progress: progress, Finders: modelFinders()})
	m.rescan()
	return e, err
}

func (m *studioModels) Remove(name string) error {
	err := models.Remove(ModelsDir(), name)
	m.rescan()
	return err
}

func (m *studioModels) rescan() {
	if m.nn != nil {
		m.nn.Rescan()
	}
}

func (m *studioModels) Try(ctx context.Context, name, prompt string, seed uint64, progress engine.ProgressFunc) (image.Image, string, error) {
	if m.nn == nil {
		return nil, "", fmt.Errorf("this Kino has no model-pack engine")
	}
	res, err := m.nn.Try(ctx, name, onnx.TryOptions{Prompt: prompt, Seed: seed, Progress: progress})
	if err != nil {
		return nil, "", err
	}
	info := fmt.Sprintf("%dx%d, %d steps, guidance %s, seed %d: generated in %s (%.2f steps/s), sessions ready in %s",
		res.Width, res.Height, res.Steps, strconv.FormatFloat(res.Guidance, 'g', -1, 64), seed,
		res.Stats.Wall.Round(1e6), float64(res.Steps)/res.Stats.Wall.Seconds(), res.Load.Round(1e6))
	return res.Image, info, nil
}
