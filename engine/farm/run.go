package farm

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kino/engine"
	"kino/engine/files"
	"kino/engine/render"
	"kino/project"
	"kino/project/cameofile"
	"kino/project/cameoimage"
)

// RenderOptions tune Render.
type RenderOptions struct {
	// Backends are the engines this worker has, by name.
	Backends map[string]engine.Backend
	// HasModel reports whether backend can use model pack model here
	// (nil: every model is assumed present and the hash check decides).
	HasModel func(backend engine.Backend, model string) bool
	// Now is the clock for consent (default time.Now).
	Now func() time.Time
	// Workers encode frames in parallel (0: GOMAXPROCS).
	Workers  int
	Progress engine.ProgressFunc
	// Worker names this machine in the result (default: the host name).
	Worker string
}

// Render is `kino render`: it renders the request at requestPath into
// outDir, which belongs to the task. It judges consent again, with the
// request's records and the shared revocations, and fails with the reason
// when it does not allow the render. It writes into a temporary folder
// beside outDir and renames it into place at the end; an earlier outDir
// of its own (a retry of the same task) is replaced, anything else is
// left alone and the render refused. It never opens a project.
func Render(ctx context.Context, requestPath, outDir string, opts RenderOptions) (*Result, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	start := opts.Now()
	req, err := ReadRequest(requestPath)
	if err != nil {
		return nil, err
	}
	base := filepath.Dir(requestPath)
	if outDir, err = filepath.Abs(outDir); err != nil {
		return nil, err
	}
	if err := ownable(outDir); err != nil {
		return nil, err
	}
	backend, ok := opts.Backends[req.Backend]
	if !ok {
		return nil, project.Errorf(project.ENOTFOUND, "this worker has no %q engine (shot %d needs it)", req.Backend, req.ShotNumber)
	}
	if req.Model != "" && opts.HasModel != nil && !opts.HasModel(backend, req.Model) {
		return nil, project.Errorf(project.ENOTFOUND, "this worker has no model pack %q (shot %d needs it); install it in the worker's models folder", req.Model, req.ShotNumber)
	}
	if err := judge(req, filepath.Join(base, req.Revocations), opts.Now()); err != nil {
		return nil, err
	}
	er := req.Request
	er.Cast = append([]engine.CastCameo(nil), er.Cast...)
	for k, c := range er.Cast {
		if c.ImageSHA256 == "" {
			continue
		}
		img, err := loadImage(base, req.Images[c.ImageSHA256], c.ImageSHA256)
		if err != nil {
			return nil, fmt.Errorf("shot %d, cameo %s: %w", req.ShotNumber, c.Handle, err)
		}
		er.Cast[k].Image = img
	}

	parent := filepath.Dir(outDir)
	removeStalePartials(outDir)
	tmp, err := os.MkdirTemp(parent, filepath.Base(outDir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("making the output folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, ownerMark), []byte(req.ParamsHash+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("making the output folder: %w", err)
	}
	put := folderPut(tmp)
	out, err := render.Produce(ctx, backend, er, req.Quality, opts.Workers, put, opts.Progress)
	if err != nil {
		return nil, fmt.Errorf("shot %d: %w", req.ShotNumber, err)
	}
	if req.ModelHash != "" && out.Info.ModelHash != "" && out.Info.ModelHash != req.ModelHash {
		return nil, project.Errorf(project.ECONFLICT, "this worker's model pack %q differs from the one the shot was submitted with (hash %.12s here, %.12s expected); install the same pack", req.Model, out.Info.ModelHash, req.ModelHash)
	}
	reqJSON, err := json.Marshal(er)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Format: ResultFormat, ShotID: req.ShotID, ParamsHash: req.ParamsHash, Backend: req.Backend,
		Model: req.Model, ModelHash: out.Info.ModelHash, Seed: er.Seed, Frames: int64(out.Info.Frames), Rate: out.Info.Rate,
		Request: reqJSON, Cameos: er.Depicted(), Notes: out.Notes, Worker: opts.Worker,
		TotalMS: opts.Now().Sub(start).Milliseconds(), FramesMS: out.Frames.Milliseconds(), SoundMS: out.Sound.Milliseconds(),
		Finished: opts.Now().UTC(),
	}
	if res.Worker == "" {
		res.Worker, _ = os.Hostname()
	}
	for _, m := range out.Media {
		res.Media = append(res.Media, ResultFile{Role: m.Role, File: blobName(m.Asset.SHA256, m.Asset.MediaType), SHA256: m.Asset.SHA256, Size: m.Asset.Size, MediaType: m.Asset.MediaType})
	}
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writeSynced(filepath.Join(tmp, ResultName), data); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Put the new folder in place of any earlier one of this task.
	if _, err := os.Stat(outDir); err == nil {
		old := outDir + ".old-" + randomSuffix()
		if err := os.Rename(outDir, old); err != nil {
			return nil, fmt.Errorf("replacing the earlier output: %w", err)
		}
		defer os.RemoveAll(old)
	}
	if err := os.Rename(tmp, outDir); err != nil {
		return nil, fmt.Errorf("finishing the output folder: %w", err)
	}
	syncDir(parent)
	return res, nil
}

// ownable refuses an out folder that exists and was not written by
// kino render: a task replaces only its own earlier output.
func ownable(outDir string) error {
	st, err := os.Lstat(outDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.IsDir() {
		if _, err := os.Stat(filepath.Join(outDir, ownerMark)); err == nil {
			return nil
		}
	}
	return project.Errorf(project.ECONFLICT, "%s exists and was not written by kino render; it is left alone (choose another --out)", outDir)
}

// removeStalePartials removes temporary folders a killed earlier attempt
// of this task left beside outDir (only those it marked as its own).
func removeStalePartials(outDir string) {
	matches, _ := filepath.Glob(outDir + ".partial-*")
	old, _ := filepath.Glob(outDir + ".old-*")
	for _, m := range append(matches, old...) {
		if _, err := os.Stat(filepath.Join(m, ownerMark)); err == nil {
			os.RemoveAll(m)
		}
	}
}

// judge applies the consent rule to every cameo the request casts, over
// the request's records and pins and the shared revocations.
func judge(req *Request, revocations string, now time.Time) error {
	if len(req.Request.Cast) == 0 {
		return nil
	}
	facts := &project.ConsentFacts{Pins: req.Pins, Trusted: req.Trusted}
	for _, r := range req.Consent {
		r.Likeness = r.Consent.ImageSHA256
		facts.Records = append(facts.Records, r)
	}
	revs, err := ReadRevocations(revocations)
	if err != nil {
		return project.WrapError(project.ECONSENT, err, "consent cannot be established: the shared revocations cannot be read")
	}
	facts.Records = append(facts.Records, revs...)
	for _, c := range req.Request.Cast {
		if c.CameoID == "" {
			continue
		}
		v := project.JudgeConsent(facts, c.CameoID, c.Handle, req.ProjectID, now)
		if !v.Allowed() {
			return project.WrapError(project.ECONSENT, v.Err, "shot %d cannot be rendered", req.ShotNumber)
		}
		if v.Record.ImageSHA256 != c.ImageSHA256 {
			return project.Errorf(project.ECONSENT, "shot %d cannot be rendered: the consent record for %s covers another likeness than the request's image", req.ShotNumber, c.Handle)
		}
	}
	return nil
}

// ReadRevocations reads every signed revocation in dir (a missing folder
// holds none). A file that is not a valid revocation is an error: the
// farm cannot tell what it revoked.
func ReadRevocations(dir string) ([]project.ConsentRecord, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []project.ConsentRecord
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".revocation") {
			continue
		}
		f, size, err := files.Open(filepath.Join(dir, e.Name()), cameofile.MaxFileSize)
		if err != nil {
			return nil, err
		}
		doc, err := cameofile.Read(f, size)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if doc.Revocation == nil {
			return nil, project.Errorf(project.EINVALID, "%s is not a revocation", e.Name())
		}
		out = append(out, *doc.Revocation)
	}
	return out, nil
}

