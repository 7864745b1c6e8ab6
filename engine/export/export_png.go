package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"kino/engine/export/format"
	"kino/engine/media"
	"kino/engine/pipeline"
)

// FrameName is the file name of frame i (0-based) in a PNG sequence:
// frame_000001.png for the first.
func FrameName(i int64) string { return fmt.Sprintf("frame_%06d.png", i+1) }

type pngSlot struct {
	*frameSlot
	png bytes.Buffer
	out []byte // the file: the PNG with its text and Content Credentials
}

// exportPNG writes every frame as a PNG into the folder Out, with
// provenance.json inside listing each file's hash.
func (e *exporter) exportPNG(ctx context.Context, t *Timeline, w, h int) error {
	var err error
	if e.out, err = newOutputs(e.opts.Force, e.opts.Out); err != nil {
		return err
	}
	dir, err := e.out.createDir(e.opts.Out)
	if err != nil {
		return err
	}
	e.res.Main = e.opts.Out
	e.track.setStage("frames")
	src := newFrameSource(t, w, h, !e.opts.NoWatermark)
	wm := boolPtr(!e.opts.NoWatermark)
	prov := e.prov.forFile(e.opts.Out, "frames", wm)
	text := [][2]string{
		{"Software", e.opts.App + " " + e.opts.Version},
		{"Comment", "AI-generated with " + e.opts.App + "; provenance in " + provenanceFolderName},
	}
	err = pipeline.Ordered(ctx, int(src.total()), e.opts.Workers,
		func() *pngSlot { return &pngSlot{frameSlot: src.newSlot()} },
		func(i int, s *pngSlot) error {
			if err := src.render(int64(i), s.frameSlot); err != nil {
				return err
			}
			s.png.Reset()
			if err := media.EncodePNG(&s.png, s.frame); err != nil {
				return err
			}
			var err error
			s.out, err = sealFrame(format.PNGWithText(s.png.Bytes(), text), prov, int64(i))
			return err
		},
		func(i int, s *pngSlot) error {
			data := s.out
			name := FrameName(int64(i))
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o666); err != nil {
				return writeError(err, "writing "+filepath.Join(e.opts.Out, name))
			}
			sum := sha256.Sum256(data)
			prov.Files = append(prov.Files, FileHash{File: name, SHA256: hex.EncodeToString(sum[:])})
			e.track.add(1)
			return nil
		})
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, provenanceFolderName), prov)
}

// writeFile writes v as indented JSON to path (inside a temporary folder).
func writeFile(path string, v any) error {
	var buf bytes.Buffer
	if err := encodeJSON(&buf, v); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o666); err != nil {
		return writeError(err, "writing "+path)
	}
	return nil
}
