#!/usr/bin/env bash
# Bad input: a corpus of damaged ledgers made from a clean one. For each, `steer check` either
# passes or reports FILE:LINE:COL diagnostics (at the damaged line when that is known); `show`
# and `log` still answer; nothing of the damage reaches a terminal raw; an append is refused
# when check fails; nothing crashes or hangs; and the file is byte-identical afterwards.
# Known-good variants (CRLF, BOM, NFD, a 10 MB note) load to the same board as the original.
source "$(dirname "$0")/lib.sh"

BASE=$WORK/base.ledger
write_base_ledger "$BASE"
BASE_LINES=$(wc -l <"$BASE")
CORPUS=$WORK/corpus
mkdir -p "$CORPUS"
"$STEER" show tasks --format csv --today 2025-06-30 --ledger "$BASE" >"$WORK/base.csv"

# examine FILE [LINE]: the promises above; LINE, when given, is where the first error must be.
examine() {
    local f=$1 want_line=${2:-} name before rc
    name=$(basename "$f")
    before=$(sha "$f")
    rc=$(steer_rc "$WORK/out" "$WORK/err" check --ledger "$f")
    case $rc in
        0) pass ;;
        1)
            if grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: error: " "$WORK/err" || grep -q "no such ledger, or it is empty" "$WORK/err"; then
                pass
            else
                fail "$name: check failed without a FILE:LINE:COL diagnostic: $(head -c 200 "$WORK/err")"
            fi ;;
        *) fail "$name: check exited $rc (124: hung; over 128: killed by a signal)" ;;
    esac
    # Damaged lines are quoted in diagnostics: whatever bytes they hold, none may reach a terminal raw.
    expect "$name: check's output is safe for a terminal ($(unsafe_in "$WORK/err"))" test -z "$(unsafe_in "$WORK/err")$(unsafe_in "$WORK/out")"
    if [ -n "$want_line" ]; then
        local first
        first=$(grep -o -m 1 "^$f:[0-9]*:[0-9]*: error: " "$WORK/err" | cut -d: -f2)
        expect "$name: the first error is at line $want_line (got ${first:-none})" test "${first:-none}" = "$want_line"
    fi
    local cmd answer first=""
    # A file without the version line at its top is no ledger: reports say so and exit 1, as
    # check does. So is an empty one. A torn last line alone may be the version line cut short.
    # Most files here start with it whole; only the others pay for starting Python.
    IFS= read -r first < "$f" 2>/dev/null
    [ "$first" = "steer-ledger 1" ] && answer=0 || answer=$(python3 - "$f" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
if data.startswith(b"\xef\xbb\xbf"):
    data = data[3:]
*complete, torn = data.split(b"\n")
for line in complete:
    line = line[:-1] if line.endswith(b"\r") else line
    counts = line.strip(b" \t")
    if counts and not counts.startswith(b"#"):
        print(0 if line == b"steer-ledger 1" else 1)
        break
else:
    print(0 if torn else 1)
PY
)
    for cmd in "show tasks" "show agencies --format json" "log"; do
        # shellcheck disable=SC2086
        expect "$name: $cmd answers" test "$(steer_rc "$WORK/o2" "$WORK/e2" $cmd --ledger "$f")" = $answer
    done
    if [ "$rc" = 1 ]; then
        local append_rc
        append_rc=$(steer_rc "$WORK/o3" "$WORK/e3" report NQ57-01 note=x --ledger "$f")
        expect "$name: an append to a ledger with problems is refused (exit $append_rc: $(head -c 200 "$WORK/e3"))" test "$append_rc" = 1
    fi
    expect "$name: the file is byte-identical afterwards" test "$(sha "$f")" = "$before"
    CHECK_RC=$rc
}

