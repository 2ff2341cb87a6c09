#!/usr/bin/env bash
# The phone-capture simulation over every shipped label template (issue 15): a scratch store
# issues one batch, each label template with a QR code (`template list`, sheets left out, the star
# stamp in) renders every unit as a 300 dpi PNG, and scripts/capture-sim.py captures each label
# CAPTURES times at every scale and decodes with zxing-cpp and zbar. Prints the Markdown table;
# writes OUT/capture.json and OUT/capture.md.
#
#   scripts/capture-sim.sh .build/release/ocop-trace      # what `make capture` runs
#   UNITS=200 CAPTURES=5 SCALES=1.0,0.6,0.5 SEED=15 scripts/capture-sim.sh BIN [capture-sim.py options]
#
# UNITS labels a template (default 200) × CAPTURES captures a label (default 5) = captures a
# template and scale; PYTHON is the venv's (default .venv/bin/python, as `make test-deps` makes
# it); OUT the folder for the report (default Output/capture). Options after BIN go to
# capture-sim.py run (--jobs N, --blur MIN,MAX, …).
set -euo pipefail
BIN=$(realpath "$1")
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
UNITS=${UNITS:-200}
CAPTURES=${CAPTURES:-5}
SCALES=${SCALES:-1.0,0.6,0.5}
SEED=${SEED:-15}
OUT=${OUT:-$ROOT/Output/capture}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d /dev/shm/ocop-capture.XXXXXX); else WORK=$(mktemp -d); fi
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# The templates the binary reads, from the first line of `template list` ("templates in DIR (…):").
listing=$("$BIN" template list)
TEMPLATES=$(sed -n '1s/^templates in \(.*\) ([^)]*):$/\1/p' <<<"$listing")
[ -d "$TEMPLATES" ] || { echo "capture-sim: cannot read the template folder from: $(head -1 <<<"$listing")" >&2; exit 66; }
# Label templates with a QR code (sheets have none); this also stops here when a decoder is missing.
qr_templates=$(tail -n +2 <<<"$listing" | cut -d' ' -f1 | xargs "$PYTHON" "$ROOT/scripts/capture-sim.py" qr-templates "$TEMPLATES")
mapfile -t NAMES <<<"$qr_templates"
[ -n "$qr_templates" ] || { echo "capture-sim: no label template with a QR code in $TEMPLATES" >&2; exit 66; }

S=$WORK/store
# ocop ARGS...: a command on the scratch store, quiet unless it fails.
ocop() { "$BIN" "$@" --store "$S" >"$WORK/ocop.log" 2>&1 || { cat "$WORK/ocop.log" >&2; return 1; }; }
ocop init --resolver id.example.vn
ocop producer add TV-P002 --name 'Hợp tác xã Đặc sản Đại Phước' --kind cooperative \
    --province 'Vĩnh Long' --commune 'xã Đại Phước'
ocop product add TV-0002 --producer TV-P002 --name 'Kẹo dừa Đại Phước' --group food --gtin 9528400000020
# Rated today (UTC's day is never after Vietnam's), so the star stamp has a rating in force.
ocop rate TV-0002 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date "$(date -u +%F)"
# --pins: the codes file then also serves the template with a scratch-off PIN box.
ocop batch issue --product TV-0002 --lot KD-2026-11 --units "$UNITS" --produced 2026-11-20 \
    --expires 2027-05-20 --pins --codes "$WORK/codes.csv"

labels=()
for name in "${NAMES[@]}"; do
    ocop label render --templates "$TEMPLATES" --batch KD-2026-11 --template "$name" --dpi 300 \
        --codes "$WORK/codes.csv" --out "$WORK/labels/$name"
    labels+=(--labels "$name=$(dirname "$(find "$WORK/labels/$name" -name manifest.csv)")")
done

"$PYTHON" "$ROOT/scripts/capture-sim.py" run --codes "$WORK/codes.csv" --templates "$TEMPLATES" "${labels[@]}" \
    --scales "$SCALES" --captures "$CAPTURES" --seed "$SEED" --json "$OUT/capture.json" "$@" | tee "$OUT/capture.md"
