package export

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kino/engine/c2pa"
)

// BenchmarkContentCredentialsMP4 measures what signing adds to a 60 s
// 1280x720 MP4 export (target: at most 3 % of the export) and how long
// kino verify takes on it (target: at most 1 s). It exports the film once
// unsigned, then signs copies of it (the BMFF hash is one streaming pass)
// and verifies the signed file.
func BenchmarkContentCredentialsMP4(b *testing.B) {
	tool(b, "ffmpeg")
	dir := b.TempDir()
	start := time.Now()
	res, err := Export(bg, benchTimeline(60, 1280, 720), Options{Format: FormatMP4, Out: filepath.Join(dir, "film.mp4")}, nil)
	if err != nil {
		b.Fatal(err)
	}
	exportTime := time.Since(start)
	st, _ := os.Stat(res.Main)
	id, err := c2pa.LoadOrCreateIdentity(filepath.Join(dir, "credentials"), "Bench", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	p := &Provenance{}
	*p = *provenanceFor(benchTimeline(60, 1280, 720), &Options{App: "Kino", Version: "bench", Signer: id.Signer}, time.Now())
	m := manifestFor(p.forFile(res.Main, "film", boolPtr(true)), res.Main)
	copyTo := func(dst string) {
		in, _ := os.Open(res.Main)
		defer in.Close()
		out, _ := os.Create(dst)
		defer out.Close()
		if _, err := io.Copy(out, in); err != nil {
			b.Fatal(err)
		}
	}
	signed := filepath.Join(dir, "signed.mp4")
	b.Run("sign", func(b *testing.B) {
		b.ReportAllocs()
		var total time.Duration
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			os.Remove(signed)
			copyTo(signed)
			b.StartTimer()
			t0 := time.Now()
			if _, err := c2pa.Sign(signed, m, id.Signer); err != nil {
				b.Fatal(err)
			}
			total += time.Since(t0)
		}
		per := total / time.Duration(b.N)
		b.ReportMetric(per.Seconds(), "s/sign")
		b.ReportMetric(exportTime.Seconds(), "s/export")
		b.ReportMetric(100*per.Seconds()/exportTime.Seconds(), "%-of-export")
		b.ReportMetric(float64(st.Size())/1e6, "MB")
	})
	b.Run("verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := c2pa.Verify(signed, c2pa.Options{Trust: nil})
			if err != nil || !r.Valid() {
				b.Fatalf("%v %+v", err, r)
			}
		}
	})
}
