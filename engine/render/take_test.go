package render_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/media"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
	"kino/project/keyring"
	"kino/project/sqlite"
)

// mustProject creates a real project with one small shot.
func mustProject(t *testing.T, prompt string) (*sqlite.Project, *project.Shot) {
	t.Helper()
	p, err := sqlite.Create(filepath.Join(t.TempDir(), "film"), "Film")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	ctx := context.Background()
	settings, _ := p.Project(ctx)
	settings.Resolution = project.Resolution{Width: 256, Height: 144}
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	shot := project.NewShot(prompt, settings.Rate, 11)
	shot.Duration = project.Frames(24, settings.Rate)
	res, err := p.Apply(ctx, project.AddShot{Shot: *shot, Index: -1})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := p.Shot(ctx, res.ID)
	return p, s
}

func TestTakeStoresPlayableMediaAndReusesIdenticalRenders(t *testing.T) {
	p, shot := mustProject(t, "fireworks over a beach at night")
	ctx := context.Background()
	var steps int
	res, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 5}, func(engine.Progress) { steps++ })
	if err != nil {
		t.Fatal(err)
	}
	if res.Cached || res.Take.Status != project.TakeDone || steps == 0 {
		t.Fatalf("first render: cached=%v status=%s progress reports=%d", res.Cached, res.Take.Status, steps)
	}
	// The stored take opens as a clip with every frame and the sound.
	v, _ := res.Take.MediaFor(project.MediaVideo)
	a, _ := res.Take.MediaFor(project.MediaAudio)
	clip, err := media.OpenStoredClip(p.BlobPath(v.SHA256), p.BlobPath(a.SHA256), engine.ClipInfo{Rate: res.Take.Rate})
	if err != nil {
		t.Fatal(err)
	}
	defer clip.Close()
	if clip.Info().Frames != 24 {
		t.Fatalf("stored clip has %d frames, want 24", clip.Info().Frames)
	}
	sound, err := clip.Soundtrack()
	if err != nil || sound.Mix.Len() != 48000 || sound.Mix.Peak() < 0.01 {
		t.Fatalf("stored sound: %v, %d samples, peak %.3f", err, sound.Mix.Len(), sound.Mix.Peak())
	}
	// The request that made the take is recorded, so it can be made again.
	if !strings.Contains(res.Take.Request, `"seed":5`) || res.Take.ParamsHash == "" {
		t.Fatalf("take does not record its request: %q", res.Take.Request)
	}
	shot, _ = p.Shot(ctx, shot.ID)
	if shot.ActiveTakeID != res.Take.ID {
		t.Fatalf("new take %d is not active (active %d)", res.Take.ID, shot.ActiveTakeID)
	}

	// Same shot, same seed: the stored take is reused instead of rendered.
	again, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 5}, nil)
	if err != nil || !again.Cached || again.Take.ID != res.Take.ID {
		t.Fatalf("second render: %v cached=%v id=%d", err, again.Cached, again.Take.ID)
	}
	// Another seed renders a new take; forcing renders even when cached.
	other, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 6}, nil)
	if err != nil || other.Cached || other.Take.ID == res.Take.ID {
		t.Fatalf("other seed: %v cached=%v", err, other.Cached)
	}
	forced, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 5, Force: true}, nil)
	if err != nil || forced.Cached {
		t.Fatalf("forced: %v cached=%v", err, forced.Cached)
	}
	takes, _ := p.Takes(ctx, shot.ID)
	if len(takes) != 3 {
		t.Fatalf("%d takes, want 3", len(takes))
	}
}

