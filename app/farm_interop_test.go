//go:build interop

package app

import (
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kino/assets"
	"kino/engine/farm"
	"kino/project"
	"kino/project/sqlite"
)

// This test drives a real Flamenco farm: one Manager and two Workers on
// 127.0.0.1, from the binaries in ../shared/flamenco (KINO_FLAMENCO names
// the folder; make interop sets it). It runs under `make interop` only.

// flamencoFarm is a running Manager with two Workers.
type flamencoFarm struct {
	url, shared, scripts string
	procs                []*exec.Cmd
}

func flamencoDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KINO_FLAMENCO")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "flamenco")
	}
	for _, b := range []string{"flamenco-manager", "flamenco-worker"} {
		if _, err := os.Stat(filepath.Join(dir, b)); err != nil {
			t.Fatalf("the Flamenco binaries are missing (%v): make interop needs ../shared/flamenco beside the repository", err)
		}
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func startFarm(t *testing.T, workers int) *flamencoFarm {
	t.Helper()
	bin := flamencoDir(t)
	root := t.TempDir()
	f := &flamencoFarm{shared: filepath.Join(root, "shared"), scripts: filepath.Join(root, "manager", "scripts")}
	port := freePort(t)
	f.url = fmt.Sprintf("http://127.0.0.1:%d/", port)
	mgr := filepath.Join(root, "manager")
	for _, d := range []string{f.shared, f.scripts} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Kino's job type, as a farm's administrator installs it.
	if err := os.WriteFile(filepath.Join(f.scripts, "kino-shots.js"), assets.FlamencoJobType, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`_meta: {version: 3}
manager_name: Kino Test Farm
database: %s/flamenco-manager.sqlite
listen: 127.0.0.1:%d
autodiscoverable: false
local_manager_storage_path: %s/storage
shared_storage_path: %s
shaman: {enabled: false}
task_timeout: 10m0s
worker_timeout: 1m0s
blocklist_threshold: 3
task_fail_after_softfail_count: 1
`, mgr, port, mgr, f.shared)
	os.WriteFile(filepath.Join(mgr, "flamenco-manager.yaml"), []byte(cfg), 0o644)
	// The Manager finds scripts/ beside its own executable: run a copy.
	exe, err := os.ReadFile(filepath.Join(bin, "flamenco-manager"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mgr, "flamenco-manager"), exe, 0o755); err != nil {
		t.Fatal(err)
	}
	f.start(t, mgr, nil, filepath.Join(mgr, "flamenco-manager"))
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get(f.url + "api/v3/version"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the Flamenco Manager did not start")
		}
		time.Sleep(200 * time.Millisecond)
	}
	for i := 1; i <= workers; i++ {
		home := filepath.Join(root, fmt.Sprintf("worker-%d", i))
		os.MkdirAll(home, 0o755)
		os.WriteFile(filepath.Join(home, "flamenco-worker.yaml"), []byte(fmt.Sprintf("worker_name: worker-%d\nmanager_url: %s\ntask_types: [misc]\n", i, f.url)), 0o644)
		f.start(t, home, []string{"FLAMENCO_HOME=" + home}, filepath.Join(bin, "flamenco-worker"))
	}
	t.Cleanup(f.stop)
	return f
}

func (f *flamencoFarm) start(t *testing.T, dir string, env []string, bin string) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	log, _ := os.Create(filepath.Join(dir, filepath.Base(bin)+".log"))
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	f.procs = append(f.procs, cmd)
}

