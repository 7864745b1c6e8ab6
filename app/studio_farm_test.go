package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/farm"
	"kino/engine/previz"
	"kino/project"
	kwidget "kino/ui/widget"
)

// fakeManager answers the parts of a Flamenco Manager's REST API that Kino
// uses, and renders a job's tasks in-process with farm.Render when the
// test says so (as a Worker would run kino render).
type fakeManager struct {
	mu     sync.Mutex
	shared string
	jobs   map[string]*fakeJob
	srv    *httptest.Server
}

type fakeJob struct {
	settings map[string]any
	tasks    map[string]string // folder → status
	status   string
}

func newFakeManager(t *testing.T, shared string) *fakeManager {
	m := &fakeManager{shared: shared, jobs: map[string]*fakeJob{}}
	m.srv = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(m.srv.Close)
	return m
}

func (m *fakeManager) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	reply := func(v any) { w.Header().Set("Content-Type", "application/json"); json.NewEncoder(w).Encode(v) }
	switch {
	case path == "/jobs/types":
		reply(map[string]any{"job_types": []map[string]string{{"name": farm.JobType}}})
	case path == "/jobs" && r.Method == http.MethodPost:
		var sub farm.JobSubmission
		json.NewDecoder(r.Body).Decode(&sub)
		id := fmt.Sprintf("job-%d", len(m.jobs)+1)
		j := &fakeJob{settings: sub.Settings, tasks: map[string]string{}, status: "queued"}
		for _, f := range strings.Split(sub.Settings["shots"].(string), ",") {
			j.tasks[f] = "queued"
		}
		m.jobs[id] = j
		reply(map[string]any{"id": id, "status": "queued"})
	case strings.HasSuffix(path, "/tasks"):
		j := m.jobs[strings.TrimSuffix(strings.TrimPrefix(path, "/jobs/"), "/tasks")]
		var tasks []map[string]any
		for f, st := range j.tasks {
			tasks = append(tasks, map[string]any{"id": f, "name": f, "status": st, "worker": map[string]string{"id": "w1", "name": "worker-1"}})
		}
		reply(map[string]any{"tasks": tasks})
	case strings.HasSuffix(path, "/setstatus"):
		j := m.jobs[strings.TrimSuffix(strings.TrimPrefix(path, "/jobs/"), "/setstatus")]
		j.status = "canceled"
		for f := range j.tasks {
			if j.tasks[f] != "completed" {
				j.tasks[f] = "canceled"
			}
		}
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(path, "/jobs/"):
		j := m.jobs[strings.TrimPrefix(path, "/jobs/")]
		reply(map[string]any{"id": strings.TrimPrefix(path, "/jobs/"), "status": j.status})
	default:
		http.NotFound(w, r)
	}
}

// work renders every queued task of every job, as Workers would.
func (m *fakeManager) work(t *testing.T) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, j := range m.jobs {
		dir := j.settings["job_dir"].(string)
		for f, st := range j.tasks {
			if st != "queued" {
				continue
			}
			_, err := farm.Render(context.Background(), filepath.Join(dir, f, farm.RequestName), filepath.Join(dir, f, farm.OutName),
				farm.RenderOptions{Backends: map[string]engine.Backend{"previz": previz.New()}, Worker: "worker-1"})
			if err != nil {
				t.Errorf("rendering %s: %v", f, err)
				j.tasks[f] = "failed"
				continue
			}
			j.tasks[f] = "completed"
		}
		j.status = "completed"
	}
}

func TestStudioRendersOnTheFarmAndCollectsTakes(t *testing.T) {
	h := newStudioHarness(t, "a harbour at dusk", "a lighthouse at night")
	shared := t.TempDir()
	mgr := newFakeManager(t, shared)
	ctx := context.Background()
	settings, _ := h.sess.Project.Project(ctx)
	settings.Farm = project.Farm{Manager: mgr.srv.URL + "/", Shared: shared}
	if _, err := h.sess.Project.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	h.s.Reload()
	h.settle("reloading", func() bool { return true })
	h.s.SelectShot(2)
	h.settle("selecting", func() bool { return true })
	h.s.RenderOnFarm()
	shot := h.shots()[1]
	h.settle("submitting", func() bool { return h.s.FarmShots()[shot.ID].State == "queued" })
	if c := h.s.Timeline().Cards()[1]; c.State != kwidget.CardQueued {
		t.Fatalf("card of a shot on the farm: %v, want queued", c.State)
	}
	mgr.work(t) // the workers render; the studio notices and collects
	h.settle("collecting", func() bool {
		return len(h.takes(shot.ID)) == 1 && h.s.Timeline().Cards()[1].State == kwidget.CardReady
	})
	if h.s.Timeline().Cards()[0].State != kwidget.CardEmpty {
		t.Fatal("shot 1 was not sent to the farm, but changed")
	}
	jobs, _ := h.sess.Project.FarmJobs(ctx)
	if len(jobs) != 1 || jobs[0].Shots[0].TakeID == 0 {
		t.Fatalf("farm jobs %+v", jobs)
	}
	if _, err := os.Stat(filepath.Join(shared, filepath.FromSlash(jobs[0].Dir), "shot-0002", farm.OutName, farm.ResultName)); err != nil {
		t.Fatal(err)
	}
}

func TestStudioCancelStopsTheFarmJob(t *testing.T) {
	h := newStudioHarness(t, "a city street in the rain")
	shared := t.TempDir()
	mgr := newFakeManager(t, shared)
	ctx := context.Background()
	settings, _ := h.sess.Project.Project(ctx)
	settings.Farm = project.Farm{Manager: mgr.srv.URL + "/", Shared: shared}
	h.sess.Project.Apply(ctx, project.UpdateProject{Project: *settings})
	h.s.Reload()
	h.s.SelectShot(1)
	h.settle("selecting", func() bool { return true })
	h.s.RenderOnFarm()
	shot := h.shots()[0]
	h.settle("submitting", func() bool { return h.s.FarmShots()[shot.ID].State == "queued" })
	h.s.Inspector().OnCancel()
	h.settle("cancelling", func() bool { _, on := h.s.FarmShots()[shot.ID]; return !on })
	if st := mgr.jobs["job-1"].status; st != "canceled" {
		t.Fatalf("the farm job is %s after Cancel", st)
	}
	if len(h.takes(shot.ID)) != 0 {
		t.Fatal("a cancelled farm shot has a take")
	}
}
