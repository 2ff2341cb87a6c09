#!/usr/bin/env bash
# The demo: a producer's whole story on the embedded SQLite store, from an empty folder to a
# shop's verdict. Everything lands in Output/demo/ (the store in Output/demo/store).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/ocop-trace}
out=Output/demo
store=$out/store
rm -rf "$out"
mkdir -p "$out/qr"
ocop() { "$bin" "$@" --store "$store"; }
step() { printf '\n== %s\n' "$*"; }

step "1. A province office creates the store and imports its OCOP register"
ocop init --resolver id.example.vn
ocop import scripts/demo/register.csv
ocop product list

step "2. The Kim Hòa cooperative issues 1,000 unit codes for a batch of bánh tét"
ocop batch issue --product DEMO-01 --lot BT-2026-11 --units 1000 \
    --produced 2026-11-20 --expires 2026-12-05 --codes "$out/codes-BT-2026-11.csv"
head -3 "$out/codes-BT-2026-11.csv"

step "3. QR labels for the first three units (PNG, 300 dpi) and one SVG for the print shop"
sed -n 2,4p "$out/codes-BT-2026-11.csv" | while IFS=, read -r uri short serial; do
    "$bin" qr "$uri" --out "$out/qr/$serial.png"
done
first_uri=$(sed -n 2p "$out/codes-BT-2026-11.csv" | cut -d, -f1)
first_short=$(sed -n 2p "$out/codes-BT-2026-11.csv" | cut -d, -f2)
first_serial=$(sed -n 2p "$out/codes-BT-2026-11.csv" | cut -d, -f3)
second_uri=$(sed -n 3p "$out/codes-BT-2026-11.csv" | cut -d, -f1)
"$bin" qr "$first_uri" --out "$out/qr/first-unit.svg" --dpi 600

step "4. The batch travels: packing, shipping, receiving at the OCOP shop, one unit sold"
ocop event add --batch BT-2026-11 --step packing --at 2026-11-20T16:00:00+07:00 --location 'HTX Kim Hòa, Cầu Ngang'
ocop event add --batch BT-2026-11 --step shipping --disposition in_transit --at 2026-11-21T06:30:00+07:00 --location 'Cầu Ngang'
ocop event add --batch BT-2026-11 --step receiving --disposition sellable_accessible --at 2026-11-21T09:15:00+07:00 --location 'Điểm bán OCOP Ao Bà Om, TP Trà Vinh'
ocop event add "$first_short" --step retail_selling --at 2026-11-22T10:05:00+07:00 --location 'Điểm bán OCOP Ao Bà Om, TP Trà Vinh'
ocop history "$first_short"

step "5. Shop staff verify codes"
verify() { ocop verify "$@" || true; }
echo "-- an unsold unit (scanned):";      verify "$second_uri"
echo "-- the sold unit, scanned again:";  verify "$first_short"
echo "-- a forged label (signature altered):"
verify "${second_uri%?}$( [ "${second_uri: -1}" = A ] && echo B || echo A )"
echo "-- offline, with only the public key:"
ocop key export --out "$out/issuer-pub.pem"
"$bin" verify "$second_uri" --pubkey "$out/issuer-pub.pem" || true

step "6. The log is intact"
ocop log verify

if command -v zbarimg >/dev/null 2>&1; then
    echo "read back from a label by zbarimg: $(zbarimg --raw -q -Sbinary "$out/qr/$first_serial.png" 2>/dev/null)"
fi
echo
echo "demo files are in $out/"
