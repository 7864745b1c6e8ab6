package export

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/export/format"
	"kino/project"
)

// The editor hand-off (FormatOTIO, FormatEDL, FormatFCPXML) writes one
// set of files beside each other, whichever of the three is asked for:
//
//	NAME.otio, NAME.edl, NAME.fcpxml         the timeline, three ways
//	NAME.shot003.mp4                         shot 3's active take (picture and mix)
//	NAME.shot003.dialogue.wav (…effects, …)  its stems, 32-bit float
//	NAME.shot003.take2.mp4, …take2.music.wav the shot's other takes
//	NAME.music01.wav, NAME.voiceover01.wav   the audio lane's clips
//
// each with its provenance sidecar. handoffPlan is that set, decided
// before anything is written.

// handoffPlan is the hand-off's files and timeline.
type handoffPlan struct {
	title       string
	rate        project.Rate
	start       int64 // record start, in frames (01:00:00:00 with --start-hour)
	w, h        int
	otio, edl   string
	fcpxml      string
	shots       []*hoShot
	lanes       []*hoLane
	total       int64 // frames
	mediaExt    string
	hasAnyStems bool
}

// hoShot is one shot of the hand-off.
type hoShot struct {
	sm          ShotMedia
	number      int
	start       int64 // on the timeline, in frames
	frames      int64
	gap         bool // a placeholder left out: a gap
	placeholder bool
	prov        ShotProvenance
	takes       []*hoTake
	active      int // index into takes
	dialogue    []project.DialogueLine
}

// hoTake is one take of a shot, with the files written for it.
type hoTake struct {
	key    string // media reference key: "take3", or "render" for a fresh render
	number int
	sm     ShotMedia // the shot with this take as its clip
	open   func() (engine.Clip, error)
	prov   ShotProvenance
	video  string
	stems  [4]string // "" when the take is mix only
}

// hoLane is a music or voice-over clip of the audio lane.
type hoLane struct {
	am     AudioMedia
	file   string
	start  int64 // frames, on the timeline (may be negative)
	frames int64 // the clip's length, rounded up to whole frames
	// channels and rate describe the written file.
	channels, rate int
}

// handoffBase returns the path every hand-off file name starts with: Out
// without its extension, its name folded to ASCII with --ascii-names.
func handoffBase(out string, asciiNames bool) string {
	base := withExt(out, "")
	if !asciiNames {
		return base
	}
	return filepath.Join(filepath.Dir(base), asciiSafe(filepath.Base(base)))
}

