#!/usr/bin/env bash
# make interop: export a varied project in every format and check the files
# with readers written by other people (../shared/readers: OpenTimelineIO's
# C++ library, pycmx, Apple's FCPXML DTD; and ffprobe/ffmpeg, MLT's melt,
# sox, poppler). Needs ../shared beside the repository (or READERS=DIR);
# `make test` does not.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readers="${READERS:-$here/../shared/readers}"
kino="$here/bin/kino"
fail=0
check() { # check WHAT CMD...: run CMD, report ok or FAIL.
	local what="$1"
	shift
	if "$@"; then
		printf 'interop: ok    %s\n' "$what"
	else
		printf 'interop: FAIL  %s\n' "$what" >&2
		fail=1
	fi
}
die() { printf 'interop: error: %s\n' "$*" >&2; exit 1; }

[[ -d "$readers" ]] || die "the independent readers are not at $readers (set READERS=DIR)"
for t in ffprobe ffmpeg sox melt xmllint pdftotext pdffonts python3; do
	command -v "$t" >/dev/null || die "$t is missing (make interop installs packaging/interop-packages.txt)"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" LANG=C.UTF-8 LC_ALL=C.UTF-8
title="Strand ü 花火"

# The OTIO reader's shared libraries are symlinks that may have been
# copied as files naming their target: rebuild them in a copy.
otio="$work/otio"
mkdir -p "$otio/lib"
cp "$readers/otio/otiocheck" "$otio/"
for f in "$readers"/otio/lib/*; do
	n="$(basename "$f")"
	if [[ $(stat -c %s "$f") -lt 256 ]] && ! head -c 4 "$f" | grep -q ELF; then
		ln -s "$(cat "$f")" "$otio/lib/$n"
	else
		cp "$f" "$otio/lib/"
	fi
done

echo "interop: building the project"
project="$(cd "$here" && go run ./packaging/interop "$work" | tail -n 1)"
[[ -d "$project" ]] || die "the project was not made"
fps=24
frames=216 # 36 + 48 + 30 + 60 + 42

out="$work/out"
export_as() { # export_as FORMAT PATH [ARGS...]
	local f="$1" p="$2"
	shift 2
	"$kino" export "$project" --format "$f" --out "$p" "$@" >"$work/export-$f.log" 2>&1 ||
		{ cat "$work/export-$f.log" >&2; die "kino export --format $f failed"; }
}
echo "interop: exporting"
export_as mp4 "$out/mp4/$title.mp4"
export_as avi "$out/avi/$title.avi"
export_as wav "$out/wav/$title.wav"
export_as stems "$out/stems/$title.wav"
export_as png "$out/png/$title"
export_as otio "$out/hand/$title.otio"
export_as edl "$out/hand-ascii/$title.edl" --ascii-names --start 01:00:00:00
export_as pdf "$out/pdf/$title.pdf"

# --- Every file has its provenance sidecar.
sidecars() {
	local ok=0
	while IFS= read -r -d '' f; do
		case "$f" in *.provenance.json | *.c2pa | */png/*/*) continue ;; esac # a .c2pa is the Content Credentials of the file beside it
		[[ -f "$f.provenance.json" ]] || { echo "  no sidecar: $f"; ok=1; }
	done < <(find "$out" -type f -print0)
	return $ok
}
check "every exported file has a provenance sidecar" sidecars

# --- Video: ffprobe, ffmpeg decoding, melt.
decodes() { [[ -z "$(ffmpeg -v error -i "$1" -f null - 2>&1)" ]]; }
probe() { ffprobe -v error -select_streams "$2" -show_entries "$3" -of default=nw=1:nk=1 "$1"; }
video_ok() { # video_ok FILE CODEC
	local f="$1"
	decodes "$f" &&
		[[ "$(probe "$f" v:0 stream=codec_name)" == "$2" ]] &&
		[[ -n "$(probe "$f" a:0 stream=codec_name)" ]] &&
		[[ "$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$f")" == "$frames" ]]
}
mp4_colour() {
	local tags
	tags="$(ffprobe -v error -select_streams v:0 -show_entries stream=color_space,color_primaries,color_transfer,color_range -of default=nw=1 "$1")"
	grep -qx color_space=bt709 <<<"$tags" && grep -qx color_primaries=bt709 <<<"$tags" &&
		grep -qx color_transfer=bt709 <<<"$tags" && grep -qx color_range=tv <<<"$tags"
}
melt_ok() { # melt_ok FILE: MLT loads it with the right length and both streams
	local x
	x="$(melt "$1" -consumer xml 2>/dev/null)" || return 1
	grep -q "<property name=\"length\">$frames</property>" <<<"$x" &&
		grep -q '<property name="meta.media.nb_streams">2</property>' <<<"$x" &&
		timeout 300 melt -quiet "$1" -consumer null real_time=-1 terminate_on_pause=1 >/dev/null 2>&1
}
check "MP4 decodes in ffmpeg (H.264, AAC, $frames frames)" video_ok "$out/mp4/$title.mp4" h264
check "MP4 is tagged BT.709 limited range" mp4_colour "$out/mp4/$title.mp4"
check "MP4 loads in melt" melt_ok "$out/mp4/$title.mp4"
check "AVI decodes in ffmpeg (Motion-JPEG, PCM, $frames frames)" video_ok "$out/avi/$title.avi" mjpeg
check "AVI loads in melt" melt_ok "$out/avi/$title.avi"

# --- Sound: sox.
wav_ok() { # wav_ok FILE BITS ENCODING
	[[ "$(sox --i -r "$1")" == 48000 && "$(sox --i -c "$1")" == 2 && "$(sox --i -b "$1")" == "$2" ]] &&
		sox --i -e "$1" | grep -qi "$3" &&
		[[ "$(sox --i -s "$1")" == "$((frames * 2000))" ]]
}
stems_sum() { # the four stems minus the mix is silence (within 1e-6)
	local b="$out/stems/$title" max
	max="$(sox -m -v 1 "$b.dialogue.wav" -v 1 "$b.effects.wav" -v 1 "$b.ambience.wav" -v 1 "$b.music.wav" -v -1 "$b.wav" -n stat 2>&1 |
		awk '/Maximum amplitude/ {print $3}')"
	echo "  stems minus mix: maximum amplitude $max"
	awk -v m="$max" 'BEGIN { exit !(m != "" && m + 0 <= 1e-6) }'
}
stems_real() { # dialogue (shot 1 speaks), ambience and music have sound
	local s rms
	for s in dialogue ambience music; do
		rms="$(sox "$out/stems/$title.$s.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')"
		echo "  $s RMS $rms"
		awk -v r="$rms" 'BEGIN { exit !(r + 0 > 1e-5) }' || return 1
	done
}
check "WAV mix is 16-bit 48 kHz stereo of the film's length" wav_ok "$out/wav/$title.wav" 16 "signed"
check "stems are 32-bit float 48 kHz stereo" wav_ok "$out/stems/$title.music.wav" 32 "floating"
check "stems sum to the mix (sox)" stems_sum
check "stems are not silent" stems_real

# --- PNG frames.
png_ok() {
	[[ "$(find "$out/png/$title" -name 'frame_*.png' | wc -l)" == "$frames" ]] &&
		[[ "$(probe "$out/png/$title/frame_000001.png" v:0 stream=width)" == 1280 ]]
}
check "PNG folder holds every frame" png_ok

# --- OTIO: the OpenTimelineIO library.
otio_ok() { # otio_ok DIR: loads, 1 video + 6 audio tracks, duration, every reference resolves
	local log
	log="$(cd "$1" && "$otio/otiocheck" "$title.otio")" || { echo "$log"; return 1; }
	grep -q "^loaded: Timeline name=\"$title\"" <<<"$log" &&
		grep -q "timeline duration: $frames frames @ $fps" <<<"$log" &&
		grep -q "video tracks: 1, audio tracks: 6, missing media files: 0" <<<"$log" &&
		grep -q 'track "V1" kind=Video children=5 ' <<<"$log" &&
		grep -q 'track "A5 Music clips" kind=Audio children=2 ' <<<"$log" &&
		grep -q 'active_key=take2 refs=2 ' <<<"$log" &&
		grep -q "re-serialize: ok" <<<"$log"
}
check "OTIO loads in OpenTimelineIO with every take and stem track, all media there" otio_ok "$out/hand"
mkdir -p "$work/moved"
cp -r "$out/hand" "$work/moved/elsewhere"
check "OTIO still resolves every file after the folder is moved" otio_ok "$work/moved/elsewhere"

# --- EDL: pycmx.
edl_ok() { # edl_ok FILE START: parses clean, 5 AA/V events tiling the film, clip names = files
	local log name n=0
	log="$(PYTHONPATH="$readers/pycmx/src" python3 "$readers/pycmx/check.py" "$1" "$fps")" || { echo "$log"; return 1; }
	grep -q "^problems: none" <<<"$log" || { echo "$log"; return 1; }
	grep -q "^events: 5$" <<<"$log" && grep -q "^total record frames: $frames " <<<"$log" || return 1
	[[ "$(grep -c "video=True audio=\[1, 2\]" <<<"$log")" == 5 ]] || return 1
	grep -q "ev 1 .* rec $2" <<<"$log" || return 1
	while IFS= read -r name; do
		[[ -f "$(dirname "$1")/$name" ]] || { echo "  clip name $name is not a file"; return 1; }
		n=$((n + 1))
	done < <(sed -n "s/.* clip_name='\([^']*\)'.*/\1/p" <<<"$log")
	[[ $n == 5 ]]
}
check "EDL parses in pycmx: audio events, record times tile the film, UTF-8 clip names are the files" edl_ok "$out/hand/$title.edl" 00:00:00:00
check "EDL with ASCII names from 01:00:00:00" edl_ok "$out/hand-ascii/Strand_u.edl" 01:00:00:00

# --- FCPXML: Apple's DTD.
fcpxml_ok() { # valid, with the shot of two takes as an audition of both
	xmllint --noout --dtdvalid "$readers/fcpxml/FCPXMLv1_10.dtd" "$1" &&
		[[ "$(grep -c '<audition ' "$1")" == 1 ]]
}
check "FCPXML 1.10 is valid against Apple's DTD (two takes as an audition)" fcpxml_ok "$out/hand/$title.fcpxml"

# --- PDF: poppler.
pdf_ok() {
	local text
	text="$(pdftotext -layout "$1" - 2>/dev/null)" || return 1
	grep -qF "夜の海辺で花火が空を切り裂く" <<<"$text" &&
		grep -qF "$title" <<<"$text" &&
		grep -qF "Кот спит на подоконнике" <<<"$text" &&
		! grep -qF "?" <<<"$text" &&
		pdffonts "$1" | grep -q "DroidSansFallbackFull .*CID TrueType .* yes yes yes"
}
check "PDF text round-trips (CJK, Cyrillic, the title) with embedded font subsets" pdf_ok "$out/pdf/$title.pdf"

if ((fail)); then
	die "some checks failed"
fi
echo "interop: all checks passed"
