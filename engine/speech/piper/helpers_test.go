package piper

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kino/engine/onnx"
	"kino/engine/speech"
)

// Fixture voices (see testdata/README.md).
const (
	voiceDE = "de_DE-tiny-medium"
	voiceEN = "en_US-tiny_multi-low"
)

func voicePath(name string) string { return filepath.Join("testdata", "voices", name+ModelExt) }

// needRuntime fails the test with the reason when ONNX Runtime or
// espeak-ng cannot be loaded: this build promises both.
func needRuntime(t testing.TB) {
	t.Helper()
	if _, err := onnx.Load(); err != nil {
		t.Fatalf("loading ONNX Runtime: %v (run `make deps`, or set %s)", err, onnx.EnvLibrary)
	}
	if err := speech.Available(); err != nil {
		t.Fatalf("espeak-ng is needed to phonemize: %v (run `make deps`)", err)
	}
}

var sessions = struct {
	sync.Mutex
	m map[string]*Session
}{m: map[string]*Session{}}

// openVoice loads a fixture voice once per test binary.
func openVoice(t testing.TB, name string) *Session {
	t.Helper()
	needRuntime(t)
	sessions.Lock()
	defer sessions.Unlock()
	if s := sessions.m[name]; s != nil {
		return s
	}
	v, err := ReadVoice(voicePath(name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(v, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	if err != nil {
		t.Fatal(err)
	}
	sessions.m[name] = s
	return s
}

// refCase is a reference's case.json.
type refCase struct {
	Case       string    `json:"case"`
	Voice      string    `json:"voice"`
	Text       string    `json:"text"`
	Espeak     string    `json:"espeak_voice"`
	Phonemes   string    `json:"phonemes"`
	Codepoints []string  `json:"phoneme_codepoints"`
	IDs        []int64   `json:"ids"`
	SID        *int      `json:"sid"`
	Scales     []float32 `json:"scales"`
	NumSamples int       `json:"num_samples"`
	Clauses    []struct {
		Text string `json:"text"`
		IPA  string `json:"ipa"`
	} `json:"espeak_api_clauses"`
}

func readCase(t testing.TB, dir string) refCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "case.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c refCase
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return c
}

var npyHeader = regexp.MustCompile(`'descr':\s*'([<|][a-z]\d)',\s*'fortran_order':\s*(True|False).*'shape':\s*\(([\d, ]*)\)`)

// readNPY reads a little-endian numpy array of float32 or int64.
func readNPY(t testing.TB, path string) (f32 []float32, i64 []int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 10 || string(data[1:6]) != "NUMPY" {
		t.Fatalf("%s: not a .npy file", path)
	}
	var hlen, off int
	if data[6] == 1 {
		hlen, off = int(binary.LittleEndian.Uint16(data[8:])), 10
	} else {
		hlen, off = int(binary.LittleEndian.Uint32(data[8:])), 12
	}
	m := npyHeader.FindStringSubmatch(string(data[off : off+hlen]))
	if m == nil {
		t.Fatalf("%s: unreadable header %q", path, data[off:off+hlen])
	}
	n := 1
	var dims []int
	for _, d := range strings.Split(m[3], ",") {
		if d = strings.TrimSpace(d); d != "" {
			k, _ := strconv.Atoi(d)
			n *= k
			dims = append(dims, k)
		}
	}
	fortran := m[2] == "True"
	body := data[off+hlen:]
	switch m[1] {
	case "<f4":
		f32 = make([]float32, n)
		for i := range f32 {
			f32[i] = math.Float32frombits(binary.LittleEndian.Uint32(body[4*i:]))
		}
		if fortran && len(dims) == 3 { // to C order, by logical index
			c := make([]float32, n)
			for i := 0; i < dims[0]; i++ {
				for j := 0; j < dims[1]; j++ {
					for k := 0; k < dims[2]; k++ {
						c[(i*dims[1]+j)*dims[2]+k] = f32[i+dims[0]*(j+dims[1]*k)]
					}
				}
			}
			f32 = c
		} else if fortran && len(dims) > 1 {
			t.Fatalf("%s: Fortran order of rank %d", path, len(dims))
		}
	case "<i8":
		i64 = make([]int64, n)
		for i := range i64 {
			i64[i] = int64(binary.LittleEndian.Uint64(body[8*i:]))
		}
	default:
		t.Fatalf("%s: dtype %s", path, m[1])
	}
	return f32, i64
}

func codepoints(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, fmt.Sprintf("U+%04X", r))
	}
	return out
}

func nfd(s string) string { return norm.NFD.String(s) }

var sessionCPU = onnx.SessionConfig{Policy: onnx.PolicyCPU}
