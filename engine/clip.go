package engine

import (
	"image"

	"kino/engine/audio"
	"kino/project"
)

// Image is the image type clips hand out.
type Image = image.Image

// Clip is a generated shot: frames by index and a soundtrack.
type Clip interface {
	// Info describes the clip.
	Info() ClipInfo
	// Frame returns frame i (0-based), rendering it if needed.
	Frame(i int) (image.Image, error)
	// RenderFrame draws frame i into dst, which must have the clip's size.
	// It lets players and exporters reuse one buffer.
	RenderFrame(i int, dst *image.RGBA) error
	// Soundtrack returns the clip's sound, 48 kHz stereo.
	Soundtrack() (*audio.Soundtrack, error)
}

// ClipInfo is a clip's metadata.
type ClipInfo struct {
	Width, Height int
	Frames        int
	Rate          project.Rate
	Backend       string
	Model         string
	ModelHash     string
	Seed          uint64
	// Notes are things a person should know about the result, such as
	// "dialogue missing: speech library not installed".
	Notes []string
}

// Duration returns the clip's length as a timeline Time.
func (c ClipInfo) Duration() project.Time { return project.Frames(int64(c.Frames), c.Rate) }
