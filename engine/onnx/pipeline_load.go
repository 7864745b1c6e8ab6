package onnx

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"kino/engine/files"
	"kino/engine/tokenizer"
)

// DefaultVAEScale is the latent scaling factor of Stable Diffusion 1.x and
// 2.x VAEs: latents are divided by it before decoding.
const DefaultVAEScale = 0.18215

// Pipeline runs one pack's models: tokenizer, text encoder, UNet, VAE
// decoder and, when the pack has one, VAE encoder. Its sessions are shared
// by every Generate call, which may run concurrently.
type Pipeline struct {
	Pack *Pack
	Spec *Spec
	// Provider is the execution provider the UNet runs on ("CUDA", "CPU").
	Provider string
	// Notes say why a preferred execution provider could not be used.
	Notes []string
	// Scale is the VAE's latent scaling factor.
	Scale float32

	tok                  *tokenizer.Tokenizer
	text, unet, dec, enc *model
	rgba                 *model // decoder output to RGBA frames (toRGBAModel)

	poolMu sync.Mutex
	pool   []*tensorSet
}

// maxPooledSets bounds the tensor sets kept between takes.
const maxPooledSets = 2

// takeTensors returns a tensor set for one generation, reusing a pooled one.
func (pl *Pipeline) takeTensors() *tensorSet {
	pl.poolMu.Lock()
	defer pl.poolMu.Unlock()
	if n := len(pl.pool); n > 0 {
		ts := pl.pool[n-1]
		pl.pool = pl.pool[:n-1]
		ts.next()
		return ts
	}
	return newTensorSet()
}

// putTensors returns a set to the pool (or frees it when the pool is full).
func (pl *Pipeline) putTensors(ts *tensorSet) {
	pl.poolMu.Lock()
	defer pl.poolMu.Unlock()
	if len(pl.pool) < maxPooledSets {
		pl.pool = append(pl.pool, ts)
		return
	}
	ts.destroy()
}

// LoadPipeline inspects the pack from its models' declared signatures (as
// Inspect does, without a session per model just for that) and creates
// its sessions following cfg; a model ONNX Runtime cannot load fails here,
// naming its file. Close releases them.
func LoadPipeline(p *Pack, cfg SessionConfig) (*Pipeline, error) {
	rt, err := Load()
	if err != nil {
		return nil, fmt.Errorf("loading model pack %s: %w", p.Name, err)
	}
	spec, err := inspectFiles(p)
	if err != nil {
		return nil, err
	}
	pl := &Pipeline{Pack: p, Spec: spec, Scale: DefaultVAEScale}
	fail := func(file string, err error) (*Pipeline, error) {
		pl.Close()
		return nil, &PackError{Pack: p.Name, Dir: p.Dir, File: file, Err: err}
	}
	if pl.tok, err = loadPackTokenizer(p); err != nil {
		return fail("tokenizer", err)
	}
	if s, err := vaeScale(p); err != nil {
		return fail("vae_decoder/config.json", err)
	} else if s > 0 {
		pl.Scale = s
	}
	seen := map[string]bool{}
	open := func(role, file string, in, out []string) (*model, error) {
		m, notes, err := openModel(rt, cfg, role, p.Path(file), in, out)
		for _, n := range notes {
			if !seen[n] {
				seen[n] = true
				pl.Notes = append(pl.Notes, n)
			}
		}
		return m, err
	}
	if pl.unet, err = open("UNet", FileUNet, []string{"sample", "timestep", "encoder_hidden_states"}, []string{"out_sample"}); err != nil {
		return fail(FileUNet, err)
	}
	pl.Provider = pl.unet.provider
	if err := pl.probeVideoUNet(); err != nil {
		return fail(FileUNet, err)
	}
	if pl.text, err = open("text encoder", FileTextEncoder, []string{"input_ids"}, []string{"last_hidden_state"}); err != nil {
		return fail(FileTextEncoder, err)
	}
	if pl.dec, err = open("VAE decoder", FileVAEDecoder, []string{"latent_sample"}, []string{"sample"}); err != nil {
		return fail(FileVAEDecoder, err)
	}
	if spec.Encoder != nil {
		if pl.enc, err = open("VAE encoder", FileVAEEncoder, []string{"sample"}, []string{spec.Encoder.Output}); err != nil {
			return fail(FileVAEEncoder, err)
		}
	}
	if pl.rgba, err = createModelData(cfg, "RGBA conversion", toRGBAModel(spec.Decoder.Type), []string{"sample"}, []string{"rgba"}); err != nil {
		return fail("", fmt.Errorf("building the RGBA conversion: %w", err))
	}
	if pl.Provider == "CPU" && cfg.Policy != PolicyCPU && len(pl.Notes) > 0 {
		pl.Notes = append([]string{"running on the CPU, which is much slower"}, pl.Notes...)
	}
	return pl, nil
}

