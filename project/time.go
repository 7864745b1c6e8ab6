package project

import (
	"fmt"
	"strconv"
	"strings"
)

// Rate is a frame rate as a rational number of frames per second, such as
// 24/1 or 30000/1001.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// DefaultRate is the frame rate of a new project: 24 frames per second.
var DefaultRate = Rate{Num: 24, Den: 1}

// Common frame rates.
var (
	Rate23976 = Rate{Num: 24000, Den: 1001}
	Rate25    = Rate{Num: 25, Den: 1}
	Rate2997  = Rate{Num: 30000, Den: 1001}
	Rate30    = Rate{Num: 30, Den: 1}
	Rate60    = Rate{Num: 60, Den: 1}
)

// Validate reports whether r is a usable frame rate (between 1 and 240 fps).
func (r Rate) Validate() error {
	if r.Den <= 0 || r.Num <= 0 {
		return Errorf(EINVALID, "frame rate %d/%d must be positive", r.Num, r.Den)
	}
	if r.Num > 240*r.Den || r.Num < r.Den {
		return Errorf(EINVALID, "frame rate %s is outside 1 to 240 frames per second", r)
	}
	return nil
}

// FPS returns the rate as a float, for display and for math that tolerates
// rounding (never for storing time).
func (r Rate) FPS() float64 { return float64(r.Num) / float64(r.Den) }

// IsZero reports whether r is the zero value.
func (r Rate) IsZero() bool { return r.Num == 0 && r.Den == 0 }

// String formats r as "24" for whole rates and "30000/1001" otherwise.
func (r Rate) String() string {
	if r.Den == 1 {
		return strconv.FormatInt(r.Num, 10)
	}
	return fmt.Sprintf("%d/%d", r.Num, r.Den)
}

// TimecodeBase returns the whole number of frames a timecode second counts
// (24 for 24/1, 30 for 30000/1001).
func (r Rate) TimecodeBase() int64 {
	if r.Den <= 0 {
		return 0
	}
	return (r.Num + r.Den - 1) / r.Den
}

// ParseRate parses "24", "29.97", "30000/1001" or "23.976".
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(s)
	if n, d, ok := strings.Cut(s, "/"); ok {
		num, err1 := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		den, err2 := strconv.ParseInt(strings.TrimSpace(d), 10, 64)
		if err1 != nil || err2 != nil {
			return Rate{}, Errorf(EINVALID, "frame rate %q is not a number or a fraction", s)
		}
		r := Rate{Num: num, Den: den}
		return r, r.Validate()
	}
	switch s {
	case "23.976", "23.98":
		return Rate23976, nil
	case "29.97":
		return Rate2997, nil
	case "59.94":
		return Rate{Num: 60000, Den: 1001}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return Rate{}, Errorf(EINVALID, "frame rate %q is not a number or a fraction", s)
	}
	r := Rate{Num: n, Den: 1}
	return r, r.Validate()
}

// Time is a point or a length on the timeline, counted in whole frames at a
// rate. It is a value type: there is never a float of seconds in storage.
type Time struct {
	Frames int64 `json:"frames"`
	Rate   Rate  `json:"rate"`
}

// Frames returns a Time of n frames at rate r.
func Frames(n int64, r Rate) Time { return Time{Frames: n, Rate: r} }

// Seconds returns a Time of whole seconds at rate r, rounded to the nearest frame.
func Seconds(s int64, r Rate) Time {
	return Time{Frames: (s*r.Num + r.Den/2) / r.Den, Rate: r}
}

// Add returns t+u; u is rescaled to t's rate if needed.
func (t Time) Add(u Time) Time {
	return Time{Frames: t.Frames + u.Rescale(t.Rate).Frames, Rate: t.Rate}
}

// Rescale returns t expressed at rate r, rounded to the nearest frame.
func (t Time) Rescale(r Rate) Time {
	if t.Rate == r || t.Rate.Num == 0 {
		return Time{Frames: t.Frames, Rate: r}
	}
	// frames_r = frames_t * (r.Num/r.Den) / (t.Num/t.Den)
	num := t.Frames * r.Num * t.Rate.Den
	den := r.Den * t.Rate.Num
	if num >= 0 {
		return Time{Frames: (num + den/2) / den, Rate: r}
	}
	return Time{Frames: -((-num + den/2) / den), Rate: r}
}

