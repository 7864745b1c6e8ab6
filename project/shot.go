package project

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on shot fields. Prompts are stored exactly up to MaxPromptLength
// characters; longer ones are refused rather than cut.
const (
	MaxPromptLength   = 20000
	MaxDialogueLength = 2000
	MaxDialogueLines  = 64
	MaxCastSize       = 16
	MaxRoleLength     = 100
)

// MaxShotDuration is the longest shot: ten minutes.
const MaxShotDuration = 10 * 60

// ShotSize frames the subject. The empty value lets the prompt decide.
type ShotSize string

// Shot sizes.
const (
	SizeAuto    ShotSize = ""
	SizeWide    ShotSize = "wide"
	SizeMedium  ShotSize = "medium"
	SizeCloseUp ShotSize = "close-up"
)

// ShotSizes lists the explicit shot sizes in display order.
var ShotSizes = []ShotSize{SizeWide, SizeMedium, SizeCloseUp}

// CameraMove is how the camera moves during a shot. The empty value lets
// the prompt decide.
type CameraMove string

// Camera moves.
const (
	MoveAuto     CameraMove = ""
	MoveStatic   CameraMove = "static"
	MovePanLeft  CameraMove = "pan-left"
	MovePanRight CameraMove = "pan-right"
	MoveTiltUp   CameraMove = "tilt-up"
	MoveTiltDown CameraMove = "tilt-down"
	MoveDollyIn  CameraMove = "dolly-in"
	MoveDollyOut CameraMove = "dolly-out"
	MoveOrbit    CameraMove = "orbit"
	MoveHandheld CameraMove = "handheld"
	MoveAerial   CameraMove = "aerial"
)

// CameraMoves lists the explicit moves in display order.
var CameraMoves = []CameraMove{MoveStatic, MovePanLeft, MovePanRight, MoveTiltUp, MoveTiltDown, MoveDollyIn, MoveDollyOut, MoveOrbit, MoveHandheld, MoveAerial}

// Camera is a shot's framing and movement.
type Camera struct {
	Size ShotSize   `json:"size,omitempty"`
	Move CameraMove `json:"move,omitempty"`
}

// Validate reports whether c uses known values.
func (c Camera) Validate() error {
	if c.Size != SizeAuto && !contains(ShotSizes, c.Size) {
		return Errorf(EINVALID, "shot size %q is not one of %v", c.Size, ShotSizes)
	}
	if c.Move != MoveAuto && !contains(CameraMoves, c.Move) {
		return Errorf(EINVALID, "camera move %q is not one of %v", c.Move, CameraMoves)
	}
	return nil
}

// Style is the look of a shot. The empty value lets the prompt decide.
type Style string

// Styles.
const (
	StyleAuto      Style = ""
	StyleCinematic Style = "cinematic"
	StyleNoir      Style = "noir"
	StyleVintage   Style = "vintage"
	StyleCartoon   Style = "cartoon"
	StyleNeon      Style = "neon"
)

// Styles lists the explicit styles in display order.
var Styles = []Style{StyleCinematic, StyleNoir, StyleVintage, StyleCartoon, StyleNeon}

// Validate reports whether s is a known style.
func (s Style) Validate() error {
	if s != StyleAuto && !contains(Styles, s) {
		return Errorf(EINVALID, "style %q is not one of %v", s, Styles)
	}
	return nil
}

// SeedMode says whether a shot reuses its seed or draws a new one per take.
type SeedMode string

// Seed modes.
const (
	SeedFixed   SeedMode = "fixed"
	SeedNewEach SeedMode = "new-each-take"
)

// Seed is a shot's random seed and how it is used.
type Seed struct {
	Mode  SeedMode `json:"mode"`
	Value uint64   `json:"value"`
}

// Validate reports whether s uses a known mode.
func (s Seed) Validate() error {
	if s.Mode != SeedFixed && s.Mode != SeedNewEach {
		return Errorf(EINVALID, "seed mode %q is not %q or %q", s.Mode, SeedFixed, SeedNewEach)
	}
	return nil
}

