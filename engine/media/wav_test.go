package media

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/audio"
)

// testPCM is a few tones plus full-scale and out-of-range samples.
func testPCM(channels, frames int) audio.PCM {
	s := make([]float32, channels*frames)
	for i := range frames {
		for c := range channels {
			s[i*channels+c] = float32(0.8 * math.Sin(float64(i)*0.013*float64(c+1)+float64(c)))
		}
	}
	edge := []float32{1, -1, 1.5, -1.5, 0.99999, -0.99999, 1.0 / 65536, -1.0 / 65536, 0}
	copy(s, edge)
	return audio.PCM{Rate: audio.SampleRate, Channels: channels, Samples: s}
}

func writeWAV(t testing.TB, pcm audio.PCM, opts WAVOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWAV(&buf, pcm, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWAV16RoundTrip(t *testing.T) {
	for _, ch := range []int{1, 2, 6} {
		src := testPCM(ch, 5000)
		data := writeWAV(t, src, WAVOptions{})
		got, info, err := ReadWAV(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if info.Format != PCM16 || info.Channels != ch || info.Rate != audio.SampleRate || info.Frames != 5000 {
			t.Fatalf("%d channels: info %+v", ch, info)
		}
		if got.Channels != ch || got.Rate != audio.SampleRate || len(got.Samples) != len(src.Samples) {
			t.Fatalf("%d channels: got %d ch %d Hz %d samples", ch, got.Channels, got.Rate, len(got.Samples))
		}
		const lsb = 1.0 / 32768
		for i, want := range src.Samples {
			w := max(-1, min(float64(want), 1))
			if d := math.Abs(float64(got.Samples[i]) - w); d > lsb {
				t.Fatalf("%d channels: sample %d: %v, want %v within 1 LSB", ch, i, got.Samples[i], want)
			}
		}
		// 16-bit codes come back exactly.
		again := writeWAV(t, got, WAVOptions{})
		if !bytes.Equal(again, data) {
			t.Fatalf("%d channels: a 16-bit file did not survive read and write unchanged", ch)
		}
	}
}

func TestWAVFloatExact(t *testing.T) {
	src := testPCM(2, 3001)
	src.Samples[10] = float32(math.Inf(1))
	got, info, err := ReadWAV(bytes.NewReader(writeWAV(t, src, WAVOptions{Format: Float32})))
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != Float32 || info.Frames != 3001 {
		t.Fatalf("info %+v", info)
	}
	for i := range src.Samples {
		if got.Samples[i] != src.Samples[i] {
			t.Fatalf("sample %d: %v, want exactly %v", i, got.Samples[i], src.Samples[i])
		}
	}
}

func TestWAV24RoundTrip(t *testing.T) {
	src := testPCM(3, 777)
	got, info, err := ReadWAV(bytes.NewReader(writeWAV(t, src, WAVOptions{Format: PCM24})))
	if err != nil || info.Format != PCM24 {
		t.Fatalf("info %+v err %v", info, err)
	}
	for i, want := range src.Samples {
		if d := math.Abs(float64(got.Samples[i]) - max(-1, min(float64(want), 1))); d > 1.0/(1<<23) {
			t.Fatalf("sample %d: %v, want %v", i, got.Samples[i], want)
		}
	}
}

func TestWAVDither(t *testing.T) {
	src := testPCM(2, 20000)
	opts := WAVOptions{Dither: true, DitherSeed: 7}
	a := writeWAV(t, src, opts)
	if !bytes.Equal(a, writeWAV(t, src, opts)) {
		t.Fatal("dithered output should be reproducible for a seed")
	}
	if bytes.Equal(a, writeWAV(t, src, WAVOptions{})) {
		t.Fatal("dither changed nothing")
	}
	got, _, err := ReadWAV(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for i, want := range src.Samples {
		w := max(-1, min(float64(want), 1))
		d := float64(got.Samples[i]) - w
		if math.Abs(d) > 1.5/32768 {
			t.Fatalf("sample %d: error %.2f LSB, want <= 1.5", i, d*32768)
		}
		sum += d
	}
	// TPDF noise has zero mean.
	if mean := sum / float64(len(src.Samples)) * 32768; math.Abs(mean) > 0.05 {
		t.Fatalf("dither error mean %.3f LSB, want about 0", mean)
	}
}

func TestWAVInfoChunk(t *testing.T) {
	opts := WAVOptions{Title: "Shot 3 – beach at sunset", Comment: "kino take 7; seed 42; model previz", Software: "Kino"}
	data := writeWAV(t, testPCM(2, 100), opts)
	_, info, err := ReadWAV(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != opts.Title || info.Comment != opts.Comment || info.Software != opts.Software {
		t.Fatalf("info = %+v", info)
	}
	if info.Tags["INAM"] != opts.Title || len(info.Tags) != 3 {
		t.Fatalf("tags = %v", info.Tags)
	}
	if bytes.Contains(writeWAV(t, testPCM(2, 100), WAVOptions{}), []byte("LIST")) {
		t.Fatal("no LIST chunk should be written without tags")
	}
}

func TestFFprobeReadsWAV(t *testing.T) {
	dir := t.TempDir()
	opts := WAVOptions{Title: "Beach at sunset (odd)", Comment: "kino take 7, seed 42", Software: "Kino test"}
	cases := []struct {
		name, codec string
		pcm         audio.PCM
		opts        WAVOptions
	}{
		{"s16.wav", "pcm_s16le", testPCM(2, 48000), opts},
		{"f32.wav", "pcm_f32le", testPCM(2, 4800), WAVOptions{Format: Float32, Title: "float", Comment: "c"}},
		{"s24x6.wav", "pcm_s24le", testPCM(6, 4800), WAVOptions{Format: PCM24, Title: "six", Comment: "channels"}},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, writeWAV(t, c.pcm, c.opts), 0o644); err != nil {
			t.Fatal(err)
		}
		out := ffprobe(t, "-show_entries", "stream=codec_name,sample_rate,channels,duration_ts:format_tags=title,comment,encoder", "-of", "default=nw=1", path)
		for _, want := range []string{
			"codec_name=" + c.codec,
			"sample_rate=48000",
			"channels=" + string(rune('0'+c.pcm.Channels)),
			"TAG:title=" + c.opts.Title,
			"TAG:comment=" + c.opts.Comment,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: ffprobe output lacks %q:\n%s", c.name, want, out)
			}
		}
		if c.opts.Software != "" && !strings.Contains(out, "TAG:encoder="+c.opts.Software) {
			t.Errorf("%s: ffprobe output lacks the ISFT tag as encoder:\n%s", c.name, out)
		}
	}
}

// riff builds a WAV file from chunks, fixing the RIFF size.
func riff(chunks ...[]byte) []byte {
	body := append([]byte("WAVE"), bytes.Join(chunks, nil)...)
	return append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body))), body...)
}

