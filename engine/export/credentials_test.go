package export

import (
	"bytes"
	"crypto/x509"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kino/engine/c2pa"
	"kino/engine/c2pa/c2patest"
	"kino/project"
)

// testIdentity makes a signing identity in a fresh folder.
func testIdentity(t testing.TB) *c2pa.Identity {
	t.Helper()
	id, err := c2pa.LoadOrCreateIdentity(t.TempDir(), "Test Signer", fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// signedTimeline is a two-shot timeline with a cameo (whose reference
// image is an ingredient) and a music clip.
func signedTimeline() *Timeline {
	tl := testTimeline(96, 64, project.Rate{Num: 24, Den: 1}, 12, 10)
	ana := cameo("@ana", "Ana Example")
	ana.Images = []project.Asset{{SHA256: strings.Repeat("ab", 32), MediaType: "image/png", Size: 10}}
	cast(tl, 1, ana, "lead")
	return tl
}

// verifyExport checks every file an export wrote (but Kino's own
// metadata) with c2pa.Verify and returns the reports by file.
func verifyExport(t *testing.T, res Result, id *c2pa.Identity) map[string]*c2pa.Report {
	t.Helper()
	out := map[string]*c2pa.Report{}
	var files []string
	for _, f := range res.Files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			frames, _ := filepath.Glob(filepath.Join(f, "*.png"))
			files = append(files, frames...)
			continue
		}
		if !isMetadata(f) {
			files = append(files, f)
		}
	}
	for _, f := range files {
		rep, err := c2pa.Verify(f, c2pa.Options{Trust: []*x509.Certificate{id.CA}})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Valid() || !rep.Manifest.Signature.Trusted {
			var b bytes.Buffer
			rep.WriteText(&b)
			t.Fatalf("%s does not verify:\n%s", f, b.String())
		}
		out[f] = rep
	}
	if len(out) == 0 {
		t.Fatalf("no signed files in %v", res.Files)
	}
	return out
}

func TestEveryExportFormatIsSigned(t *testing.T) {
	id := testIdentity(t)
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			o := testOpts(t, f, "film"+f.Extension())
			o.Signer, o.PureGo, o.App = id.Signer, f == FormatAVI, "Kino"
			res := mustExport(t, signedTimeline(), o)
			reps := verifyExport(t, res, id)
			if f == FormatMP4 {
				// The manifest went in before the media and the chunk
				// offsets moved with it: ffmpeg decodes every frame.
				decodeAll(t, res.Main)
				p := ffprobe(t, res.Main)
				if n := p.Streams[p.stream(t, "video")].NbReadFrames; n != "22" {
					t.Errorf("ffprobe reads %s frames of the signed MP4, want 22", n)
				}
			}
			for path, rep := range reps {
				m := rep.Manifest
				if m.ClaimVersion != 2 || m.Generator != "Kino test" {
					t.Errorf("%s: claim v%d by %q", path, m.ClaimVersion, m.Generator)
				}
				wantWhere := "embedded"
				switch filepath.Ext(path) {
				case ".otio", ".edl", ".fcpxml", ".pdf", ".fountain":
					wantWhere = "sidecar " + c2pa.SidecarPath(path)
				}
				if !strings.HasPrefix(rep.Where, wantWhere) {
					t.Errorf("%s: credentials %s, want %s", path, rep.Where, wantWhere)
				}
				if len(m.Actions) == 0 || m.Actions[0].Action != c2pa.ActionCreated || m.Actions[0].SoftwareAgent != "Kino test" {
					t.Errorf("%s: actions %+v", path, m.Actions)
				}
				if m.Film == nil || len(m.Film.Shots) == 0 {
					t.Fatalf("%s: no film assertion: %+v", path, m.Assertions)
				}
				for _, sh := range m.Film.Shots {
					if sh.Seed != uint64(40+sh.Number-1) || sh.TakeID != int64(500+sh.Number-1) || sh.Backend != "synthetic" || sh.ModelHash != "abc123" || !strings.HasPrefix(sh.Prompt, "shot ") {
						t.Errorf("%s: shot read back as %+v", path, sh)
					}
					if sh.Number == 2 {
						if len(sh.Cameos) != 1 || sh.Cameos[0].ConsentOwner != "Ana Example" || sh.Cameos[0].ConsentRecordID != "consent-ana" || sh.Cameos[0].ConsentSignature == "" {
							t.Errorf("%s: shot 2 cameos %+v", path, sh.Cameos)
						}
					}
				}
			}
		})
	}
}

