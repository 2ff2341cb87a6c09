#!/usr/bin/env bash
# The demo: the whole story on the embedded SQLite store, from an empty folder to a shop's
# verdict and a province's re-rating. Everything lands in Output/ (the store in Output/demo/store).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/ocop-trace}
out=Output/demo
store=$out/store
rm -rf "$out" Output/DEMO-P01 Output/DEMO-P02 Output/DEMO-P03
mkdir -p "$out"
ocop() { "$bin" "$@" --store "$store"; }
step() { printf '\n== %s\n' "$*"; }

step "1. A province office creates the store and imports its OCOP register (two-level addresses of 2026, the old ones kept)"
ocop init --resolver id.example.vn
ocop import scripts/demo/register.csv --dry-run
ocop import scripts/demo/register.csv
ocop product list
ocop producer show DEMO-P01
echo "-- products whose OCOP certificate has lapsed (their stamps must come off the shelves):"
ocop product list --status lapsed

step "1b. The cooperative fills in what the digital product passport needs beyond the register"
ocop passport check --product DEMO-01
"$bin" qr "Bánh tét lá cẩm Kim Hòa" --out "$out/demo-01.png" >/dev/null   # stands in for a product photo
ocop product set DEMO-01 --brand 'Kim Hòa' --shelf-life 15 --standard 'ISO 22000:2018' --standard VietGAP \
    --warning 'Bảo quản nơi khô ráo, thoáng mát; dùng trong 15 ngày' --image "$out/demo-01.png"
ocop passport check --product DEMO-01

step "2. The Kim Hòa cooperative issues 1,000 unit codes for a batch of bánh tét"
ocop batch issue --product DEMO-01 --lot BT-2026-11 --units 1000 \
    --produced 2026-11-20 --expires 2026-12-05 --codes "$out/codes-BT-2026-11.csv"
head -2 "$out/codes-BT-2026-11.csv"
first_uri=$(sed -n 2p "$out/codes-BT-2026-11.csv" | cut -d, -f1)
first_short=$(sed -n 2p "$out/codes-BT-2026-11.csv" | cut -d, -f2)
first_serial=$(sed -n 2p "$out/codes-BT-2026-11.csv" | cut -d, -f3)
second_uri=$(sed -n 3p "$out/codes-BT-2026-11.csv" | cut -d, -f1)

step "3. Labels: one 50×30 mm PNG per unit (300 dpi, the compact code: no signature, 0.5 mm modules), A4 sticker sheets as one PDF, a thermal printer job"
ocop label render --batch BT-2026-11
ocop label render --batch BT-2026-11 --sheet sheet-a4-40 --format pdf
echo "-- and one print job for a thermal label printer (ZPL, 203 dpi; send it with lp -o raw):"
ocop label render --batch BT-2026-11 --format zpl
labels=Output/DEMO-P01/DEMO-01/BT-2026-11
head -2 "$labels/manifest.csv"

step "4. OCOP star stamps for every product with a valid rating"
ocop stamp render --all

step "5. The batch travels from the cooperative's workshop to the OCOP shop (places of the location register), one unit sold"
ocop location add XUONG-KH --name 'Xưởng HTX Kim Hòa' --province 'Vĩnh Long' --commune 'xã Kim Hòa' --gln 8930000000019
ocop location add CH-AOBAOM --name 'Điểm bán OCOP Ao Bà Om' --province 'Trà Vinh' --district 'TP Trà Vinh' --commune 'Phường 8' \
    --geo 9.9236,106.3205
ocop location list
ocop event add --batch BT-2026-11 --step packing --at 2026-11-20T16:00:00+07:00 --location-id XUONG-KH
ocop event add --batch BT-2026-11 --step shipping --disposition in_transit --at 2026-11-21T06:30:00+07:00 \
    --location-id XUONG-KH --from DEMO-P01 --to CH-AOBAOM
ocop event add --batch BT-2026-11 --step receiving --disposition sellable_accessible --at 2026-11-21T09:15:00+07:00 \
    --location-id CH-AOBAOM --from XUONG-KH --to CH-AOBAOM
ocop event add "$first_short" --step retail_selling --at 2026-11-22T10:05:00+07:00 --location-id CH-AOBAOM
ocop history "$first_short"
echo "-- one step back, one step forward (Circular 02):"
ocop trace back "$first_short"
ocop trace forward --batch BT-2026-11
echo "-- the file for the national traceability portal:"
ocop export circular02 --format csv --out "$out/circular02.csv"
head -3 "$out/circular02.csv"

echo "-- the unit's digital product passport (Decree 37/2026):"
ocop passport show "$second_uri"

step "6. Shop staff verify codes"
verify() { ocop verify "$@" || true; }
echo "-- an unsold unit, scanned:";       verify "$second_uri"
second_compact=$(sed -n 3p "$labels/manifest.csv" | cut -d, -f2)
echo "-- the same unit from its small label's compact code (no signature: checked against the log):"
verify "$second_compact"
echo "-- the sold unit, scanned again:";  verify "$first_short"
echo "-- a forged label (one character of the signature changed):"
verify "${second_uri%?}$( [ "${second_uri: -1}" = A ] && echo B || echo A )"
echo "-- the sold unit's short code typed with two characters swapped (a typing slip, not a fake):"
verify "$(echo "$first_short" | sed -E 's/^(.)(.)/\2\1/')"
echo "-- offline, with only the public key:"
ocop key export --out "$out/issuer-pub.pem"
"$bin" verify "$second_uri" --pubkey "$out/issuer-pub.pem" || true
echo "-- offline, a compact code against the issuer's signed list of the batch's serials:"
ocop batch serials BT-2026-11 --out "$out/serials-BT-2026-11.json"
"$bin" verify "$second_compact" --serials "$out/serials-BT-2026-11.json" || true

step "7. The province re-rates: the Trì Cảnh salon set rises to 5 stars, the honey's certificate is withdrawn"
ocop import scripts/demo/rerating.csv
ocop restamp
echo "-- a second run right after:"
ocop restamp

step "8. The log is intact, and handed on as EPCIS 2.0 for the national system"
ocop log verify --deep
ocop export epcis --out Output/demo/events.jsonld
echo "EPCIS 2.0 document: Output/demo/events.jsonld ($(grep -c '"type": "ObjectEvent"' Output/demo/events.jsonld) ObjectEvents)"

if command -v zbarimg >/dev/null 2>&1; then
    echo "read back from a printed label by zbarimg: $(zbarimg --raw -q -Sbinary "$labels/$first_serial.png" 2>/dev/null)"
fi
echo
echo "labels:  $labels/ (1,000 PNGs, sheets.pdf, manifest.csv, manifest.json)"
echo "stamps:  Output/DEMO-P0*/DEMO-0*/stamps/"
echo "store:   $store/"
echo "events:  Output/demo/events.jsonld (EPCIS 2.0 JSON-LD)"
echo "portal:  Output/demo/circular02.csv (Circular 02/2024/TT-BKHCN data for the national traceability portal)"
echo
echo "resolver: make serve   (the page behind every QR; then open, on this machine:"
echo "          http://127.0.0.1:8080${second_uri#https://id.example.vn} )"
