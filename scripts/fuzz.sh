#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: builds ocop-fuzz with -sanitize=fuzzer,address into
# .build-fuzz/ and runs each target for FUZZ_SECONDS (default 60) from the committed corpus.
# A crash is written to Tests/FuzzCorpus/<target>/crash-*, where `make test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
swift build --product ocop-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library \
    --scratch-path .build-fuzz
fuzzer=.build-fuzz/debug/ocop-fuzz
for target in codes template; do
    work=.build-fuzz/corpus-$target
    mkdir -p "$work"
    cp Tests/FuzzCorpus/$target/* "$work"/ 2>/dev/null || true
    [ "$target" = template ] && cp Templates/*.json "$work"/
    echo "== fuzzing $target for $seconds s"
    OCOP_FUZZ_TARGET=$target "$fuzzer" "$work" -max_total_time="$seconds" -max_len=4096 \
        -artifact_prefix="Tests/FuzzCorpus/$target/crash-" -print_final_stats=1 2>&1 \
        | grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|ERROR|crash-" || true
done
if ls Tests/FuzzCorpus/*/crash-* >/dev/null 2>&1; then
    echo "crashes found (now regression inputs):"; ls Tests/FuzzCorpus/*/crash-*; exit 1
fi
echo "no crash found"
