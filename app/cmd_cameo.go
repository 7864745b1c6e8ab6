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

	"kino/engine/files"
	"kino/engine/render"
	"kino/project"
	"kino/project/cameofile"
	"kino/project/cameoimage"
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
	voiceSpec := fs.String("voice", project.DefaultVoice.Language, "voice: an espeak-ng language (en, en-us, de) or an installed Piper voice, piper:NAME[#SPEAKER]")
	language := fs.String("language", "", "the language the cameo speaks (default: the voice's); lines in another language are spoken by espeak-ng")
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
	voice, err := cameoVoice(*voiceSpec, *language, project.Voice{Variant: *variant, Pitch: *pitch, Rate: *rate})
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	c := &project.Cameo{
		Handle:     project.NormalizeHandle(*handle),
		Name:       strings.TrimSpace(*name),
		Appearance: strings.TrimSpace(*appearance),
		Voice:      voice,
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
	if _, err := cameoimage.Decode(bytes.NewReader(data)); err != nil {
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
	how := "signed with your key as your own consent"
	if c.Consent.SelfAttested {
		how = "vouched for by you (self-attested): " + termText(c.Consent.Owner, nameWidth) + " has not signed it; they can send you a cameo file they signed"
	}
	fmt.Fprintf(e.Out, "Saved %s (%s), consent from %s for %s, %s (key %s)\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth), termText(c.Consent.Owner, nameWidth), scopeText(c.Consent), how, project.KeyFingerprint(c.Consent.Key))
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
	facts, err := lib.ConsentFacts(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HANDLE\tNAME\tVOICE\tCONSENT\tSIGNATURE")
	now := time.Now()
	for _, c := range cameos {
		// A one-project consent is judged for that project.
		v := project.JudgeConsent(facts, c.ID, c.Handle, c.Consent.ProjectID, now)
		state := "valid: " + termText(c.Consent.Owner, nameWidth) + ", " + scopeText(c.Consent)
		if !v.Allowed() {
			state = "NOT VALID: " + termText(project.ErrorMessage(v.Err), messageWidth)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s (key %s)\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth), termText(c.Voice.Spec(), nameWidth), state, v.SignatureStatus(), project.KeyFingerprint(c.Consent.Key))
	}
	return tw.Flush()
}

func cmdCameoRevoke(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo revoke", "@handle [--out FILE.revocation]",
		"Revoke a cameo's consent, signed with your key. Every take that depicts it, in every project, is withheld:\nnot played, shown or exported. --out writes the signed revocation for other machines (kino cameo import).")
	out := fs.String("out", "", "also write the signed revocation to this file, for other machines")
	force := fs.Bool("force", false, "replace --out if it exists")
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
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Revoked %s (%s). Its takes are withheld in every project, and it can no longer be cast or generated.\n", termText(c.Handle, nameWidth), termText(c.Name, nameWidth))
	// Farms render shots away from here: their workers read the shared
	// revocations before every render.
	for _, d := range knownFarms() {
		if err := shareRevocations(d, []project.ConsentRecord{project.RecordOf(c)}); err != nil {
			fmt.Fprintf(e.Err, "kino: the farm at %s did not get the revocation: %s\n", termText(d, messageWidth), termText(err.Error(), messageWidth))
		}
	}
	if *out != "" {
		var buf bytes.Buffer
		if err := cameofile.WriteRevocation(&buf, project.RecordOf(c)); err != nil {
			return err
		}
		if err := writeNewFile(*out, buf.Bytes(), *force); err != nil {
			return err
		}
		fmt.Fprintf(e.Out, "Wrote the signed revocation to %s; import it on other machines with: kino cameo import %s\n", *out, *out)
	}
	return nil
}

func cmdCameoExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo export", "@handle --out FILE.kinocameo",
		"Write a cameo with its images, voice and signed consent to a file that another person can import.")
	out := fs.String("out", "", "the file to write (required)")
	force := fs.Bool("force", false, "replace --out if it exists")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("kino cameo export: --out is required")
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	c, err := lib.Cameo(ctx, pos[0])
	if err != nil {
		return codeError(err)
	}
	facts, err := lib.ConsentFacts(ctx)
	if err != nil {
		return err
	}
	if err := project.Shareable(facts, c, time.Now()); err != nil {
		return fmt.Errorf("%w (a revoked cameo's revocation can be shared: kino cameo revoke %s --out FILE)", err, c.Handle)
	}
	var buf bytes.Buffer
	if err := cameofile.WriteCameo(&buf, c, lib.OpenBlob); err != nil {
		return err
	}
	if err := writeNewFile(*out, buf.Bytes(), *force); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Wrote %s (%s) to %s: consent from %s for %s, key %s\n", c.Handle, c.Name, *out, c.Consent.Owner, scopeText(c.Consent), project.KeyFingerprint(c.Consent.Key))
	return nil
}

func cmdCameoImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo import", "FILE.kinocameo|FILE.revocation [--handle @h]",
		"Import a cameo file (a person's likeness, voice and signed consent) or a signed revocation into your library.\nThe consent's terms are kept and enforced here; the first import pins the owner's key.")
	handle := fs.String("handle", "", "import the cameo under this handle (when its own is taken)")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	f, size, err := files.Open(pos[0], cameofile.MaxFileSize)
	if err != nil {
		return fmt.Errorf("reading %s: %w", pos[0], err)
	}
	defer f.Close()
	doc, err := cameofile.Read(f, size)
	if err != nil {
		return codeError(fmt.Errorf("%s: %w", pos[0], err))
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	if r := doc.Revocation; r != nil {
		known, err := lib.ImportRevocation(ctx, *r)
		if err != nil {
			return codeError(err)
		}
		if !known {
			fmt.Fprintf(e.Out, "Kept the revocation of %s (you have no copy of that cameo; takes of it in your projects are withheld).\n", r.Handle)
			return nil
		}
		fmt.Fprintf(e.Out, "Imported the revocation of %s, signed by key %s: its takes are withheld in every project.\n", r.Handle, project.KeyFingerprint(r.Consent.Key))
		return nil
	}
	c := doc.Cameo
	if c.Consent.Revoked {
		// A cameo file whose consent was revoked brings no likeness: only
		// its revocation is kept, so takes of the cameo are withheld.
		if _, err := lib.ImportRevocation(ctx, project.RecordOf(c)); err != nil {
			return codeError(err)
		}
		return codeError(project.Errorf(project.ECONSENT, "%s's consent in %s was revoked: the cameo was not imported (its revocation was kept)", c.Handle, pos[0]))
	}
	if *handle != "" {
		c.Handle = project.NormalizeHandle(*handle)
	}
	for _, a := range c.Images {
		if _, err := lib.PutBlob(ctx, bytes.NewReader(doc.Images[a.SHA256]), a.MediaType); err != nil {
			return err
		}
	}
	res, err := lib.ImportCameo(ctx, c)
	if err != nil {
		return codeError(err)
	}
	got := res.Cameo
	switch {
	case res.Unchanged:
		fmt.Fprintf(e.Out, "%s is already in your library with this consent record or a newer one; nothing changed.\n", got.Handle)
	default:
		fmt.Fprintf(e.Out, "Imported %s (%s): consent from %s for %s.\n", got.Handle, got.Name, got.Consent.Owner, scopeText(got.Consent))
	}
	who := "signed by the person it depicts"
	if got.Consent.SelfAttested {
		who = "self-attested by whoever made it (not signed by the person it depicts)"
	}
	fmt.Fprintf(e.Out, "Consent %s, key %s", who, res.Fingerprint)
	if res.FirstSeen {
		fmt.Fprint(e.Out, " (pinned now: later records for this cameo must carry this key)")
	}
	fmt.Fprintln(e.Out)
	if err := got.Consent.Allows(got.Handle, got.Consent.ProjectID, time.Now()); err != nil {
		fmt.Fprintf(e.Out, "Note: %s: it cannot be cast.\n", project.ErrorMessage(err))
	}
	return nil
}

func cmdCast(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cast", "PATH SHOT @handle [--role R] [--remove]",
		"Cast a cameo from your library in shot number SHOT, or remove it from the shot with --remove.\nRemoving a cameo does not change takes already made: they still depict it.")
	role := fs.String("role", "", "the cameo's role in the shot")
	remove := fs.Bool("remove", false, "remove the cameo from the shot's cast (and its dialogue lines)")
	pos, err := fs.args(args, 3, 3)
	if err != nil {
		return err
	}
	if *remove {
		p, shot, err := openShot(ctx, pos[0], pos[1], false)
		if err != nil {
			return err
		}
		defer p.Close()
		h := project.NormalizeHandle(pos[2])
		if _, err := p.Apply(ctx, project.UncastCameo{ShotID: shot.ID, Handle: h}); err != nil {
			return codeError(err)
		}
		fmt.Fprintf(e.Out, "Removed %s from shot %d\n", h, shot.Number())
		return nil
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
	// Refuse before copying anything when consent does not allow this use.
	book, err := render.Consent(ctx, p, lib, time.Now())
	if err != nil {
		return codeError(err)
	}
	if v := book.Verdict(c.ID, c.Handle); !v.Allowed() {
		return codeError(v.Err)
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
