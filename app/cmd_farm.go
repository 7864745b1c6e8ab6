package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"kino/assets"
	"kino/engine"
	"kino/engine/farm"
	"kino/engine/render"
	"kino/project"
	"kino/project/sqlite"
)

func cmdFarmSetup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino farm setup", "PATH --manager URL --shared DIR [--worker-shared DIR] [--kino PATH]",
		"Render project PATH's shots on a Flamenco farm: store the Manager's address and the folder the\n"+
			"Workers share, check that the Manager answers and has Kino's job type, and say how to install it.")
	manager := fs.String("manager", "", "the Flamenco Manager, e.g. http://farm:8080/ (required)")
	shared := fs.String("shared", "", "the shared folder as this machine sees it (required)")
	workerShared := fs.String("worker-shared", "", "the shared folder as the Workers see it (default: the same path)")
	kino := fs.String("kino", "", "the kino program on the Workers (default: kino on their PATH)")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	if *manager == "" || *shared == "" {
		fs.Usage()
		return usagef("kino farm setup: --manager and --shared are required")
	}
	dir, err := filepath.Abs(*shared)
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return project.Errorf(project.ENOTFOUND, "the shared folder %s is not a folder this machine can reach", dir)
	}
	f := project.Farm{Manager: strings.TrimRight(*manager, "/") + "/", Shared: dir, WorkerShared: *workerShared, KinoBinary: *kino}
	if err := f.Validate(); err != nil {
		return usagef("%v", err)
	}
	types, err := farm.NewFlamenco(f.Manager).JobTypes(ctx)
	if err != nil {
		return err
	}
	p, settings, err := openWithSettings(ctx, pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	settings.Farm = f
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		return codeError(err)
	}
	if err := registerFarm(dir); err != nil {
		return err
	}
	shareLibraryRevocations(ctx, func(err error) { fmt.Fprintf(e.Err, "kino: %v\n", err) })
	fmt.Fprintf(e.Out, "Farm set up: Manager %s, shared folder %s\n", f.Manager, dir)
	if !slices.Contains(types, farm.JobType) {
		fmt.Fprintf(e.Out, "The Manager does not have Kino's job type %q yet. Install it by copying it into the\n"+
			"Manager's scripts/ folder (no restart needed):\n  kino farm job-type --out MANAGER_FOLDER/scripts/kino-shots.js\n"+
			"(the same file is packaging/flamenco/kino-shots.js in Kino's source)\n", farm.JobType)
		return nil
	}
	fmt.Fprintf(e.Out, "The Manager has Kino's job type %q.\n", farm.JobType)
	return nil
}

func cmdFarmJobType(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino farm job-type", "[--out FILE]", "Print (or write) the Flamenco job type script that renders Kino shots, for a Manager's scripts/ folder.")
	out := fs.String("out", "", "write it to this file instead of printing it")
	force := fs.Bool("force", false, "replace --out if it exists")
	if _, err := fs.args(args, 0, 0); err != nil {
		return err
	}
	if *out == "" {
		_, err := e.Out.Write(assets.FlamencoJobType)
		return err
	}
	if err := writeNewFile(*out, assets.FlamencoJobType, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Wrote %s\n", *out)
	return nil
}

// farmProject opens project path for writing with its farm settings,
// refusing a project without a farm.
func farmProject(ctx context.Context, path string) (*sqlite.Project, *project.Project, error) {
	p, settings, err := openWithSettings(ctx, path, false)
	if err != nil {
		return nil, nil, err
	}
	if !settings.Farm.Configured() {
		p.Close()
		return nil, nil, project.Errorf(project.ENOTFOUND, "%s has no farm yet; set one up with: kino farm setup %s --manager URL --shared DIR", path, path)
	}
	return p, settings, nil
}

func cmdFarmSubmit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino farm submit", "PATH [SHOT...|all|stale] [--priority 50]",
		"Render shots on the project's farm: write one render request per shot into the shared folder\n"+
			"and submit a job of Kino's type to the Manager (one task per shot). Default: the stale shots\n"+
			"(not generated, or changed since their take). Collect the takes with kino farm collect.")
	priority := fs.Int("priority", 50, "the job's priority on the farm (0-100)")
	pos, err := fs.args(args, 1, -1)
	if err != nil {
		return err
	}
	p, settings, err := farmProject(ctx, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	sel := pos[1:]
	if len(sel) == 0 {
		sel = []string{"stale"}
	}
	shots, err := farmShots(ctx, p, settings, sel)
	if err != nil {
		return err
	}
	if len(shots) == 0 {
		fmt.Fprintln(e.Out, "No shot needs rendering: every shot has a take that matches it.")
		return nil
	}
	lib, libOpen, closeLib := consentLibrary()
	defer closeLib()
	job, err := submitFarmJob(ctx, p, settings, lib, libOpen, shots, *priority)
	if err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Submitted job %s: %d shots (%s). Follow it with kino farm status %s\n", job.ID, len(job.Shots), shotNumbers(shots), pos[0])
	return nil
}

