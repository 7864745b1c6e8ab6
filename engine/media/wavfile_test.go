package media

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/audio"
)

// A streamed WAV is byte for byte the file WriteWAV writes, in every
// format it writes and with tags.
func TestWAVStreamMatchesWriteWAV(t *testing.T) {
	for _, f := range []SampleFormat{PCM16, PCM24, Float32} {
		for _, ch := range []int{1, 2, 8} {
			pcm := testPCM(ch, 3001)
			opts := WAVOptions{Format: f, Title: "Strand ü 花火", Software: "Kino"}
			want := writeWAV(t, pcm, opts)
			var got bytes.Buffer
			ws, err := NewWAVStream(&got, ch, pcm.Rate, int64(pcm.Len()), opts)
			if err != nil {
				t.Fatal(err)
			}
			for s := pcm.Samples; len(s) > 0; {
				n := min(len(s), 777*ch)
				if err := ws.Write(s[:n]); err != nil {
					t.Fatal(err)
				}
				s = s[n:]
			}
			if err := ws.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("%s, %d channels: the stream differs from WriteWAV's file", f, ch)
			}
		}
	}
	var b bytes.Buffer
	ws, _ := NewWAVStream(&b, 2, audio.SampleRate, 10, WAVOptions{})
	if err := ws.Write(make([]float32, 22)); err == nil {
		t.Fatal("writing more frames than promised was accepted")
	}
	if err := ws.Close(); err == nil {
		t.Fatal("closing with frames missing was accepted")
	}
}

// Reading by position gives the same samples ReadWAV gives, silence
// outside the file, and the whole frames of a cut-off file.
func TestWAVFileReadsByPosition(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []SampleFormat{PCM16, Float32} {
		pcm := testPCM(2, 5000)
		data := writeWAV(t, pcm, WAVOptions{Format: f, Title: "x"})
		path := filepath.Join(dir, f.String()+".wav")
		os.WriteFile(path, data, 0o644)
		whole, _, err := ReadWAV(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		wf, err := OpenWAVFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if wf.Frames() != 5000 || wf.Short() != nil || wf.Info().Title != "x" {
			t.Fatalf("%s: %d frames, short %v, info %+v", f, wf.Frames(), wf.Short(), wf.Info())
		}
		var buf []byte
		for _, at := range []int64{-7, 0, 1234, 4990, 6000} {
			dst := make([]float32, 2*100)
			if err := wf.ReadFramesAt(dst, &buf, at); err != nil {
				t.Fatal(err)
			}
			for k := range int64(100) {
				var l, r float32
				if i := at + k; i >= 0 && i < 5000 {
					l, r = whole.Samples[2*i], whole.Samples[2*i+1]
				}
				if dst[2*k] != l || dst[2*k+1] != r {
					t.Fatalf("%s: frame %d read at %d: (%v, %v), want (%v, %v)", f, at+k, at, dst[2*k], dst[2*k+1], l, r)
				}
			}
		}
		wf.Close()
		// Cut off inside the data: the whole frames that are there.
		cut := filepath.Join(dir, "cut-"+f.String()+".wav")
		os.WriteFile(cut, data[:len(data)-1000], 0o644)
		wf, err = OpenWAVFile(cut)
		if err != nil {
			t.Fatal(err)
		}
		if wf.Short() == nil || wf.Frames() >= 5000 || wf.Frames() < 4000 {
			t.Fatalf("%s cut off: %d frames, short %v", f, wf.Frames(), wf.Short())
		}
		wf.Close()
	}
	if _, err := OpenWAVFile(filepath.Join(dir, "none.wav")); err == nil {
		t.Fatal("a missing file opened")
	}
}

// A stored take's stems come back from both Soundtrack (whole) and
// SoundSource (block by block), and the two agree.
func TestStoredClipStems(t *testing.T) {
	dir := t.TempDir()
	const w, h, n = 32, 16, 6
	mix := testPCM(2, 12000)
	video, audioPath := storeTake(t, dir, w, h, n, mix)
	c, err := OpenStoredClip(video, audioPath, clipInfo(w, h, n))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.HasStems() {
		t.Fatal("a take without stems says it has them")
	}
	paths := map[audio.Stem]string{}
	stems := map[audio.Stem]audio.PCM{}
	for i, name := range audio.Stems {
		p := testPCM(2, 12000)
		for k := range p.Samples {
			p.Samples[k] *= float32(i+1) / 8
		}
		stems[name] = p
		paths[name] = filepath.Join(dir, string(name)+".wav")
		os.WriteFile(paths[name], writeWAV(t, p, WAVOptions{Format: Float32}), 0o644)
	}
	partial := map[audio.Stem]string{audio.StemDialogue: paths[audio.StemDialogue]}
	if err := c.AttachStems(partial); err == nil {
		t.Fatal("a take with one stem of four was accepted")
	}
	if err := c.AttachStems(paths); err != nil {
		t.Fatal(err)
	}
	st, err := c.Soundtrack()
	if err != nil || len(st.Stems) != 4 {
		t.Fatalf("soundtrack stems %d, %v", len(st.Stems), err)
	}
	src, err := c.SoundSource()
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if !src.HasStems() || src.Len() != int64(c.soundFrames()) {
		t.Fatalf("source: stems %v, %d frames, want %d", src.HasStems(), src.Len(), c.soundFrames())
	}
	var got [4][]float32
	for i := range got {
		got[i] = make([]float32, 2*500)
	}
	m := make([]float32, 2*500)
	if err := src.ReadAt(m, &got, 3000); err != nil {
		t.Fatal(err)
	}
	for i, name := range audio.Stems {
		for k := range 1000 {
			if got[i][k] != stems[name].Samples[6000+k] || got[i][k] != st.Stems[name].Samples[6000+k] {
				t.Fatalf("%s stem sample %d: %v, want %v", name, 6000+k, got[i][k], stems[name].Samples[6000+k])
			}
		}
	}
	for k := range 1000 {
		if m[k] != st.Mix.Samples[6000+k] {
			t.Fatalf("mix sample %d: %v from the file, %v whole", 6000+k, m[k], st.Mix.Samples[6000+k])
		}
	}
}

// Stems that cannot be read leave a take mix only, and its sound says why.
func TestStoredClipDamagedStemsLeaveTheMix(t *testing.T) {
	dir := t.TempDir()
	video, audioPath := storeTake(t, dir, 32, 16, 6, testPCM(2, 12000))
	c, err := OpenStoredClip(video, audioPath, clipInfo(32, 16, 6))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	paths := map[audio.Stem]string{}
	for _, name := range audio.Stems {
		paths[name] = filepath.Join(dir, "gone-"+string(name)+".wav")
	}
	if err := c.AttachStems(paths); err == nil {
		t.Fatal("missing stem files were accepted")
	}
	src, err := c.SoundSource()
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.HasStems() || len(src.Missing()) == 0 || !strings.Contains(src.Missing()[0], "stems:") {
		t.Fatalf("stems %v, missing %v", src.HasStems(), src.Missing())
	}
	st, err := c.Soundtrack()
	if err != nil || len(st.Stems) != 0 || st.Mix.Len() == 0 {
		t.Fatalf("soundtrack %v stems, %v", len(st.Stems), err)
	}
}
