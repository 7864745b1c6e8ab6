package project

import (
	"fmt"
	"strings"
	"testing"
)

// FuzzParseTime feeds ParseTime any text at any rate ParseRate accepts.
// Whatever it accepts must format and parse back to itself, and a
// timecode (whose fields are never negative) must never come out negative,
// as an overflowing one would.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"0f", "120f", "120", "5s", "2.5s", "-1", "-3s", "00:00:05:00", "5:12", "1:02:03:04",
		"9223372036854775807f", "1e7s", "99999999:59:59:23", " 12f ", "f", "s", ":", "::::", "1.5e3s", "NaNs", "+Infs"} {
		for _, r := range []string{"24", "25", "30000/1001", "60", "1/1"} {
			f.Add(s, r)
		}
	}
	f.Fuzz(func(t *testing.T, s, rate string) {
		r, err := ParseRate(rate)
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("ParseRate(%q) = %v, which does not validate: %v", rate, r, err)
		}
		if back, err := ParseRate(r.String()); err != nil || back != r {
			if !(r == Rate23976 || r == Rate2997 || r == (Rate{Num: 60000, Den: 1001})) {
				t.Fatalf("rate %v prints as %q, which parses to %v, %v", r, r.String(), back, err)
			}
		}
		tm, err := ParseTime(s, r)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseTime(%q) failed without EINVALID: %v", s, err)
			}
			return
		}
		_ = tm.String()
		if strings.Contains(s, ":") && !strings.Contains(s, "-") && !strings.HasSuffix(strings.TrimSpace(s), "s") && !strings.HasSuffix(strings.TrimSpace(s), "f") && tm.Frames < 0 {
			t.Fatalf("timecode %q at %v parsed to %d frames (overflow)", s, r, tm.Frames)
		}
		if back, err := ParseTime(fmt.Sprintf("%df", tm.Frames), r); err != nil || back != tm {
			t.Fatalf("%q: %d frames print as %q and parse back to %v, %v", s, tm.Frames, fmt.Sprintf("%df", tm.Frames), back, err)
		}
		if tm.Frames >= 0 && r.TimecodeBase() > 0 && tm.Frames/r.TimecodeBase() <= maxTimeSeconds {
			if back, err := ParseTime(tm.Timecode(), r); err != nil || back != tm {
				t.Fatalf("%q: %v prints as timecode %q, which parses back to %v, %v", s, tm, tm.Timecode(), back, err)
			}
		}
	})
}