func TestSignedVideoNamesItsIngredientsAndWatermark(t *testing.T) {
	id := testIdentity(t)
	o := testOpts(t, FormatAVI, "film.avi")
	o.Signer, o.App, o.NoWatermark = id.Signer, "Kino", true
	res := mustExport(t, signedTimeline(), o)
	rep := verifyExport(t, res, id)[res.Main]
	m := rep.Manifest
	if m.Film.VisibleWatermark == nil || *m.Film.VisibleWatermark {
		t.Errorf("watermark recorded as %v, want false", m.Film.VisibleWatermark)
	}
	if len(m.Ingredients) != 1 || m.Ingredients[0].Relationship != c2pa.RelationInputTo || m.Ingredients[0].InstanceID != "sha256:"+strings.Repeat("ab", 32) {
		t.Errorf("ingredients %+v, want the cameo's reference image", m.Ingredients)
	}
	if len(m.Actions) != 2 || m.Actions[1].Action != c2pa.ActionEdited || m.Actions[1].Ingredients != 1 {
		t.Errorf("actions %+v, want created then edited with the ingredient", m.Actions)
	}
	// The provenance sidecar hashes the signed file.
	checkSidecar(t, res.Main)
}

func TestDigitalSourceTypeFollowsTheEngines(t *testing.T) {
	previz := ShotProvenance{Backend: "previz"}
	neural := ShotProvenance{Backend: "onnx", Model: "sd-turbo"}
	slate := ShotProvenance{Backend: "onnx", Placeholder: true}
	for _, c := range []struct {
		shots   []ShotProvenance
		picture bool
		want    string
	}{
		{[]ShotProvenance{previz, previz}, true, c2pa.SourceAlgorithmic},
		{[]ShotProvenance{neural}, true, c2pa.SourceTrainedAlgorithmic},
		{[]ShotProvenance{neural, previz}, true, c2pa.SourceCompositeTrained},
		{[]ShotProvenance{slate}, true, c2pa.SourceAlgorithmic},
		{[]ShotProvenance{neural}, false, c2pa.SourceAlgorithmic}, // sound is always procedural
	} {
		if got := sourceFor(c.shots, c.picture); got != c.want {
			t.Errorf("sourceFor(%+v, picture %v) = %s, want %s", c.shots, c.picture, got, c.want)
		}
	}
}

