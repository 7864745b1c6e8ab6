package piper

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Special phonemes of every Piper voice.
const (
	PhonemeBOS = "^" // beginning of the utterance
	PhonemePAD = "_" // between phonemes
	PhonemeEOS = "$" // end of the utterance
)

// Phoneme types a voice can declare.
const (
	// PhonemesEspeak: espeak-ng IPA, what Piper's published voices use.
	// (Voices trained on raw text codepoints are not supported.)
	PhonemesEspeak = "espeak"
)

// Scales are the three synthesis knobs a Piper graph takes: noise_scale
// (variation of the voice), length_scale (slower above 1) and noise_w
// (variation of phoneme durations).
type Scales struct {
	Noise  float32 `json:"noise_scale"`
	Length float32 `json:"length_scale"`
	NoiseW float32 `json:"noise_w"`
}

// Limits on scales: Piper's own range of sensible values, with room.
const (
	MaxNoiseScale  = 2
	MinLengthScale = 0.1
	MaxLengthScale = 10
	MaxNoiseW      = 2
)

// Validate reports scales outside the ranges the graph is trained for.
func (s Scales) Validate() error {
	bad := func(v float32) bool { return math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) }
	switch {
	case bad(s.Noise) || s.Noise < 0 || s.Noise > MaxNoiseScale:
		return fmt.Errorf("noise scale %v is outside 0 to %v", s.Noise, MaxNoiseScale)
	case bad(s.Length) || s.Length < MinLengthScale || s.Length > MaxLengthScale:
		return fmt.Errorf("length scale %v is outside %v to %v", s.Length, MinLengthScale, MaxLengthScale)
	case bad(s.NoiseW) || s.NoiseW < 0 || s.NoiseW > MaxNoiseW:
		return fmt.Errorf("noise width %v is outside 0 to %v", s.NoiseW, MaxNoiseW)
	}
	return nil
}

// Config is a voice's NAME.onnx.json, as Piper's training writes it.
type Config struct {
	SampleRate int    // audio.sample_rate
	Quality    string // audio.quality: x_low, low, medium, high
	// Espeak is the espeak-ng voice that phonemizes ("de", "en-us").
	Espeak string
	// Language is the voice's language code ("de_DE"), Family its language
	// ("de"), LanguageName its English name ("German").
	Language, Family, LanguageName string
	// Scales are the defaults from "inference".
	Scales      Scales
	PhonemeType string
	// PhonemeMap replaces a phoneme by others before ids are looked up.
	PhonemeMap map[rune][]rune
	// IDs maps a phoneme (one codepoint) to its ids.
	IDMap map[rune][]int64
	// NumSymbols is the size of the graph's phoneme table (0 when the
	// config does not say).
	NumSymbols int
	// NumSpeakers is 1 for single-speaker voices.
	NumSpeakers int
	// Speakers maps speaker names to ids.
	Speakers map[string]int
	// Notes lists oddities that do not stop the voice from speaking.
	Notes []string
}

// rawConfig mirrors the JSON.
type rawConfig struct {
	Audio struct {
		SampleRate *int   `json:"sample_rate"`
		Quality    string `json:"quality"`
	} `json:"audio"`
	Espeak struct {
		Voice string `json:"voice"`
	} `json:"espeak"`
	Language struct {
		Code        string `json:"code"`
		Family      string `json:"family"`
		NameEnglish string `json:"name_english"`
	} `json:"language"`
	Inference *struct {
		NoiseScale  *float64 `json:"noise_scale"`
		LengthScale *float64 `json:"length_scale"`
		NoiseW      *float64 `json:"noise_w"`
	} `json:"inference"`
	PhonemeType  string              `json:"phoneme_type"`
	PhonemeMap   map[string][]string `json:"phoneme_map"`
	PhonemeIDMap map[string][]int64  `json:"phoneme_id_map"`
	NumSymbols   int                 `json:"num_symbols"`
	NumSpeakers  *int                `json:"num_speakers"`
	SpeakerIDMap map[string]int      `json:"speaker_id_map"`
}

// Piper's defaults for a config without "inference".
var defaultScales = Scales{Noise: 0.667, Length: 1, NoiseW: 0.8}

