package farm_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kino/engine/farm"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
)

// BenchmarkFarmShotOverhead measures what the farm path adds to rendering
// one shot, outside Flamenco's own fixed delays (its Workers poll every
// 20 s and wait about 5 s between tasks): writing the request, the
// worker's reading and checking it and writing its folder, and collecting
// the take, against a local render of the same 1 s 160x90 shot.
func BenchmarkFarmShotOverhead(b *testing.B) {
	f := newFilm(&testing.T{}, "a harbour at dusk with boats on the water")
	var farmT, localT time.Duration
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		job := filepath.Join(f.shared, "farm", fmt.Sprintf("job%d", i))
		start := time.Now()
		reqPath, fj := f.submitTo(0, job)
		res, err := farm.Render(bg, reqPath, filepath.Join(filepath.Dir(reqPath), "out"), opts())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := farm.Collect(bg, f.p, fj, f.shared, nil); err != nil {
			b.Fatal(err)
		}
		farmT += time.Since(start)
		_ = res
		start = time.Now()
		if _, err := render.Take(bg, f.p, previz.New(), f.shots[0].ID, render.Options{Seed: f.shots[0].Seed.Value, Force: true, Workers: 2}, nil); err != nil {
			b.Fatal(err)
		}
		localT += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(farmT.Milliseconds())/n, "farm-ms/shot")
	b.ReportMetric(float64(localT.Milliseconds())/n, "local-ms/shot")
	b.ReportMetric(float64((farmT-localT).Milliseconds())/n, "overhead-ms/shot")
}

// BenchmarkCollect1000 collects 1,000 finished takes (1 s at 320x180,
// each distinct) into a project, as kino farm collect does after a big
// job: every file hashed, stored and its take recorded.
func BenchmarkCollect1000(b *testing.B) {
	const n = 1000
	t := &testing.T{}
	for b.Loop() {
		b.StopTimer()
		prompts := make([]string, n)
		for i := range prompts {
			prompts[i] = fmt.Sprintf("shot %d: a beach at sunset", i)
		}
		f := newFilm(t, prompts...)
		// One real render, then 1,000 results whose files differ in their
		// last bytes (so nothing deduplicates), as 1,000 workers' outputs.
		reqPath, one := f.submitTo(0, filepath.Join(f.shared, "farm", "seed"))
		res, err := farm.Render(bg, reqPath, filepath.Join(filepath.Dir(reqPath), "out"), opts())
		if err != nil {
			b.Fatal(err)
		}
		src := filepath.Join(filepath.Dir(reqPath), "out")
		job := &project.FarmJob{ID: "big", Dir: "farm/big"}
		for i, s := range f.shots {
			folder := fmt.Sprintf("shot-%04d", i+1)
			out := filepath.Join(f.shared, "farm", "big", folder, "out")
			os.MkdirAll(out, 0o755)
			r := *res
			r.ShotID, r.Media = s.ID, nil
			for _, m := range res.Media {
				data, _ := os.ReadFile(filepath.Join(src, m.File))
				data = append(data, []byte(fmt.Sprintf("%08d", i))...)
				sum := sha256.Sum256(data)
				m.SHA256, m.Size = hex.EncodeToString(sum[:]), int64(len(data))
				m.File = m.SHA256 + filepath.Ext(m.File)
				os.WriteFile(filepath.Join(out, m.File), data, 0o644)
				r.Media = append(r.Media, m)
			}
			data, _ := json.Marshal(r)
			os.WriteFile(filepath.Join(out, "result.json"), data, 0o644)
			job.Shots = append(job.Shots, project.FarmShot{ShotID: s.ID, Folder: folder, ParamsHash: one.Shots[0].ParamsHash})
		}
		b.StartTimer()
		got, err := farm.Collect(bg, f.p, job, f.shared, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		for _, c := range got {
			if c.State != farm.ShotImported {
				b.Fatalf("shot %d: %s %s", c.Shot.ShotID, c.State, c.Reason)
			}
		}
		b.StartTimer()
	}
}
