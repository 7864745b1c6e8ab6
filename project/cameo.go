package project

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Handle rules: "@" then 2 to 30 of a-z, 0-9, "_" or ".", starting with a letter.
const (
	MinHandleLength     = 2
	MaxHandleLength     = 30
	MaxAppearanceLength = 1000
	MaxCameoImages      = 8
)

// NormalizeHandle lower-cases h, trims it and adds the leading "@".
func NormalizeHandle(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if !strings.HasPrefix(h, "@") {
		h = "@" + h
	}
	return h
}

// ValidateHandle reports whether h is a well-formed, normalised handle.
func ValidateHandle(h string) error {
	if !strings.HasPrefix(h, "@") {
		return Errorf(EINVALID, "handle %q must start with @", h)
	}
	name := h[1:]
	if n := len(name); n < MinHandleLength || n > MaxHandleLength {
		return Errorf(EINVALID, "handle %q must have %d to %d characters after @", h, MinHandleLength, MaxHandleLength)
	}
	if name[0] < 'a' || name[0] > 'z' {
		return Errorf(EINVALID, "handle %q must start with a letter a-z after @", h)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			return Errorf(EINVALID, "handle %q may only use a-z, 0-9, _ and .", h)
		}
	}
	return nil
}

// ConsentScope says where a cameo's owner allows it to be used.
type ConsentScope string

// Consent scopes.
const (
	ConsentThisProject ConsentScope = "this-project"
	ConsentAnyProject  ConsentScope = "any-project"
)

// Consent records the permission of the person a cameo depicts.
type Consent struct {
	ID        string       `json:"id"` // stable id of this consent record
	Owner     string       `json:"owner"`
	Scope     ConsentScope `json:"scope"`
	ProjectID string       `json:"project_id,omitempty"` // with ConsentThisProject
	GrantedAt time.Time    `json:"granted_at"`
	Expires   time.Time    `json:"expires,omitzero"` // zero: never expires
	Revoked   bool         `json:"revoked"`
	RevokedAt time.Time    `json:"revoked_at,omitzero"`

	// The signed part (see consent_record.go). Seq orders the records of
	// one consent: a revocation or a new grant has a higher Seq.
	Seq uint64 `json:"seq"`
	// ImageSHA256 is the likeness the consent covers: the cameo's main
	// reference image ("" for a cameo without one).
	ImageSHA256 string `json:"image_sha256,omitempty"`
	// SelfAttested is set when the record was signed by this machine's
	// user on the depicted person's behalf (a cameo added without --self,
	// or one that existed before consent was signed), not by the person.
	SelfAttested bool   `json:"self_attested,omitempty"`
	Key          []byte `json:"key,omitempty"`       // the signer's Ed25519 public key
	Signature    []byte `json:"signature,omitempty"` // Ed25519 over SignedBytes
}

// Validate reports whether c is a complete consent record.
func (c Consent) Validate() error {
	if strings.TrimSpace(c.Owner) == "" {
		return Errorf(EINVALID, "consent needs the name of the person who gave it")
	}
	if utf8.RuneCountInString(c.Owner) > 200 {
		return Errorf(EINVALID, "consent owner name is longer than 200 characters")
	}
	switch c.Scope {
	case ConsentAnyProject:
	case ConsentThisProject:
		if c.ProjectID == "" {
			return Errorf(EINVALID, "consent for one project must name that project")
		}
	default:
		return Errorf(EINVALID, "consent scope %q is not %q or %q", c.Scope, ConsentThisProject, ConsentAnyProject)
	}
	if !c.Expires.IsZero() && !c.GrantedAt.IsZero() && !c.Expires.After(c.GrantedAt) {
		return Errorf(EINVALID, "consent expires before it was given")
	}
	return nil
}

// Allows returns nil when c permits using the cameo with handle h in the
// project projectID at time now, and an ECONSENT error saying why not
// otherwise.
func (c Consent) Allows(h, projectID string, now time.Time) error {
	switch {
	case c.Revoked:
		return Errorf(ECONSENT, "%s's consent was revoked by %s; the cameo can no longer be used", h, c.Owner)
	case !c.Expires.IsZero() && !now.Before(c.Expires):
		return Errorf(ECONSENT, "%s's consent from %s expired on %s", h, c.Owner, c.Expires.Format("2006-01-02"))
	case c.Scope == ConsentThisProject && c.ProjectID != projectID:
		return Errorf(ECONSENT, "%s's consent from %s covers another project only", h, c.Owner)
	case c.Scope != ConsentThisProject && c.Scope != ConsentAnyProject:
		return Errorf(ECONSENT, "%s has no valid consent on record", h)
	}
	return nil
}

// Voice is how a cameo speaks: with an espeak-ng voice (Language,
// Variant, Pitch), or with a neural voice model (Model, Speaker) that
// speaks the cameo's Language, espeak-ng standing in for lines the model
// cannot speak. Rate is the speaking rate either way.
type Voice struct {
	Language string `json:"language"`          // espeak-ng voice, e.g. "en", "de"
	Variant  string `json:"variant,omitempty"` // e.g. "f3"
	Pitch    int    `json:"pitch"`             // 0..100, 50 neutral
	Rate     int    `json:"rate"`              // words per minute, 80..450
	// Model is "piper:NAME" for the installed Piper voice NAME; empty
	// for espeak-ng.
	Model string `json:"model,omitempty"`
	// Speaker is the speaker id of a multi-speaker model.
	Speaker int `json:"speaker,omitempty"`
}

// PiperPrefix starts Voice.Model for a Piper voice.
const PiperPrefix = "piper:"

// Limits of a voice model reference.
const (
	MaxVoiceModelName = 100
	MaxVoiceSpeaker   = 1 << 16
)

