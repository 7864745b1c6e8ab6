package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"strings"
	"unicode"
	"unicode/utf8"

	"kino/project"
)

// Limits a request is clamped or checked against. They are documented in
// the README under "Engine limits".
const (
	// MaxPromptBytes is how much of a prompt a backend reads; longer
	// prompts are cut at a word boundary and a note says so.
	MaxPromptBytes = 8 << 10
	// MaxFrames is the longest clip: ten minutes at 60 fps.
	MaxFrames = 10 * 60 * 60
	// MinSide and MaxSide bound the frame size.
	MinSide = 16
	MaxSide = 7680
)

// CastCameo is a cameo as a backend sees it.
type CastCameo struct {
	// CameoID and Consent say which cameo this is and under which consent
	// record the take is made (a take keeps them: project.TakeCameo).
	// Neither changes a picture or a sound, so neither is part of Hash.
	CameoID    string                `json:"cameo_id,omitempty"`
	Consent    *project.ConsentTerms `json:"consent,omitempty"`
	Handle     string                `json:"handle"`
	Name       string                `json:"name"`
	Role       string                `json:"role,omitempty"`
	Appearance string                `json:"appearance,omitempty"`
	IsSelf     bool                  `json:"is_self,omitempty"`
	Voice      project.Voice         `json:"voice"`
	// VoiceModel is the installed voice model of a Voice with a Model.
	VoiceModel *VoiceModel `json:"voice_model,omitempty"`
	// ImageSHA256 identifies the reference image for hashing and caching.
	ImageSHA256 string `json:"image_sha256,omitempty"`
	// Image is the decoded reference image (see cameoimage.Load); nil
	// when the cameo has none. It is not part of the request's hash.
	Image image.Image `json:"-"`
}

// Line is a dialogue line as a backend sees it.
type Line struct {
	Speaker string       `json:"speaker"` // a cast handle (a character's name when Narrator)
	Text    string       `json:"text"`
	Start   project.Time `json:"start"` // from the clip's start
	// Narrator lines belong to an uncast character: a neutral narrator
	// voice speaks them and no cameo's mouth moves.
	Narrator bool `json:"narrator,omitempty"`
	// Delivery is how the line is spoken (whispered, shouted, ...).
	Delivery project.Delivery `json:"delivery,omitempty"`
}

// Request is a resolved shot: everything a backend needs to render it.
type Request struct {
	Prompt         string         `json:"prompt"`
	NegativePrompt string         `json:"negative_prompt,omitempty"`
	Duration       project.Time   `json:"duration"`
	Width          int            `json:"width"`
	Height         int            `json:"height"`
	Seed           uint64         `json:"seed"`
	Camera         project.Camera `json:"camera"`
	Style          project.Style  `json:"style,omitempty"`
	Cast           []CastCameo    `json:"cast,omitempty"`
	Dialogue       []Line         `json:"dialogue,omitempty"`

	// Model picks a backend's model ("" for its default).
	Model string `json:"model,omitempty"`
	// Steps, Guidance and Strength tune neural backends (0 for defaults:
	// see DefaultSteps and the others in defaults.go).
	Steps    int     `json:"steps,omitempty"`
	Guidance float64 `json:"guidance,omitempty"`
	Strength float64 `json:"strength,omitempty"`
}

// Frames returns the number of frames the request asks for.
func (r Request) Frames() int { return int(r.Duration.Frames) }

