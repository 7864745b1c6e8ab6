package app

import (
	"strings"
	"testing"
)

// The inspector shows a shot's steps and guidance only for a neural
// engine; typed values are stored on the shot as one undoable edit each,
// and bad values are refused with a message.
func TestStudioStepsAndGuidanceFields(t *testing.T) {
	isolate(t)
	pack := installTestPack(t, "tiny-sd-b1")
	h := newStudioHarness(t, "a red kite over the dunes at noon")
	in := h.s.Inspector()
	if in.ShowsSampling() {
		t.Fatal("previz shows steps and guidance, which only neural engines read")
	}
	for _, o := range h.s.Engine().Options {
		if strings.Contains(o, pack) {
			h.s.Engine().SetSelected(o)
		}
	}
	h.settle("choosing the pack", func() bool { return in.ShowsSampling() })
	if hint := in.SamplingHint(); !strings.Contains(hint, "25 steps at guidance 7.5") {
		t.Errorf("sampling hint %q does not give the pack's defaults", hint)
	}
	set := func(f any, text string) {
		f.(interface{ SetText(string) }).SetText(text)
		in.Flush()
	}
	set(in.Steps(), "8")
	h.settle("storing the steps", func() bool { return h.shots()[0].Steps == 8 })
	set(in.Guidance(), "4.5")
	h.settle("storing the guidance", func() bool { return h.shots()[0].Guidance == 4.5 })
	set(in.Steps(), "many")
	h.settle("refusing bad steps", func() bool { return in.Steps().Value() == "8" })
	if s := h.shots()[0]; s.Steps != 8 {
		t.Fatalf("bad steps stored: %d", s.Steps)
	}
	set(in.Guidance(), "1e308")
	h.settle("refusing bad guidance", func() bool { return in.Guidance().Value() == "4.5" })
	h.s.Undo()
	h.settle("undoing the guidance", func() bool { return h.shots()[0].Guidance == 0 && in.Guidance().Value() == "" })
	h.s.Undo()
	h.settle("undoing the steps", func() bool { return h.shots()[0].Steps == 0 && in.Steps().Value() == "" })
}