// Piper returns the name of v's Piper voice, or "" when v is espeak-ng.
func (v Voice) Piper() string {
	name, _ := strings.CutPrefix(v.Model, PiperPrefix)
	if name == v.Model {
		return ""
	}
	return name
}

// Spec writes v's voice as `--voice` takes it: "piper:NAME" or
// "piper:NAME#2" for a model, else the espeak-ng language ("en", "en+f3").
func (v Voice) Spec() string {
	if v.Model != "" {
		if v.Speaker != 0 {
			return v.Model + "#" + strconv.Itoa(v.Speaker)
		}
		return v.Model
	}
	if v.Variant != "" {
		return v.Language + "+" + v.Variant
	}
	return v.Language
}

// ParseVoiceModel reads "piper:NAME" or "piper:NAME#SPEAKER". ok is false
// when s does not start with "piper:" (an espeak-ng voice). speaker is
// what follows "#", a number or a speaker's name, for the caller to
// resolve against the installed voice.
func ParseVoiceModel(s string) (model, speaker string, ok bool, err error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(strings.ToLower(s), PiperPrefix) {
		return "", "", false, nil
	}
	rest := s[len(PiperPrefix):]
	name, speaker, _ := strings.Cut(rest, "#")
	model = PiperPrefix + name
	if err := checkVoiceModel(model); err != nil {
		return "", "", true, err
	}
	return model, strings.TrimSpace(speaker), true, nil
}

// checkVoiceModel accepts "" or "piper:NAME" with a file-name-safe NAME.
func checkVoiceModel(m string) error {
	if m == "" {
		return nil
	}
	name, ok := strings.CutPrefix(m, PiperPrefix)
	if !ok {
		return Errorf(EINVALID, "voice model %q is not piper:NAME", m)
	}
	if name == "" || len(name) > MaxVoiceModelName || name[0] == '.' {
		return Errorf(EINVALID, "Piper voice name %q must be 1 to %d characters, not starting with a dot", name, MaxVoiceModelName)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return Errorf(EINVALID, "Piper voice name %q may only use letters, digits, -, _ and . (it is the file name without .onnx)", name)
		}
	}
	return nil
}

// DefaultVoice is a neutral English voice.
var DefaultVoice = Voice{Language: "en", Pitch: 50, Rate: 175}

// Validate reports whether v's settings are in range.
func (v Voice) Validate() error {
	if v.Language == "" || len(v.Language) > 32 {
		return Errorf(EINVALID, "voice language %q must be a short language name such as en or de", v.Language)
	}
	for _, r := range v.Language + v.Variant {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '+') {
			return Errorf(EINVALID, "voice %q has characters other than letters, digits and -_+", v.Language+v.Variant)
		}
	}
	if v.Pitch < 0 || v.Pitch > 100 {
		return Errorf(EINVALID, "voice pitch %d is outside 0 to 100", v.Pitch)
	}
	if v.Rate < 80 || v.Rate > 450 {
		return Errorf(EINVALID, "voice rate %d is outside 80 to 450 words per minute", v.Rate)
	}
	if err := checkVoiceModel(v.Model); err != nil {
		return err
	}
	if v.Speaker < 0 || v.Speaker >= MaxVoiceSpeaker || (v.Model == "" && v.Speaker != 0) {
		return Errorf(EINVALID, "voice speaker %d must be 0 to %d, and 0 without a voice model", v.Speaker, MaxVoiceSpeaker-1)
	}
	return nil
}

// Cameo is a reusable character made from a person's likeness and voice,
// used only with that person's consent.
type Cameo struct {
	ID         string    `json:"id"` // stable across the library and project snapshots
	Handle     string    `json:"handle"`
	Name       string    `json:"name"`
	Appearance string    `json:"appearance,omitempty"`
	Images     []Asset   `json:"images,omitempty"` // reference images; the first is the main one
	Voice      Voice     `json:"voice"`
	Consent    Consent   `json:"consent"`
	IsSelf     bool      `json:"is_self,omitempty"` // "I", "me", "ich", "mich" in prompts mean this cameo
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Clone returns a deep copy of c.
func (c *Cameo) Clone() *Cameo {
	d := *c
	d.Images = append([]Asset(nil), c.Images...)
	d.Consent.Key = append([]byte(nil), c.Consent.Key...)
	d.Consent.Signature = append([]byte(nil), c.Consent.Signature...)
	return &d
}

// MainImage returns the SHA-256 of the cameo's main reference image, or ""
// when it has none. A signed consent covers this likeness.
func (c *Cameo) MainImage() string {
	if len(c.Images) == 0 {
		return ""
	}
	return c.Images[0].SHA256
}

// Validate reports whether c can be stored.
func (c *Cameo) Validate() error {
	if err := ValidateHandle(c.Handle); err != nil {
		return err
	}
	if strings.TrimSpace(c.Name) == "" {
		return Errorf(EINVALID, "cameo %s has no name", c.Handle)
	}
	if !utf8.ValidString(c.Name) || utf8.RuneCountInString(c.Name) > 100 {
		return Errorf(EINVALID, "cameo %s: name must be UTF-8 and at most 100 characters", c.Handle)
	}
	if !utf8.ValidString(c.Appearance) || utf8.RuneCountInString(c.Appearance) > MaxAppearanceLength {
		return Errorf(EINVALID, "cameo %s: appearance must be UTF-8 and at most %d characters", c.Handle, MaxAppearanceLength)
	}
	if len(c.Images) > MaxCameoImages {
		return Errorf(EINVALID, "cameo %s has %d reference images; the limit is %d", c.Handle, len(c.Images), MaxCameoImages)
	}
	for _, a := range c.Images {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	if err := c.Voice.Validate(); err != nil {
		return err
	}
	return c.Consent.Validate()
}
