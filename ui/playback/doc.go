// Package playback plays a studio preview's sound and keeps its picture in
// step with it. The sound is the master clock: Clock turns the number of
// sample frames heard into the frame to show, so a slow frame is skipped
// rather than letting the picture drift from the sound. Output hides the
// audio device (oto, or a silent wall clock when there is none) so the
// timing can be tested without speakers. Sequence is the sound itself: the
// shots' soundtracks end to end, with overlays (music and voice-over
// clips) mixed over them.
package playback
