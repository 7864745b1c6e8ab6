package models

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kino/engine/models/modelstest"
)

// folderFinder recognises a folder with a model_index.json whose content
// is "ok" (a stand-in for the real pack finder, which the app tests use).
type folderFinder struct{}

func (folderFinder) Find(ctx context.Context, dir string) []Entry {
	ents, _ := os.ReadDir(dir)
	var out []Entry
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if en, ok := (folderFinder{}).Check(ctx, filepath.Join(dir, e.Name())); ok {
			out = append(out, en)
		}
	}
	return out
}

func (folderFinder) Check(_ context.Context, p string) (Entry, bool) {
	b, err := os.ReadFile(filepath.Join(p, "model_index.json"))
	if err != nil {
		return Entry{}, false
	}
	e := Entry{Name: filepath.Base(p), Kind: KindImage, Path: p, Size: DirSize(p), Loads: string(b) == "ok"}
	if !e.Loads {
		e.Problem = "model_index.json is not ok"
	}
	return e, true
}

var finders = []Finder{folderFinder{}}

// makeRepo writes a repository folder: a small index, a large weights
// file of random bytes, a sub-folder and PyTorch weights to be skipped.
func makeRepo(t *testing.T) string {
	root := filepath.Join(t.TempDir(), "repo")
	r := rand.New(rand.NewPCG(7, 9))
	big := make([]byte, 300<<10)
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	for p, data := range map[string][]byte{
		"model_index.json":            []byte("ok"),
		"unet/model.onnx":             []byte("small graph"),
		"unet/model.onnx_data":        big,
		"unet/diffusion.safetensors":  []byte("pytorch weights Kino does not run"),
		"tokenizer/vocab.json":        []byte(`{"a": 0}`),
		"onnx-fp16/model_index.json":  []byte("ok"),
		"onnx-fp16/unet/model.onnx":   []byte("half graph"),
		"onnx-fp16/text_encoder/x.oo": big[:20000],
	} {
		fp := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(fp), 0o755)
		if err := os.WriteFile(fp, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// visible lists the names in dir that a models-folder scan sees.
func visible(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

func sameFile(t *testing.T, a, b string) {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x, y) {
		t.Fatalf("%s differs from %s", b, a)
	}
}

func TestDownloadInstallsTheRepository(t *testing.T) {
	repo := makeRepo(t)
	srv := modelstest.New(repo, "kino-test/tiny")
	defer srv.Close()
	srv.PageSize = 3 // the listing comes in pages
	dir := filepath.Join(t.TempDir(), "models")
	var last Progress
	sawETA := false
	e, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders, Progress: func(p Progress) {
		last = p
		sawETA = sawETA || (p.Stage == "download" && p.Total > 0)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "tiny" || !e.Loads {
		t.Fatalf("entry %+v", e)
	}
	for _, p := range []string{"model_index.json", "unet/model.onnx", "unet/model.onnx_data", "tokenizer/vocab.json", "onnx-fp16/unet/model.onnx"} {
		sameFile(t, filepath.Join(repo, p), filepath.Join(dir, "tiny", p))
	}
	if _, err := os.Stat(filepath.Join(dir, "tiny", "unet", "diffusion.safetensors")); err == nil {
		t.Error("PyTorch weights were downloaded")
	}
	if got := visible(t, dir); len(got) != 1 {
		t.Errorf("models folder holds %v", got)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("staging left behind: %v", ents)
	}
	if !sawETA || last.Stage != "check" {
		t.Errorf("progress: last %+v, saw totals %v", last, sawETA)
	}
	// A sub-folder of a repository installs as its own model.
	e, err = Download(context.Background(), srv.RepoURL("onnx-fp16"), dir, DownloadOptions{Finders: finders})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "onnx-fp16" {
		t.Fatalf("sub-folder entry %+v", e)
	}
	sameFile(t, filepath.Join(repo, "onnx-fp16/text_encoder/x.oo"), filepath.Join(dir, "onnx-fp16", "text_encoder/x.oo"))
	// The same name again is refused, the installed model untouched.
	if _, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders}); err == nil || !strings.Contains(err.Error(), "installed already") {
		t.Errorf("second download: %v", err)
	}
}

// TestDownloadResumesAtAnyByte cuts the connection after n bytes of the
// large file, for several n, and checks that the next run asks only for
// the rest and installs a whole, correct file.
func TestDownloadResumesAtAnyByte(t *testing.T) {
	repo := makeRepo(t)
	srv := modelstest.New(repo, "kino-test/tiny")
	defer srv.Close()
	const big = "unet/model.onnx_data"
	size := int64(300 << 10)
	for _, cut := range []int64{0, 1, 4095, 150000, size - 1} {
		dir := filepath.Join(t.TempDir(), "models")
		srv.CutAfter(big, cut)
		_, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders})
		if err == nil || !strings.Contains(err.Error(), "run the same command again to resume") {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		if got := visible(t, dir); len(got) != 0 {
			t.Fatalf("cut at %d: a half download is visible: %v", cut, got)
		}
		before := len(srv.Requests())
		if _, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders}); err != nil {
			t.Fatalf("resuming after a cut at %d: %v", cut, err)
		}
		sameFile(t, filepath.Join(repo, big), filepath.Join(dir, "tiny", big))
		var asked []string
		for _, r := range srv.Requests()[before:] {
			if strings.HasPrefix(r, big+"@") {
				asked = append(asked, r)
			}
		}
		want := big + "@" + itoa(cut)
		if len(asked) != 1 || asked[0] != want {
			t.Errorf("cut at %d: the second run asked for %v, want only %s", cut, asked, want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestDownloadRefusesCorruptedFiles(t *testing.T) {
	repo := makeRepo(t)
	srv := modelstest.New(repo, "kino-test/tiny")
	defer srv.Close()
	var dir string
	for _, p := range []string{"unet/model.onnx_data", "unet/model.onnx"} { // SHA-256 (LFS) and Git SHA-1
		dir = filepath.Join(t.TempDir(), "models")
		srv.Corrupt(p, true)
		_, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders})
		if err == nil || !strings.Contains(err.Error(), "corrupted and was removed") || !strings.Contains(err.Error(), p) {
			t.Fatalf("%s corrupted: %v", p, err)
		}
		part := filepath.Join(dir, ".kino-add-tiny", filepath.FromSlash(p))
		if _, err := os.Stat(part + ".part"); err == nil {
			t.Errorf("%s: the corrupted part was kept", p)
		}
		if _, err := os.Stat(part); err == nil {
			t.Errorf("%s: the corrupted file was kept", p)
		}
		if got := visible(t, dir); len(got) != 0 {
			t.Fatalf("a corrupted download is visible: %v", got)
		}
		srv.Corrupt(p, false)
	}
	if _, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders}); err != nil {
		t.Fatal(err)
	}
}

