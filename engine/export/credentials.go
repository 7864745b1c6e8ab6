package export

import (
	"fmt"
	"path/filepath"
	"strings"

	"kino/engine/c2pa"
)

// Content Credentials: every exported file is signed with a C2PA manifest
// when Options.Signer is set. The one hook is outputs.finish, which calls
// seal for each output as it is finalised, before its provenance sidecar
// hashes it and before commit renames it; PNG frames, which are written
// into the export's folder, are sealed in memory by sealFrame.

// consentSignature says how a cameo's consent record was signed, as the
// consent rule judged it when the timeline was loaded: "signed by owner",
// "self-attested" (vouched for by the machine's user), or "does not
// verify" (an export with such a cameo is refused, so it never reaches a
// manifest).
func consentSignature(c CameoProvenance) string {
	if c.Signature == "" {
		return "does not verify"
	}
	return c.Signature
}

// pictureSource is the IPTC digital source type of a shot's picture:
// trained algorithmic media for a neural model pack, algorithmic media for
// the procedural previz engine and for placeholder slates.
func pictureSource(s ShotProvenance) string {
	if s.Placeholder || s.Backend == "" || s.Backend == "previz" {
		return c2pa.SourceAlgorithmic
	}
	return c2pa.SourceTrainedAlgorithmic
}

// sourceFor is the digital source type of a file made of shots: trained
// when every shot is neural, algorithmic when none is, a composite with
// trained media when both are in it. Sound is always made procedurally
// (foley, music and espeak-ng speech), so sound-only files are algorithmic.
func sourceFor(shots []ShotProvenance, picture bool) string {
	if !picture {
		return c2pa.SourceAlgorithmic
	}
	trained, procedural := 0, 0
	for _, s := range shots {
		if pictureSource(s) == c2pa.SourceTrainedAlgorithmic {
			trained++
		} else {
			procedural++
		}
	}
	switch {
	case trained > 0 && procedural > 0:
		return c2pa.SourceCompositeTrained
	case trained > 0:
		return c2pa.SourceTrainedAlgorithmic
	}
	return c2pa.SourceAlgorithmic
}

// kindOf says what a file holds, from its name.
func kindOf(path string) (picture, sound bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".wav":
		return false, true
	case ".png", ".jpg", ".jpeg", ".pdf":
		return true, false
	}
	return true, true // video, and the hand-off that points at video
}

// manifestFor is the C2PA manifest of the exported file path described by p.
func manifestFor(p *Provenance, path string) *c2pa.Manifest {
	picture, sound := kindOf(path)
	agent := &c2pa.Generator{Name: p.App, Version: p.Version}
	m := &c2pa.Manifest{
		Title:     p.Title,
		Generator: c2pa.Generator{Name: p.App, Version: p.Version},
	}
	film := c2pa.Film{Title: p.Title, Role: p.Role, VisibleWatermark: p.Watermark, Rate: p.Rate, Frames: p.Frames}
	var edited []int
	images := map[string]bool{}
	for _, s := range p.Shots {
		shot := c2pa.Shot{
			Number: s.Number, Start: s.Start, Frames: s.Frames, Prompt: s.Prompt, NegativePrompt: s.NegativePrompt,
			DigitalSourceType: pictureSource(s), Backend: s.Backend, Model: s.Model, ModelHash: s.ModelHash,
			Seed: s.Seed, TakeID: s.TakeID, Placeholder: s.Placeholder,
		}
		for _, c := range s.Cameos {
			shot.Cameos = append(shot.Cameos, c2pa.Cameo{
				Handle: c.Handle, Name: c.Name, Role: c.Role, ConsentOwner: c.ConsentOwner,
				ConsentRecordID: c.ConsentID, ConsentSignature: consentSignature(c), ImageSHA256: c.ImageSHA256,
			})
			if c.ImageSHA256 != "" && picture && !images[c.ImageSHA256] {
				images[c.ImageSHA256] = true
				edited = append(edited, len(m.Ingredients))
				m.Ingredients = append(m.Ingredients, c2pa.Ingredient{
					Title: c.Handle + " reference image", Relationship: c2pa.RelationInputTo, SHA256: c.ImageSHA256,
					Description: "the likeness of " + c.Name + ", used with the consent of " + c.ConsentOwner + " (record " + c.ConsentID + ")",
				})
			}
		}
		film.Shots = append(film.Shots, shot)
	}
	for _, a := range p.Audio {
		film.Audio = append(film.Audio, c2pa.Clip{Name: a.Name, Lane: string(a.Lane), SHA256: a.SHA256, Start: a.Start})
		if sound {
			edited = append(edited, len(m.Ingredients))
			m.Ingredients = append(m.Ingredients, c2pa.Ingredient{
				Title: a.Name, Format: c2pa.MediaType(a.Name), Relationship: c2pa.RelationComponentOf, SHA256: a.SHA256,
				Description: string(a.Lane) + " clip mixed into the sound",
			})
		}
	}
	m.Actions = []c2pa.Action{{
		Action: c2pa.ActionCreated, DigitalSourceType: sourceFor(p.Shots, picture), SoftwareAgent: agent,
		Description: describe(p, picture),
	}}
	if len(edited) > 0 {
		m.Actions = append(m.Actions, c2pa.Action{
			Action: c2pa.ActionEdited, SoftwareAgent: agent, Ingredients: edited,
			Description: "assets from outside Kino went in: cameo reference images as inputs, music and voice-over clips in the mix",
		})
	}
	m.Assertions = []c2pa.Assertion{{Label: c2pa.LabelFilm, Data: film}}
	return m
}

