#!/usr/bin/env bash
# Crash safety: writers are killed with SIGKILL at random moments while several processes append,
# and torn last lines are made both by killing a large write and by appending partial bytes.
# Right after every kill and after every round: the ledger replays cleanly or reports only a
# torn final line. After every round: every acknowledged event (the command exited 0) is there
# exactly once; nothing is there that was refused; a torn line is set aside by `steer repair`
# with its bytes kept; nothing is ever appended after a torn line.
source "$(dirname "$0")/lib.sh"

APPENDS=$(scaled 10000)
WORKERS=4
ROUNDS=10
PER_WORKER=$((APPENDS / WORKERS / ROUNDS))
# One append in KILL_ODDS is started in the background and killed after a random delay.
KILL_ODDS=4
LEDGER=$WORK/crash.ledger
write_base_ledger "$LEDGER"
BASE_LINES=$(wc -l <"$LEDGER")

# append_and_maybe_kill ROUND WORKER I: one `steer report` with a unique note; classifies the
# outcome into $WORK/{ack,killed,refused,other}.WORKER.
append_and_maybe_kill() {
    local r=$1 w=$2 i=$3
    local note="r$r-w$w-$i" task="NQ57-0$((RANDOM % 4 + 1))" rc pid
    local err=$WORK/err.$w
    if ((RANDOM % KILL_ODDS == 0)); then
        "$STEER" report "$task" progress=$((RANDOM % 101)) note="$note" --ledger "$LEDGER" >/dev/null 2>"$err" &
        pid=$!
        sleep "$(printf '0.%03d' $((RANDOM % 30)))"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rc=$?
        # Right after the kill, while the others write on: the ledger replays, or its only
        # problem is an interrupted last write.
        if ! timeout 60 "$STEER" check -q --ledger "$LEDGER" 2>"$WORK/kcheck.$w" &&
            ! { [ "$(grep -c ': error: ' "$WORK/kcheck.$w")" = 1 ] && grep -q ': error: the last line has no newline' "$WORK/kcheck.$w"; }; then
            echo "$note check after kill: $(head -c 300 "$WORK/kcheck.$w")" >>"$WORK/other.$w"
        fi
        echo x >>"$WORK/checks-after-kill.$w"
    else
        "$STEER" report "$task" progress=$((RANDOM % 101)) note="$note" --ledger "$LEDGER" >/dev/null 2>"$err"
        rc=$?
    fi
    case $rc in
        0) echo "$note" >>"$WORK/ack.$w" ;;
        137) echo "$note" >>"$WORK/killed.$w" ;;
        1)
            # The only refusal expected here is the one for a torn last line.
            if grep -q "steer repair" "$err"; then echo "$note" >>"$WORK/refused.$w"; else
                echo "$note rc=1 $(head -c 300 "$err")" >>"$WORK/other.$w"
            fi ;;
        *) echo "$note rc=$rc $(head -c 300 "$err")" >>"$WORK/other.$w" ;;
    esac
}

worker() {
    local r=$1 w=$2 i
    for ((i = 1; i <= PER_WORKER; i++)); do append_and_maybe_kill "$r" "$w" "$i"; done
}

