#!/usr/bin/env bash
# A bounded load test of the resolver on loopback: a store of 100,000 units, `ocop-trace serve`
# on 127.0.0.1, and wrk (Debian package wrk) resolving a different unit on every request for
# 30 s (bench/resolver-paths.lua), so scans are logged as phones would. The benchmark proper,
# on both engines, is bench/resolver.sh (`make bench-resolver`).
# Not part of `make test`. Usage: scripts/load-test.sh [path/to/ocop-trace] (default: debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/ocop-trace}
units=${UNITS:-100000}
duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
port=${PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 69; }
[ -x "$bin" ] || { echo "$bin is missing: run swift build first" >&2; exit 66; }

work=Output/load-test
store=$work/store
ocop() { "$bin" "$@" --store "$store"; }
if [ ! -f "$work/codes.csv" ] || [ "$(($(wc -l <"$work/codes.csv") - 1))" -ne "$units" ]; then
    rm -rf "$work"
    mkdir -p "$work"
    ocop init --resolver id.example.vn >/dev/null
    ocop producer add LT-P001 --name 'Hợp tác xã Kiểm thử' --kind cooperative --province 'Trà Vinh' \
        --district 'Càng Long' --commune 'Đại Phước' >/dev/null
    ocop product add LT-0001 --producer LT-P001 --name 'Kẹo dừa tải thử' --group food --gtin 9528400000020 >/dev/null
    ocop rate LT-0001 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date 2026-10-15 >/dev/null
    echo "issuing $units units…"
    ocop batch issue --product LT-0001 --lot LT-2026-11 --units "$units" --produced 2026-11-20 --codes "$work/codes.csv" >/dev/null
    ocop event add --batch LT-2026-11 --step shipping --disposition in_transit --location 'Càng Long' >/dev/null
fi
uri=$(sed -n "$((units / 2 + 1))p" "$work/codes.csv" | cut -d, -f1)
path=${uri#https://id.example.vn}

tail -n +2 "$work/codes.csv" | cut -d, -f1 | sed 's#^https://id.example.vn##' >"$work/paths"
"$bin" serve --store "$store" --host 127.0.0.1 --port "$port" --no-access-log >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
done
# Into a variable first: `curl | grep -q` fails under pipefail when grep stops reading early.
page=$(curl -fs "http://127.0.0.1:$port$path") && grep -q 'data-verdict="GENUINE"' <<<"$page" \
    || { echo "the unit does not resolve as GENUINE" >&2; exit 1; }

echo "wrk: $duration, $connections connections, 2 threads, a different unit of $units on every request"
PATHS=$work/paths wrk -t2 -c"$connections" -d"$duration" --latency -s bench/resolver-paths.lua "http://127.0.0.1:$port/" \
    | tee "$work/wrk.txt"
echo "log: $("$bin" log verify --store "$store" 2>&1 | head -1)"
