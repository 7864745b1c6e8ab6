#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-packages.txt (or the
# list given as the argument) that are
# not installed yet. It runs `apt-get update` only when something is missing,
# uses sudo only when not root, and never asks a question.
#
# Set KINO_SKIP_SYSTEM_DEPS=1 to skip this step (for example on a machine whose
# packages are managed some other way).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
list="${1:-$here/debian-packages.txt}" # another list: packaging/deps.sh FILE

log() { printf 'deps: %s\n' "$*" >&2; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

if [[ "${KINO_SKIP_SYSTEM_DEPS:-}" == 1 ]]; then
	log "KINO_SKIP_SYSTEM_DEPS=1: not checking system packages"
	exit 0
fi

[[ -r "$list" ]] || die "package list $list is missing"
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$list")

if ! command -v dpkg-query >/dev/null 2>&1; then
	log "this is not a Debian-based system, so the packages are not installed for you."
	log "install the equivalents of: ${packages[*]}"
	exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
	status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
	[[ "$status" == installed ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
	log "all ${#packages[@]} system packages are installed"
	exit 0
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
	command -v sudo >/dev/null 2>&1 ||
		die "not root and sudo is missing; as root run: apt-get install ${missing[*]}"
	# Ask for a password only when someone is there to type it.
	if [[ -t 0 ]]; then sudo=(sudo); else sudo=(sudo -n); fi
fi

log "installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0)
"${apt[@]}" update </dev/null ||
	die "apt-get update failed"
"${apt[@]}" install --no-install-recommends "${missing[@]}" </dev/null ||
	die "apt-get install ${missing[*]} failed"

still=()
for pkg in "${missing[@]}"; do
	status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
	[[ "$status" == installed ]] || still+=("$pkg")
done
((${#still[@]} == 0)) || die "packages still not installed after apt-get: ${still[*]}"
log "installed: ${missing[*]}"
