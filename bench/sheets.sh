#!/usr/bin/env bash
# The sheet PDF section of `make bench`: 2,000 units onto every shipped A4 stock on one core
# (ms and bytes a label), the PNG label path of the same batch on one core as the peer, and
# 100,000 units onto the 65-up stock on every core (time, max RSS, against 2,000 units for
# memory). Prints a Markdown table, writes Output/bench/sheets.json.
#
#   bench/sheets.sh .build/release/ocop-trace      # REPEAT=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "$1")
REPEAT=${REPEAT:-3}
OUT=$PWD/Output/bench
mkdir -p "$OUT"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d /dev/shm/ocop-sheets.XXXXXX); else WORK=$(mktemp -d); fi
trap 'rm -rf "$WORK"' EXIT
RAW=$WORK/raw.tsv
: >"$RAW"
ONE="taskset -c 0"
SHEETS="sheet-a4-65-38x21 sheet-a4-40-52x30 sheet-a4-24-70x37 sheet-a4-21-63x38 sheet-a4-14-99x38 sheet-a4-40"

# run NAME UNITS CMD...: one timed run; the output folder's PDF bytes are recorded with it.
run() {
    local name=$1 units=$2
    shift 2
    rm -rf "$WORK/out" && mkdir -p "$WORK/out"
    if ! /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" --out "$WORK/out" >/dev/null 2>"$WORK/stderr"; then
        echo "bench: $name failed:" >&2
        tail -5 "$WORK/stderr" >&2
        exit 1
    fi
    local wall rss bytes
    read -r wall rss <"$WORK/time"
    bytes=$(find "$WORK/out" -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$units" "$wall" "$rss" "$bytes" >>"$RAW"
}

S=$WORK/store
"$BIN" init --resolver id.example.vn --store "$S" >/dev/null
"$BIN" producer add TV-P001 --name 'Hợp tác xã Nông nghiệp Cầu Kè' --kind cooperative --province 'Trà Vinh' \
    --district 'Cầu Kè' --commune 'Hòa Tân' --store "$S" >/dev/null
"$BIN" product add TV-0001 --producer TV-P001 --name 'Kẹo dừa sáp Cầu Kè loại đặc biệt' --group food \
    --gtin 9521234500001 --store "$S" >/dev/null
"$BIN" batch issue --product TV-0001 --lot LOT2K --units 2000 --produced 2026-11-20 --expires 2027-05-20 --store "$S" >/dev/null
"$BIN" batch issue --product TV-0001 --lot LOT100K --units 100000 --produced 2026-11-20 --expires 2027-05-20 --store "$S" >/dev/null

for rep in $(seq "$REPEAT"); do
    run png.1core 2000 $ONE "$BIN" label render --batch LOT2K --store "$S"
    for sheet in $SHEETS; do
        run "$sheet.1core" 2000 $ONE "$BIN" label render --batch LOT2K --sheet "$sheet" --format pdf --store "$S"
    done
    run sheet-a4-65-38x21.2core 2000 "$BIN" label render --batch LOT2K --sheet sheet-a4-65-38x21 --format pdf --store "$S"
done
run sheet-a4-65-38x21.100000 100000 "$BIN" label render --batch LOT100K --sheet sheet-a4-65-38x21 --format pdf --store "$S"

python3 - "$RAW" "$OUT/sheets.json" "$REPEAT" <<'PY' | tee "$OUT/sheets.md"
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, units, wall, rss, size = line.split("\t")
    runs.setdefault(name, []).append((int(units), float(wall), int(rss), int(size)))
def stats(name):
    values = runs[name]
    walls = [v[1] for v in values]
    units = values[0][0]
    return {"units": units, "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "ms_per_label": statistics.median(walls) / units * 1000, "bytes_per_label": values[0][3] / units,
            "max_rss_mb": max(v[2] for v in values) / 1024}
summary = {name: stats(name) for name in runs}
png = summary["png.1core"]
print(f"\n### Sheet PDFs (repeat {sys.argv[3]}, median with min-max; whole `label render` runs)\n")
print("| run | labels | time | ms/label | bytes/label | max RSS | target |")
print("|---|---|---|---|---|---|---|")
for name, s in summary.items():
    target = ""
    if name.endswith(".1core") and name != "png.1core":
        met = s["ms_per_label"] <= 0.6 and s["bytes_per_label"] <= 2048
        target = f"≤ 0.6 ms, ≤ 2 kB: {'met' if met else 'missed'}; {png['ms_per_label'] / s['ms_per_label']:.1f}× the PNG path"
    elif name.endswith(".100000"):
        small = summary["sheet-a4-65-38x21.2core"]
        target = (f"< 60 s: {'met' if s['median_s'] < 60 else 'missed'}; RSS {small['max_rss_mb']:.0f} MB at 2,000 → "
                  f"{s['max_rss_mb']:.0f} MB at 100,000")
    bytes_cell = "-" if name == "png.1core" else f"{s['bytes_per_label']:.0f}"
    print(f"| {name} | {s['units']:,} | {s['median_s']:.2f} s ({s['min_s']:.2f}-{s['max_s']:.2f}) | {s['ms_per_label']:.3f} | "
          f"{bytes_cell} | {s['max_rss_mb']:.0f} MB | {target} |")
json.dump(summary, open(sys.argv[2], "w"), indent=2)
PY
