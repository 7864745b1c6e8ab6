package project

import (
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Farm says where a project's shots are rendered when a machine is not
// enough: a Flamenco Manager and the folder its Workers share.
type Farm struct {
	// Manager is the Flamenco Manager's address, e.g. http://farm:8080/.
	Manager string `json:"manager,omitempty"`
	// Shared is the shared folder as this machine sees it.
	Shared string `json:"shared,omitempty"`
	// WorkerShared is the same folder as the Workers see it ("" when they
	// see it at the same path).
	WorkerShared string `json:"worker_shared,omitempty"`
	// KinoBinary is the kino program on the Workers ("" for "kino" on
	// their PATH).
	KinoBinary string `json:"kino_binary,omitempty"`
}

// Configured reports whether a farm is set up.
func (f Farm) Configured() bool { return f.Manager != "" }

// Validate reports whether f can be stored: empty (no farm), or a Manager
// address with an http(s) scheme and an absolute shared folder.
func (f Farm) Validate() error {
	if f == (Farm{}) {
		return nil
	}
	u, err := url.Parse(f.Manager)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Errorf(EINVALID, "farm manager %q is not an http:// or https:// address", f.Manager)
	}
	if !filepath.IsAbs(f.Shared) {
		return Errorf(EINVALID, "the farm's shared folder %q must be an absolute path", f.Shared)
	}
	if f.WorkerShared != "" && !strings.HasPrefix(f.WorkerShared, "/") && !filepath.IsAbs(f.WorkerShared) {
		return Errorf(EINVALID, "the workers' shared folder %q must be an absolute path", f.WorkerShared)
	}
	return nil
}

// FarmJob is a job a project submitted to its farm: one task per shot.
type FarmJob struct {
	// ID is the Manager's job ID.
	ID string `json:"id"`
	// Dir is the job's folder inside the shared folder, e.g.
	// "farm/film-20261204-1a2b".
	Dir         string     `json:"dir"`
	Shots       []FarmShot `json:"shots"`
	SubmittedAt time.Time  `json:"submitted_at"`
	// Cancelled is set when Kino asked the Manager to cancel the job.
	Cancelled bool `json:"cancelled,omitempty"`
}

// FarmShot is one shot of a farm job.
type FarmShot struct {
	ShotID int64 `json:"shot_id"`
	// Folder is the task's folder inside the job folder ("shot-0003").
	Folder     string `json:"folder"`
	ParamsHash string `json:"params_hash"`
	Seed       uint64 `json:"seed"`
	// TakeID is the take collected from the farm (0 until then).
	TakeID int64 `json:"take_id,omitempty"`
}
