package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kino/engine/c2pa"
)

// cmdVerify is `kino verify FILE...`: it reads each file's Content
// Credentials, checks the signature and that the file's bytes are the
// ones signed, and says who made it, with what, from which prompts and
// cameos. It fails (exit 1) unless every file verifies.
func cmdVerify(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino verify", "FILE... [--json] [--trust CA.pem]", `Check the Content Credentials (C2PA) of files: the signature, that the file
was not changed after signing (one changed byte is enough to fail), and who
made it, with what, from which prompts and cameos. Credentials are read from
the file or from a FILE.c2pa sidecar beside it. The signer counts as trusted
when its chain leads to this machine's own Kino CA, a certificate in
`+CredentialsDir()+`/trusted/, or one given with --trust.
A folder (a PNG frame export) stands for the files in it.
Exits 0 only when every file verifies (an untrusted signer still verifies).`)
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	var trustFiles []string
	fs.Func("trust", "also trust the certificates in this PEM file (repeatable)", func(s string) error {
		trustFiles = append(trustFiles, s)
		return nil
	})
	files, err := fs.args(args, 1, -1)
	if err != nil {
		return err
	}
	files = expandFolders(files)
	opts := c2pa.Options{Trust: trustedCertificates()}
	for _, f := range trustFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return usagef("--trust: %v", err)
		}
		certs, err := c2pa.ParseCertificates(b)
		if err != nil {
			return usagef("--trust %s: %v", f, err)
		}
		opts.Trust = append(opts.Trust, certs...)
	}
	var reports []*c2pa.Report
	bad := 0
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep, err := c2pa.Verify(f, opts)
		if err != nil {
			rep = &c2pa.Report{File: f, Problem: "cannot be read: " + err.Error()}
		}
		if !rep.Valid() {
			bad++
		}
		reports = append(reports, rep)
		if !*asJSON {
			if i > 0 {
				fmt.Fprintln(e.Out)
			}
			rep.WriteText(e.Out)
		}
	}
	if *asJSON {
		if err := writeJSON(e.Out, reports); err != nil {
			return err
		}
	}
	switch {
	case bad == 0:
		return nil
	case len(files) == 1:
		return fmt.Errorf("%s does not verify", files[0])
	}
	return fmt.Errorf("%d of %d files do not verify", bad, len(files))
}

// expandFolders replaces each folder (a PNG frame export, say) by the
// files in it, leaving out Kino's provenance and C2PA sidecars.
func expandFolders(paths []string) []string {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			out = append(out, p)
			continue
		}
		n := len(out)
		for _, e := range ents {
			name := e.Name()
			if e.Type().IsRegular() && !strings.HasPrefix(name, ".") && name != "provenance.json" && !strings.HasSuffix(name, ".c2pa") && !strings.HasSuffix(name, ".provenance.json") {
				out = append(out, filepath.Join(p, name))
			}
		}
		if len(out) == n {
			out = append(out, p) // an empty folder: say so
		}
	}
	return out
}
