#!/usr/bin/env bash
# Hang-up: the terminal goes away as it does when an SSH connection drops, while a change form is
# open and half filled in. steer must be gone within 2 s, use almost no CPU on the way out (its
# CPU time is sampled from /proc/PID/stat until it is gone) and leave the ledger byte-identical.
# Four ways, 10 trials each (3 with RELIABILITY_SCALE=small):
#   kill-session, kill-pane  tmux closes the pane's pty: SIGHUP to steer, the controlling process
#   pty-close                the master side of a python pty is closed: SIGHUP as well
#   pty-close-no-ctty        the same, but the pty is not steer's controlling terminal, so no
#                            signal comes: only its input ending can tell it
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
TRIALS=$(scaled 10 3)
LIMIT_MS=2000
# 0.1 s of CPU at most between the hang-up and the end (the clock ticks at 100 Hz): a loop that
# spun on a dead terminal would burn that in a tenth of a second.
CPU_LIMIT_TICKS=10
# Report (r): progress, then a note being typed; never saved.
FORM_KEYS="r 5 Tab half-typed"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }

# Watches pid $1 from now on: prints "MS TICKS" (time until gone, CPU ticks used meanwhile).
watch_exit() {
    local pid=$1 start ticks0 ticks last
    start=$(now_ms)
    ticks0=$(cpu_ticks "$pid")
    last=$ticks0
    while alive "$pid" && [ $(($(now_ms) - start)) -lt 3000 ]; do
        ticks=$(cpu_ticks "$pid") && [ -n "$ticks" ] && last=$ticks
        sleep 0.02
    done
    if alive "$pid"; then echo "timeout -"; kill -KILL "$pid"; else echo "$(($(now_ms) - start)) $((last - ticks0))"; fi
}

record() {
    local name=$1 ledger=$2 ms=$3 ticks=$4
    echo "$ms" >> "$WORK/times"
    if [ "$ms" != timeout ] && [ "$ms" -le $LIMIT_MS ] && [ "$ticks" -le $CPU_LIMIT_TICKS ]; then
        ok "$name: gone in $ms ms, $ticks CPU ticks"
    else
        bad "$name: gone in $ms ms (limit $LIMIT_MS), $ticks CPU ticks (limit $CPU_LIMIT_TICKS)"
    fi
    cmp -s "$SAMPLE" "$ledger"
    check "$name: the ledger is byte-identical" $?
}

tmux_trial() {
    local how=$1 i=$2 s=$1$2 ledger=$WORK/$1$2.ledger pid
    cp "$SAMPLE" "$ledger"
    t new-session -d -s "$s" -x 80 -y 24 "env TERM=xterm-256color '$STEER' tui '$ledger' --today $DAY --lang en"
    wait_for "$s" "hanoi" || { bad "$s: steer did not start" "$s"; return; }
    for key in $FORM_KEYS; do t send-keys -t "$s" -l "$key" 2>/dev/null || t send-keys -t "$s" "$key"; done
    wait_for "$s" "half-typed" || { bad "$s: the form did not open" "$s"; return; }
    pid=$(steer_pid "$s")
    if [ "$how" = kill-session ]; then t kill-session -t "$s"; else t kill-pane -t "$s"; fi
    record "$how trial $i" "$ledger" $(watch_exit "$pid")
}

pty_trial() {
    local how=$1 i=$2 ledger=$WORK/$1$2.ledger flag="" pid
    cp "$SAMPLE" "$ledger"
    [ "$how" = pty-close-no-ctty ] && flag=--no-ctty
    pid=$(python3 "$HERE/pty_drive.py" hangup "$WORK/out" 80 24 "$FORM_KEYS" $flag -- \
        env TERM=xterm-256color "$STEER" tui "$ledger" --today $DAY --lang en)
    record "$how trial $i" "$ledger" $(watch_exit "$pid")
    visible_text "$WORK/out" | grep -qF half-typed
    check "$how trial $i: the form was open, half filled in" $?
}

for i in $(seq 1 "$TRIALS"); do
    tmux_trial kill-session "$i"
    tmux_trial kill-pane "$i"
    pty_trial pty-close "$i"
    pty_trial pty-close-no-ctty "$i"
done
sort -n "$WORK/times" | awk '{ a[NR] = $1 } END { printf "hang-up to exit: p50 %d ms, max %d ms over %d trials\n", a[int((NR + 1) / 2)], a[NR], NR }'
finish
