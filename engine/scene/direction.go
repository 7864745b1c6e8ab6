package scene

import "kino/project"

// Camera moves that take a direction, and the direction words.

func isMoveBase(v string) bool { return v == "pan" || v == "tilt" || v == "dolly" }

type dir uint8

const (
	dirLeft dir = iota + 1
	dirRight
	dirUp
	dirDown
	dirIn
	dirOut
)

var directions = map[string]dir{
	"left": dirLeft, "leftward": dirLeft, "leftwards": dirLeft, "links": dirLeft,
	"right": dirRight, "rightward": dirRight, "rightwards": dirRight, "rechts": dirRight,
	"up": dirUp, "upward": dirUp, "upwards": dirUp, "hoch": dirUp, "oben": dirUp, "aufwaerts": dirUp, "rauf": dirUp, "herauf": dirUp, "hinauf": dirUp,
	"down": dirDown, "downward": dirDown, "downwards": dirDown, "unten": dirDown, "runter": dirDown, "herunter": dirDown, "hinunter": dirDown, "abwaerts": dirDown,
	"in": dirIn, "inward": dirIn, "inwards": dirIn, "closer": dirIn, "rein": dirIn, "herein": dirIn, "hinein": dirIn, "heran": dirIn, "ran": dirIn, "naeher": dirIn,
	"out": dirOut, "outward": dirOut, "outwards": dirOut, "back": dirOut, "away": dirOut, "raus": dirOut, "heraus": dirOut, "hinaus": dirOut, "zurueck": dirOut, "weg": dirOut,
}

// direction reads the direction after a move word ("pan to the left",
// "schwenkt nach rechts", "zoom out", "pan from left to right") starting at
// token i. It returns the move and the token after the direction, or the
// base move's default and i when no direction follows.
func (r *reader) direction(base string, i int) (project.CameraMove, int) {
	from := false
	for k := i; k < len(r.toks) && k < i+4; k++ {
		t := &r.toks[k]
		if t.stop || t.comma {
			break
		}
		if d, ok := directions[t.norm]; ok {
			m, ok := combineMove(base, d, from)
			if !ok {
				break
			}
			end := k + 1
			if from { // "from left to right": read the destination too
				if m2, end2, ok := r.destination(base, end); ok {
					m, end = m2, end2
				}
			}
			return m, end
		}
		if t.norm == "from" || t.norm == "von" {
			from = true
			continue
		}
		if stopMask[t.norm] == 0 {
			break
		}
	}
	switch base {
	case "pan":
		return project.MovePanRight, i
	case "tilt":
		return project.MoveTiltUp, i
	}
	return project.MoveDollyIn, i
}

// destination reads "to the right", "nach rechts" after an origin.
func (r *reader) destination(base string, i int) (project.CameraMove, int, bool) {
	for k := i; k < len(r.toks) && k < i+3; k++ {
		t := &r.toks[k]
		if t.stop || t.comma {
			break
		}
		if d, ok := directions[t.norm]; ok {
			m, ok := combineMove(base, d, false)
			return m, k + 1, ok
		}
		if stopMask[t.norm] == 0 {
			break
		}
	}
	return "", i, false
}

// combineMove turns a base move and a direction into a move. "from"
// directions are origins: a pan from the left goes right.
func combineMove(base string, d dir, from bool) (project.CameraMove, bool) {
	if from {
		switch d {
		case dirLeft:
			d = dirRight
		case dirRight:
			d = dirLeft
		case dirUp:
			d = dirDown
		case dirDown:
			d = dirUp
		}
	}
	switch base {
	case "pan", "tilt":
		switch d {
		case dirLeft:
			return project.MovePanLeft, true
		case dirRight:
			return project.MovePanRight, true
		case dirUp:
			return project.MoveTiltUp, true
		case dirDown:
			return project.MoveTiltDown, true
		}
	case "dolly":
		switch d {
		case dirIn:
			return project.MoveDollyIn, true
		case dirOut:
			return project.MoveDollyOut, true
		}
	}
	return "", false
}
