#!/usr/bin/env bash
# Fetches the C2PA reference implementation (c2pa-rs, as the prebuilt
# Node.js module of @contentauth/c2pa-node) into .deps/c2pa-node/. Tests read
# Kino's exports with it to check them against the reference.
#
# The npm package ships the native module at package/dist/index.node; its
# install script downloads from a site this build does not use, so the
# tarball is fetched with `npm pack` (no scripts run) and only the module
# and its licence are kept. Node.js 20 or later loads it.
#
#   packaging/fetch-c2pa-node.sh               fetch unless already present (stamp file)
#   packaging/fetch-c2pa-node.sh --print-path  print where the module is (or will be)
#
# C2PA_NODE_VERSION overrides the version and KINO_DEPS_DIR the target directory.
set -euo pipefail

VERSION="${C2PA_NODE_VERSION:-0.9.8}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="${KINO_DEPS_DIR:-$root/.deps}"
dir="$deps/c2pa-node"

log() { printf 'fetch-c2pa-node: %s\n' "$*" >&2; }
die() { printf 'fetch-c2pa-node: error: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" == --print-path ]]; then
	printf '%s\n' "$dir/index.node"
	exit 0
fi
[[ $# -eq 0 ]] || die "unknown argument $1 (want none or --print-path)"

case "$(uname -s)/$(uname -m)" in
Linux/x86_64 | Linux/amd64) ;;
*)
	# Kino runs without it; only the reference checks in the tests need it,
	# and they fail saying so.
	log "warning: @contentauth/c2pa-node@$VERSION ships its module for Linux x86-64 only; on $(uname -s)/$(uname -m) the C2PA reference checks in the tests cannot run"
	exit 0
	;;
esac

stamp="$dir/.c2pa-node-$VERSION.stamp"
if [[ -f "$stamp" && -s "$dir/index.node" ]]; then
	log "@contentauth/c2pa-node@$VERSION already in $dir"
	exit 0
fi

command -v npm >/dev/null 2>&1 ||
	die "npm is needed to fetch @contentauth/c2pa-node@$VERSION (install Node.js 20 or later)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kino-c2pa.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

log "downloading @contentauth/c2pa-node@$VERSION with npm pack"
if ! (cd "$tmp" && npm pack --silent --loglevel=error --pack-destination "$tmp" \
	"@contentauth/c2pa-node@$VERSION" </dev/null >"$tmp/pack.out"); then
	die "npm pack @contentauth/c2pa-node@$VERSION failed (is the npm registry reachable? see npm's message above)"
fi
tgz="$(tail -n 1 "$tmp/pack.out")"
[[ -n "$tgz" && -f "$tmp/$tgz" ]] || die "npm pack produced no tarball"
tar -xzf "$tmp/$tgz" -C "$tmp" package/dist/index.node package/LICENSE package/package.json ||
	die "@contentauth/c2pa-node@$VERSION lacks package/dist/index.node"

magic="$(head -c 4 "$tmp/package/dist/index.node" | od -An -tx1 | tr -d ' \n')"
[[ "$magic" == 7f454c46 ]] || die "package/dist/index.node is not an ELF library (starts with $magic)"
grep -q "\"version\": \"$VERSION\"" "$tmp/package/package.json" ||
	die "the tarball is not version $VERSION"

mkdir -p "$dir"
for f in dist/index.node LICENSE; do
	cp "$tmp/package/$f" "$dir/.$(basename "$f").tmp"
	mv -f "$dir/.$(basename "$f").tmp" "$dir/$(basename "$f")"
done
if command -v node >/dev/null 2>&1; then
	node -e 'require(process.argv[1])' "$dir/index.node" ||
		die "node cannot load $dir/index.node (Node.js 20 or later is needed; this is $(node --version))"
fi
(cd "$dir" && sha256sum index.node LICENSE) >"$stamp.tmp"
mv -f "$stamp.tmp" "$stamp"
log "@contentauth/c2pa-node@$VERSION (c2pa-rs) ready: $dir/index.node"
