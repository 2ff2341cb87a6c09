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

# The benchmark (issue 6): installs the peers (qrencode, zint, segno, GNU time), builds release
# and the C references, prints a Markdown table and writes Output/bench/results.json.
bench:
	@scripts/install-deps.sh build
	@scripts/install-deps.sh bench
	@bench/run.sh

clean:
	rm -rf .build Output/demo
