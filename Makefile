# ocop-trace: `make demo` and `make test` install what is missing, then build and run.
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

CONFIG ?= debug
BIN := .build/$(CONFIG)/ocop-trace

.PHONY: all deps test-deps build demo serve test test-postgres stress fuzz bench bench-resolver capture clean \
	build-release install uninstall test-install

all: build

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

build: deps
	swift build -c $(CONFIG)

# The binary `make install` puts in place: release, with the Swift runtime linked in (it runs
# without /opt/swift); the C libraries stay shared (`scripts/install-deps.sh runtime --list`).
# generate-manual (swift-argument-parser's) writes the man page from the binary's own help.
# SWIFT_BUILD_FLAGS: more flags for these builds (InstallTests pass --ignore-lock: they run
# inside `swift test`, which holds .build's lock while they install).
RELEASE_FLAGS := -c release --static-swift-stdlib $(SWIFT_BUILD_FLAGS)
build-release: deps
	swift build $(RELEASE_FLAGS) --product ocop-trace
	swift build $(RELEASE_FLAGS) --product generate-manual

# The binary, templates, man page, bash/zsh/fish completions and the systemd unit under PREFIX
# (DESTDIR stages them elsewhere); the binary finds its templates in PREFIX/share/ocop-trace.
PREFIX ?= /usr/local
install: build-release
	@scripts/install.sh install "$(PREFIX)" .build/release/ocop-trace .build/release/generate-manual

uninstall:
	@scripts/install.sh uninstall "$(PREFIX)"

# The main job on the embedded default: the whole story, labels and stamps in Output/
demo: build
	@scripts/demo.sh $(BIN)

# The resolver on the demo store (run `make demo` first): prints the local URL of one demo code.
PORT ?= 8080
serve: build
	@test -f Output/demo/store/ocop-trace.sqlite || { echo "no demo store: run \`make demo\` first" >&2; exit 66; }
	@uri=$$(sed -n 3p Output/demo/codes-BT-2026-11.csv | cut -d, -f1); \
	  echo "open http://127.0.0.1:$(PORT)$${uri#https://id.example.vn}"; \
	  echo "(shop check: http://127.0.0.1:$(PORT)/verify; stop with Ctrl-C)"
	$(BIN) serve --store Output/demo/store --port $(PORT)

# The store suites that run a second time on PostgreSQL (the first pass runs them on SQLite).
STORE_SUITES := VerifyVerdictTests|CompactCodeTests|ScratchPinTests|LocationsAndCircular02Tests|ActorTrustTests|WriteAPITests|ShopPageTests|RegistersOf2026Tests|PassportTests|VerdictMatrixTests|ScansDuringIssueTests|DerivedTamperingTests|RecallLiftTests|StoreUpgradeTests|LogIntegrityTests|ImportTests|RegistryInputTests|KeyRotationTests|EPCISExportTests|LabelAndStampTests|ConcurrentWriterTests|CodesFileTests|PostgresStoreTests|BadInputTests

# Every test, with the independent decoders (zbarimg and zxing-cpp) installed first, under a
# throw-away PostgreSQL server (scripts/postgres-test.sh); then the store suites again with
# every store on PostgreSQL.
test: test-deps
	swift build --build-tests
	OCOP_TRACE_PYTHON=$(CURDIR)/.venv/bin/python scripts/postgres-test.sh bash -c \
	  'swift test --skip-build --skip InstallTests && OCOP_TEST_ENGINE=postgres swift test --skip-build --filter "$(STORE_SUITES)"'

# The installed tool (a release build: several minutes, so not part of `make test`): installs into
# a temporary prefix, runs InstallTests against it from an empty folder with a clean environment
# (and the Dockerfile's steps), then uninstalls.
test-install: test-deps
	swift build --build-tests
	OCOP_TRACE_PYTHON=$(CURDIR)/.venv/bin/python scripts/test-install.sh

# Only the store suites on PostgreSQL (a server is started and removed around them).
test-postgres: test-deps
	swift build --build-tests
	OCOP_TRACE_PYTHON=$(CURDIR)/.venv/bin/python OCOP_TEST_ENGINE=postgres scripts/postgres-test.sh \
	  swift test --skip-build --filter '$(STORE_SUITES)'

# Long reliability runs: 20 kill -9 points per command, more concurrent writers.
stress: test-deps
	OCOP_STRESS=1 OCOP_TRACE_PYTHON=$(CURDIR)/.venv/bin/python swift test --filter 'CrashTests|ConcurrentWriterTests'

# libFuzzer over the code parsers and the template decoder (FUZZ_SECONDS per target, default 60).
fuzz: deps
	scripts/fuzz.sh

# The benchmark (issue 6): installs the peers (qrencode, zint, segno, GNU time), builds release
# and the C references, prints a Markdown table and writes Output/bench/results.json.
bench:
	@scripts/install-deps.sh build
	@scripts/install-deps.sh bench
	@bench/run.sh

# Only the resolver's section of the benchmark: wrk against `serve` on SQLite and PostgreSQL.
bench-resolver:
	@scripts/install-deps.sh build
	@scripts/install-deps.sh bench
	swift build -c release --product ocop-trace
	@bench/resolver.sh .build/release/ocop-trace

# The phone-capture simulation (issue 15): every shipped label template with a QR code, 200 labels
# × 5 captures at 1.0, 0.6 and 0.5 of 300 dpi, read by zxing-cpp and zbar; prints the table and
# writes Output/capture/capture.md and capture.json. UNITS, CAPTURES, SCALES, SEED change the run.
capture: test-deps build
	@scripts/capture-sim.sh $(BIN)

clean:
	rm -rf .build Output/demo
