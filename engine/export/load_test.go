package export

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
	"kino/project/keyring"
	"kino/project/sqlite"
)

// storeTake records a finished take of shotID whose media are clip's
// frames (MJPEG) and mix (WAV), with the dialogue stem stored beside them.
// The take depicts the shot's cast, as a generated take does.
func storeTake(t *testing.T, p *sqlite.Project, shotID int64, clip engine.Clip) *project.Take {
	t.Helper()
	info := clip.Info()
	var video bytes.Buffer
	mw := media.NewMJPEGWriter(&video, 90)
	for i := range info.Frames {
		img, err := clip.Frame(i)
		if err != nil {
			t.Fatal(err)
		}
		if err := mw.WriteFrame(img); err != nil {
			t.Fatal(err)
		}
	}
	mw.Close()
	st, _ := clip.Soundtrack()
	put := func(data []byte, typ string) project.Asset {
		a, err := p.PutBlob(bg, bytes.NewReader(data), typ)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	wav := func(pcm audio.PCM) []byte {
		var b bytes.Buffer
		if err := media.WriteWAV(&b, pcm, media.WAVOptions{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	tk := &project.Take{ShotID: shotID, Backend: info.Backend, Model: info.Model, ModelHash: info.ModelHash, ParamsHash: "hash-" + info.Backend, Seed: info.Seed, Status: project.TakeRunning, Frames: int64(info.Frames), Rate: info.Rate}
	shot, err := p.Shot(bg, shotID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range shot.Cast {
		tk.Cameos = append(tk.Cameos, project.TakeCameo{CameoID: m.CameoID, Handle: m.Handle})
	}
	if err := p.CreateTake(bg, tk); err != nil {
		t.Fatal(err)
	}
	tk.Media = []project.MediaRef{
		{Role: project.MediaVideo, Asset: put(video.Bytes(), "video/x-motion-jpeg")},
		{Role: project.MediaAudio, Asset: put(wav(st.Mix), "audio/wav")},
	}
	for _, name := range audio.Stems {
		tk.Media = append(tk.Media, project.MediaRef{Role: project.MediaStemPrefix + string(name), Asset: put(wav(st.Stems[name]), "audio/wav")})
	}
	if err := p.FinishTake(bg, tk, true); err != nil {
		t.Fatal(err)
	}
	return tk
}

func TestLoadTimelineFromProjectAndExport(t *testing.T) {
	dir := t.TempDir()
	p, err := sqlite.Create(filepath.Join(dir, "Film"), "Sunset")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	settings, _ := p.Project(bg)
	settings.Resolution = project.Resolution{Width: 160, Height: 90}
	if _, err := p.Apply(bg, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	var shotIDs []int64
	for _, prompt := range []string{"me on the beach at sunset", "fireworks cut the sky"} {
		s := project.NewShot(prompt, project.DefaultRate, 42)
		s.Duration = project.Frames(24, project.DefaultRate)
		a, err := p.Apply(bg, project.AddShot{Shot: *s, Index: -1})
		if err != nil {
			t.Fatal(err)
		}
		shotIDs = append(shotIDs, a.ID)
	}
	lib, err := sqlite.OpenLibrary(filepath.Join(dir, "library"), keyring.Generate())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	me := &project.Cameo{Handle: "@me", Name: "Me", Voice: project.DefaultVoice, IsSelf: true,
		Consent: project.Consent{Owner: "Me Myself", Scope: project.ConsentAnyProject, GrantedAt: time.Now().Add(-time.Hour)}}
	if err := lib.CreateCameo(bg, me); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(bg, project.CastCameo{ShotID: shotIDs[0], Cameo: *me, Role: "lead"}); err != nil {
		t.Fatal(err)
	}
	take := storeTake(t, p, shotIDs[0], &synthClip{w: 160, h: 90, frames: 24, rate: project.DefaultRate, backend: "previz"})
	music := audio.PCM{Rate: 48000, Channels: 1, Samples: make([]float32, 48000)}
	for i := range music.Samples {
		music.Samples[i] = 0.05
	}
	var mb bytes.Buffer
	media.WriteWAV(&mb, music, media.WAVOptions{})
	ma, _ := p.PutBlob(bg, &mb, "audio/wav")
	if _, err := p.Apply(bg, project.AddAudioClip{Clip: project.AudioClip{Lane: project.LaneMusic, Name: "theme", Asset: ma, Start: project.Frames(12, project.DefaultRate)}}); err != nil {
		t.Fatal(err)
	}

	generated := 0
	load := func() *Timeline {
		tl, err := LoadTimeline(bg, p, LoadOptions{Library: lib, Generate: func(ctx context.Context, s *project.Shot) (engine.Clip, *project.Take, error) {
			generated++
			return &synthClip{w: 160, h: 90, frames: int(s.Duration.Frames), rate: s.Duration.Rate, backend: "previz"}, nil, nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { tl.Close() })
		return tl
	}
	tl := load()
	if len(tl.Shots) != 2 || tl.Shots[0].Take == nil || tl.Shots[0].Take.ID != take.ID || tl.Shots[1].Take != nil || generated != 1 {
		t.Fatalf("loaded %+v (generated %d)", tl.Shots, generated)
	}
	if len(tl.Shots[0].Cameos) != 1 || len(tl.Shots[0].Consent) != 1 || !tl.Shots[0].Consent[0].Allowed() ||
		tl.Shots[0].Consent[0].Record.Owner != "Me Myself" || len(tl.Audio) != 1 {
		t.Fatalf("cast %+v, consent %+v, audio %d", tl.Shots[0].Cameos, tl.Shots[0].Consent, len(tl.Audio))
	}
	st, err := tl.Shots[0].Clip.Soundtrack()
	if err != nil || len(st.Stems) != 4 || st.Stems[audio.StemDialogue].Len() != 24*2000 {
		t.Fatalf("stored stems %v, %v", st, err)
	}

	o := testOpts(t, FormatAVI, "sunset.avi")
	mustExport(t, tl, o)
	checkVideo(t, o.Out, tl, "mjpeg", "pcm_s16le", 160, 90)
	prov := checkSidecar(t, o.Out)
	if prov.Title != "Sunset" || prov.Shots[0].TakeID != take.ID || prov.Shots[0].Backend != "previz" || prov.Shots[0].Cameos[0].Handle != "@me" || prov.Shots[0].Cameos[0].Role != "lead" {
		t.Fatalf("provenance %+v", prov.Shots[0])
	}
	if len(prov.Audio) != 1 || prov.Audio[0].SHA256 != ma.SHA256 {
		t.Fatalf("audio provenance %+v", prov.Audio)
	}

	if c := prov.Shots[0].Cameos[0]; c.ConsentSeq != 1 || c.Signature != "signed by owner" || c.SignerKey == "" {
		t.Fatalf("cameo provenance %+v, want record 1 signed by owner", c)
	}

	// Revoking consent in the library wins over the project's copy.
	if _, err := lib.RevokeCameo(bg, "@me", time.Now()); err != nil {
		t.Fatal(err)
	}
	tl = load()
	_, err = Export(bg, tl, testOpts(t, FormatAVI, "again.avi"), nil)
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "shot 1 (take") || !strings.Contains(err.Error(), "revoked") {
		t.Fatalf("error %v, want consent refused for shot 1's @me", err)
	}

	// Removing @me from the shot's cast does not launder the take: it
	// still depicts @me, and is refused.
	if _, err := p.Apply(bg, project.UncastCameo{ShotID: shotIDs[0], Handle: "@me"}); err != nil {
		t.Fatal(err)
	}
	tl = load()
	_, err = Export(bg, tl, testOpts(t, FormatAVI, "uncast.avi"), nil)
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "@me") {
		t.Fatalf("after uncasting: error %v, want the take still refused", err)
	}
	// A library that cannot be read refuses it too (consent fails closed).
	tl, err = LoadTimeline(bg, p, LoadOptions{Library: brokenLibrary{}})
	if err != nil {
		t.Fatal(err)
	}
	defer tl.Close()
	_, err = Export(bg, tl, testOpts(t, FormatWAV, "broken.wav"), nil)
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "cannot be established") {
		t.Fatalf("unreadable library: error %v", err)
	}
}

type brokenLibrary struct{}

func (brokenLibrary) ConsentFacts(context.Context) (*project.ConsentFacts, error) {
	return nil, errors.New("library.db was written by a newer Kino")
}

// TestHandOffAlternatesLeaveOutWithheldTakes: an older take of a shot is
// offered to the editor beside the active one while its cameo's consent
// holds, and left out once that consent is revoked.
func TestHandOffAlternatesLeaveOutWithheldTakes(t *testing.T) {
	dir := t.TempDir()
	p, err := sqlite.Create(filepath.Join(dir, "Film"), "Pier")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	s := project.NewShot("@me waves from the pier", project.DefaultRate, 7)
	s.Duration = project.Frames(12, project.DefaultRate)
	a, err := p.Apply(bg, project.AddShot{Shot: *s, Index: -1})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := sqlite.OpenLibrary(filepath.Join(dir, "library"), keyring.Generate())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	me := &project.Cameo{Handle: "@me", Name: "Me", Voice: project.DefaultVoice, IsSelf: true,
		Consent: project.Consent{Owner: "Me", Scope: project.ConsentAnyProject, GrantedAt: time.Now().Add(-time.Hour)}}
	if err := lib.CreateCameo(bg, me); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(bg, project.CastCameo{ShotID: a.ID, Cameo: *me}); err != nil {
		t.Fatal(err)
	}
	clip := func() engine.Clip {
		return &synthClip{w: 64, h: 36, frames: 12, rate: project.DefaultRate, backend: "previz"}
	}
	old := storeTake(t, p, a.ID, clip()) // depicts @me
	if _, err := p.Apply(bg, project.UncastCameo{ShotID: a.ID, Handle: "@me"}); err != nil {
		t.Fatal(err)
	}
	active := storeTake(t, p, a.ID, clip()) // depicts no one, and is active
	alternates := func() []Alternate {
		tl, err := LoadTimeline(bg, p, LoadOptions{Library: lib})
		if err != nil {
			t.Fatal(err)
		}
		defer tl.Close()
		if tl.Shots[0].Take == nil || tl.Shots[0].Take.ID != active.ID || tl.Shots[0].TakeNumber != 2 {
			t.Fatalf("shown take %+v (number %d), want take %d", tl.Shots[0].Take, tl.Shots[0].TakeNumber, active.ID)
		}
		return tl.Shots[0].Alternates
	}
	if alts := alternates(); len(alts) != 1 || alts[0].Take.ID != old.ID || alts[0].Number != 1 {
		t.Fatalf("alternates while consent holds: %+v, want take %d as number 1", alts, old.ID)
	}
	if _, err := lib.RevokeCameo(bg, "@me", time.Now()); err != nil {
		t.Fatal(err)
	}
	if alts := alternates(); len(alts) != 0 {
		t.Fatalf("a withheld take is still offered to the editor: %+v", alts)
	}
}
