package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"kino/engine/farm"
	"kino/engine/files"
	"kino/project"
	"kino/project/cameofile"
)

// farmsFile lists the shared folders of the farms this person's projects
// render on, so a revocation reaches every farm's workers at once.
func farmsFile() string { return filepath.Join(DataDir(), "farms.json") }

// knownFarms returns the registered shared folders.
func knownFarms() []string {
	data, err := files.ReadFile(farmsFile(), files.ManifestLimit)
	if err != nil {
		return nil
	}
	var dirs []string
	json.Unmarshal(data, &dirs)
	return dirs
}

// registerFarm remembers a farm's shared folder.
func registerFarm(shared string) error {
	dirs := knownFarms()
	if slices.Contains(dirs, shared) {
		return nil
	}
	data, err := json.MarshalIndent(append(dirs, shared), "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(DataDir(), 0o755); err != nil {
		return err
	}
	return writeNewFile(farmsFile(), data, true)
}

// shareRevocations writes every signed revocation in records into the
// shared folder's farm/revocations, where `kino render` on each worker
// reads them. Files are named by cameo and sequence number, so writing
// one twice changes nothing.
func shareRevocations(shared string, records []project.ConsentRecord) error {
	dir := filepath.Join(shared, farm.FarmDir, farm.RevocationsDir)
	for _, r := range records {
		if !r.Consent.Revoked || len(r.Consent.Signature) == 0 {
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("sharing revocations with the farm: %w", err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%s-%d.revocation", safeName(r.CameoID), r.Consent.Seq))
		if _, err := os.Stat(name); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		var buf bytes.Buffer
		if err := cameofile.WriteRevocation(&buf, r); err != nil {
			return err
		}
		if err := writeNewFile(name, buf.Bytes(), false); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("sharing the revocation of %s with the farm: %w", r.Handle, err)
		}
	}
	return nil
}

// shareLibraryRevocations shares the library's revocations with every
// known farm. Failures are reported, not fatal: the library keeps them.
func shareLibraryRevocations(ctx context.Context, warn func(error)) {
	dirs := knownFarms()
	if len(dirs) == 0 {
		return
	}
	lib, err := openLibrary()
	if err != nil {
		warn(err)
		return
	}
	defer lib.Close()
	facts, err := lib.ConsentFacts(ctx)
	if err != nil {
		warn(err)
		return
	}
	for _, d := range dirs {
		if err := shareRevocations(d, facts.Records); err != nil {
			warn(err)
		}
	}
}

// safeName keeps letters, digits, '-' and '_' of s for a file name.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}