// ParseConfig reads a voice config. Errors say what is wrong in words a
// person can act on; the caller adds the file name.
func ParseConfig(data []byte) (*Config, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("the file is not UTF-8 text (is it the .onnx model instead of its .onnx.json?)")
	}
	var raw rawConfig
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
	}
	c := &Config{
		Quality: raw.Audio.Quality, Espeak: strings.TrimSpace(raw.Espeak.Voice),
		Language: raw.Language.Code, Family: raw.Language.Family, LanguageName: raw.Language.NameEnglish,
		PhonemeType: raw.PhonemeType, NumSymbols: raw.NumSymbols, Speakers: raw.SpeakerIDMap,
	}
	if raw.Audio.SampleRate == nil {
		return nil, errors.New("audio.sample_rate is missing")
	}
	c.SampleRate = *raw.Audio.SampleRate
	if c.SampleRate < 1000 || c.SampleRate > 192000 {
		return nil, fmt.Errorf("audio.sample_rate %d is outside 1000 to 192000 Hz", c.SampleRate)
	}
	if c.PhonemeType == "" {
		c.PhonemeType = PhonemesEspeak
	}
	switch c.PhonemeType {
	case PhonemesEspeak:
		if c.Espeak == "" {
			return nil, errors.New("espeak.voice is missing: the voice does not say which espeak-ng voice phonemizes it")
		}
	default:
		return nil, fmt.Errorf("phoneme_type %q is not supported (Kino speaks %q voices)", c.PhonemeType, PhonemesEspeak)
	}
	if c.Family == "" {
		c.Family, _, _ = strings.Cut(c.Language, "_")
	}
	if c.Family == "" && c.Espeak != "" {
		c.Family, _, _ = strings.Cut(c.Espeak, "-")
	}
	c.Scales = defaultScales
	if in := raw.Inference; in != nil {
		if in.NoiseScale != nil {
			c.Scales.Noise = float32(*in.NoiseScale)
		}
		if in.LengthScale != nil {
			c.Scales.Length = float32(*in.LengthScale)
		}
		if in.NoiseW != nil {
			c.Scales.NoiseW = float32(*in.NoiseW)
		}
	}
	if err := c.Scales.Validate(); err != nil {
		return nil, fmt.Errorf("inference: %w", err)
	}
	if err := c.readIDs(raw.PhonemeIDMap); err != nil {
		return nil, err
	}
	if err := c.readPhonemeMap(raw.PhonemeMap); err != nil {
		return nil, err
	}
	c.NumSpeakers = 1
	if raw.NumSpeakers != nil {
		c.NumSpeakers = *raw.NumSpeakers
	}
	if c.NumSpeakers < 1 || c.NumSpeakers > 1<<20 {
		return nil, fmt.Errorf("num_speakers %d is not a speaker count", c.NumSpeakers)
	}
	for name, id := range c.Speakers {
		if id < 0 || id >= c.NumSpeakers {
			return nil, fmt.Errorf("speaker_id_map gives %q the id %d, but the voice has %d speakers (ids 0 to %d)", name, id, c.NumSpeakers, c.NumSpeakers-1)
		}
	}
	return c, nil
}

// readIDs checks and converts phoneme_id_map.
func (c *Config) readIDs(m map[string][]int64) error {
	if len(m) == 0 {
		return errors.New("phoneme_id_map is missing or empty")
	}
	c.IDMap = make(map[rune][]int64, len(m))
	var skipped []string
	for k, ids := range m {
		r, ok := onePhoneme(k)
		if !ok {
			skipped = append(skipped, fmt.Sprintf("%q", k))
			continue
		}
		if len(ids) == 0 {
			return fmt.Errorf("phoneme_id_map gives %q no id", k)
		}
		for _, id := range ids {
			if id < 0 || (c.NumSymbols > 0 && id >= int64(c.NumSymbols)) {
				return fmt.Errorf("phoneme_id_map gives %q the id %d, outside the voice's %d symbols (num_symbols)", k, id, c.NumSymbols)
			}
		}
		c.IDMap[r] = ids
	}
	for _, p := range []string{PhonemeBOS, PhonemePAD, PhonemeEOS} {
		if _, ok := c.IDMap[rune(p[0])]; !ok {
			return fmt.Errorf("phoneme_id_map has no id for %q (Piper's %s)", p, map[string]string{PhonemeBOS: "beginning", PhonemePAD: "padding", PhonemeEOS: "end"}[p])
		}
	}
	if len(skipped) > 0 {
		sort.Strings(skipped)
		c.Notes = append(c.Notes, fmt.Sprintf("phoneme_id_map entries that are not one character are never used: %s", strings.Join(skipped, " ")))
	}
	return nil
}

// readPhonemeMap checks and converts phoneme_map.
func (c *Config) readPhonemeMap(m map[string][]string) error {
	if len(m) == 0 {
		return nil
	}
	c.PhonemeMap = make(map[rune][]rune, len(m))
	for k, to := range m {
		from, ok := onePhoneme(k)
		if !ok {
			return fmt.Errorf("phoneme_map key %q is not one phoneme", k)
		}
		var out []rune
		for _, t := range to {
			r, ok := onePhoneme(t)
			if !ok {
				return fmt.Errorf("phoneme_map maps %q to %q, which is not one phoneme", k, t)
			}
			out = append(out, r)
		}
		c.PhonemeMap[from] = out
	}
	return nil
}

// onePhoneme returns the single codepoint of s after NFD normalisation
// (Piper compares phonemes as codepoints of NFD text).
func onePhoneme(s string) (rune, bool) {
	s = norm.NFD.String(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || n != len(s) || r == utf8.RuneError {
		return 0, false
	}
	return r, true
}

// SpeakerID resolves a speaker given as a name from speaker_id_map or as a
// number. "" is speaker 0.
func (c *Config) SpeakerID(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if id, ok := c.Speakers[s]; ok {
		return id, nil
	}
	var id int
	if _, err := fmt.Sscanf(s, "%d", &id); err == nil && fmt.Sprint(id) == s {
		if id < 0 || id >= c.NumSpeakers {
			return 0, fmt.Errorf("speaker %d is outside 0 to %d", id, c.NumSpeakers-1)
		}
		return id, nil
	}
	return 0, fmt.Errorf("the voice has no speaker %q (speakers: %s)", s, c.speakerList())
}

// SpeakerNames lists the named speakers in id order.
func (c *Config) SpeakerNames() []string {
	names := make([]string, 0, len(c.Speakers))
	for n := range c.Speakers {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := c.Speakers[names[i]], c.Speakers[names[j]]
		if a != b {
			return a < b
		}
		return names[i] < names[j]
	})
	return names
}

func (c *Config) speakerList() string {
	if len(c.Speakers) == 0 {
		return fmt.Sprintf("0 to %d", c.NumSpeakers-1)
	}
	var b strings.Builder
	for i, n := range c.SpeakerNames() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s=%d", n, c.Speakers[n])
	}
	return b.String()
}
