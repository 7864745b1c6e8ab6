package export

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kino/project"
)

func pdfTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

func TestExportStoryboardPDF(t *testing.T) {
	lengths := make([]int, 8)
	for i := range lengths {
		lengths[i] = 24 + i
	}
	tl := testTimeline(320, 180, project.DefaultRate, lengths...)
	tl.Title = "Strand ü 花火"
	tl.Shots[0].Shot.Prompt = "Champagner für Zoë (at dusk) \\ fireworks — 東京"
	tl.Shots[1].Shot.Prompt = "夜の海辺で花火が空を切り裂く"
	tl.Shots[2].Shot.Prompt = "Кот спит · مرحبا · emoji 🎆 end"
	ann := cameo("@ann", "Ann Example")
	cast(tl, 0, ann, "hero")
	tl.Shots[0].Shot.Dialogue = []project.DialogueLine{{Speaker: "@ann", Text: "Cheers to us!", Start: project.Frames(3, tl.Rate)}}
	tl.Shots[6].Clip, tl.Shots[6].Take = nil, nil // not generated: a placeholder panel
	tl.Shots[7].Shot.Prompt = strings.Repeat("a very long prompt about the sea ", 80) + "ENDMARK"
	o := testOpts(t, FormatPDF, "board.pdf")
	res := mustExport(t, tl, o)
	checkSidecar(t, o.Out)

	info := pdfTool(t, "pdfinfo", o.Out)
	if !regexp.MustCompile(`(?m)^Pages:\s+2$`).MatchString(info) {
		t.Fatalf("pdfinfo:\n%s\nwant 2 pages for 8 shots", info)
	}
	if !strings.Contains(info, "Strand ü 花火 (storyboard)") || !strings.Contains(info, "AI-generated with Kino") {
		t.Fatalf("pdfinfo title/subject:\n%s", info)
	}
	pages := []string{pdfTool(t, "pdftotext", "-f", "1", "-l", "1", "-layout", o.Out, "-"), pdfTool(t, "pdftotext", "-f", "2", "-l", "2", "-layout", o.Out, "-")}
	for i, s := range tl.Shots {
		page := pages[i/PanelsPerPage]
		head := regexp.MustCompile(`Shot ` + strconv.Itoa(s.Shot.Number()) + ` · `)
		if !head.MatchString(page) {
			t.Errorf("page %d has no panel for shot %d:\n%s", i/PanelsPerPage+1, s.Shot.Number(), page)
		}
	}
	all := strings.Join(pages, "\n")
	// German, CJK and Cyrillic come back as written (the fonts embed
	// them); an emoji neither font has prints as a box, never as "?".
	for _, want := range []string{"Strand ü 花火", "Champagner für Zoë (at dusk) \\ fireworks — 東京", "夜の海辺で花火が空を切り裂く", "Кот спит", "@ann (hero)", "“Cheers to us!”", "Not generated yet", "not generated", "wide · dolly-in", "AI-generated · Kino", "page 2 of 2"} {
		if !strings.Contains(all, want) {
			t.Errorf("storyboard text lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "ENDMARK") || !strings.Contains(pages[1], "…") {
		t.Errorf("the long prompt was not cut with an ellipsis")
	}
	if n := strings.Count(all, "Shot "); n != 8 {
		t.Errorf("%d panels, want 8", n)
	}
	if strings.Contains(all, "?") {
		t.Errorf("the storyboard prints \"?\" for some text:\n%s", all)
	}
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "empty boxes") {
		t.Errorf("notes %q do not mention the emoji printed as a box", res.Notes)
	}
	fonts := pdfTool(t, "pdffonts", o.Out)
	if !strings.Contains(fonts, "DejaVuSans") || !strings.Contains(fonts, "DroidSansFallbackFull") || !strings.Contains(fonts, "CID TrueType") {
		t.Errorf("pdffonts:\n%s\nwant embedded DejaVu Sans and Droid Sans Fallback subsets", fonts)
	}
	for _, l := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(l); len(f) > 5 && (f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes") {
			t.Errorf("font not embedded as a subset with Unicode: %q", l)
		}
	}
	// Every page renders without complaint.
	pdfTool(t, "pdftoppm", "-r", "20", "-png", o.Out, t.TempDir()+"/page")
}
