package project_test

import (
	"testing"

	"kino/project"
)

func TestParseTime(t *testing.T) {
	r := project.DefaultRate
	cases := []struct {
		in   string
		want int64
	}{
		{"120f", 120}, {"120", 120}, {"5s", 120}, {"2.5s", 60}, {"00:00:05:00", 120},
		{"1:02:03", 24*62 + 3}, {"00:01:00:12", 24*60 + 12},
	}
	for _, c := range cases {
		got, err := project.ParseTime(c.in, r)
		if err != nil || got.Frames != c.want || got.Rate != r {
			t.Errorf("ParseTime(%q) = %v, %v; want %d frames", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "abc", "5x", "00:00:00:24", "1:2:3:4:5", "NaNs", "1e99s"} {
		if _, err := project.ParseTime(bad, r); project.ErrorCode(err) != project.EINVALID {
			t.Errorf("ParseTime(%q) err = %v, want invalid", bad, err)
		}
	}
}

func TestTimeFormattingAndRescaling(t *testing.T) {
	r := project.DefaultRate
	if tc := project.Frames(24*3600+24*61+5, r).Timecode(); tc != "01:01:01:05" {
		t.Errorf("timecode %s", tc)
	}
	if s := project.Frames(60, r).String(); s != "2s 12f" {
		t.Errorf("String() = %s", s)
	}
	// 5 s at 24 fps is 150 frames at 30 fps and 240000 samples at 48 kHz.
	five := project.Seconds(5, r)
	if got := five.Rescale(project.Rate30).Frames; got != 150 {
		t.Errorf("rescale to 30 fps: %d", got)
	}
	if got := five.Samples(48000); got != 240000 {
		t.Errorf("samples: %d", got)
	}
	// NTSC: 1001 frames at 30000/1001 is exactly 1001*1001/30000 s.
	ntsc := project.Frames(30000, project.Rate2997)
	if got := ntsc.Samples(48000); got != 1001*48000 {
		t.Errorf("NTSC samples: %d", got)
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]project.Rate{"24": {24, 1}, "29.97": {30000, 1001}, "30000/1001": {30000, 1001}, "25": {25, 1}} {
		got, err := project.ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"0", "-24", "1/0", "1000", "x"} {
		if _, err := project.ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) accepted", bad)
		}
	}
}