// Seconds returns t as seconds, for display and audio math only.
func (t Time) Seconds() float64 {
	if t.Rate.Num == 0 {
		return 0
	}
	return float64(t.Frames) * float64(t.Rate.Den) / float64(t.Rate.Num)
}

// Samples returns the number of audio samples t spans at sampleRate,
// computed exactly with integers (rounded down).
func (t Time) Samples(sampleRate int64) int64 {
	if t.Rate.Num == 0 {
		return 0
	}
	return t.Frames * t.Rate.Den * sampleRate / t.Rate.Num
}

// Timecode formats t as HH:MM:SS:FF (non-drop-frame).
func (t Time) Timecode() string {
	base := t.Rate.TimecodeBase()
	if base <= 0 {
		return "00:00:00:00"
	}
	f := t.Frames
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	ff := f % base
	s := f / base
	return fmt.Sprintf("%s%02d:%02d:%02d:%02d", sign, s/3600, (s/60)%60, s%60, ff)
}

// String formats t as a short human length such as "5s" or "2s 12f".
func (t Time) String() string {
	base := t.Rate.TimecodeBase()
	if base <= 0 {
		return fmt.Sprintf("%df", t.Frames)
	}
	s, f := t.Frames/base, t.Frames%base
	switch {
	case f == 0:
		return fmt.Sprintf("%ds", s)
	case s == 0:
		return fmt.Sprintf("%df", f)
	}
	return fmt.Sprintf("%ds %df", s, f)
}

// maxTimeSeconds bounds times given in seconds or as timecode (about 115
// days), far beyond any shot, so their frame counts never overflow.
const maxTimeSeconds = 10_000_000

// ParseTime parses a time at rate r. It accepts frames ("120f" or "120"
// with a trailing f optional only when given as "f"), seconds ("5s", "2.5s"),
// and timecode ("00:00:05:00" or "5:12" as seconds:frames).
func ParseTime(s string, r Rate) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}, Errorf(EINVALID, "time is empty")
	}
	if err := r.Validate(); err != nil {
		return Time{}, err
	}
	switch {
	case strings.HasSuffix(s, "f"):
		n, err := strconv.ParseInt(strings.TrimSuffix(s, "f"), 10, 64)
		if err != nil {
			return Time{}, Errorf(EINVALID, "time %q is not a whole number of frames", s)
		}
		return Frames(n, r), nil
	case strings.HasSuffix(s, "s"):
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
		if err != nil || v != v || v > maxTimeSeconds || v < -maxTimeSeconds {
			return Time{}, Errorf(EINVALID, "time %q is not a number of seconds", s)
		}
		n := int64(v*float64(r.Num)/float64(r.Den) + 0.5)
		if v < 0 {
			n = int64(v*float64(r.Num)/float64(r.Den) - 0.5)
		}
		return Frames(n, r), nil
	case strings.Contains(s, ":"):
		parts := strings.Split(s, ":")
		if len(parts) > 4 {
			return Time{}, Errorf(EINVALID, "timecode %q has too many fields", s)
		}
		vals := make([]int64, 4)
		off := 4 - len(parts)
		for i, p := range parts {
			v, err := strconv.ParseInt(p, 10, 64)
			if err != nil || v < 0 {
				return Time{}, Errorf(EINVALID, "timecode %q is not HH:MM:SS:FF", s)
			}
			vals[off+i] = v
		}
		base := r.TimecodeBase()
		if vals[3] >= base {
			return Time{}, Errorf(EINVALID, "timecode %q has frame %d, but a second has %d frames", s, vals[3], base)
		}
		// Each field is checked before it is multiplied, so a huge one
		// is refused instead of overflowing into a negative time.
		if vals[0] > maxTimeSeconds || vals[1] > maxTimeSeconds || vals[2] > maxTimeSeconds {
			return Time{}, Errorf(EINVALID, "timecode %q is longer than %d seconds", s, maxTimeSeconds)
		}
		secs := (vals[0]*60+vals[1])*60 + vals[2]
		if secs > maxTimeSeconds {
			return Time{}, Errorf(EINVALID, "timecode %q is longer than %d seconds", s, maxTimeSeconds)
		}
		return Frames(secs*base+vals[3], r), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return Time{}, Errorf(EINVALID, "time %q is not frames (120f), seconds (5s) or timecode (00:00:05:00)", s)
	}
	return Frames(n, r), nil
}
