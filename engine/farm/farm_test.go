package farm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/farm"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
	"kino/project/cameofile"
	"kino/project/keyring"
	"kino/project/sqlite"
)

var bg = context.Background()

// film is a project with shots (1 s, 160x90) and a cameo library.
type film struct {
	t      testing.TB
	p      *sqlite.Project
	lib    *sqlite.Library
	shared string
	shots  []*project.Shot
}

func newFilm(t testing.TB, prompts ...string) *film {
	t.Helper()
	dir := t.TempDir()
	p, err := sqlite.Create(filepath.Join(dir, "Film"), "Film")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	lib, err := sqlite.OpenLibrary(filepath.Join(dir, "library"), keyring.FromSeed(bytes.Repeat([]byte{3}, 32)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	settings, _ := p.Project(bg)
	settings.Resolution = project.Resolution{Width: 160, Height: 90}
	if _, err := p.Apply(bg, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	f := &film{t: t, p: p, lib: lib, shared: filepath.Join(dir, "shared")}
	for k, pr := range prompts {
		s := project.NewShot(pr, settings.Rate, uint64(100+k))
		s.Duration = project.Seconds(1, settings.Rate)
		a, err := p.Apply(bg, project.AddShot{Shot: *s, Index: -1})
		if err != nil {
			t.Fatal(err)
		}
		sh, _ := p.Shot(bg, a.ID)
		f.shots = append(f.shots, sh)
	}
	return f
}

// castSam adds @sam to the library and casts it in shot k.
func (f *film) castSam(k int) *project.Cameo {
	f.t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 32, 64))
	for i := range img.Pix {
		img.Pix[i] = 180
	}
	img.Set(3, 3, color.NRGBA{9, 9, 9, 255})
	var buf bytes.Buffer
	png.Encode(&buf, img)
	a, err := f.lib.PutBlob(bg, bytes.NewReader(buf.Bytes()), "image/png")
	if err != nil {
		f.t.Fatal(err)
	}
	f.p.PutBlob(bg, bytes.NewReader(buf.Bytes()), "image/png")
	c := &project.Cameo{Handle: "@sam", Name: "Sam", Voice: project.DefaultVoice, Images: []project.Asset{a}, IsSelf: true,
		Consent: project.Consent{Owner: "Sam", Scope: project.ConsentAnyProject}}
	if err := f.lib.CreateCameo(bg, c); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.p.Apply(bg, project.CastCameo{ShotID: f.shots[k].ID, Cameo: *c}); err != nil {
		f.t.Fatal(err)
	}
	f.shots[k], _ = f.p.Shot(bg, f.shots[k].ID)
	return c
}

// submit writes the job folder for shot k as kino farm submit does.
func (f *film) submit(k int) (reqPath string, job *project.FarmJob) {
	return f.submitTo(k, filepath.Join(f.shared, "farm", "job1"))
}

// submitTo is submit into the job folder dir (inside f.shared).
func (f *film) submitTo(k int, dir string) (reqPath string, job *project.FarmJob) {
	f.t.Helper()
	settings, _ := f.p.Project(bg)
	s := f.shots[k]
	req, images, err := farm.Build(bg, f.p, f.lib, s, s.Seed.Value, settings.Engine, previz.New(), "", time.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "blobs"), 0o755)
	for _, a := range images {
		data, _ := os.ReadFile(f.p.BlobPath(a.SHA256))
		os.WriteFile(filepath.Join(dir, "blobs", a.SHA256), data, 0o644)
	}
	folder := filepath.Join(dir, "shot-0001")
	os.MkdirAll(folder, 0o755)
	data, _ := json.Marshal(req)
	reqPath = filepath.Join(folder, "request.json")
	if err := os.WriteFile(reqPath, data, 0o644); err != nil {
		f.t.Fatal(err)
	}
	rel, _ := filepath.Rel(f.shared, dir)
	return reqPath, &project.FarmJob{ID: filepath.Base(dir), Dir: filepath.ToSlash(rel), Shots: []project.FarmShot{{ShotID: s.ID, Folder: "shot-0001", ParamsHash: req.ParamsHash, Seed: req.Request.Seed}}}
}

func opts() farm.RenderOptions {
	return farm.RenderOptions{Backends: map[string]engine.Backend{"previz": previz.New()}, Workers: 2, Worker: "test-worker"}
}

