package sqlite

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Child processes: the test binary runs itself with KINO_SQLITE_CHILD set
// to play another Kino: "edit" applies edits until it is killed, "hold"
// keeps a project open, "library" adds cameos to a shared library.
const (
	childEnv = "KINO_SQLITE_CHILD"
	pathEnv  = "KINO_SQLITE_PATH"
	seedEnv  = "KINO_SQLITE_SEED"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		code := m.Run()
		removeBenchTemplate()
		os.Exit(code)
	case "edit":
		seed, _ := strconv.ParseUint(os.Getenv(seedEnv), 10, 64)
		os.Exit(childEdit(os.Getenv(pathEnv), seed))
	case "hold":
		os.Exit(childHold(os.Getenv(pathEnv)))
	case "library":
		os.Exit(childLibrary(os.Getenv(pathEnv), os.Getenv(seedEnv)))
	default:
		fmt.Fprintf(os.Stderr, "unknown %s=%q\n", childEnv, os.Getenv(childEnv))
		os.Exit(2)
	}
}

// say writes one line to stdout in a single write, so a killed child never
// leaves half a line behind.
func say(format string, args ...any) {
	os.Stdout.WriteString(fmt.Sprintf(format, args...) + "\n")
}

// child starts the test binary as a child process.
func child(t *testing.T, mode, path, seed string) (*exec.Cmd, <-chan string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("finding the test binary: %v", err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, pathEnv+"="+path, seedEnv+"="+seed)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting child: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill() }) // in case a test failed half-way
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		r := bufio.NewReader(out)
		for {
			line, err := r.ReadString('\n')
			if err != nil { // a line without its newline was never finished
				if err != io.EOF {
					lines <- "err reading child output: " + err.Error()
				}
				return
			}
			lines <- strings.TrimSuffix(line, "\n")
		}
	}()
	return cmd, lines
}
