package farm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"kino/project"
)

// JobType is the name of Kino's Flamenco job type (kino-shots.js, which
// must be in the Manager's scripts folder).
const JobType = "kino-shots"

// Flamenco talks to a Flamenco Manager's REST API (v3).
type Flamenco struct {
	Base string // e.g. http://farm:8080/
	HTTP *http.Client
}

// NewFlamenco returns a client of the Manager at base.
func NewFlamenco(base string) *Flamenco {
	return &Flamenco{Base: strings.TrimRight(base, "/"), HTTP: &http.Client{Timeout: 30 * time.Second}}
}

// JobSubmission is what submitting a job sends.
type JobSubmission struct {
	Name              string            `json:"name"`
	Type              string            `json:"type"`
	Priority          int               `json:"priority"`
	SubmitterPlatform string            `json:"submitter_platform"`
	Settings          map[string]any    `json:"settings"`
	Metadata          map[string]string `json:"metadata,omitempty"`
}

// JobInfo is a job as the Manager reports it.
type JobInfo struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Status         string `json:"status"`
	Activity       string `json:"activity"`
	StepsCompleted int    `json:"steps_completed"`
	StepsTotal     int    `json:"steps_total"`
}

// TaskInfo is one task of a job.
type TaskInfo struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Worker *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"worker"`
}

// WorkerName returns the task's worker, or "".
func (t TaskInfo) WorkerName() string {
	if t.Worker == nil {
		return ""
	}
	return t.Worker.Name
}

// JobTypes lists the job types the Manager knows.
func (f *Flamenco) JobTypes(ctx context.Context) ([]string, error) {
	var resp struct {
		JobTypes []struct {
			Name string `json:"name"`
		} `json:"job_types"`
	}
	if err := f.do(ctx, http.MethodGet, "/jobs/types", nil, &resp); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range resp.JobTypes {
		out = append(out, t.Name)
	}
	return out, nil
}

// Submit submits a job and returns it with the ID the Manager gave it.
func (f *Flamenco) Submit(ctx context.Context, j JobSubmission) (JobInfo, error) {
	var out JobInfo
	err := f.do(ctx, http.MethodPost, "/jobs", j, &out)
	return out, err
}

// Job returns job id's status.
func (f *Flamenco) Job(ctx context.Context, id string) (JobInfo, error) {
	var out JobInfo
	err := f.do(ctx, http.MethodGet, "/jobs/"+url.PathEscape(id), nil, &out)
	return out, err
}

// Tasks returns job id's tasks.
func (f *Flamenco) Tasks(ctx context.Context, id string) ([]TaskInfo, error) {
	var out struct {
		Tasks []TaskInfo `json:"tasks"`
	}
	err := f.do(ctx, http.MethodGet, "/jobs/"+url.PathEscape(id)+"/tasks", nil, &out)
	return out.Tasks, err
}

// LogTail returns the end of task id's log.
func (f *Flamenco) LogTail(ctx context.Context, id string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.Base+"/api/v3/tasks/"+url.PathEscape(id)+"/logtail", nil)
	if err != nil {
		return "", err
	}
	resp, err := f.HTTP.Do(req)
	if err != nil {
		return "", f.unreachable(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode == http.StatusNoContent {
		return "", nil
	}
	if resp.StatusCode != http.StatusOK {
		return "", f.status(resp.StatusCode, body)
	}
	return string(body), nil
}

// Cancel asks the Manager to cancel job id; workers stop its running
// tasks (the command's own process) within about ten seconds.
func (f *Flamenco) Cancel(ctx context.Context, id, reason string) error {
	return f.do(ctx, http.MethodPost, "/jobs/"+url.PathEscape(id)+"/setstatus", map[string]string{"status": "cancel-requested", "reason": reason}, nil)
}

func (f *Flamenco) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, f.Base+"/api/v3"+path, body)
	if err != nil {
		return project.Errorf(project.EINVALID, "farm manager address %q: %v", f.Base, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := f.HTTP.Do(req)
	if err != nil {
		return f.unreachable(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if resp.StatusCode/100 != 2 {
		return f.status(resp.StatusCode, data)
	}
	if out == nil || len(data) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("the farm manager at %s answered %s with something that is not its API: %w", f.Base, path, err)
	}
	return nil
}

func (f *Flamenco) unreachable(err error) error {
	return project.WrapError(project.ENOTFOUND, err, "the farm manager at %s does not answer (is it running, and is the address right?)", f.Base)
}

func (f *Flamenco) status(code int, body []byte) error {
	var e struct {
		Message string `json:"message"`
	}
	json.Unmarshal(body, &e)
	msg := strings.TrimSpace(e.Message)
	if msg == "" {
		msg = strings.TrimSpace(string(body))
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return project.Errorf(project.ECONFLICT, "the farm manager at %s refused the request (HTTP %d): %s", f.Base, code, msg)
}
