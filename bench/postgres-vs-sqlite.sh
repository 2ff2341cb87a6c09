#!/usr/bin/env bash
# PostgreSQL against SQLite on this machine, release build: the time of one
# `batch issue --units 100000`, then `verify` latency in-process (ocop-bench, the CLI's CodeCheck)
# over VERIFY_COUNT random codes of that batch. Run under a server:
#   swift build -c release && scripts/postgres-test.sh bench/postgres-vs-sqlite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${OCOP_TEST_POSTGRES:?run under scripts/postgres-test.sh, which starts a PostgreSQL server}"
units=${UNITS:-100000}
count=${VERIFY_COUNT:-500}
bin=.build/release
work=$(mktemp -d /tmp/ocop-pg-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
psql -X -q -d "$OCOP_TEST_POSTGRES" -c "CREATE DATABASE ocop_bench"
postgres_store="${OCOP_TEST_POSTGRES%/*}/ocop_bench"

for engine in sqlite postgres; do
    if [ "$engine" = sqlite ]; then store="$work/sqlite-store"; else store="$postgres_store"; fi
    ocop() { "$bin/ocop-trace" "$@" --store "$store" --keys "$work/$engine-keys"; }
    ocop init --resolver id.example.vn >/dev/null
    ocop producer add TV-P002 --name "HTX Đại Phước" --kind cooperative --province "Trà Vinh" --district "Càng Long" --commune "Đại Phước" >/dev/null
    ocop product add TV-0002 --producer TV-P002 --name "Kẹo dừa" --group food --gtin 9528400000020 >/dev/null
    ocop rate TV-0002 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date 2026-10-15 >/dev/null
    start=$(date +%s.%N)
    ocop batch issue --product TV-0002 --lot B-100K --units "$units" --codes "$work/$engine-codes.csv" >/dev/null
    end=$(date +%s.%N)
    issue=$(echo "$end - $start" | bc)
    verify=$("$bin/ocop-bench" verify --store "$store" --keys "$work/$engine-keys" --codes "$work/$engine-codes.csv" --count "$count")
    echo "$engine: batch issue --units $units: ${issue} s; verify x$count: $verify"
done
psql -X -q -d "$OCOP_TEST_POSTGRES" -c "DROP DATABASE ocop_bench WITH (FORCE)"
