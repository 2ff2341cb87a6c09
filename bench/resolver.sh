#!/usr/bin/env bash
# The resolver under load (issue 12), called by `make bench` (bench/run.sh) or alone:
#   bench/resolver.sh [path/to/release/ocop-trace]
# wrk on loopback, 64 connections, 2 threads, 30 s (DURATION), against unit pages of a
# 100,000-unit store (UNITS), every request a different unit so scans are logged; HTML pages and
# the JSON linkset; on SQLite and on a throw-away PostgreSQL server (scripts/postgres-test.sh).
# Then page latency while a second 100,000-unit `batch issue` runs on the same store, and the
# resident memory of `serve` after 1,000,000 requests (REQUESTS). Appends to $OUT/resolver.tsv
# and prints a Markdown table. SKIP_POSTGRES=1 runs SQLite only; KEEP_WORK=1 keeps the scratch
# folder (wrk's reports, serve's log) and prints where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${1:-$ROOT/.build/release/ocop-trace}
UNITS=${UNITS:-100000}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-64}
REQUESTS=${REQUESTS:-1000000}
OUT=${OUT:-$ROOT/Output/bench}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh bench" >&2; exit 69; }
[ -x "$BIN" ] || { echo "$BIN is missing: swift build -c release --product ocop-trace" >&2; exit 66; }
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d /dev/shm/ocop-resolver.XXXXXX); else WORK=$(mktemp -d); fi
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
TSV=$OUT/resolver.tsv
ENGINE=${ENGINE:-sqlite}
[ "$ENGINE" = sqlite ] && : >"$TSV"
log() { printf '== resolver: %s\n' "$*" >&2; }

# store STORE KEYS: a store with one rated product and UNITS units; their paths in $WORK/paths-<n>.
store() {
    local store=$1 keys=$2 name=$3
    ocop() { "$BIN" "$@" --store "$store" --keys "$keys" >/dev/null; }
    ocop init --resolver id.example.vn
    ocop producer add LT-P001 --name 'Hợp tác xã Kiểm thử' --kind cooperative --province 'Trà Vinh' \
        --district 'Càng Long' --commune 'Đại Phước'
    ocop product add LT-0001 --producer LT-P001 --name 'Kẹo dừa tải thử' --group food --gtin 9528400000020
    ocop rate LT-0001 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date 2026-10-15
    ocop batch issue --product LT-0001 --lot LT-2026-11 --units "$UNITS" --produced 2026-11-20 --codes "$WORK/codes-$name.csv"
    ocop event add --batch LT-2026-11 --step shipping --disposition in_transit --location 'Càng Long'
    tail -n +2 "$WORK/codes-$name.csv" | cut -d, -f1 | sed 's#^https://id.example.vn##' >"$WORK/paths-$name"
}

# serve STORE KEYS: starts the resolver, sets SERVER and PORT.
serve() {
    "$BIN" serve --store "$1" --keys "$2" --port 0 --no-access-log >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVER=$!
    for _ in $(seq 100); do
        PORT=$(sed -n 's#.*:\([0-9]*\)/ for codes.*#\1#p' "$WORK/serve.out")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    [ -n "$PORT" ] || { echo "serve did not start: $(cat "$WORK/serve.err")" >&2; exit 1; }
    # Into a file first: `curl | grep -q` fails under pipefail when grep stops reading early.
    curl -fs "http://127.0.0.1:$PORT$(head -1 "$WORK/paths-$3")" -o "$WORK/first.html" \
        && grep -q 'data-verdict="GENUINE"' "$WORK/first.html" \
        || { echo "the first unit does not resolve as GENUINE" >&2; exit 1; }
}

stop_server() {
    kill -TERM "$SERVER"
    wait "$SERVER" || true
    SERVER=
}

