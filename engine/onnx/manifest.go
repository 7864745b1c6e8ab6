package onnx

import (
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Ranges of kino-model.json's fields. A value outside its range is not
// used: the field falls back to its default and the pack carries a note
// saying so (doctor prints it), so an odd manifest can neither crash a
// generation nor pass unnoticed.
const (
	maxManifestText   = 200 // runes of name and licence
	maxNegativePrompt = 8 << 10
	minResolution     = 64
	maxResolution     = 2048
	maxManifestSteps  = 150
	maxManifestGuide  = 30
	maxManifestFPS    = 60
	maxKeyframeEvery  = 600
	maxContextFrames  = 64
)

// sanitize checks every field of m against its range, resets the ones
// outside it, and returns a note per field it reset or cut.
func (m *Manifest) sanitize() []string {
	var notes []string
	bad := func(field string, v any, want string) {
		notes = append(notes, fmt.Sprintf("%s: %s %v is outside %s; ignored", FileManifest, field, v, want))
	}
	cut := func(field string, s *string, n int) {
		if !utf8.ValidString(*s) {
			notes = append(notes, fmt.Sprintf("%s: %s is not valid UTF-8; ignored", FileManifest, field))
			*s = ""
			return
		}
		if utf8.RuneCountInString(*s) > n {
			r := []rune(*s)
			*s = string(r[:n])
			notes = append(notes, fmt.Sprintf("%s: %s is longer than %d characters; cut", FileManifest, field, n))
		}
	}
	cut("name", &m.Name, maxManifestText)
	cut("licence", &m.Licence, maxManifestText)
	cut("license", &m.License, maxManifestText)
	cut("negative_prompt", &m.NegativePrompt, maxNegativePrompt)
	if m.Steps != 0 && (m.Steps < 1 || m.Steps > maxManifestSteps) {
		bad("steps", m.Steps, fmt.Sprintf("1 to %d", maxManifestSteps))
		m.Steps = 0
	}
	if m.Guidance != 0 && !(m.Guidance > 0 && m.Guidance <= maxManifestGuide) {
		bad("guidance", m.Guidance, fmt.Sprintf("0 to %d", maxManifestGuide))
		m.Guidance = 0
	}
	if m.Strength != 0 && !(m.Strength > 0 && m.Strength <= 1) {
		bad("strength", m.Strength, "0 to 1")
		m.Strength = 0
	}
	if m.Resolution != 0 && (m.Resolution < minResolution || m.Resolution > maxResolution) {
		bad("resolution", m.Resolution, fmt.Sprintf("%d to %d pixels", minResolution, maxResolution))
		m.Resolution = 0
	}
	if m.FPS != 0 && (m.FPS < 1 || m.FPS > maxManifestFPS) {
		bad("fps", m.FPS, fmt.Sprintf("1 to %d", maxManifestFPS))
		m.FPS = 0
	}
	if m.KeyframeEvery != 0 && (m.KeyframeEvery < 1 || m.KeyframeEvery > maxKeyframeEvery) {
		bad("keyframe_every", m.KeyframeEvery, fmt.Sprintf("1 to %d frames", maxKeyframeEvery))
		m.KeyframeEvery = 0
	}
	if m.ContextFrames != 0 && (m.ContextFrames < 1 || m.ContextFrames > maxContextFrames) {
		bad("context_frames", m.ContextFrames, fmt.Sprintf("1 to %d", maxContextFrames))
		m.ContextFrames = 0
	}
	ctx := m.ContextFrames
	if ctx == 0 {
		ctx = DefaultContextFrames
	}
	if m.Overlap != 0 && (m.Overlap < 0 || m.Overlap >= ctx) {
		bad("overlap", m.Overlap, fmt.Sprintf("0 to %d (below context_frames)", ctx-1))
		m.Overlap = 0
	}
	if m.SHA256 != "" {
		h := strings.TrimPrefix(strings.ToLower(m.SHA256), "sha256:")
		if _, err := hex.DecodeString(h); err != nil || len(h) != 64 {
			notes = append(notes, fmt.Sprintf("%s: sha256 is not 64 hexadecimal digits; ignored", FileManifest))
			m.SHA256 = ""
		} else {
			m.SHA256 = h
		}
	}
	return notes
}
