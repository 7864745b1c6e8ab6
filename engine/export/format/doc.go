// Package format writes the file formats Kino exports, from plain inputs
// and without knowing about timelines, consent or provenance: engine/export
// decides what goes into a file and calls this package to write it.
//
// What lives here (format) and what stays in engine/export (policy):
//
//   - PDF (pdf.go, pdfface.go, pdffont.go, helvetica.go): a PDF 1.4
//     document written page by page (NewPDF), its text set in the standard
//     Helvetica fonts (StandardFace) or in embedded TrueType subsets
//     (TTFFace, with font subsetting); text wrapping and fitting. The
//     storyboard's layout, its page content and its provenance stay in
//     export (export_pdf.go).
//   - AVI (avi.go, riff.go): a RIFF AVI 1.0 writer, Motion-JPEG frames
//     interleaved with 16-bit PCM sound (AppendPCM16), with its LIST/INFO
//     text (RIFFInfo) and the 1 GiB limit (MaxAVISize). Rendering and
//     encoding the frames, mixing the sound and what the INFO text says
//     stay in export (video_avi.go). WAV files are written by
//     media.WAVStream.
//   - The editor hand-off's documents (handoff.go, otio.go, edl.go,
//     fcpxml.go): OpenTimelineIO JSON, a CMX 3600 EDL and FCPXML 1.10,
//     each written from one small document model (Handoff: shots with
//     their takes' files and how each was made, the audio lane's clips).
//     Which files the hand-off writes and what they are named, writing
//     the media, and the provenance sidecars stay in export
//     (handoff_plan.go, export_handoff.go).
//   - Raw video for ffmpeg (yuv.go): a yuv420p frame in BT.709 limited
//     range (YUVFrame), converted from RGBA or straight from a JPEG's
//     YCbCr. Choosing the route per frame, scaling, and drawing the
//     watermark onto it stay in export (frames.go, watermark.go), as do
//     ffmpeg's arguments (video_mp4.go).
//   - PNG text (png.go): tEXt chunks (PNGWithText). What they say and
//     the frames' Content Credentials stay in export (export_png.go).
//   - Text folding (fold.go): ToWinAnsi for PDF strings and PNG text,
//     ToASCII for the bitmap font export draws into frames (pixfont.go,
//     with the watermark and placeholder slates, stays in export) and for
//     ASCII file names.
//
// Nothing here imports engine/export; every writer is tested on its own.
package format
