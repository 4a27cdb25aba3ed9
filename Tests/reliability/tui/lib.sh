# Shared by the tests of `steer tui` (sourced, not run): the reliability suites here and
# Tests/e2e/tui.sh. Each test drives the real binary on a tmux server of its own (socket
# steer-rel-NAME), so that tests never see each other's panes, and counts what it checks:
# `finish` prints "N passed, M failed" and sets the exit status.
#
# RELIABILITY_SCALE=small runs fewer trials (a quick look); the default is the full count.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
STEER=${STEER:-$ROOT/.build/debug/steer}
SCALE=${RELIABILITY_SCALE:-full}
SAMPLE=$ROOT/Tests/e2e/sample.ledger
DAY=2025-06-15
TEST_NAME=$(basename "$0" .sh)
TMUX_CMD=(tmux -L "steer-rel-$TEST_NAME" -f /dev/null)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/steer-rel-$TEST_NAME.XXXXXX")
# The snapshots steer leaves of these ledgers go with them, not into the user's ~/.cache/steer
# (the tmux server, started from here, hands this on to every pane).
export STEER_CACHE_DIR=$WORK/cache
passed=0
failed=0

if [ ! -x "$STEER" ]; then echo "no steer binary at $STEER; run swift build"; exit 1; fi

cleanup() {
    "${TMUX_CMD[@]}" kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# Picks the trial count: the full one, or the small one under RELIABILITY_SCALE=small.
scaled() { if [ "$SCALE" = small ]; then echo "$2"; else echo "$1"; fi; }

t() { "${TMUX_CMD[@]}" "$@"; }
screen() { t capture-pane -p -t "$1"; }

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() {
    failed=$((failed + 1))
    echo "FAIL $1"
    if [ -n "${2:-}" ]; then screen "$2" 2>/dev/null | sed 's/^/     | /'; fi
}
check() { if [ "$2" = 0 ]; then ok "$1"; else bad "$1${3:+: $3}" "${4:-}"; fi; }

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# Milliseconds on a clock that does not jump (bash's EPOCHREALTIME is good to the microsecond).
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# What a capture of terminal output says, with the escape sequences (cursor moves, attributes)
# taken out: text drawn one key at a time is then found whole.
visible_text() {
    python3 -c 'import re, sys; sys.stdout.write(re.sub(r"\x1b(\[\??[0-9;]*[@-~]|[()][B0]|[78=>M])", "", open(sys.argv[1], encoding="utf-8", errors="replace").read()))' "$1"
}

# Waits up to $3 tenths of a second (default 30) for text on the screen of session $1.
wait_for() {
    local session=$1 text=$2 tries=${3:-30}
    for _ in $(seq 1 "$tries"); do
        screen "$session" 2>/dev/null | grep -qF -- "$text" && return 0
        sleep 0.1
    done
    return 1
}

# Waits up to $3 tenths of a second (default 30) for text to leave the screen of session $1.
wait_gone() {
    local session=$1 text=$2 tries=${3:-30}
    for _ in $(seq 1 "$tries"); do
        screen "$session" 2>/dev/null | grep -qF -- "$text" || return 0
        sleep 0.1
    done
    return 1
}

expect_screen() {
    if wait_for "$2" "$3" "${4:-30}"; then ok "$1"; else bad "$1: no \"$3\" on the screen" "$2"; fi
}

# The steer process of session $1: the pane's process itself (a pane command tmux could exec
# directly) or a child of the pane's shell.
steer_pid() {
    local pane
    pane=$(t list-panes -t "$1" -F '#{pane_pid}')
    if [ "$(cat "/proc/$pane/comm" 2>/dev/null)" = steer ]; then echo "$pane"; else pgrep -P "$pane" -x steer | head -1; fi
}

# Whether process $1 still exists (a zombie counts as gone: it has exited).
alive() { [ -e "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
