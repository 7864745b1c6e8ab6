package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"kino/project"
)

func TestExportRefusesRevokedOrExpiredConsent(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			tl := testTimeline(64, 36, project.DefaultRate, 12, 12, 12)
			ann, bob, cy := cameo("@ann", "Ann"), cameo("@bob", "Bob"), cameo("@cy", "Cy")
			ann.Consent.Revoked, ann.Consent.RevokedAt = true, fixedNow.Add(-1)
			bob.Consent.Expires = fixedNow.AddDate(0, 0, -1)
			cast(tl, 0, cy, "")
			cast(tl, 1, ann, "hero")
			cast(tl, 2, bob, "")
			o := testOpts(t, f, "out."+string(f))
			_, err := Export(bg, tl, o, nil)
			if project.ErrorCode(err) != project.ECONSENT {
				t.Fatalf("error %v, want a consent error", err)
			}
			msg := err.Error()
			for _, want := range []string{"2 shots are withheld", "shot 2 (take 501) is withheld: @ann", "revoked", "shot 3 (take 502) is withheld: @bob", "expired", "--skip-withheld"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
			if strings.Contains(msg, "@cy") {
				t.Errorf("error %q blames @cy, whose consent is fine", msg)
			}
			if ents, _ := os.ReadDir(filepath.Dir(o.Out)); len(ents) != 0 {
				t.Errorf("a refused export wrote %d files", len(ents))
			}
		})
	}
}

func TestExportRefusesConsentForAnotherProjectAndMissingRecords(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 12, 12)
	ann := cameo("@ann", "Ann")
	ann.Consent.Scope, ann.Consent.ProjectID = project.ConsentThisProject, "other-project"
	cast(tl, 0, ann, "")
	// A take depicting a cameo with no consent record at all.
	ghost := project.TakeCameo{CameoID: "x", Handle: "@ghost"}
	tl.Shots[1].Take.Cameos = []project.TakeCameo{ghost}
	tl.Shots[1].Consent = []project.ConsentVerdict{project.JudgeConsent(nil, ghost.CameoID, ghost.Handle, tl.ProjectID, fixedNow)}
	_, err := Export(bg, tl, testOpts(t, FormatWAV, "a.wav"), nil)
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "another project") || !strings.Contains(err.Error(), "no consent record for @ghost") {
		t.Fatalf("error %v", err)
	}
}

// TestExportSkipWithheldExportsLabelledPlaceholders: with SkipWithheld a
// withheld shot becomes a slate saying why, with silence, and provenance
// lists no cameo for it.
func TestExportSkipWithheldExportsLabelledPlaceholders(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 12, 12)
	sam := cameo("@sam", "Sam")
	sam.Consent.Revoked, sam.Consent.RevokedAt = true, fixedNow.Add(-1)
	cast(tl, 1, sam, "")
	o := testOpts(t, FormatWAV, "a.wav")
	o.SkipWithheld = true
	mustExport(t, tl, o)
	prov := checkSidecar(t, o.Out)
	if !prov.Shots[1].Placeholder || len(prov.Shots[1].Cameos) != 0 || prov.Shots[1].TakeID != 0 {
		t.Fatalf("withheld shot's provenance %+v", prov.Shots[1])
	}
}

func TestExportAllowsConsentForThisProject(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 12)
	ann := cameo("@ann", "Ann")
	ann.Consent.Scope, ann.Consent.ProjectID = project.ConsentThisProject, tl.ProjectID
	ann.Consent.Expires = fixedNow.AddDate(1, 0, 0)
	cast(tl, 0, ann, "")
	o := testOpts(t, FormatWAV, "a.wav")
	mustExport(t, tl, o)
	prov := checkSidecar(t, o.Out)
	c := prov.Shots[0].Cameos
	if len(c) != 1 || c[0].ConsentScope != project.ConsentThisProject || c[0].Expires == nil || !c[0].Expires.Equal(ann.Consent.Expires) {
		t.Fatalf("cameo provenance %+v", c)
	}
}

