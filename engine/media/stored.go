package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/files"
	"kino/project"
)

// StoredClip is a finished take read back from project media: frames from
// an MJPEG file and sound from a WAV file. It is safe for concurrent use.
//
// Damage that leaves part of a file readable does not stop the clip from
// opening: a truncated video keeps its intact frames (Info().Notes says
// where it stops, and later frames give errors naming the file), and a
// truncated sound file keeps the samples before the cut (Soundtrack's
// Missing says so). Files that are missing, or of which nothing is usable,
// make OpenStoredClip fail with an error naming the file.
type StoredClip struct {
	info      engine.ClipInfo
	videoPath string
	audioPath string
	stemPaths [4]string // in audio.Stems order; all "" for a mix-only take
	stemsErr  error     // why stems given to AttachStems cannot be used
	file      *os.File
	video     *MJPEGReader
	damage    error // why frames from video.Len() on cannot be read
	cache     *frameCache
	closed    atomic.Bool

	soundMu sync.Mutex
	sound   *audio.Soundtrack
}

var _ engine.Clip = (*StoredClip)(nil)

// storedCacheFrames is how many decoded frames a StoredClip keeps.
const storedCacheFrames = 4

// StoredOptions tune OpenStoredClipWith.
type StoredOptions struct {
	// Unverified skips the hash check of files named by their SHA-256.
	// The player uses it: it opens takes often and shows a damaged take
	// as far as it goes; exports and `kino frame` check.
	Unverified bool
}

// OpenStoredClip opens a take's video and sound files (see
// OpenStoredClipWith), checking the hash of files named by their SHA-256
// as project media are: a file changed or damaged since it was stored is
// refused (ECORRUPT naming it), so it is never exported silently. The
// video's hash is computed while its frames are indexed, which reads the
// whole file anyway; the sound file's while its header is checked.
func OpenStoredClip(videoPath, audioPath string, info engine.ClipInfo) (*StoredClip, error) {
	return OpenStoredClipWith(videoPath, audioPath, info, StoredOptions{})
}

// OpenStoredClipWith opens a take's video (MJPEG) and sound (WAV) files.
// audioPath may be "" for a take stored without sound; its soundtrack is
// then silent, and says so in Missing. info is the take's metadata: a zero
// Width/Height or Frames is filled in from the video; a non-zero size must
// match the video's; Rate must be valid. The sound file's header is checked
// here (it must be 48 kHz); its samples are read on the first Soundtrack
// call.
func OpenStoredClipWith(videoPath, audioPath string, info engine.ClipInfo, opts StoredOptions) (*StoredClip, error) {
	if err := info.Rate.Validate(); err != nil {
		return nil, fmt.Errorf("opening stored clip %s: %w", videoPath, err)
	}
	if info.Frames < 0 {
		return nil, project.Errorf(project.EINVALID, "opening stored clip %s: %d frames", videoPath, info.Frames)
	}
	info.Notes = append([]string(nil), info.Notes...)
	c := &StoredClip{videoPath: videoPath, audioPath: audioPath, cache: newFrameCache(storedCacheFrames)}
	if err := c.openVideo(&info, !opts.Unverified); err != nil {
		return nil, err
	}
	if audioPath != "" {
		if err := checkSoundFile(audioPath, !opts.Unverified); err != nil {
			c.file.Close()
			return nil, err
		}
	}
	c.info = info
	return c, nil
}

