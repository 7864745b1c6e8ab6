package onnx

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for the readers of what a model pack holds: kino-model.json,
// model_index.json and unet/config.json, and the ONNX model-file walkers.
// Seed corpora are in testdata/fuzz/; `go test -fuzz FuzzX` explores.

// FuzzManifest: any kino-model.json either fails to parse or, once
// sanitized, has every field in its stated range.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"name": "Tiny", "steps": 4, "guidance": 1.5, "resolution": 512, "fps": 8}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Manifest
		if json.Unmarshal(data, &m) != nil {
			return
		}
		m.sanitize()
		switch {
		case m.Steps != 0 && (m.Steps < 1 || m.Steps > maxManifestSteps),
			m.Guidance != 0 && !(m.Guidance > 0 && m.Guidance <= maxManifestGuide),
			m.Strength != 0 && !(m.Strength > 0 && m.Strength <= 1),
			m.Resolution != 0 && (m.Resolution < minResolution || m.Resolution > maxResolution),
			m.FPS != 0 && (m.FPS < 1 || m.FPS > maxManifestFPS),
			m.KeyframeEvery != 0 && (m.KeyframeEvery < 1 || m.KeyframeEvery > maxKeyframeEvery),
			m.ContextFrames != 0 && (m.ContextFrames < 1 || m.ContextFrames > maxContextFrames),
			m.Overlap < 0 || m.Overlap >= max(m.ContextFrames, DefaultContextFrames),
			utf8.RuneCountInString(m.Name) > maxManifestText || !utf8.ValidString(m.Name),
			m.SHA256 != "" && len(m.SHA256) != 64:
			t.Fatalf("sanitize left an out-of-range manifest: %+v", m)
		}
		// What a sanitized manifest gives the pipeline must be usable.
		p := &Pack{Manifest: m, Native: defaultNative, Multiple: defaultMultiple}
		if m.Resolution > 0 {
			p.Native = m.Resolution
		}
		w, h := generationSize(UNetSpec{Height: Dynamic, Width: Dynamic}, p.Native, p.Multiple, 1920, 1080)
		if w <= 0 || h <= 0 || w*h > 4*maxResolution*maxResolution {
			t.Fatalf("generation size %dx%d from %+v", w, h, m)
		}
	})
}

// FuzzPackJSON: model_index.json and unet/config.json parse or fail, and
// the sizes read from a config are always in range.
func FuzzPackJSON(f *testing.F) {
	f.Add([]byte(`{"_class_name": "StableDiffusionPipeline", "_name_or_path": "stabilityai/sd-turbo"}`))
	f.Add([]byte(`{"sample_size": 64, "block_out_channels": [320, 640, 1280, 1280]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var idx modelIndex
		_ = json.Unmarshal(data, &idx)
		var cfg unetConfig
		if json.Unmarshal(data, &cfg) != nil {
			return
		}
		side, err := sampleSide(cfg.SampleSize)
		if err == nil && side != 0 && (side*LatentScale < minResolution || side*LatentScale > maxResolution) {
			t.Fatalf("sample_size %s gave side %d", cfg.SampleSize, side)
		}
	})
}

// FuzzModelFile: the walkers of an .onnx file end (they never read past
// the input or loop), and never panic, whatever the bytes.
func FuzzModelFile(f *testing.F) {
	f.Add(toRGBAModel(typeFloat))
	f.Add(scalarEchoModel(typeInt64))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		refs, err := walkModel(r, int64(len(data)))
		if err == nil {
			for _, ref := range refs {
				if ref.offset < 0 || ref.length < 0 {
					t.Fatalf("negative external data range %+v", ref)
				}
			}
		}
		ins, err := walkGraphInputs(r, int64(len(data)))
		if err == nil && len(ins) > maxGraphInputs {
			t.Fatalf("%d inputs", len(ins))
		}
	})
}