// Close releases the pipeline's sessions. It must not be called while a
// Generate call is running.
func (pl *Pipeline) Close() {
	pl.poolMu.Lock()
	for _, ts := range pl.pool {
		ts.destroy()
	}
	pl.pool = nil
	pl.poolMu.Unlock()
	for _, m := range []*model{pl.text, pl.unet, pl.dec, pl.enc, pl.rgba} {
		m.close()
	}
}

// RunStats reports, per model role, how many runs the pipeline made and the
// time spent inside ONNX Runtime.
func (pl *Pipeline) RunStats() map[string]RunStat {
	out := map[string]RunStat{}
	for _, m := range []*model{pl.text, pl.unet, pl.dec, pl.enc} {
		if m != nil {
			out[m.role] = RunStat{Runs: int(m.runs.Load()), InRun: time.Duration(m.runNanos.Load()), Provider: m.provider}
		}
	}
	return out
}

// PackTokenizer loads a pack's tokenizer: tokenizer/vocab.json +
// merges.txt (or the CLIP vocabulary file), with the pad token of
// tokenizer/special_tokens_map.json. The shot inspector uses it to count a
// prompt's tokens against the text encoder's 77.
func PackTokenizer(p *Pack) (*tokenizer.Tokenizer, error) {
	tok, err := loadPackTokenizer(p)
	if err != nil {
		return nil, &PackError{Pack: p.Name, Dir: p.Dir, File: "tokenizer", Err: err}
	}
	return tok, nil
}

func loadPackTokenizer(p *Pack) (*tokenizer.Tokenizer, error) {
	if !isRegularFile(p.Path(FileVocab)) {
		return tokenizer.LoadCLIPGzip(p.Path(FileCLIPVocab))
	}
	tok, err := tokenizer.LoadHF(p.Path(FileVocab), p.Path(FileMerges))
	if err != nil {
		return nil, err
	}
	// Stable Diffusion 2 pads with "!" (id 0) instead of <|endoftext|>.
	var special struct {
		Pad json.RawMessage `json:"pad_token"`
	}
	data, err := files.ReadFile(p.Path("tokenizer/special_tokens_map.json"), files.ManifestLimit)
	if errors.Is(err, os.ErrNotExist) {
		return tok, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &special); err != nil || len(special.Pad) == 0 {
		return tok, nil // an unreadable map only loses the pad override
	}
	var pad string
	if json.Unmarshal(special.Pad, &pad) != nil {
		var obj struct {
			Content string `json:"content"`
		}
		if json.Unmarshal(special.Pad, &obj) != nil {
			return tok, nil
		}
		pad = obj.Content
	}
	if pad == "" || pad == tokenizer.EndOfText {
		return tok, nil
	}
	vocab := map[string]int{}
	vdata, err := files.ReadFile(p.Path(FileVocab), files.VocabLimit)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(vdata, &vocab); err != nil {
		return nil, fmt.Errorf("reading %s: %w", FileVocab, err)
	}
	id, ok := vocab[pad]
	if !ok {
		return nil, fmt.Errorf("pad token %q of special_tokens_map.json is not in the vocabulary", pad)
	}
	return tok.WithPad(id), nil
}

// vaeScale reads scaling_factor from vae_decoder/config.json (0 when the
// file or the key is absent).
func vaeScale(p *Pack) (float32, error) {
	data, err := files.ReadFile(p.Path("vae_decoder/config.json"), files.ManifestLimit)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var cfg struct {
		Scale float64 `json:"scaling_factor"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return 0, fmt.Errorf("not valid JSON: %w", err)
	}
	if cfg.Scale < 0 || cfg.Scale > 10 {
		return 0, fmt.Errorf("scaling_factor %g is out of range", cfg.Scale)
	}
	return float32(cfg.Scale), nil
}

// RunStat is one model's use of ONNX Runtime.
type RunStat struct {
	Runs     int
	InRun    time.Duration
	Provider string
}
