#!/usr/bin/env bash
# make test-install: `make install` into a temporary prefix (timed), InstallTests against that
# prefix, then `make uninstall`, which must leave no file of ours behind.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=$(mktemp -d "${TMPDIR:-/tmp}/ocop-trace-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
start=$SECONDS
make install PREFIX="$prefix"
installed=$SECONDS
echo "make install: $((installed - start)) s; $(du -h "$prefix/bin/ocop-trace" | cut -f1) binary"

OCOP_INSTALLED_PREFIX="$prefix" swift test --skip-build --filter InstallTests

make uninstall PREFIX="$prefix"
left=$(find "$prefix" -type f)
if [ -n "$left" ]; then
    echo "make uninstall left files behind:" >&2
    echo "$left" >&2
    exit 1
fi
echo "test-install: $((SECONDS - start)) s (install $((installed - start)) s, tests and uninstall $((SECONDS - installed)) s)"
