#!/usr/bin/env bash
# Roles and permissions. With members declared, a focal point may move only its own agency's
# tasks and only with its verbs, a viewer or a stranger may write nothing, and only the
# secretariat may record as someone else (--as). As root the suite also runs steer as real,
# separate Unix users, which is how a shared server identifies people (not $USER). Hand-edited
# lines that break the rules are reported at their line numbers. New ledgers are never
# world-writable, and steer will not write to (or repair) one that is.
source "$(dirname "$0")/lib.sh"

ME=$(id -un)
# ledger_with_members SECRETARIAT FOCAL_A FOCAL_B VIEWER FILE
ledger_with_members() {
    cat >"$5" <<EOF
steer-ledger 1
2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
2025-01-02T08:01+07:00 @vpcp agency BTC kind=ministry name="Bộ Tài chính"
2025-01-02T08:02+07:00 @vpcp member $1 role=secretariat
2025-01-02T08:03+07:00 @$1 member $2 role=focal agency=BKHCN
2025-01-02T08:04+07:00 @$1 member $3 role=focal agency=BTC
2025-01-02T08:05+07:00 @$1 member $4 role=viewer
2025-01-09T08:00+07:00 @$1 assign TA kind=decree title="Nhiệm vụ của Bộ KH&CN" lead=BKHCN due=2025-06-30
2025-01-09T08:01+07:00 @$1 assign TB title="Nhiệm vụ của Bộ Tài chính" lead=BTC due=2025-06-30
EOF
}

# refused WHAT REASON COMMAND…: the command exits 1, says REASON, and leaves the ledger alone.
refused() {
    local what=$1 reason=$2 before rc; shift 2
    before=$(sha "$LEDGER")
    "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    expect "$what: refused (exit 1, got $rc)" test "$rc" = 1
    expect "$what: says \"$reason\" ($(head -n 1 "$WORK/err"))" grep -qF -- "$reason" "$WORK/err"
    expect "$what: the ledger is unchanged" test "$(sha "$LEDGER")" = "$before"
}

# written WHAT ACTOR COMMAND…: the command exits 0 and its line, by @ACTOR, ends the ledger.
written() {
    local what=$1 actor=$2 rc; shift 2
    "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    expect "$what: written (exit $rc: $(head -n 1 "$WORK/err"))" test "$rc" = 0
    expect "$what: recorded as @$actor" test "$(tail -n 1 "$LEDGER" | cut -d' ' -f2)" = "@$actor"
}

# --as, run by the secretariat (the login running this suite).
LEDGER=$WORK/as.ledger
ledger_with_members "$ME" fa fb vw "$LEDGER"
S=("$STEER")
L=(--ledger "$LEDGER")
refused "focal of BKHCN reports on BTC's task" "is the focal point of BKHCN and may not change TB" "${S[@]}" report TB note=x --as fa "${L[@]}"
written "focal of BKHCN reports on its own task" fa "${S[@]}" report TA note=x --as fa "${L[@]}"
refused "focal point extends a deadline" "a focal point may not \`extend\`" "${S[@]}" extend TA due=2025-12-31 reason=x --as fa "${L[@]}"
refused "focal point records a document issued" "only the secretariat records that a document is issued" "${S[@]}" stage TA stage=issued --as fa "${L[@]}"
refused "viewer reports" "@vw is a viewer and may not record events" "${S[@]}" report TA note=x --as vw "${L[@]}"
refused "a stranger reports" "@ghost is not a member of this ledger" "${S[@]}" report TA note=x --as ghost "${L[@]}"
refused "a stranger declares himself secretariat" "@ghost is not a member of this ledger" "${S[@]}" member ghost role=secretariat --as ghost "${L[@]}"
written "secretariat records for the focal point of BTC" fb "${S[@]}" report TB progress=20 --as fb "${L[@]}"
written "secretariat extends" "$ME" "${S[@]}" extend TB due=2025-12-31 reason="Chờ ý kiến" "${L[@]}"

# Hand-edited lines that break the rules: each reported at its line, none applied.
HAND=$WORK/hand.ledger
ledger_with_members vpcp fa fb vw "$HAND"
cat >>"$HAND" <<'EOF'
2025-02-01T08:00+07:00 @fa report TB note="not my agency"
2025-02-01T08:01+07:00 @fa extend TA due=2025-12-31 reason="not my verb"
2025-02-01T08:02+07:00 @vw report TA note="a viewer"
2025-02-01T08:03+07:00 @ghost report TA note="a stranger"
2025-02-01T08:04+07:00 @fa report TA note="allowed"
2025-02-01T08:05+07:00 @fb member fb role=secretariat
EOF
steer_rc "$WORK/out" "$WORK/err" check --ledger "$HAND" >/dev/null
for n in 10 11 12 13 15; do
    expect "hand-edited rule breach at line $n is reported there" grep -q "^$HAND:$n:[0-9]*: error: " "$WORK/err"
