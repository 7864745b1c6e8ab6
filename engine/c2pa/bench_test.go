package c2pa

import (
	"os"
	"testing"
)

// benchMP4 writes an MP4 of about n bytes (a 60 s 720p export is about
// 60 MB) with random media data.
func benchMP4(b *testing.B, n int) string {
	head := testMP4()
	head = head[:len(head)-5008]
	mdat := make([]byte, n)
	for i := range mdat {
		mdat[i] = byte(i*2654435761>>13) ^ byte(i)
	}
	return writeTemp(b, "film.mp4", append(head, bmffBoxBytes("mdat", mdat)...))
}

// BenchmarkSignMP4 signs a 64 MB MP4: one streaming pass to hash it, then
// the manifest appended.
func BenchmarkSignMP4(b *testing.B) {
	src := benchMP4(b, 64<<20)
	data, _ := os.ReadFile(src)
	id := testIdentity(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		os.WriteFile(src, data, 0o644)
		b.StartTimer()
		if _, err := Sign(src, testManifest(), id.Signer); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyMP4 verifies a signed 64 MB MP4 (kino verify's target
// for a 60 s 720p export: at most 1 s).
func BenchmarkVerifyMP4(b *testing.B) {
	p := benchMP4(b, 64<<20)
	if _, err := Sign(p, testManifest(), testIdentity(b).Signer); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		r, err := Verify(p, Options{})
		if err != nil || !r.Valid() {
			b.Fatal(err, r.Problem)
		}
	}
}

// BenchmarkSignPNGFrame signs a small PNG frame in memory, as a PNG export
// does for every frame: the manifest's cost (hashing the frame adds about
// 1.5 ms per MB on top).
func BenchmarkSignPNGFrame(b *testing.B) {
	png := testPNG(b)
	id := testIdentity(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EmbedPNG(png, testManifest(), id.Signer); err != nil {
			b.Fatal(err)
		}
	}
}
