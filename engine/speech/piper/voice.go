package piper

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kino/engine/files"
)

// File names and limits.
const (
	// ModelExt and ConfigExt end a voice's two files: NAME.onnx and
	// NAME.onnx.json.
	ModelExt  = ".onnx"
	ConfigExt = ".onnx.json"
	// MaxModelBytes bounds a voice graph (Piper's "high" voices are
	// about 115 MB).
	MaxModelBytes = 512 << 20
	// MaxConfigBytes bounds a voice config (they are about 5 to 20 KB).
	MaxConfigBytes = files.ManifestLimit
)

// ErrBadVoice marks a voice whose files are missing, malformed or
// disagree with each other. Its messages name the file.
var ErrBadVoice = errors.New("unusable Piper voice")

// VoiceError is a problem with one of a voice's files.
type VoiceError struct {
	Voice string // the voice's name
	File  string // the file at fault
	Err   error
}

func (e *VoiceError) Error() string {
	return fmt.Sprintf("Piper voice %s: %s: %v", e.Voice, e.File, e.Err)
}

func (e *VoiceError) Unwrap() []error { return []error{ErrBadVoice, e.Err} }

// Voice is a voice's files, read and checked: its config, the graph's
// bytes and their hash. It holds no ONNX Runtime session; Library loads
// one per voice.
type Voice struct {
	Name       string
	ModelPath  string
	ConfigPath string
	Config     *Config
	// SHA256 is the hex SHA-256 of the .onnx file, ConfigSHA256 of the
	// .onnx.json: a take records both, so changing either makes it stale.
	SHA256, ConfigSHA256 string
	// Size is the two files' size in bytes.
	Size int64
	// Stamp is the two files' sizes and modification times, to notice a
	// changed voice without hashing it again.
	Stamp string
	// Notes are oddities that do not stop the voice from speaking.
	Notes []string

	data  []byte // the graph, until a session is made from it
	graph *graphInfo
	// noise replaces the seeded noise tables (tests compare with PyTorch's
	// noise): one per RandomNormalLike node, in graph order.
	noise [][]float32
}

// NameOf returns the voice name of a model or config path:
// "x/de_DE-thorsten-medium.onnx.json" → "de_DE-thorsten-medium".
func NameOf(path string) string {
	base := filepath.Base(path)
	if n, ok := strings.CutSuffix(base, ConfigExt); ok {
		return n
	}
	n, _ := strings.CutSuffix(base, ModelExt)
	return n
}

// stampOf describes the files by size and modification time.
func stampOf(paths ...string) (string, int64, error) {
	var b strings.Builder
	var total int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return "", 0, err
		}
		fmt.Fprintf(&b, "%d:%d;", fi.Size(), fi.ModTime().UnixNano())
		total += fi.Size()
	}
	return b.String(), total, nil
}

