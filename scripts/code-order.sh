#!/usr/bin/env bash
# Writes scripts/code-order.txt: the functions of the release binary that steer's common runs
# execute, for the linker to place together (`make release` passes it to lld as
# --symbol-ordering-file). A run maps the binary's code 64 KB around each page it touches
# (the kernel's fault-around), so code spread over the binary cost a report ~8 MB of resident
# pages for ~0.7 MB of code run; gathered, ~5 MB. Which functions run is counted by callgrind,
# which sees every one, not sampled.
#
# Run it again (`make code-order`) when the code changes much: a function renamed or new is
# only left where the linker would put it, which costs memory, never correctness.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || {
    echo "installing valgrind" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
}

read -r -a release <<< "${RELEASE_FLAGS:?run by make code-order, which gives the release flags}"
# The flags name this file; the functions' names do not depend on their order.
[ -f scripts/code-order.txt ] || : > scripts/code-order.txt
swift build "${release[@]}" --product steer
swift build "${release[@]}" --product steer-gen
bin=$(swift build "${release[@]}" --show-bin-path)

work=.build/code-order
rm -rf "$work"; mkdir -p "$work/cache"
# valgrind cannot read the DWARF that swift-crypto's BoringSSL adds; the symbols stay.
objcopy --strip-debug "$bin/steer" "$work/steer"
"$bin/steer-gen" --tasks 10000 --seed 57 --out "$work/t.ledger" >/dev/null
ledger=$work/t.ledger
export STEER_CACHE_DIR=$PWD/$work/cache TERM=xterm-256color
task=$("$bin/steer" show tasks --ledger "$ledger" --format csv --filter state:in_progress | awk -F, 'NR == 2 { print $1 }')

# profile NAME [ENV=VALUE...] -- ARGS...: runs the stripped steer under callgrind.
profile() {
    local name=$1; shift
    local vars=()
    while [ "$1" != -- ]; do vars+=("$1"); shift; done
    shift
    env "${vars[@]}" valgrind -q --tool=callgrind --demangle=no --callgrind-out-file="$work/$name.cg" \
        "$work/steer" "$@" >/dev/null 2>"$work/$name.log" || { cat "$work/$name.log" >&2; exit 1; }
}

# First the reports the budgets of docs/performance.md time (replayed, and from a snapshot), then
# the other reports and a write, then the screen: each group's functions follow the ones before,
# so a report touches the fewest pages.
profile replay STEER_SNAPSHOTS=off -- show overdue --ledger "$ledger"
"$work/steer" show overdue --ledger "$ledger" >/dev/null    # writes the snapshot
profile snapshot -- show overdue --ledger "$ledger"
profile check STEER_SNAPSHOTS=off -- check --ledger "$ledger"
profile agencies -- show agencies --ledger "$ledger"
profile tasks -- show tasks --ledger "$ledger" --format json --filter "kind:decree"
profile deadlines -- show deadlines --ledger "$ledger" --format csv
profile log -- log "$task" --ledger "$ledger"
cp "$ledger" "$work/w.ledger"
printf '%s @vpcp member %s role=secretariat\n' "$(date +%Y-%m-%dT%H:%M:%S%:z)" "$(id -un)" >> "$work/w.ledger"
profile write -- report "$task" progress=50 note="Đang triển khai" --ledger "$work/w.ledger"
profile screen -- tui --ledger Fixtures/nq57.ledger --today 2025-06-15 --lang vi --measure-output

# Written aside, then moved: a failure leaves the list there was, not an empty one.
python3 - "$work" > "$work/code-order.txt" <<'EOF'
import re, sys
work = sys.argv[1]
groups = [["replay", "snapshot", "check"], ["agencies", "tasks", "deadlines", "log", "write"], ["screen"]]

def executed(name):
    """The functions of the steer binary a callgrind profile saw run."""
    objects, names, seen, current = {}, {}, set(), None
    for line in open(f"{work}/{name}.cg", errors="replace"):
        m = re.match(r"(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if not m:
            continue
        kind, ident, text = m.groups()
        table = objects if kind in ("ob", "cob") else names
        if text:
            table[ident] = text
        if kind == "ob":
            current = objects.get(ident, "")
        elif kind == "fn" and current.endswith("/steer"):
            seen.add(names[ident])
    # Addresses without a symbol cannot be ordered.
    return {f for f in seen if not f.startswith("0x")}

print("# Functions of steer in the order the linker places them (scripts/code-order.sh writes this).")
placed = set()
for group in groups:
    functions = set().union(*(executed(n) for n in group)) - placed
    print(f"# {', '.join(group)}: {len(functions)}")
    for f in sorted(functions):
        print(f)
    placed |= functions
EOF
mv "$work/code-order.txt" scripts/code-order.txt
echo "scripts/code-order.txt: $(grep -vc '^#' scripts/code-order.txt) functions" >&2
