package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"kino/engine/c2pa"
	"kino/project"
)

// Format is what Export writes.
type Format string

// Formats.
const (
	// FormatMP4 is H.264 video with AAC sound, encoded by ffmpeg. Without
	// ffmpeg (or with Options.PureGo) an AVI is written instead, named
	// after Out with the extension .avi, and the Result says so.
	FormatMP4 Format = "mp4"
	// FormatAVI is Motion-JPEG video with 16-bit PCM sound in a RIFF AVI
	// 1.0 file, written in pure Go. Files are limited to 1 GiB (see
	// MaxAVISize).
	FormatAVI Format = "avi"
	// FormatWAV is the full mix as a 16-bit 48 kHz stereo WAV file.
	FormatWAV Format = "wav"
	// FormatStems is the mix (Out) and one WAV per stem beside it
	// (NAME.dialogue.wav, NAME.effects.wav, NAME.ambience.wav,
	// NAME.music.wav, and NAME.other.wav when a shot's take is mix only),
	// all 32-bit float 48 kHz stereo of the same length, the mix being
	// their sum. Music clips are on the music stem, voice-over on dialogue.
	FormatStems Format = "stems"
	// FormatPNG is a PNG image per frame in the folder Out.
	FormatPNG Format = "png"
	// FormatOTIO is the editor hand-off: NAME.otio (OpenTimelineIO),
	// NAME.edl (CMX 3600) and NAME.fcpxml (Final Cut Pro XML 1.10) over
	// the same media beside them: per shot and take a video
	// (NAME.shot001.mp4, or .avi without ffmpeg) and its four stems, and
	// the audio lane's clips (see handoff_plan.go).
	FormatOTIO Format = "otio"
	// FormatEDL is the same hand-off as FormatOTIO, named after an .edl path.
	FormatEDL Format = "edl"
	// FormatFCPXML is the same hand-off, named after an .fcpxml path.
	FormatFCPXML Format = "fcpxml"
	// FormatPDF is a printable storyboard: six panels per A4 landscape
	// page, one per shot.
	FormatPDF Format = "pdf"
)

// Formats lists every format in the order menus show them.
var Formats = []Format{FormatMP4, FormatAVI, FormatWAV, FormatStems, FormatPNG, FormatOTIO, FormatEDL, FormatFCPXML, FormatPDF, FormatFountain}

// ParseFormat parses a format name, case-insensitively.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Formats {
		if f == k {
			return f, nil
		}
	}
	return "", project.Errorf(project.EINVALID, "export format %q is not one of %v", s, Formats)
}

// handoff reports whether f is one of the editor hand-off's names.
func (f Format) handoff() bool { return f == FormatOTIO || f == FormatEDL || f == FormatFCPXML }

// Extension is the file extension of the format's main file (with the
// dot), or "" for the PNG folder.
func (f Format) Extension() string {
	if f == FormatPNG {
		return ""
	}
	if f == FormatStems {
		return ".wav"
	}
	return "." + string(f)
}

// Quality is an encoding preset.
type Quality string

// Quality presets.
const (
	QualityDraft    Quality = "draft"
	QualityStandard Quality = "standard"
	QualityHigh     Quality = "high"
)

// ParseQuality parses a preset name; "" means standard.
func ParseQuality(s string) (Quality, error) {
	switch q := Quality(strings.ToLower(strings.TrimSpace(s))); q {
	case "":
		return QualityStandard, nil
	case QualityDraft, QualityStandard, QualityHigh:
		return q, nil
	}
	return "", project.Errorf(project.EINVALID, "quality %q is not draft, standard or high", s)
}

// preset is what a quality means to each encoder.
type preset struct {
	x264Preset string // libx264 -preset
	crf        int    // libx264 -crf
	aacBitrate string // -b:a
	jpeg       int    // JPEG quality for AVI frames and storyboard images
}

func (q Quality) preset() preset {
	switch q {
	case QualityDraft:
		return preset{x264Preset: "veryfast", crf: 28, aacBitrate: "128k", jpeg: 70}
	case QualityHigh:
		return preset{x264Preset: "slow", crf: 17, aacBitrate: "256k", jpeg: 95}
	}
	return preset{x264Preset: "faster", crf: 21, aacBitrate: "192k", jpeg: 85}
}

// Resolution is the output frame size: "" (or "project") for the
// project's, or a height such as "360p", "720p" or "1080p", the width
// following the project's aspect ratio (rounded to an even number).
type Resolution string

