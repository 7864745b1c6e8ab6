# Kino's build entry points. `make test` is what CI (.ci/run) runs.
#
#   make deps    install missing Debian packages and fetch ONNX Runtime into .deps/
#   make run     set up, build bin/kino and start the studio
#   make build   build bin/kino
#   make test    set up, check formatting and vet, run every test
#   make bench   run every benchmark
#   make lint    gofmt check + go vet
#   make interop export a varied project in every format and check it with
#                independent readers in ../shared/readers (READERS=DIR)
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

# Go sources to format-check: everything but fetched deps and test fixtures.
FIND_GOFILES = find . -name '*.go' -not -path './.deps/*' -not -path '*/testdata/*' -not -path './bin/*' -print0

.PHONY: deps deps-system deps-ort build run test check-test lint fmt-check vet bench clean help interop

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

deps: deps-system deps-ort

deps-system:
	@packaging/deps.sh

deps-ort:
	@packaging/fetch-ort.sh

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

# interop needs ../shared (make test does not); CI runs it after make test.
interop: deps build
	@packaging/deps.sh packaging/interop-packages.txt
	packaging/interop.sh

# clean removes build outputs; .deps/ stays (remove it by hand to refetch).
clean:
	rm -rf bin
