package sqlite

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"kino/project"
)

// held keeps the project childHold opened reachable, so no finalizer
// closes its lock file.
var held *Project

// childHold opens the project, says so, and waits to be killed.
func childHold(path string) int {
	var err error
	held, err = Open(path, Options{})
	if err != nil {
		say("err open: %v", err)
		return 3
	}
	say("ready %d", os.Getpid())
	for {
		time.Sleep(time.Hour)
	}
}

// childLibrary adds 30 cameos named with prefix to the library in dir.
func childLibrary(dir, prefix string) int {
	l, err := OpenLibrary(dir, testKey)
	if err != nil {
		say("err open: %v", err)
		return 3
	}
	defer l.Close()
	for i := range 30 {
		c := newCameoFor(l, fmt.Sprintf("@%s%d", prefix, i))
		if c == nil {
			return 3
		}
		if err := l.CreateCameo(bg, c); err != nil {
			say("err create: %v", err)
			return 3
		}
	}
	say("done")
	return 0
}

// newCameoFor is testCameo without a testing.TB, for child processes.
func newCameoFor(l *Library, handle string) *project.Cameo {
	img, err := l.PutBlob(bg, strings.NewReader("face of "+handle), "image/png")
	if err != nil {
		say("err blob: %v", err)
		return nil
	}
	return &project.Cameo{Handle: handle, Name: "Person " + handle, Images: []project.Asset{img},
		Voice: project.DefaultVoice, Consent: project.Consent{Owner: "Ana", Scope: project.ConsentAnyProject}}
}

func TestKilledHolderDoesNotBlockOpen(t *testing.T) {
	p := MustOpenDB(t)
	path := p.Path()
	p.Close()
	cmd, lines := child(t, "hold", path, "0")
	line := <-lines
	f := strings.Fields(line)
	if len(f) != 2 || f[0] != "ready" {
		cmd.Process.Kill()
		t.Fatalf("child said %q", line)
	}
	_, err := Open(path, Options{})
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "Film.kino is open in another Kino (pid "+f[1]+")")
	v, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only view while another Kino holds the project: %v", err)
	}
	v.Close()
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	q, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open after the holder was killed: %v", err)
	}
	q.Close()
}

func TestLibrarySharedByTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	l := mustOpenLibrary(t, dir)
	cmd, lines := child(t, "library", dir, "child")
	for i := range 30 {
		c := newLibraryCameo(t, l, fmt.Sprintf("@parent%d", i))
		if err := l.CreateCameo(bg, c); err != nil {
			t.Fatal(err)
		}
	}
	var last string
	for line := range lines {
		last = line
	}
	if err := cmd.Wait(); err != nil || last != "done" {
		t.Fatalf("child: %v, last line %q", err, last)
	}
	all, err := l.Cameos(bg)
	if err != nil || len(all) != 60 {
		t.Fatalf("library has %d cameos, %v; want 60", len(all), err)
	}
}
