package widget

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/project"
)

// twoClips are a 1.5-second music clip from frame 12 with a loud middle,
// and a voice-over clip from frame 60 whose sound is still being read.
func twoClips() []AudioBlock {
	peaks := make([]float32, 36)
	for i := range peaks {
		peaks[i] = 0.2
	}
	peaks[18] = 1
	return []AudioBlock{
		{ID: 7, Lane: project.LaneMusic, Name: "main theme", Start: 12, Frames: 36, Peaks: peaks},
		{ID: 8, Lane: project.LaneVoiceOver, Name: "narration", Start: 60},
	}
}

func TestTimelineAudioClipsGolden(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	tl.SetAudioClips(twoClips())
	tl.SetSelectedAudio(8)
	test.AssertObjectRendersToMarkup(t, "timeline_audio.xml", tl)
}

func TestTimelineDrawsClipBlocksAndWaveforms(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	tl.SetPeaks(make([]float32, 144))
	tl.SetAudioClips(twoClips())
	r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
	r.Layout(tl.Size())
	ppf := float32(tl.PixelsPerFrame())

	shown := 0
	for _, s := range r.clips {
		if s.bg.Visible() {
			shown++
		}
	}
	if shown != 2 {
		t.Fatalf("%d clip blocks shown, want 2", shown)
	}
	music, voice := r.clips[0], r.clips[1]
	if x := music.bg.Position().X; x != 12*ppf {
		t.Errorf("music block at x=%v, want %v (frame 12)", x, 12*ppf)
	}
	if w := music.bg.Size().Width; w != 36*ppf-1 {
		t.Errorf("music block %v wide, want %v (36 frames of sound)", w, 36*ppf-1)
	}
	// The name is cut to the block's width.
	if n := music.name.Text; len(n) < 4 || !strings.HasPrefix("main theme", n) || !music.name.Visible() {
		t.Errorf("music block named %q (shown %v), want the start of \"main theme\"", n, music.name.Visible())
	}
	if music.bg.FillColor == voice.bg.FillColor {
		t.Error("music and voice-over blocks have the same colour")
	}
	// A clip whose sound is being read is drawn one second long.
	if w := voice.bg.Size().Width; w != 24*ppf-1 {
		t.Errorf("loading voice-over block %v wide, want one second (%v)", w, 24*ppf-1)
	}

	// The raster draws the clip's own waveform in the music colour, the
	// loud frame taller than the rest, and nothing outside the clip.
	size := tl.Size()
	img := r.drawWave(int(size.Width), audioHeight)
	mid := audioHeight / 2
	loud := int(float32(12+18)*ppf) + 1
	quiet := int(float32(12+4)*ppf) + 1
	if got := img.At(loud, 2); got != colMusic {
		t.Errorf("pixel at the loud frame's top = %v, want the music colour %v", got, colMusic)
	}
	if got := img.At(quiet, 2); got == colMusic {
		t.Error("a quiet frame is drawn as tall as the loud one")
	}
	if got := img.At(quiet, mid); got != colMusic {
		t.Errorf("pixel in the middle of a quiet frame = %v, want the music colour", got)
	}
	if got := img.At(int(8*ppf), mid); got == colMusic {
		t.Error("music waveform drawn before the clip starts")
	}
}

func TestTimelineClickSelectsClipAndCardClears(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	tl.SetAudioClips(twoClips())
	var picked []int64
	tl.OnAudioSelect = func(id int64) { picked = append(picked, id) }

	test.TapAt(tl, tl.AudioClipPosition(1))
	if tl.SelectedAudio() != 8 {
		t.Fatalf("tapping the voice-over clip selected %d, want 8", tl.SelectedAudio())
	}
	test.TapAt(tl, tl.AudioClipPosition(0))
	if tl.SelectedAudio() != 7 {
		t.Fatalf("tapping the music clip selected %d, want 7", tl.SelectedAudio())
	}
	test.TapAt(tl, tl.CardPosition(1))
	if tl.SelectedAudio() != 0 {
		t.Fatalf("clicking a card left clip %d selected", tl.SelectedAudio())
	}
	want := []int64{8, 7, 0}
	if len(picked) != len(want) || picked[0] != 8 || picked[1] != 7 || picked[2] != 0 {
		t.Fatalf("OnAudioSelect got %v, want %v", picked, want)
	}
	// A clip that goes away is no longer selected.
	test.TapAt(tl, tl.AudioClipPosition(0))
	tl.SetAudioClips(twoClips()[1:])
	if tl.SelectedAudio() != 0 {
		t.Fatalf("removed clip %d still selected", tl.SelectedAudio())
	}
}

