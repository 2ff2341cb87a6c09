#!/usr/bin/env bash
# Sales through the write API (issue 13), called by `make bench` (bench/run.sh) or alone:
#   bench/sales.sh [path/to/release/ocop-trace]
# A store with SALES units (default 1000) and two shop actors with DEVICES device tokens (8);
# `serve` on loopback; the tills sell every unit at once (wrk with bench/sales.lua), then offer
# every unit again (all 409). Prints the latencies (p50, p99, max) and appends to $OUT/sales.json.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${1:-$ROOT/.build/release/ocop-trace}
SALES=${SALES:-1000}
DEVICES=${DEVICES:-8}
OUT=${OUT:-$ROOT/Output/bench}
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "$BIN is missing: swift build -c release --product ocop-trace" >&2; exit 66; }
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d /dev/shm/ocop-sales.XXXXXX); else WORK=$(mktemp -d); fi
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
STORE=$WORK/store
ocop() { "$BIN" "$@" --store "$STORE"; }
ocop init --resolver id.example.vn >/dev/null
ocop producer add LT-P001 --name 'Hợp tác xã Kiểm thử' --kind cooperative --province 'Trà Vinh' \
    --district 'Càng Long' --commune 'Đại Phước' >/dev/null
ocop product add LT-0001 --producer LT-P001 --name 'Kẹo dừa tải thử' --group food --gtin 9528400000020 >/dev/null
ocop rate LT-0001 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date 2026-10-15 >/dev/null
ocop batch issue --product LT-0001 --lot LT-SALES --units "$SALES" --codes "$WORK/codes.csv" >/dev/null
for shop in SHOP-1 SHOP-2; do
    ocop actor add "$shop" --name "Điểm bán $shop" --role shop --key-out "$WORK/keys-$shop" >/dev/null
done
for i in $(seq 1 "$DEVICES"); do
    ocop token issue --actor "SHOP-$(( (i % 2) + 1 ))" --name "quầy $i" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
done >"$WORK/tokens"
tail -n +2 "$WORK/codes.csv" | cut -d, -f1 >"$WORK/codes"
# Each till makes 2 × SALES/DEVICES requests in a few seconds: above the default rate limit per token.
"$BIN" serve --store "$STORE" --port 0 --no-access-log --api-requests-per-minute 60000 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do
    PORT=$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$WORK/serve.out" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { echo "serve did not start: $(cat "$WORK/serve.err")" >&2; exit 70; }
# wrk (C, one thread and one keep-alive connection a till) so the client does not weigh on the
# figures: first every unit once (all 201), then every unit again by another till (all 409).
offer() {
    TOKENS=$WORK/tokens CODES=$WORK/codes SHIFT=$1 wrk -t"$DEVICES" -c"$DEVICES" -d"${SECONDS_PER_ROUND:-10}s" --latency -s bench/sales.lua \
        "http://127.0.0.1:$PORT/" >"$WORK/wrk-$2.txt"
}
offer 0 first
sold=$(sqlite3 "$STORE/ocop-trace.sqlite" "SELECT count(*) FROM chain_event WHERE step = 'retail_selling'")
[ "$sold" = "$SALES" ] || { echo "after the first round $sold of $SALES units are sold" >&2; exit 70; }
offer 1 second
sold=$(sqlite3 "$STORE/ocop-trace.sqlite" "SELECT count(*) FROM chain_event WHERE step = 'retail_selling'")
[ "$sold" = "$SALES" ] || { echo "after the second offers $sold units are sold, not $SALES: a unit was sold twice" >&2; exit 70; }
ocop log verify >/dev/null || { echo "log verify failed after the sales" >&2; exit 65; }
result=$(python3 - "$WORK/wrk-first.txt" "$WORK/wrk-second.txt" "$DEVICES" "$SALES" <<'PY'
import json, re, sys
def ms(value):
    found = re.match(r"([\d.]+)(us|ms|s|m)", value)
    if not found: sys.exit("cannot read the latency %r in wrk's output" % value)
    number, unit = found.groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)
def parse(path):
    text = open(path).read()
    if "requests in" not in text: sys.exit("wrk gave no figures: " + text[-500:])
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"requests": int(re.search(r"(\d+) requests in", text).group(1)),
            "p50_ms": ms(re.search(r"^\s*50%\s+(\S+)", text, re.M).group(1)), "p99_ms": ms(re.search(r"^\s*99%\s+(\S+)", text, re.M).group(1)),
            "max_ms": ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text).group(1)), "non_2xx": int(bad.group(1)) if bad else 0}
print(json.dumps({"devices": int(sys.argv[3]), "units": int(sys.argv[4]), "first_sales": parse(sys.argv[1]), "second_offers": parse(sys.argv[2])}))
PY
)
echo "$result" >>"$OUT/sales.json"
python3 - "$result" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print("| sales through the API (%d devices, SQLite, wrk) | requests | p50 ms | p99 ms | max ms | non-2xx |" % r["devices"])
print("|---|---|---|---|---|---|")
for name, key in (("first sale of each unit (201)", "first_sales"), ("second offer (409)", "second_offers")):
    x = r[key]
    print("| %s | %d | %.2f | %.2f | %.2f | %d |" % (name, x["requests"], x["p50_ms"], x["p99_ms"], x["max_ms"], x["non_2xx"]))
PY
