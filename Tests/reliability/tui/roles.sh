#!/usr/bin/env bash
# Roles in the screen: with members declared, steer runs (runuser, inside tmux) as two Unix
# users who share the ledger through a group: steerfocal, the focal point of dongnai, and
# steerviewer, a viewer. The focal point's start of a BKHCN task is refused with a message naming
# the rule, and nothing is written; its start of a dongnai task is written (so the refusal is the
# role's, not the file's permissions); the viewer's screen is read-only, and refuses every change key. Needs root, to
# create the users; it removes the users and the group it created.
source "$(dirname "$0")/lib.sh"
GROUP=steerrel
USERS=(steerfocal steerviewer)
# Every change key but u: with nothing done in the session there is nothing to undo anyway.
CHANGE_KEYS=(t r b '>' A R e x m a D)

if [ "$(id -u)" != 0 ]; then bad "roles needs root to create the users ${USERS[*]}"; finish; exit; fi
created=()
# The users' steer processes end with the tmux server; only then can the users go.
remove_users() {
    local u
    cleanup
    for u in "${created[@]}"; do
        if [ "$u" = "$GROUP" ]; then groupdel "$u"; continue; fi
        for _ in $(seq 1 20); do pgrep -u "$u" > /dev/null || break; sleep 0.1; done
        userdel "$u"
    done
}
trap remove_users EXIT
getent group "$GROUP" > /dev/null || { groupadd "$GROUP" && created+=("$GROUP"); }
for u in "${USERS[@]}"; do
    getent passwd "$u" > /dev/null || { useradd -M -N -g "$GROUP" -s /bin/sh "$u" && created=("$u" "${created[@]}"); }
done

# The ledger lives in a directory of the group: the users may read it, take its lock and append.
chmod 755 "$WORK"
mkdir -m 2770 "$WORK/shared"
chgrp "$GROUP" "$WORK/shared"
LEDGER=$WORK/shared/ledger
{
    cat "$SAMPLE"
    echo "2025-06-12T08:00+07:00 @vpcp member vpcp role=secretariat"
    echo "2025-06-12T08:00+07:00 @vpcp member steerfocal role=focal agency=dongnai"
    echo "2025-06-12T08:00+07:00 @vpcp member steerviewer role=viewer"
} > "$LEDGER"
chgrp "$GROUP" "$LEDGER"
chmod 660 "$LEDGER"
cp "$LEDGER" "$WORK/orig"
"$STEER" check --ledger "$LEDGER" > /dev/null || bad "the roles ledger does not check clean"

open_as() {
    t new-session -d -s "$1" -x 140 -y 24 \
        "runuser -u $1 -- env TERM=xterm-256color HOME=/tmp '$STEER' tui '$LEDGER' --today $DAY --lang en"
    expect_screen "$1: steer runs as @$1" "$1" "@$1"
}

# Filters the list down to task $2 in session $1.
select_task() { t send-keys -t "$1" Escape / && t send-keys -t "$1" -l "$2" && t send-keys -t "$1" Enter; }

open_as steerfocal
select_task steerfocal NQ03-13
t send-keys -t steerfocal t
expect_screen "focal: start of a task BKHCN leads is refused, naming the rule" steerfocal \
    "@steerfocal is the focal point of dongnai and may not change NQ03-13, which BKHCN leads"
cmp -s "$WORK/orig" "$LEDGER"
check "focal: nothing is written" $?
select_task steerfocal BC-01
t send-keys -t steerfocal t
expect_screen "focal: t on its own agency's task opens the form" steerfocal "Esc cancel"
t send-keys -t steerfocal Enter
# A focal point cannot take a start back: it is asked once more.
expect_screen "focal: the start is asked once more" steerfocal "You cannot take it back"
t send-keys -t steerfocal y
expect_screen "focal: the start is recorded" steerfocal "recorded"
tail -1 "$LEDGER" | grep -q "@steerfocal start BC-01$"
check "focal: the ledger ends with its start of BC-01" $? "$(tail -1 "$LEDGER")"

cp "$LEDGER" "$WORK/orig"
open_as steerviewer
for key in "${CHANGE_KEYS[@]}"; do
    t send-keys -t steerviewer j k
    wait_gone steerviewer "is a viewer of this ledger" || { bad "viewer: the footer still shows the last refusal" steerviewer; continue; }
    t send-keys -t steerviewer -l "$key"
    # The screen is read-only and says why: a viewer records nothing.
    if wait_for steerviewer "is a viewer of this ledger" && ! screen steerviewer | grep -qF "Esc cancel"; then
        ok "viewer: $key is refused"
    else
        bad "viewer: $key is not refused" steerviewer
    fi
done
cmp -s "$WORK/orig" "$LEDGER"
check "viewer: nothing is written" $?
finish
