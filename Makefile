# Kino's build entry points. `make test` is what CI (.ci/run) runs.
#
#   make deps    install missing Debian packages, fetch ONNX Runtime and c2pa-node into .deps/
#   make run     set up, build bin/kino and start the studio
#   make build   build bin/kino
#   make test    set up, check formatting and vet, run every test
#   make bench   run every benchmark
#   make lint    gofmt check + go vet
#   make gpu-check  build, then check the neural engine on an NVIDIA GPU (packaging/gpu-check.sh)
#   make fuzz    run every fuzz target for FUZZTIME each (default 30s)
#   make interop check against independent software in ../shared (SHARED=DIR):
#                every export format read by ../shared/readers, and a real
#                Flamenco farm rendering a film
#
# Knobs: TEST_TIMEOUT, TEST_FLAGS, TEST_WRAPPER (e.g. TEST_WRAPPER='xvfb-run -a'),
# BENCH, BENCHTIME, RUN_ARGS, KINO_ORT_LIB, KINO_SKIP_SYSTEM_DEPS=1.
# The Go build cache is shared and left alone: no flag here defeats caching.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

GO ?= go
PKGS ?= ./...
TEST_TIMEOUT ?= 20m
TEST_FLAGS ?=
TEST_WRAPPER ?=
BENCH ?= .
BENCHTIME ?= 500ms
BENCH_TIMEOUT ?= 30m
RUN_ARGS ?=
BIN := bin/kino

# Where packaging/fetch-ort.sh puts the ONNX Runtime library for this
# platform. Tests and the studio find it through KINO_ORT_LIB; a value set by
# the caller (a CUDA build, say) wins.
ORT_LIB := $(shell packaging/fetch-ort.sh --print-path 2>/dev/null)
KINO_ORT_LIB ?= $(ORT_LIB)
export KINO_ORT_LIB

# The C2PA reference implementation (c2pa-rs as a Node.js module) that tests
# check Content Credentials against.
KINO_C2PA_NODE ?= $(shell packaging/fetch-c2pa-node.sh --print-path 2>/dev/null)
export KINO_C2PA_NODE

# Go sources to format-check: everything but fetched deps and test fixtures.
FIND_GOFILES = find . -name '*.go' -not -path './.deps/*' -not -path '*/testdata/*' -not -path './bin/*' -print0

.PHONY: deps deps-system deps-ort deps-c2pa build run test check-test lint fmt-check vet bench clean help gpu-check

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

deps: deps-system deps-ort deps-c2pa

deps-system:
	@packaging/deps.sh

deps-ort:
	@packaging/fetch-ort.sh

deps-c2pa:
	@packaging/fetch-c2pa-node.sh

build:
	$(GO) build -o $(BIN) .

run: deps build
	./$(BIN) $(RUN_ARGS)

# lint runs first so a formatting slip fails fast, before the long test run.
test: deps lint
	$(TEST_WRAPPER) $(GO) test -timeout $(TEST_TIMEOUT) $(TEST_FLAGS) $(PKGS)

lint: fmt-check vet

fmt-check:
	@unformatted="$$($(FIND_GOFILES) | xargs -0 -r gofmt -l)"; \
	if [[ -n "$$unformatted" ]]; then \
		echo "gofmt: these files need formatting (run gofmt -w):" >&2; \
		echo "$$unformatted" >&2; \
		exit 1; \
	fi; \
	echo "gofmt: ok"

vet:
	$(GO) vet $(PKGS)

bench: deps
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -benchtime $(BENCHTIME) -timeout $(BENCH_TIMEOUT) $(PKGS)

# gpu-check needs the CUDA build of ONNX Runtime (set KINO_ORT_LIB to it);
# without one it says which files are missing. make test never runs it.
gpu-check: build
	packaging/gpu-check.sh

# fuzz runs each fuzz target (func FuzzXxx) for FUZZTIME, one at a time;
# FUZZ=REGEXP picks targets by name. `make test` replays their seed
# corpora (testdata/fuzz/) as ordinary tests.
FUZZTIME ?= 30s
FUZZ ?= .
.PHONY: fuzz
fuzz:
	@FUZZTIME='$(FUZZTIME)' FUZZ='$(FUZZ)' GO='$(GO)' bash .ci/fuzz

# interop checks Kino against software others wrote, from ../shared beside
# the repository (SHARED): every export format is read back by
# OpenTimelineIO, pycmx, Apple's FCPXML DTD, ffprobe/ffmpeg, melt, sox and
# poppler (packaging/interop.sh), and a real Flamenco Manager and two
# Workers render a film. CI runs it after make test; make test never needs
# ../shared.
SHARED ?= $(abspath ../shared)
.PHONY: interop
interop: deps build
	@packaging/deps.sh packaging/interop-packages.txt
	READERS='$(SHARED)/readers' packaging/interop.sh
	KINO_FLAMENCO='$(SHARED)/flamenco' $(GO) test -tags interop -timeout 20m -run 'Interop|Farm' ./app/...

# clean removes build outputs; .deps/ stays (remove it by hand to refetch).
clean:
	rm -rf bin
