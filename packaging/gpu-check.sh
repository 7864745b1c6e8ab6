#!/usr/bin/env bash
# gpu-check.sh: check Kino's neural engine on a machine with an NVIDIA GPU.
#
#   packaging/gpu-check.sh            (or: make gpu-check, which builds bin/kino first)
#
# It needs a prebuilt Kino (KINO_BIN, default bin/kino) and the CUDA build of
# ONNX Runtime 1.24 (KINO_ORT_LIB, or found in .deps/ and the system library
# folders) with libonnxruntime_providers_cuda.so and
# libonnxruntime_providers_shared.so beside it, plus CUDA 12 and cuDNN 9. No
# Go, Python or network is needed. Steps, each printed with what it checked:
#
#   1. the ONNX Runtime library and its CUDA provider files (when any is
#      missing it says which and where they go, and exits 3);
#   2. an NVIDIA GPU (nvidia-smi; exits 4 without one);
#   3. kino doctor, which must list the CUDA provider as available;
#   4. kino models try on the real-architecture test pack
#      (engine/onnx/testdata/real/tiny-sd-real) on the CPU, then on CUDA,
#      comparing the two stills (64x64, 4 steps, guidance 7.5, seed 42:
#      diffusers' reference settings) within GPU_TOLERANCE levels (default
#      4: CUDA's float32 convolutions and TF32 matrix products round
#      differently from the CPU's, which moves an 8-bit pixel by a level or
#      two after four steps);
#   5. speed: steps per second on CUDA at the pack's native 256x256 over
#      GPU_STEPS steps (default 50), and the most GPU memory Kino used.
#
# Exit status: 0 all passed, 1 a check failed, 3 files missing, 4 no GPU.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kino="${KINO_BIN:-$root/bin/kino}"
pack_src="$root/engine/onnx/testdata/real/tiny-sd-real"
tolerance="${GPU_TOLERANCE:-4}"
steps="${GPU_STEPS:-50}"
want_version="1.24"

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*"; exit "${2:-1}"; }

step "1. ONNX Runtime (CUDA build, ${want_version}.x)"
lib="${KINO_ORT_LIB:-}"
if [[ -z "$lib" ]]; then
	for d in "$root/.deps" /usr/local/lib /usr/lib/x86_64-linux-gnu /usr/lib /opt/onnxruntime/lib; do
		for n in libonnxruntime.so.1 libonnxruntime.so; do
			if [[ -f "$d/$n" ]]; then lib="$d/$n"; break 2; fi
		done
	done
fi
if [[ -z "$lib" || ! -f "$lib" ]]; then
	say "missing: libonnxruntime.so.1 (KINO_ORT_LIB=${KINO_ORT_LIB:-unset}; also looked in $root/.deps, /usr/local/lib, /usr/lib, /opt/onnxruntime/lib)"
	say "where it goes: unpack onnxruntime-linux-x64-gpu-${want_version}.x.tgz (ONNX Runtime's GitHub release) and set"
	say "  KINO_ORT_LIB=/path/to/onnxruntime-linux-x64-gpu-${want_version}.x/lib/libonnxruntime.so.1"
	say "(Python's onnxruntime-gpu wheel has the provider libraries but not libonnxruntime.so, which Kino loads.)"
	exit 3
fi
libdir="$(cd "$(dirname "$lib")" && pwd)"
say "library:  $lib"
missing=()
for f in libonnxruntime_providers_cuda.so libonnxruntime_providers_shared.so; do
	if [[ -f "$libdir/$f" ]]; then
		say "found:    $libdir/$f"
	else
		missing+=("$f")
	fi
done
if ((${#missing[@]})); then
	for f in "${missing[@]}"; do
		say "missing:  $libdir/$f"
	done
	say "where they go: beside $lib. They come with the CUDA build of ONNX Runtime ${want_version}"
	say "  (onnxruntime-linux-x64-gpu-${want_version}.x.tgz, lib/); the npm package that make deps fetches is the"
	say "  CPU build and has neither. Point KINO_ORT_LIB at the CUDA build's libonnxruntime.so.1."
	exit 3
fi
export KINO_ORT_LIB="$lib"

step "2. NVIDIA GPU"
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
	fail "no NVIDIA GPU here (nvidia-smi is missing or finds none); this check needs one" 4
fi
nvidia-smi -L
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

[[ -x "$kino" ]] || fail "no Kino at $kino: build it (make build) or set KINO_BIN" 3
if ! "$kino" version >/dev/null 2>&1; then
	say "$kino does not start here:"
	"$kino" version 2>&1 | head -3
	ldd "$kino" 2>&1 | grep -E 'not found|GLIBC' || true
	say "(Kino links libGL, libX11 and libasound for its window and sound, and the glibc it was built"
	say " against: install those, or build Kino on a machine like this one.)"
	exit 3
fi
say "kino:     $kino ($("$kino" version 2>/dev/null | head -1))"
[[ -d "$pack_src" ]] || fail "the test pack $pack_src is missing (run from a Kino checkout)" 3

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data"
export KINO_MODELS="$work/models"
mkdir -p "$KINO_MODELS"
cp -r "$pack_src" "$KINO_MODELS/tiny-sd-real"

step "3. kino doctor"
"$kino" doctor | tee "$work/doctor.txt"
if ! grep -Eq '^ +CUDA: ok' "$work/doctor.txt"; then
	fail "kino doctor does not list CUDA as available (see above)"
fi

step "4. the same still on the CPU and on CUDA"
prompt="a lighthouse on a cliff at night"
args=(--seed 42 --steps 4 --size 64x64 --guidance 7.5)
"$kino" models try tiny-sd-real "$prompt" "${args[@]}" --provider cpu --out "$work/cpu.png" || fail "kino models try on the CPU"
"$kino" models try tiny-sd-real "$prompt" "${args[@]}" --provider cuda --out "$work/cuda.png" \
	--compare "$work/cpu.png" --tolerance "$tolerance" --json | tee "$work/cuda.json"
rc=${PIPESTATUS[0]}
grep -q '"provider": "CUDA"' "$work/cuda.json" || fail "the still was not made on CUDA (see the notes above)"
((rc == 0)) || fail "the CUDA still differs from the CPU's by more than $tolerance levels"
say "checked: CUDA and CPU stills agree within $tolerance levels"

step "5. speed and memory on CUDA (256x256, $steps steps)"
"$kino" models try tiny-sd-real "$prompt" --seed 42 --steps "$steps" --provider cuda --out "$work/speed.png" --json >"$work/speed.json" &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
	used="$(nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits 2>/dev/null | awk -F', *' -v p="$pid" '$1==p {print $2}')"
	[[ -n "$used" && "$used" -gt "$peak" ]] && peak="$used"
	sleep 0.2
done
wait "$pid" || fail "kino models try for speed"
cat "$work/speed.json"
sps="$(grep -o '"steps_per_second": [0-9.e+-]*' "$work/speed.json" | awk '{print $2}')"
say "steps/s on CUDA: $sps"
say "GPU memory used by Kino at most: ${peak} MiB"
say
say "gpu-check: all checks passed"
