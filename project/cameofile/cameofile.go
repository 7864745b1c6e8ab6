// Package cameofile reads and writes the files that carry consent between
// machines: a .kinocameo file (a cameo with its images, voice and signed
// consent record, so the person who receives it sees who consented to
// what, and Kino enforces the terms there too) and a .revocation file
// (an owner's signed revocation, which withholds the cameo's takes on any
// machine that imports it).
//
// A .kinocameo file is a zip archive holding kino-cameo.json and each
// reference image under images/ named by its SHA-256; a .revocation file
// is one JSON document. Both are read with bounds on every size, and every
// image is checked against its hash and the consent signature against its
// contents before anything is returned.
package cameofile

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"kino/project"
)

// Format names inside the files.
const (
	CameoFormat      = "kino-cameo/1"
	RevocationFormat = "kino-revocation/1"
	manifestName     = "kino-cameo.json"
)

// Limits on what is read.
const (
	// MaxFileSize bounds a whole .kinocameo or .revocation file.
	MaxFileSize = 512 << 20
	// maxImage bounds one image inside it.
	maxImage = 64 << 20
	// maxManifest bounds kino-cameo.json and a .revocation file's JSON.
	maxManifest = 1 << 20
)

// File is what a .kinocameo or .revocation file holds: a cameo with its
// images, or a revocation.
type File struct {
	Cameo      *project.Cameo
	Images     map[string][]byte // by SHA-256
	Revocation *project.ConsentRecord
}

type cameoManifest struct {
	Format string         `json:"format"`
	Cameo  *project.Cameo `json:"cameo"`
}

type revocationDoc struct {
	Format string                 `json:"format"`
	Record *project.ConsentRecord `json:"record"`
}

// WriteCameo writes c with its images (read through open) as a .kinocameo
// archive. c's consent must be signed.
func WriteCameo(w io.Writer, c *project.Cameo, open func(sha string) (io.ReadCloser, error)) error {
	if err := c.Consent.VerifySignature(c.ID); err != nil {
		return project.WrapError(project.ECONSENT, err, "cameo %s cannot be exported: its consent record does not verify", c.Handle)
	}
	zw := zip.NewWriter(w)
	for _, a := range c.Images {
		r, err := open(a.SHA256)
		if err != nil {
			return fmt.Errorf("exporting cameo %s: %w", c.Handle, err)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: "images/" + a.SHA256, Method: zip.Store})
		if err == nil {
			_, err = io.Copy(f, r)
		}
		r.Close()
		if err != nil {
			return fmt.Errorf("exporting cameo %s: %w", c.Handle, err)
		}
	}
	m, err := json.MarshalIndent(cameoManifest{Format: CameoFormat, Cameo: c}, "", "  ")
	if err != nil {
		return fmt.Errorf("exporting cameo %s: %w", c.Handle, err)
	}
	f, err := zw.Create(manifestName)
	if err == nil {
		_, err = f.Write(m)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return fmt.Errorf("exporting cameo %s: %w", c.Handle, err)
	}
	return nil
}

