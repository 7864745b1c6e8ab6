package foley

import (
	"kino/engine/scene"
	"kino/project"
)

// groove is how a music bed is played: tempo, mode, harmony and which
// parts play in what manner. Moods pick a groove; styles then adjust it.
type groove struct {
	bpmLo, bpmHi  float64
	minor         bool
	progs         [][]int // chord progressions as scale degrees, 0-based
	sevenths      bool
	beatsPerChord int
	swing         bool // eighths played long-short (noir)

	pad       bool
	padCut    float64 // pad low-pass cutoff, Hz
	padAttack float64 // seconds

	bass    string // "", "roots", "oompah", "walking", "pulse"
	chords  string // "", "strum"
	arp     string // "", "roll" (eighth-note broken chords), "synth" (sixteenth synth arpeggio)
	melody  string // "", "bells", "pizz", "xylo", "muted"
	drums   string // "", "hats", "four", "heartbeat", "taiko", "brushes"
	unease  bool   // swelling minor seconds high above (tense)
	vintage bool   // band-limited, with record crackle
}

// grooves by mood.
var moodGrooves = map[scene.Mood]groove{
	scene.Calm: {bpmLo: 62, bpmHi: 72, progs: [][]int{{0, 3}, {0, 4, 5, 3}, {3, 0}}, sevenths: true, beatsPerChord: 8,
		pad: true, padCut: 1400, padAttack: 1.0, bass: "roots", melody: "bells"},
	scene.Romantic: {bpmLo: 64, bpmHi: 76, progs: [][]int{{0, 5, 3, 4}, {0, 2, 3, 4}, {3, 4, 2, 5}}, sevenths: true, beatsPerChord: 4,
		pad: true, padCut: 1800, padAttack: 0.6, bass: "roots", arp: "roll"},
	scene.Festive: {bpmLo: 112, bpmHi: 128, progs: [][]int{{0, 4, 5, 3}, {0, 3, 4, 0}, {0, 5, 3, 4}}, beatsPerChord: 4,
		pad: true, padCut: 2500, padAttack: 0.15, bass: "roots", chords: "strum", melody: "bells", drums: "four"},
	scene.Tense: {bpmLo: 58, bpmHi: 68, minor: true, progs: [][]int{{0, 0, 5, 0}, {0, 1, 0, 1}}, beatsPerChord: 8,
		pad: true, padCut: 600, padAttack: 1.5, bass: "roots", drums: "heartbeat", unease: true},
	scene.Epic: {bpmLo: 76, bpmHi: 90, minor: true, progs: [][]int{{0, 5, 2, 6}, {0, 3, 5, 4}}, beatsPerChord: 4,
		pad: true, padCut: 2200, padAttack: 0.3, bass: "roots", drums: "taiko"},
	scene.Playful: {bpmLo: 118, bpmHi: 136, progs: [][]int{{0, 3, 4, 0}, {0, 5, 1, 4}}, beatsPerChord: 4,
		bass: "oompah", melody: "pizz", drums: "hats"},
	scene.Melancholy: {bpmLo: 58, bpmHi: 68, minor: true, progs: [][]int{{0, 5, 2, 6}, {0, 3, 5, 4}, {0, 3, 0, 4}}, sevenths: true, beatsPerChord: 4,
		pad: true, padCut: 1200, padAttack: 0.8, bass: "roots", melody: "bells"},
}

// grooveFor picks the groove for a mood, adjusted by a style.
func grooveFor(mood scene.Mood, style project.Style) groove {
	g, ok := moodGrooves[mood]
	if !ok {
		g = moodGrooves[scene.Calm]
	}
	dark := mood == scene.Tense || mood == scene.Melancholy || mood == scene.Epic
	switch style {
	case project.StyleNoir:
		g.minor, g.sevenths, g.swing = true, true, true
		g.bpmLo, g.bpmHi = 72, 86
		g.progs = [][]int{{0, 3, 0, 4}, {0, 5, 3, 4}, {0, 3, 6, 4}}
		g.beatsPerChord = 4
		g.pad, g.padCut, g.padAttack = true, 800, 0.5
		g.bass, g.chords, g.arp, g.melody, g.drums = "walking", "", "", "muted", "brushes"
		g.unease = false
	case project.StyleCartoon:
		g.minor = dark
		g.bpmLo, g.bpmHi = max(g.bpmLo*1.15, 112), max(g.bpmHi*1.15, 132)
		g.beatsPerChord = 4
		g.pad, g.swing = false, false
		g.bass, g.chords, g.arp, g.melody, g.drums = "oompah", "", "", "xylo", "hats"
		g.unease = false
	case project.StyleNeon:
		g.minor = !(mood == scene.Festive || mood == scene.Playful || mood == scene.Romantic)
		g.bpmLo, g.bpmHi = 98, 116
		g.beatsPerChord = 4
		if len(g.progs[0]) < 4 {
			g.progs = [][]int{{0, 5, 2, 6}}
		}
		g.pad, g.padCut, g.padAttack = true, 2000, 0.3
		g.bass, g.chords, g.arp, g.melody = "pulse", "", "synth", ""
		g.drums = "hats"
		if mood == scene.Festive || mood == scene.Epic {
			g.drums = "four"
		}
	case project.StyleVintage:
		g.vintage = true
	case project.StyleCinematic:
		g.padCut *= 1.3
	}
	return g
}
