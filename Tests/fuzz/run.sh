#!/usr/bin/env bash
# Fuzzes the ledger parser and replay with libFuzzer for $1 seconds (default 60).
# Every input that breaks a promise of Tests/SteerReliabilityTests/LedgerInvariants.swift (or
# crashes, or hangs for 10 s) is saved in Fixtures/fuzz/, where `swift test` replays it for good.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_TO_RUN=${1:-60}
OUT=$ROOT/.build-fuzz
mkdir -p "$OUT/corpus" "$ROOT/Fixtures/fuzz"

# Rebuild only when a source is newer than the fuzzer.
SOURCES=("$ROOT"/Sources/SteerCore/*/*.swift "$ROOT/Tests/SteerReliabilityTests/LedgerInvariants.swift" "$ROOT/Tests/fuzz/FuzzMain.swift")
if [ ! -x "$OUT/ledger-fuzzer" ] || [ -n "$(find "${SOURCES[@]}" -newer "$OUT/ledger-fuzzer")" ]; then
    echo "building the fuzzer"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name SteerFuzz \
        "${SOURCES[@]}" -o "$OUT/ledger-fuzzer" 2>&1 | grep -v "Cannot export local symbol" || true
fi

# The Swift runtime's own crash backtracer trips AddressSanitizer; libFuzzer prints the stack.
SWIFT_BACKTRACE=enable=no "$OUT/ledger-fuzzer" "$OUT/corpus" "$ROOT/Tests/fuzz/seeds" "$ROOT/Fixtures/fuzz" \
    -dict="$ROOT/Tests/fuzz/ledger.dict" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -max_len=4096 \
    -artifact_prefix="$ROOT/Fixtures/fuzz/" -print_final_stats=1 2>&1 | tee "$OUT/last-run.log" | grep -E "^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|broken promise|==[0-9]+==ERROR|artifact_prefix)" || true
echo "crash artifacts in Fixtures/fuzz: $(find "$ROOT/Fixtures/fuzz" -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' | wc -l)"
grep -q "^==[0-9]*==\|broken promise" "$OUT/last-run.log" && { echo "the fuzzer found a problem: see $OUT/last-run.log"; exit 1; }
echo "no problem found in $SECONDS_TO_RUN s"
