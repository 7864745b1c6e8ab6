#!/usr/bin/env bash
# Fetches the ONNX Runtime shared library that engine/onnx loads into .deps/.
#
# The library comes from the npm package onnxruntime-node, which ships the
# prebuilt runtime for each platform under package/bin/napi-v*/<os>/<arch>/.
# `npm pack` downloads the package tarball without running its install
# scripts; this script extracts only this platform's files.
#
#   packaging/fetch-ort.sh               fetch unless already present (stamp file)
#   packaging/fetch-ort.sh --print-path  print where the library is (or will be)
#
# ORT_VERSION overrides the version and KINO_DEPS_DIR the target directory.
set -euo pipefail

ORT_VERSION="${ORT_VERSION:-1.24.3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="${KINO_DEPS_DIR:-$root/.deps}"

log() { printf 'fetch-ort: %s\n' "$*" >&2; }
die() { printf 'fetch-ort: error: %s\n' "$*" >&2; exit 1; }

case "$(uname -s)" in
Linux) os=linux ;;
Darwin) os=darwin ;;
MINGW* | MSYS* | CYGWIN*) os=win32 ;;
*) die "unsupported operating system $(uname -s); set KINO_ORT_LIB to an ONNX Runtime $ORT_VERSION library instead" ;;
esac
case "$(uname -m)" in
x86_64 | amd64) arch=x64 ;;
aarch64 | arm64) arch=arm64 ;;
*) die "unsupported CPU $(uname -m); set KINO_ORT_LIB to an ONNX Runtime $ORT_VERSION library instead" ;;
esac

# The file name each platform's build has inside the npm package; engine/onnx
# looks for these names too (engine/onnx/library.go).
extras=()
case "$os" in
linux) lib=libonnxruntime.so.1 ;;
darwin) lib="libonnxruntime.$ORT_VERSION.dylib" ;;
win32)
	lib=onnxruntime.dll
	extras=(DirectML.dll)
	;;
esac

if [[ "${1:-}" == --print-path ]]; then
	printf '%s\n' "$deps/$lib"
	exit 0
fi
[[ $# -eq 0 ]] || die "unknown argument $1 (want none or --print-path)"

stamp="$deps/.onnxruntime-$ORT_VERSION-$os-$arch.stamp"
if [[ -f "$stamp" && -s "$deps/$lib" ]]; then
	log "ONNX Runtime $ORT_VERSION ($os/$arch) already in $deps/$lib"
	exit 0
fi

command -v npm >/dev/null 2>&1 ||
	die "npm is needed to fetch onnxruntime-node@$ORT_VERSION (install Node.js), or set KINO_ORT_LIB to an ONNX Runtime $ORT_VERSION library"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kino-ort.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

log "downloading onnxruntime-node@$ORT_VERSION with npm pack"
if ! (cd "$tmp" && npm pack --silent --loglevel=error --pack-destination "$tmp" \
	"onnxruntime-node@$ORT_VERSION" </dev/null >"$tmp/pack.out"); then
	die "npm pack onnxruntime-node@$ORT_VERSION failed (is the npm registry reachable? see npm's message above)"
fi
tgz="$(tail -n 1 "$tmp/pack.out")"
[[ -n "$tgz" && -f "$tmp/$tgz" ]] ||
	die "npm pack onnxruntime-node@$ORT_VERSION produced no tarball"

# Extract only this platform's directory; GNU tar needs --wildcards for that,
# bsdtar (macOS) matches patterns by default.
pattern="package/bin/napi-v*/$os/$arch/*"
if tar --version 2>/dev/null | grep -q 'GNU tar'; then
	tar -xzf "$tmp/$tgz" -C "$tmp" --wildcards "$pattern" ||
		die "onnxruntime-node@$ORT_VERSION has no files for $os/$arch (looked for $pattern)"
else
	tar -xzf "$tmp/$tgz" -C "$tmp" "$pattern" ||
		die "onnxruntime-node@$ORT_VERSION has no files for $os/$arch (looked for $pattern)"
fi

# Several N-API versions may ship; take the newest.
src="$(find "$tmp/package/bin" -mindepth 3 -maxdepth 3 -type d -path "*/$os/$arch" | sort -V | tail -n 1)"
[[ -n "$src" && -f "$src/$lib" ]] ||
	die "onnxruntime-node@$ORT_VERSION has no $lib for $os/$arch (found: $(cd "$tmp" && find package/bin -type f | tr '\n' ' '))"

mkdir -p "$deps"
copy() { # copy SRC NAME: write atomically so an interrupted fetch leaves no half file.
	cp "$1" "$deps/.$2.tmp"
	chmod 0755 "$deps/.$2.tmp"
	mv -f "$deps/.$2.tmp" "$deps/$2"
}
copy "$src/$lib" "$lib"
copied=("$lib")
# Execution-provider libraries (CUDA, TensorRT, ...) must sit beside the
# runtime, which loads them from its own directory.
shopt -s nullglob
for f in "$src"/libonnxruntime_providers_* "$src"/onnxruntime_providers_*; do
	copy "$f" "$(basename "$f")"
	copied+=("$(basename "$f")")
done
shopt -u nullglob
for f in "${extras[@]}"; do
	[[ -f "$src/$f" ]] || die "onnxruntime-node@$ORT_VERSION lacks $f for $os/$arch"
	copy "$src/$f" "$f"
	copied+=("$f")
done

# Verify what landed: present, a native library, and the version we asked for.
[[ -s "$deps/$lib" ]] || die "extraction finished but $deps/$lib is missing or empty"
magic="$(head -c 4 "$deps/$lib" | od -An -tx1 | tr -d ' \n')"
case "$magic" in
7f454c46 | cffaedfe | cefaedfe | 4d5a*) ;; # ELF, Mach-O 64/32, PE
*) die "$deps/$lib is not a native library (starts with $magic)" ;;
esac
grep -aqF "$ORT_VERSION" "$deps/$lib" ||
	die "$deps/$lib does not mention version $ORT_VERSION; the package may have changed"

{
	printf 'onnxruntime-node@%s %s/%s\n' "$ORT_VERSION" "$os" "$arch"
	for f in "${copied[@]}"; do
		if command -v sha256sum >/dev/null 2>&1; then
			(cd "$deps" && sha256sum "$f")
		else
			(cd "$deps" && shasum -a 256 "$f")
		fi
	done
} >"$stamp"
log "ONNX Runtime $ORT_VERSION ($os/$arch) ready: $deps/$lib (${copied[*]})"
