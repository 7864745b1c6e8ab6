package export

import (
	"fmt"
	"path/filepath"
	"strings"

	"kino/project"
)

// MaxEDLEvents is the most events a CMX 3600 EDL numbers (three digits).
const MaxEDLEvents = 999

// buildEDL returns a CMX 3600 EDL of the video track: one cut event per
// shot with media, its source timecodes running from 00:00:00:00 in the
// shot's own file and its record timecodes placing it on the timeline
// (which starts at 00:00:00:00), followed by a "* FROM CLIP NAME:" comment
// naming the file. Gaps (placeholder shots left out) advance the record
// time and get no event. Timecode is non-drop-frame at the project rate's
// whole frames per second.
func buildEDL(title string, r project.Rate, shots []handoffShot) ([]byte, error) {
	var b strings.Builder
	t := edlText(title)
	if t == "" {
		t = "Kino"
	}
	fmt.Fprintf(&b, "TITLE: %s\r\n", t)
	b.WriteString("FCM: NON-DROP FRAME\r\n\r\n")
	event := 0
	var rec int64
	for _, s := range shots {
		if s.media != "" {
			event++
			if event > MaxEDLEvents {
				return nil, project.Errorf(project.EINVALID, "the timeline has more than %d shots with media; a CMX 3600 EDL numbers at most %d events (use the OTIO file)", MaxEDLEvents, MaxEDLEvents)
			}
			tc := func(f int64) string { return project.Frames(f, r).Timecode() }
			fmt.Fprintf(&b, "%03d  %-8s %-5s %-4s     %s %s %s %s\r\n", event, "AX", "V", "C",
				tc(0), tc(s.frames), tc(rec), tc(rec+s.frames))
			fmt.Fprintf(&b, "* FROM CLIP NAME: %s\r\n", edlText(filepath.Base(s.media)))
			fmt.Fprintf(&b, "* COMMENT: KINO SHOT %d TAKE %d SEED %d %s\r\n\r\n", s.prov.Number, s.prov.TakeID, s.prov.Seed, edlText(s.prov.Backend))
		}
		rec += s.frames
	}
	return []byte(b.String()), nil
}

// edlText makes s safe for one EDL line: ASCII, no line breaks, at most
// 70 characters.
func edlText(s string) string {
	s = strings.ReplaceAll(toASCII(s), "·", "-")
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 70 {
		s = string(r[:70])
	}
	return s
}
