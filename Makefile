# ocop-trace: `make demo` and `make test` install what is missing, then build and run.
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

CONFIG ?= debug
BIN := .build/$(CONFIG)/ocop-trace

.PHONY: all deps test-deps build demo test bench clean

all: build

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

build: deps
	swift build -c $(CONFIG)

# The main job on the embedded default: renders sample codes into Output/demo/.
demo: build
	@scripts/demo.sh $(BIN)

# Every test, with the independent decoders (zbarimg and zxing-cpp) installed first.
test: test-deps
	OCOP_TRACE_PYTHON=$(CURDIR)/.venv/bin/python swift test

bench:
	@echo "make bench: the benchmark arrives with the performance work (issue 6); nothing to run yet."

clean:
	rm -rf .build Output/demo
