#!/usr/bin/env bash
# Read-only: a screen opened on a ledger with errors says so and refuses every change key (no
# form opens, the file stays byte-identical); a torn last line the same, until `steer repair`
# run from outside fixes it, after which the screen writes again; and `--read-only` on a clean
# ledger refuses every change key too.
source "$(dirname "$0")/lib.sh"
CHANGE_KEYS=(t r b '>' A R e x m a D u)

# Opens steer on ledger $2 in session $1 with options $3…
open_tui() {
    local s=$1 ledger=$2
    shift 2
    t new-session -d -s "$s" -x 120 -y 24 "env TERM=xterm-256color '$STEER' tui '$ledger' --today $DAY --lang en $*"
}

# Presses every change key on the selected task; each must be refused with $2 in the footer.
refuse_all() {
    local s=$1 why=$2 key
    for key in "${CHANGE_KEYS[@]}"; do
        t send-keys -t "$s" j k  # a move clears the footer, so the refusal below is this key's
        wait_gone "$s" "$why" || { bad "$s: the footer still shows the last refusal" "$s"; continue; }
        t send-keys -t "$s" -l "$key"
        if wait_for "$s" "$why" && ! screen "$s" | grep -qF "Esc cancel"; then
            ok "$s: $key is refused"
        else
            bad "$s: $key is not refused with \"$why\"" "$s"
        fi
    done
}

mkdir -p "$WORK"
cp "$SAMPLE" "$WORK/errors.ledger"
# Accepting a task that was never submitted: the state machine refuses the line.
echo "2025-06-11T08:00+07:00 @vpcp accept DA06-03" >> "$WORK/errors.ledger"
cp "$WORK/errors.ledger" "$WORK/errors.orig"
open_tui errors "$WORK/errors.ledger"
expect_screen "errors: the footer says the ledger has a problem" errors "read-only: the ledger has 1 problem; run \`steer check\`"
refuse_all errors "read-only: the ledger has 1 problem"
cmp -s "$WORK/errors.orig" "$WORK/errors.ledger"
check "errors: the ledger is byte-identical" $?

cp "$SAMPLE" "$WORK/torn.ledger"
printf '2025-06-11T08:00+07:00 @vpcp report BC-01 progr' >> "$WORK/torn.ledger"
cp "$WORK/torn.ledger" "$WORK/torn.orig"
open_tui torn "$WORK/torn.ledger"
expect_screen "torn: the footer says the ledger has a problem" torn "read-only: the ledger has 1 problem"
refuse_all torn "read-only: the ledger has 1 problem"
cmp -s "$WORK/torn.orig" "$WORK/torn.ledger"
check "torn: the ledger is byte-identical" $?
t send-keys -t torn / && t send-keys -t torn -l BC-01 && t send-keys -t torn Enter t
expect_screen "torn: t on the task to start is refused" torn "read-only: the ledger has 1 problem"
"$STEER" repair --ledger "$WORK/torn.ledger" > /dev/null
if wait_gone torn "READ-ONLY"; then ok "torn: after steer repair the screen is no longer read-only"; else bad "torn: still read-only 3 s after steer repair" torn; fi
t send-keys -t torn t
expect_screen "torn: t opens the start form" torn "Esc cancel"
t send-keys -t torn Enter
expect_screen "torn: a start, which no event takes back, is asked once more" torn "You cannot take it back"
t send-keys -t torn y
expect_screen "torn: the footer says it was recorded" torn "recorded"
tail -1 "$WORK/torn.ledger" | grep -q "@root start BC-01$"
check "torn: the repaired ledger ends with the start line" $? "$(tail -1 "$WORK/torn.ledger")"

cp "$SAMPLE" "$WORK/flag.ledger"
open_tui flag "$WORK/flag.ledger" --read-only
expect_screen "--read-only: steer opens" flag "hanoi"
refuse_all flag "read-only (--read-only): changes are off"
cmp -s "$SAMPLE" "$WORK/flag.ledger"
check "--read-only: the ledger is byte-identical" $?
finish
