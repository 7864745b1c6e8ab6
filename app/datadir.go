package app

import (
	"os"
	"path/filepath"
	"runtime"
)

// DataDir returns Kino's per-user data directory, which holds the cameo
// library and model packs: $XDG_DATA_HOME/kino, or ~/.local/share/kino on
// Linux, ~/Library/Application Support/Kino on macOS and %LOCALAPPDATA%\Kino
// on Windows.
func DataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "kino")
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Kino")
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Kino")
		}
		return filepath.Join(home, "AppData", "Local", "Kino")
	}
	return filepath.Join(home, ".local", "share", "kino")
}

// LibraryDir is where the cameo library lives.
func LibraryDir() string { return filepath.Join(DataDir(), "library") }

// ModelsDir is where model packs live: $KINO_MODELS, or DataDir()/models.
func ModelsDir() string {
	if d := os.Getenv("KINO_MODELS"); d != "" {
		return d
	}
	return filepath.Join(DataDir(), "models")
}