# tear_and_repair_while_writing ROUND: while the writers run, appends the first bytes of a line
# (under the lock, as a writer dying in write(2) would leave them), waits, and repairs.
tear_and_repair_while_writing() {
    local r=$1
    sleep "$(printf '0.%03d' $((RANDOM % 800 + 100)))"
    local line="2025-03-02T12:00+07:00 @lan report NQ57-01 progress=50 note=\"torn-$r Đồng Nai\""
    local cut=$((RANDOM % (${#line} - 1) + 1))
    printf '%s' "${line:0:cut}" >"$WORK/injected.$r"
    flock -x "$LEDGER" sh -c 'cat "$1" >>"$2"' _ "$WORK/injected.$r" "$LEDGER"
    sleep "$(printf '0.%03d' $((RANDOM % 300 + 50)))"
    "$STEER" repair --ledger "$LEDGER" >"$WORK/repair.$r" 2>&1
    echo $? >"$WORK/repair-rc.$r"
}

# check_only_torn LEDGER: true when `steer check` passes, or fails only on an interrupted last
# line reported at the file's last line. Sets TORN=1 in the second case.
check_only_torn() {
    local ledger=$1 rc
    TORN=0
    rc=$(steer_rc "$WORK/check.out" "$WORK/check.err" check --ledger "$ledger")
    [ "$rc" = 0 ] && return 0
    [ "$rc" = 1 ] || return 1
    local lines last
    lines=$(grep -c ': error: ' "$WORK/check.err")
    last=$(($(wc -l <"$ledger") + 1))
    [ "$lines" = 1 ] && grep -qE "^$ledger:$last:[0-9]*: error: the last line has no newline: (typed without one, or )?an interrupted write" "$WORK/check.err" || return 1
    TORN=1
}

# repair_and_verify LEDGER EXPECTED_TAIL_FILE: `steer repair` moves exactly the torn bytes to a
# side file and leaves the ledger ending at its last complete line.
repair_and_verify() {
    local ledger=$1 expected=$2 before_complete
    before_complete=$(head -c "$(($(stat -c %s "$ledger") - $(stat -c %s "$expected")))" "$ledger" | sha256sum | cut -d' ' -f1)
    rm -f "$ledger".torn-*
    expect "repair exits 0" test "$(steer_rc "$WORK/r.out" "$WORK/r.err" repair --ledger "$ledger")" = 0
    local side
    side=$(ls "$ledger".torn-* 2>/dev/null | head -1)
    expect "repair keeps the torn bytes in a side file" cmp -s "$side" "$expected"
    expect "repair leaves the complete lines untouched" test "$(sha "$ledger")" = "$before_complete"
    expect "the repaired ledger checks clean" test "$(steer_rc "$WORK/c.out" "$WORK/c.err" check --ledger "$ledger")" = 0
}

START=$SECONDS
TORN_BY_KILL_IN_ROUNDS=0
for ((r = 1; r <= ROUNDS; r++)); do
    pids=()
    for ((w = 1; w <= WORKERS; w++)); do worker "$r" "$w" & pids+=($!); done
    tearer=
    if ((r % 2 == 0)); then tear_and_repair_while_writing "$r" & tearer=$!; fi
    wait "${pids[@]}"
    [ -n "$tearer" ] && wait "$tearer"

    if [ -n "$tearer" ]; then
        expect "round $r: repair during writes exits 0" test "$(cat "$WORK/repair-rc.$r")" = 0
        side=$(sed -n 's/^moved the interrupted last line to \(.*\); .*/\1/p' "$WORK/repair.$r")
        expect "round $r: the injected torn bytes are kept in $side" cmp -s "$side" "$WORK/injected.$r"
    fi
    if check_only_torn "$LEDGER"; then pass; else fail "round $r: check reports more than a torn last line: $(head -5 "$WORK/check.err")"; fi
    if [ "$TORN" = 1 ]; then
        # A real tear: the bytes of a killed writer's line. Keep them and repair.
        TORN_BY_KILL_IN_ROUNDS=$((TORN_BY_KILL_IN_ROUNDS + 1))
        torn_tail "$LEDGER" >"$WORK/real-tail"
        repair_and_verify "$LEDGER" "$WORK/real-tail"
    fi
done
ROUND_SECONDS=$((SECONDS - START))

cat "$WORK"/ack.* 2>/dev/null | sort >"$WORK/acked"
cat "$WORK"/killed.* 2>/dev/null | sort >"$WORK/killed"
cat "$WORK"/refused.* 2>/dev/null | sort >"$WORK/refused"
grep -o 'note=r[0-9]*-w[0-9]*-[0-9]*' "$LEDGER" | cut -d= -f2 | sort >"$WORK/present"

if cat "$WORK"/other.* >/dev/null 2>&1; then fail "unexpected outcomes (crash, hang, other error): $(cat "$WORK"/other.* | head -3)"; else pass; fi
expect "every acknowledged event is present" test -z "$(comm -23 "$WORK/acked" "$WORK/present" | head -1)"
expect "no event is present twice" test -z "$(uniq -d "$WORK/present" | head -1)"
expect "nothing refused was written" test -z "$(comm -12 "$WORK/refused" "$WORK/present" | head -1)"
sort -m "$WORK/acked" "$WORK/killed" >"$WORK/acked-or-killed"
expect "everything present was acknowledged or its writer killed" test -z "$(comm -23 "$WORK/present" "$WORK/acked-or-killed" | head -1)"
expect "one event per line: lines = base + events" test "$(wc -l <"$LEDGER")" -eq $((BASE_LINES + $(wc -l <"$WORK/present")))
expect "the final ledger checks clean" test "$(steer_rc "$WORK/c.out" "$WORK/c.err" check --ledger "$LEDGER")" = 0

KILLED=$(wc -l <"$WORK/killed")
KILLED_PRESENT=$(comm -12 "$WORK/killed" "$WORK/present" | wc -l)
figure crash.appends_attempted "$((ROUNDS * WORKERS * PER_WORKER))"
figure crash.acknowledged "$(wc -l <"$WORK/acked")"
figure crash.killed "$KILLED"
figure crash.checks_right_after_a_kill "$(cat "$WORK"/checks-after-kill.* | wc -l)"
figure crash.killed_after_write "$KILLED_PRESENT"
figure crash.refused_while_torn "$(wc -l <"$WORK/refused")"
figure crash.injected_tears_repaired "$((ROUNDS / 2))"
figure crash.tears_by_kill_in_rounds "$TORN_BY_KILL_IN_ROUNDS"
figure crash.seconds "$ROUND_SECONDS"

# Torn lines from kill -9 itself: a write(2) of one small line is practically never cut, so
# here each line carries five fields of 120 KB (one argument may not exceed 128 KB) and the
# write spans some 150 pages; the writer is killed at a random moment of its life.
BIG=$WORK/big.ledger
write_base_ledger "$BIG"
ATTEMPTS=$(scaled 300)
PAD=$(head -c 120000 /dev/zero | tr '\0' x)
ME=$(id -un)
TEARS=0
BIG_ACKED=0
for ((i = 1; i <= ATTEMPTS; i++)); do
    ((i % 10 == 0)) && write_base_ledger "$BIG"
    "$STEER" assign "BIG$i" title="$PAD" owner="$PAD" product="$PAD" source="$PAD" note="$PAD" --ledger "$BIG" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' $((RANDOM % 50)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$rc" = 0 ]; then
        BIG_ACKED=$((BIG_ACKED + 1))
        expect "big append $i acknowledged is present once" test "$(grep -c " assign BIG$i " "$BIG")" = 1
    fi
    if check_only_torn "$BIG"; then pass; else fail "big append $i: check reports more than a torn last line"; fi
    if [ "$TORN" = 1 ]; then
        TEARS=$((TEARS + 1))
        torn_tail "$BIG" >"$WORK/big-tail"
        # The torn bytes are the start of the line being written: a 25-byte timestamp, then this.
        printf ' @%s assign BIG%d title=%s owner=%s product=%s source=%s note=%s' "$ME" "$i" "$PAD" "$PAD" "$PAD" "$PAD" "$PAD" >"$WORK/big-rest"
        len=$(($(stat -c %s "$WORK/big-tail") - 25))
        if ((len <= 0)) || cmp -s -n "$len" <(tail -c +26 "$WORK/big-tail") "$WORK/big-rest"; then pass; else
            fail "big append $i: the torn bytes are not a prefix of the line being written"; fi
        before=$(sha "$BIG")
        expect "big append $i: a torn ledger refuses appends" \
            test "$(steer_rc "$WORK/a.out" "$WORK/a.err" report NQ57-01 note=after-tear --ledger "$BIG")" = 1
        expect "big append $i: the refusal says to repair" grep -q "steer repair" "$WORK/a.err"
        expect "big append $i: the refused append left the file alone" test "$(sha "$BIG")" = "$before"
        repair_and_verify "$BIG" "$WORK/big-tail"
        expect "big append $i: appends work again after repair" \
            test "$(steer_rc "$WORK/a.out" "$WORK/a.err" report NQ57-01 note=after-repair-$i --ledger "$BIG")" = 0
        expect "big append $i: the append after repair follows the last complete line" \
            test "$(tail -n 1 "$BIG" | grep -c "report NQ57-01 note=after-repair-$i\$")" = 1
    fi
done
figure crash.big_write_kills "$ATTEMPTS"
figure crash.big_write_acknowledged "$BIG_ACKED"
figure crash.tears_by_kill "$TEARS"

finish
