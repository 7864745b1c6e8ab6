package models

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddFolderCopiesChecksAndRemoves(t *testing.T) {
	repo := makeRepo(t)
	dir := filepath.Join(t.TempDir(), "models")
	var last Progress
	e, err := AddFolder(context.Background(), repo, dir, "mine", finders, func(p Progress) { last = p })
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "mine" || !e.Loads || last.Stage != "copy" || last.Done != last.Total || last.Total == 0 {
		t.Fatalf("entry %+v, last progress %+v", e, last)
	}
	sameFile(t, filepath.Join(repo, "unet/model.onnx_data"), filepath.Join(dir, "mine", "unet/model.onnx_data"))
	if got := List(context.Background(), dir, finders); len(got) != 1 || got[0].Name != "mine" {
		t.Fatalf("list %+v", got)
	}
	if _, err := AddFolder(context.Background(), repo, dir, "mine", finders, nil); err == nil || !strings.Contains(err.Error(), "installed already") {
		t.Errorf("adding the same name again: %v", err)
	}
	if err := Remove(dir, "mine"); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("after rm the models folder holds %v", ents)
	}
	if err := Remove(dir, "mine"); err == nil || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("removing it twice: %v", err)
	}
	for _, bad := range []string{"", "..", ".hidden", "a/b", "../x"} {
		if err := Remove(dir, bad); err == nil {
			t.Errorf("Remove(%q) accepted", bad)
		}
	}
}

func TestAddFolderRefusesWhatCannotBeUsed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "models")
	if _, err := AddFolder(context.Background(), t.TempDir(), dir, "empty", finders, nil); err == nil || !strings.Contains(err.Error(), "not a model Kino knows") {
		t.Errorf("an empty folder: %v", err)
	}
	repo := makeRepo(t)
	os.WriteFile(filepath.Join(repo, "model_index.json"), []byte("broken"), 0o644)
	if _, err := AddFolder(context.Background(), repo, dir, "", finders, nil); err == nil || !strings.Contains(err.Error(), "cannot be used") {
		t.Errorf("a broken folder: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("refused adds left %v", ents)
	}
}

func TestAddFolderCancelLeavesNothing(t *testing.T) {
	repo := makeRepo(t)
	dir := filepath.Join(t.TempDir(), "models")
	ctx, cancel := context.WithCancel(context.Background())
	_, err := AddFolder(ctx, repo, dir, "", finders, func(p Progress) {
		if p.Done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled copy: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a cancelled copy left %v", ents)
	}
}

func TestUnfinishedDownloadsAreListedAndDiscarded(t *testing.T) {
	dir := t.TempDir()
	stage := filepath.Join(dir, stagingPrefix+"big")
	os.MkdirAll(stage, 0o755)
	os.WriteFile(filepath.Join(stage, "unet.part"), make([]byte, 1000), 0o644)
	if p := ListPending(dir); len(p) != 1 || p[0].Name != "big" || p[0].Size != 1000 {
		t.Fatalf("pending %+v", p)
	}
	if err := Remove(dir, "big"); err != nil {
		t.Fatal(err)
	}
	if p := ListPending(dir); len(p) != 0 {
		t.Fatalf("after rm, pending %+v", p)
	}
}
