#!/usr/bin/env bash
# The RUN steps of the Dockerfile's two stages. They live here, not in the Dockerfile, so that
# InstallTests can run exactly these steps on a machine without Docker.
#   build:   the build dependencies, then `make install` into /opt/ocop-trace
#   runtime: the runtime packages, and the state folder /var/lib/ocop-trace owned by the image's
#            user (uid 10001), where the store lives (a volume)
# $OCOP_IMAGE_ROOT (tests only) puts those two folders under another root instead of /.
# Usage: packaging/image-steps.sh build|runtime
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${OCOP_IMAGE_ROOT:-}/opt/ocop-trace
state=${OCOP_IMAGE_ROOT:-}/var/lib/ocop-trace

case "${1:-}" in
build)
    scripts/install-deps.sh build
    make install PREFIX="$prefix"
    ;;
runtime)
    scripts/install-deps.sh runtime
    install -d -m 0700 -o 10001 -g 10001 "$state"
    ;;
*)
    echo "image-steps: stage '${1:-}' is not build or runtime" >&2
    exit 64
    ;;
esac
