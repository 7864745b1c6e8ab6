package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"kino/engine"
	"kino/engine/files"
	"kino/project"
)

func cmdCameoAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo add", "--name N --handle @h --image FILE [--consent-owner O] [...]",
		"Save a cameo (a person's likeness and voice) to your library. Only add people who agreed to it.")
	name := fs.String("name", "", "display name (required)")
	handle := fs.String("handle", "", "unique @handle used in prompts (required)")
	image := fs.String("image", "", "reference image: PNG, JPEG or GIF (required)")
	appearance := fs.String("appearance", "", "a short description of how the person looks")
	owner := fs.String("consent-owner", "", "who gave consent (default: the person named by --name)")
	uses := fs.String("uses", string(project.ConsentAnyProject), "allowed uses: any-project or this-project")
	projectPath := fs.String("project", "", "with --uses this-project: the project the consent covers")
	expires := fs.String("expires", "", "consent expiry date YYYY-MM-DD (default: never)")
	language := fs.String("voice", project.DefaultVoice.Language, "voice language for speech, e.g. en, en-us, de")
	variant := fs.String("voice-variant", "", "voice variant, e.g. f3 or m2")
	pitch := fs.Int("pitch", project.DefaultVoice.Pitch, "voice pitch 0-100")
	rate := fs.Int("rate", project.DefaultVoice.Rate, "speaking rate in words per minute, 80-450")
	self := fs.Bool("self", false, "this cameo is you: \"I\" and \"me\" (\"ich\", \"mich\") in prompts mean it")
	if _, err := fs.args(args, 0, 0); err != nil {
		return err
	}
	if *name == "" || *handle == "" || *image == "" {
		fs.Usage()
		return usagef("kino cameo add: --name, --handle and --image are required")
	}
	now := time.Now().UTC()
	c := &project.Cameo{
		Handle:     project.NormalizeHandle(*handle),
		Name:       strings.TrimSpace(*name),
		Appearance: strings.TrimSpace(*appearance),
		Voice:      project.Voice{Language: *language, Variant: *variant, Pitch: *pitch, Rate: *rate},
		IsSelf:     *self,
		Consent: project.Consent{
			ID:        randomID(),
			Owner:     strings.TrimSpace(*owner),
			Scope:     project.ConsentScope(*uses),
			GrantedAt: now,
		},
	}
	if c.Consent.Owner == "" {
		c.Consent.Owner = c.Name
	}
	if *expires != "" {
		t, err := project.ParseExpiryDate(*expires)
		if err != nil {
			return usagef("--expires must be a date like 2027-06-30, not %q", *expires)
		}
		c.Consent.Expires = t
	}
	if c.Consent.Scope == project.ConsentThisProject {
		if *projectPath == "" {
			return usagef("--uses this-project needs --project PATH")
		}
		p, settings, err := openWithSettings(ctx, *projectPath, true)
		if err != nil {
			return err
		}
		p.Close()
		c.Consent.ProjectID = settings.ID
	}
	if err := project.ValidateHandle(c.Handle); err != nil {
		return usagef("--handle: %v", err)
	}
	if err := c.Validate(); err != nil {
		return usagef("kino cameo add: %s", project.ErrorMessage(err))
	}
	// Check the image decodes and is a sane size before storing it.
	data, err := files.ReadFile(*image, files.ImageLimit)
	if err != nil {
		return fmt.Errorf("reading reference image: %w", err)
	}
	if _, err := engine.DecodeReferenceImage(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("reference image %s: %w", *image, err)
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	asset, err := lib.PutBlob(ctx, bytes.NewReader(data), http.DetectContentType(data))
	if err != nil {
		return err
	}
	c.Images = []project.Asset{asset}
	if err := lib.CreateCameo(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Saved %s (%s), consent from %s for %s\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth), termText(c.Consent.Owner, nameWidth), scopeText(c.Consent))
	return nil
}

func scopeText(c project.Consent) string {
	s := "any project"
	if c.Scope == project.ConsentThisProject {
		s = "one project"
	}
	if !c.Expires.IsZero() {
		s += ", until " + c.Expires.Format("2006-01-02")
	}
	return s
}

func cmdCameoList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo list", "[--json]", "List the cameos in your library.")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := fs.args(args, 0, 0); err != nil {
		return err
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	cameos, err := lib.Cameos(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if cameos == nil {
			cameos = []*project.Cameo{}
		}
		return writeJSON(e.Out, cameos)
	}
	if len(cameos) == 0 {
		fmt.Fprintln(e.Out, "No cameos yet. Add one with: kino cameo add --name N --handle @h --image FILE")
		return nil
	}
	tw := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HANDLE\tNAME\tVOICE\tCONSENT")
	now := time.Now()
	for _, c := range cameos {
		state := "valid: " + termText(c.Consent.Owner, nameWidth) + ", " + scopeText(c.Consent)
		if err := c.Consent.Allows(c.Handle, c.Consent.ProjectID, now); err != nil {
			state = "NOT VALID: " + termText(project.ErrorMessage(err), messageWidth)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth), termText(c.Voice.Language, nameWidth), state)
	}
	return tw.Flush()
}

func cmdCameoRevoke(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo revoke", "@handle", "Revoke a cameo's consent. Shots that cast it can no longer be generated or exported.")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	c, err := lib.RevokeCameo(ctx, project.NormalizeHandle(pos[0]), time.Now().UTC())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Revoked %s (%s). Shots that cast it are flagged and will not be generated.\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth))
	return nil
}

func cmdCast(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cast", "PATH SHOT @handle [--role R]", "Cast a cameo from your library in shot number SHOT.")
	role := fs.String("role", "", "the cameo's role in the shot")
	pos, err := fs.args(args, 3, 3)
	if err != nil {
		return err
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	c, err := lib.Cameo(ctx, project.NormalizeHandle(pos[2]))
	if err != nil {
		return err
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], false)
	if err != nil {
		return err
	}
	defer p.Close()
	settings, err := p.Project(ctx)
	if err != nil {
		return err
	}
	// Refuse before copying anything when consent does not allow this use.
	if err := c.Consent.Allows(c.Handle, settings.ID, time.Now()); err != nil {
		return codeError(err)
	}
	if err := copyAssets(ctx, p, lib, c.Images); err != nil {
		return err
	}
	if _, err := p.Apply(ctx, project.CastCameo{ShotID: shot.ID, Cameo: *c, Role: *role}); err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Cast %s (%s) in shot %d\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth), shot.Number())
	return nil
}

// copyAssets copies blobs from one media store to another (the cameo
// library's images into a project), skipping blobs already there.
func copyAssets(ctx context.Context, dst, src project.MediaStore, assets []project.Asset) error {
	for _, a := range assets {
		if _, err := os.Stat(dst.BlobPath(a.SHA256)); err == nil {
			continue
		}
		r, err := src.OpenBlob(a.SHA256)
		if err != nil {
			return err
		}
		got, err := dst.PutBlob(ctx, r, a.MediaType)
		r.Close()
		if err != nil {
			return err
		}
		if got.SHA256 != a.SHA256 {
			return project.Errorf(project.ECORRUPT, "library image %s is damaged (its content hashes to %s)", src.BlobPath(a.SHA256), got.SHA256)
		}
	}
	return nil
}

func randomID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
