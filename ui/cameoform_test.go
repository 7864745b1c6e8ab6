package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/project"
)

// testNow is the clock of the form tests: consent is judged at it.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func TestSuggestHandle(t *testing.T) {
	cases := map[string]string{"Mara Lind": "@mara", "  Jürgen K": "@jrgen", "": "", "Ünal": "@nal", "o'Neil": "@oneil"}
	for name, want := range cases {
		if got := suggestHandle(name); got != want {
			t.Errorf("suggestHandle(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCameoFormDraft(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := newCameoForm(w, "p1", func() time.Time { return testNow })
	if _, err := f.draft(); err == nil {
		t.Fatal("an empty form made a draft")
	}
	test.Type(f.name, "Mara Lind")
	if f.handle.Text != "" || !strings.HasPrefix(f.handle.PlaceHolder, "@mara ") {
		t.Fatalf("handle %q with placeholder %q, want empty with @mara suggested", f.handle.Text, f.handle.PlaceHolder)
	}
	f.appearance.SetText("red coat")
	f.uses.SetSelected(usesThisProject)
	f.expires.SetText("2027-06-30")
	f.language.SetText("de")
	if _, err := f.draft(); err == nil || !strings.Contains(err.Error(), "reference image") {
		t.Fatalf("draft without an image: %v, want a request for a reference image", err)
	}
	f.setImage("/tmp/mara.png")
	d, err := f.draft()
	if err != nil {
		t.Fatal(err)
	}
	c := d.Cameo
	if c.Handle != "@mara" || c.Name != "Mara Lind" || c.Consent.Owner != "Mara Lind" ||
		c.Consent.Scope != project.ConsentThisProject || c.Consent.ProjectID != "p1" ||
		c.Consent.Expires.Format("2006-01-02") != "2027-06-30" || c.Voice.Language != "de" || d.ImagePath != "/tmp/mara.png" {
		t.Fatalf("draft %+v", d)
	}
	f.expires.SetText("next year")
	if _, err := f.draft(); err == nil || !strings.Contains(err.Error(), "expiry date") {
		t.Fatalf("bad expiry: %v", err)
	}
	f.expires.SetText("")
	f.handle.SetText("@Mara Lind")
	if _, err := f.draft(); err == nil {
		t.Fatal("a handle with a space was accepted")
	}
	// A failed save keeps the form open and shows why.
	f.handle.SetText("@mara")
	var saved []CameoDraft
	f.onSave = func(d CameoDraft, done func(error)) {
		saved = append(saved, d)
		done(project.Errorf(project.ECONFLICT, "@mara is already in your library"))
	}
	f.show()
	test.Tap(f.save)
	if len(saved) != 1 || !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, "already") || f.save.Disabled() {
		t.Fatalf("after a failed save: saved %d, error %q visible %v", len(saved), f.errLabel.Text, f.errLabel.Visible())
	}
}

// TestCameoFormHandleIsNotFilledBehindYourBack: typing "@sam" after the
// name "Sam" gives "@sam", not "@sam@sam".
func TestCameoFormHandleIsNotFilledBehindYourBack(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := newCameoForm(w, "p1", func() time.Time { return testNow })
	test.Type(f.name, "Sam")
	test.Type(f.handle, "@sam")
	f.setImage("/tmp/sam.png")
	d, err := f.draft()
	if err != nil || d.Cameo.Handle != "@sam" || f.handle.Text != "@sam" {
		t.Fatalf("handle field %q, draft %q (%v)", f.handle.Text, d.Cameo.Handle, err)
	}
}

// TestCameoFormErrorGoesWhenFixed: an error about the image path goes
// once the path is changed.
func TestCameoFormErrorGoesWhenFixed(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := newCameoForm(w, "p1", func() time.Time { return testNow })
	test.Type(f.name, "Sam")
	f.setImage("/tmp/no-such.png")
	f.onSave = func(d CameoDraft, done func(error)) {
		done(project.Errorf(project.EINVALID, "reading the reference image: open /tmp/no-such.png: no such file"))
	}
	f.show()
	test.Tap(f.save)
	if !f.errLabel.Visible() {
		t.Fatal("the failed save shows no error")
	}
	f.image.SetText("/tmp/sam.png")
	if f.errLabel.Visible() {
		t.Fatalf("the error %q stays after the path was fixed", f.errLabel.Text)
	}
}

// TestCameoFormFitsLaptopWindows: at 1280x800 and 1366x768 the whole
// form shows without scrolling (the wheel over its fields cannot scroll
// it), "This is me" included.
func TestCameoFormFitsLaptopWindows(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1366, Height: 768}} {
		test.NewTempApp(t)
		w := test.NewTempWindow(t, nil)
		w.Resize(size)
		f := newCameoForm(w, "p1", func() time.Time { return testNow })
		f.show()
		if got, need := f.scroll.Size().Height, f.formBox.MinSize().Height; got < need {
			t.Errorf("at %v the form shows %.0f of its %.0f pixels: the last rows need scrolling", size, got, need)
		}
	}
}