func chunk(id string, body []byte) []byte {
	b := binary.LittleEndian.AppendUint32([]byte(id), uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func fmtPCM(tag uint16, ch, rate, bits int) []byte {
	le := binary.LittleEndian
	b := le.AppendUint16(nil, tag)
	b = le.AppendUint16(b, uint16(ch))
	b = le.AppendUint32(b, uint32(rate))
	b = le.AppendUint32(b, uint32(rate*ch*bits/8))
	b = le.AppendUint16(b, uint16(ch*bits/8))
	return le.AppendUint16(b, uint16(bits))
}

func TestWAVSkipsUnknownChunks(t *testing.T) {
	data := []byte{0x00, 0x40, 0x00, 0xC0, 0xFF, 0x7F} // 16-bit: 0.5, -0.5, 32767
	info := append([]byte("INFO"), chunk("INAM", []byte("title\x00"))...)
	file := riff(
		chunk("JUNK", []byte("odd")), // odd size: padded
		chunk("fmt ", fmtPCM(1, 1, 48000, 16)),
		chunk("bext", make([]byte, 602)),
		chunk("LIST", append([]byte("adtl"), "whatever"...)),
		chunk("data", data),
		chunk("LIST", info), // tags after the data are read too
		chunk("id3 ", []byte{1, 2, 3}),
	)
	pcm, wi, err := ReadWAV(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{0.5, -0.5, 32767.0 / 32768}
	if len(pcm.Samples) != 3 || pcm.Samples[0] != want[0] || pcm.Samples[1] != want[1] || pcm.Samples[2] != want[2] {
		t.Fatalf("samples %v, want %v", pcm.Samples, want)
	}
	if wi.Title != "title" {
		t.Fatalf("title %q, want the trailing LIST/INFO's", wi.Title)
	}
}

func TestWAVOtherFormats(t *testing.T) {
	le := binary.LittleEndian
	// 8-bit unsigned.
	tags := chunk("LIST", append([]byte("INFO"), chunk("ICMT", []byte("after odd data\x00"))...))
	p, wi, err := ReadWAV(bytes.NewReader(riff(chunk("fmt ", fmtPCM(1, 1, 8000, 8)), chunk("data", []byte{0, 128, 192}), tags))) // odd data, padded
	if err != nil || len(p.Samples) != 3 || p.Samples[0] != -1 || p.Samples[1] != 0 || p.Samples[2] != 0.5 || wi.Format != PCM8 {
		t.Fatalf("8-bit: %v %v", p.Samples, err)
	}
	if wi.Comment != "after odd data" {
		t.Fatalf("the tags after an odd-sized data chunk were lost: %+v", wi)
	}
	// 32-bit int and 64-bit float.
	d32 := le.AppendUint32(nil, uint32(1<<30))
	p, _, err = ReadWAV(bytes.NewReader(riff(chunk("fmt ", fmtPCM(1, 1, 8000, 32)), chunk("data", d32))))
	if err != nil || p.Samples[0] != 0.5 {
		t.Fatalf("32-bit: %v %v", p.Samples, err)
	}
	d64 := le.AppendUint64(nil, math.Float64bits(-0.25))
	d64 = le.AppendUint64(d64, math.Float64bits(math.NaN()))
	p, wi, err = ReadWAV(bytes.NewReader(riff(chunk("fmt ", fmtPCM(3, 2, 8000, 64)), chunk("data", d64))))
	if err != nil || wi.Format != Float64 || p.Samples[0] != -0.25 || p.Samples[1] != 0 {
		t.Fatalf("float64: %v %+v %v", p.Samples, wi, err)
	}
	// A stream that never knew its length: data size 0xFFFFFFFF.
	streamed := writeWAV(t, testPCM(2, 1000), WAVOptions{})
	i := bytes.Index(streamed, []byte("data"))
	le.PutUint32(streamed[i+4:], 0xFFFFFFFF)
	p, _, err = ReadWAV(bytes.NewReader(streamed))
	if err != nil || p.Len() != 1000 {
		t.Fatalf("streamed: %d frames, %v", p.Len(), err)
	}
}

func TestWAVBadFiles(t *testing.T) {
	good := writeWAV(t, testPCM(2, 1000), WAVOptions{Title: "t"})
	dataAt := bytes.Index(good, []byte("data")) + 8
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"short", []byte("RIFF"), "too short"},
		{"garbage", []byte("this is not a sound file at all"), "not a WAV file"},
		{"mp3", append([]byte("ID3\x03\x00\x00\x00\x00\x00\x00"), make([]byte, 30)...), "not a WAV file"},
		{"rf64", append([]byte("RF64\xff\xff\xff\xffWAVE"), make([]byte, 30)...), "RF64"},
		{"no fmt", riff(chunk("data", []byte{1, 2})), "before the fmt chunk"},
		{"no data", riff(chunk("fmt ", fmtPCM(1, 2, 48000, 16))), "no data chunk"},
		{"nothing", riff(), "no fmt chunk"},
		{"adpcm", riff(chunk("fmt ", fmtPCM(2, 2, 48000, 4)), chunk("data", []byte{1, 2})), "not supported"},
		{"zero channels", riff(chunk("fmt ", fmtPCM(1, 0, 48000, 16)), chunk("data", nil)), "0 channels"},
		{"bad block align", riff(chunk("fmt ", append(fmtPCM(1, 2, 48000, 16)[:12], 3, 0, 16, 0)), chunk("data", nil)), "block align"},
		{"short fmt", riff(chunk("fmt ", []byte{1, 0, 2, 0})), "at least 16"},
		{"cut in header", good[:30], "cut off"},
		{"chunk id garbage", riff(chunk("\x00\x01\x02\x03", []byte{1, 2})), "garbage"},
		{"cut in a chunk", riff(chunk("fmt ", fmtPCM(1, 2, 48000, 16)), []byte("JUNK\x10\x00\x00\x00abc")), "cut off inside the \"JUNK\" chunk"},
	}
	for _, c := range cases {
		_, _, err := ReadWAV(bytes.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	// Cut inside the data: the whole frames before the cut come back, with
	// an error.
	cut := good[:dataAt+4*100+3]
	pcm, _, err := ReadWAV(bytes.NewReader(cut))
	if err == nil || !strings.Contains(err.Error(), "cut off") {
		t.Fatalf("truncated data: err = %v", err)
	}
	if pcm.Len() != 100 {
		t.Fatalf("truncated data: %d frames kept, want 100", pcm.Len())
	}
	// A cut-off trailing chunk after complete data is ignored.
	trail := append(bytes.Clone(good), "LIST\x40\x00\x00\x00INFO"...)
	if pcm, _, err := ReadWAV(bytes.NewReader(trail)); err != nil || pcm.Len() != 1000 {
		t.Fatalf("trailing cut chunk: %d frames, %v", pcm.Len(), err)
	}
}

func TestWriteWAVRefusesBadInput(t *testing.T) {
	var buf bytes.Buffer
	for name, c := range map[string]struct {
		pcm  audio.PCM
		opts WAVOptions
	}{
		"no channels":    {audio.PCM{Rate: 48000}, WAVOptions{}},
		"no rate":        {audio.PCM{Channels: 2}, WAVOptions{}},
		"ragged":         {audio.PCM{Rate: 48000, Channels: 2, Samples: make([]float32, 3)}, WAVOptions{}},
		"unsupported 8b": {audio.PCM{Rate: 48000, Channels: 2}, WAVOptions{Format: PCM8}},
	} {
		if err := WriteWAV(&buf, c.pcm, c.opts); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	// A NUL inside a tag would end it early; it is dropped.
	data := writeWAV(t, testPCM(1, 10), WAVOptions{Title: "a\x00b"})
	if _, info, _ := ReadWAV(bytes.NewReader(data)); info.Title != "ab" {
		t.Errorf("title %q, want \"ab\"", info.Title)
	}
	if err := WriteWAV(&failWriter{}, testPCM(2, 100000), WAVOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("failing writer: %v", err)
	}
}

func TestReadWAVInfo(t *testing.T) {
	data := writeWAV(t, testPCM(2, 4321), WAVOptions{Format: Float32, Title: "x"})
	info, err := ReadWAVInfo(bytes.NewReader(data))
	if err != nil || info.Frames != 4321 || info.Format != Float32 || info.Title != "x" || info.Channels != 2 {
		t.Fatalf("info %+v err %v", info, err)
	}
}
