package app

import (
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/models"
	"kino/engine/models/modelstest"
)

// realPackDir is the real-architecture test pack of the ONNX engine
// (diffusers/transformers exports with random weights; see its README).
var realPackDir = filepath.Join("..", "engine", "onnx", "testdata", "real", "tiny-sd-real")

func readPNGFile(t *testing.T, path string) *image.NRGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

func listModels(t *testing.T) []models.Entry {
	t.Helper()
	var list []models.Entry
	if err := json.Unmarshal([]byte(mustKino(t, "models", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestModelsAddListTryRemove: the check a person runs on a new pack. The
// still `kino models try` writes for the reference settings is diffusers'
// own picture (within one level).
func TestModelsAddListTryRemove(t *testing.T) {
	isolate(t)
	if list := listModels(t); len(list) != 0 {
		t.Fatalf("a fresh models folder lists %+v", list)
	}
	out := mustKino(t, "models", "add", realPackDir)
	if !strings.Contains(out, "Installed tiny-sd-real (image, fp32") {
		t.Fatalf("add said %q", out)
	}
	list := listModels(t)
	if len(list) != 1 || list[0].Name != "tiny-sd-real" || list[0].Kind != models.KindImage || list[0].Precision != "fp32" || !list[0].Loads || list[0].Size < 15<<20 {
		t.Fatalf("list %+v", list)
	}
	if text := mustKino(t, "models", "list"); !strings.Contains(text, "tiny-sd-real") || !strings.Contains(text, "yes") {
		t.Fatalf("list text %q", text)
	}
	dir := t.TempDir()
	still := filepath.Join(dir, "still.png")
	mustKino(t, "models", "try", "tiny-sd-real", "a lighthouse on a cliff at night", "--seed", "42", "--steps", "4",
		"--size", "64x64", "--guidance", "7.5", "--provider", "cpu", "--out", still)
	got := readPNGFile(t, still)
	want := readPNGFile(t, filepath.Join("..", "engine", "onnx", "testdata", "real", "reference", "kinonoise_image.png"))
	if got.Bounds() != want.Bounds() {
		t.Fatalf("still is %v, reference %v", got.Bounds(), want.Bounds())
	}
	worst := 0
	for i := range got.Pix {
		d := int(got.Pix[i]) - int(want.Pix[i])
		worst = max(worst, d, -d)
	}
	if worst > 1 {
		t.Errorf("kino models try differs from diffusers' picture by %d levels", worst)
	}
	// --compare measures a still against another (a GPU's against the
	// CPU's, in gpu-check.sh); --tolerance makes a difference fail.
	ref := filepath.Join("..", "engine", "onnx", "testdata", "real", "reference", "kinonoise_image.png")
	out = mustKino(t, "models", "try", "tiny-sd-real", "a lighthouse on a cliff at night", "--seed", "42", "--steps", "4",
		"--size", "64x64", "--guidance", "7.5", "--provider", "cpu", "--out", filepath.Join(dir, "again.png"), "--compare", ref, "--tolerance", "1")
	if !strings.Contains(out, "largest difference") || !strings.Contains(out, "on CPU") {
		t.Errorf("try --compare said %q", out)
	}
	if _, errs, code := kino(t, "models", "try", "tiny-sd-real", "a lighthouse on a cliff at night", "--seed", "7", "--steps", "4",
		"--size", "64x64", "--provider", "cpu", "--out", filepath.Join(dir, "other.png"), "--compare", ref, "--tolerance", "1"); code != 1 || !strings.Contains(errs, "more than the tolerance") {
		t.Errorf("another seed within tolerance of the reference? exit %d, %q", code, errs)
	}
	// An existing --out is kept unless --force; bad sizes are refused.
	if _, errs, code := kino(t, "models", "try", "tiny-sd-real", "x", "--out", still); code == 0 || !strings.Contains(errs, "--force") {
		t.Errorf("overwrote --out without --force: %d %q", code, errs)
	}
	if _, errs, code := kino(t, "models", "try", "tiny-sd-real", "x", "--size", "72x64", "--out", filepath.Join(dir, "b.png")); code == 0 || !strings.Contains(errs, "multiples of 16") {
		t.Errorf("size 72x64: %d %q", code, errs)
	}
	if _, errs, code := kino(t, "models", "try", "nope", "x", "--out", filepath.Join(dir, "c.png")); code == 0 || !strings.Contains(errs, "not installed") {
		t.Errorf("unknown model: %d %q", code, errs)
	}
	mustKino(t, "models", "rm", "tiny-sd-real")
	if list := listModels(t); len(list) != 0 {
		t.Fatalf("after rm: %+v", list)
	}
	if _, errs, code := kino(t, "models", "rm", "tiny-sd-real"); code == 0 || !strings.Contains(errs, "not installed") {
		t.Errorf("rm twice: %d %q", code, errs)
	}
}

// TestModelsAddURL downloads the real pack from a server with the Hugging
// Face layout that the test runs on 127.0.0.1, cut off mid-file once.
func TestModelsAddURL(t *testing.T) {
	isolate(t)
	srv := modelstest.New(realPackDir, "kino-test/tiny-sd-real")
	defer srv.Close()
	srv.CutAfter("unet/model.onnx_data", 1<<20)
	_, errs, code := kino(t, "models", "add", srv.RepoURL(""))
	if code == 0 || !strings.Contains(errs, "run the same command again to resume") {
		t.Fatalf("a cut download: exit %d, %q", code, errs)
	}
	if list := listModels(t); len(list) != 0 {
		t.Fatalf("a half download is listed: %+v", list)
	}
	if text := mustKino(t, "models", "list"); !strings.Contains(text, "unfinished: tiny-sd-real") {
		t.Errorf("list does not mention the unfinished download: %q", text)
	}
	out := mustKino(t, "models", "add", srv.RepoURL(""))
	if !strings.Contains(out, "Installed tiny-sd-real") {
		t.Fatalf("add URL said %q", out)
	}
	resumed := false
	for _, r := range srv.Requests() {
		resumed = resumed || r == "unet/model.onnx_data@1048576"
	}
	if !resumed {
		t.Errorf("the second run did not resume at byte 1048576: %v", srv.Requests())
	}
	list := listModels(t)
	if len(list) != 1 || !list[0].Loads {
		t.Fatalf("downloaded pack: %+v", list)
	}
	// A corrupted file is refused and removed.
	srv.Corrupt("text_encoder/model.onnx", true)
	_, errs, code = kino(t, "models", "add", srv.RepoURL(""), "--name", "second")
	if code == 0 || !strings.Contains(errs, "corrupted and was removed") {
		t.Fatalf("corrupted download: exit %d, %q", code, errs)
	}
	if list := listModels(t); len(list) != 1 {
		t.Fatalf("after a corrupted download: %+v", list)
	}
}
