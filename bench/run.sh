#!/usr/bin/env bash
# make bench: ocop-trace side by side with its peers and C references, every figure measured in
# this run (repeat, median, min-max). Prints a Markdown table, writes Output/bench/results.json.
#
#   bench/run.sh                 # REPEAT=3 by default
#   REPEAT=5 bench/run.sh
#
# Work files go to /dev/shm (tmpfs) when it exists, so the disk is not what is measured. The
# 1,000,000-unit store takes minutes to build and is cached in .build-bench/store-1m.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH=$PATH:/opt/swift/usr/bin
REPEAT=${REPEAT:-3}
CACHE=$ROOT/.build-bench
OUT=$ROOT/Output/bench
mkdir -p "$CACHE" "$OUT"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d /dev/shm/ocop-bench.XXXXXX); else WORK=$(mktemp -d); fi
trap 'rm -rf "$WORK"' EXIT
RAW=$OUT/raw.tsv
EXTRA=$OUT/extra.tsv
: >"$RAW"
: >"$EXTRA"
started=$(date +%s)
log() { printf '== %s (%ds)\n' "$*" $(($(date +%s) - started)) >&2; }

log "release build"
swift build -c release --product ocop-trace 2>&1 | grep -v 'prohibited flag' | tail -1
swift build -c release --product ocop-bench 2>&1 | grep -v 'prohibited flag' | tail -1
BIN=$ROOT/.build/release/ocop-trace
HELPER=$ROOT/.build/release/ocop-bench

log "C references"
cc -O2 -o "$CACHE/qr_png_ref" bench/c/qr_png_ref.c $(pkg-config --cflags --libs libqrencode libpng)
cc -O2 -o "$CACHE/label_ref" bench/c/label_ref.c $(pkg-config --cflags --libs libqrencode libpng pangocairo) -lm
PY=$ROOT/.venv/bin/python
"$PY" -c 'import segno' || { echo "segno missing: run scripts/install-deps.sh bench" >&2; exit 1; }
ONE="taskset -c 0"   # one core

# run NAME UNITS CMD...: one timed run (wall s, max RSS kB, user s, sys s) appended to raw.tsv.
run() {
    local name=$1 units=$2
    shift 2
    if ! /usr/bin/time -f '%e %M %U %S' -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr"; then
        echo "bench: $name failed:" >&2
        tail -5 "$WORK/stderr" >&2
        exit 1
    fi
    local wall rss user sys
    read -r wall rss user sys <"$WORK/time"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$units" "$wall" "$rss" "$user" "$sys" >>"$RAW"
}
fresh() { rm -rf "$1" && mkdir -p "$1"; }
# size NAME DIR: mean file size of the PNGs in DIR.
size() { python3 - "$1" "$2" >>"$EXTRA" <<'EOF'
import os, sys
files = [os.path.join(d, f) for d, _, fs in os.walk(sys.argv[2]) for f in fs if f.endswith(".png")]
print(f"size\t{sys.argv[1]}\t{sum(os.path.getsize(f) for f in files) / max(len(files), 1):.0f}")
EOF
}

# ---------------------------------------------------------------------------------------------
log "QR PNG: 2,000 unit URIs"
P=$WORK/payloads.txt
python3 bench/gen_uris.py 2000 "$P"
D=$WORK/qr
qrencode_loop() {
    local n=0 p
    while IFS= read -r p; do
        n=$((n + 1))
        qrencode -l M -s 8 -m 4 -d 300 -o "$2/$(printf %04d $n).png" "$p"
    done <"$1"
}
export -f qrencode_loop
for rep in $(seq "$REPEAT"); do
    fresh "$D"; run qr.ocop.2core 2000 "$BIN" qr --batch "$P" --out-dir "$D"
    fresh "$D"; run qr.ocop.1core 2000 $ONE "$BIN" qr --batch "$P" --out-dir "$D" --threads 1
    [ "$rep" = 1 ] && size qr.ocop "$D"
    fresh "$D"; run qr.c.1core 2000 $ONE "$CACHE/qr_png_ref" "$P" "$D"
    [ "$rep" = 1 ] && size qr.c "$D"
    fresh "$D"; run qr.ocop8.2core 2000 "$BIN" qr --batch "$P" --out-dir "$D" --bit-depth 8
    fresh "$D"; run qr.ocop8.1core 2000 $ONE "$BIN" qr --batch "$P" --out-dir "$D" --bit-depth 8 --threads 1
    [ "$rep" = 1 ] && size qr.ocop8 "$D"
    fresh "$D"; run qr.c8.1core 2000 $ONE "$CACHE/qr_png_ref" --gray8 "$P" "$D"
    [ "$rep" = 1 ] && size qr.c8 "$D"
    fresh "$D"; run qr.qrencode 2000 bash -c 'qrencode_loop "$1" "$2"' _ "$P" "$D"
    [ "$rep" = 1 ] && size qr.qrencode "$D"
    fresh "$D"; run qr.zint 2000 zint -b QRCODE --secure=2 --scale=4 --quietzones --batch -i "$P" -o "$D/~~~~.png"
    [ "$rep" = 1 ] && size qr.zint "$D"
    fresh "$D"; run qr.segno 2000 "$PY" bench/segno_batch.py "$P" "$D"
    [ "$rep" = 1 ] && size qr.segno "$D"