func TestCancelledTakeIsRecordedAsCancelled(t *testing.T) {
	p, shot := mustProject(t, "a forest in the snow")
	// A long shot: cancelling must stop it after the frames already in flight.
	shot.Duration = project.Seconds(60, shot.Duration.Rate)
	if _, err := p.Apply(context.Background(), project.UpdateShot{Shot: *shot}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancelledAt, last := 0, 0
	_, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 1, Workers: 2}, func(pr engine.Progress) {
		if pr.Stage != "frames" {
			return
		}
		last = max(last, pr.Step)
		if pr.Step >= 3 && cancelledAt == 0 {
			cancelledAt = pr.Step
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want cancelled", err)
	}
	// The encoder holds at most 2×workers frames; nothing past them is made.
	if last > cancelledAt+4+1 {
		t.Fatalf("rendered up to frame %d after cancelling at frame %d", last, cancelledAt)
	}
	takes, _ := p.Takes(context.Background(), shot.ID)
	if len(takes) != 1 || takes[0].Status != project.TakeCancelled || len(takes[0].Media) != 0 {
		t.Fatalf("takes after cancel: %+v", takes)
	}
	shot, _ = p.Shot(context.Background(), shot.ID)
	if shot.ActiveTakeID != 0 {
		t.Fatal("a cancelled take became active")
	}
}

func TestResolveRefusesCameosWithoutConsent(t *testing.T) {
	p, shot := mustProject(t, "me on the beach")
	ctx := context.Background()
	lib, err := sqlite.OpenLibrary(t.TempDir(), keyring.Generate())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var buf bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 20, 40))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(1, 1, color.NRGBA{1, 2, 3, 255})
	png.Encode(&buf, img)
	asset, err := p.PutBlob(ctx, bytes.NewReader(buf.Bytes()), "image/png")
	if err != nil {
		t.Fatal(err)
	}
	lib.PutBlob(ctx, bytes.NewReader(buf.Bytes()), "image/png")
	settings, _ := p.Project(ctx)
	c := &project.Cameo{Handle: "@ana", Name: "Ana", Voice: project.DefaultVoice, Images: []project.Asset{asset}, IsSelf: true,
		Consent: project.Consent{ID: "k1", Owner: "Ana", Scope: project.ConsentAnyProject, GrantedAt: time.Now().Add(-time.Hour)}}
	if err := lib.CreateCameo(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(ctx, project.CastCameo{ShotID: shot.ID, Cameo: *c}); err != nil {
		t.Fatal(err)
	}
	shot, _ = p.Shot(ctx, shot.ID)
	req, err := render.Resolve(ctx, p, lib, shot, 3, time.Now())
	if err != nil || len(req.Cast) != 1 || req.Cast[0].Image == nil || !req.Cast[0].IsSelf {
		t.Fatalf("resolve with consent: %v %+v", err, req.Cast)
	}
	if req.Width != settings.Resolution.Width || req.Seed != 3 {
		t.Fatalf("request %dx%d seed %d", req.Width, req.Height, req.Seed)
	}
	// A take records whom it depicts, under which consent record.
	res, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 3, Library: lib}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := res.Take.Cameos; len(d) != 1 || d[0].CameoID != c.ID || d[0].Handle != "@ana" || d[0].ImageSHA256 != asset.SHA256 ||
		d[0].Consent.ID != "k1" || d[0].Consent.Seq != 1 || d[0].Consent.Owner != "Ana" {
		t.Fatalf("the take depicts %+v", d)
	}
	if stored, _ := p.Take(ctx, res.Take.ID); len(stored.Cameos) != 1 || !strings.Contains(stored.Request, `"cameo_id":"`+c.ID+`"`) {
		t.Fatalf("stored take %+v, request %s", stored.Cameos, stored.Request)
	}
	// A library that cannot be read makes consent fail closed.
	_, err = render.Resolve(ctx, p, render.BrokenLibrary{Err: errors.New("library.db is from a newer Kino")}, shot, 3, time.Now())
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "newer Kino") {
		t.Fatalf("unreadable library: err = %v, want a consent refusal with the reason", err)
	}
	// Revoked in the library: refused, even though the project's snapshot is stale.
	if _, err := lib.RevokeCameo(ctx, "@ana", time.Now()); err != nil {
		t.Fatal(err)
	}
	_, err = render.Resolve(ctx, p, lib, shot, 3, time.Now())
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "@ana") || !strings.Contains(err.Error(), "shot 1") {
		t.Fatalf("revoked: err = %v", err)
	}
	// Without the library the snapshot decides: it has no expiry, so it is allowed.
	_, err = render.Resolve(ctx, p, nil, shot, 3, time.Now().AddDate(200, 0, 0))
	if err != nil {
		t.Fatalf("snapshot without expiry refused: %v", err)
	}
	_, err = render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 4, Library: lib}, nil)
	if project.ErrorCode(err) != project.ECONSENT {
		t.Fatalf("Take with a revoked cameo: %v", err)
	}
	if takes, _ := p.Takes(ctx, shot.ID); len(takes) != 1 {
		t.Fatalf("a refused render left a take: %d takes", len(takes))
	}
}

// BenchmarkCancelLatency measures how long a render of a 60 s 720p shot
// takes to return after it is cancelled (target ≤ 100 ms).
func BenchmarkCancelLatency(b *testing.B) {
	p, err := sqlite.Create(filepath.Join(b.TempDir(), "film"), "Film")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	settings, _ := p.Project(ctx)
	shot := project.NewShot("fireworks over a city at night, pan left", settings.Rate, 1)
	shot.Duration = project.Seconds(60, settings.Rate)
	res, _ := p.Apply(ctx, project.AddShot{Shot: *shot, Index: -1})
	var total time.Duration
	for i := 0; i < b.N; i++ {
		jctx, cancel := context.WithCancel(ctx)
		var at time.Time
		render.Take(jctx, p, previz.New(), res.ID, render.Options{Seed: uint64(i), Force: true}, func(pr engine.Progress) {
			if pr.Stage == "frames" && pr.Step == 10 && at.IsZero() {
				at = time.Now()
				cancel()
			}
		})
		total += time.Since(at)
		cancel()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-stop")
}