# same_board FILE: loads clean with the original's events and prints the original's report.
same_board() {
    local f=$1 name
    name=$(basename "$f")
    examine "$f"
    expect "$name: loads clean" test "$CHECK_RC" = 0
    expect "$name: has the original's events" grep -q ": ok: $(($(grep -c '^20' "$BASE"))) events" "$WORK/out"
    "$STEER" show tasks --format csv --today 2025-06-30 --ledger "$f" >"$WORK/variant.csv"
    expect "$name: shows the original's tasks" cmp -s "$WORK/variant.csv" "$WORK/base.csv"
}

# Truncation at every byte of the last three lines: a clean ledger or exactly one torn line.
size=$(stat -c %s "$BASE")
tail3=$(tail -n 3 "$BASE" | wc -c)
TRUNCATIONS=0
for ((cut = size - tail3; cut < size; cut++)); do
    f=$CORPUS/truncated-at-$cut.ledger
    head -c "$cut" "$BASE" >"$f"
    lines=$(($(wc -l <"$f") + 1))
    if [ -z "$(torn_tail "$f")" ]; then examine "$f"; else
        examine "$f" "$lines"
        expect "truncated at $cut: reported as an interrupted write" grep -qE "error: the last line has no newline: (typed without one, or )?an interrupted write" "$WORK/err"
        expect "truncated at $cut: the torn line is the only problem" test "$(grep -c ': error: ' "$WORK/err")" = 1
    fi
    if ((cut == size - 1)); then
        # Only the newline is missing: the line reads like a whole event, and still is not one.
        "$STEER" log --ledger "$f" >"$WORK/log" 2>/dev/null
        expect "a torn line that looks whole is not parsed as an event" test "$(grep -c "$(tail -n 1 "$BASE" | cut -d' ' -f5-)" "$WORK/log")" = 0
        expect "while the line before it is" grep -qF "$(tail -n 2 "$BASE" | head -n 1 | cut -d' ' -f5-)" "$WORK/log"
    fi
    rm -f "$f"
    TRUNCATIONS=$((TRUNCATIONS + 1))
done
figure bad_input.truncations "$TRUNCATIONS"

# Random byte flips anywhere.
FLIPS=$(scaled 200)
for ((i = 1; i <= FLIPS; i++)); do
    f=$CORPUS/flip-$i.ledger
    cp "$BASE" "$f"
    offset=$(((RANDOM * 32768 + RANDOM) % size))
    printf "\\x$(printf %02x $((RANDOM % 256)))" | dd of="$f" bs=1 seek="$offset" conv=notrunc status=none
    examine "$f"
    rm -f "$f"
done
figure bad_input.byte_flips "$FLIPS"

# line_replaced NAME LINE TEXT: the base ledger with line LINE replaced by TEXT (printf escapes).
line_replaced() {
    local f=$CORPUS/$1.ledger
    { head -n $(($2 - 1)) "$BASE"; printf "$3\n"; tail -n +$(($2 + 1)) "$BASE"; } >"$f"
    echo "$f"
}
# with_line_after NAME LINE TEXT: TEXT inserted after line LINE.
with_line_after() {
    local f=$CORPUS/$1.ledger
    { head -n "$2" "$BASE"; printf "$3\n"; tail -n +$(($2 + 1)) "$BASE"; } >"$f"
    echo "$f"
}

