package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"kino/engine/c2pa"
	"kino/project"
)

// ProvenanceSchema names the layout of provenance sidecars.
const ProvenanceSchema = "kino.provenance/1"

// provenanceFolderName is the sidecar inside a PNG sequence folder.
const provenanceFolderName = "provenance.json"

// Provenance is what a sidecar NAME.provenance.json says about an exported
// file: that it is AI-generated, by what, from what, and its hash.
type Provenance struct {
	Schema      string    `json:"schema"`
	AIGenerated bool      `json:"ai_generated"`
	App         string    `json:"app"`
	Version     string    `json:"version"`
	ExportedAt  time.Time `json:"exported_at"`
	Format      Format    `json:"format"`
	// File is the exported file's name; SHA256 and Size describe its bytes.
	File   string `json:"file"`
	SHA256 string `json:"sha256,omitempty"`
	Size   int64  `json:"size"`
	// Files lists the images of a PNG sequence, each with its hash.
	Files []FileHash `json:"files,omitempty"`
	// Role says what the file holds in a set ("mix", "dialogue", "shot 3").
	Role string `json:"role,omitempty"`
	// Watermark is whether the visible "AI-generated · Kino" label is in
	// the frames (nil for files without pictures).
	Watermark *bool  `json:"watermark,omitempty"`
	Encoder   string `json:"encoder,omitempty"`
	// Colour says how a video file's pixels are coded: "BT.709, limited
	// range" (MP4) or "BT.601, full range (JFIF)" (AVI's Motion-JPEG).
	Colour string            `json:"colour,omitempty"`
	Title  string            `json:"title"`
	Rate   string            `json:"rate"`
	Width  int               `json:"width,omitempty"`
	Height int               `json:"height,omitempty"`
	Frames int64             `json:"frames"`
	Shots  []ShotProvenance  `json:"shots"`
	Audio  []AudioProvenance `json:"audio,omitempty"`

	signer *c2pa.Signer // signs the file's Content Credentials (nil: none)
}

// FileHash is one file of a set.
type FileHash struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// ShotProvenance is how one shot was made.
type ShotProvenance struct {
	Number         int    `json:"number"`
	ShotID         int64  `json:"shot_id"`
	Start          int64  `json:"start_frame"` // on the exported timeline
	Frames         int64  `json:"frames"`
	Prompt         string `json:"prompt"`
	NegativePrompt string `json:"negative_prompt,omitempty"`
	Backend        string `json:"backend"`
	Model          string `json:"model,omitempty"`
	ModelHash      string `json:"model_hash,omitempty"`
	Seed           uint64 `json:"seed"`
	TakeID         int64  `json:"take_id,omitempty"`
	ParamsHash     string `json:"params_hash,omitempty"`
	// Placeholder is set when the shot was not generated and a slate
	// stands in for it.
	Placeholder bool              `json:"placeholder,omitempty"`
	Cameos      []CameoProvenance `json:"cameos,omitempty"`
}

// CameoProvenance is a cameo the exported picture depicts and the consent
// that allowed its use.
type CameoProvenance struct {
	Handle       string               `json:"handle"`
	Name         string               `json:"name"`
	Role         string               `json:"role,omitempty"`
	ConsentID    string               `json:"consent_id"`
	ConsentOwner string               `json:"consent_owner"`
	ConsentScope project.ConsentScope `json:"consent_scope"`
	Expires      *time.Time           `json:"consent_expires,omitempty"`
	// ConsentSeq is the consent record's sequence number; Signature says
	// how it was signed ("signed by owner", "self-attested") and
	// SignerKey gives the signer's key fingerprint.
	ConsentSeq  uint64 `json:"consent_record_seq"`
	Signature   string `json:"signature"`
	SignerKey   string `json:"signer_key,omitempty"`
	ImageSHA256 string `json:"image_sha256,omitempty"` // the reference image
}

// AudioProvenance is a music or voice-over clip in the mix.
type AudioProvenance struct {
	Name   string            `json:"name"`
	Lane   project.AudioLane `json:"lane"`
	SHA256 string            `json:"sha256"`
	Start  int64             `json:"start_frame"`
}

// provenanceFor describes t (the part being exported).
func provenanceFor(t *Timeline, opts *Options, now time.Time) *Provenance {
	p := &Provenance{
		Schema: ProvenanceSchema, AIGenerated: true, App: opts.App, Version: opts.Version,
		ExportedAt: now.UTC().Truncate(time.Second), Format: opts.Format, Title: t.Title,
		Rate: t.Rate.String(), Frames: t.Duration().Frames, signer: opts.Signer,
	}
	var at int64
	for _, s := range t.Shots {
		info := s.Clip.Info()
		sp := ShotProvenance{
			Number: s.Shot.Number(), ShotID: s.Shot.ID, Start: at, Frames: s.frames(t.Rate),
			Prompt: s.Shot.Prompt, NegativePrompt: s.Shot.NegativePrompt,
			Backend: info.Backend, Model: info.Model, ModelHash: info.ModelHash, Seed: info.Seed,
			Placeholder: s.Placeholder,
		}
		if s.Take != nil {
			sp.TakeID, sp.ParamsHash = s.Take.ID, s.Take.ParamsHash
			sp.Backend, sp.Model, sp.Seed = s.Take.Backend, s.Take.Model, s.Take.Seed
			if s.Take.ModelHash != "" {
				sp.ModelHash = s.Take.ModelHash
			}
		}
		if !s.Placeholder {
			sp.Cameos = cameoProvenance(s)
		}
		p.Shots = append(p.Shots, sp)
		at += sp.Frames
	}
	for _, a := range t.Audio {
		p.Audio = append(p.Audio, AudioProvenance{Name: a.Clip.Name, Lane: a.Clip.Lane, SHA256: a.Clip.Asset.SHA256, Start: a.Clip.Start.Rescale(t.Rate).Frames})
	}
	return p
}

