package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"time"

	"kino/project"
	"kino/project/sqlite"
)

// DemoPrompt is the demo project's first shot, the prompt Kino is built
// around.
const DemoPrompt = "Ich, am Strand bei Sonnenuntergang, mit einem Glas Sekt, während ein Feuerwerk den Himmel zerschneidet"

// demoHandle is the demo cameo, a drawn character who stands for "me".
const demoHandle = "@lena"

type demoShot struct {
	prompt  string
	seconds int64
	camera  project.Camera
	style   project.Style
	cast    bool
}

// demoShots show the built-in engine at its best: every word of every
// prompt is understood (TestDemoShotsAreUnderstood checks it), in English,
// German and the scene headings of a screenplay.
var demoShots = []demoShot{
	{DemoPrompt, 5, project.Camera{Size: project.SizeWide, Move: project.MoveDollyIn}, project.StyleCinematic, true},
	{"a quiet harbour at dusk, boats rocking on the water, gulls overhead", 4, project.Camera{Size: project.SizeWide, Move: project.MovePanRight}, project.StyleAuto, false},
	{demoHandle + " walks along the pier at night, lanterns glowing, light rain", 4, project.Camera{Size: project.SizeMedium, Move: project.MoveHandheld}, project.StyleNoir, true},
	{"EXT. COASTAL CLIFF - NIGHT. The lighthouse beam turns over a stormy sea, waves crash against the rocks", 4, project.Camera{Size: project.SizeWide, Move: project.MoveDollyIn}, project.StyleAuto, false},
	{"fireworks reflected in the calm sea, close-up, sparks drifting", 3, project.Camera{Move: project.MoveStatic}, project.StyleNeon, false},
}

// demoPath is where the demo project lives.
func demoPath(dataDir string) string { return filepath.Join(dataDir, "projects", "Demo.kino") }

// ensureDemo returns the demo project's path, creating it (and its cameo
// in lib) on first run. An existing demo project is left as it is.
func ensureDemo(ctx context.Context, dataDir string, lib *sqlite.Library) (string, error) {
	path := demoPath(dataDir)
	if _, err := os.Stat(filepath.Join(path)); err == nil {
		return path, nil
	}
	cameo, err := demoCameo(ctx, lib)
	if err != nil {
		return "", fmt.Errorf("creating the demo cameo: %w", err)
	}
	p, err := sqlite.Create(path, "Demo: Strand")
	if err != nil {
		return "", fmt.Errorf("creating the demo project: %w", err)
	}
	if err := fillDemo(ctx, p, lib, cameo); err != nil {
		p.Close()
		os.RemoveAll(path)
		return "", fmt.Errorf("creating the demo project: %w", err)
	}
	return path, p.Close()
}

// fillDemo adds the demo shots, casts the cameo and adds a dialogue line.
func fillDemo(ctx context.Context, p *sqlite.Project, lib *sqlite.Library, c *project.Cameo) error {
	settings, err := p.Project(ctx)
	if err != nil {
		return err
	}
	castOK := c != nil && c.Consent.Allows(c.Handle, settings.ID, time.Now()) == nil
	if castOK {
		if err := copyAssets(ctx, p, lib, c.Images); err != nil {
			return err
		}
	}
	for i, d := range demoShots {
		s := project.NewShot(d.prompt, settings.Rate, uint64(1000+i))
		s.Duration = project.Seconds(d.seconds, settings.Rate)
		s.Camera, s.Style = d.camera, d.style
		res, err := p.Apply(ctx, project.AddShot{Shot: *s, Index: i})
		if err != nil {
			return err
		}
		if !d.cast || !castOK {
			continue
		}
		if _, err := p.Apply(ctx, project.CastCameo{ShotID: res.ID, Cameo: *c}); err != nil {
			return err
		}
		if i == 0 {
			shot, err := p.Shot(ctx, res.ID)
			if err != nil {
				return err
			}
			shot.Dialogue = []project.DialogueLine{{Speaker: c.Handle, Text: "Auf uns, und auf das Feuerwerk!", Start: project.Seconds(1, settings.Rate)}}
			if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoCameo returns the demo cameo from lib, saving it first if needed.
func demoCameo(ctx context.Context, lib *sqlite.Library) (*project.Cameo, error) {
	if c, err := lib.Cameo(ctx, demoHandle); err == nil {
		return c, nil
	} else if project.ErrorCode(err) != project.ENOTFOUND {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, drawAvatar(256)); err != nil {
		return nil, err
	}
	a, err := lib.PutBlob(ctx, &buf, "image/png")
	if err != nil {
		return nil, err
	}
	c := &project.Cameo{
		Handle:     demoHandle,
		Name:       "Lena",
		Appearance: "a drawn character with short brown hair, a yellow summer dress and a warm smile",
		Images:     []project.Asset{a},
		Voice:      project.Voice{Language: "de", Pitch: 58, Rate: 165},
		IsSelf:     true,
		Consent: project.Consent{
			ID: "demo-lena", Owner: "Lena (a drawn demo character)", Scope: project.ConsentAnyProject,
			GrantedAt: time.Now().UTC(),
		},
	}
	if err := lib.CreateCameo(ctx, c); err != nil {
		if project.ErrorCode(err) == project.ECONFLICT {
			return lib.Cameo(ctx, demoHandle)
		}
		return nil, err
	}
	return c, nil
}

// drawAvatar draws the demo cameo: a cartoon face on a sunset sky, so
// the demo never uses a photograph of a real person.
func drawAvatar(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	skin := color.NRGBA{R: 0xf1, G: 0xc2, B: 0x9a, A: 0xff}
	hair := color.NRGBA{R: 0x5a, G: 0x36, B: 0x1c, A: 0xff}
	dress := color.NRGBA{R: 0xf4, G: 0xc4, B: 0x30, A: 0xff}
	dark := color.NRGBA{R: 0x2a, G: 0x1a, B: 0x12, A: 0xff}
	cheek := color.NRGBA{R: 0xe8, G: 0x8a, B: 0x80, A: 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			fx, fy := float64(x)/s, float64(y)/s
			// Sunset sky: orange at the horizon, violet above.
			c := color.NRGBA{R: uint8(120 + 130*fy), G: uint8(60 + 90*fy), B: uint8(150 - 60*fy), A: 0xff}
			hx, hy := fx-0.5, fy-0.45
			head := hx*hx/0.05+hy*hy/0.065 <= 1
			switch {
			case fy > 0.78 && math.Abs(fx-0.5) < 0.18+0.5*(fy-0.78):
				c = dress
			case head && fy < 0.33+0.05*math.Cos(hx*18):
				c = hair
			case !head && hx*hx/0.07+(hy+0.04)*(hy+0.04)/0.08 <= 1 && fy < 0.62:
				c = hair
			case head:
				c = skin
				ex := math.Abs(hx) - 0.085
				switch {
				case ex*ex+(fy-0.44)*(fy-0.44) < 0.0006:
					c = dark
				case (math.Abs(hx)-0.13)*(math.Abs(hx)-0.13)+(fy-0.53)*(fy-0.53) < 0.0012:
					c = cheek
				case fy > 0.53 && fy < 0.575 && math.Abs(math.Hypot(hx, fy-0.49)-0.075) < 0.008:
					c = dark
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}
