#!/usr/bin/env bash
# The demo: renders a unit's GS1 Digital Link code, a Vietnamese product name and a print-shop
# SVG into Output/demo/, then reads one back with zbarimg when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/ocop-trace}
out=Output/demo
mkdir -p "$out"

unit='https://id.example.vn/01/09521234500001/10/LOT-2024A/21/7Q2K9XW3'
"$bin" qr "$unit" --out "$out/unit-LOT-2024A-7Q2K9XW3.png"
"$bin" qr "$unit" --out "$out/unit-LOT-2024A-7Q2K9XW3.svg" --dpi 600
"$bin" qr 'Bánh tét lá cẩm — HTX Kim Hòa, Cầu Ngang, Trà Vinh' --out "$out/banh-tet.png" --ec Q
printf '%s' 'https://id.example.vn/01/09521234500001/10/LOT-2024A' | "$bin" qr --stdin --out "$out/batch-LOT-2024A.png" --module-px 10 --dpi 600

if command -v zbarimg >/dev/null 2>&1; then
    echo "read back: $(zbarimg --raw -q -Sbinary "$out/unit-LOT-2024A-7Q2K9XW3.png" 2>/dev/null)"
fi
echo "demo files are in $out/"