func TestFarmRenderAndCollectGiveTheLocalTake(t *testing.T) {
	f := newFilm(t, "a lighthouse on a cliff at night")
	req, job := f.submit(0)
	out := filepath.Join(filepath.Dir(req), "out")
	res, err := farm.Render(bg, req, out, opts())
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames != 24 || len(res.Media) != 7 { // video, thumbnail, the mix and four stems
		t.Fatalf("result %+v", res)
	}
	got, err := farm.Collect(bg, f.p, job, f.shared, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].State != farm.ShotImported || got[0].Worker != "test-worker" {
		t.Fatalf("collect %+v", got)
	}
	farmTake, _ := f.p.Take(bg, got[0].TakeID)
	// The same shot rendered here: byte-identical frames and sound.
	local, err := render.Take(bg, f.p, previz.New(), f.shots[0].ID, render.Options{Seed: f.shots[0].Seed.Value, Force: true, KeepActive: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{project.MediaVideo, project.MediaAudio, project.MediaThumbnail} {
		a, _ := farmTake.MediaFor(role)
		b, _ := local.Take.MediaFor(role)
		if a.SHA256 != b.SHA256 {
			t.Errorf("%s: farm %.12s, local %.12s", role, a.SHA256, b.SHA256)
		}
	}
	if farmTake.ParamsHash != local.Take.ParamsHash {
		t.Errorf("params hash: farm %s, local %s", farmTake.ParamsHash, local.Take.ParamsHash)
	}
	// Collecting again imports nothing twice.
	again, err := farm.Collect(bg, f.p, job, f.shared, nil)
	if err != nil || again[0].State != farm.ShotCollected || again[0].TakeID != got[0].TakeID {
		t.Fatalf("second collect %+v %v", again, err)
	}
	if takes, _ := f.p.Takes(bg, f.shots[0].ID); len(takes) != 2 {
		t.Fatalf("%d takes after collecting twice and one local render", len(takes))
	}
}

func TestFarmRenderReplacesOnlyItsOwnOutput(t *testing.T) {
	f := newFilm(t, "a city street in the rain")
	req, _ := f.submit(0)
	out := filepath.Join(filepath.Dir(req), "out")
	if _, err := farm.Render(bg, req, out, opts()); err != nil {
		t.Fatal(err)
	}
	// A retry of the same task replaces its own earlier output...
	os.WriteFile(filepath.Join(out, "stale-partial"), []byte("x"), 0o644)
	if _, err := farm.Render(bg, req, out, opts()); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale-partial")); !os.IsNotExist(err) {
		t.Fatal("the retry kept the earlier attempt's files")
	}
	// ...but never a folder it did not write.
	foreign := filepath.Join(filepath.Dir(req), "precious")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "keep.txt"), []byte("mine"), 0o644)
	if _, err := farm.Render(bg, req, foreign, opts()); project.ErrorCode(err) != project.ECONFLICT {
		t.Fatalf("rendering into a folder it did not write: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(foreign, "keep.txt")); string(data) != "mine" {
		t.Fatal("kino render touched a folder that is not its own")
	}
	leftovers, _ := filepath.Glob(out + ".*")
	if len(leftovers) != 0 {
		t.Fatalf("temporary folders left: %v", leftovers)
	}
}

func TestFarmRenderRefusesARevocationMadeAfterSubmit(t *testing.T) {
	f := newFilm(t, "@sam on the beach")
	f.castSam(0)
	req, job := f.submit(0)
	// Sam revokes after the job was submitted; Kino shares the signed
	// revocation in the farm's folder.
	c, err := f.lib.RevokeCameo(bg, "@sam", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	revs := filepath.Join(f.shared, "farm", "revocations")
	os.MkdirAll(revs, 0o755)
	var buf bytes.Buffer
	if err := cameofile.WriteRevocation(&buf, project.RecordOf(c)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(revs, "sam-2.revocation"), buf.Bytes(), 0o644)
	out := filepath.Join(filepath.Dir(req), "out")
	_, err = farm.Render(bg, req, out, opts())
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "revoked") {
		t.Fatalf("render after the revocation: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a refused render left an output folder")
	}
	if got, _ := farm.Collect(bg, f.p, job, f.shared, nil); got[0].State != farm.ShotPending {
		t.Fatalf("collect after a refused render: %+v", got)
	}
}

func TestFarmRenderRefusesTamperedRequestsAndImages(t *testing.T) {
	f := newFilm(t, "@sam waves")
	f.castSam(0)
	req, _ := f.submit(0)
	data, _ := os.ReadFile(req)
	os.WriteFile(req, []byte(strings.Replace(string(data), "waves", "dances", 1)), 0o644)
	if _, err := farm.Render(bg, req, filepath.Join(filepath.Dir(req), "out"), opts()); project.ErrorCode(err) != project.ECORRUPT {
		t.Fatalf("a changed request rendered: %v", err)
	}
	os.WriteFile(req, data, 0o644)
	blobs, _ := filepath.Glob(filepath.Join(f.shared, "farm", "job1", "blobs", "*"))
	os.WriteFile(blobs[0], []byte("not the picture"), 0o644)
	if _, err := farm.Render(bg, req, filepath.Join(filepath.Dir(req), "out"), opts()); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("a changed image rendered: %v", err)
	}
	// A worker without the engine says so.
	o := opts()
	o.Backends = map[string]engine.Backend{}
	os.WriteFile(req, data, 0o644)
	if _, err := farm.Render(bg, req, filepath.Join(filepath.Dir(req), "out"), o); project.ErrorCode(err) != project.ENOTFOUND || !strings.Contains(err.Error(), "no \"previz\" engine") {
		t.Fatalf("missing engine: %v", err)
	}
}

func TestCollectRefusesADamagedResult(t *testing.T) {
	f := newFilm(t, "fireworks over the sea")
	req, job := f.submit(0)
	out := filepath.Join(filepath.Dir(req), "out")
	res, err := farm.Render(bg, req, out, opts())
	if err != nil {
		t.Fatal(err)
	}
	video := filepath.Join(out, res.Media[0].File)
	data, _ := os.ReadFile(video)
	data[len(data)/2] ^= 0xff
	os.WriteFile(video, data, 0o644)
	got, err := farm.Collect(bg, f.p, job, f.shared, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].State != farm.ShotRefused || !strings.Contains(got[0].Reason, "damaged") {
		t.Fatalf("collect of a damaged result: %+v", got)
	}
	if takes, _ := f.p.Takes(bg, f.shots[0].ID); len(takes) != 0 {
		t.Fatal("a damaged result was imported")
	}
}