func (c *StoredClip) openVideo(info *engine.ClipInfo, verify bool) error {
	path := c.videoPath
	f, _, err := files.Open(path, 0) // a FIFO or device is refused without blocking
	if err != nil {
		return project.WrapError(project.ENOTFOUND, err, "video file %s cannot be opened", path)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return project.WrapError(project.ENOTFOUND, err, "video file %s cannot be read", path)
	}
	fail := func(err error) error {
		f.Close()
		return err
	}
	var rd *MJPEGReader
	var damage error
	if want := ContentHash(path); verify && want != "" {
		// Index through a hashing reader, then read frames from the file.
		hr := newHashingReaderAt(f, st.Size())
		rd, damage = OpenMJPEG(hr, st.Size())
		rd.r = f
		got, err := hr.sum()
		if err != nil {
			return fail(project.WrapError(project.ECORRUPT, err, "video file %s cannot be read", path))
		}
		if got != want {
			return fail(hashMismatch("video file", path))
		}
	} else {
		rd, damage = OpenMJPEG(f, st.Size())
	}
	if rd.Len() == 0 {
		if damage == nil {
			damage = errors.New("the file is empty")
		}
		return fail(project.WrapError(project.ECORRUPT, damage, "video file %s has no readable frames", path))
	}
	cfg, err := rd.FrameConfig(0)
	if err != nil {
		return fail(project.WrapError(project.ECORRUPT, err, "video file %s is damaged", path))
	}
	switch {
	case info.Width == 0 && info.Height == 0:
		info.Width, info.Height = cfg.Width, cfg.Height
	case info.Width != cfg.Width || info.Height != cfg.Height:
		return fail(project.Errorf(project.ECORRUPT, "video file %s has %dx%d frames but the take is %dx%d", path, cfg.Width, cfg.Height, info.Width, info.Height))
	}
	if info.Frames == 0 {
		info.Frames = rd.Len()
	}
	switch {
	case damage != nil && rd.Len() < info.Frames:
		info.Notes = append(info.Notes, fmt.Sprintf("video file %s is damaged: frames %d to %d cannot be shown (%v)", path, rd.Len(), info.Frames-1, damage))
	case damage != nil:
		info.Notes = append(info.Notes, fmt.Sprintf("video file %s is damaged after frame %d (%v)", path, rd.Len()-1, damage))
	case rd.Len() < info.Frames:
		damage = fmt.Errorf("the file ends after %d frames", rd.Len())
		info.Notes = append(info.Notes, fmt.Sprintf("video file %s has %d frames, not %d: the rest cannot be shown", path, rd.Len(), info.Frames))
	case rd.Len() > info.Frames:
		info.Notes = append(info.Notes, fmt.Sprintf("video file %s has %d frames; the take uses the first %d", path, rd.Len(), info.Frames))
	}
	c.file, c.video, c.damage = f, rd, damage
	return nil
}

// checkSoundFile checks a take's sound file: a 48 kHz WAV and, with
// verify, content that matches the hash its name promises (one streaming
// read of the file).
func checkSoundFile(path string, verify bool) error {
	f, _, err := files.Open(path, 0)
	if err != nil {
		return project.WrapError(project.ENOTFOUND, err, "sound file %s cannot be opened", path)
	}
	defer f.Close()
	var r io.Reader = f
	want := ContentHash(path)
	h := sha256.New()
	if verify && want != "" {
		r = io.TeeReader(f, h)
	}
	wi, err := ReadWAVInfo(r)
	if verify && want != "" {
		if _, cerr := io.Copy(h, f); cerr != nil {
			return project.WrapError(project.ECORRUPT, cerr, "sound file %s cannot be read", path)
		}
		if hex.EncodeToString(h.Sum(nil)) != want {
			return hashMismatch("sound file", path)
		}
	}
	if err != nil {
		return project.WrapError(project.ECORRUPT, err, "sound file %s is damaged", path)
	}
	if wi.Rate != audio.SampleRate {
		return project.Errorf(project.EINVALID, "sound file %s is %d Hz; stored clips must be %d Hz", path, wi.Rate, audio.SampleRate)
	}
	return nil
}

// AttachStems gives the clip the files of its take's four stems (48 kHz
// WAV, in any format ReadWAV reads), which Soundtrack and SoundSource then
// return beside the mix. A take stores all four or none: a missing one is
// an error, as is a file that cannot be read; the clip then stays mix only
// and its sound's Missing says why (its mix still plays and exports).
func (c *StoredClip) AttachStems(paths map[audio.Stem]string) error {
	var ps [4]string
	fail := func(err error) error {
		c.soundMu.Lock()
		c.stemsErr, c.sound = err, nil
		c.soundMu.Unlock()
		return err
	}
	for i, name := range audio.Stems {
		p, ok := paths[name]
		if !ok {
			return fail(project.Errorf(project.ECORRUPT, "the take stores stems but not its %s stem", name))
		}
		f, err := openSoundFile(p)
		if err != nil {
			return fail(fmt.Errorf("%s stem: %w", name, err))
		}
		f.Close()
		ps[i] = p
	}
	c.soundMu.Lock()
	c.stemPaths, c.sound = ps, nil
	c.soundMu.Unlock()
	return nil
}

// HasStems reports whether the take stored its stems. Takes made before
// Kino kept stems have only their mix ("mix only").
func (c *StoredClip) HasStems() bool { return c.stemPaths[0] != "" }

// Info implements engine.Clip.
func (c *StoredClip) Info() engine.ClipInfo {
	info := c.info
	info.Notes = append([]string(nil), c.info.Notes...)
	return info
}

