package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// goldenExports are, per export, the SHA-256 of the list of files the
// pure-Go formats write for handoffTimeline at fixedNow ("name sha256"
// lines, sorted), the export folder written as "$DIR" in their bytes.
// They pin the bytes: a change to a writer that changes its output shows
// here, where it must be meant. The PDFs are made twice: with the
// standard fonts (no font files found) and with the TrueType fonts, whose
// bytes depend on the font files (see goldenFonts).
var goldenExports = map[string]string{
	"avi":                "f6b849584fd1d5630680667a1581ce509b5958259c6551048f76d613bd7e36f0",
	"handoff":            "a18ad97b7051e00e4db24bc549a8631bf5f2c200e97200178b608b81aae45fd6",
	"pdf":                "ae90c69ccb1234092037675de8d83accaee48966f72b537991264139165212d2",
	"pdf-standard-fonts": "4540da681b09d795832fb7519848a5682308bf38410faa30e9b0aeba14ae8040",
	"png":                "d04a8d37976025b480aa18f699dae7b972f8de8b7e33bdf4d84a586b10330339",
	"stems":              "9e0f4356ffb48456a9beb02fb707ab91196d521fe7de2c6b96dfbcec826cf00e",
	"wav":                "7087196675acdef322d0a4aa4572a58d92d8513df378e3ebeae856f98047f4fe",
}

// goldenFonts are the SHA-256 of the storyboard's font files that the
// TrueType PDF's golden hashes were made with (fonts-dejavu-core 2.37,
// fonts-droid-fallback).
var goldenFonts = map[string]string{
	"dejavu/DejaVuSans.ttf":           "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322",
	"dejavu/DejaVuSans-Bold.ttf":      "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96",
	"droid/DroidSansFallbackFull.ttf": "acb6440a713d880a13a21b468ba7cd43f5a2b2934972e51be791c880730777b8",
}

// goldenFontFiles are the font files the storyboard embeds.
var goldenFontFiles = []string{"dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "droid/DroidSansFallbackFull.ttf"}

// fontFingerprint returns the SHA-256 of each storyboard font file found
// under dirs, by name.
func fontFingerprint(t *testing.T, dirs []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, rel := range goldenFontFiles {
		for _, d := range dirs {
			data, err := os.ReadFile(filepath.Join(d, rel))
			if err != nil {
				continue
			}
			sum := sha256.Sum256(data)
			out[rel] = hex.EncodeToString(sum[:])
			break
		}
	}
	return out
}

// sidecarHash is the file hash and size in a provenance sidecar.
var sidecarHash = regexp.MustCompile(`"sha256": "[0-9a-f]{64}",(\s*)"size": \d+`)

// hashExport hashes every file res lists (and those in its folders), by
// its name in the export folder, with the folder's path written as "$DIR"
// in the bytes. It returns the files' hashes as "name sha256" lines,
// sorted, and the hash of those lines.
func hashExport(t *testing.T, label string, res Result) (list, sum string) {
	t.Helper()
	dir := filepath.Dir(res.Main)
	var files []string
	for _, f := range res.Files {
		err := filepath.WalkDir(f, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
	}
	// A file that names the folder has a sidecar hashing its bytes as
	// written: that hash and size are written as "$HASH" and 0.
	named := map[string]bool{}
	var lines []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		for _, d := range []string{dir, (&url.URL{Path: dir}).EscapedPath()} {
			if bytes.Contains(data, []byte(d)) {
				named[f] = true
				data = bytes.ReplaceAll(data, []byte(d), []byte("$DIR"))
			}
		}
		if named[strings.TrimSuffix(f, ".provenance.json")] {
			data = sidecarHash.ReplaceAll(data, []byte(`"sha256": "$$HASH",${1}"size": 0`))
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		lines = append(lines, filepath.ToSlash(rel)+" "+hex.EncodeToString(h[:]))
	}
	sort.Strings(lines)
	list = strings.Join(lines, "\n") + "\n"
	h := sha256.Sum256([]byte(list))
	return list, hex.EncodeToString(h[:])
}

// The pure-Go formats write the same bytes for the same film: an AVI, the
// WAV mix, the stems, a PNG sequence, the editor hand-off (OTIO, EDL,
// FCPXML with AVI media and WAV stems) and the storyboard PDF, with the
// TrueType fonts and with the standard ones.
func TestExportBytesAreStable(t *testing.T) {
	got, lists := map[string]string{}, map[string]string{}
	run := func(label string, f Format, name string, edit func(*Options)) {
		o := testOpts(t, f, name)
		o.PureGo = true
		o.Workers = 3
		if edit != nil {
			edit(&o)
		}
		lists[label], got[label] = hashExport(t, label, mustExport(t, handoffTimeline(), o))
	}
	run("avi", FormatAVI, "film.avi", nil)
	run("wav", FormatWAV, "film.wav", nil)
	run("stems", FormatStems, "film.wav", nil)
	run("png", FormatPNG, "frames", func(o *Options) { o.Shot = 3 })
	run("handoff", FormatOTIO, "Strand ü 花火.otio", func(o *Options) { o.RecordStart = "01:00:00:00" })
	run("pdf", FormatPDF, "board.pdf", nil)
	fonts := fontFingerprint(t, fontDirs)
	saved := fontDirs
	fontDirs = nil
	run("pdf-standard-fonts", FormatPDF, "board.pdf", nil)
	fontDirs = saved

	fontsMatch := len(fonts) == len(goldenFonts)
	for k, v := range goldenFonts {
		fontsMatch = fontsMatch && fonts[k] == v
	}
	if !fontsMatch {
		t.Errorf("the storyboard's font files differ from those the golden PDF was made with:\n got  %v\n want %v", fonts, goldenFonts)
	}
	var labels []string
	for k := range got {
		labels = append(labels, k)
	}
	sort.Strings(labels)
	for _, k := range labels {
		if want := goldenExports[k]; want != got[k] {
			t.Errorf("%s: SHA-256 %s, want %s; its files:\n%s", k, got[k], want, lists[k])
		}
	}
	if t.Failed() {
		var table strings.Builder
		for _, k := range labels {
			fmt.Fprintf(&table, "\t%q: %q,\n", k, got[k])
		}
		t.Logf("this run's hashes:\n%s\nfonts: %#v", table.String(), fonts)
	}
}
