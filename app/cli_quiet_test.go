package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIPrintsNothingFromTheGUIToolkit runs the built kino program's
// commands under LANG=C.UTF-8 (the locale Fyne's init used to log
// "Fyne error: Error parsing user locale C" for) and checks that nothing
// but the commands' own output reaches the terminal.
func TestCLIPrintsNothingFromTheGUIToolkit(t *testing.T) {
	bin := kinoBinary(t)
	data := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "DISPLAY", "XDG_DATA_HOME", "HOME", "XDG_CONFIG_HOME":
		default:
			env = append(env, kv)
		}
	}
	env = append(env, "LANG=C.UTF-8", "HOME="+data, "XDG_DATA_HOME="+filepath.Join(data, "share"), "XDG_CONFIG_HOME="+filepath.Join(data, "config"))
	film := filepath.Join(data, "Film")
	for _, args := range [][]string{
		{"version"},
		{"new", film, "--title", "Quiet"},
		{"shot", "add", film + ".kino", "a quiet harbour at dawn"},
		{"shot", "list", film + ".kino"},
		{"cameo", "list"},
		{"doctor", film + ".kino"},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("kino %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
		}
		for _, text := range []string{string(out), stderr.String()} {
			if strings.Contains(text, "Fyne") || strings.Contains(text, "locale") {
				t.Errorf("kino %s printed toolkit messages:\n%s", strings.Join(args, " "), text)
			}
		}
	}
}

// TestGenerateProgressInALogIsPlainLines: where stderr is a file or a pipe
// (a log, a farm Worker's output), generation progress is one plain line
// per stage, with no carriage returns or terminal escapes to garble it.
func TestGenerateProgressInALogIsPlainLines(t *testing.T) {
	bin := kinoBinary(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "Film")
	env := append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+filepath.Join(dir, "share"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	for _, args := range [][]string{
		{"new", film},
		{"shot", "add", film + ".kino", "--prompt", "rain on a window", "--duration", "1s"},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("kino %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cmd := exec.Command(bin, "generate", film+".kino", "1")
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("kino generate: %v\n%s%s", err, out, stderr.String())
	}
	log := stderr.String()
	if strings.ContainsAny(log, "\r\x1b") {
		t.Errorf("progress written to a log has cursor control characters: %q", log)
	}
	if !strings.Contains(log, "shot 1: frames\n") {
		t.Errorf("progress written to a log does not say the frames stage on a line of its own: %q", log)
	}
}