// Frame implements engine.Clip: it decodes frame i alone (usually to an
// *image.YCbCr) and keeps the last few decoded frames. The image may be
// shared with other callers and must not be modified.
func (c *StoredClip) Frame(i int) (image.Image, error) {
	if c.closed.Load() {
		return nil, fmt.Errorf("stored clip %s: frame %d: the clip is closed", c.videoPath, i)
	}
	if i < 0 || i >= c.info.Frames {
		return nil, project.Errorf(project.EINVALID, "stored clip %s: frame %d is outside 0 to %d", c.videoPath, i, c.info.Frames-1)
	}
	if img, ok := c.cache.get(i); ok {
		return img, nil
	}
	if i >= c.video.Len() {
		return nil, project.WrapError(project.ECORRUPT, c.damage, "video file %s: frame %d cannot be read", c.videoPath, i)
	}
	img, err := c.video.Frame(i)
	if err != nil {
		return nil, project.WrapError(project.ECORRUPT, err, "video file %s is damaged", c.videoPath)
	}
	if s := img.Bounds().Size(); s.X != c.info.Width || s.Y != c.info.Height {
		return nil, project.Errorf(project.ECORRUPT, "video file %s: frame %d is %dx%d but the clip is %dx%d", c.videoPath, i, s.X, s.Y, c.info.Width, c.info.Height)
	}
	c.cache.put(i, img)
	return img, nil
}

// FrameJPEG returns frame i as the JPEG file the take stores, for
// exporters that hand JPEGs on as they are.
func (c *StoredClip) FrameJPEG(i int) ([]byte, error) { return c.AppendFrameJPEG(nil, i) }

// AppendFrameJPEG appends frame i's JPEG file to dst (pass dst[:0] to
// reuse its memory from frame to frame).
func (c *StoredClip) AppendFrameJPEG(dst []byte, i int) ([]byte, error) {
	if c.closed.Load() {
		return nil, fmt.Errorf("stored clip %s: frame %d: the clip is closed", c.videoPath, i)
	}
	if i < 0 || i >= c.info.Frames {
		return nil, project.Errorf(project.EINVALID, "stored clip %s: frame %d is outside 0 to %d", c.videoPath, i, c.info.Frames-1)
	}
	if i >= c.video.Len() {
		return nil, project.WrapError(project.ECORRUPT, c.damage, "video file %s: frame %d cannot be read", c.videoPath, i)
	}
	data, err := c.video.AppendFrameBytes(dst, i)
	if err != nil {
		return nil, project.WrapError(project.ECORRUPT, err, "video file %s is damaged", c.videoPath)
	}
	return data, nil
}

// FrameYCbCr decodes frame i as the JPEG stores it (usually 4:2:0
// YCbCr, BT.601 full range) on the calling goroutine alone, for exporters
// that decode many frames in parallel themselves: it neither splits the
// frame across cores nor fills the cache (a cached frame is used). The
// image must not be modified.
func (c *StoredClip) FrameYCbCr(i int) (image.Image, error) {
	if c.closed.Load() {
		return nil, fmt.Errorf("stored clip %s: frame %d: the clip is closed", c.videoPath, i)
	}
	if i < 0 || i >= c.info.Frames {
		return nil, project.Errorf(project.EINVALID, "stored clip %s: frame %d is outside 0 to %d", c.videoPath, i, c.info.Frames-1)
	}
	if img, ok := c.cache.get(i); ok {
		return img, nil
	}
	if i >= c.video.Len() {
		return nil, project.WrapError(project.ECORRUPT, c.damage, "video file %s: frame %d cannot be read", c.videoPath, i)
	}
	data, err := c.video.FrameBytes(i)
	if err != nil {
		return nil, project.WrapError(project.ECORRUPT, err, "video file %s is damaged", c.videoPath)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, project.WrapError(project.ECORRUPT, err, "video file %s: frame %d is damaged", c.videoPath, i)
	}
	if s := img.Bounds().Size(); s.X != c.info.Width || s.Y != c.info.Height {
		return nil, project.Errorf(project.ECORRUPT, "video file %s: frame %d is %dx%d but the clip is %dx%d", c.videoPath, i, s.X, s.Y, c.info.Width, c.info.Height)
	}
	return img, nil
}

// RenderFrame implements engine.Clip: it decodes frame i (or takes it from
// the cache) and converts it straight into dst, which must be the clip's
// size. Decoding allocates the decoded planes; dst is reused.
func (c *StoredClip) RenderFrame(i int, dst *image.RGBA) error {
	if s := dst.Rect.Size(); s.X != c.info.Width || s.Y != c.info.Height {
		return project.Errorf(project.EINVALID, "stored clip %s: rendering frame %d into a %dx%d image; the clip is %dx%d", c.videoPath, i, s.X, s.Y, c.info.Width, c.info.Height)
	}
	img, err := c.Frame(i)
	if err != nil {
		return err
	}
	drawFrame(dst, img)
	return nil
}

