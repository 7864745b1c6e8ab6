package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kino/engine/files"
	"kino/project"
	"kino/project/cameofile"
)

// ImportCameoFile imports the cameo file or signed revocation at path into
// lib (and, for a revocation of a cameo the project holds, into store),
// and returns what a person should read about it: who consented to what,
// and the owner key's fingerprint.
func ImportCameoFile(ctx context.Context, lib Library, store Store, path string) (string, error) {
	f, size, err := files.Open(path, cameofile.MaxFileSize)
	if err != nil {
		return "", project.Errorf(project.EINVALID, "%s cannot be read: %v", filepath.Base(path), err)
	}
	defer f.Close()
	doc, err := cameofile.Read(f, size)
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	if r := doc.Revocation; r != nil {
		if _, err := lib.ImportRevocation(ctx, *r); err != nil {
			return "", err
		}
		if store != nil {
			f, err := lib.ConsentFacts(ctx)
			if err != nil {
				return "", err
			}
			if _, err := store.SyncConsent(ctx, []project.ConsentRecord{*r}, f.Trusted...); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("Imported the revocation of %s: its takes are withheld in every project.", r.Handle), nil
	}
	c := doc.Cameo
	if c.Consent.Revoked {
		if _, err := lib.ImportRevocation(ctx, project.RecordOf(c)); err != nil {
			return "", err
		}
		return "", project.Errorf(project.ECONSENT, "%s's consent in this file was revoked: the cameo was not imported (its revocation was kept)", c.Handle)
	}
	for _, a := range c.Images {
		if _, err := lib.PutBlob(ctx, bytes.NewReader(doc.Images[a.SHA256]), a.MediaType); err != nil {
			return "", err
		}
	}
	res, err := lib.ImportCameo(ctx, c)
	if err != nil {
		return "", err
	}
	if res.Unchanged {
		return res.Cameo.Handle + " is already in your library with this consent or a newer one.", nil
	}
	who := "signed by the person it depicts"
	if res.Cameo.Consent.SelfAttested {
		who = "self-attested (not signed by the person it depicts)"
	}
	msg := fmt.Sprintf("Imported %s (%s): consent from %s, %s, key %s.", res.Cameo.Handle, res.Cameo.Name, res.Cameo.Consent.Owner, who, res.Fingerprint)
	if res.FirstSeen {
		msg += " This key is now pinned: later records for this cameo must carry it."
	}
	return msg, nil
}

// ExportCameoFile writes library cameo c with its signed consent to path,
// refusing a cameo whose consent is revoked, expired or does not verify.
func ExportCameoFile(lib Library, c *project.Cameo, path string) error {
	facts, err := lib.ConsentFacts(context.Background())
	if err != nil {
		return err
	}
	if err := project.Shareable(facts, c, time.Now()); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := cameofile.WriteCameo(&buf, c, lib.OpenBlob); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// importCameo asks for a cameo or revocation file and imports it.
func (cs *cameosCtl) importCameo() {
	if cs.s.deps.Library == nil {
		cs.s.setStatus("No cameo library is open")
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		cs.s.work.do(func(ctx context.Context) func() {
			msg, err := ImportCameoFile(ctx, cs.s.deps.Library, cs.s.deps.Store, path)
			return func() {
				if err != nil {
					cs.s.showError("Import cameo", err)
					return
				}
				dialog.ShowInformation("Cameo imported", msg, cs.s.win)
				cs.s.setStatus(msg)
			}
		})
		cs.s.edits.reloadLibrary()
	}, cs.s.win)
	d.Show()
}

// exportCameo asks where to write c as a .kinocameo file.
func (cs *cameosCtl) exportCameo(c *project.Cameo) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		cameo := c.Clone()
		cs.s.work.do(func(context.Context) func() {
			err := ExportCameoFile(cs.s.deps.Library, cameo, path)
			return func() {
				if err != nil {
					cs.s.showError("Export cameo", err)
					return
				}
				cs.s.setStatus("Wrote " + cameo.Handle + " to " + path)
			}
		})
	}, cs.s.win)
	d.SetFileName(c.Handle[1:] + ".kinocameo")
	d.Show()
}