done
# Memory flat in the number of codes: 10x the codes, one run.
P20=$WORK/payloads-20k.txt
python3 bench/gen_uris.py 20000 "$P20"
fresh "$D"; run mem.qr.20000 20000 "$BIN" qr --batch "$P20" --out-dir "$D"
rm -rf "$D"

# ---------------------------------------------------------------------------------------------
log "Full label: 2,000 units through product-label-50x30 at 300 dpi"
store_base() { # store_base DIR: a store with one producer, one rated product
    "$BIN" init --resolver id.example.vn --store "$1" >/dev/null
    "$BIN" producer add TV-P001 --name 'Hợp tác xã Nông nghiệp Cầu Kè' --kind cooperative --province 'Trà Vinh' \
        --district 'Cầu Kè' --commune 'Hòa Tân' --store "$1" >/dev/null
    "$BIN" product add TV-0001 --producer TV-P001 --name 'Kẹo dừa sáp Cầu Kè loại đặc biệt' --group food \
        --gtin 9521234500001 --store "$1" >/dev/null
    "$BIN" rate TV-0001 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date 2026-10-15 --store "$1" >/dev/null
}
L=$WORK/label-store
store_base "$L"
"$BIN" batch issue --product TV-0001 --lot LOT2024A --units 2000 --produced 2026-11-20 --expires 2027-05-20 \
    --codes "$WORK/label-codes.csv" --store "$L" >/dev/null
D=$WORK/labels
for rep in $(seq "$REPEAT"); do
    fresh "$D"; run label.ocop.2core 2000 "$BIN" label render --batch LOT2024A --store "$L" --out "$D"
    fresh "$D"; run label.ocop.1core 2000 $ONE "$BIN" label render --batch LOT2024A --store "$L" --out "$D"
    [ "$rep" = 1 ] && size label.ocop "$D"
    fresh "$D"; run label.c.1core 2000 $ONE "$CACHE/label_ref" "$WORK/label-codes.csv" "$D"
    [ "$rep" = 1 ] && size label.c "$D"
    fresh "$D"; run label.pdf.2core 2000 "$BIN" label render --batch LOT2024A --sheet sheet-a4-40 --format pdf --store "$L" --out "$D"
done
"$BIN" batch issue --product TV-0001 --lot LOT10K --units 10000 --store "$L" >/dev/null
fresh "$D"; run mem.label.10000 10000 "$BIN" label render --batch LOT10K --store "$L" --out "$D"
rm -rf "$D"

# ---------------------------------------------------------------------------------------------
log "Codes: issue 100,000 signed units"
I0=$WORK/issue-base
store_base "$I0"
for rep in $(seq "$REPEAT"); do
    rm -rf "$WORK/issue"; cp -a "$I0" "$WORK/issue"
    run issue.100000 100000 "$BIN" batch issue --product TV-0001 --lot L100K --units 100000 \
        --codes "$WORK/codes-100k.csv" --store "$WORK/issue"
done
rm -rf "$WORK/issue" "$WORK/codes-100k.csv"