// submitFarmJob writes the job folder for shots, shares the revocations
// the project and the library know, submits the job to the farm's
// Manager and records it in the project. libOpen, when not nil, is the
// open library behind lib.
func submitFarmJob(ctx context.Context, p *sqlite.Project, settings *project.Project, lib render.ConsentSource, libOpen *sqlite.Library, shots []*project.Shot, priority int) (*project.FarmJob, error) {
	backend, err := engineBackend(backends(), settings.Engine)
	if err != nil {
		return nil, err
	}
	job, err := writeFarmJob(ctx, p, settings, lib, backend, shots)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*project.FarmJob, error) {
		os.RemoveAll(filepath.Join(settings.Farm.Shared, filepath.FromSlash(job.Dir)))
		return nil, err
	}
	var records []project.ConsentRecord
	if libOpen != nil {
		if facts, err := libOpen.ConsentFacts(ctx); err == nil {
			records = append(records, facts.Records...)
		}
	}
	if f, err := p.ConsentFacts(ctx); err == nil {
		records = append(records, f.Records...)
	}
	if err := shareRevocations(settings.Farm.Shared, records); err != nil {
		return fail(err)
	}
	var folders []string
	for _, s := range job.Shots {
		folders = append(folders, s.Folder)
	}
	kino := settings.Farm.KinoBinary
	if kino == "" {
		kino = "kino"
	}
	info, err := farm.NewFlamenco(settings.Farm.Manager).Submit(ctx, farm.JobSubmission{
		Name: fmt.Sprintf("%s: %d shots", settings.Title, len(job.Shots)), Type: farm.JobType,
		Priority: priority, SubmitterPlatform: "linux",
		Settings: map[string]any{
			"kino_binary": kino, "job_dir": workerPath(settings.Farm, job.Dir),
			"shots": strings.Join(folders, ","), "project": settings.Title,
		},
		Metadata: map[string]string{"kino_project": settings.ID, "kino_job_dir": job.Dir},
	})
	if err != nil {
		return fail(err)
	}
	job.ID = info.ID
	if err := p.SaveFarmJob(ctx, *job); err != nil {
		return nil, err
	}
	return job, nil
}

