package onnx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDoctorPacks(t *testing.T) {
	requireRuntime(t)
	dir := filepath.Dir(copyPack(t, "tiny-sd"))
	// A wrong UNet (only inspection tells), a half-copied pack, a garbage one.
	wrong := filepath.Join(dir, "wrong")
	if err := os.Rename(copyPack(t, "tiny-sd-b1"), wrong); err != nil {
		t.Fatal(err)
	}
	copyFile(filepath.Join("testdata", "badmodels", "unet-3ch.onnx"), filepath.Join(wrong, FileUNet))
	os.MkdirAll(filepath.Join(dir, "half", "unet"), 0o755)
	garbage := filepath.Join(dir, "garbage")
	os.Rename(copyPack(t, "tiny-video"), garbage)
	os.WriteFile(filepath.Join(garbage, FileVAEDecoder), []byte("\xff\xff\xff\xff not a model"), 0o644)
	missing := filepath.Join(t.TempDir(), "nope")

	r := DoctorPacks([]string{dir, missing}, true)
	out := r.String()
	t.Log("\n" + out)
	for _, want := range []string{
		"folder:    " + dir + "\n",
		"folder:    " + missing + " (does not exist yet)",
		"pack:      tiny-sd (Tiny SD), licence CC0-1.0",
		"models:   image UNet, float, batch any (guidance in one call)",
		"pack:      wrong",
		"unusable: model pack wrong: unet/model.onnx: input sample is float [?,3,?,?]",
		"incomplete: half: model pack half: missing text_encoder/model.onnx, unet/model.onnx, vae_decoder/model.onnx",
		"rejected:  garbage: model pack garbage: vae_decoder/model.onnx:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if len(r.Packs) != 2 || r.Packs[0].OK() == false || r.Packs[1].OK() {
		t.Errorf("packs: %+v", r.Packs)
	}
	// Without inspection the wrong UNet is not noticed, and nothing is loaded.
	quick := DoctorPacks([]string{dir}, false).String()
	if strings.Contains(quick, "unusable") || strings.Contains(quick, "models:") {
		t.Errorf("a quick report inspected models:\n%s", quick)
	}
	empty := DoctorPacks([]string{t.TempDir()}, false).String()
	if !strings.Contains(empty, "packs:     none") {
		t.Errorf("an empty folder's report:\n%s", empty)
	}
}