# load NAME PATHS SECONDS [ACCEPT]: one wrk run; appends name, req/s, p50, p99 (ms), non-2xx.
load() {
    local name=$1 paths=$2 seconds=$3 accept=${4:-}
    PATHS=$paths ACCEPT=$accept wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency -s bench/resolver-paths.lua \
        "http://127.0.0.1:$PORT/" >"$WORK/wrk-$name.txt"
    python3 - "$name" "$WORK/wrk-$name.txt" >>"$TSV" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
# Percentiles from the latency distribution's own lines ("Req/Sec ... 62.50%" ends in 50% too).
p50 = ms(re.search(r"^\s*50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s*99%\s+(\S+)", text, re.M).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"{name}\t{rps:.0f}\t{p50:.1f}\t{p99:.1f}\t{total}\t{bad.group(1) if bad else 0}\t{errors.group(1) if errors else ''}")
PY
    tail -1 "$TSV" >&2
}

rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }

# during_issue NAME STORE KEYS: wrk for 10 s while a second batch of UNITS units is issued.
during_issue() {
    ( "$BIN" batch issue --product LT-0001 --lot LT-2026-12 --units "$UNITS" --produced 2026-11-20 --store "$2" --keys "$3" \
        >/dev/null ) &
    local issuer=$!
    load "$1" "$WORK/paths-$ENGINE" 10
    wait "$issuer"
}

# ---------------------------------------------------------------------------------------------
if [ "$ENGINE" = postgres ]; then
    # Under scripts/postgres-test.sh: a database of its own on the throw-away server.
    psql -X -q -d "$OCOP_TEST_POSTGRES" -c 'CREATE DATABASE ocop_bench' >/dev/null
    url=${OCOP_TEST_POSTGRES%/*}/ocop_bench
    log "PostgreSQL store of $UNITS units"
    store "$url" "$WORK/keys" postgres
    serve "$url" "$WORK/keys" postgres
    load postgres_page "$WORK/paths-postgres" "$DURATION"
    load postgres_json "$WORK/paths-postgres" "$DURATION" application/json
    log "PostgreSQL: pages during a concurrent $UNITS-unit batch issue"
    during_issue postgres_page_during_issue "$url" "$WORK/keys"
    stop_server
    exit 0
fi

log "SQLite store of $UNITS units"
store "$WORK/sqlite" "$WORK/sqlite" sqlite
serve "$WORK/sqlite" "$WORK/sqlite" sqlite
load sqlite_page "$WORK/paths-sqlite" "$DURATION"
load sqlite_json "$WORK/paths-sqlite" "$DURATION" application/json
log "SQLite: pages during a concurrent $UNITS-unit batch issue"
during_issue sqlite_page_during_issue "$WORK/sqlite" "$WORK/sqlite"

log "SQLite: resident memory over $REQUESTS requests"
done_requests=$(awk -F'\t' '{s += $5} END {print s}' "$TSV")
printf 'rss_kb\t%s\t%s\n' "$done_requests" "$(rss)" >>"$TSV"
while [ "$done_requests" -lt "$REQUESTS" ]; do
    kill -0 "$SERVER" 2>/dev/null || { echo "serve is gone after $done_requests requests" >&2; exit 1; }
    load memory_run "$WORK/paths-sqlite" 30 2>/dev/null || { echo "wrk run failed: $(tail -3 "$WORK/wrk-memory_run.txt")" >&2; break; }
    # `load` appends a line only when wrk's report reads; else say what wrk printed and stop.
    [ "$(tail -1 "$TSV" | cut -f1)" = memory_run ] \
        || { echo "wrk's report does not read after $done_requests requests: $(tail -5 "$WORK/wrk-memory_run.txt")" >&2; break; }
    done_requests=$((done_requests + $(tail -1 "$TSV" | cut -f5)))
    sed -i '$d' "$TSV"
    printf 'rss_kb\t%s\t%s\n' "$done_requests" "$(rss)" >>"$TSV"
    tail -1 "$TSV" >&2
done
stop_server

if [ "${SKIP_POSTGRES:-}" != 1 ]; then
    ENGINE=postgres scripts/postgres-test.sh bench/resolver.sh "$BIN"
fi
python3 - "$TSV" <<'PY' | tee "$OUT/resolver.md"
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print("| run | req/s | p50 ms | p99 ms | requests | non-2xx |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    if r[0] != "rss_kb":
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |")
rss = [r for r in rows if r[0] == "rss_kb"]
if rss:
    print()
    print("serve RSS (MB) after n requests: " + ", ".join(f"{int(r[1]):,}: {int(r[2]) / 1024:.0f}" for r in rss))
PY
