package sqlite

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kino/project"
)

// Benchmarks run on a project with 1,000 shots and 5,000 takes, seeded
// once per test binary into a template folder and copied for each run.
const (
	benchShots = 1000
	benchTakes = 5
)

var bench struct {
	once sync.Once
	dir  string
	err  error
}

func removeBenchTemplate() {
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
}

// benchProject returns a fresh copy of the large template project.
func benchProject(b *testing.B) string {
	b.Helper()
	bench.once.Do(func() {
		bench.dir, bench.err = os.MkdirTemp("", "kino-bench-")
		if bench.err == nil {
			bench.err = seedLarge(filepath.Join(bench.dir, "Large.kino"))
		}
	})
	if bench.err != nil {
		b.Fatalf("seeding the benchmark project: %v", bench.err)
	}
	dst := filepath.Join(b.TempDir(), "Large.kino")
	if out, err := exec.Command("cp", "-R", filepath.Join(bench.dir, "Large.kino"), dst).CombinedOutput(); err != nil {
		b.Fatalf("copying the benchmark project: %v %s", err, out)
	}
	return dst
}

// seedLarge creates a project with benchShots shots of realistic prompt
// length, each with benchTakes finished takes with a video, in one
// transaction. Asset rows are written directly: opening and editing never
// look at the blobs.
func seedLarge(path string) error {
	p, err := Create(path, "Large")
	if err != nil {
		return err
	}
	defer p.Close()
	now := time.Now().UTC()
	// Five cameos with signed consent (one revoked); every take depicts one.
	var cameos []*project.Cameo
	for k := range 5 {
		img, err := p.PutBlob(bg, strings.NewReader(fmt.Sprintf("face %d", k)), "image/png")
		if err != nil {
			return err
		}
		c := signed(&project.Cameo{ID: fmt.Sprintf("cam-%d", k), Handle: fmt.Sprintf("@person%d", k), Name: "Person", Voice: project.DefaultVoice,
			Images: []project.Asset{img}, Consent: project.Consent{ID: fmt.Sprintf("k%d", k), Owner: "Person", Scope: project.ConsentAnyProject, GrantedAt: now}})
		if k == 4 {
			c.Consent.Revoked, c.Consent.RevokedAt, c.Consent.Seq = true, now, 2
			signed(c)
		}
		cameos = append(cameos, c)
	}
	request := `{"prompt":"` + strings.Repeat("a glass of champagne while fireworks cut the sky ", 8) + `","width":1280,"height":720,"steps":30}`
	return p.db.write(bg, "seeding", func(tx *sql.Tx) error {
		for _, c := range cameos {
			if err := saveCameo(bg, tx, p.media, c); err != nil {
				return err
			}
		}
		for i := range benchShots {
			s := shotAt24(fmt.Sprintf("shot %d: %s", i, strings.Repeat("me on the beach at sunset ", 10)))
			s.Index, s.CreatedAt, s.UpdatedAt = i, now, now
			id, err := insertShot(bg, tx, &s)
			if err != nil {
				return err
			}
			for j := range benchTakes {
				sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%d", id, j)))
				sha := hex.EncodeToString(sum[:])
				if _, err := tx.Exec(`INSERT INTO assets (sha256, media_type, size) VALUES (?, 'video/x-motion-jpeg', 1000000)`, sha); err != nil {
					return err
				}
				c := cameos[(i+j)%len(cameos)]
				t := &project.Take{ShotID: id, Backend: "onnx", Model: "wan", ParamsHash: sha[:16], Seed: uint64(j),
					Status: project.TakeDone, Request: request, Frames: 48, Rate: project.DefaultRate, CreatedAt: now,
					Cameos: []project.TakeCameo{{CameoID: c.ID, Handle: c.Handle, Consent: c.Consent.Terms()}}}
				tid, err := insertTake(bg, tx, p.media, t)
				if err != nil {
					return err
				}
				if _, err := tx.Exec(`INSERT INTO take_media (take_id, ord, role, sha256) VALUES (?, 0, 'video', ?)`, tid, sha); err != nil {
					return err
				}
				if j == benchTakes-1 {
					if err := setActiveTake(bg, tx, id, tid); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// reportLatency adds the median and 99th percentile of ds to b's output.
func reportLatency(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkOpen opens (and, untimed, closes) a project with 1,000 shots
// and 5,000 takes.
func BenchmarkOpen(b *testing.B) {
	path := benchProject(b)
	b.ReportAllocs()
	var ds []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		p, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		b.StopTimer()
		p.Close()
		b.StartTimer()
	}
	reportLatency(b, ds)
	if st, err := os.Stat(filepath.Join(path, "project.db")); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "db-MiB")
	}
}

// BenchmarkInspect measures the read-only check Open runs first (schema
// version, PRAGMA quick_check, settings row), the largest part of Open.
func BenchmarkInspect(b *testing.B) {
	path := benchProject(b)
	dbPath := filepath.Join(path, "project.db")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := inspect(path, dbPath, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenAndListShots opens the large project and reads its timeline,
// which is what the studio does first.
func BenchmarkOpenAndListShots(b *testing.B) {
	path := benchProject(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if shots, err := p.Shots(bg); err != nil || len(shots) != benchShots {
			b.Fatalf("%d shots, %v", len(shots), err)
		}
		b.StopTimer()
		p.Close()
		b.StartTimer()
	}
}

// BenchmarkApplyPromptEdit commits one prompt edit with full durability
// (synchronous=FULL) per iteration, in the large project.
func BenchmarkApplyPromptEdit(b *testing.B) {
	p, shots := openBench(b)
	b.ReportAllocs()
	var ds []time.Duration
	b.ResetTimer()
	for i := range b.N {
		s := shots[i%len(shots)]
		s.Prompt = fmt.Sprintf("edit %d: me on the beach at sunset with a glass of champagne 🥂", i)
		start := time.Now()
		if _, err := p.Apply(bg, project.UpdateShot{Shot: *s}); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds)
}

// BenchmarkUndo undoes one prompt edit per iteration (the edit itself is
// applied untimed).
func BenchmarkUndo(b *testing.B) {
	p, shots := openBench(b)
	b.ReportAllocs()
	var ds []time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s := shots[i%len(shots)]
		s.Prompt = fmt.Sprintf("undo me %d", i)
		if _, err := p.Apply(bg, project.UpdateShot{Shot: *s}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := p.Undo(bg); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds)
}

// BenchmarkRedo redoes one prompt edit per iteration (apply and undo are
// untimed).
func BenchmarkRedo(b *testing.B) {
	p, shots := openBench(b)
	b.ReportAllocs()
	var ds []time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s := shots[i%len(shots)]
		s.Prompt = fmt.Sprintf("redo me %d", i)
		if _, err := p.Apply(bg, project.UpdateShot{Shot: *s}); err != nil {
			b.Fatal(err)
		}
		if _, err := p.Undo(bg); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := p.Redo(bg); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds)
}

// BenchmarkMoveShot moves a shot across the whole 1,000-shot timeline.
func BenchmarkMoveShot(b *testing.B) {
	p, shots := openBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		to := 0
		if i%2 == 0 {
			to = benchShots - 1
		}
		if _, err := p.Apply(bg, project.MoveShot{ShotID: shots[0].ID, Index: to}); err != nil {
			b.Fatal(err)
		}
	}
}

func openBench(b *testing.B) (*Project, []*project.Shot) {
	b.Helper()
	p, err := Open(benchProject(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	shots, err := p.Shots(bg)
	if err != nil {
		b.Fatal(err)
	}
	return p, shots
}

// BenchmarkConsentOnOpen judges consent for a 1,000-shot film with 5,000
// takes, each depicting one of five cameos (one revoked), as the studio
// does on open: read the consent records and pins, then decide for every
// take whether it is withheld. The takes themselves are read untimed.
func BenchmarkConsentOnOpen(b *testing.B) {
	p, err := Open(benchProject(b), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	pr, _ := p.Project(bg)
	shots, _ := p.Shots(bg)
	var takes []*project.Take
	for _, s := range shots {
		ts, err := p.Takes(bg, s.ID)
		if err != nil {
			b.Fatal(err)
		}
		takes = append(takes, ts...)
	}
	if len(takes) != benchShots*benchTakes {
		b.Fatalf("%d takes", len(takes))
	}
	b.ReportAllocs()
	b.ResetTimer()
	withheld := 0
	for b.Loop() {
		f, err := p.ConsentFacts(bg)
		if err != nil {
			b.Fatal(err)
		}
		book := project.NewConsentBook(f, pr.ID, time.Now())
		withheld = 0
		for _, t := range takes {
			if len(book.Withheld(t)) > 0 {
				withheld++
			}
		}
	}
	if withheld != benchShots*benchTakes/5 {
		b.Fatalf("%d takes withheld, want the revoked cameo's %d", withheld, benchShots*benchTakes/5)
	}
}