// loadImage reads a cast image from the job's blobs, checking its hash.
func loadImage(base, rel, sha string) (engine.Image, error) {
	if rel == "" {
		return nil, project.Errorf(project.EINVALID, "the request does not say where image %.12s is", sha)
	}
	path := filepath.Join(base, rel)
	data, err := files.ReadFile(path, files.ImageLimit)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sha {
		return nil, project.Errorf(project.ECORRUPT, "the reference image %s is damaged (its content does not match its hash)", path)
	}
	return cameoimage.Decode(bytes.NewReader(data))
}

// folderPut stores blobs as files in dir, named by their SHA-256.
func folderPut(dir string) render.PutFunc {
	return func(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error) {
		f, err := os.CreateTemp(dir, ".blob-*")
		if err != nil {
			return project.Asset{}, err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(f, h), r)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return project.Asset{}, err
		}
		a := project.Asset{SHA256: hex.EncodeToString(h.Sum(nil)), MediaType: mediaType, Size: n}
		if err := os.Rename(f.Name(), filepath.Join(dir, blobName(a.SHA256, mediaType))); err != nil {
			return project.Asset{}, err
		}
		return a, nil
	}
}

// blobName is a result file's name: its hash and an extension.
func blobName(sha, mediaType string) string {
	ext := ".bin"
	switch mediaType {
	case "video/x-motion-jpeg":
		ext = ".mjpeg"
	case "audio/wav":
		ext = ".wav"
	case "image/jpeg":
		ext = ".jpg"
	case "image/png":
		ext = ".png"
	}
	return sha + ext
}

func writeSynced(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func randomSuffix() string {
	var b [4]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