// Output resolutions offered in menus.
const (
	ResolutionProject Resolution = "project"
	Resolution360p    Resolution = "360p"
	Resolution720p    Resolution = "720p"
	Resolution1080p   Resolution = "1080p"
)

// size returns the output frame size for a project of w x h.
func (r Resolution) size(w, h int) (int, int, error) {
	s := strings.ToLower(strings.TrimSpace(string(r)))
	if s == "" || s == string(ResolutionProject) {
		return w, h, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "p"))
	if err != nil || !strings.HasSuffix(s, "p") || n < project.MinDimension || n > 4320 {
		return 0, 0, project.Errorf(project.EINVALID, "resolution %q is not the project's or a height such as 360p, 720p or 1080p", string(r))
	}
	ow := int(float64(n)*float64(w)/float64(h)/2+0.5) * 2
	oh := n &^ 1
	if err := (project.Resolution{Width: ow, Height: oh}).Validate(); err != nil {
		return 0, 0, fmt.Errorf("resolution %s: %w", string(r), err)
	}
	return ow, oh, nil
}

// Options control Export.
type Options struct {
	Format Format
	// Out is the main output path: a file, or a folder for FormatPNG.
	Out string
	// Shot exports only the shot with this 1-based number (0: all).
	Shot int
	// Quality is the encoding preset (default standard).
	Quality Quality
	// Resolution is the output frame size (default the project's).
	Resolution Resolution
	// NoWatermark leaves out the visible "AI-generated · Kino" label that
	// video frames carry by default. The choice is recorded in the
	// provenance.
	NoWatermark bool
	// Force replaces outputs that already exist.
	Force bool
	// SkipWithheld exports shots whose take is withheld (a cameo it
	// depicts has no consent for this use) as placeholders labelled with
	// the reason, instead of refusing the export.
	SkipWithheld bool
	// Placeholders lets shots without a clip be exported as slates saying
	// they were not generated. Without it such a shot is an error.
	Placeholders bool
	// PlaceholderGaps makes placeholder shots gaps in the OTIO and EDL
	// hand-off instead of slate clips.
	PlaceholderGaps bool
	// ASCIINames folds the hand-off's file names to ASCII letters, digits
	// and '_' (for editors that mangle other names); otherwise names keep
	// the title as written, and the EDL names files in UTF-8.
	ASCIINames bool
	// RecordStart is the hand-off's record start timecode ("01:00:00:00",
	// as many editors expect); "" starts at 00:00:00:00.
	RecordStart string
	// AbsolutePaths makes the OTIO point at its media with absolute
	// file:// URLs; by default it uses paths relative to the .otio, so
	// the hand-off folder can be moved whole.
	AbsolutePaths bool
	// PureGo never runs ffmpeg: video becomes AVI.
	PureGo bool
	// FFmpeg is the ffmpeg program to run ("" looks up "ffmpeg" on PATH).
	FFmpeg string
	// Workers render and encode frames in parallel (default GOMAXPROCS).
	Workers int
	// App and Version name the program in the provenance (default "Kino"
	// and "dev").
	App, Version string
	// Now is the clock for consent and the export time (default time.Now).
	Now func() time.Time
	// Signer, when set, signs every exported file with C2PA Content
	// Credentials: embedded in MP4, AVI, WAV and PNG files, in a sidecar
	// FILE.c2pa beside the others.
	Signer *c2pa.Signer
}

// Progress is one report from a running export.
type Progress struct {
	// Stage says what is happening: "checking", "sound", "frames",
	// "encoding", "shot 3", "storyboard", "finishing".
	Stage string
	// Fraction of the whole export done, in [0,1].
	Fraction float64
	// Elapsed since the export started; ETA is the estimated time left
	// (0 until there is enough to go on).
	Elapsed, ETA time.Duration
}

// Result describes a finished export.
type Result struct {
	// Main is the main output (the file, or the PNG folder).
	Main string
	// Files lists every path written, Main first, sidecars included.
	Files []string
	// Encoder says how the main file was made: "ffmpeg (libx264 BT.709,
	// aac)", "pure Go (AVI: Motion-JPEG BT.601 full range, PCM)", or the
	// WAV format for sound; "" for the other formats.
	Encoder string
	// UsedFFmpeg is set when ffmpeg encoded the video.
	UsedFFmpeg bool
	// Frames and Duration are the exported length.
	Frames   int64
	Duration project.Time
	// Width and Height are the output frame size (0 for sound-only formats).
	Width, Height int
	// Notes are things a person should know about the result.
	Notes []string
}
