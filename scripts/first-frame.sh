#!/usr/bin/env bash
# The screen's start as a user sees it, in tmux at 120×40: seconds from starting `steer tui` to
# its first frame (the Tasks pane's title shown) for the first start, which then writes its
# snapshot on another core; seconds until that snapshot is in place; seconds for a `j` pressed
# meanwhile to show; and seconds to the first frame of the next start, from the snapshot.
# Prints the four numbers on one line. STEER_CACHE_DIR must name a directory of this run's own;
# every start replays enough to leave a snapshot (STEER_SNAPSHOT_AFTER=0), whatever the ledger's size.
#   scripts/first-frame.sh STEER LEDGER
set -euo pipefail
steer=$1 ledger=$2
: "${STEER_CACHE_DIR:?names the snapshot directory}"
socket=steer-first-frame

now() { date +%s.%N; }
# wait_until CMD...: runs CMD until it succeeds, for two minutes at most.
wait_until() {
    local deadline=$(( $(date +%s) + 120 ))
    until "$@"; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "first-frame.sh: gave up waiting for: $*" >&2; tmux -L $socket kill-server 2>/dev/null; exit 1; }
        sleep 0.01
    done
}
shows() { screen | grep -q "$1"; }
changed() { [ "$(screen | md5sum)" != "$1" ]; }
written() { ls "$STEER_CACHE_DIR"/*.histories.snapshot >/dev/null 2>&1; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
screen() { tmux -L $socket capture-pane -p -t frame; }

# start: starts the screen; prints the seconds to its first frame.
start() {
    tmux -L $socket kill-server 2>/dev/null || true
    local t0
    t0=$(now)
    tmux -L $socket new-session -d -s frame -x 120 -y 40 \
        "env TERM=xterm-256color LANG=C.UTF-8 STEER_SNAPSHOT_AFTER=0 '$steer' tui --lang en '$ledger'; sleep 60"
    wait_until shows "1 Tasks"
    since "$t0"
}

rm -f "$STEER_CACHE_DIR"/*.histories.snapshot*
t0=$(now)
first=$(start)
# A key while the snapshot is being written: the time until the screen shows it.
before=$(screen | md5sum)
k0=$(now)
tmux -L $socket send-keys -t frame j
wait_until changed "$before"
key=$(since "$k0")
wait_until written
written=$(since "$t0")
tmux -L $socket send-keys -t frame q
sleep 0.5
second=$(start)
tmux -L $socket send-keys -t frame q
sleep 0.3
tmux -L $socket kill-server 2>/dev/null || true
echo "$first $written $key $second"