// stop ends every process the test started (Workers first).
func (f *flamencoFarm) stop() {
	for i := len(f.procs) - 1; i >= 0; i-- {
		p := f.procs[i]
		syscall.Kill(-p.Process.Pid, syscall.SIGINT)
		done := make(chan struct{})
		go func() { p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			syscall.Kill(-p.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
}

// waitJob waits until job id reaches one of states (Flamenco's idle
// Workers poll every 20 s, so this can take a while).
func waitJob(t *testing.T, fl *farm.Flamenco, id string, states ...string) farm.JobInfo {
	t.Helper()
	deadline := time.Now().Add(6 * time.Minute)
	for {
		info, err := fl.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range states {
			if info.Status == s {
				return info
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s is %s after 6 minutes, want %v", id, info.Status, states)
		}
		time.Sleep(time.Second)
	}
}

func lastJob(t *testing.T, film string) project.FarmJob {
	t.Helper()
	p, err := sqlite.Open(film, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	jobs, err := p.FarmJobs(context.Background())
	if err != nil || len(jobs) == 0 {
		t.Fatalf("farm jobs %v %v", jobs, err)
	}
	return jobs[len(jobs)-1]
}

type takeJSON struct {
	ID         int64  `json:"id"`
	ParamsHash string `json:"params_hash"`
	Media      []struct {
		Role  string `json:"role"`
		Asset struct {
			SHA256 string `json:"sha256"`
		} `json:"asset"`
	} `json:"media"`
}

func takesOf(t *testing.T, film string, shot int) []takeJSON {
	t.Helper()
	var out []takeJSON
	if err := json.Unmarshal([]byte(mustKino(t, "take", "list", film, fmt.Sprint(shot), "--json")), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFarmEndToEnd(t *testing.T) {
	isolate(t)
	kinoBin := kinoBinary(t)
	fa := startFarm(t, 2)
	fl := farm.NewFlamenco(fa.url)
	dir := t.TempDir()
	film := filepath.Join(dir, "Film.kino")
	mustKino(t, "new", film, "--size", "160x90")
	prompts := []string{"a beach at sunset", "a city street at night in the rain", "fireworks over the sea",
		"a forest in the snow", "a quiet harbour at dusk", "a desert road at noon"}
	for _, p := range prompts {
		mustKino(t, "shot", "add", film, p, "--duration", "1s")
	}
	out := mustKino(t, "farm", "setup", film, "--manager", fa.url, "--shared", fa.shared, "--kino", kinoBin)
	if !strings.Contains(out, `has Kino's job type "kino-shots"`) {
		t.Fatalf("setup said:\n%s", out)
	}

	// Six previz shots on two workers.
	mustKino(t, "farm", "submit", film, "all")
	job := lastJob(t, film)
	waitJob(t, fl, job.ID, "completed", "failed")
	status := mustKino(t, "farm", "status", film)
	if strings.Count(status, "completed") != 6 || !strings.Contains(status, "worker-") {
		t.Fatalf("status:\n%s", status)
	}
	if out := mustKino(t, "farm", "collect", film); !strings.Contains(out, "Collected 6 new takes") {
		t.Fatalf("collect:\n%s", out)
	}
	if out := mustKino(t, "farm", "collect", film); !strings.Contains(out, "Collected 0 new takes") {
		t.Fatalf("second collect:\n%s", out)
	}
	// Every take is byte-identical to a local render of the same shot.
	for n := 1; n <= 6; n++ {
		mustKino(t, "generate", film, fmt.Sprint(n), "--force")
		takes := takesOf(t, film, n)
		if len(takes) != 2 {
			t.Fatalf("shot %d has %d takes", n, len(takes))
		}
		a, b := takes[0], takes[1]
		if a.ParamsHash != b.ParamsHash || len(a.Media) != len(b.Media) {
			t.Fatalf("shot %d: farm and local takes differ: %+v %+v", n, a, b)
		}
		for i := range a.Media {
			if a.Media[i].Asset.SHA256 != b.Media[i].Asset.SHA256 {
				t.Errorf("shot %d %s: farm %.12s, local %.12s", n, a.Media[i].Role, a.Media[i].Asset.SHA256, b.Media[i].Asset.SHA256)
			}
		}
	}

	// A job cancelled mid-way: no partial take imported, no kino left
	// running on the workers.
	for n := 1; n <= 6; n++ {
		mustKino(t, "shot", "edit", film, fmt.Sprint(n), "--duration", "20s")
	}
	mustKino(t, "farm", "submit", film, "all")
	job = lastJob(t, film)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		tasks, err := fl.Tasks(context.Background(), job.ID)
		if err != nil {
			t.Fatal(err)
		}
		active := 0
		for _, tk := range tasks {
			if tk.Status == "active" {
				active++
			}
		}
		if active > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no task became active")
		}
		time.Sleep(500 * time.Millisecond)
	}
	mustKino(t, "farm", "cancel", film)
	waitJob(t, fl, job.ID, "canceled")
	deadline = time.Now().Add(30 * time.Second)
	for {
		out, _ := exec.Command("pgrep", "-f", kinoBin+" render").Output()
		if strings.TrimSpace(string(out)) == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("kino render still running on the workers after the cancel: pids %s", out)
		}
		time.Sleep(500 * time.Millisecond)
	}
	before := 0
	for n := 1; n <= 6; n++ {
		before += len(takesOf(t, film, n))
	}
	mustKino(t, "farm", "collect", film)
	after := 0
	for n := 1; n <= 6; n++ {
		after += len(takesOf(t, film, n))
	}
	tasks, _ := fl.Tasks(context.Background(), job.ID)
	completed := 0
	for _, tk := range tasks {
		if tk.Status == "completed" {
			completed++
		}
	}
	if after-before != completed {
		t.Fatalf("after the cancel %d takes were imported, but %d tasks completed", after-before, completed)
	}

	// A shot whose cameo is revoked between submit and render fails with
	// the consent reason.
	img := writePNG(t, filepath.Join(dir, "sam.png"), 40, 80, color.NRGBA{200, 0, 200, 255})
	mustKino(t, "cameo", "add", "--name", "Sam", "--handle", "@sam", "--image", img, "--self")
	mustKino(t, "shot", "add", film, "@sam on the pier", "--duration", "1s")
	mustKino(t, "cast", film, "7", "@sam")
	mustKino(t, "farm", "submit", film, "7")
	mustKino(t, "cameo", "revoke", "@sam") // shares the signed revocation with the farm
	job = lastJob(t, film)
	waitJob(t, fl, job.ID, "failed", "completed")
	status = mustKino(t, "farm", "status", film, "--job", job.ID)
	if !strings.Contains(status, "failed") || !strings.Contains(status, "revoked") {
		t.Fatalf("status of the revoked shot:\n%s", status)
	}
	if n := len(takesOf(t, film, 7)); n != 0 {
		t.Fatalf("the revoked shot has %d takes", n)
	}
}