// CastMember is a cameo cast in a shot, in a role.
type CastMember struct {
	CameoID string `json:"cameo_id"`
	Handle  string `json:"handle"`
	Role    string `json:"role,omitempty"`
}

// DialogueLine is a line spoken by a cast cameo, starting at an offset from
// the shot's start.
type DialogueLine struct {
	Speaker string `json:"speaker"` // a cast member's handle (a character's name when Narrator)
	Text    string `json:"text"`
	Start   Time   `json:"start"`
	// Narrator marks a line of a character left uncast when a script was
	// imported: Speaker is the character's name and a neutral narrator
	// voice speaks it. Lines added by hand are spoken by cast cameos.
	Narrator bool `json:"narrator,omitempty"`
	// Delivery is how the line is spoken (whispered, shouted, ...).
	Delivery Delivery `json:"delivery,omitempty"`
}

// Shot is one entry on the timeline: what to generate, and which of its
// takes is the one shown.
type Shot struct {
	ID             int64          `json:"id"`
	Index          int            `json:"index"` // 0-based position on the timeline
	Prompt         string         `json:"prompt"`
	NegativePrompt string         `json:"negative_prompt,omitempty"`
	Duration       Time           `json:"duration"`
	Seed           Seed           `json:"seed"`
	Camera         Camera         `json:"camera"`
	Style          Style          `json:"style,omitempty"`
	Cast           []CastMember   `json:"cast,omitempty"`
	Dialogue       []DialogueLine `json:"dialogue,omitempty"`
	// Strength is how far a neural engine may depart from the shot's
	// previz frames: 0 < s <= 1 refines the previz frames, which carries
	// cameos and the camera move into the generated shot (higher values
	// keep less of them); 0 leaves it to the model pack, which generates
	// from the prompt alone unless its kino-model.json sets a default
	// strength. The previz engine ignores it.
	Strength float64 `json:"strength,omitempty"`
	// Steps and Guidance tune a neural engine's sampling: the denoising
	// steps (1 to MaxSteps) and the classifier-free guidance scale (up to
	// MaxGuidance; at 1 or below the negative prompt is not used). 0 leaves
	// each to the model pack. The previz engine ignores them.
	Steps        int       `json:"steps,omitempty"`
	Guidance     float64   `json:"guidance,omitempty"`
	ActiveTakeID int64     `json:"active_take_id,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Limits of a shot's neural sampling settings, as creative tools offer
// them: more steps than 150 or guidance above 30 change nothing a person
// would want but the time taken or the picture burnt out.
const (
	MaxSteps    = 150
	MaxGuidance = 30
)

// NewShot returns a 5-second shot at rate r with a fixed seed.
func NewShot(prompt string, r Rate, seed uint64) *Shot {
	return &Shot{
		Prompt:   prompt,
		Duration: Seconds(5, r),
		Seed:     Seed{Mode: SeedFixed, Value: seed},
	}
}

// Number returns the 1-based shot number shown to people.
func (s *Shot) Number() int { return s.Index + 1 }

// CastHandles returns the handles of the cast, in order.
func (s *Shot) CastHandles() []string {
	out := make([]string, len(s.Cast))
	for i, c := range s.Cast {
		out[i] = c.Handle
	}
	return out
}

// IsCast reports whether the cameo with handle h is cast in s.
func (s *Shot) IsCast(h string) bool {
	h = NormalizeHandle(h)
	for _, c := range s.Cast {
		if c.Handle == h {
			return true
		}
	}
	return false
}

// Clone returns a deep copy of s.
func (s *Shot) Clone() *Shot {
	c := *s
	c.Cast = append([]CastMember(nil), s.Cast...)
	c.Dialogue = append([]DialogueLine(nil), s.Dialogue...)
	return &c
}

// Validate reports whether s is a shot Kino can store, at the project rate r.
func (s *Shot) Validate(r Rate) error {
	if !utf8.ValidString(s.Prompt) || !utf8.ValidString(s.NegativePrompt) {
		return Errorf(EINVALID, "shot %d: prompt is not valid UTF-8 text", s.Number())
	}
	if n := utf8.RuneCountInString(s.Prompt); n > MaxPromptLength {
		return Errorf(EINVALID, "shot %d: prompt has %d characters; the limit is %d", s.Number(), n, MaxPromptLength)
	}
	if n := utf8.RuneCountInString(s.NegativePrompt); n > MaxPromptLength {
		return Errorf(EINVALID, "shot %d: negative prompt has %d characters; the limit is %d", s.Number(), n, MaxPromptLength)
	}
	if s.Duration.Rate != r {
		return Errorf(EINVALID, "shot %d: duration is at %s fps but the project runs at %s fps", s.Number(), s.Duration.Rate, r)
	}
	if s.Duration.Frames < 1 {
		return Errorf(EINVALID, "shot %d: duration must be at least one frame", s.Number())
	}
	if s.Duration.Frames > Seconds(MaxShotDuration, r).Frames {
		return Errorf(EINVALID, "shot %d: duration %s is longer than the %d-minute limit", s.Number(), s.Duration, MaxShotDuration/60)
	}
	if err := s.Seed.Validate(); err != nil {
		return err
	}
	if err := s.Camera.Validate(); err != nil {
		return err
	}
	if err := s.Style.Validate(); err != nil {
		return err
	}
	if !(s.Strength >= 0 && s.Strength <= 1) { // NaN fails both
		return Errorf(EINVALID, "shot %d: strength %g is outside 0 to 1 (0 leaves it to the model pack)", s.Number(), s.Strength)
	}
	if s.Steps < 0 || s.Steps > MaxSteps {
		return Errorf(EINVALID, "shot %d: %d steps is outside 1 to %d (0 leaves it to the model pack)", s.Number(), s.Steps, MaxSteps)
	}
	if !(s.Guidance >= 0 && s.Guidance <= MaxGuidance) {
		return Errorf(EINVALID, "shot %d: guidance %g is outside 0 to %g (0 leaves it to the model pack)", s.Number(), s.Guidance, float64(MaxGuidance))
	}
	if len(s.Cast) > MaxCastSize {
		return Errorf(EINVALID, "shot %d casts %d cameos; the limit is %d", s.Number(), len(s.Cast), MaxCastSize)
	}
	seen := map[string]bool{}
	for _, c := range s.Cast {
		if err := ValidateHandle(c.Handle); err != nil {
			return err
		}
		if seen[c.Handle] {
			return Errorf(EINVALID, "shot %d casts %s twice", s.Number(), c.Handle)
		}
		seen[c.Handle] = true
		if utf8.RuneCountInString(c.Role) > MaxRoleLength {
			return Errorf(EINVALID, "shot %d: role of %s is longer than %d characters", s.Number(), c.Handle, MaxRoleLength)
		}
	}
	if len(s.Dialogue) > MaxDialogueLines {
		return Errorf(EINVALID, "shot %d has %d dialogue lines; the limit is %d", s.Number(), len(s.Dialogue), MaxDialogueLines)
	}
	for i, d := range s.Dialogue {
		if d.Narrator {
			if err := validateNarrator(d.Speaker); err != nil {
				return WrapError(EINVALID, err, "shot %d, line %d", s.Number(), i+1)
			}
		} else if !seen[d.Speaker] {
			return Errorf(EINVALID, "shot %d, line %d: speaker %s is not cast in this shot", s.Number(), i+1, d.Speaker)
		}
		if err := d.Delivery.Validate(); err != nil {
			return WrapError(EINVALID, err, "shot %d, line %d", s.Number(), i+1)
		}
		if strings.TrimSpace(d.Text) == "" {
			return Errorf(EINVALID, "shot %d, line %d: the line has no text", s.Number(), i+1)
		}
		if !utf8.ValidString(d.Text) || utf8.RuneCountInString(d.Text) > MaxDialogueLength {
			return Errorf(EINVALID, "shot %d, line %d: text must be UTF-8 and at most %d characters", s.Number(), i+1, MaxDialogueLength)
		}
		if d.Start.Rate != r || d.Start.Frames < 0 || d.Start.Frames >= s.Duration.Frames {
			return Errorf(EINVALID, "shot %d, line %d: start %s is outside the shot (0 to %s)", s.Number(), i+1, d.Start, s.Duration)
		}
	}
	return nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
