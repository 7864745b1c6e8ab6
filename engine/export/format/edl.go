package format

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"kino/project"
)

// MaxEDLEvents is the most events a CMX 3600 EDL numbers (three digits).
const MaxEDLEvents = 999

// EDL returns a CMX 3600 EDL of the hand-off: one cut event per shot
// with media, picture and its stereo sound together (AA/V) from the
// shot's active take, its source timecodes running from 00:00:00:00 in
// that file and its record timecodes placing it on the timeline (from the
// record start). Each event's reel is the file's own eight-character name
// (unique in the list), and "* FROM CLIP NAME:" and "* SOURCE FILE:" give
// the file's name exactly, UTF-8 as it is on disk. Gaps advance the
// record time and get no event. The audio lane's music and voice-over
// clips are in the OTIO and FCPXML (an EDL event list has one track of
// cuts); a remark names them. Timecode is non-drop-frame at the rate's
// whole frames per second. More than MaxEDLEvents events is an EINVALID
// error.
func EDL(h *Handoff) ([]byte, error) {
	var b strings.Builder
	t := edlText(h.Title)
	if t == "" {
		t = "Kino"
	}
	fmt.Fprintf(&b, "TITLE: %s\r\n", t)
	b.WriteString("FCM: NON-DROP FRAME\r\n\r\n")
	tc := func(f int64) string { return project.Frames(f, h.Rate).Timecode() }
	takeReels := reels(h)
	event := 0
	rec := h.Start
	for i, s := range h.Shots {
		if !s.Gap {
			event++
			if event > MaxEDLEvents {
				return nil, project.Errorf(project.EINVALID, "the timeline has more than %d shots with media; a CMX 3600 EDL numbers at most %d events (use the OTIO or FCPXML file)", MaxEDLEvents, MaxEDLEvents)
			}
			tk := s.Takes[s.Active]
			name := filepath.Base(tk.Video)
			fmt.Fprintf(&b, "%03d  %-8s %-5s %-4s     %s %s %s %s\r\n", event, takeReels[i][s.Active], "AA/V", "C",
				tc(0), tc(s.Frames), tc(rec), tc(rec+s.Frames))
			fmt.Fprintf(&b, "* FROM CLIP NAME: %s\r\n", oneLine(name))
			fmt.Fprintf(&b, "* SOURCE FILE: %s\r\n", oneLine(name))
			take := ""
			if tk.Number > 0 {
				take = fmt.Sprintf(" TAKE %d", tk.Number)
			}
			fmt.Fprintf(&b, "* COMMENT: KINO SHOT %d%s SEED %d %s\r\n\r\n", s.Number, take, tk.Origin.Seed, edlText(tk.Origin.Backend))
		}
		rec += s.Frames
	}
	for _, l := range h.Lanes {
		fmt.Fprintf(&b, "* KINO %s CLIP %s AT %s IS IN THE OTIO AND FCPXML: %s\r\n", strings.ToUpper(string(l.Lane)), edlText(l.Name), tc(h.Start+l.Start), oneLine(filepath.Base(l.File)))
	}
	return []byte(b.String()), nil
}

// reels gives every take's file an EDL reel name of at most eight
// characters, unique in the EDL, taken from the end of its file name
// (SHOT003, S003T2), by shot and take.
func reels(h *Handoff) [][]string {
	used := map[string]bool{}
	name := func(file string) string {
		stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		parts := strings.Split(stem, ".")
		last := parts[len(parts)-1]
		if len(parts) > 1 && strings.HasPrefix(last, "take") && strings.HasPrefix(parts[len(parts)-2], "shot") {
			// An alternate take: S003T2.
			last = "S" + strings.TrimPrefix(parts[len(parts)-2], "shot") + "T" + strings.TrimPrefix(last, "take")
		}
		var b strings.Builder
		for _, r := range strings.ToUpper(ToASCII(last)) {
			if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
				b.WriteRune(r)
			}
		}
		reel := b.String()
		if reel == "" {
			reel = "KINO"
		}
		if len(reel) > 8 {
			reel = reel[len(reel)-8:]
		}
		for n := 2; used[reel]; n++ {
			suffix := strconv.Itoa(n)
			cut := min(len(reel), 8-len(suffix))
			reel = reel[:cut] + suffix
		}
		used[reel] = true
		return reel
	}
	takes := make([][]string, len(h.Shots))
	for i, s := range h.Shots {
		for _, t := range s.Takes {
			takes[i] = append(takes[i], name(t.Video))
		}
	}
	return takes
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
