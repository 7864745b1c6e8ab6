package onnx

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kino/engine/files"
	"kino/engine/schedule"
)

// A model pack is one folder in a models folder, laid out as diffusers and
// Optimum export Stable Diffusion to ONNX (OnnxStack's AnimateDiff export
// too, which differs only in its UNet):
//
//	model_index.json               the pipeline's parts (optional here)
//	text_encoder/model.onnx        input_ids [B,77] -> last_hidden_state
//	unet/model.onnx (+ .onnx_data) sample, timestep, encoder_hidden_states -> out_sample
//	vae_decoder/model.onnx         latent_sample -> sample
//	vae_encoder/model.onnx         sample -> latent_sample (optional: refine needs it)
//	tokenizer/vocab.json + merges.txt (or bpe_simple_vocab_16e6.txt.gz)
//	scheduler/scheduler_config.json (optional: Stable Diffusion 1.x defaults)
//	kino-model.json                Kino's own notes on the pack (optional)

// Files of a pack, relative to its folder.
const (
	FileModelIndex  = "model_index.json"
	FileManifest    = "kino-model.json"
	FileTextEncoder = "text_encoder/model.onnx"
	FileUNet        = "unet/model.onnx"
	FileVAEDecoder  = "vae_decoder/model.onnx"
	FileVAEEncoder  = "vae_encoder/model.onnx"
	FileVocab       = "tokenizer/vocab.json"
	FileMerges      = "tokenizer/merges.txt"
	FileCLIPVocab   = "tokenizer/bpe_simple_vocab_16e6.txt.gz"
	FileScheduler   = "scheduler/scheduler_config.json"
	FileUNetConfig  = "unet/config.json"
)

// Manifest is a pack's optional kino-model.json.
type Manifest struct {
	// Name is the name people see; the folder name when empty.
	Name string `json:"name,omitempty"`
	// Licence names the model's licence, e.g. "CreativeML OpenRAIL-M".
	// "license" is read too.
	Licence string `json:"licence,omitempty"`
	License string `json:"license,omitempty"`
	// Steps, Guidance and Scheduler are the pack's defaults. Scheduler is a
	// sampler kind ("euler", "euler_a", "ddim", "lcm", "flow_euler") or a
	// diffusers class name.
	Steps     int     `json:"steps,omitempty"`
	Guidance  float64 `json:"guidance,omitempty"`
	Scheduler string  `json:"scheduler,omitempty"`
	// Strength is the default refine strength (0: no refine unless asked).
	Strength float64 `json:"strength,omitempty"`
	// NegativePrompt is used when a request has none.
	NegativePrompt string `json:"negative_prompt,omitempty"`
	// SHA256 is the model's hash for provenance; it goes into ClipInfo.
	SHA256 string `json:"sha256,omitempty"`
	// Resolution is the side, in pixels, of the square the model was
	// trained at (512 for Stable Diffusion 1.x); frames are generated with
	// about that many pixels and the request's aspect ratio.
	Resolution int `json:"resolution,omitempty"`
	// FPS is the rate at which a video model generates frames (8 for
	// AnimateDiff); the clip holds each generated frame as needed.
	FPS int `json:"fps,omitempty"`
	// KeyframeEvery is how many clip frames one image-model keyframe
	// covers (default: one second's worth).
	KeyframeEvery int `json:"keyframe_every,omitempty"`
	// ContextFrames and Overlap set a video model's context window
	// (default 16 frames, overlapping by 4).
	ContextFrames int `json:"context_frames,omitempty"`
	Overlap       int `json:"overlap,omitempty"`
}

// Pack is a model pack that has all its files in place.
type Pack struct {
	// Name is the pack's folder name: what Request.Model names.
	Name string
	// Dir is the pack's folder.
	Dir string
	// Manifest is the pack's kino-model.json, or the zero Manifest.
	Manifest Manifest
	// Scheduler is the pack's scheduler_config.json (or the defaults).
	Scheduler schedule.Config
	// Pipeline is the _class_name of model_index.json, "" without one.
	Pipeline string
	// HasEncoder reports whether the pack has a VAE encoder (refine needs it).
	HasEncoder bool
	// Notes are things about the pack a person should know, such as a
	// missing scheduler config; every clip made with it carries them.
	Notes []string
	// Native is the side in pixels of the square area the model was
	// trained at (kino-model.json's resolution, else unet/config.json's
	// sample_size × 8, else 512); Multiple is what each side of a frame
	// must be a multiple of for the UNet (8 × 2^(down blocks − 1), from
	// unet/config.json, else 64).
	Native, Multiple int
	// NameOrPath is model_index.json's _name_or_path ("" when absent),
	// the repository the pack was exported from.
	NameOrPath string
}