// farmShots resolves the shot selection of kino farm submit.
func farmShots(ctx context.Context, p *sqlite.Project, settings *project.Project, sel []string) ([]*project.Shot, error) {
	if len(sel) == 1 && sel[0] == "stale" {
		all, err := p.Shots(ctx)
		if err != nil {
			return nil, err
		}
		cameos, err := p.Cameos(ctx)
		if err != nil {
			return nil, err
		}
		var out []*project.Shot
		for _, s := range all {
			var active *project.Take
			if s.ActiveTakeID != 0 {
				if active, err = p.Take(ctx, s.ActiveTakeID); err != nil {
					return nil, err
				}
			}
			if active == nil || active.Status != project.TakeDone || render.IsStale(settings, cameos, s, active) {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return shotsArg(ctx, p, sel)
}

// writeFarmJob writes the job folder: the cast's images and one request
// per shot. Nothing is submitted yet.
func writeFarmJob(ctx context.Context, p *sqlite.Project, settings *project.Project, lib render.ConsentSource, b engine.Backend, shots []*project.Shot) (*project.FarmJob, error) {
	name := fmt.Sprintf("%s-%s-%s", safeName(strings.ToLower(firstWord(settings.Title))), time.Now().UTC().Format("20060102-150405"), randomHex(3))
	job := &project.FarmJob{Dir: path.Join(farm.FarmDir, name), SubmittedAt: time.Now().UTC()}
	dir := filepath.Join(settings.Farm.Shared, filepath.FromSlash(job.Dir))
	if err := os.MkdirAll(filepath.Join(dir, farm.BlobsDir), 0o755); err != nil {
		return nil, fmt.Errorf("making the job folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	var problems []string
	for _, s := range shots {
		seed := render.TakeSeed(s, newSeed)
		req, images, err := farm.Build(ctx, p, lib, s, seed, settings.Engine, b, "", time.Now())
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, a := range images {
			if err := copyBlob(p, a, filepath.Join(dir, farm.BlobsDir, a.SHA256)); err != nil {
				return nil, err
			}
		}
		folder := fmt.Sprintf("shot-%04d", s.Number())
		if err := os.MkdirAll(filepath.Join(dir, folder), 0o755); err != nil {
			return nil, err
		}
		data, err := json.MarshalIndent(req, "", "  ")
		if err != nil {
			return nil, err
		}
		if err := writeNewFile(filepath.Join(dir, folder, farm.RequestName), data, false); err != nil {
			return nil, err
		}
		job.Shots = append(job.Shots, project.FarmShot{ShotID: s.ID, Folder: folder, ParamsHash: req.ParamsHash, Seed: req.Request.Seed})
	}
	if len(problems) > 0 {
		return nil, project.Errorf(project.ECONSENT, "nothing was submitted: %s", strings.Join(problems, "; "))
	}
	ok = true
	return job, nil
}

func copyBlob(src project.MediaStore, a project.Asset, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	r, err := src.OpenBlob(a.SHA256)
	if err != nil {
		return err
	}
	defer r.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".blob-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copying cameo image %.12s to the farm: %w", a.SHA256, err)
	}
	return os.Rename(tmp.Name(), dst)
}

// workerPath is job folder rel as the Workers see it.
func workerPath(f project.Farm, rel string) string {
	base := f.WorkerShared
	if base == "" {
		base = filepath.ToSlash(f.Shared)
	}
	return strings.TrimRight(base, "/") + "/" + rel
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return "film"
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func shotNumbers(shots []*project.Shot) string {
	var parts []string
	for _, s := range shots {
		parts = append(parts, fmt.Sprint(s.Number()))
	}
	return "shots " + strings.Join(parts, ", ")
}

// farmJobs returns the project's jobs: the one named, or all.
func farmJobs(ctx context.Context, p *sqlite.Project, id string) ([]project.FarmJob, error) {
	jobs, err := p.FarmJobs(ctx)
	if err != nil {
		return nil, err
	}
	if id == "" {
		return jobs, nil
	}
	for _, j := range jobs {
		if j.ID == id {
			return []project.FarmJob{j}, nil
		}
	}
	return nil, project.Errorf(project.ENOTFOUND, "this project submitted no job %s", id)
}

// farmShotView is one shot of a job as kino farm status shows it.
type farmShotView struct {
	Job     string `json:"job"`
	Shot    int    `json:"shot"`
	State   string `json:"state"`
	Worker  string `json:"worker,omitempty"`
	TakeID  int64  `json:"take_id,omitempty"`
	LogTail string `json:"log_tail,omitempty"`
}

func cmdFarmStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino farm status", "PATH [--job ID] [--json]", "Show each farm-rendered shot: queued, running on which worker, done, or failed with the end of its log.")
	jobID := fs.String("job", "", "only this job")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	p, settings, err := farmProject(ctx, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	jobs, err := farmJobs(ctx, p, *jobID)
	if err != nil {
		return err
	}
	fl := farm.NewFlamenco(settings.Farm.Manager)
	numbers := shotNumberMap(ctx, p)
	var views []farmShotView
	for _, j := range jobs {
		tasks, err := fl.Tasks(ctx, j.ID)
		if err != nil {
			return err
		}
		byName := map[string]farm.TaskInfo{}
		for _, t := range tasks {
			byName[t.Name] = t
		}
		for _, s := range j.Shots {
			t := byName[s.Folder]
			v := farmShotView{Job: j.ID, Shot: numbers[s.ShotID], State: t.Status, Worker: t.WorkerName(), TakeID: s.TakeID}
			if v.State == "" {
				v.State = "unknown"
			}
			if s.TakeID != 0 {
				v.State += ", collected"
			}
			if t.Status == "failed" {
				if tail, err := fl.LogTail(ctx, t.ID); err == nil {
					v.LogTail = lastLines(tail, 6)
				}
			}
			views = append(views, v)
		}
	}
	if *asJSON {
		if views == nil {
			views = []farmShotView{}
		}
		return writeJSON(e.Out, views)
	}
	if len(views) == 0 {
		fmt.Fprintln(e.Out, "No farm jobs yet. Submit shots with: kino farm submit", pos[0])
		return nil
	}
	tw := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tSHOT\tSTATE\tWORKER")
	for _, v := range views {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", v.Job, v.Shot, v.State, v.Worker)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, v := range views {
		if v.LogTail != "" {
			fmt.Fprintf(e.Out, "\nshot %d failed:\n%s\n", v.Shot, indent(v.LogTail))
		}
	}
	return nil
}

func cmdFarmCancel(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino farm cancel", "PATH [--job ID]", "Cancel the project's unfinished farm jobs (or one). Workers stop within about ten seconds; nothing is imported from a cancelled shot.")
	jobID := fs.String("job", "", "only this job")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	p, settings, err := farmProject(ctx, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	jobs, err := farmJobs(ctx, p, *jobID)
	if err != nil {
		return err
	}
	fl := farm.NewFlamenco(settings.Farm.Manager)
	n := 0
	for _, j := range jobs {
		info, err := fl.Job(ctx, j.ID)
		if err != nil {
			return err
		}
		switch info.Status {
		case "completed", "canceled", "failed", "cancel-requested":
			continue
		}
		if err := fl.Cancel(ctx, j.ID, "cancelled with kino farm cancel"); err != nil {
			return err
		}
		j.Cancelled = true
		if err := p.SaveFarmJob(ctx, j); err != nil {
			return err
		}
		n++
		fmt.Fprintf(e.Out, "Cancelled job %s\n", j.ID)
	}
	if n == 0 {
		fmt.Fprintln(e.Out, "No unfinished farm job to cancel.")
	}
	return nil
}

func cmdFarmCollect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino farm collect", "PATH [--job ID]",
		"Import the takes the farm finished into the project (each file checked against its hash, then\n"+
			"stored before its take; consent judged again). Running it again imports nothing twice.")
	jobID := fs.String("job", "", "only this job")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	p, settings, err := farmProject(ctx, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	jobs, err := farmJobs(ctx, p, *jobID)
	if err != nil {
		return err
	}
	lib, _, closeLib := consentLibrary()
	defer closeLib()
	book, err := render.Consent(ctx, p, lib, time.Now())
	if err != nil {
		return codeError(err)
	}
	numbers := shotNumberMap(ctx, p)
	imported, pending := 0, 0
	for i := range jobs {
		j := &jobs[i]
		res, err := farm.Collect(ctx, p, j, settings.Farm.Shared, book)
		if err != nil {
			return err
		}
		if err := p.SaveFarmJob(ctx, *j); err != nil {
			return err
		}
		for _, c := range res {
			n := numbers[c.Shot.ShotID]
			switch c.State {
			case farm.ShotImported:
				imported++
				fmt.Fprintf(e.Out, "shot %d: take %d from %s\n", n, c.TakeID, c.Worker)
			case farm.ShotPending:
				pending++
			case farm.ShotRefused:
				fmt.Fprintf(e.Out, "shot %d: %s\n", n, c.Reason)
			}
		}
	}
	fmt.Fprintf(e.Out, "Collected %d new takes; %d shots not finished yet.\n", imported, pending)
	return nil
}

func shotNumberMap(ctx context.Context, p *sqlite.Project) map[int64]int {
	out := map[int64]int{}
	shots, _ := p.Shots(ctx)
	for _, s := range shots {
		out[s.ID] = s.Number()
	}
	return out
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }
