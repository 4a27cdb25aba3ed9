#!/usr/bin/env bash
# Resize storm: 1,000 random window sizes from 10×5 to 250×80 (too small, tabs and tiles) sent
# to steer in tmux within 10 s, on the 268-task fixture. steer must not crash; at the storm's
# last size, then at 80×24 and 200×60, its screen (text and attributes, capture-pane -e) must be
# exactly what a fresh start at that size shows; and after it quits the terminal modes are as
# before. The header can be compared whole: the day is fixed with --today and the login is the
# same. RELIABILITY_SCALE=small sends 200 sizes.
source "$(dirname "$0")/lib.sh"
RESIZES=$(scaled 1000 200)
LEDGER=$ROOT/Fixtures/nq57.ledger
# The fresh starts run on a tmux server of their own: tmux 3.3a crashes (a segfault in the
# server) when a session is created after resize-window has set a window's size by hand.
fresh() { tmux -L "steer-rel-$TEST_NAME-fresh" -f /dev/null "$@"; }
trap 'fresh kill-server 2>/dev/null; cleanup' EXIT

# Starts steer in session $1 at $2×$3 on the tmux server $4 (t or fresh); its shell records
# `stty -g` before and after.
start() {
    cat > "$WORK/$1.sh" <<RUN
stty -g > "$WORK/$1.before"
env TERM=xterm-256color "$STEER" tui "$LEDGER" --today $DAY --lang vi
echo \$? > "$WORK/$1.status"
stty -g > "$WORK/$1.after"
exec sleep 600
RUN
    "$4" new-session -d -s "$1" -x "$2" -y "$3" "sh $WORK/$1.sh"
}

# Waits until the screen of session $2 on server $1 has something on it and stops changing (two
# captures 300 ms apart agree), then prints it.
settled() {
    local a b
    b=$("$1" capture-pane -e -p -t "$2")
    for _ in $(seq 1 20); do
        sleep 0.3
        a=$b
        b=$("$1" capture-pane -e -p -t "$2")
        [ "$a" = "$b" ] && [ -n "$(printf '%s' "$b" | tr -d ' \n')" ] && break
    done
    printf '%s\n' "$b"
}

# Compares the stormed screen at $1×$2 with a fresh steer started at that size.
compare() {
    local w=$1 h=$2 fresh=fresh$1x$2
    t resize-window -t storm -x "$w" -y "$h"
    start "$fresh" "$w" "$h" fresh
    settled t storm > "$WORK/storm.screen"
    settled fresh "$fresh" > "$WORK/fresh.screen"
    if cmp -s "$WORK/storm.screen" "$WORK/fresh.screen"; then
        ok "at ${w}×${h} the screen equals a fresh start at that size"
    else
        bad "at ${w}×${h} the screen differs from a fresh start (< fresh, > after the storm):"
        diff "$WORK/fresh.screen" "$WORK/storm.screen" | head -20 | cat -v | sed 's/^/     | /'
    fi
    fresh kill-session -t "$fresh"
}

start storm 80 24 t
t set-option -g window-size manual
wait_for storm "hôm nay $DAY" || bad "steer did not start" storm
pid=$(steer_pid storm)
began=$(now_ms)
for _ in $(seq 1 "$RESIZES"); do
    w=$((10 + RANDOM % 241))
    h=$((5 + RANDOM % 76))
    t resize-window -t storm -x "$w" -y "$h"
done
took=$(($(now_ms) - began))
if [ "$took" -le 10000 ]; then ok "$RESIZES resizes sent in $took ms"; else bad "$RESIZES resizes took $took ms, over 10 s"; fi
sleep 0.5
if alive "$pid" && [ "$(steer_pid storm)" = "$pid" ]; then ok "steer is still running after the storm"; else bad "steer died in the storm" storm; fi
compare "$w" "$h"
compare 80 24
compare 200 60
t send-keys -t storm q
for _ in $(seq 1 30); do [ -e "$WORK/storm.after" ] && break; sleep 0.1; done
[ "$(cat "$WORK/storm.status" 2>/dev/null)" = 0 ]
check "q after the storm quits with status 0" $? "status $(cat "$WORK/storm.status" 2>/dev/null)"
cmp -s "$WORK/storm.before" "$WORK/storm.after"
check "the terminal modes are as before the storm" $?
finish