// ReadVoice reads and checks the voice whose graph is at modelPath (its
// config is modelPath + ".json"): the config parses and makes sense, the
// graph is an ONNX model whose inputs are Piper's (input, input_lengths,
// scales, and sid exactly when the config has several speakers), and the
// config's symbol and speaker counts fit the graph's tables. Errors are
// *VoiceError values naming the file.
func ReadVoice(modelPath string) (*Voice, error) {
	v := &Voice{Name: NameOf(modelPath), ModelPath: modelPath, ConfigPath: modelPath + ".json"}
	cfgName, modelName := filepath.Base(v.ConfigPath), filepath.Base(modelPath)
	fail := func(file string, err error) (*Voice, error) {
		return nil, &VoiceError{Voice: v.Name, File: file, Err: err}
	}
	stamp, size, err := stampOf(v.ModelPath, v.ConfigPath)
	if err != nil {
		switch {
		case errors.Is(err, os.ErrNotExist) && !exists(v.ConfigPath):
			return fail(cfgName, errors.New("the config is missing: a Piper voice is NAME.onnx with NAME.onnx.json beside it"))
		case errors.Is(err, os.ErrNotExist):
			return fail(modelName, errors.New("the model is missing: a Piper voice is NAME.onnx with NAME.onnx.json beside it"))
		}
		return fail(modelName, err)
	}
	v.Stamp, v.Size = stamp, size
	cfgData, err := files.ReadFile(v.ConfigPath, MaxConfigBytes)
	if err != nil {
		return fail(cfgName, err)
	}
	if v.Config, err = ParseConfig(cfgData); err != nil {
		return fail(cfgName, err)
	}
	v.Notes = append(v.Notes, v.Config.Notes...)
	v.data, err = files.ReadFile(v.ModelPath, MaxModelBytes)
	if err != nil {
		return fail(modelName, err)
	}
	if len(v.data) == 0 {
		return fail(modelName, errors.New("the file is empty (still being copied?)"))
	}
	if v.graph, err = readGraph(v.data); err != nil {
		return fail(modelName, err)
	}
	sum := sha256.Sum256(v.data)
	v.SHA256 = hex.EncodeToString(sum[:])
	sum = sha256.Sum256(cfgData)
	v.ConfigSHA256 = hex.EncodeToString(sum[:])
	if err := v.check(); err != nil {
		return fail(modelName+" and "+cfgName, err)
	}
	return v, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Graph input and output names of a Piper voice.
const (
	inputIDs     = "input"
	inputLengths = "input_lengths"
	inputScales  = "scales"
	inputSpeaker = "sid"
	outputAudio  = "output"
)

// check compares the config with the graph.
func (v *Voice) check() error {
	g, c := v.graph, v.Config
	for _, in := range []string{inputIDs, inputLengths, inputScales} {
		if !g.hasInput(in) {
			return fmt.Errorf("the graph has no %q input (its inputs: %s); it is not a Piper voice", in, strings.Join(g.inputs, ", "))
		}
	}
	for _, in := range g.inputs {
		switch in {
		case inputIDs, inputLengths, inputScales, inputSpeaker:
		default:
			return fmt.Errorf("the graph has an input %q that Piper voices do not have", in)
		}
	}
	if len(g.outputs) == 0 {
		return errors.New("the graph has no output")
	}
	multi := g.hasInput(inputSpeaker)
	switch {
	case c.NumSpeakers > 1 && !multi:
		return fmt.Errorf("the config says %d speakers (num_speakers) but the graph has no %q input: it is a single-speaker graph", c.NumSpeakers, inputSpeaker)
	case c.NumSpeakers <= 1 && multi:
		return fmt.Errorf("the config says 1 speaker (num_speakers) but the graph takes a %q input: it is a multi-speaker graph", inputSpeaker)
	}
	if dims, ok := g.lookup[inputIDs]; ok && len(dims) == 2 {
		table := dims[0]
		if c.NumSymbols > 0 && int64(c.NumSymbols) != table {
			return fmt.Errorf("the config says %d phoneme symbols (num_symbols) but the graph's phoneme table has %d", c.NumSymbols, table)
		}
		for r, ids := range c.IDMap {
			for _, id := range ids {
				if id >= table {
					return fmt.Errorf("phoneme_id_map gives %q the id %d, but the graph's phoneme table has only %d entries", string(r), id, table)
				}
			}
		}
	} else {
		v.Notes = append(v.Notes, "could not find the graph's phoneme table to check num_symbols against")
	}
	if multi {
		if dims, ok := g.lookup[inputSpeaker]; ok && len(dims) == 2 && dims[0] != int64(c.NumSpeakers) {
			return fmt.Errorf("the config says %d speakers (num_speakers) but the graph's speaker table has %d", c.NumSpeakers, dims[0])
		}
	}
	return nil
}

// MultiSpeaker reports whether the voice takes a speaker id.
func (v *Voice) MultiSpeaker() bool { return v.graph.hasInput(inputSpeaker) }