// flipPictureByte changes one byte of the media data in the middle of a
// file's picture (or sound) payload.
func flipPictureByte(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var at int
	switch filepath.Ext(path) {
	case ".mp4":
		for off := 0; off+8 <= len(b); {
			size := int(binary.BigEndian.Uint32(b[off:]))
			if string(b[off+4:off+8]) == "mdat" {
				at = off + size/2
				break
			}
			off += size
		}
	case ".avi":
		at = bytes.Index(b, []byte("movi")) + 2000
	case ".wav":
		at = bytes.Index(b, []byte("data")) + 1000
	case ".png":
		at = bytes.Index(b, []byte("IDAT")) + 20
	default:
		at = len(b) / 2
	}
	if at <= 0 || at >= len(b) {
		t.Fatalf("no media data found in %s", path)
	}
	b[at] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOneFlippedByteIsCaught(t *testing.T) {
	id := testIdentity(t)
	for _, f := range []Format{FormatMP4, FormatAVI, FormatWAV, FormatPNG, FormatPDF} {
		t.Run(string(f), func(t *testing.T) {
			if f == FormatMP4 {
				tool(t, "ffmpeg")
			}
			o := testOpts(t, f, "film"+f.Extension())
			o.Signer, o.App, o.PureGo = id.Signer, "Kino", f == FormatAVI
			res := mustExport(t, signedTimeline(), o)
			path := res.Main
			if f == FormatPNG {
				path = filepath.Join(res.Main, FrameName(3))
			}
			flipPictureByte(t, path)
			rep, err := c2pa.Verify(path, c2pa.Options{Trust: []*x509.Certificate{id.CA}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Valid() || rep.Manifest == nil || !rep.Manifest.Signature.Valid || rep.Manifest.Binding.Valid {
				t.Fatalf("a flipped byte in %s was not caught by the hard binding: %+v", path, rep)
			}
			if !strings.HasPrefix(rep.Verdict(), "TAMPERED") {
				t.Errorf("verdict %q", rep.Verdict())
			}
		})
	}
}

func TestSignedFramesNameOnlyTheirShot(t *testing.T) {
	id := testIdentity(t)
	o := testOpts(t, FormatPNG, "frames")
	o.Signer, o.App = id.Signer, "Kino"
	res := mustExport(t, signedTimeline(), o)
	for i, want := range map[int64]int{0: 1, 11: 1, 12: 2, 21: 2} {
		rep, err := c2pa.Verify(filepath.Join(res.Main, FrameName(i)), c2pa.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Valid() || len(rep.Manifest.Film.Shots) != 1 || rep.Manifest.Film.Shots[0].Number != want {
			t.Errorf("frame %d: valid %v, shots %+v; want only shot %d", i, rep.Valid(), rep.Manifest.Film.Shots, want)
		}
	}
	// provenance.json lists each frame's hash as signed.
	p := readFolderProvenance(t, res.Main)
	for _, fh := range p.Files[:3] {
		sum, _, err := hashFile(filepath.Join(res.Main, fh.File))
		if err != nil || sum != fh.SHA256 {
			t.Errorf("%s: provenance says %s, the file hashes to %s (%v)", fh.File, fh.SHA256, sum, err)
		}
	}
}

func TestUnsignedExportWhenNoSigner(t *testing.T) {
	o := testOpts(t, FormatOTIO, "film.otio")
	o.PureGo = true
	res := mustExport(t, signedTimeline(), o)
	for _, f := range res.Files {
		if strings.HasSuffix(f, ".c2pa") {
			t.Errorf("a C2PA sidecar %s was written without a signer", f)
		}
	}
}

// readFolderProvenance reads a PNG sequence's provenance.json.
func readFolderProvenance(t *testing.T, dir string) *Provenance {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, provenanceFolderName))
	if err != nil {
		t.Fatal(err)
	}
	var p Provenance
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// TestReferenceReadsEveryExport reads every file of every export format
// with c2pa-rs: valid apart from the untrusted signer, Kino's film
// assertion and the actions as written; and a flipped media byte fails
// its hard binding there too.
func TestReferenceReadsEveryExport(t *testing.T) {
	tool(t, "ffmpeg")
	id := testIdentity(t)
	var assets []c2patest.Asset
	var reports []*c2pa.Report
	for _, f := range Formats {
		o := testOpts(t, f, "film"+f.Extension())
		o.Signer, o.App = id.Signer, "Kino"
		res := mustExport(t, signedTimeline(), o)
		for path, rep := range verifyExport(t, res, id) {
			a := c2patest.Asset{Path: path}
			if strings.HasPrefix(rep.Where, "sidecar") {
				a.Sidecar = c2pa.SidecarPath(path)
			}
			assets = append(assets, a)
			reports = append(reports, rep)
		}
	}
	for i, r := range c2patest.Read(t, nil, assets...) {
		if !r.ValidButUntrusted() {
			t.Errorf("%s: c2pa-rs says %s %v %s", assets[i].Path, r.State, r.Failures, r.Error)
			continue
		}
		var film c2pa.Film
		if err := json.Unmarshal(r.Assertion(c2pa.LabelFilm), &film); err != nil || !reflect.DeepEqual(&film, reports[i].Manifest.Film) {
			t.Errorf("%s: c2pa-rs reads the film assertion as %s (%v), Kino wrote %+v", assets[i].Path, r.Assertion(c2pa.LabelFilm), err, reports[i].Manifest.Film)
		}
		var acts struct {
			Actions []struct {
				Action            string `json:"action"`
				DigitalSourceType string `json:"digitalSourceType"`
			} `json:"actions"`
		}
		json.Unmarshal(r.Assertion(c2pa.LabelActions), &acts)
		if len(acts.Actions) == 0 || acts.Actions[0].Action != c2pa.ActionCreated || acts.Actions[0].DigitalSourceType != reports[i].Manifest.Actions[0].DigitalSourceType {
			t.Errorf("%s: c2pa-rs reads the actions as %s", assets[i].Path, r.Assertion(c2pa.LabelActions))
		}
	}

	// One flipped picture (or sound) byte, in each embedding container.
	var flipped []c2patest.Asset
	for _, f := range []Format{FormatMP4, FormatAVI, FormatWAV, FormatPNG} {
		o := testOpts(t, f, "film"+f.Extension())
		o.Signer, o.App, o.PureGo = id.Signer, "Kino", f == FormatAVI
		res := mustExport(t, signedTimeline(), o)
		path := res.Main
		if f == FormatPNG {
			path = filepath.Join(res.Main, FrameName(5))
		}
		flipPictureByte(t, path)
		flipped = append(flipped, c2patest.Asset{Path: path})
	}
	for i, r := range c2patest.Read(t, nil, flipped...) {
		if !r.Has("assertion.dataHash.mismatch") && !r.Has("assertion.bmffHash.mismatch") {
			t.Errorf("%s with a flipped byte: c2pa-rs says %s %v %s", flipped[i].Path, r.State, r.Failures, r.Error)
		}
	}
}