// Soundtrack implements engine.Clip. The WAV is read on the first call and
// kept; the result is shared and must not be modified. A mono file is
// spread to both channels and a file with more than two channels keeps its
// first two. Stems holds the stems given by AttachStems (empty for a
// mix-only take). SoundSource reads the same sound without holding it. A take
// stored without sound, or whose sound file is cut off, gets silence for
// what is missing, with a Missing entry naming the file.
func (c *StoredClip) Soundtrack() (*audio.Soundtrack, error) {
	c.soundMu.Lock()
	defer c.soundMu.Unlock()
	if c.sound != nil {
		return c.sound, nil
	}
	if c.closed.Load() {
		return nil, fmt.Errorf("stored clip %s: sound: the clip is closed", c.videoPath)
	}
	want := c.soundFrames()
	st := &audio.Soundtrack{Stems: map[audio.Stem]audio.PCM{}}
	if c.audioPath == "" {
		st.Mix = audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: make([]float32, 2*want)}
		st.Missing = []string{"sound: this take was stored without a sound file"}
		c.sound = st
		return st, nil
	}
	f, _, err := files.Open(c.audioPath, 0)
	if err != nil {
		return nil, project.WrapError(project.ENOTFOUND, err, "sound file %s cannot be opened", c.audioPath)
	}
	defer f.Close()
	pcm, wi, err := ReadWAV(f)
	if err != nil && len(pcm.Samples) == 0 {
		return nil, project.WrapError(project.ECORRUPT, err, "sound file %s is damaged", c.audioPath)
	}
	if pcm.Rate != audio.SampleRate {
		return nil, project.Errorf(project.EINVALID, "sound file %s is %d Hz; stored clips must be %d Hz", c.audioPath, pcm.Rate, audio.SampleRate)
	}
	st.Mix = toStereo(pcm)
	if err != nil {
		have := st.Mix.Len()
		if have < want {
			st.Mix.Samples = append(st.Mix.Samples, make([]float32, 2*(want-have))...)
		}
		st.Missing = append(st.Missing, fmt.Sprintf("sound: file %s is cut off after %.2f s; the rest is silent (%v)", c.audioPath, float64(have)/audio.SampleRate, err))
	}
	if wi.Channels > 2 {
		st.Missing = append(st.Missing, fmt.Sprintf("sound: file %s has %d channels; only the first two are played", c.audioPath, wi.Channels))
	}
	if c.stemsErr != nil {
		st.Missing = append(st.Missing, fmt.Sprintf("stems: %v; only the mix is used", c.stemsErr))
	}
	if c.HasStems() {
		for i, p := range c.stemPaths {
			pcm, err := readStem(p)
			if err != nil {
				return nil, fmt.Errorf("%s stem: %w", audio.Stems[i], err)
			}
			st.Stems[audio.Stems[i]] = pcm
		}
	}
	c.sound = st
	return st, nil
}

// readStem reads a whole stem file as 48 kHz stereo.
func readStem(path string) (audio.PCM, error) {
	f, err := os.Open(path)
	if err != nil {
		return audio.PCM{}, project.WrapError(project.ENOTFOUND, err, "sound file %s cannot be opened", path)
	}
	defer f.Close()
	pcm, _, err := ReadWAV(f)
	if err != nil {
		return audio.PCM{}, project.WrapError(project.ECORRUPT, err, "sound file %s is damaged", path)
	}
	return toStereo(pcm), nil
}

// soundFrames is the clip's length in 48 kHz sample frames.
func (c *StoredClip) soundFrames() int {
	r := c.info.Rate
	return int(int64(c.info.Frames) * audio.SampleRate * r.Den / r.Num)
}

// toStereo returns pcm as two channels.
func toStereo(pcm audio.PCM) audio.PCM {
	switch pcm.Channels {
	case 2:
		return pcm
	case 1:
		out := make([]float32, 2*len(pcm.Samples))
		for i, s := range pcm.Samples {
			out[2*i], out[2*i+1] = s, s
		}
		return audio.PCM{Rate: pcm.Rate, Channels: 2, Samples: out}
	}
	n := pcm.Len()
	out := make([]float32, 2*n)
	for i := range n {
		out[2*i], out[2*i+1] = pcm.Samples[i*pcm.Channels], pcm.Samples[i*pcm.Channels+1]
	}
	return audio.PCM{Rate: pcm.Rate, Channels: 2, Samples: out}
}

// Close releases the video file and the cached frames. Later Frame and
// RenderFrame calls fail; a soundtrack already loaded stays available.
func (c *StoredClip) Close() error {
	if c.closed.Swap(true) {
		return nil
	}
	c.cache.clear()
	if err := c.file.Close(); err != nil {
		return fmt.Errorf("closing video file %s: %w", c.videoPath, err)
	}
	return nil
}
