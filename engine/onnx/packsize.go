package onnx

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
)

// modelIndex is what Kino reads of model_index.json.
type modelIndex struct {
	Class      string `json:"_class_name"`
	NameOrPath string `json:"_name_or_path"`
}

// Sizes of Stable Diffusion 1.x when a pack does not say.
const (
	defaultNative   = 512
	defaultMultiple = 64
)

// unetConfig is what Kino reads of unet/config.json (diffusers'
// UNet2DConditionModel or UNetMotionModel config).
type unetConfig struct {
	// SampleSize is the latent side the model was trained at: a number,
	// or [height, width].
	SampleSize json.RawMessage `json:"sample_size"`
	// BlockOut has one entry per resolution level; each level but the
	// last halves the latent.
	BlockOut []int `json:"block_out_channels"`
}

// readSizes sets p.Native and p.Multiple from the manifest and
// unet/config.json (absent: SD 1.x's 512 and 64).
func (p *Pack) readSizes() error {
	p.Native, p.Multiple = defaultNative, defaultMultiple
	var cfg unetConfig
	err := p.readJSON(FileUNetConfig, &cfg)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	default:
		if n := len(cfg.BlockOut); n > 0 {
			if n > 8 {
				return fmt.Errorf("block_out_channels has %d levels; a UNet has at most 8", n)
			}
			p.Multiple = LatentScale << (n - 1)
		}
		side, err := sampleSide(cfg.SampleSize)
		if err != nil {
			return err
		}
		if side > 0 {
			p.Native = side * LatentScale
		}
	}
	if p.Manifest.Resolution > 0 {
		p.Native = p.Manifest.Resolution
	}
	return nil
}

// sampleSide reads sample_size (a number or [h, w]) as the side of a
// square of the same area, in latent pixels; 0 when absent.
func sampleSide(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	var n int
	if json.Unmarshal(raw, &n) != nil {
		var hw []int
		if err := json.Unmarshal(raw, &hw); err != nil || len(hw) != 2 {
			return 0, fmt.Errorf("sample_size %s is neither a number nor [height, width]", raw)
		}
		if hw[0] < 1 || hw[1] < 1 {
			return 0, fmt.Errorf("sample_size %s is not positive", raw)
		}
		n = int(math.Sqrt(float64(hw[0]) * float64(hw[1])))
	}
	if n*LatentScale < minResolution || n*LatentScale > maxResolution {
		return 0, fmt.Errorf("sample_size %d (%d pixels) is outside %d to %d pixels", n, n*LatentScale, minResolution, maxResolution)
	}
	return n, nil
}