# ---------------------------------------------------------------------------------------------
S=$CACHE/store-1m
STORE_VERSION=v2  # v2: every write sealed (issue 13), two-level addresses (issue 14)
if [ "$(cat "$S/complete" 2>/dev/null)" != "$STORE_VERSION" ]; then
    log "building the 1,000,000-unit store with ~1,000,000 log entries (cached in $S)"
    rm -rf "$S"
    store_base "$S"
    "$HELPER" fill --store "$S" --product TV-0001 --lot-prefix BENCH- --units 1000000 --per-batch 100000 \
        --sample 10000 --codes "$S/codes-sample.csv" 2>/dev/null
    "$HELPER" events --store "$S" --product TV-0001 --lot-prefix BENCH- --lots 10 --events 998000 2>/dev/null
    echo "$STORE_VERSION" >"$S/complete"
fi
log "verify: 10,000 random codes in the 1,000,000-unit store, in-process"
for rep in $(seq "$REPEAT"); do
    run verify.inproc 10000 "$HELPER" verify --store "$S" --codes "$S/codes-sample.csv" --count 10000
    printf 'verify\t%s\n' "$(cat "$WORK/stdout")" >>"$EXTRA"
done
log "verify: 300 codes, one ocop-trace process each"
python3 - "$BIN" "$S" "$S/codes-sample.csv" >>"$EXTRA" <<'EOF'
import json, random, subprocess, sys, time
binary, store, codes = sys.argv[1:4]
uris = [line.split(",")[0] for line in open(codes).read().splitlines()[1:]]
rng = random.Random(3)
times = []
for uri in (rng.choice(uris) for _ in range(300)):
    start = time.perf_counter()
    subprocess.run([binary, "verify", uri, "--store", store], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
times.sort()
pick = lambda p: times[min(len(times) - 1, int(p / 100 * len(times) + 0.999) - 1)] * 1000
print("verify_cli\t" + json.dumps({"count": len(times), "p50_ms": pick(50), "p99_ms": pick(99), "max_ms": times[-1] * 1000}))
EOF
log "log verify over the store's log"
for rep in $(seq "$REPEAT"); do
    run logverify "$(sqlite3 "$S/ocop-trace.sqlite" 'SELECT max(seq) FROM log' 2>/dev/null || echo 1000000)" "$BIN" log verify --store "$S"
done
log "reindex of the 1,000,000-unit store (once)"
run reindex 1000000 "$BIN" reindex --store "$S"

# ---------------------------------------------------------------------------------------------
log "Restamp: both provinces"
R0=$WORK/restamp-base
"$BIN" init --resolver id.example.vn --store "$R0" >/dev/null
"$BIN" import ../shared/data/register-tra-vinh.csv --store "$R0" >/dev/null
"$BIN" import ../shared/data/register-tien-giang.csv --store "$R0" >/dev/null
run stamp.all 1 "$BIN" stamp render --all --store "$R0" --out "$WORK/stamps"
"$BIN" import ../shared/data/rerating-2026-h2.csv --store "$R0" >/dev/null
for rep in $(seq "$REPEAT"); do
    rm -rf "$WORK/restamp" "$WORK/stamps2"; cp -a "$R0" "$WORK/restamp"; cp -a "$WORK/stamps" "$WORK/stamps2"
    run restamp 1 "$BIN" restamp --store "$WORK/restamp" --out "$WORK/stamps2"
done
printf 'restamp_summary\t%s\n' "$(tail -1 "$WORK/stdout")" >>"$EXTRA"

# ---------------------------------------------------------------------------------------------
total=$(($(date +%s) - started))
printf 'machine\t%s\n' "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$EXTRA"
printf 'elapsed\t%s\n' "$total" >>"$EXTRA"
python3 bench/report.py "$RAW" "$EXTRA" "$OUT/results.json" "$REPEAT" | tee "$OUT/table.md"

# The resolver under load: a section of its own (Output/bench/resolver.md).
log "resolver under load (bench/resolver.sh)"
bench/resolver.sh "$BIN"
# Sheet PDFs: every shipped A4 stock, the PNG label path as the peer, 100,000 labels (Output/bench/sheets.md).
log "sheet PDFs (bench/sheets.sh)"
REPEAT=$REPEAT bench/sheets.sh "$BIN"
# Sales through the write API, 8 tills at once (Output/bench/sales.json).
log "sales through the write API (bench/sales.sh)"
bench/sales.sh "$BIN" | tee "$OUT/sales.md"
log "done"
