#!/usr/bin/env bash
# Installs what building, the demo or the tests need and is missing: Debian packages through
# apt-get (as root), and into a project venv (.venv) the independent QR decoder zxing-cpp, the
# JSON Schema validator jsonschema, GS1's reference event hasher epcis-event-hash-generator,
# Selenium (the shop page's browser test), zplgrf (reads ZPL graphics back into images), and
# for the phone-capture simulation (scripts/capture-sim.py) pyzbar (zbar in-process, over Debian's
# libzbar0) and numpy (seeded noise).
# `runtime` installs only what an installed binary (`make install`) needs to run: no toolchain,
# no headers; `scripts/install-deps.sh runtime` on the target machine, or in the Dockerfile.
# `--list` prints the Debian packages of a mode, one a line ("a|b": either), and installs nothing.
# Usage: scripts/install-deps.sh build|test|bench|runtime [--list]
set -euo pipefail
cd "$(dirname "$0")/.."

need=${1:-build}
case "$need" in build|test|bench|runtime) ;; *) echo "install-deps: mode '$need' is not build, test, bench or runtime" >&2; exit 64 ;; esac
# libcairo2-dev, libpango1.0-dev: labels and stamps are drawn with cairo and laid out with pango;
# fonts-dejavu-core: the default label font, with every Vietnamese letter precomposed.
# libzbar-dev: the resolver (`serve`) reads QR codes in uploaded label photos with zbar;
# libheif-dev: it opens HEIC photos (the default format of iPhones) with libheif.
# libzint-dev: EAN-13, UPC-A, GS1-128 and GS1 DataMatrix on labels are encoded by libzint.
# make: the Makefile is the entry point (also in the Dockerfile's toolchain image).
packages=(pkg-config libqrencode-dev libpng-dev libsqlite3-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core libzbar-dev libheif-dev libzint-dev make)
if [ "$need" = runtime ]; then
    # The shared libraries the installed binary links (readelf -d: NEEDED) and the label font;
    # the Swift runtime is linked in. "a|b": the package was renamed in Debian 13 (64-bit time_t), or carries the library's version
    # (libzint2.11 in Debian 12, 2.12 in Ubuntu 24.04, 2.15 in Debian 13): the first one apt knows.
    # libxml2: Foundation's XMLParser reads the .xlsx registers.
    packages=(libqrencode4 "libpng16-16t64|libpng16-16" libsqlite3-0 libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libharfbuzz0b
              "libglib2.0-0t64|libglib2.0-0" "libzbar0t64|libzbar0" libheif1 "libzint2.11|libzint2.12|libzint2.13|libzint2.15" libxml2 zlib1g libstdc++6 libgcc-s1 fonts-dejavu-core)
fi
if [ "$need" = test ]; then
    # zbar-tools: zbarimg decodes our PNGs; librsvg2-bin: rsvg-convert rasterises our SVGs;
    # python3-venv: the venv that holds zxing-cpp; sqlite3: tests edit a store behind the tool's back;
    # poppler-utils: pdfinfo reads our PDFs' page sizes independently of cairo, pdftoppm renders their pages.
    # chromium, chromium-driver: the resolver's pages and the shop page are checked in a real
    # (headless) browser; Selenium (in .venv) drives it through Debian's chromedriver.
    # postgresql: `make test` runs the store suites a second time on a throw-away PostgreSQL server.
    # curl: tests talk to a running `serve` over HTTP as a phone would.
    # libheif-examples: heif-enc makes the HEIC photo of the phone-capture test.
    # make test-install: systemd (systemd-analyze verify of the unit file), groff-base (the man
    # page is checked with groff), binutils (readelf lists the libraries the binary links).
    packages+=(zbar-tools librsvg2-bin python3-venv sqlite3 poppler-utils chromium chromium-driver postgresql curl libheif-examples)
    packages+=(systemd groff-base binutils)
fi
if [ "$need" = bench ]; then
    # The peers of `make bench`: the qrencode CLI and zint; GNU time for max RSS; a C compiler
    # for the C references; util-linux for taskset (1-core runs); python3-venv for segno;
    # wrk loads the resolver (bench/resolver.sh); postgresql for its PostgreSQL figures.
    packages+=(qrencode zint time gcc libc6-dev util-linux python3-venv wrk postgresql)
fi

if [ "${2:-}" = --list ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep '^install ok installed$' >/dev/null
}
missing=()
for package in "${packages[@]}"; do
    found=
    for name in ${package//|/ }; do installed "$name" && found=1; done
    [ -n "$found" ] || missing+=("$package")
done
# A Python that already has venv and pip (pyenv, for one) does not need Debian's python3-venv.
if [[ " ${missing[*]-} " == *" python3-venv "* ]] && python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing=("${missing[@]/python3-venv}")
fi
missing=(${missing[@]+"${missing[@]}"})

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing Debian packages: ${missing[*]}" >&2
        echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # Of "a|b", the first name this release's archive has.
    chosen=()
    for package in "${missing[@]}"; do
        for name in ${package//|/ }; do
            # grep reads all (no -q): under pipefail an early exit would fail apt-cache's write.
            if apt-cache policy "$name" 2>/dev/null | grep 'Candidate: [^(]' >/dev/null; then chosen+=("$name"); continue 2; fi
        done
        chosen+=("${package%%|*}")
    done
    if [ "$need" = runtime ]; then
        apt-get install -y -q --no-install-recommends "${chosen[@]}"
    else
        apt-get install -y -q "${chosen[@]}"
    fi
fi

# A machine that only runs the installed binary needs no toolchain.
[ "$need" = runtime ] && exit 0

if ! command -v swift >/dev/null 2>&1; then
    echo "swift is not on PATH: install the Swift 6 toolchain (expected at /opt/swift/usr/bin)" >&2
    exit 1
fi

if [ "$need" = bench ]; then
    if ! .venv/bin/python -c 'import segno' 2>/dev/null; then
        echo "installing segno into .venv"
        [ -x .venv/bin/python ] || python3 -m venv .venv
        .venv/bin/python -m pip install -q --disable-pip-version-check segno
    fi
fi

if [ "$need" = test ]; then
    if ! .venv/bin/python -c 'import zxingcpp, PIL, jsonschema, epcis_event_hash_generator, selenium, zplgrf, pyzbar.pyzbar, numpy' 2>/dev/null; then
        echo "installing zxing-cpp, Pillow, jsonschema, epcis-event-hash-generator, selenium, zplgrf, pyzbar and numpy into .venv"
        [ -x .venv/bin/python ] || python3 -m venv .venv
        .venv/bin/python -m pip install -q --disable-pip-version-check zxing-cpp pillow jsonschema epcis-event-hash-generator selenium zplgrf pyzbar numpy
    fi
fi
