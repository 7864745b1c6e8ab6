package models

import (
	"fmt"
	"time"
)

// Progress reports an add or a download.
type Progress struct {
	// Stage is "list" (asking the server for the files), "copy",
	// "download" or "check".
	Stage string
	// File is the file being copied or downloaded.
	File string
	// Done and Total count bytes of the whole add (Total 0: unknown).
	Done, Total int64
	// Rate is bytes per second over this run (0 until known); ETA the
	// time left at that rate (-1: unknown).
	Rate float64
	ETA  time.Duration
}

// String describes the progress for people, e.g.
// "download unet/model.onnx_data: 1.2 GB of 3.4 GB, 45 MB/s, 49s left".
func (p Progress) String() string {
	s := p.Stage
	if p.File != "" {
		s += " " + p.File
	}
	if p.Total > 0 {
		s += fmt.Sprintf(": %s of %s (%d%%)", byteSize(p.Done), byteSize(p.Total), p.Done*100/p.Total)
	} else if p.Done > 0 {
		s += ": " + byteSize(p.Done)
	}
	if p.Rate > 0 {
		s += fmt.Sprintf(", %s/s", byteSize(int64(p.Rate)))
	}
	if p.ETA >= 0 && p.Rate > 0 {
		s += fmt.Sprintf(", %s left", p.ETA.Round(time.Second))
	}
	return s
}

// meter turns byte counts into Progress values, at most every interval.
type meter struct {
	fn       func(Progress)
	stage    string
	total    int64
	done     int64
	start    time.Time
	base     int64 // bytes already there when this run started
	last     time.Time
	interval time.Duration
}

func newMeter(fn func(Progress), stage string, total, done int64) *meter {
	now := time.Now()
	return &meter{fn: fn, stage: stage, total: total, done: done, base: done, start: now, interval: 100 * time.Millisecond}
}

// add counts n more bytes of file and reports when due (or when force).
func (m *meter) add(file string, n int64, force bool) {
	m.done += n
	if m.fn == nil {
		return
	}
	now := time.Now()
	if !force && now.Sub(m.last) < m.interval {
		return
	}
	m.last = now
	p := Progress{Stage: m.stage, File: file, Done: m.done, Total: m.total, ETA: -1}
	if el := now.Sub(m.start).Seconds(); el > 0.2 && m.done > m.base {
		p.Rate = float64(m.done-m.base) / el
		if m.total > 0 {
			p.ETA = time.Duration(float64(m.total-m.done) / p.Rate * float64(time.Second))
		}
	}
	m.fn(p)
}

// byteSize formats n bytes for people (powers of 1024).
func byteSize(n int64) string {
	const k = 1024
	switch {
	case n >= k*k*k:
		return fmt.Sprintf("%.1f GB", float64(n)/(k*k*k))
	case n >= k*k:
		return fmt.Sprintf("%.1f MB", float64(n)/(k*k))
	case n >= k:
		return fmt.Sprintf("%.0f KB", float64(n)/k)
	}
	return fmt.Sprintf("%d bytes", n)
}
