package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
	kwidget "kino/ui/widget"
)

// The toolbar's engine picker offers the model packs installed, choosing
// one is an undoable project edit, and with a pack chosen the inspector
// shows the prompt's token count and the refine strength, which it stores.
func TestStudioEnginePickerModelPackTokensAndStrength(t *testing.T) {
	isolate(t)
	pack := installTestPack(t, "tiny-sd-b1")
	h := newStudioHarness(t, "a red kite over the dunes at noon")
	ctx := context.Background()
	engineOf := func() project.Engine {
		p, err := h.sess.Project.Project(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p.Engine
	}

	picker := h.s.Engine()
	if picker.Selected != "Built-in previz" {
		t.Fatalf("picker shows %q for a new project, want the built-in engine", picker.Selected)
	}
	var packLabel string
	for _, o := range picker.Options {
		if strings.Contains(o, pack) {
			packLabel = o
		}
	}
	if packLabel == "" {
		t.Fatalf("installed pack %s is not offered: %q", pack, picker.Options)
	}
	if h.s.Inspector().ShowsStrength() || h.s.Inspector().Tokens() != "" {
		t.Fatal("previz shows the strength or a token count, which only model packs read")
	}

	picker.SetSelected(packLabel)
	h.settle("choosing the pack", func() bool { return h.s.Inspector().Tokens() != "" })
	if got := engineOf(); got != (project.Engine{Backend: project.BackendONNX, Model: pack}) {
		t.Fatalf("stored engine %+v after choosing %q", got, packLabel)
	}
	if tok := h.s.Inspector().Tokens(); !strings.HasPrefix(tok, "Prompt: ") || !strings.Contains(tok, " of 77 tokens") {
		t.Fatalf("token line %q", tok)
	}
	if !h.s.Inspector().ShowsStrength() {
		t.Fatal("a pack with a VAE encoder does not offer the refine strength")
	}

	// A prompt past the text encoder's limit is flagged as it is typed.
	long := strings.Repeat("fireworks cut the sky over the beach ", 20)
	h.s.Inspector().Prompt().(interface{ SetText(string) }).SetText(long)
	h.settle("counting a long prompt", func() bool {
		return strings.Contains(h.s.Inspector().Tokens(), "does not read the words past token 77")
	})
	h.s.Inspector().Flush()
	h.settle("storing the prompt", func() bool { return h.shots()[0].Prompt == long })

	// The strength is stored on the shot when the slider is let go.
	sl := h.s.Inspector().Strength()
	sl.SetValue(0.35) // as a drag ends: Fyne reports the end of the change
	h.settle("storing the strength", func() bool { return h.shots()[0].Strength == 0.35 })

	// Undo the strength, then the engine choice.
	h.s.Undo()
	h.settle("undoing the strength", func() bool { return h.shots()[0].Strength == 0 })
	for engineOf().Backend != project.BackendPreviz {
		label := h.s.UndoLabel()
		if label == "" || label == "Undo" {
			t.Fatalf("nothing left to undo but the engine is %+v", engineOf())
		}
		h.s.Undo()
		h.settle("undoing", func() bool { return true })
	}
	h.settle("back on previz", func() bool { return h.s.Engine().Selected == "Built-in previz" })
	if h.s.Inspector().ShowsStrength() || h.s.Inspector().Tokens() != "" {
		t.Fatal("back on previz, the inspector still shows model-pack fields")
	}
}

// A previz take is not marked stale because the project moves to a model
// pack or its shot gains a strength: previz reads neither.
func TestStudioPrevizTakeStaysFreshAcrossEngineChoice(t *testing.T) {
	isolate(t)
	pack := installTestPack(t, "tiny-sd-b1")
	h := newStudioHarness(t, "a lighthouse in fog at dawn")
	sh := h.shots()[0]
	h.s.GenerateMissing()
	h.settle("generating", func() bool { return len(h.takes(sh.ID)) == 1 && h.takes(sh.ID)[0].Status == project.TakeDone })
	h.settle("showing the take", func() bool {
		return len(h.s.Timeline().Cards()) == 1 && h.s.Timeline().Cards()[0].State == kwidget.CardReady
	})
	for _, o := range h.s.Engine().Options {
		if strings.Contains(o, pack) {
			h.s.Engine().SetSelected(o)
		}
	}
	h.settle("choosing the pack", func() bool {
		p, _ := h.sess.Project.Project(context.Background())
		return p.Engine.Backend == project.BackendONNX
	})
	if st := h.s.Timeline().Cards()[0].State; st != kwidget.CardReady {
		t.Fatalf("choosing a model pack changed the previz take's card to state %d, want ready", st)
	}
	// A strength (which previz ignores) leaves it fresh too; a prompt
	// change makes it stale, so the check can fail.
	sh = h.shots()[0]
	sh.Strength = 0.5
	h.s.Inspector().Strength().OnChangeEnded(0.5)
	h.settle("storing the strength", func() bool { return h.shots()[0].Strength == 0.5 })
	if st := h.s.Timeline().Cards()[0].State; st != kwidget.CardReady {
		t.Fatalf("a strength changed the previz take's card to state %d, want ready", st)
	}
	h.s.Inspector().Prompt().(interface{ SetText(string) }).SetText("a lighthouse in fog at dusk")
	h.s.Inspector().Flush()
	h.settle("storing the prompt", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardStale })
}

// A model pack copied into the models folder while the studio runs is
// offered without a restart, and one removed is no longer offered.
func TestStudioOffersAPackInstalledWhileRunning(t *testing.T) {
	isolate(t)
	h := newStudioHarness(t, "a tram in the snow")
	if n := len(h.s.Engine().Options); n != 1 {
		t.Fatalf("no pack installed, but the picker offers %q", h.s.Engine().Options)
	}
	pack := installTestPack(t, "tiny-sd-b1")
	offered := func() bool {
		for _, o := range h.s.Engine().Options {
			if strings.Contains(o, pack) {
				return true
			}
		}
		return false
	}
	h.settle("noticing the new pack", offered)
	if err := os.RemoveAll(filepath.Join(ModelsDir(), pack)); err != nil {
		t.Fatal(err)
	}
	h.settle("noticing the pack removed", func() bool { return !offered() })
}

// A project whose engine names a backend without a model (its first
// installed pack, as `kino engine PATH onnx` sets) shows that pack as the
// default, with its token count, rather than as not installed.
func TestStudioEnginePickerShowsTheDefaultPack(t *testing.T) {
	isolate(t)
	pack := installTestPack(t, "tiny-sd-b1")
	h := newStudioHarness(t, "a harbour at night")
	p, err := h.sess.Project.Project(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p.Engine = project.Engine{Backend: project.BackendONNX}
	if _, err := h.sess.Project.Apply(context.Background(), project.UpdateProject{Project: *p}); err != nil {
		t.Fatal(err)
	}
	h.s.Reload()
	h.settle("showing the engine", func() bool { return strings.HasSuffix(h.s.Engine().Selected, "(default)") })
	if sel := h.s.Engine().Selected; !strings.Contains(sel, pack) || strings.Contains(sel, "not installed") {
		t.Fatalf("picker shows %q for the default pack %s", sel, pack)
	}
	h.settle("counting tokens", func() bool { return strings.Contains(h.s.Inspector().Tokens(), " of 77 tokens") })
}
