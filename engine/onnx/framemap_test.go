package onnx

import (
	"testing"

	"kino/project"
)

func TestVideoFrameMap(t *testing.T) {
	// 2 s at 24 fps over a model at 8 fps: 16 frames, each held 3 frames.
	m := videoFrameMap(48, project.DefaultRate, 8)
	if m.gen != 16 {
		t.Fatalf("gen = %d, want 16", m.gen)
	}
	for i := 0; i < 48; i++ {
		if g := m.generated(i); g != i/3 {
			t.Fatalf("clip frame %d -> generated %d, want %d", i, g, i/3)
		}
	}
	for g := 0; g < 16; g++ {
		if f := m.first(g); f != 3*g || m.generated(f) != g || (f > 0 && m.generated(f-1) == g) {
			t.Fatalf("first(%d) = %d", g, f)
		}
	}
	// NTSC 29.97 fps: every generated frame is shown, none past the end.
	m = videoFrameMap(100, project.Rate2997, 8)
	seen := map[int]bool{}
	for i := 0; i < 100; i++ {
		g := m.generated(i)
		if g < 0 || g >= m.gen {
			t.Fatalf("clip frame %d -> %d of %d", i, g, m.gen)
		}
		seen[g] = true
	}
	if len(seen) != m.gen {
		t.Errorf("%d of %d generated frames are shown", len(seen), m.gen)
	}
	// A long shot is capped and stretched.
	m = videoFrameMap(24*600, project.DefaultRate, 8)
	if m.gen != MaxGeneratedFrames || m.generated(14399) != MaxGeneratedFrames-1 || m.generated(0) != 0 {
		t.Errorf("10 minutes: gen %d, last -> %d", m.gen, m.generated(14399))
	}
}

func TestKeyframeMap(t *testing.T) {
	m := keyframeMap(50, 24)
	if m.gen != 3 || m.generated(23) != 0 || m.generated(24) != 1 || m.generated(49) != 2 || m.first(2) != 48 {
		t.Errorf("keyframeMap(50, 24) = %+v", m)
	}
	if m := keyframeMap(1, 24); m.gen != 1 || m.generated(0) != 0 {
		t.Errorf("one frame: %+v", m)
	}
}

// TestGenerationSizeFollowsTheUNet: a UNet with fewer down blocks takes
// finer sizes, so frames keep the project's aspect more closely.
func TestGenerationSizeFollowsTheUNet(t *testing.T) {
	dyn := UNetSpec{Height: Dynamic, Width: Dynamic}
	for _, c := range []struct {
		native, multiple, w, h, wantW, wantH int
	}{
		{256, 16, 1280, 720, 336, 192}, // tiny-sd-real: 2 levels, sample_size 32
		{768, 64, 1920, 1080, 1024, 576},
		{1024, 128, 1280, 720, 1408, 768},
	} {
		w, h := generationSize(dyn, c.native, c.multiple, c.w, c.h)
		if w != c.wantW || h != c.wantH {
			t.Errorf("native %d, multiple %d, %dx%d: %dx%d, want %dx%d", c.native, c.multiple, c.w, c.h, w, h, c.wantW, c.wantH)
		}
		if w%c.multiple != 0 || h%c.multiple != 0 {
			t.Errorf("%dx%d is not a multiple of %d", w, h, c.multiple)
		}
	}
}

func TestGenerationSize(t *testing.T) {
	dyn := UNetSpec{Height: Dynamic, Width: Dynamic}
	cases := []struct {
		u          UNetSpec
		res, w, h  int
		wantW, wnH int
	}{
		{dyn, 512, 1280, 720, 704, 384},
		{dyn, 512, 720, 1280, 384, 704},
		{dyn, 512, 1000, 1000, 512, 512},
		{dyn, 0, 1000, 1000, 512, 512}, // default resolution
		{dyn, 64, 1280, 720, 64, 64},   // never below 64
		{UNetSpec{Height: 64, Width: 64}, 512, 1280, 720, 512, 512},
		{UNetSpec{Height: 40, Width: Dynamic}, 512, 1280, 720, 576, 320},
	}
	for _, c := range cases {
		w, h := generationSize(c.u, c.res, 64, c.w, c.h)
		if w != c.wantW || h != c.wnH {
			t.Errorf("generationSize(%+v, %d, %dx%d) = %dx%d, want %dx%d", c.u, c.res, c.w, c.h, w, h, c.wantW, c.wnH)
		}
	}
}