func TestExportNamesShotWithoutClip(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 12, 12, 12)
	tl.Shots[1].Clip = nil
	o := testOpts(t, FormatAVI, "film.avi")
	_, err := Export(bg, tl, o, nil)
	if err == nil || !strings.Contains(err.Error(), "shot 2 has no take and no placeholder") {
		t.Fatalf("error %v, want one naming shot 2", err)
	}
	o.Placeholders = true
	res := mustExport(t, tl, o)
	checkVideo(t, o.Out, tl, "mjpeg", "pcm_s16le", 64, 36)
	prov := checkSidecar(t, o.Out)
	if !prov.Shots[1].Placeholder || prov.Shots[1].Backend != PlaceholderBackend || res.Frames != 36 {
		t.Fatalf("shot 2 provenance %+v", prov.Shots[1])
	}
}

func TestExportDoesNotOverwriteWithoutForce(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 12)
	o := testOpts(t, FormatAVI, "film.avi")
	if err := os.WriteFile(o.Out, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Export(bg, tl, o, nil)
	if project.ErrorCode(err) != project.ECONFLICT || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("error %v, want a conflict", err)
	}
	if b, _ := os.ReadFile(o.Out); string(b) != "precious" {
		t.Fatal("the existing file was changed")
	}
	o.Force = true
	mustExport(t, tl, o)
	checkVideo(t, o.Out, tl, "mjpeg", "pcm_s16le", 64, 36)
}

func TestExportRefusesToReplaceFolderItDidNotWrite(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 3)
	o := testOpts(t, FormatPNG, "frames")
	os.Mkdir(o.Out, 0o755)
	os.WriteFile(filepath.Join(o.Out, "holiday.jpg"), []byte("x"), 0o644)
	o.Force = true
	if _, err := Export(bg, tl, o, nil); err == nil || !strings.Contains(err.Error(), "not a Kino frame export") {
		t.Fatalf("error %v", err)
	}
	if _, err := os.Stat(filepath.Join(o.Out, "holiday.jpg")); err != nil {
		t.Fatal("the person's file is gone")
	}
	if l := leftovers(t, filepath.Dir(o.Out)); len(l) > 0 {
		t.Fatalf("temporary files left: %v", l)
	}
}

func TestExportCancelLeavesNothing(t *testing.T) {
	for _, f := range []Format{FormatMP4, FormatAVI, FormatPNG, FormatStems, FormatOTIO} {
		t.Run(string(f), func(t *testing.T) {
			tl := testTimeline(320, 180, project.DefaultRate, 48, 48, 48, 48)
			o := testOpts(t, f, "film."+string(f))
			ctx, cancel := context.WithCancel(bg)
			defer cancel()
			var once sync.Once
			_, err := Export(ctx, tl, o, func(p Progress) {
				if p.Fraction > 0.2 {
					once.Do(cancel)
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("error %v, want cancelled", err)
			}
			if ents, _ := os.ReadDir(filepath.Dir(o.Out)); len(ents) != 0 {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Fatalf("a cancelled export left %v", names)
			}
		})
	}
}

func TestExportReportsFFmpegFailingMidway(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "ffmpeg")
	// Reads a little of the frames, complains and dies, like an encoder
	// that hits a problem mid-way.
	script := "#!/bin/sh\nhead -c 100000 >/dev/null\necho 'frame=3 fps=0.0 q=0.0 size=0kB' >&2\necho '[libx264] encoder exploded: out of cheese' >&2\nexit 1\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tl := testTimeline(320, 180, project.DefaultRate, 48)
	o := testOpts(t, FormatMP4, "film.mp4")
	o.FFmpeg = fake
	_, err := Export(bg, tl, o, nil)
	if err == nil || !strings.Contains(err.Error(), "ffmpeg failed") || !strings.Contains(err.Error(), "encoder exploded: out of cheese") {
		t.Fatalf("error %v, want ffmpeg's own message", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(o.Out)); len(ents) != 0 {
		t.Fatalf("a failed export left %d files", len(ents))
	}
}

func TestExportNamesMissingOrUnwritableFolder(t *testing.T) {
	tl := testTimeline(64, 36, project.DefaultRate, 12)
	o := testOpts(t, FormatWAV, "a.wav")
	// A missing folder is made, for every format alike; a cancelled
	// export takes the folders it made away again.
	base := t.TempDir()
	o.Out = filepath.Join(base, "nowhere", "deeper", "a.wav")
	ctx, cancel := context.WithCancel(bg)
	cancel()
	if _, err := Export(ctx, tl, o, nil); err == nil {
		t.Fatal("a cancelled export succeeded")
	}
	if _, err := os.Stat(filepath.Join(base, "nowhere")); !os.IsNotExist(err) {
		t.Fatalf("a cancelled export left the folder it made: %v", err)
	}
	for _, f := range []Format{FormatWAV, FormatOTIO, FormatPNG} {
		o.Format = f
		o.Out = filepath.Join(base, "new-"+string(f), "deeper", "a"+f.Extension())
		if _, err := Export(bg, tl, o, nil); err != nil {
			t.Fatalf("%s into a missing folder: %v", f, err)
		}
	}
	o.Format = FormatWAV
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, nil, 0o644)
	o.Out = filepath.Join(file, "a.wav")
	if _, err := Export(bg, tl, o, nil); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Fatalf("error %v", err)
	}
	// The words for causes a person can act on, whoever runs the test
	// (root ignores folder permissions, so these are checked directly).
	for errno, want := range map[syscall.Errno]string{syscall.ENOSPC: "the disk is full", syscall.EACCES: "the folder cannot be written to", syscall.EROFS: "the folder cannot be written to"} {
		err := writeError(&os.PathError{Op: "write", Path: "x", Err: errno}, "writing film.mp4")
		if !strings.Contains(err.Error(), "writing film.mp4: "+want) || !errors.Is(err, errno) {
			t.Errorf("%v: %v, want %q", errno, err, want)
		}
	}
}

