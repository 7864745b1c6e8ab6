package onnx

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvModels names the environment variable that adds models folders (a
// list separated like PATH) in front of the default one.
const EnvModels = "KINO_MODELS"

// ModelDirs returns the folders Kino looks for model packs in: those in
// $KINO_MODELS, then the per-user default (see DefaultModelDir).
func ModelDirs() []string {
	var dirs []string
	for _, d := range filepath.SplitList(os.Getenv(EnvModels)) {
		if d = strings.TrimSpace(d); d != "" {
			dirs = append(dirs, d)
		}
	}
	if d := DefaultModelDir(); d != "" {
		dirs = append(dirs, d)
	}
	return dirs
}

// DefaultModelDir returns the per-user models folder:
// $XDG_DATA_HOME/kino/models (~/.local/share/kino/models) on Linux and
// other Unix systems, ~/Library/Application Support/Kino/models on macOS,
// %LOCALAPPDATA%\Kino\models on Windows. It returns "" when the home
// folder is unknown.
func DefaultModelDir() string {
	return defaultModelDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func defaultModelDir(goos string, getenv func(string) string, home func() (string, error)) string {
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Kino", "models")
		}
	case "darwin", "ios":
		if h, err := home(); err == nil {
			return filepath.Join(h, "Library", "Application Support", "Kino", "models")
		}
		return ""
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "kino", "models")
		}
	}
	h, err := home()
	if err != nil || h == "" {
		return ""
	}
	if goos == "windows" {
		return filepath.Join(h, "AppData", "Local", "Kino", "models")
	}
	return filepath.Join(h, ".local", "share", "kino", "models")
}
