package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/project"
	"kino/project/keyring"
)

var bg = context.Background()

// MustOpenDB creates a real project in a fresh temporary folder and closes
// it when the test ends.
func MustOpenDB(t testing.TB) *Project {
	t.Helper()
	p, err := Create(filepath.Join(t.TempDir(), "Film"), "Film")
	if err != nil {
		t.Fatalf("creating project: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// mustReopen closes p and opens its folder again.
func mustReopen(t testing.TB, p *Project) *Project {
	t.Helper()
	if err := p.Close(); err != nil {
		t.Fatalf("closing: %v", err)
	}
	q, err := Open(p.Path(), Options{})
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func mustApply(t testing.TB, p *Project, e project.Edit) project.Applied {
	t.Helper()
	a, err := p.Apply(bg, e)
	if err != nil {
		t.Fatalf("applying %s: %v", e.Label(), err)
	}
	return a
}

func mustUndo(t testing.TB, p *Project) project.Applied {
	t.Helper()
	a, err := p.Undo(bg)
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	return a
}

func mustRedo(t testing.TB, p *Project) project.Applied {
	t.Helper()
	a, err := p.Redo(bg)
	if err != nil {
		t.Fatalf("redo: %v", err)
	}
	return a
}

// mustAddShot appends a 2-second shot with prompt and returns its ID.
func mustAddShot(t testing.TB, p *Project, prompt string) int64 {
	t.Helper()
	return mustApply(t, p, project.AddShot{Shot: shotAt24(prompt), Index: -1}).ID
}

func shotAt24(prompt string) project.Shot {
	s := project.NewShot(prompt, project.DefaultRate, 42)
	s.Duration = project.Seconds(2, project.DefaultRate)
	return *s
}

func mustShot(t testing.TB, p *Project, id int64) *project.Shot {
	t.Helper()
	s, err := p.Shot(bg, id)
	if err != nil {
		t.Fatalf("reading shot %d: %v", id, err)
	}
	return s
}

func mustPutBlob(t testing.TB, m project.MediaStore, data string, mediaType string) project.Asset {
	t.Helper()
	a, err := m.PutBlob(bg, strings.NewReader(data), mediaType)
	if err != nil {
		t.Fatalf("storing blob: %v", err)
	}
	return a
}

// mustDoneTake records a finished take with a video blob of content.
func mustDoneTake(t testing.TB, p *Project, shotID int64, content string, makeActive bool) *project.Take {
	t.Helper()
	a := mustPutBlob(t, p, content, "video/x-motion-jpeg")
	tk := &project.Take{ShotID: shotID, Backend: "previz", ParamsHash: "p", Seed: 7, Status: project.TakeRunning}
	if err := p.CreateTake(bg, tk); err != nil {
		t.Fatalf("creating take: %v", err)
	}
	tk.Media = []project.MediaRef{{Role: project.MediaVideo, Asset: a}}
	tk.Frames = 48
	if err := p.FinishTake(bg, tk, makeActive); err != nil {
		t.Fatalf("finishing take: %v", err)
	}
	return tk
}

// testKey signs the consent of test cameos, as this machine's user's key
// would.
var testKey = keyring.FromSeed(make([]byte, 32))

// signed signs c's consent with testKey for its current likeness and
// returns c. Tests that change a consent field call it again, with a
// higher Seq when the change is a newer record.
func signed(c *project.Cameo) *project.Cameo {
	if c.Consent.Seq == 0 {
		c.Consent.Seq = 1
	}
	c.Consent.ImageSHA256 = c.MainImage()
	c.Consent.Sign(c.ID, testKey)
	return c
}

// testCameo returns a cameo with consent for any project signed by
// testKey, one image stored in m, and a fixed ID.
func testCameo(t testing.TB, m project.MediaStore, handle string) *project.Cameo {
	t.Helper()
	img := mustPutBlob(t, m, "face of "+handle, "image/png")
	return signed(&project.Cameo{
		ID:     "cameo-" + strings.TrimPrefix(handle, "@"),
		Handle: handle,
		Name:   "Person " + handle,
		Images: []project.Asset{img},
		Voice:  project.DefaultVoice,
		Consent: project.Consent{
			ID: "consent-" + handle, Owner: "Ana", Scope: project.ConsentAnyProject,
			GrantedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		},
	})
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := project.ErrorCode(err); got != code {
		t.Fatalf("error code %s, want %s: %v", got, code, err)
	}
}

func wantMessage(t testing.TB, err error, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Fatalf("error %v does not mention %q", err, s)
		}
	}
}

// state is everything a person can see in a project, for comparing
// before and after undo. Update times are left out: undo restores content,
// and records when it did so.
type state struct {
	Project project.Project
	Shots   []*project.Shot
	Takes   map[int64][]*project.Take
	Cameos  []*project.Cameo
	Clips   []*project.AudioClip
}

func dump(t testing.TB, p *Project) string {
	t.Helper()
	var s state
	pr, err := p.Project(bg)
	if err != nil {
		t.Fatalf("reading project: %v", err)
	}
	s.Project = *pr
	s.Project.UpdatedAt = time.Time{}
	if s.Shots, err = p.Shots(bg); err != nil {
		t.Fatalf("reading shots: %v", err)
	}
	s.Takes = map[int64][]*project.Take{}
	for i, sh := range s.Shots {
		if sh.Index != i {
			t.Fatalf("shot %d has index %d at position %d: positions are not dense", sh.ID, sh.Index, i)
		}
		sh.UpdatedAt = time.Time{}
		if s.Takes[sh.ID], err = p.Takes(bg, sh.ID); err != nil {
			t.Fatalf("reading takes: %v", err)
		}
	}
	if s.Cameos, err = p.Cameos(bg); err != nil {
		t.Fatalf("reading cameos: %v", err)
	}
	if s.Clips, err = p.AudioClips(bg); err != nil {
		t.Fatalf("reading clips: %v", err)
	}
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sameState(t testing.TB, what, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: state differs\n got: %s\nwant: %s", what, got, want)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return b
}

func sameBytes(t testing.TB, path string, want []byte) {
	t.Helper()
	if got := readFile(t, path); !bytes.Equal(got, want) {
		t.Fatalf("%s changed (%d bytes, was %d)", path, len(got), len(want))
	}
}

func isCode(err error, code string) bool {
	var pe *project.Error
	return errors.As(err, &pe) && pe.Code == code
}
