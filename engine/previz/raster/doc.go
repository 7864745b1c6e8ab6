// Package raster is the previz engine's drawing machinery, with no idea
// of scenes: a Band (the rows of an RGBA frame one worker draws, to which
// every primitive clips, so a pixel never depends on how a frame was
// split), anti-aliased shapes and additive lights drawn into it, OpList
// (a frame's display list of shapes, drawn band by band), 8-bit colours
// and light multipliers (RGB, Light, HSV), the tileable noise texture and
// closed-form hashes (Tex2, Hash64, Wave), cameo cut-outs (MakeCutout:
// background removal from a reference image) and their premultiplied
// sprites, and a style's grade (NewGrade: tone curves, split toning,
// vignette, grain, bloom, letterbox bars).
//
// Everything is deterministic: the same calls give byte-identical pixels
// on every run and however the frame is split into bands.
package raster