// TestDownloadCancelLeavesNothingVisible cancels as Ctrl+C does, mid-file.
func TestDownloadCancelLeavesNothingVisible(t *testing.T) {
	repo := makeRepo(t)
	srv := modelstest.New(repo, "kino-test/tiny")
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "models")
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Download(ctx, srv.RepoURL(""), dir, DownloadOptions{Finders: finders, Progress: func(p Progress) {
		if p.Stage == "download" && p.Done > 0 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled download: %v", err)
	}
	if got := visible(t, dir); len(got) != 0 {
		t.Fatalf("a cancelled download is visible: %v", got)
	}
	if _, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders}); err != nil {
		t.Fatal(err)
	}
	sameFile(t, filepath.Join(repo, "unet/model.onnx_data"), filepath.Join(dir, "tiny", "unet/model.onnx_data"))
}

// TestDownloadHostileListing: a listing naming paths outside the model's
// folder never writes there.
func TestDownloadHostileListing(t *testing.T) {
	repo := makeRepo(t)
	srv := modelstest.New(repo, "kino-test/tiny")
	defer srv.Close()
	for _, p := range []string{"../escape.txt", "/etc/kino-escape", "a/../../escape.txt", "a\\..\\escape"} {
		srv.ListExtra(map[string]any{"type": "file", "path": p, "size": 3})
	}
	root := t.TempDir()
	dir := filepath.Join(root, "models")
	if _, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "escape.txt")); err == nil {
		t.Fatal("a listed ../ path was written outside the models folder")
	}
}

func TestDownloadUnusableIsRemoved(t *testing.T) {
	repo := makeRepo(t)
	os.WriteFile(filepath.Join(repo, "model_index.json"), []byte("broken"), 0o644)
	srv := modelstest.New(repo, "kino-test/tiny")
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "models")
	_, err := Download(context.Background(), srv.RepoURL(""), dir, DownloadOptions{Finders: finders})
	if err == nil || !strings.Contains(err.Error(), "cannot be used") {
		t.Fatalf("unusable download: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("an unusable download left %v", ents)
	}
}

func TestParseSource(t *testing.T) {
	for raw, want := range map[string]Source{
		"https://huggingface.co/stabilityai/sd-turbo":                      {"https://huggingface.co", "stabilityai/sd-turbo", "main", ""},
		"https://huggingface.co/org/repo/tree/onnx":                        {"https://huggingface.co", "org/repo", "onnx", ""},
		"https://huggingface.co/org/repo/tree/main/onnx/fp16":              {"https://huggingface.co", "org/repo", "main", "onnx/fp16"},
		"http://127.0.0.1:8080/gpt2":                                       {"http://127.0.0.1:8080", "gpt2", "main", ""},
		"https://huggingface.co/rhasspy/piper-voices/tree/v1.0.0/de/de_DE": {"https://huggingface.co", "rhasspy/piper-voices", "v1.0.0", "de/de_DE"},
	} {
		got, err := ParseSource(raw)
		if err != nil || got != want {
			t.Errorf("ParseSource(%s) = %+v, %v; want %+v", raw, got, err, want)
		}
	}
	for _, bad := range []string{"ftp://x/y/z", "huggingface.co/a/b", "https://huggingface.co/", "https://h/a/b/c/d", "https://h/a/b/tree/main/../x"} {
		if _, err := ParseSource(bad); err == nil {
			t.Errorf("ParseSource(%s) accepted", bad)
		}
	}
}
