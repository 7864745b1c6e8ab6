package playback

import "kino/project"

// Clock maps the sound position (sample frames heard since playback
// started) to the picture frame to show: origin + floor(position × rate /
// sampleRate), counted backwards when playing in reverse. It is pure
// integer arithmetic, so it never accumulates rounding drift, and it
// counts the frames it had to skip because the picture fell behind.
type Clock struct {
	rate       project.Rate
	sampleRate int64
	origin     int64
	dir        int64
	last       int64
	started    bool
	dropped    int64
	shown      int64
}

// NewClock returns a clock for pictures at rate and sound at sampleRate,
// starting at frame origin. reverse counts frames down from origin.
func NewClock(rate project.Rate, sampleRate int, origin int64, reverse bool) *Clock {
	dir := int64(1)
	if reverse {
		dir = -1
	}
	return &Clock{rate: rate, sampleRate: int64(sampleRate), origin: origin, dir: dir}
}

// FrameAt returns the frame that is on screen when played sample frames of
// sound have been heard.
func (c *Clock) FrameAt(played int64) int64 {
	if played < 0 || c.rate.Den <= 0 || c.sampleRate <= 0 {
		played = 0
	}
	n := played * c.rate.Num / (c.rate.Den * c.sampleRate)
	return c.origin + c.dir*n
}

// Next returns the frame to show for played, whether it differs from the
// frame Next returned last time, and how many frames in between were
// skipped (never shown) because the caller asked too late. The first call
// always reports a change.
func (c *Clock) Next(played int64) (frame int64, changed bool, skipped int64) {
	frame = c.FrameAt(played)
	if !c.started {
		c.started, c.last = true, frame
		c.shown++
		return frame, true, 0
	}
	if frame == c.last {
		return frame, false, 0
	}
	step := (frame - c.last) * c.dir
	if step > 1 {
		skipped = step - 1
		c.dropped += skipped
	}
	c.last = frame
	c.shown++
	return frame, true, skipped
}

// Dropped returns how many frames Next has skipped so far.
func (c *Clock) Dropped() int64 { return c.dropped }

// Shown returns how many distinct frames Next has handed out.
func (c *Clock) Shown() int64 { return c.shown }

// SamplesFor returns the sound position at which frame f (counted from
// frame 0 at sound position 0) starts: ceil(f × sampleRate / rate), the
// inverse of FrameAt for a clock with origin 0.
func SamplesFor(f int64, rate project.Rate, sampleRate int) int64 {
	if f <= 0 || rate.Num <= 0 {
		return 0
	}
	num := f * rate.Den * int64(sampleRate)
	return (num + rate.Num - 1) / rate.Num
}
