// Package export turns a resolved timeline into files people take elsewhere:
// an MP4 (H.264 + AAC, encoded by ffmpeg) or, without ffmpeg, a pure-Go AVI
// (Motion-JPEG + PCM); the sound as a WAV mix and stems; a PNG sequence; an
// editor hand-off (OpenTimelineIO and a CMX 3600 EDL over per-shot media);
// and a printable PDF storyboard.
//
// Export never reads the project store. The caller resolves the timeline
// first (LoadTimeline does that through the project's interfaces): every
// shot with the clip to show, its take, and the current records of the
// cameos it casts. Every media file gets a NAME.provenance.json sidecar and,
// where the container allows, the same summary embedded; video carries a
// visible "AI-generated · Kino" watermark unless it is turned off. Shots
// whose cameo consent was revoked or has expired are refused.
//
// The file formats themselves (AVI, PDF, OTIO, EDL, FCPXML, raw yuv420p
// for ffmpeg, PNG text) are written by engine/export/format from plain
// inputs; this package holds the policy: what goes into each file,
// consent, provenance and Content Credentials, the watermark, the mix,
// placeholders, progress and the output files' lifecycle. Frames are
// rendered and encoded in parallel through engine/pipeline.
//
// Output is written under temporary names in the destination folder and
// renamed only when everything is complete, so a failed or cancelled export
// leaves nothing under the final names.
package export