K=40  # a report line of the base ledger
REPORT_LINE=$(sed -n "${K}p" "$BASE")
examine "$(line_replaced nul "$K" "${REPORT_LINE:0:30}\\000${REPORT_LINE:30}")" "$K"
expect "a NUL is named" grep -q "a NUL byte" "$WORK/err"
examine "$(line_replaced invalid-utf8 "$K" "${REPORT_LINE%\"} \\303\\050\"")" "$K"
expect "invalid UTF-8 is named" grep -q "invalid UTF-8" "$WORK/err"
examine "$(line_replaced raw-escape "$K" "${REPORT_LINE%\"}\\033[2J\"")" "$K"
expect "a raw control character is named" grep -q "raw control character (0x1B)" "$WORK/err"
examine "$(line_replaced unknown-verb "$K" "${REPORT_LINE/ report / reprot }")" "$K"
expect "an unknown verb is named" grep -q "unknown verb \`reprot\`" "$WORK/err"
examine "$(line_replaced impossible-timestamp "$K" "2025-02-30T09:00+07:00 ${REPORT_LINE#* }")" "$K"
expect "an impossible date is named" grep -q "2025-02-30 is not a date on the calendar" "$WORK/err"
ASSIGN_LINE=$(grep -n -m 1 ' assign NQ57-02 ' "$BASE" | cut -d: -f1)
examine "$(line_replaced impossible-due "$ASSIGN_LINE" "$(sed -n "${ASSIGN_LINE}p" "$BASE" | sed 's/due=[0-9-]*/due=2025-04-31/')")" "$ASSIGN_LINE"
expect "an impossible deadline is named" grep -q "2025-04-31 is not a date on the calendar" "$WORK/err"
examine "$(with_line_after illegal-transition "$BASE_LINES" '2025-12-01T10:00+07:00 @vpcp accept NQ57-01')" $((BASE_LINES + 1))
expect "an illegal transition is named" grep -q "cannot accept NQ57-01: it is in_progress" "$WORK/err"
examine "$(with_line_after duplicated-assign "$ASSIGN_LINE" "$(sed -n "${ASSIGN_LINE}p" "$BASE")")" $((ASSIGN_LINE + 1))
expect "a duplicated assignment is named" grep -q "task NQ57-02 is already assigned" "$WORK/err"
examine "$(with_line_after duplicated-report "$K" "$REPORT_LINE")"
expect "a duplicated report is a second report, not an error" test "$CHECK_RC" = 0
examine "$(line_replaced time-goes-back "$K" "2025-01-01T00:00+07:00 ${REPORT_LINE#* }")" "$K"
examine "$(line_replaced unclosed-quote "$K" "${REPORT_LINE%\"}")" "$K"
examine "$(line_replaced no-header 1 'steer-ledger 2')" 1

printf '' >"$CORPUS/empty.ledger"; examine "$CORPUS/empty.ledger"
printf '# only a comment\n\n' >"$CORPUS/only-comments.ledger"; examine "$CORPUS/only-comments.ledger"
head -c 65536 /dev/urandom >"$CORPUS/random-bytes.ledger"; examine "$CORPUS/random-bytes.ledger"
{ cat "$BASE"; head -c 10000000 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$CORPUS/10mb-garbage-line.ledger"
examine "$CORPUS/10mb-garbage-line.ledger" $((BASE_LINES + 1))
{ cat "$BASE"; head -c 10000000 /dev/zero | tr '\0' 'x'; } >"$CORPUS/10mb-torn-line.ledger"
examine "$CORPUS/10mb-torn-line.ledger" $((BASE_LINES + 1))

# Variants an editor may legitimately produce: the same board as the original.
sed 's/$/\r/' "$BASE" >"$CORPUS/crlf.ledger"; same_board "$CORPUS/crlf.ledger"
{ printf '\xef\xbb\xbf'; cat "$BASE"; } >"$CORPUS/bom.ledger"; same_board "$CORPUS/bom.ledger"
perl -CSD -MUnicode::Normalize -pe '$_ = NFD($_)' "$BASE" >"$CORPUS/nfd.ledger"
expect "the NFD variant really differs in bytes" test "$(sha "$CORPUS/nfd.ledger")" != "$(sha "$BASE")"
same_board "$CORPUS/nfd.ledger"
# A 10 MB note is text, not damage: it loads, and the board is the original's plus that report.
BIG_NOTE=$CORPUS/10mb-note.ledger
{ cat "$BASE"; printf '2025-12-01T10:00+07:00 @lan report NQ57-01 note="'; head -c 10000000 /dev/zero | tr '\0' 'x'; printf '"\n'; } >"$BIG_NOTE"
started=$(date +%s%N)
examine "$BIG_NOTE"
expect "a 10 MB note loads clean" test "$CHECK_RC" = 0
figure bad_input.10mb_note_examine_ms "$((($(date +%s%N) - started) / 1000000))"

finish
