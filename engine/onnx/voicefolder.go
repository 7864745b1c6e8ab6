package onnx

import (
	"os"
	"path/filepath"
	"strings"
)

// isVoiceFolder reports whether dir holds a Piper voice (NAME.onnx.json
// beside NAME.onnx, see engine/speech/piper) rather than a model pack: the
// models folder holds both, and a voice folder is not a broken pack.
func isVoiceFolder(dir string) bool {
	if isRegularFile(filepath.Join(dir, FileModelIndex)) || isRegularFile(filepath.Join(dir, FileTextEncoder)) {
		return false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".onnx.json") {
			return true
		}
	}
	return false
}