done
expect "the allowed line 14 is not reported" test "$(grep -c "^$HAND:14:" "$WORK/err")" = 0
expect "exactly five breaches are reported" test "$(grep -c ': error: ' "$WORK/err")" = 5
"$STEER" log TB --ledger "$HAND" >"$WORK/log" 2>/dev/null
expect "a breach is not applied" test "$(grep -c 'not my agency' "$WORK/log")" = 0

# Real Unix users: who runs steer is the login of the process, whatever $USER or --as say.
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null && command -v runuser >/dev/null; then
    getent group steerrel >/dev/null || groupadd steerrel
    for u in steer_sec steer_fa steer_fb steer_vw steer_out; do
        id "$u" >/dev/null 2>&1 || useradd --no-create-home --groups steerrel --shell /usr/sbin/nologin "$u"
    done
    chmod 0755 "$WORK"
    LEDGER=$WORK/shared.ledger
    ledger_with_members steer_sec steer_fa steer_fb steer_vw "$LEDGER"
    chgrp steerrel "$LEDGER"
    chmod 0660 "$LEDGER"
    as() { local u=$1; shift; runuser -u "$u" -- "$STEER" "$@" --ledger "$LEDGER"; }
    written "user steer_fa reports on its task" steer_fa as steer_fa report TA note=x
    refused "user steer_fa reports on BTC's task" "may not change TB" as steer_fa report TB note=x
    refused "user steer_fa records as the secretariat" "only the secretariat may record as another user" as steer_fa report TB note=x --as steer_sec
    refused "user steer_vw reports" "@steer_vw is a viewer" as steer_vw report TA note=x
    refused "user steer_vw claims to be steer_sec through \$USER" "@steer_vw is a viewer" \
        env USER=steer_sec LOGNAME=steer_sec runuser -u steer_vw -- "$STEER" report TA note=x --ledger "$LEDGER"
    refused "user steer_out, no member, reports" "@steer_out is not a member" as steer_out report TA note=x
    written "user steer_sec records for steer_fb" steer_fb as steer_sec report TB note=x --as steer_fb
    written "user steer_sec extends" steer_sec as steer_sec extend TA due=2025-12-31 reason=x
    expect "the shared ledger checks clean" test "$(steer_rc "$WORK/o" "$WORK/e" check --ledger "$LEDGER")" = 0
    for u in steer_sec steer_fa steer_fb steer_vw steer_out; do userdel "$u"; done
    groupdel steerrel
else
    echo "skipped: running steer as separate Unix users needs root, useradd and runuser"
fi

# Permissions of new ledgers, whatever the umask: never written by others; written by the group
# when the umask lets it (002, as on a server where a team shares a directory).
for mask in 000 002 022 027 077; do
    f=$WORK/new-$mask.ledger
    (umask "$mask" && "$STEER" agency BKHCN kind=ministry name=x --ledger "$f" >/dev/null)
    mode=$(stat -c %a "$f")
    expect "a ledger created under umask $mask is mode 0660 or narrower (got $mode)" test $((8#$mode & ~8#660)) = 0
    expect "a ledger created under umask $mask is as its umask asks (got $mode)" test "$mode" = "$(printf '%o' $((8#660 & ~8#$mask)))"
done

# A world-writable ledger is not written to, nor repaired.
LEDGER=$WORK/open.ledger
write_base_ledger "$LEDGER"
chmod 0666 "$LEDGER"
refused "an append to a world-writable ledger" "is writable by every user (mode 666); steer will not write to it" \
    "$STEER" report NQ57-01 note=x --ledger "$LEDGER"
expect "the refusal says how to fix it" grep -qF "hint: chmod o-w $LEDGER" "$WORK/err"
printf '2025-12-01T10:00+07:00 @lan rep' >>"$LEDGER"
refused "a repair of a world-writable ledger" "is writable by every user" "$STEER" repair --ledger "$LEDGER"
expect "no side file was made" test -z "$(ls "$LEDGER".torn-* 2>/dev/null)"
expect "it can still be read" test "$(steer_rc "$WORK/o" "$WORK/e" show tasks --ledger "$LEDGER")" = 0

finish
