package app

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"kino/engine/render"
	"kino/project"
)

// takeView is a take as `kino take list --json` prints it: the stored take
// plus where its media files are on disk.
type takeView struct {
	*project.Take
	Active bool              `json:"active"`
	Files  map[string]string `json:"files,omitempty"` // role → absolute path
	// Withheld says why the take may not be played, shown or exported
	// (a cameo it depicts has no consent for it now); "" when it may.
	Withheld string `json:"withheld,omitempty"`
	// MixOnly is set for a finished take without stems.
	MixOnly bool `json:"mix_only"`
}

func cmdTakeList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino take list", "PATH SHOT [--json]", "List the takes of shot number SHOT; the active one is marked with *.")
	asJSON := fs.Bool("json", false, "print JSON, with the paths of each take's video, sound and thumbnail")
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], true)
	if err != nil {
		return err
	}
	defer p.Close()
	takes, err := p.Takes(ctx, shot.ID)
	if err != nil {
		return err
	}
	lib, _, closeLib := consentLibrary()
	defer closeLib()
	book, err := render.Consent(ctx, p, lib, time.Now())
	if err != nil {
		return err
	}
	views := make([]takeView, len(takes))
	for i, t := range takes {
		views[i] = takeView{Take: t, Active: t.ID == shot.ActiveTakeID, Files: map[string]string{}, MixOnly: t.MixOnly()}
		if w := book.Withheld(t); len(w) > 0 {
			views[i].Withheld = project.WithheldSummary(w)
			views[i].Files = nil // a withheld take's media are not handed out
			continue
		}
		for _, m := range t.Media {
			views[i].Files[m.Role] = p.BlobPath(m.Asset.SHA256)
		}
	}
	if *asJSON {
		return writeJSON(e.Out, views)
	}
	if len(views) == 0 {
		fmt.Fprintf(e.Out, "Shot %d has no takes yet. Generate one with: kino generate %s %d\n", shot.Number(), termText(pos[0], messageWidth), shot.Number())
		return nil
	}
	tw := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\tTAKE\tSTATUS\tBACKEND\tSEED\tCREATED\t")
	for _, v := range views {
		mark := " "
		if v.Active {
			mark = "*"
		}
		star := ""
		if v.Favourite {
			star = "★"
		}
		status := string(v.Status)
		if v.Error != "" {
			status += ": " + v.Error
		}
		if v.Withheld != "" {
			status += " (WITHHELD: " + v.Withheld + ")"
		}
		if v.MixOnly {
			status += " (mix only)" // no stems: made before Kino kept them
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%s\t%s\n", mark, v.ID, termText(status, 120), termText(v.Backend, nameWidth), v.Seed, v.CreatedAt.Local().Format("2006-01-02 15:04"), star)
	}
	return tw.Flush()
}
