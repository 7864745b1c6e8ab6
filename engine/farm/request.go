package farm

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"kino/engine"
	"kino/engine/files"
	"kino/project"
)

// File names and formats in a job folder:
//
//	farm/<job>/blobs/<sha256>          cameo reference images
//	farm/<job>/<shot-NNNN>/request.json
//	farm/<job>/<shot-NNNN>/out/        what the task rendered (result.json and media)
//	farm/revocations/*.revocation      signed revocations every task reads
const (
	RequestFormat  = "kino-render-request/1"
	ResultFormat   = "kino-render-result/1"
	RequestName    = "request.json"
	ResultName     = "result.json"
	OutName        = "out"
	BlobsDir       = "blobs"
	RevocationsDir = "revocations"
	// FarmDir is the folder inside the shared folder that Kino uses.
	FarmDir = "farm"
	// ownerMark marks a folder `kino render` wrote, the only kind it
	// ever replaces.
	ownerMark = ".kino-render"
)

// Request is one shot's render, self-contained: the resolved engine
// request, the engine and pack, the cameo images by hash and the consent
// records the worker judges again.
type Request struct {
	Format     string `json:"format"`
	ProjectID  string `json:"project_id"`
	ShotID     int64  `json:"shot_id"`
	ShotNumber int    `json:"shot_number"`
	Backend    string `json:"backend"`
	Model      string `json:"model,omitempty"`
	// ModelHash is the pack's hash as the submitting machine knows it
	// ("" when unknown); a worker with another pack of that name refuses.
	ModelHash string `json:"model_hash,omitempty"`
	// ParamsHash is the take's content address (engine.Hash).
	ParamsHash string `json:"params_hash"`
	// Request is the normalised engine request.
	Request engine.Request `json:"request"`
	// Images are the cast's reference images: SHA-256 → path relative to
	// the request file.
	Images map[string]string `json:"images,omitempty"`
	// Consent and Pins are the consent records and pins of the cameos
	// the request casts, from the project and the library.
	Consent []project.ConsentRecord `json:"consent,omitempty"`
	Pins    []project.ConsentPin    `json:"pins,omitempty"`
	// Trusted are the submitting machine's user's keys: their own
	// withdrawals, shared as revocations, count on the workers.
	Trusted [][]byte `json:"trusted,omitempty"`
	// Revocations is the folder of shared revocations, relative to the
	// request file.
	Revocations string `json:"revocations"`
	// Quality is the JPEG quality of the stored frames (0: 85).
	Quality   int       `json:"quality,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate reports whether r is a request this Kino can render.
func (r *Request) Validate() error {
	if r.Format != RequestFormat {
		return project.Errorf(project.EINVALID, "the render request has format %q, not %q (made by another Kino?)", r.Format, RequestFormat)
	}
	if r.Backend == "" || r.ParamsHash == "" || r.ShotID == 0 {
		return project.Errorf(project.EINVALID, "the render request lacks its engine, shot or params hash")
	}
	if got := engine.Hash(r.Backend, r.Request.Model, r.Request); got != r.ParamsHash {
		return project.Errorf(project.ECORRUPT, "the render request was changed after it was written (its params hash is %s, its contents hash to %s)", r.ParamsHash, got)
	}
	for sha, rel := range r.Images {
		if filepath.IsAbs(rel) || len(sha) != 64 {
			return project.Errorf(project.EINVALID, "the render request names image %q at %q; images must be content-addressed and relative", sha, rel)
		}
	}
	return nil
}

// ReadRequest reads and checks the request file at path.
func ReadRequest(path string) (*Request, error) {
	data, err := files.ReadFile(path, files.ManifestLimit)
	if err != nil {
		return nil, fmt.Errorf("reading the render request: %w", err)
	}
	var r Request
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, project.WrapError(project.EINVALID, err, "the render request %s is not valid JSON", path)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}

// Result is what a task rendered: result.json in its out folder.
type Result struct {
	Format     string       `json:"format"`
	ShotID     int64        `json:"shot_id"`
	ParamsHash string       `json:"params_hash"`
	Backend    string       `json:"backend"`
	Model      string       `json:"model,omitempty"`
	ModelHash  string       `json:"model_hash,omitempty"`
	Seed       uint64       `json:"seed"`
	Frames     int64        `json:"frames"`
	Rate       project.Rate `json:"rate"`
	// Request is the normalised request as the take stores it.
	Request json.RawMessage     `json:"request"`
	Cameos  []project.TakeCameo `json:"cameos,omitempty"`
	Media   []ResultFile        `json:"media"`
	Notes   []string            `json:"notes,omitempty"`
	Worker  string              `json:"worker,omitempty"`
	// Timings in milliseconds.
	TotalMS  int64     `json:"total_ms"`
	FramesMS int64     `json:"frames_ms"`
	SoundMS  int64     `json:"sound_ms"`
	Finished time.Time `json:"finished"`
}

// ResultFile is one media file of a result.
type ResultFile struct {
	Role      string `json:"role"`
	File      string `json:"file"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
}