func TestTimelineDragMovesClipByWholeFrames(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	tl.SetAudioClips(twoClips())
	type move struct {
		id    int64
		start project.Time
	}
	var moves []move
	tl.OnAudioMove = func(id int64, start project.Time) { moves = append(moves, move{id, start}) }
	ppf := float32(tl.PixelsPerFrame())

	// 10.4 frames right lands on a whole frame: 12 + 10 = 22.
	drag(tl, tl.AudioClipPosition(0), 10.4*ppf, 0)
	if len(moves) != 1 || moves[0].id != 7 || moves[0].start != project.Frames(22, rate24) {
		t.Fatalf("drag gave %v, want clip 7 at frame 22", moves)
	}
	if tl.SelectedAudio() != 7 {
		t.Fatalf("dragging did not select the clip (selected %d)", tl.SelectedAudio())
	}
	if b := tl.AudioClips()[0]; b.Start != 22 {
		t.Fatalf("block shows start %d until the store confirms, want 22", b.Start)
	}
	// Far left stops at the start of the timeline.
	drag(tl, tl.AudioClipPosition(0), -500*ppf, 0)
	if len(moves) != 2 || moves[1].start.Frames != 0 {
		t.Fatalf("drag past the start gave %v, want frame 0", moves)
	}
	// With shift it snaps to whole seconds: 0 + 30 frames → 24.
	drag(tl, tl.AudioClipPosition(0), 30*ppf, fyne.KeyModifierShift)
	if len(moves) != 3 || moves[2].start.Frames != 24 {
		t.Fatalf("shift drag gave %v, want frame 24 (1 s)", moves)
	}
	// A nudge of less than half a frame changes nothing.
	drag(tl, tl.AudioClipPosition(0), 0.3*ppf, 0)
	if len(moves) != 3 {
		t.Fatalf("a sub-frame nudge moved the clip: %v", moves)
	}
	// Dragging in the lane away from the clips still scrubs.
	var scrubbed bool
	tl.OnScrub = func(project.Time) { scrubbed = true }
	drag(tl, fyne.NewPos(float32(tl.geom.x(130)), laneTop+5), 10, 0)
	if !scrubbed || len(moves) != 3 {
		t.Fatalf("drag on an empty part of the lane: scrubbed %v, moves %v", scrubbed, moves)
	}
}

func TestTimelineScrollsToClipsPastTheLastShot(t *testing.T) {
	tl := newTestTimeline(t, threeCards()) // 144 frames of shots
	tl.SetAudioClips([]AudioBlock{{ID: 9, Lane: project.LaneMusic, Name: "coda", Start: 400, Frames: 48}})
	pos := tl.AudioClipPosition(0)
	if pos.X < 0 || pos.X > tl.Size().Width || tl.AudioClipAt(pos) != 0 {
		t.Fatalf("clip past the last shot not reachable: at %v, width %v", pos, tl.Size().Width)
	}
}

func audioBlocks(n int) []AudioBlock {
	peaks := make([]float32, 240)
	for i := range peaks {
		peaks[i] = float32(i%10) / 10
	}
	out := make([]AudioBlock, n)
	for i := range out {
		lane := project.LaneMusic
		if i%2 == 1 {
			lane = project.LaneVoiceOver
		}
		out[i] = AudioBlock{ID: int64(i + 1), Lane: lane, Name: "a music clip with a long name", Start: int64(i * 150), Frames: 240, Peaks: peaks}
	}
	return out
}

// BenchmarkTimelineLayoutAudio lays out 500 cards with 200 music and
// voice-over clips over them.
func BenchmarkTimelineLayoutAudio(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline(rate24)
	tl.SetCards(manyCards(500))
	tl.SetAudioClips(audioBlocks(200))
	benchTimelineLayout(b, tl)
}
