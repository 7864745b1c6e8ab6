package app

import (
	"os"
	"path/filepath"
)

// studioAppID is the studio's application ID; Fyne keeps its preferences
// (the recent projects) under it.
const studioAppID = "studio.kino.app"

// dropEmptyPreferences removes the studio's preferences file when it is
// empty (a Kino killed while Fyne rewrote it), which Fyne would report on
// the terminal as "Preferences load error: EOF". An empty file holds
// nothing to lose.
func dropEmptyPreferences() {
	dir, err := os.UserConfigDir()
	if err != nil {
		return
	}
	path := filepath.Join(dir, "fyne", studioAppID, "preferences.json")
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}