// cameoProvenance lists the cameos s's picture depicts, each with the
// consent record that allowed it (ShotMedia.Consent).
func cameoProvenance(s ShotMedia) []CameoProvenance {
	roles, names := map[string]string{}, map[string]string{}
	for _, m := range s.Shot.Cast {
		roles[m.CameoID] = m.Role
	}
	for _, c := range s.Cameos {
		names[c.ID] = c.Name
	}
	var out []CameoProvenance
	for _, v := range s.Consent {
		r := v.Record
		cp := CameoProvenance{
			Handle: v.Handle, Name: names[v.CameoID], Role: roles[v.CameoID], ConsentID: r.ID,
			ConsentOwner: r.Owner, ConsentScope: r.Scope, ConsentSeq: r.Seq,
			Signature: v.SignatureStatus(), SignerKey: project.KeyFingerprint(r.Key), ImageSHA256: r.ImageSHA256,
		}
		if !r.Expires.IsZero() {
			e := r.Expires.UTC()
			cp.Expires = &e
		}
		out = append(out, cp)
	}
	return out
}

// forFile returns a copy of p for one exported file.
func (p *Provenance) forFile(path, role string, watermark *bool) *Provenance {
	c := *p
	c.File, c.Role, c.Watermark = filepath.Base(path), role, watermark
	return &c
}

// summary is the short form embedded in containers (MP4 comment, AVI and
// WAV INFO): the same facts without prompts, which can be long.
type summary struct {
	AIGenerated bool          `json:"ai_generated"`
	App         string        `json:"app"`
	ExportedAt  string        `json:"exported_at"`
	Watermark   *bool         `json:"watermark,omitempty"`
	Sidecar     string        `json:"provenance,omitempty"`
	Shots       []summaryShot `json:"shots,omitempty"`
	Omitted     int           `json:"shots_omitted,omitempty"`
}

type summaryShot struct {
	Number  int      `json:"n"`
	Backend string   `json:"backend"`
	Model   string   `json:"model,omitempty"`
	Seed    uint64   `json:"seed"`
	TakeID  int64    `json:"take,omitempty"`
	Cameos  []string `json:"cameos,omitempty"` // "@handle consent CONSENT-ID (OWNER)"
}

// maxSummary bounds the embedded summary; longer lists are left to the
// sidecar.
const maxSummary = 16 << 10

// embedded returns the summary of p for the file at path, as compact JSON
// that starts with "AI-generated with Kino" for people reading tags.
func (p *Provenance) embedded(path string, watermark *bool) string {
	s := summary{
		AIGenerated: true, App: p.App + " " + p.Version, ExportedAt: p.ExportedAt.Format(time.RFC3339),
		Watermark: watermark, Sidecar: filepath.Base(sidecarPath(path)),
	}
	for _, sh := range p.Shots {
		ss := summaryShot{Number: sh.Number, Backend: sh.Backend, Model: sh.Model, Seed: sh.Seed, TakeID: sh.TakeID}
		for _, c := range sh.Cameos {
			ss.Cameos = append(ss.Cameos, fmt.Sprintf("%s consent %s #%d (%s, %s)", c.Handle, c.ConsentID, c.ConsentSeq, c.ConsentOwner, c.Signature))
		}
		s.Shots = append(s.Shots, ss)
	}
	b, _ := json.Marshal(s)
	if len(b) > maxSummary {
		s.Omitted, s.Shots = len(s.Shots), nil
		b, _ = json.Marshal(s)
	}
	return "AI-generated with " + p.App + ". Provenance: " + string(b)
}

// hashFile returns the SHA-256 (hex) and size of the file at path.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("hashing %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("hashing %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// writeSidecar hashes the finished temporary file of final and writes its
// provenance next to it, as a new output.
func writeSidecar(o *outputs, final string, p *Provenance) error {
	o.credit(final, p)
	if err := o.finish(final); err != nil {
		return err
	}
	sum, size, err := hashFile(o.tempPath(final))
	if err != nil {
		return err
	}
	p.SHA256, p.Size = sum, size
	return writeJSONOutput(o, sidecarPath(final), p)
}

// encodeJSON writes v to w as indented JSON, without HTML escaping.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	return nil
}

// writeJSONOutput writes v as indented JSON to a new output named final.
func writeJSONOutput(o *outputs, final string, v any) error {
	var buf bytes.Buffer
	if err := encodeJSON(&buf, v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(final), err)
	}
	f, err := o.create(final)
	if err != nil {
		return err
	}
	_, err = f.Write(buf.Bytes())
	return err
}

func boolPtr(b bool) *bool { return &b }