// DisplayName returns the manifest's name, or the folder name.
func (p *Pack) DisplayName() string {
	if p.Manifest.Name != "" {
		return p.Manifest.Name
	}
	return p.Name
}

// Licence returns the manifest's licence, "" when unknown.
func (p *Pack) Licence() string {
	if p.Manifest.Licence != "" {
		return p.Manifest.Licence
	}
	return p.Manifest.License
}

// Path returns the absolute path of a pack file such as FileUNet.
func (p *Pack) Path(file string) string { return filepath.Join(p.Dir, filepath.FromSlash(file)) }

// PackError says why a folder is not a usable pack.
type PackError struct {
	// Pack is the folder's name, Dir its path.
	Pack, Dir string
	// File is the pack file at fault ("" for the pack as a whole).
	File string
	// Err is what is wrong with it.
	Err error
}

// Error names the pack and the file at fault.
func (e *PackError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("model pack %s: %v", e.Pack, e.Err)
	}
	return fmt.Sprintf("model pack %s: %s: %v", e.Pack, e.File, e.Err)
}

// Unwrap returns what is wrong.
func (e *PackError) Unwrap() error { return e.Err }

// Incomplete reports whether the pack looks half-copied (files missing or
// cut short) rather than wrong.
func (e *PackError) Incomplete() bool {
	return errors.Is(e.Err, ErrIncomplete) || errors.Is(e.Err, os.ErrNotExist)
}

// OpenPack reads the pack in dir and checks that its files are in place
// and whole: the required models exist and are complete ONNX files (their
// external weights included), and the JSON files parse. It does not load
// any model; Inspect does.
func OpenPack(dir string) (*Pack, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("opening model pack %s: %w", dir, err)
	}
	p := &Pack{Name: filepath.Base(abs), Dir: abs, Scheduler: schedule.DefaultConfig()}
	fail := func(file string, err error) (*Pack, error) {
		return nil, &PackError{Pack: p.Name, Dir: abs, File: file, Err: err}
	}
	if fi, err := os.Stat(abs); err != nil {
		return fail("", err)
	} else if !fi.IsDir() {
		return fail("", errors.New("not a folder"))
	}
	if err := p.readJSON(FileManifest, &p.Manifest); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fail(FileManifest, err)
	}
	p.Notes = append(p.Notes, p.Manifest.sanitize()...)
	var index modelIndex
	switch err := p.readJSON(FileModelIndex, &index); {
	case err == nil:
		p.Pipeline, p.NameOrPath = index.Class, index.NameOrPath
	case !errors.Is(err, os.ErrNotExist):
		return fail(FileModelIndex, err)
	}
	var missing []string
	for _, f := range []string{FileTextEncoder, FileUNet, FileVAEDecoder, FileVAEEncoder, FileVocab, FileMerges, FileCLIPVocab} {
		if fi, err := os.Stat(p.Path(f)); err == nil && !fi.Mode().IsRegular() {
			return fail(f, fmt.Errorf("not a regular file (%s); a pack holds only regular files", fi.Mode().Type()))
		}
	}
	for _, f := range []string{FileTextEncoder, FileUNet, FileVAEDecoder} {
		if !isRegularFile(p.Path(f)) {
			missing = append(missing, f)
		}
	}
	hf := isRegularFile(p.Path(FileVocab)) && isRegularFile(p.Path(FileMerges))
	if !hf && !isRegularFile(p.Path(FileCLIPVocab)) {
		missing = append(missing, FileVocab+" and "+FileMerges)
	}
	if len(missing) > 0 {
		return fail("", fmt.Errorf("missing %s: %w", strings.Join(missing, ", "), ErrIncomplete))
	}
	p.HasEncoder = isRegularFile(p.Path(FileVAEEncoder))
	models := []string{FileTextEncoder, FileUNet, FileVAEDecoder}
	if p.HasEncoder {
		models = append(models, FileVAEEncoder)
	}
	for _, f := range models {
		if err := checkModelFile(p.Path(f)); err != nil {
			return fail(f, err)
		}
	}
	if err := p.readSizes(); err != nil {
		return fail(FileUNetConfig, err)
	}
	switch data, err := files.ReadFile(p.Path(FileScheduler), files.ManifestLimit); {
	case err == nil:
		cfg, err := schedule.ParseConfig(data)
		if err != nil {
			return fail(FileScheduler, err)
		}
		if _, ok := schedule.KindForClass(cfg.ClassName); !ok && cfg.ClassName != "" && !schedule.EulerSubstitutes(cfg.ClassName) {
			return fail(FileScheduler, fmt.Errorf("unknown scheduler class %q (Kino samples EulerDiscrete, EulerAncestralDiscrete, DDIM, LCM and FlowMatchEulerDiscrete, and the other diffusers schedulers with Euler)", cfg.ClassName))
		}
		p.Scheduler = cfg
	case errors.Is(err, os.ErrNotExist):
		p.Notes = append(p.Notes, "no "+FileScheduler+": using the Stable Diffusion 1.x schedule")
	default:
		return fail(FileScheduler, err)
	}
	if _, err := p.SamplerKind(""); err != nil {
		return fail(FileManifest, err)
	}
	return p, nil
}