func describe(p *Provenance, picture bool) string {
	what := "sound"
	if picture {
		what = "pictures and sound"
	}
	n := len(p.Shots)
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("%s generated by %s from %d shot prompt%s", what, p.App, n, s)
}

// seal signs the finished file at temp, to be named final, as p says: the
// manifest goes into the file when its format allows, and otherwise into
// a new output final.c2pa beside it.
func (o *outputs) seal(temp, final string, p *Provenance) error {
	side, err := c2pa.Sign(temp, manifestFor(p, final), p.signer)
	if err != nil {
		return writeError(err, "signing the Content Credentials of "+final)
	}
	if side == nil {
		return nil
	}
	f, err := o.create(c2pa.SidecarPath(final))
	if err != nil {
		return err
	}
	if _, err := f.Write(side); err != nil {
		return err
	}
	return o.finish(c2pa.SidecarPath(final))
}

// sealFrame signs frame i of a PNG sequence in memory: its manifest names
// only the shot the frame belongs to.
func sealFrame(png []byte, p *Provenance, i int64) ([]byte, error) {
	if p.signer == nil {
		return png, nil
	}
	one := *p
	one.Role = fmt.Sprintf("frame %d", i+1)
	one.Shots, one.Audio = nil, nil
	for _, s := range p.Shots {
		if i >= s.Start && i < s.Start+s.Frames {
			one.Shots = []ShotProvenance{s}
			break
		}
	}
	out, err := c2pa.EmbedPNG(png, manifestFor(&one, FrameName(i)), p.signer)
	if err != nil {
		return nil, fmt.Errorf("content credentials for %s: %w", FrameName(i), err)
	}
	return out, nil
}

// isMetadata reports whether an output is Kino's own metadata (a
// provenance sidecar, a C2PA sidecar), which is not signed itself.
func isMetadata(final string) bool {
	return strings.HasSuffix(final, ".provenance.json") || strings.HasSuffix(final, ".c2pa") ||
		filepath.Base(final) == provenanceFolderName
}

// creditRest gives the outputs that no sidecar writer described (the
// hand-off's .otio and .edl) the provenance of the whole export.
func (o *outputs) creditRest(p *Provenance) {
	for _, f := range o.files {
		if f.prov == nil && !f.dir && !isMetadata(f.final) {
			f.prov = p.forFile(f.final, "hand-off", nil)
		}
	}
}