// Normalize returns a copy of r that backends can rely on, plus notes on
// anything that was clamped. It returns an EINVALID error for requests that
// cannot be rendered: no frames, more than MaxFrames, a frame size outside
// MinSide..MaxSide, a bad rate, or a prompt that is binary data.
func (r Request) Normalize() (Request, []string, error) {
	var notes []string
	if err := r.Duration.Rate.Validate(); err != nil {
		return r, nil, err
	}
	if r.Duration.Frames < 1 {
		return r, nil, project.Errorf(project.EINVALID, "the clip has %d frames; it needs at least one", r.Duration.Frames)
	}
	if r.Duration.Frames > MaxFrames {
		return r, nil, project.Errorf(project.EINVALID, "the clip has %d frames; the limit is %d (ten minutes at 60 fps)", r.Duration.Frames, MaxFrames)
	}
	if r.Width < MinSide || r.Height < MinSide || r.Width > MaxSide || r.Height > MaxSide {
		return r, nil, project.Errorf(project.EINVALID, "frame size %dx%d is outside %d to %d pixels per side", r.Width, r.Height, MinSide, MaxSide)
	}
	var err error
	if r.Prompt, err = cleanText("prompt", r.Prompt, &notes); err != nil {
		return r, nil, err
	}
	if r.NegativePrompt, err = cleanText("negative prompt", r.NegativePrompt, &notes); err != nil {
		return r, nil, err
	}
	r.Cast = append([]CastCameo(nil), r.Cast...)
	for i := range r.Cast {
		r.Cast[i].Handle = project.NormalizeHandle(r.Cast[i].Handle)
		if r.Cast[i].Voice.Language == "" {
			r.Cast[i].Voice = project.DefaultVoice
		}
	}
	r.Dialogue = append([]Line(nil), r.Dialogue...)
	for i := range r.Dialogue {
		if !r.Dialogue[i].Narrator {
			r.Dialogue[i].Speaker = project.NormalizeHandle(r.Dialogue[i].Speaker)
		}
		r.Dialogue[i].Start = r.Dialogue[i].Start.Rescale(r.Duration.Rate)
	}
	if r.Steps < 0 || r.Steps > 1000 || r.Guidance < 0 || r.Guidance > 100 || r.Strength < 0 || r.Strength > 1 {
		return r, nil, project.Errorf(project.EINVALID, "steps (0-1000), guidance (0-100) or strength (0-1) out of range")
	}
	return r, notes, nil
}

// cleanText makes prompt text safe to parse: invalid UTF-8 is replaced,
// control characters become spaces, and text past MaxPromptBytes is cut at
// a word boundary with a note. Text that is mostly control or replacement
// characters is refused as binary data.
func cleanText(what, s string, notes *[]string) (string, error) {
	if s == "" {
		return s, nil
	}
	bad, total := 0, 0
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		total++
		switch {
		case r == utf8.RuneError && size <= 1:
			bad++
			b.WriteRune(' ')
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteRune(' ')
		case unicode.IsControl(r):
			bad++
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	if total > 16 && bad*4 > total {
		return "", project.Errorf(project.EINVALID, "the %s looks like binary data (%d of %d characters are not text)", what, bad, total)
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if len(out) > MaxPromptBytes {
		cut := MaxPromptBytes
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		if sp := strings.LastIndexByte(out[:cut], ' '); sp > MaxPromptBytes/2 {
			cut = sp
		}
		*notes = append(*notes, fmt.Sprintf("the %s was cut to its first %d bytes (of %d)", what, cut, len(out)))
		out = out[:cut]
	}
	return out, nil
}

// Hash returns the content address of a render: a SHA-256 over the backend
// name, its model and the normalised request, seed included (but not who
// consented: see CastCameo). Two requests with the same hash give the same
// clip on a deterministic backend.
func Hash(backend, model string, r Request) string {
	if len(r.Cast) > 0 {
		r.Cast = append([]CastCameo(nil), r.Cast...)
		for i := range r.Cast {
			r.Cast[i].CameoID, r.Cast[i].Consent = "", nil
		}
	}
	type keyed struct {
		Backend string  `json:"backend"`
		Model   string  `json:"model"`
		Request Request `json:"request"`
	}
	b, err := json.Marshal(keyed{backend, model, r})
	if err != nil {
		panic(fmt.Sprintf("engine: hashing request: %v", err)) // Request has only plain fields
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Depicted returns the cameos r depicts, as a take made from it records
// them: every cast member with a cameo ID.
func (r Request) Depicted() []project.TakeCameo {
	var out []project.TakeCameo
	for _, c := range r.Cast {
		if c.CameoID == "" {
			continue
		}
		tc := project.TakeCameo{CameoID: c.CameoID, Handle: c.Handle, ImageSHA256: c.ImageSHA256, Voice: c.Voice}
		if c.Consent != nil {
			tc.Consent = *c.Consent
		}
		out = append(out, tc)
	}
	return out
}
