#!/usr/bin/env bash
# Runs every reliability suite against the real binary and adds up their `N passed, M failed`
# lines. Suites may be named on the command line (e.g. `run.sh crash roles`); default: all.
set -u
cd "$(dirname "$0")"
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(crash concurrency io-errors bad-input terminal roles)
total_pass=0
total_fail=0
for s in "${suites[@]}"; do
    echo "== $s"
    start=$SECONDS
    out=$(bash "./$s.sh" 2>&1)
    rc=$?
    echo "$out" | grep -v '^figure: ' | grep -v '^[0-9]* passed, [0-9]* failed$'
    echo "$out" | grep '^figure: '
    last=$(echo "$out" | tail -n 1)
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        total_pass=$((total_pass + BASH_REMATCH[1]))
        total_fail=$((total_fail + BASH_REMATCH[2]))
    else
        echo "FAIL: suite $s ended without a result line (exit $rc)"
        total_fail=$((total_fail + 1))
    fi
    ((rc == 0)) || [[ $last =~ [1-9][0-9]*\ failed$ ]] || { echo "FAIL: suite $s exited $rc"; total_fail=$((total_fail + 1)); }
    echo "$s: $last in $((SECONDS - start)) s"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
