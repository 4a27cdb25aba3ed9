#!/usr/bin/env bash
# Concurrency: ten processes race a thousand transitions each on the same three tasks. Every
# event a process was told was written is in the ledger exactly once, on a line of its own, in
# that process's order; nothing else is; every refusal names its reason; and the whole ledger
# replays, which proves that each event was checked against the state it was appended to.
# Then: a writer waits while another process holds the lock, and readers do not.
source "$(dirname "$0")/lib.sh"

PROCESSES=10
PER_PROCESS=$(scaled 1000)
LEDGER=$WORK/race.ledger
write_base_ledger "$LEDGER"
BASE_LINES=$(wc -l <"$LEDGER")

# racer W: PER_PROCESS random transitions, each tagged cW-I; the printed line of every success
# goes to ok.W, the first line of every refusal's message to refused.W, any other exit to other.W.
racer() {
    local w=$1 i tag task rc
    for ((i = 1; i <= PER_PROCESS; i++)); do
        tag="c$w-$i"
        task="NQ57-0$((RANDOM % 3 + 1))"
        local args
        case $((RANDOM % 4)) in
            0) args=(report "$task" progress=$((RANDOM % 101)) note="$tag") ;;
            1) args=(extend "$task" due="2026-0$((RANDOM % 3 + 1))-15" reason="$tag") ;;
            2) args=(block "$task" note="$tag") ;;
            3) args=(unblock "$task" note="$tag") ;;
        esac
        timeout 60 "$STEER" "${args[@]}" --ledger "$LEDGER" >"$WORK/out.$w" 2>"$WORK/err.$w"
        rc=$?
        case $rc in
            0) cat "$WORK/out.$w" >>"$WORK/ok.$w" ;;
            1) echo "$tag $(head -n 1 "$WORK/err.$w")" >>"$WORK/refused.$w" ;;
            *) echo "$tag rc=$rc $(head -c 300 "$WORK/err.$w")" >>"$WORK/other.$w" ;;
        esac
    done
}

START=$SECONDS
pids=()
for ((w = 1; w <= PROCESSES; w++)); do racer "$w" & pids+=($!); done
wait "${pids[@]}"
RACE_SECONDS=$((SECONDS - START))

cat "$WORK"/ok.* 2>/dev/null | sort >"$WORK/printed"
cat "$WORK"/refused.* 2>/dev/null >"$WORK/refused"
tail -n +$((BASE_LINES + 1)) "$LEDGER" | sort >"$WORK/written"
OK=$(wc -l <"$WORK/printed")
REFUSED=$(wc -l <"$WORK/refused")

if cat "$WORK"/other.* >/dev/null 2>&1; then fail "exits other than 0 and 1: $(cat "$WORK"/other.* | head -3)"; else pass; fi
expect "every attempt is accounted for" test $((OK + REFUSED)) -eq $((PROCESSES * PER_PROCESS))
expect "the ledger holds exactly the lines the processes were told were written" cmp -s "$WORK/printed" "$WORK/written"
expect "no line holds two events" test "$(grep -c '[0-9]T[0-9][0-9]:[0-9][0-9].* [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:' "$LEDGER")" = 0
expect "the whole ledger replays clean" test "$(steer_rc "$WORK/c.out" "$WORK/c.err" check --ledger "$LEDGER")" = 0
# Every refusal is the state machine's, with the reason: no lock, I/O or parse failure.
expect "every refusal names a transition the state of the task forbids" test -z "$(grep -v -E \
    '^c[0-9]+-[0-9]+ steer: .*: (cannot (block|unblock) NQ57-0[1-3]: it is (blocked|in_progress)|the deadline is already 2026-0[1-3]-15)$' \
    "$WORK/refused" | head -3)"
# Each process's own events appear in the order it made them.
grep -o '=c[0-9]*-[0-9]*' "$LEDGER" | tr -d '=c' | awk -F- '$2 <= last[$1] { bad = 1 } { last[$1] = $2 } END { exit bad }'
expect "each process's events are in its own order" test $? = 0

figure concurrency.attempts "$((PROCESSES * PER_PROCESS))"
figure concurrency.written "$OK"
figure concurrency.refused "$REFUSED"
figure concurrency.refused_block "$(grep -c 'cannot block' "$WORK/refused")"
figure concurrency.refused_unblock "$(grep -c 'cannot unblock' "$WORK/refused")"
figure concurrency.refused_same_deadline "$(grep -c 'deadline is already' "$WORK/refused")"
figure concurrency.seconds "$RACE_SECONDS"

# A writer waits for the lock; a reader does not.
LOCKED=$WORK/locked.ledger
write_base_ledger "$LOCKED"
flock -x "$LOCKED" -c "touch '$WORK/held'; sleep 3" &
holder=$!
while [ ! -e "$WORK/held" ]; do sleep 0.01; done
before=$(sha "$LOCKED")
"$STEER" report NQ57-01 note=after-the-lock --ledger "$LOCKED" >"$WORK/w.out" 2>"$WORK/w.err" &
writer=$!
read_start=$(date +%s%N)
expect "a reader is not blocked by a held lock" test "$(steer_rc "$WORK/r.out" "$WORK/r.err" check --ledger "$LOCKED")" = 0
figure concurrency.check_while_locked_ms "$((($(date +%s%N) - read_start) / 1000000))"
sleep 1.5
expect "the writer is still waiting while the lock is held" kill -0 "$writer"
expect "nothing was written while the lock was held" test "$(sha "$LOCKED")" = "$before"
wait "$holder"
wait "$writer"
expect "the writer finishes once the lock is released" test $? = 0
expect "its line is the last one" test "$(tail -n 1 "$LOCKED" | grep -c 'report NQ57-01 note=after-the-lock$')" = 1

finish