// asciiSafe folds a file name to letters, digits, '.', '-' and '_':
// Latin letters lose their marks and anything else becomes '_'.
func asciiSafe(name string) string {
	var b strings.Builder
	under := false
	for _, r := range format.ToASCII(name) {
		ok := r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_')
		if !ok {
			if !under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		b.WriteRune(r)
		under = false
	}
	s := strings.Trim(b.String(), "_.")
	if s == "" {
		s = "kino"
	}
	return s
}

// HandoffMediaPath returns where the editor hand-off at out puts the media
// of shot number n's active take: "film.otio" gives "film.shot003.mp4"
// (ext ".mp4", or ".avi" on the pure-Go path).
func HandoffMediaPath(out string, n int, ext string) string {
	return fmt.Sprintf("%s.shot%03d%s", withExt(out, ""), n, ext)
}

// planHandoff decides the hand-off's files for t.
func (e *exporter) planHandoff(t *Timeline, w, h int) (*handoffPlan, error) {
	base := handoffBase(e.opts.Out, e.opts.ASCIINames)
	p := &handoffPlan{
		title: t.Title, rate: t.Rate, w: w, h: h,
		otio: base + ".otio", edl: base + ".edl", fcpxml: base + ".fcpxml", mediaExt: ".mp4",
	}
	if e.ffmpeg == "" {
		p.mediaExt = ".avi"
	}
	if e.opts.RecordStart != "" {
		tc, err := project.ParseTime(e.opts.RecordStart, t.Rate)
		if err != nil {
			return nil, project.Errorf(project.EINVALID, "record start %q: %v", e.opts.RecordStart, err)
		}
		p.start = tc.Rescale(t.Rate).Frames
	}
	var at int64
	for i, s := range t.Shots {
		hs := &hoShot{sm: s, number: s.Shot.Number(), start: at, frames: s.frames(t.Rate), prov: e.prov.Shots[i], placeholder: s.Placeholder}
		at += hs.frames
		p.shots = append(p.shots, hs)
		hs.dialogue = shotDialogue(s)
		if s.Placeholder && e.opts.PlaceholderGaps {
			hs.gap = true
			e.notes(fmt.Sprintf("shot %d was not generated; it is a gap in the hand-off", hs.number))
			continue
		}
		shotBase := fmt.Sprintf("%s.shot%03d", base, hs.number)
		active := &hoTake{key: "render", sm: s, prov: hs.prov}
		if s.Take != nil {
			active.number = s.TakeNumber
			active.key = takeKey(s.TakeNumber, s.Take.ID)
		}
		if s.Placeholder {
			active.key = "placeholder"
		}
		active.video = shotBase + p.mediaExt
		if !s.Placeholder && clipHasStems(s) {
			active.stems = stemFiles(shotBase)
		}
		hs.takes = append(hs.takes, active)
		for _, alt := range s.Alternates {
			// An alternate that cannot be opened is left out, not fatal.
			stems, err := alternateHasStems(alt)
			if err != nil {
				e.notes(fmt.Sprintf("shot %d, take %d is left out of the hand-off: %v", hs.number, alt.Number, err))
				continue
			}
			ht := &hoTake{key: takeKey(alt.Number, alt.Take.ID), number: alt.Number, open: alt.Open}
			ht.sm = ShotMedia{Shot: s.Shot, Take: alt.Take, TakeNumber: alt.Number, Cameos: s.Cameos}
			ht.prov = takeProvenance(hs.prov, alt.Take)
			takeBase := fmt.Sprintf("%s.take%d", shotBase, alt.Number)
			ht.video = takeBase + p.mediaExt
			if stems {
				ht.stems = stemFiles(takeBase)
			}
			hs.takes = append(hs.takes, ht)
		}
		// Keys sort by take number in editors' lists; the active one is
		// named by active_media_reference_key.
		for _, tk := range hs.takes {
			p.hasAnyStems = p.hasAnyStems || tk.stems[0] != ""
		}
	}
	p.total = at
	counts := map[project.AudioLane]int{}
	for _, a := range t.Audio {
		counts[a.Clip.Lane]++
		lane := "music"
		if a.Clip.Lane == project.LaneVoiceOver {
			lane = "voiceover"
		}
		st := a.Clip.Start.Rescale(t.Rate)
		p.lanes = append(p.lanes, &hoLane{am: a, start: st.Frames, file: fmt.Sprintf("%s.%s%02d.wav", base, lane, counts[a.Clip.Lane])})
	}
	return p, nil
}

// alternateHasStems opens an alternate take to see whether its stems can
// be read.
func alternateHasStems(alt Alternate) (bool, error) {
	if alt.Open == nil {
		return false, fmt.Errorf("it cannot be opened")
	}
	clip, err := alt.Open()
	if err != nil {
		return false, err
	}
	if c, ok := clip.(io.Closer); ok {
		defer c.Close()
	}
	return clipHasStems(ShotMedia{Clip: clip}), nil
}

// takeKey is the OTIO media reference key of take number n (id as a
// fallback when the number is unknown).
func takeKey(n int, id int64) string {
	if n > 0 {
		return "take" + strconv.Itoa(n)
	}
	return "take-id" + strconv.FormatInt(id, 10)
}

// stemFiles returns the stem WAVs of the take whose files start with base.
func stemFiles(base string) [4]string {
	var out [4]string
	for i, s := range audio.Stems {
		out[i] = base + "." + string(s) + ".wav"
	}
	return out
}

// takeProvenance is shot provenance p for take t instead of the active one.
func takeProvenance(p ShotProvenance, t *project.Take) ShotProvenance {
	p.TakeID, p.ParamsHash, p.Backend, p.Model, p.Seed = t.ID, t.ParamsHash, t.Backend, t.Model, t.Seed
	p.ModelHash = t.ModelHash
	var req struct {
		Prompt         string `json:"prompt"`
		NegativePrompt string `json:"negative_prompt"`
	}
	if json.Unmarshal([]byte(t.Request), &req) == nil && req.Prompt != "" {
		p.Prompt, p.NegativePrompt = req.Prompt, req.NegativePrompt
	}
	return p
}

// shotDialogue returns the dialogue the shot's active take speaks: its
// request's, or the shot's own.
func shotDialogue(s ShotMedia) []project.DialogueLine {
	if s.Take != nil && s.Take.Request != "" {
		var req engine.Request
		if json.Unmarshal([]byte(s.Take.Request), &req) == nil {
			out := make([]project.DialogueLine, len(req.Dialogue))
			for i, l := range req.Dialogue {
				out[i] = project.DialogueLine{Speaker: l.Speaker, Text: l.Text, Start: l.Start}
			}
			return out
		}
	}
	return s.Shot.Dialogue
}

// files lists every file the plan writes (sidecars not included).
func (p *handoffPlan) files() []string {
	out := []string{p.otio, p.edl, p.fcpxml}
	for _, s := range p.shots {
		for _, t := range s.takes {
			out = append(out, t.video)
			for _, f := range t.stems {
				if f != "" {
					out = append(out, f)
				}
			}
		}
	}
	for _, l := range p.lanes {
		out = append(out, l.file)
	}
	return out
}

// document is the plan as the hand-off's documents read it, once the
// media are written (the lane clips' lengths are known then).
func (e *exporter) document(p *handoffPlan) *format.Handoff {
	h := &format.Handoff{
		Title: p.title, Rate: p.rate, Start: p.start, Width: p.w, Height: p.h, Frames: p.total,
		App: e.opts.App, Version: e.opts.Version, ExportedAt: e.prov.ExportedAt, Watermark: !e.opts.NoWatermark,
	}
	for _, s := range p.shots {
		hs := format.HandoffShot{Number: s.number, Start: s.start, Frames: s.frames, Gap: s.gap, Placeholder: s.placeholder,
			Origin: origin(s.prov), Active: s.active, Dialogue: s.dialogue}
		for _, t := range s.takes {
			hs.Takes = append(hs.Takes, format.HandoffTake{Key: t.key, Number: t.number, Origin: origin(t.prov), Video: t.video, Stems: t.stems})
		}
		h.Shots = append(h.Shots, hs)
	}
	for _, l := range p.lanes {
		c := l.am.Clip
		h.Lanes = append(h.Lanes, format.HandoffLane{Lane: c.Lane, Name: c.Name, GainDB: c.GainDB, SHA256: c.Asset.SHA256,
			File: l.file, Start: l.start, Frames: l.frames, Channels: l.channels, Rate: l.rate})
	}
	return h
}

// origin is how a take was made, from its provenance.
func origin(p ShotProvenance) format.Origin {
	o := format.Origin{Shot: p.Number, ShotID: p.ShotID, TakeID: p.TakeID, Prompt: p.Prompt, NegativePrompt: p.NegativePrompt,
		Backend: p.Backend, Model: p.Model, ModelHash: p.ModelHash, ParamsHash: p.ParamsHash, Seed: p.Seed, Placeholder: p.Placeholder}
	for _, c := range p.Cameos {
		o.Cameos = append(o.Cameos, format.Cameo(c))
	}
	return o
}
