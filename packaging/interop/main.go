// Command interop builds the varied project `make interop` exports in
// every format and checks with independent readers: a non-ASCII title,
// five shots of different lengths (one with a CJK prompt), a cast cameo
// speaking a line of dialogue, a second take of shot 3, and a music clip
// on the audio lane. Usage: go run ./packaging/interop DIR (the cameo
// library is the one the kino command uses: set XDG_DATA_HOME).
package main

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

	"kino/app"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
	"kino/project/keyring"
	"kino/project/sqlite"
)

// Title is the project's title, and its folder's name.
const Title = "Strand ü 花火"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: interop DIR")
		os.Exit(2)
	}
	if err := build(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "interop:", err)
		os.Exit(1)
	}
}

var shots = []struct {
	prompt string
	frames int64
}{
	{"Lena am Strand bei Sonnenuntergang, mit einem Glas Sekt", 36},
	{"夜の海辺で花火が空を切り裂く", 48},
	{"a city street at night in the rain", 30},
	{"fireworks over the sea, seen from a boat", 60},
	{"Кот спит на подоконнике, morning light", 42},
}

func build(ctx context.Context, dir string) error {
	key, err := keyring.LoadOrCreate(app.KeysDir()) // the consent key the kino command signs with
	if err != nil {
		return err
	}
	lib, err := sqlite.OpenLibrary(app.LibraryDir(), key)
	if err != nil {
		return err
	}
	defer lib.Close()
	var face bytes.Buffer
	png.Encode(&face, avatar(128))
	img, err := lib.PutBlob(ctx, bytes.NewReader(face.Bytes()), "image/png")
	if err != nil {
		return err
	}
	c := &project.Cameo{
		Handle: "@lena", Name: "Lena", Appearance: "short brown hair, a yellow summer dress",
		Images: []project.Asset{img}, Voice: project.Voice{Language: "de", Pitch: 58, Rate: 165}, IsSelf: true,
		Consent: project.Consent{ID: "interop-lena", Owner: "Lena (a drawn test character)", Scope: project.ConsentAnyProject, GrantedAt: time.Now().Add(-time.Hour)},
	}
	if err := lib.CreateCameo(ctx, c); err != nil {
		return err
	}
	p, err := sqlite.Create(filepath.Join(dir, Title), Title)
	if err != nil {
		return err
	}
	defer p.Close()
	if _, err := p.PutBlob(ctx, bytes.NewReader(face.Bytes()), "image/png"); err != nil {
		return err
	}
	settings, err := p.Project(ctx)
	if err != nil {
		return err
	}
	var ids []int64
	for i, s := range shots {
		shot := project.NewShot(s.prompt, settings.Rate, uint64(100+i))
		shot.Duration = project.Frames(s.frames, settings.Rate)
		res, err := p.Apply(ctx, project.AddShot{Shot: *shot, Index: -1})
		if err != nil {
			return err
		}
		ids = append(ids, res.ID)
	}
	if _, err := p.Apply(ctx, project.CastCameo{ShotID: ids[0], Cameo: *c, Role: "lead"}); err != nil {
		return err
	}
	first, err := p.Shot(ctx, ids[0])
	if err != nil {
		return err
	}
	first.Dialogue = []project.DialogueLine{{Speaker: "@lena", Text: "Auf uns, und auf das Feuerwerk!", Start: project.Frames(6, settings.Rate)}}
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *first}); err != nil {
		return err
	}
	// A 4-second music clip at 44.1 kHz, mono, from 1 s on.
	tune := audio.PCM{Rate: 44100, Channels: 1, Samples: make([]float32, 4*44100)}
	for i := range tune.Samples {
		f := []float64{220, 277.18, 329.63}[i/22050%3]
		tune.Samples[i] = float32(0.2 * math.Sin(2*math.Pi*f*float64(i)/44100))
	}
	var wav bytes.Buffer
	if err := media.WriteWAV(&wav, tune, media.WAVOptions{Title: "Thema"}); err != nil {
		return err
	}
	a, err := p.PutBlob(ctx, &wav, "audio/wav")
	if err != nil {
		return err
	}
	if _, err := p.Apply(ctx, project.AddAudioClip{Clip: project.AudioClip{Lane: project.LaneMusic, Name: "Thema ♪", Asset: a, Start: project.Frames(24, settings.Rate)}}); err != nil {
		return err
	}
	backend := previz.New()
	for i, id := range ids {
		if _, err := render.Take(ctx, p, backend, id, render.Options{Seed: uint64(7 + i), Library: lib}, nil); err != nil {
			return fmt.Errorf("shot %d: %w", i+1, err)
		}
	}
	// Shot 3 gets a second take, which becomes the active one.
	if _, err := render.Take(ctx, p, backend, ids[2], render.Options{Seed: 99, Library: lib}, nil); err != nil {
		return fmt.Errorf("shot 3, second take: %w", err)
	}
	fmt.Println(filepath.Join(dir, Title+".kino"))
	return nil
}

// avatar draws a simple face on a transparent background.
func avatar(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := range size {
		for x := range size {
			d := math.Hypot(float64(x)-c, float64(y)-c)
			if d < c*0.9 {
				img.SetNRGBA(x, y, color.NRGBA{220, 170, 120, 255})
			}
		}
	}
	return img
}
