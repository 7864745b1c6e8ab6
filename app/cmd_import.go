package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"kino/engine/files"
	"kino/engine/render"
	"kino/project"
	"kino/project/fountain"
)

// importSynopsis is the argument synopsis of `kino import`.
const importSynopsis = "PATH SCRIPT.fountain [--cast NAME=@handle ...] [--after N] [--exchanges 1] [--dry-run]"

// castFlags collects repeated --cast NAME=@handle flags.
type castFlags []string

func (c *castFlags) String() string     { return strings.Join(*c, ",") }
func (c *castFlags) Set(v string) error { *c = append(*c, v); return nil }

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino import", importSynopsis, `Import a Fountain screenplay into project PATH as shots: a shot per scene
heading and per beat of action, at most one dialogue exchange per shot, each
line of dialogue in the voice of the cameo cast as its character. Characters
are cast by name: the cameo whose name or handle is the character's name.
Characters no cameo plays keep their name and are spoken by a neutral
narrator voice; cast them with --cast NAME=@handle (--cast NAME= leaves one
uncast). --dry-run shows the casting table and the shots without importing.
The import is one edit: Undo in the studio takes it back whole.`)
	var cast castFlags
	fs.Var(&cast, "cast", "cast a character: NAME=@handle (repeatable; NAME= leaves it uncast)")
	after := fs.Int("after", -1, "put the shots after shot number N (0: before the first; default: at the end)")
	exchanges := fs.Int("exchanges", 1, "dialogue exchanges (a line and its reply) per shot")
	dry := fs.Bool("dry-run", false, "show the casting and the shots; import nothing")
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	if *exchanges < 1 || *exchanges > 32 {
		return usagef("--exchanges must be 1 to 32")
	}
	script, err := readScript(pos[1])
	if err != nil {
		return err
	}
	p, err := openProject(pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	settings, err := p.Project(ctx)
	if err != nil {
		return err
	}
	n, err := shotCount(ctx, p)
	if err != nil {
		return err
	}
	index := n
	if *after >= 0 {
		if *after > n {
			return usagef("--after %d: the project has %d shots", *after, n)
		}
		index = *after
	}
	res, err := fountain.Breakdown(script, fountain.Options{
		Rate: settings.Rate, ExchangesPerShot: *exchanges,
		NewSeedEachTake: settings.SeedPolicy == project.SeedPerTake,
	})
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(pos[1]), err)
	}
	if len(res.Drafts) == 0 {
		return project.Errorf(project.EINVALID, "%s has no scenes, action or dialogue to make shots of", filepath.Base(pos[1]))
	}
	var library []*project.Cameo
	lib, err := openLibrary()
	if err == nil {
		defer lib.Close()
		library, err = lib.Cameos(ctx)
	}
	if err != nil {
		fmt.Fprintf(e.Err, "kino: the cameo library cannot be read (%v); every character is left uncast\n", err)
		lib, library = nil, nil
	}
	inProject, err := p.Cameos(ctx)
	if err != nil {
		return err
	}
	byKey, err := castingFor(res, library, cast)
	if err != nil {
		return err
	}
	shots, cameos, err := res.Shots(fountain.Casting{ByKey: byKey, ByHandle: cameoFinder(library, inProject)})
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(pos[1]), err)
	}
	if len(cameos) > 0 {
		lib, _, closeLib := consentLibrary()
		defer closeLib()
		book, err := render.Consent(ctx, p, lib, time.Now())
		if err != nil {
			return codeError(err)
		}
		for _, c := range cameos {
			if v := book.Verdict(c.ID, c.Handle); !v.Allowed() {
				return codeError(project.WrapError(project.ECONSENT, v.Err, "%s cannot be cast", castAs(res, byKey, &c)))
			}
		}
	}
	printCasting(e.Out, res, byKey)
	for _, w := range res.Warnings {
		fmt.Fprintf(e.Err, "note: %s\n", w)
	}
	if *dry {
		printDrafts(e.Out, shots, index)
		return nil
	}
	if lib != nil {
		for _, c := range cameos {
			if err := copyAssets(ctx, p, lib, c.Images); err != nil {
				return err
			}
		}
	}
	if _, err := p.Apply(ctx, project.ImportShots{Shots: shots, Index: index, Cameos: cameos}); err != nil {
		return codeError(err)
	}
	from := fmt.Sprintf("%d scenes of %s", scenes(res), filepath.Base(pos[1]))
	if scenes(res) == 0 {
		from = filepath.Base(pos[1]) + " (no scene headings: a shot per action block)"
	}
	fmt.Fprintf(e.Out, "Imported %d shots from %s as shots %d to %d (one edit; undo takes it back whole).\n",
		len(shots), from, index+1, index+len(shots))
	return nil
}

// readScript reads and parses a Fountain file, refusing what is not one
// with the file's name and the line.
func readScript(path string) (*fountain.Script, error) {
	data, err := files.ReadFile(path, files.ScriptLimit)
	if err != nil {
		return nil, fmt.Errorf("reading the script: %w", err)
	}
	s, err := fountain.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return s, nil
}

// castingFor matches the script's characters to library cameos by name
// and applies the --cast choices.
func castingFor(res *fountain.Result, library []*project.Cameo, choices []string) (map[string]*project.Cameo, error) {
	byKey := fountain.Match(res.Characters, library)
	known := map[string]bool{}
	for _, c := range res.Characters {
		known[c.Key] = true
	}
	for _, ch := range choices {
		name, h, ok := strings.Cut(ch, "=")
		key := fountain.Key(name)
		if !ok || key == "" {
			return nil, usagef("--cast %q: write NAME=@handle (or NAME= to leave a character uncast)", ch)
		}
		if !known[key] {
			var names []string
			for _, c := range res.Characters {
				names = append(names, c.Name)
			}
			return nil, usagef("--cast %s: the script has no character %s (it has %s)", ch, key, strings.Join(names, ", "))
		}
		if h = strings.TrimSpace(h); h == "" || h == "-" {
			byKey[key] = nil
			continue
		}
		var found *project.Cameo
		for _, c := range library {
			if c.Handle == project.NormalizeHandle(h) {
				found = c
			}
		}
		if found == nil {
			return nil, project.Errorf(project.ENOTFOUND, "--cast %s: there is no cameo %s in your library (see kino cameo list)", ch, project.NormalizeHandle(h))
		}
		byKey[key] = found
	}
	return byKey, nil
}

// cameoFinder finds the cameos kino notes name: in the library, else
// among the project's own copies.
func cameoFinder(library, inProject []*project.Cameo) func(string) *project.Cameo {
	return func(h string) *project.Cameo {
		for _, list := range [][]*project.Cameo{library, inProject} {
			for _, c := range list {
				if c.Handle == h {
					return c
				}
			}
		}
		return nil
	}
}

// castAs names the character (or characters) a cameo plays.
func castAs(res *fountain.Result, byKey map[string]*project.Cameo, c *project.Cameo) string {
	var names []string
	for _, r := range res.Characters {
		if cm := byKey[r.Key]; cm != nil && cm.ID == c.ID {
			names = append(names, r.Name)
		}
	}
	if len(names) == 0 {
		return c.Handle
	}
	return strings.Join(names, ", ") + " (" + c.Handle + ")"
}

// printCasting prints who plays whom, and how to cast the rest.
func printCasting(w io.Writer, res *fountain.Result, byKey map[string]*project.Cameo) {
	if len(res.Characters) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHARACTER\tLINES\tCAST")
	var uncast []string
	for _, r := range res.Characters {
		cast := "uncast: narrator voice"
		if c := byKey[r.Key]; c != nil {
			cast = c.Handle + " (" + c.Name + ")"
		} else {
			uncast = append(uncast, r.Name)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", r.Name, r.Lines, cast)
	}
	tw.Flush()
	if len(uncast) > 0 {
		fmt.Fprintf(w, "%d of %d characters are uncast; cast them with --cast NAME=@handle (kino cameo list shows your cameos).\n", len(uncast), len(res.Characters))
	}
}

// printDrafts lists the shots an import would add.
func printDrafts(w io.Writer, shots []project.Shot, index int) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SHOT\tLENGTH\tLINES\tPROMPT")
	for i, s := range shots {
		prompt := s.Prompt
		if r := []rune(prompt); len(r) > 70 {
			prompt = string(r[:69]) + "…"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", index+i+1, s.Duration, len(s.Dialogue), prompt)
	}
	tw.Flush()
	fmt.Fprintf(w, "Would import %d shots (nothing was imported: --dry-run).\n", len(shots))
}

func scenes(res *fountain.Result) int {
	n := 0
	for _, d := range res.Drafts {
		n = max(n, d.Scene)
	}
	return n
}