// readJSON reads a pack's JSON file into v: a regular file of at most
// files.ManifestLimit bytes (a FIFO or device is refused without blocking).
func (p *Pack) readJSON(file string, v any) error {
	data, err := files.ReadFile(p.Path(file), files.ManifestLimit)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("not valid JSON: %w", err)
	}
	return nil
}

// SamplerKind picks the sampler: name when given (a kind or a diffusers
// class), else the manifest's choice, else the scheduler config's class.
// A class Kino has no sampler for (PNDM, DPM-Solver, ...) falls back to
// Euler, which samples the same noise schedule.
func (p *Pack) SamplerKind(name string) (schedule.Kind, error) {
	if name == "" {
		name = p.Manifest.Scheduler
	}
	if name != "" {
		if k, ok := samplerByName(name); ok {
			return k, nil
		}
		return "", fmt.Errorf("unknown scheduler %q (want euler, euler_a, ddim, lcm, flow_euler or a diffusers class)", name)
	}
	if k, ok := schedule.KindForClass(p.Scheduler.ClassName); ok {
		return k, nil
	}
	return schedule.Euler, nil
}

func samplerByName(name string) (schedule.Kind, bool) {
	switch k := schedule.Kind(strings.ToLower(name)); k {
	case schedule.Euler, schedule.EulerAncestral, schedule.DDIM, schedule.LCM, schedule.FlowEuler:
		return k, true
	}
	return schedule.KindForClass(name)
}

// Rejected is a folder in a models folder that is not a usable pack.
type Rejected struct {
	Name, Dir string
	Err       error
}

// ScanDirs lists the packs in each models folder (one pack per
// sub-folder), in folder order and then by name. Folders that are not
// usable packs are returned with why; hidden folders (".name") are
// ignored. A pack whose name an earlier folder already had is rejected.
// A models folder that does not exist is skipped.
func ScanDirs(dirs ...string) ([]*Pack, []Rejected) {
	var packs []*Pack
	var rejected []Rejected
	seen := map[string]string{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				rejected = append(rejected, Rejected{Name: filepath.Base(dir), Dir: dir, Err: fmt.Errorf("reading models folder %s: %w", dir, err)})
			}
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			path := filepath.Join(dir, name)
			if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
				continue // loose files in the models folder are not packs
			}
			if isVoiceFolder(path) {
				continue // a Piper voice's folder (engine/speech/piper lists voices)
			}
			if other, ok := seen[name]; ok {
				rejected = append(rejected, Rejected{Name: name, Dir: path, Err: fmt.Errorf("model pack %s: a pack of the same name is in %s", name, other)})
				continue
			}
			p, err := OpenPack(path)
			if err != nil {
				rejected = append(rejected, Rejected{Name: name, Dir: path, Err: err})
				continue
			}
			seen[name] = dir
			packs = append(packs, p)
		}
	}
	return packs, rejected
}
