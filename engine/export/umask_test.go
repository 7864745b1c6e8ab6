//go:build unix

package export

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"kino/project"
)

// testUmask is the umask the package's tests run under (set by TestMain
// in no test; read once here).
var testUmask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()

// Exported files and folders get the modes the user's umask gives new
// files (not the private 0600 of temporary files), for every format.
func TestExportsFollowTheUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	tl := testTimeline(64, 36, project.DefaultRate, 12)
	base := t.TempDir()
	for _, f := range []Format{FormatWAV, FormatEDL, FormatPNG, FormatPDF} {
		o := testOpts(t, f, "x")
		o.Out = filepath.Join(base, "made", string(f), "film"+f.Extension())
		res, err := Export(bg, tl, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Files {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			want := os.FileMode(0o640)
			if st.IsDir() {
				want = 0o750
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %v under umask 027", p, st.Mode().Perm(), want)
			}
		}
		if st, _ := os.Stat(filepath.Join(base, "made", string(f))); st == nil || st.Mode().Perm() != 0o750 {
			t.Errorf("folder made for %s: %v", f, st)
		}
	}
}