func TestWriteErrorOnFullDisk(t *testing.T) {
	// /dev/full fails every write with ENOSPC, like a full disk.
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("opening /dev/full: %v", err)
	}
	defer f.Close()
	tf := &tempFile{File: f, final: "/films/film.avi"}
	_, err = tf.Write([]byte("frame"))
	if err == nil || !strings.Contains(err.Error(), "writing /films/film.avi: the disk is full") {
		t.Fatalf("error %v", err)
	}
}

func TestExportProgressRisesToOne(t *testing.T) {
	tl := testTimeline(160, 90, project.DefaultRate, 24, 24)
	o := testOpts(t, FormatAVI, "film.avi")
	var mu sync.Mutex
	var got []Progress
	_, err := Export(bg, tl, o, func(p Progress) {
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 || got[len(got)-1].Fraction != 1 || got[len(got)-1].Stage != "done" {
		t.Fatalf("progress %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Fraction < got[i-1].Fraction || got[i].Elapsed < got[i-1].Elapsed {
			t.Fatalf("progress went back: %+v then %+v", got[i-1], got[i])
		}
	}
}

func TestParseOptions(t *testing.T) {
	if f, err := ParseFormat(" MP4 "); err != nil || f != FormatMP4 {
		t.Fatalf("%v %v", f, err)
	}
	if _, err := ParseFormat("mov"); err == nil {
		t.Fatal("mov accepted")
	}
	for in, want := range map[Resolution][2]int{"": {1280, 720}, "project": {1280, 720}, "360p": {640, 360}, "1080P": {1920, 1080}} {
		w, h, err := in.size(1280, 720)
		if err != nil || w != want[0] || h != want[1] {
			t.Errorf("%q: %dx%d %v, want %v", in, w, h, err, want)
		}
	}
	// 4:3 at 720p keeps its aspect with an even width.
	if w, h, _ := Resolution720p.size(1440, 1080); w != 960 || h != 720 {
		t.Errorf("4:3 720p is %dx%d", w, h)
	}
	if _, _, err := Resolution("720").size(1280, 720); err == nil {
		t.Error("720 without p accepted")
	}
	if q, err := ParseQuality(""); err != nil || q != QualityStandard {
		t.Fatalf("%v %v", q, err)
	}
}
