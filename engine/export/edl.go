package export

import (
	"fmt"
	"path/filepath"
	"strings"

	"kino/project"
)

// MaxEDLEvents is the most events a CMX 3600 EDL numbers (three digits).
const MaxEDLEvents = 999

// buildEDL returns a CMX 3600 EDL of the hand-off: one cut event per shot
// with media, picture and its stereo sound together (AA/V) from the
// shot's active take, its source timecodes running from 00:00:00:00 in
// that file and its record timecodes placing it on the timeline (from the
// record start, 00:00:00:00 unless asked otherwise). Each event's reel is
// the file's own eight-character name (unique in the list), and
// "* FROM CLIP NAME:" and "* SOURCE FILE:" give the file's name exactly,
// UTF-8 as it is on disk. Gaps (placeholder shots left out) advance the
// record time and get no event. The audio lane's music and voice-over
// clips are in the OTIO and FCPXML (an EDL event list has one track of
// cuts); a remark names them. Timecode is non-drop-frame at the project
// rate's whole frames per second.
func buildEDL(p *handoffPlan) ([]byte, error) {
	var b strings.Builder
	t := edlText(p.title)
	if t == "" {
		t = "Kino"
	}
	fmt.Fprintf(&b, "TITLE: %s\r\n", t)
	b.WriteString("FCM: NON-DROP FRAME\r\n\r\n")
	tc := func(f int64) string { return project.Frames(f, p.rate).Timecode() }
	event := 0
	rec := p.start
	for _, s := range p.shots {
		if !s.gap {
			event++
			if event > MaxEDLEvents {
				return nil, project.Errorf(project.EINVALID, "the timeline has more than %d shots with media; a CMX 3600 EDL numbers at most %d events (use the OTIO or FCPXML file)", MaxEDLEvents, MaxEDLEvents)
			}
			tk := s.takes[s.active]
			name := filepath.Base(tk.video)
			fmt.Fprintf(&b, "%03d  %-8s %-5s %-4s     %s %s %s %s\r\n", event, tk.reel, "AA/V", "C",
				tc(0), tc(s.frames), tc(rec), tc(rec+s.frames))
			fmt.Fprintf(&b, "* FROM CLIP NAME: %s\r\n", oneLine(name))
			fmt.Fprintf(&b, "* SOURCE FILE: %s\r\n", oneLine(name))
			take := ""
			if tk.number > 0 {
				take = fmt.Sprintf(" TAKE %d", tk.number)
			}
			fmt.Fprintf(&b, "* COMMENT: KINO SHOT %d%s SEED %d %s\r\n\r\n", s.number, take, tk.prov.Seed, edlText(tk.prov.Backend))
		}
		rec += s.frames
	}
	for _, l := range p.lanes {
		fmt.Fprintf(&b, "* KINO %s CLIP %s AT %s IS IN THE OTIO AND FCPXML: %s\r\n", strings.ToUpper(string(l.am.Clip.Lane)), edlText(l.am.Clip.Name), tc(p.start+l.start), oneLine(filepath.Base(l.file)))
	}
	return []byte(b.String()), nil
}

// oneLine keeps s on one line: line breaks and other control characters
// become spaces. Everything else (UTF-8 included) is kept as it is.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
}

// edlText makes s safe for one EDL line: no line breaks, runs of spaces
// as one, at most 70 characters. Non-ASCII text is kept as UTF-8.
func edlText(s string) string {
	s = strings.Join(strings.Fields(oneLine(s)), " ")
	if r := []rune(s); len(r) > 70 {
		s = string(r[:70])
	}
	return s
}