// WriteRevocation writes r, a signed revocation, as a .revocation file.
func WriteRevocation(w io.Writer, r project.ConsentRecord) error {
	if !r.Consent.Revoked {
		return project.Errorf(project.EINVALID, "the consent record of %s is not a revocation", r.Handle)
	}
	b, err := json.MarshalIndent(revocationDoc{Format: RevocationFormat, Record: &r}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Read reads a .kinocameo or .revocation file of size bytes from r. It
// returns an EINVALID error for a file that is neither, or is damaged,
// and an ECONSENT error when the consent record inside does not verify
// (the file was changed after it was signed).
func Read(r io.ReaderAt, size int64) (*File, error) {
	if size > MaxFileSize {
		return nil, project.Errorf(project.EINVALID, "the file is %d MB; a cameo file is at most %d MB", size>>20, MaxFileSize>>20)
	}
	head := make([]byte, 4)
	if _, err := r.ReadAt(head, 0); err != nil && size >= 4 {
		return nil, fmt.Errorf("reading: %w", err)
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return readCameo(r, size)
	}
	return readRevocation(io.NewSectionReader(r, 0, size))
}

func readCameo(r io.ReaderAt, size int64) (*File, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, project.WrapError(project.EINVALID, err, "the file is not a Kino cameo (a damaged archive)")
	}
	f := &File{Images: map[string][]byte{}}
	var manifest []byte
	for _, e := range zr.File {
		switch {
		case e.Name == manifestName:
			if manifest, err = readEntry(e, maxManifest); err != nil {
				return nil, err
			}
		case strings.HasPrefix(e.Name, "images/"):
			if len(f.Images) >= project.MaxCameoImages {
				return nil, project.Errorf(project.EINVALID, "the cameo file holds more than %d images", project.MaxCameoImages)
			}
			data, err := readEntry(e, maxImage)
			if err != nil {
				return nil, err
			}
			sum := sha256.Sum256(data)
			sha := hex.EncodeToString(sum[:])
			if "images/"+sha != e.Name {
				return nil, project.Errorf(project.EINVALID, "image %s in the cameo file is damaged (its content hashes to %s)", e.Name, sha)
			}
			f.Images[sha] = data
		}
	}
	if manifest == nil {
		return nil, project.Errorf(project.EINVALID, "the file is not a Kino cameo (no %s inside)", manifestName)
	}
	var m cameoManifest
	if err := json.Unmarshal(manifest, &m); err != nil || m.Format != CameoFormat || m.Cameo == nil {
		return nil, project.Errorf(project.EINVALID, "the file is not a Kino cameo of format %s", CameoFormat)
	}
	c := m.Cameo
	for i, a := range c.Images {
		data, ok := f.Images[a.SHA256]
		if !ok {
			return nil, project.Errorf(project.EINVALID, "the cameo file lacks the image %s", a.SHA256)
		}
		c.Images[i].Size = int64(len(data))
		if c.Images[i].MediaType == "" {
			c.Images[i].MediaType = http.DetectContentType(data)
		}
	}
	if err := c.Validate(); err != nil {
		return nil, project.WrapError(project.EINVALID, err, "the cameo in the file is not valid")
	}
	if err := c.Consent.VerifySignature(c.ID); err != nil || c.Consent.ImageSHA256 != c.MainImage() {
		return nil, project.Errorf(project.ECONSENT, "consent record for %s does not verify (the file was changed after it was signed?); it is refused", c.Handle)
	}
	f.Cameo = c
	return f, nil
}

func readEntry(e *zip.File, limit int64) ([]byte, error) {
	if e.UncompressedSize64 > uint64(limit) {
		return nil, project.Errorf(project.EINVALID, "%s in the cameo file is larger than %d MB", e.Name, limit>>20)
	}
	rc, err := e.Open()
	if err != nil {
		return nil, project.WrapError(project.EINVALID, err, "reading %s in the cameo file", e.Name)
	}
	defer rc.Close()
	// The header's size can lie (a decompression bomb): never read more.
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, project.WrapError(project.EINVALID, err, "reading %s in the cameo file", e.Name)
	}
	if int64(len(data)) > limit {
		return nil, project.Errorf(project.EINVALID, "%s in the cameo file is larger than %d MB", e.Name, limit>>20)
	}
	return data, nil
}

func readRevocation(r io.Reader) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxManifest+1))
	if err != nil {
		return nil, fmt.Errorf("reading: %w", err)
	}
	var d revocationDoc
	if len(data) > maxManifest || json.Unmarshal(data, &d) != nil || d.Format != RevocationFormat || d.Record == nil {
		return nil, project.Errorf(project.EINVALID, "the file is neither a Kino cameo nor a revocation")
	}
	rec := d.Record
	rec.Likeness = rec.Consent.ImageSHA256
	if !rec.Consent.Revoked {
		return nil, project.Errorf(project.EINVALID, "the revocation file's record does not revoke anything")
	}
	if err := rec.Consent.VerifySignature(rec.CameoID); err != nil {
		return nil, project.Errorf(project.ECONSENT, "the revocation for %s does not verify (the file was changed after it was signed?); it is refused", rec.Handle)
	}
	return &File{Revocation: rec}, nil
}
