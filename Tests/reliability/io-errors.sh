#!/usr/bin/env bash
# I/O errors on a real full disk: a small tmpfs is filled up and steer appends to a ledger on it.
# The user sees the failure (exit 1, the reason, a hint), the file is byte-identical afterwards,
# a write cut short by the full disk is taken back (no torn line is left behind), and appends
# work again once there is room. Needs root to mount; EIO and a failing fsync are injected
# through JournalSyscalls in Tests/SteerReliabilityTests instead (no disk here fails on demand).
source "$(dirname "$0")/lib.sh"

MNT=$WORK/small
mkdir -p "$MNT"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=512k tmpfs "$MNT" 2>/dev/null; then
    echo "skipped: mounting a small tmpfs needs root (the injected faults of SteerReliabilityTests still run)"
    finish
    exit
fi
trap 'umount "$MNT"; rm -rf "$WORK"' EXIT
PAGE=$(getconf PAGESIZE)

# fill_disk: takes every free page.
fill_disk() { dd if=/dev/zero of="$MNT/filler" bs=4k status=none 2>/dev/null; sync; }
free_disk() { rm -f "$MNT/filler"; }

# ledger_ending_at OFFSET_IN_PAGE: a clean ledger whose size is OFFSET bytes past a page boundary,
# padded with a comment line, so that the next append needs a new page after that many bytes.
ledger_ending_at() {
    local file=$MNT/ledger
    write_base_ledger "$file"
    local size pad
    size=$(stat -c %s "$file")
    pad=$(((PAGE + $1 - size % PAGE - 3) % PAGE + PAGE))
    { printf '#'; head -c "$pad" /dev/zero | tr '\0' ' '; printf ' \n'; } >>"$file"
    [ $(($(stat -c %s "$file") % PAGE)) -eq "$1" ] || echo "padding went wrong"
}

# refused_on_full_disk CASE: an append on the full disk fails visibly and changes nothing.
refused_on_full_disk() {
    local what=$1 before rc
    before=$(sha "$MNT/ledger")
    rc=$(steer_rc "$WORK/out" "$WORK/err" report NQ57-01 progress=40 note="ghi khi đĩa đầy" --ledger "$MNT/ledger")
    expect "$what: exit 1" test "$rc" = 1
    expect "$what: says the disk is full" grep -q "No space left on device" "$WORK/err"
    expect "$what: hints what to do" grep -q "hint: the disk is full" "$WORK/err"
    expect "$what: prints no line as written" test ! -s "$WORK/out"
    expect "$what: the ledger is byte-identical" test "$(sha "$MNT/ledger")" = "$before"
    expect "$what: the ledger replays clean" test "$(steer_rc "$WORK/c.out" "$WORK/c.err" check --ledger "$MNT/ledger")" = 0
}

# The append finds no room at all: write(2) fails outright.
ledger_ending_at 0
fill_disk
refused_on_full_disk "full disk at a page boundary"
free_disk

# The append finds 20 bytes of room: write(2) writes part of the line, then the disk is full.
ledger_ending_at $((PAGE - 20))
fill_disk
refused_on_full_disk "full disk mid-line (a short write)"
expect "the short write left no torn line" test -z "$(torn_tail "$MNT/ledger")"
free_disk

rc=$(steer_rc "$WORK/out" "$WORK/err" report NQ57-01 progress=40 note="sau khi giải phóng" --ledger "$MNT/ledger")
expect "with room again, the append succeeds" test "$rc" = 0
expect "and it is the last line" test "$(tail -n 1 "$MNT/ledger" | grep -c 'note="sau khi giải phóng"$')" = 1
expect "and the ledger replays clean" test "$(steer_rc "$WORK/c.out" "$WORK/c.err" check --ledger "$MNT/ledger")" = 0

# A new ledger on a full disk: the first append fails, and nothing half-written is left.
fill_disk
rc=$(steer_rc "$WORK/out" "$WORK/err" agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ" --ledger "$MNT/new.ledger")
expect "a new ledger on a full disk: exit 1" test "$rc" = 1
expect "a new ledger on a full disk: says why" grep -q "No space left on device" "$WORK/err"
expect "a new ledger on a full disk: no bytes are left in it" test ! -s "$MNT/new.ledger"
free_disk
rc=$(steer_rc "$WORK/out" "$WORK/err" agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ" --ledger "$MNT/new.ledger")
expect "a new ledger, with room again: the append succeeds" test "$rc" = 0
expect "a new ledger, with room again: it checks clean" test "$(steer_rc "$WORK/c.out" "$WORK/c.err" check --ledger "$MNT/new.ledger")" = 0

finish
