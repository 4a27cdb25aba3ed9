#!/usr/bin/env bash
# Fuzzes the ledger parser and replay with libFuzzer for $1 seconds (default 60).
# Every input that breaks a promise of Tests/SteerReliabilityTests/LedgerInvariants.swift (or
# crashes, or hangs for 10 s) is saved in Fixtures/fuzz/, where `swift test` replays it for good.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_TO_RUN=${1:-60}
OUT=$ROOT/.build-fuzz
mkdir -p "$OUT/corpus" "$ROOT/Fixtures/fuzz"

# The core and what it links (swift-crypto, its own C targets), built by SwiftPM (testable: the
# invariants drive reading in pieces through internal entry points); the harness and the
# invariants are linked against their objects. A fuzzer that does not build stops the run: "no
# problem found" must mean that inputs were run.
# The Swift code is instrumented with one -sanitize flag naming both: given twice (SwiftPM's
# --sanitize=fuzzer --sanitize=address), swiftc keeps only the last, in an order that varied
# from build to build, so that the core was built either blind to the fuzzer's coverage or
# without AddressSanitizer. The C that reads each line's bytes (CLineBytes) is instrumented too,
# so that a read past a line is caught there.
echo "building the fuzzer"
if ! swift build -c release -Xswiftc -enable-testing -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
        --target SteerCore --scratch-path "$OUT/pkg" > "$OUT/build.log" 2>&1; then
    tail -30 "$OUT/build.log" >&2; echo "the fuzzer's build of the core failed" >&2; exit 1
fi
BUILT=$(swift build -c release --scratch-path "$OUT/pkg" --show-bin-path)
for target in SteerCore CLineBytes; do
    objects=("$BUILT/$target.build"/*.o)
    if ! readelf -S "${objects[@]}" | grep -q __sancov_cntrs || ! nm "${objects[@]}" | grep -q __asan_report; then
        echo "$target was built without the fuzzer's coverage or AddressSanitizer: see $OUT/build.log" >&2; exit 1
    fi
done
# The targets built are those with objects; their C module maps are what the core's module needs.
objects=(); flags=()
for target in "$BUILT"/*.build; do
    found=(); while IFS= read -r o; do found+=("$o"); done < <(find "$target" -name '*.o')
    [ ${#found[@]} -gt 0 ] || continue
    objects+=("${found[@]}")
    while IFS= read -r m; do flags+=(-Xcc "-fmodule-map-file=$m"); done < <(find "$target" -name module.modulemap)
done
while IFS= read -r d; do flags+=(-Xcc "-I$d"); done < <(find "$OUT/pkg/checkouts" -type d -name include -path '*/Sources/*')
if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name SteerFuzz -I "$BUILT/Modules" "${flags[@]}" \
        "$ROOT/Tests/SteerReliabilityTests/LedgerInvariants.swift" "$ROOT/Tests/fuzz/FuzzMain.swift" "${objects[@]}" \
        -o "$OUT/ledger-fuzzer" > "$OUT/link.log" 2>&1; then
    grep -v "Cannot export local symbol" "$OUT/link.log" >&2; echo "the fuzzer did not link" >&2; exit 1
fi

# The Swift runtime's own crash backtracer trips AddressSanitizer; libFuzzer prints the stack.
SWIFT_BACKTRACE=enable=no "$OUT/ledger-fuzzer" "$OUT/corpus" "$ROOT/Tests/fuzz/seeds" "$ROOT/Fixtures/fuzz" \
    -dict="$ROOT/Tests/fuzz/ledger.dict" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -max_len=4096 \
    -artifact_prefix="$ROOT/Fixtures/fuzz/" -print_final_stats=1 2>&1 | tee "$OUT/last-run.log" | grep -E "^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|broken promise|==[0-9]+==ERROR|artifact_prefix)" || true
echo "crash artifacts in Fixtures/fuzz: $(find "$ROOT/Fixtures/fuzz" -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' | wc -l)"
grep -q "^==[0-9]*==\|broken promise" "$OUT/last-run.log" && { echo "the fuzzer found a problem: see $OUT/last-run.log"; exit 1; }
echo "no problem found in $SECONDS_TO_RUN s"
