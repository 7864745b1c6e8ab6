package project

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Resolution is a frame size in pixels.
type Resolution struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// DefaultResolution is the frame size of a new project: 1280x720.
var DefaultResolution = Resolution{Width: 1280, Height: 720}

// Limits on frame sizes a project may ask for.
const (
	MinDimension = 16
	MaxDimension = 7680
)

// Validate reports whether r is a usable frame size: even numbers between
// MinDimension and MaxDimension.
func (r Resolution) Validate() error {
	if r.Width < MinDimension || r.Height < MinDimension || r.Width > MaxDimension || r.Height > MaxDimension {
		return Errorf(EINVALID, "resolution %dx%d is outside %d to %d pixels per side", r.Width, r.Height, MinDimension, MaxDimension)
	}
	if r.Width%2 != 0 || r.Height%2 != 0 {
		return Errorf(EINVALID, "resolution %dx%d must have even sides (video encoders need them)", r.Width, r.Height)
	}
	return nil
}

// String formats r as "1280x720".
func (r Resolution) String() string { return itoa(r.Width) + "x" + itoa(r.Height) }

// SeedPolicy says which seed a new take of a shot uses when the shot does
// not fix one itself.
type SeedPolicy string

// Seed policies.
const (
	SeedPerShot SeedPolicy = "per-shot" // each shot keeps its seed until changed
	SeedPerTake SeedPolicy = "per-take" // every take draws a new seed
)

// Validate reports whether p is a known policy.
func (p SeedPolicy) Validate() error {
	switch p {
	case SeedPerShot, SeedPerTake:
		return nil
	}
	return Errorf(EINVALID, "seed policy %q is not %q or %q", p, SeedPerShot, SeedPerTake)
}

// MaxTitleLength is the longest project title in characters.
const MaxTitleLength = 200

// Project is a film: its settings; shots, takes and cameos are kept apart.
type Project struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Rate       Rate       `json:"rate"`
	Resolution Resolution `json:"resolution"`
	SeedPolicy SeedPolicy `json:"seed_policy"`
	// Engine generates new takes of the project's shots.
	Engine Engine `json:"engine"`
	// Farm is where shots can be rendered away from this machine.
	Farm      Farm      `json:"farm,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewProject returns a project with the default settings and title.
func NewProject(title string) *Project {
	return &Project{
		Title:      title,
		Rate:       DefaultRate,
		Resolution: DefaultResolution,
		SeedPolicy: SeedPerShot,
		Engine:     DefaultEngine,
	}
}

// Validate reports whether p's fields are usable.
func (p *Project) Validate() error {
	if strings.TrimSpace(p.Title) == "" {
		return Errorf(EINVALID, "project title is empty")
	}
	if !utf8.ValidString(p.Title) {
		return Errorf(EINVALID, "project title is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(p.Title); n > MaxTitleLength {
		return Errorf(EINVALID, "project title has %d characters; the limit is %d", n, MaxTitleLength)
	}
	if err := p.Rate.Validate(); err != nil {
		return err
	}
	if err := p.Resolution.Validate(); err != nil {
		return err
	}
	if err := p.SeedPolicy.Validate(); err != nil {
		return err
	}
	if err := p.Engine.Validate(); err != nil {
		return err
	}
	return p.Farm.Validate()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
