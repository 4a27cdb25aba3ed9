#!/usr/bin/env bash
# Live: a screen open on the ledger shows another process's appends within a second. 20 times
# (5 with RELIABILITY_SCALE=small) `steer report` records a new progress figure from outside;
# the time from its return (the line is in the file) until the screen shows the figure is
# measured by polling capture-pane every 50 ms. Waits of random length between the trials spread
# the appends over the screen's 500 ms reading cycle.
source "$(dirname "$0")/lib.sh"
TRIALS=$(scaled 20 5)
cp "$SAMPLE" "$WORK/ledger"
# No --today: lines stamped now must be on the board.
t new-session -d -s live -x 120 -y 24 "env TERM=xterm-256color '$STEER' tui '$WORK/ledger' --lang en"
wait_for live "NQ03-12" || bad "steer did not start" live
# Sorted by another key and filtered by a word, so that bringing the screen up to date after
# each append (rather than building it again) has an order and search texts to keep right.
t send-keys -t live s s / n g h i Enter
wait_for live "nghi" || bad "the filter was not applied" live
for i in $(seq 1 "$TRIALS"); do
    sleep "0.$(printf %03d $((RANDOM % 500)))"
    figure=$((70 + i))
    "$STEER" report NQ03-12 --ledger "$WORK/ledger" progress=$figure > /dev/null
    began=$(now_ms)
    seen=""
    while [ $(($(now_ms) - began)) -lt 3000 ]; do
        if screen live | grep -q "NQ03-12 .* $figure%"; then seen=$(($(now_ms) - began)); break; fi
        sleep 0.05
    done
    if [ -n "$seen" ] && [ "$seen" -le 1000 ]; then
        ok "append $i shown after $seen ms"
        echo "$seen" >> "$WORK/latencies"
    else
        bad "append $i (progress $figure%) not shown within 1 s${seen:+: after $seen ms}" live
    fi
done
# The screen brought up to date append after append shows what a screen started now shows.
t new-session -d -s fresh -x 120 -y 24 "env TERM=xterm-256color '$STEER' tui '$WORK/ledger' --lang en"
wait_for fresh "NQ03-12" || bad "a second steer did not start" fresh
t send-keys -t fresh s s / n g h i Enter
wait_for fresh "nghi" || bad "the filter was not applied" fresh
sleep 0.3
if [ "$(screen live)" = "$(screen fresh)" ]; then
    ok "after the appends the screen equals a fresh start's"
else
    bad "after the appends the screen differs from a fresh start's" live
    screen fresh | sed 's/^/   f | /'
fi
t kill-session -t fresh
# A ledger that can no longer be opened (a link to itself: root can read any file) is said on
# the screen, not passed over; put back, it is read again.
mv "$WORK/ledger" "$WORK/ledger.kept"
ln -s "$WORK/ledger" "$WORK/ledger"
if wait_for live "open failed" 30; then ok "a ledger that cannot be opened is reported"; else bad "a ledger that cannot be opened is not reported" live; fi
rm "$WORK/ledger"
mv "$WORK/ledger.kept" "$WORK/ledger"
"$STEER" report NQ03-12 --ledger "$WORK/ledger" progress=42 > /dev/null
if wait_for live "42%" 30; then ok "the ledger put back is read again"; else bad "the ledger put back is not read again" live; fi
[ -s "$WORK/latencies" ] && sort -n "$WORK/latencies" | awk '{ a[NR] = $1 } END { printf "append to screen: p50 %d ms, max %d ms over %d appends\n", a[int((NR + 1) / 2)], a[NR], NR }'
finish
