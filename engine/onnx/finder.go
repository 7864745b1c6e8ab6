package onnx

import (
	"context"
	"os"
	"path/filepath"

	ort "github.com/yalue/onnxruntime_go"

	"kino/engine/models"
)

// PackFinder finds model packs for `kino models` and the Models window:
// each folder is opened (files whole, manifests in range) and its models'
// declared signatures are checked against each other and what Kino drives
// (see Inspect; ONNX Runtime itself loads them in kino doctor and when a
// take or a try needs them).
type PackFinder struct{}

var _ models.Finder = PackFinder{}

// Find lists the packs and broken pack folders in dir.
func (PackFinder) Find(ctx context.Context, dir string) []models.Entry {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []models.Entry
	for _, e := range ents {
		if e.Name()[0] == '.' {
			continue
		}
		if en, ok := (PackFinder{}).Check(ctx, filepath.Join(dir, e.Name())); ok {
			out = append(out, en)
		}
	}
	return out
}

// Check describes the pack folder at path; ok is false when path does not
// look like a pack at all (no model_index.json and none of the model
// folders).
func (PackFinder) Check(_ context.Context, path string) (models.Entry, bool) {
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		return models.Entry{}, false
	}
	looks := false
	for _, f := range []string{FileModelIndex, FileManifest, "unet", "text_encoder", "vae_decoder"} {
		if _, err := os.Lstat(filepath.Join(path, filepath.FromSlash(f))); err == nil {
			looks = true
		}
	}
	if !looks {
		return models.Entry{}, false
	}
	e := models.Entry{Name: filepath.Base(path), Kind: models.KindImage, Path: path, Size: models.DirSize(path)}
	p, err := OpenPack(path)
	if err != nil {
		e.Problem = err.Error()
		return e, true
	}
	e.Title, e.Licence, e.Notes = p.Manifest.Name, p.Licence(), p.Notes
	// The models' declared signatures, read from the files: a pack of
	// gigabytes is listed in milliseconds (Inspect would load every model;
	// kino doctor does).
	spec, err := inspectFiles(p)
	if err != nil {
		e.Problem = err.Error()
		return e, true
	}
	if spec.UNet.Video {
		e.Kind = models.KindVideo
	}
	e.Precision = precision(spec)
	e.Details = spec.String()
	e.Loads = true
	return e, true
}

// precision is "fp16" when the pack's models all take and give float16,
// "fp32" when all float32, else "mixed".
func precision(s *Spec) string {
	types := []ort.TensorElementDataType{s.Text.Out, s.UNet.Type, s.Decoder.Type}
	if s.Encoder != nil {
		types = append(types, s.Encoder.Type)
	}
	half, full := 0, 0
	for _, t := range types {
		switch t {
		case typeFloat16:
			half++
		case typeFloat:
			full++
		}
	}
	switch {
	case half == len(types):
		return "fp16"
	case full == len(types):
		return "fp32"
	}
	return "mixed"
}
