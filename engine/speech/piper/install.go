package piper

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"kino/engine/files"
)

// This file is what `kino models add|rm` needs for voices: telling a
// voice from a model pack, installing one atomically, removing one, and
// where a voice's files are in the Piper voices repository.

// VoiceAt returns the .onnx path of the voice at path: a NAME.onnx or
// NAME.onnx.json file, or a folder holding exactly one voice. ok is false
// when path is not a voice (a model pack folder, say).
func VoiceAt(path string) (model string, ok bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	if !fi.IsDir() {
		switch {
		case strings.HasSuffix(path, ConfigExt):
			return strings.TrimSuffix(path, ".json"), true
		case strings.HasSuffix(path, ModelExt) && exists(path+".json"):
			return path, true
		}
		return "", false
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", false
	}
	var found []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ConfigExt) && !strings.HasPrefix(n, ".") {
			found = append(found, filepath.Join(path, strings.TrimSuffix(n, ".json")))
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

// ErrVoiceExists means a voice of that name is installed already.
var ErrVoiceExists = errors.New("a voice of that name is installed")

// Install checks the voice whose graph is at model (see ReadVoice) and
// copies its two files into a folder of their own in modelsDir,
// modelsDir/NAME/. The folder is assembled under a hidden name and
// renamed into place, so a watching studio never sees half a voice, and
// an interrupted copy leaves nothing visible. A voice of the same name is
// refused (ErrVoiceExists) unless replace is set.
func Install(model, modelsDir string, replace bool) (Info, error) {
	v, err := ReadVoice(model)
	if err != nil {
		return Info{}, err
	}
	v.data = nil
	if err := os.MkdirAll(modelsDir, 0o755); err != nil {
		return Info{}, fmt.Errorf("creating models folder %s: %w", modelsDir, err)
	}
	if infos, _ := Discover(modelsDir); len(infos) > 0 {
		for _, i := range infos {
			if i.Name == v.Name && !replace {
				return Info{}, fmt.Errorf("installing Piper voice %s: %w in %s (remove it first, or replace it)", v.Name, ErrVoiceExists, i.Dir)
			}
		}
	}
	tmp, err := os.MkdirTemp(modelsDir, "."+v.Name+".part-")
	if err != nil {
		return Info{}, fmt.Errorf("installing Piper voice %s: %w", v.Name, err)
	}
	defer os.RemoveAll(tmp)
	for _, f := range []struct {
		src   string
		limit int64
	}{{v.ModelPath, MaxModelBytes}, {v.ConfigPath, MaxConfigBytes}} {
		if err := copyFile(f.src, filepath.Join(tmp, filepath.Base(f.src)), f.limit); err != nil {
			return Info{}, fmt.Errorf("installing Piper voice %s: %w", v.Name, err)
		}
	}
	installed := filepath.Join(tmp, v.Name+ModelExt)
	check, err := ReadVoice(installed)
	if err != nil {
		return Info{}, err
	}
	if check.SHA256 != v.SHA256 || check.ConfigSHA256 != v.ConfigSHA256 {
		return Info{}, fmt.Errorf("installing Piper voice %s: the files changed while they were copied", v.Name)
	}
	dest := filepath.Join(modelsDir, v.Name)
	if replace {
		if infos, _ := Discover(modelsDir); len(infos) > 0 {
			for _, i := range infos {
				if i.Name == v.Name {
					if err := Remove(i); err != nil {
						return Info{}, err
					}
				}
			}
		}
	}
	if exists(dest) {
		return Info{}, fmt.Errorf("installing Piper voice %s: %s is in the way", v.Name, dest)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return Info{}, fmt.Errorf("installing Piper voice %s: %w", v.Name, err)
	}
	return describe(filepath.Join(dest, v.Name+ModelExt)), nil
}

// copyFile copies a regular file of at most limit bytes and syncs it.
func copyFile(src, dst string, limit int64) error {
	in, _, err := files.Open(src, limit)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(in, limit)); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Remove deletes an installed voice: its folder when the voice has one of
// its own (holding nothing else), else its two files.
func Remove(i Info) error {
	others := false
	if entries, err := os.ReadDir(i.Dir); err == nil {
		for _, e := range entries {
			if n := e.Name(); n != i.Name+ModelExt && n != i.Name+ConfigExt {
				others = true
			}
		}
	}
	if filepath.Base(i.Dir) == i.Name && !others {
		if err := os.RemoveAll(i.Dir); err != nil {
			return fmt.Errorf("removing Piper voice %s: %w", i.Name, err)
		}
		return nil
	}
	for _, p := range []string{i.ModelPath + ".json", i.ModelPath} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing Piper voice %s: %w", i.Name, err)
		}
	}
	return nil
}

// RepoFiles returns where the voice named name lies in the Piper voices
// repository (rhasspy/piper-voices on Hugging Face, whose layout is
// FAMILY/LANG_REGION/DATASET/QUALITY/NAME.onnx): the .onnx and the
// .onnx.json paths, e.g. "de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx".
func RepoFiles(name string) ([]string, error) {
	parts := strings.Split(name, "-")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" || strings.ContainsAny(name, "/\\.") {
		return nil, fmt.Errorf("%q is not a Piper voice name (LANG_REGION-DATASET-QUALITY, e.g. de_DE-thorsten-medium)", name)
	}
	family, _, _ := strings.Cut(parts[0], "_")
	dir := strings.Join([]string{family, parts[0], parts[1], parts[2]}, "/")
	return []string{dir + "/" + name + ModelExt, dir + "/" + name + ConfigExt}, nil
}
