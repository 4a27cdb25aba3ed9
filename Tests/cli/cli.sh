#!/usr/bin/env bash
# End-to-end tests of the command line: the real binary on real files.
# Usage: Tests/cli/cli.sh [path-to-steer]
set -u
cd "$(dirname "$0")/../.."
STEER=${1:-.build/debug/steer}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# expect NAME EXPECTED-STATUS COMMAND…: runs it, keeps stdout/stderr in $out/$err.
expect() {
    local name=$1 want=$2; shift 2
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    out=$(cat "$work/out"); err=$(cat "$work/err")
    if [ "$got" -eq "$want" ]; then ok; else fail "$name: exit $got, wanted $want; stderr: $err"; fi
}
contains() { if grep -qF -- "$2" <<<"$1"; then ok; else fail "$3: missing '$2' in: $1"; fi; }

L=$work/t.ledger
export STEER_LEDGER=$L
# Snapshots go to a cache of this run's own, never the user's.
export STEER_CACHE_DIR=$work/cache

# A new ledger is created by the first append, with its header, not world-readable-writable.
expect "declare" 0 "$STEER" agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
expect "declare 2" 0 "$STEER" agency BTC kind=ministry name="Bộ Tài chính"
[ -z "$err" ] && ok || fail "a write to a ledger that exists said: $err"
[ "$(head -1 "$L")" = "steer-ledger 1" ] && ok || fail "header line"
rm -f "$work/fresh.ledger"
expect "a write that starts a ledger" 0 "$STEER" agency BKHCN kind=ministry name="Bộ KH&CN" --ledger "$work/fresh.ledger"
contains "$err" "started a new ledger, $work/fresh.ledger" "a write that starts a ledger says so"
[ "$(stat -c %a "$L")" = "640" ] || [ "$(( $(stat -c %a "$L") % 10 ))" -lt 2 ] && ok || fail "mode $(stat -c %a "$L")"

# A mistyped path: a report is an error, not an empty report, and a refused write leaves no file.
missing=$work/typo.ledger
for r in "show overdue" "show agencies --format csv" "log"; do
    expect "$r on a missing ledger" 1 "$STEER" $r --ledger "$missing"
    contains "$err" "no such ledger, or it is empty" "$r on a missing ledger says so"
done
# Another file named by mistake, or a ledger whose top was cut off: no version line, no report.
printf 'hello world\n' > "$work/notes.txt"
printf '\n# only a comment\n' > "$work/comments.ledger"
for r in "show overdue" "show tasks --format json" "log"; do
    expect "$r on a file that is not a ledger" 1 "$STEER" $r --ledger "$work/notes.txt"
    contains "$err" "is not a steer ledger: it has no \`steer-ledger 1\` line at its top" "$r on a file that is not a ledger says so"
    contains "$err" "1 | hello world" "$r shows the line where the version line should be"
    [ -z "$out" ] && ok || fail "$r on a file that is not a ledger printed a report: $out"
done
expect "check of a file of comments" 1 "$STEER" check --ledger "$work/comments.ledger"
contains "$err" "is not a steer ledger" "check of a file of comments says it is no ledger"
expect "check of a file that is not a ledger" 1 "$STEER" check --ledger "$work/notes.txt"
contains "$err" "notes.txt:1:1: error: this is not a steer ledger" "check shows where the version line should be"
# Its first event starts the ledger below the comments, and says so.
expect "a write to a file of comments" 0 "$STEER" agency BKHCN kind=ministry name=x --ledger "$work/comments.ledger"
contains "$err" "started a new ledger, $work/comments.ledger" "a write to a file of comments says it starts the ledger"
expect "check of a file of comments written to" 0 "$STEER" check --ledger "$work/comments.ledger"
# A file with no newline at all is another file, not a ledger torn at its first write: a report
# refuses it and repair leaves it whole. Saved with CR line ends, it is told so.
printf 'hello world' > "$work/no-newline.txt"
expect "show on a file with no newline" 1 "$STEER" show overdue --ledger "$work/no-newline.txt"
contains "$err" "is not a steer ledger" "show on a file with no newline says it is no ledger"
tr '\n' '\r' < Fixtures/nq57.ledger > "$work/mac.ledger"
cp "$work/mac.ledger" "$work/mac.before"
expect "check of a ledger with CR line ends" 1 "$STEER" check --ledger "$work/mac.ledger"
contains "$err" "its lines end with a carriage return alone" "check names CR line ends"
expect "repair of a ledger with CR line ends" 1 "$STEER" repair --ledger "$work/mac.ledger"
cmp -s "$work/mac.ledger" "$work/mac.before" && ok || fail "repair changed a file with no newline"
ls "$work"/mac.ledger.torn-* >/dev/null 2>&1 && fail "repair set a file with no newline aside" || ok
expect "a refused write to a missing ledger" 1 "$STEER" report T-1 progress=5 --ledger "$missing"
[ -e "$missing" ] && fail "a refused write made $missing" || ok

expect "assign" 0 "$STEER" assign ND-1 kind=decree title="Nghị định hướng dẫn" lead=BKHCN due=2025-03-31 product="Nghị định" owner="Vụ Pháp chế"
contains "$out" "assign ND-1 kind=decree" "assign prints the line"
expect "start" 0 "$STEER" start ND-1
before=$(sha256sum "$L")
expect "accept before submit" 1 "$STEER" accept ND-1
contains "$err" "cannot accept ND-1: it is in_progress" "refusal says why"
[ "$(sha256sum "$L")" = "$before" ] && ok || fail "a refused event changed the ledger"
expect "unknown key" 2 "$STEER" report ND-1 percent=5
contains "$err" "report takes: progress, note" "unknown key lists the keys"
expect "missing required" 2 "$STEER" extend ND-1 due=2025-04-30
expect "a report of nothing" 2 "$STEER" report ND-1
contains "$err" "needs progress=… or note=…" "a report of nothing is a usage error"
expect "a report of an empty note" 2 "$STEER" report ND-1 note=
contains "$err" "and not an empty note" "a report of an empty note is a usage error"
expect "required of spaces" 2 "$STEER" extend ND-1 due=2025-04-30 'reason=  '
contains "$err" "needs reason=…, and not an empty one" "a blank required value is refused"
before=$(sha256sum "$L")
expect "not UTF-8" 2 "$STEER" report ND-1 "note=$(printf 'Ti\xeau \xf0\xe1')"
contains "$err" "argument 3 is not UTF-8 text" "an argument in a legacy encoding is refused"
[ "$(sha256sum "$L")" = "$before" ] && ok || fail "an argument that is not UTF-8 changed the ledger"
expect "bad id" 2 "$STEER" start 'ND 1'
expect "progress written as a number" 0 "$STEER" report ND-1 progress=+040
[ "$(tail -1 "$L" | grep -o 'progress=[^ ]*')" = "progress=40" ] && ok || fail "progress=+040 was written as $(tail -1 "$L" | grep -o 'progress=[^ ]*')"
expect "report with control chars" 0 "$STEER" report ND-1 progress=40 note=$'a\e]52;c;aGk=\a b'
grep -q $'\e' "$L" && fail "a raw ESC reached the ledger file" || ok
expect "check clean" 0 "$STEER" check
contains "$out" "ok: 6 events, 1 tasks, 2 agencies" "check summary"
# A progress may be written with its percent sign, as the screen's form takes it.
expect "progress with a percent sign" 0 "$STEER" report ND-1 progress=25%
contains "$out" "progress=25" "25% is 25"
# A value may start with a combining mark: the argument is split at its first `=` all the same.
expect "a value starting with a combining mark" 0 "$STEER" amend ND-1 source=$'\u034fCV 12'
contains "$out" "amend ND-1 source=" "the value is recorded"

# Reports in every format; nothing from the ledger reaches the terminal as a control byte.
for r in tasks overdue deadlines decrees agencies; do
    for f in table csv json markdown; do
        expect "show $r $f" 0 "$STEER" show "$r" --format "$f" --today 2099-12-31
        if LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$work/out"; then fail "show $r $f wrote a control byte"; else ok; fi
    done
done
expect "overdue decree" 0 "$STEER" show decrees --today 2099-12-31
contains "$out" "ND-1" "the decree is overdue on 2099-12-31"
expect "a filter on agencies is refused, not ignored" 2 "$STEER" show agencies --filter "lead:BKHCN"
contains "$err" "does not apply to \`show agencies\`" "says the filter does not apply"
expect "filter without diacritics" 0 "$STEER" show tasks --filter "nghi dinh" --today 2099-12-31
contains "$out" "ND-1" "filter matches"
expect "a filter naming no agency of the ledger" 2 "$STEER" show overdue --filter "lead:BKHNC"
contains "$err" "no agency \`BKHNC\` in this ledger; did you mean BKHCN?" "a mistyped agency is said, with the nearest"
expect "bad filter" 2 "$STEER" show tasks --filter "state:late"
contains "$err" "unknown state" "filter error"
expect "log" 0 "$STEER" log ND-1
contains "$out" "report ND-1" "log shows the report"
if LC_ALL=C grep -q $'\e' "$work/out"; then fail "log wrote ESC"; else ok; fi

# Import: a good table appends every row; a bad row appends nothing.
expect "declare more" 0 "$STEER" agency BCA kind=ministry name="Bộ Công an"
"$STEER" agency VPCP kind=ministerial_agency name="Văn phòng Chính phủ" >/dev/null
"$STEER" agency BQP kind=ministry name="Bộ Quốc phòng" >/dev/null
before=$(sha256sum "$L")
expect "import dry run" 0 "$STEER" import Fixtures/import/programme.csv --prefix CT --dry-run
contains "$out" "assign CT-4" "dry run prints the events"
[ "$(sha256sum "$L")" = "$before" ] && ok || fail "a dry run appended something"
expect "import dry run of a bad table" 1 "$STEER" import Fixtures/import/bad-agency.csv --prefix X --dry-run
contains "$err" "no agency" "dry run reports the bad row"
expect "import" 0 "$STEER" import Fixtures/import/programme.csv --prefix CT
contains "$out" "imported 4 assignments" "import count"
"$STEER" agency BNNMT kind=ministry name="Bộ Nông nghiệp và Môi trường" >/dev/null
before=$(sha256sum "$L")
expect "import bad row" 1 "$STEER" import Fixtures/import/bad-agency.csv --prefix X
contains "$err" "Fixtures/import/bad-agency.csv:3:28: error: no agency" "import error location"
[ "$(sha256sum "$L")" = "$before" ] && ok || fail "a failed import appended something"
# A column steer does not read that holds something stops the import, unless it is let go.
printf 'Nhiệm vụ,Cơ quan chủ trì,Tiến độ\nViệc một,BKHCN,50%%\n' > "$work/progress.csv"
expect "import with a column it does not read" 1 "$STEER" import "$work/progress.csv" --prefix Y
contains "$err" "column \`Tiến độ\` is not one steer reads, and its cells would be lost" "import names the column it would lose"
[ "$(sha256sum "$L")" = "$before" ] && ok || fail "an import refused for a column appended something"
expect "import leaving a column out" 0 "$STEER" import "$work/progress.csv" --prefix Y --ignore-other-columns --dry-run
contains "$out" "assign Y-1 title=\"Việc một\" lead=BKHCN" "the column let go, the rest is imported"
# Read to its end from a pipe; a dry run that cannot write its events fails.
expect "import from a pipe" 0 bash -c "cat Fixtures/import/programme.csv | '$STEER' import /dev/stdin --prefix CT2 --dry-run"
contains "$out" "assign CT2-1 kind=decree" "an import from a pipe reads it"
# A dry run refuses a ledger with problems, as the import itself does.
cp "$L" "$work/torn-import.ledger"
printf '2025-01-03T08:00+07:00 @vpcp assign Z-1 title="abc' >> "$work/torn-import.ledger"
expect "import dry run on a torn ledger" 1 "$STEER" import Fixtures/import/programme.csv --prefix CT4 --dry-run --ledger "$work/torn-import.ledger"
contains "$err" "nothing would be imported" "a dry run says the import would be refused"
[ -z "$out" ] && ok || fail "a dry run on a torn ledger printed events: $out"
# An import into a path with no ledger says it started one, as a write does.
printf 'Nhiệm vụ,Thời hạn\nXây dựng hệ thống A,30/06/2025\n' > "$work/one.csv"
expect "import into a new ledger" 0 "$STEER" import "$work/one.csv" --ledger "$work/typo-import.ledgr"
contains "$err" "started a new ledger, $work/typo-import.ledgr" "an import that starts a ledger says so"
# A change recorded whose echo cannot be written exits 0 (again, it would be recorded twice), and says so.
expect "a write whose echo is lost" 0 bash -c "'$STEER' report ND-1 note=echo > /dev/full"
contains "$err" "cannot write the output" "a lost echo is said"
expect "import dry run to a full disk" 1 bash -c "'$STEER' import Fixtures/import/programme.csv --prefix CT3 --dry-run > /dev/full"
contains "$err" "cannot write the output" "a dry run that cannot write says so"
expect "import of a file that is not there" 1 "$STEER" import "$work/nothing.csv"
contains "$err" "cannot read $work/nothing.csv: No such file or directory" "an import says why it cannot read"
expect "STEER_LEDGER not UTF-8" 2 env STEER_LEDGER="$(printf 'l\xff.ledger')" "$STEER" show tasks
contains "$err" "STEER_LEDGER is not UTF-8 text" "a ledger path from the environment in a legacy encoding is refused"

# A mistyped command is said to be one, not opened as a ledger of that name.
expect "a mistyped command" 2 "$STEER" chek
contains "$err" "no command \`chek\`, and no ledger of that name: did you mean \`steer check\`?" "a mistyped command gets the nearest"
expect "a word that is no command" 2 "$STEER" version
contains "$err" "\`steer --help\` lists the commands" "a word that is no command points at the list"

# Roles: once members exist, a focal point cannot touch another agency's task.
me=$(id -un)
expect "member me" 0 "$STEER" member "$me" role=secretariat
expect "member lan" 0 "$STEER" member lan role=focal agency=BTC
expect "focal on other agency" 1 "$STEER" report ND-1 progress=50 --as lan
contains "$err" "@lan is the focal point of BTC and may not change ND-1" "role refusal"

# A last line typed without its newline: the hint's command, pasted into a shell, ends that
# file's line and runs nothing its name holds.
odd="$work/x'\$(touch PWNED)'.ledger"
printf 'steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp agency B kind=other name=b' > "$odd"
expect "check of a line with no newline" 1 "$STEER" check --ledger "$odd"
hinted=$(grep -o "printf '\\\\n' >> .*\.ledger'" <<<"$err")
[ -n "$hinted" ] && ok || fail "no command in the hint: $err"
( cd "$work" && sh -c "$hinted" )
[ ! -e "$work/PWNED" ] && [ "$(tail -c 1 "$odd" | od -An -c | tr -d ' ')" = '\n' ] && ok || fail "the hint's command ran its file name or missed the file: $hinted"

# A torn last line: reported, nothing appended after it, repair keeps the bytes.
printf '2025-12-01T08:00+07:00 @%s report ND-1 progr' "$me" >>"$L"
expect "check torn" 1 "$STEER" check
contains "$err" "interrupted write" "torn line reported"
expect "append after torn" 1 "$STEER" report ND-1 progress=60
expect "repair" 0 "$STEER" repair
contains "$out" "moved the interrupted last line to" "repair says where"
side=$(ls "$L".torn-* 2>/dev/null | head -1)
[ -n "$side" ] && [ "$(cat "$side")" = "2025-12-01T08:00+07:00 @$me report ND-1 progr" ] && ok || fail "side file keeps the bytes"
expect "append after repair" 0 "$STEER" report ND-1 progress=60
expect "check after repair" 0 "$STEER" check
# A second torn line repaired within the same second keeps the first side file.
printf 'torn again' >>"$L"
expect "repair again" 0 "$STEER" repair
[ "$(ls "$L".torn-* | wc -l)" = 2 ] && ok || fail "a second repair in the same second lost a side file: $(ls "$L".torn-*)"
expect "nothing to repair" 0 "$STEER" repair
contains "$out" "nothing to repair" "repair on a clean ledger says so"
# A side file can be read by whoever may read the ledger, whatever the repairer's umask.
chmod 0660 "$L"
printf 'torn by a careful user' >>"$L"
( umask 077; "$STEER" repair >/dev/null )
newest=$(ls -t "$L".torn-* | head -1)
[ "$(stat -c %a "$newest")" = 660 ] && ok || fail "a side file made under umask 077 is $(stat -c %a "$newest"), not the ledger's 660"
# A write under way (its line half written, the lock held) is waited for, not reported as damage.
W=$work/writing.ledger
printf 'steer-ledger 1\n' > "$W"
flock "$W" sh -c "printf '2025-01-02T08:00+07:00 @vpcp agency A kind=ministry' >> '$W'; sleep 1; printf ' name=\"Bộ A\"\\n' >> '$W'" &
sleep 0.3
expect "check during a write" 0 "$STEER" check --ledger "$W"
contains "$out" "ok: 1 events" "the line the write finished is read whole"
wait
# So is it by a report that reads its window of tasks from a snapshot, with lines after it.
cp Fixtures/nq57.ledger "$W"
STEER_CACHE_DIR=$work/wcache STEER_SNAPSHOT_AFTER=0 "$STEER" show tasks --ledger "$W" >/dev/null
flock "$W" sh -c "printf '2026-01-05T09:00+07:00 @vpcp cancel NV-042' >> '$W'; sleep 1; printf ' reason=x\\n' >> '$W'" &
sleep 0.3
expect "a window report during a write" 0 env STEER_CACHE_DIR="$work/wcache" "$STEER" show overdue --format csv --ledger "$W" --today 2026-01-06
[ -z "$(grep NV-042 <<<"$out")" ] && ok || fail "a window report during a write showed the task the write cancels"
[ -z "$(grep -F "problem" <<<"$err")" ] && ok || fail "a window report during a write reported a problem: $err"
wait
# A ledger replaced by rename (an editor's save, a restore) while a writer waits for its lock:
# the event goes into the file the path names, not into the one gone from it.
cp Fixtures/nq57.ledger "$W"
printf '2025-12-31T17:00+07:00 @vpcp member %s role=secretariat agency=VPCP\n' "$(id -un)" >> "$W"
flock "$W" sleep 1.5 &
sleep 0.3
"$STEER" report NV-042 note=waited --ledger "$W" >/dev/null 2>&1 &
writer=$!
sleep 0.5
cp "$W" "$W.new" && mv "$W.new" "$W"
wait $writer && [ "$(grep -c 'note=waited' "$W")" = 1 ] && ok || fail "an event written while the ledger was replaced is not in it once: $(grep -c 'note=waited' "$W")"
wait
# Snapshots are off for any of the usual spellings, and a relative cache directory is not used.
for setting in off OFF 0 no false; do
    rm -rf "$work/snapcache"
    STEER_SNAPSHOT_AFTER=0 STEER_CACHE_DIR="$work/snapcache" STEER_SNAPSHOTS=$setting "$STEER" show tasks --ledger Fixtures/nq57.ledger >/dev/null
    [ ! -d "$work/snapcache" ] && ok || fail "STEER_SNAPSHOTS=$setting left a snapshot"
done
steer_path=$(cd "$(dirname "$STEER")" && pwd)/$(basename "$STEER")
fixture=$PWD/Fixtures/nq57.ledger
( cd "$work" && STEER_SNAPSHOT_AFTER=0 STEER_CACHE_DIR=relcache XDG_CACHE_HOME=relxdg HOME=/nonexistent "$steer_path" show tasks --ledger "$fixture" >/dev/null ) \
    && [ ! -e "$work/relcache" ] && [ ! -e "$work/relxdg" ] && ok || fail "a relative cache directory was made where the command ran (or the report failed)"
# A last line typed without a newline reads as a whole event: the hint offers the newline first.
N=$work/no-newline.ledger
printf 'steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp agency A kind=ministry name="Bộ A"' > "$N"
expect "check a last line without its newline" 1 "$STEER" check --ledger "$N"
contains "$err" "if it is what was meant, end it with a newline" "the hint offers the newline"

# A world-writable ledger is not written.
chmod 666 "$L"
expect "world-writable" 1 "$STEER" report ND-1 progress=70
contains "$err" "writable by every user" "permission refusal"
chmod 640 "$L"
# Nor is one in a directory every user may write to, where anyone could replace it, unless the
# directory is sticky (as /tmp is).
mkdir -p "$work/open-dir"
cp "$L" "$work/open-dir/l.ledger"
chmod 777 "$work/open-dir"
expect "a ledger in a world-writable directory" 1 "$STEER" report ND-1 progress=70 --ledger "$work/open-dir/l.ledger"
contains "$err" "the ledger's directory, is writable by every user (mode 777): anyone could replace the ledger" "the directory is named"
# Nor through a symbolic link from a safe directory, and a refused write makes no file there.
mkdir -p "$work/safe-dir"
ln -s "$work/open-dir/l.ledger" "$work/safe-dir/link.ledger"
expect "a ledger linked into a world-writable directory" 1 "$STEER" report ND-1 progress=70 --ledger "$work/safe-dir/link.ledger"
expect "a new ledger in a world-writable directory" 1 "$STEER" agency X kind=other name=x --ledger "$work/open-dir/new.ledger"
[ ! -e "$work/open-dir/new.ledger" ] && ok || fail "a refused write left a file in a world-writable directory"
chmod 1777 "$work/open-dir"
expect "a ledger in a sticky world-writable directory" 0 "$STEER" report ND-1 progress=70 --ledger "$work/open-dir/l.ledger"
chmod 755 "$work/open-dir"

# Every error fixture fails check with its location.
for f in Fixtures/errors/*.ledger; do
    expect "check $f" 1 "$STEER" check --ledger "$f"
    contains "$err" "$f:" "location for $f"
done

# The sample ledger is clean and every report works on it.
if [ -f Fixtures/nq57.ledger ]; then
    expect "fixture clean" 0 "$STEER" check --ledger Fixtures/nq57.ledger
    for r in tasks overdue deadlines decrees agencies; do
        for f in table csv json markdown; do
            expect "fixture $r $f" 0 "$STEER" show "$r" --ledger Fixtures/nq57.ledger --today 2025-08-15 --format "$f"
            [ -s "$work/out" ] && ok || fail "fixture $r $f printed nothing"
        done
    done
    "$STEER" show decrees --ledger Fixtures/nq57.ledger --today 2025-08-15 --format json >"$work/decrees.json"
    expect "fixture has overdue decrees" 0 python3 -c 'import json,sys; rows=json.load(open(sys.argv[1])); assert len(rows) >= 2, rows' "$work/decrees.json"
    # A report that cannot be written all is a failure, said on stderr, not a silent cut.
    expect "a report to a full disk" 1 sh -c '"$1" show tasks --ledger Fixtures/nq57.ledger >/dev/full' sh "$STEER"
    contains "$err" "cannot write the report" "a report to a full disk says why"
    expect "a check to a full disk" 1 sh -c '"$1" check --ledger Fixtures/nq57.ledger >/dev/full' sh "$STEER"
    contains "$err" "cannot write the output" "a check to a full disk says why"
else
    fail "Fixtures/nq57.ledger is missing"
fi

# Snapshots: a reader starts from this user's snapshot of the ledger when the file still begins
# with the lines it stands for; what it prints is always what a full replay prints.
S=$work/snap.ledger
cp Fixtures/nq57.ledger "$S"
same_as_replay() {  # same_as_replay NAME: every report, from the snapshot and replayed, agree
    for r in overdue decrees agencies tasks deadlines; do
        STEER_SNAPSHOTS=off "$STEER" show "$r" --ledger "$S" --today 2026-01-10 >"$work/plain" 2>&1
        # First with the lines after the snapshot replayed over it (overdue, decrees and
        # deadlines read only their window of tasks from it), then with a new one written.
        STEER_SNAPSHOT_AFTER=100000000 "$STEER" show "$r" --ledger "$S" --today 2026-01-10 >"$work/snap" 2>&1
        cmp -s "$work/plain" "$work/snap" && ok || fail "$1: show $r over the snapshot differs from a full replay"
        STEER_SNAPSHOT_AFTER=0 "$STEER" show "$r" --ledger "$S" --today 2026-01-10 >"$work/snap" 2>&1
        cmp -s "$work/plain" "$work/snap" && ok || fail "$1: show $r differs from a full replay"
    done
}
STEER_SNAPSHOT_AFTER=0 "$STEER" show overdue --ledger "$S" >/dev/null
snaps=$(ls "$STEER_CACHE_DIR" 2>/dev/null | grep -c '\.snapshot$')
[ "$snaps" = 1 ] && ok || fail "one snapshot written, found $snaps"
[ "$(stat -c %a "$STEER_CACHE_DIR")" = 700 ] && ok || fail "cache directory mode $(stat -c %a "$STEER_CACHE_DIR")"
[ "$(stat -c %a "$STEER_CACHE_DIR"/*.snapshot)" = 600 ] && ok || fail "snapshot mode"
same_as_replay "fresh snapshot"
printf '2026-01-05T08:00+07:00 @vpcp assign SNAP-1 title="Việc giao sau ảnh chụp" lead=BKHCN owner="Vụ Kế hoạch" due=2026-01-08 product="Báo cáo"\n' >>"$S"
same_as_replay "lines appended after the snapshot"
STEER_SNAPSHOT_AFTER=0 "$STEER" show overdue --ledger "$S" --today 2026-01-10 >"$work/snap"
contains "$(cat "$work/snap")" "SNAP-1" "the appended task is overdue"
# Without --today the window is taken around today in UTC, a day wider each side.
for r in overdue decrees deadlines; do
    STEER_SNAPSHOTS=off "$STEER" show "$r" --ledger "$S" >"$work/plain" 2>&1
    STEER_SNAPSHOT_AFTER=100000000 "$STEER" show "$r" --ledger "$S" >"$work/snap" 2>&1
    cmp -s "$work/plain" "$work/snap" && ok || fail "show $r on today over the snapshot differs from a full replay"
done
# An edit by hand of a line the snapshot stands for, in place (same size, same file).
python3 - "$S" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
i = b.index(b'title="', len(b) // 2) + 7
while not (97 <= b[i] <= 121): i += 1
b[i] += 1
with open(p, 'r+b') as f: f.write(b)
PY
same_as_replay "a line edited in place"
# A damaged snapshot is not trusted.
python3 -c 'import sys,glob; p=glob.glob(sys.argv[1]+"/*.snapshot")[0]; b=bytearray(open(p,"rb").read()); b[len(b)//2]^=1; open(p,"wb").write(b)' "$STEER_CACHE_DIR"
same_as_replay "a damaged snapshot"
# A report's answer is out before its snapshot is written. The snapshot goes first to a
# temporary file named after the process: a FIFO put there holds the writer until it is read.
O=$work/order.ledger
cp Fixtures/nq57.ledger "$O"
hash=$(printf %s "$(realpath "$O")" | sha256sum | cut -d' ' -f1)
# (On today: a board as of a day before the ledger's last leaves no snapshot.)
STEER_SNAPSHOTS=off "$STEER" show agencies --ledger "$O" >"$work/order.want"
sh -c 'mkfifo "$1/$2.snapshot.$$.tmp" && exec env STEER_SNAPSHOT_AFTER=0 "$3" show agencies --ledger "$4"' \
    sh "$STEER_CACHE_DIR" "$hash" "$STEER" "$O" >"$work/order.out" &
writer=$!
for _ in $(seq 100); do cmp -s "$work/order.out" "$work/order.want" && break; sleep 0.1; done
cmp -s "$work/order.out" "$work/order.want" && ok || fail "the report is out before its snapshot is written"
[ -e "$STEER_CACHE_DIR/$hash.snapshot" ] && fail "the snapshot was written before the writer could open its file" || ok
timeout 20 cat "$STEER_CACHE_DIR/$hash.snapshot.$writer.tmp" >/dev/null && ok || fail "the report never wrote its snapshot"
wait "$writer" && ok || fail "the report waiting on its snapshot did not succeed"
rm -f "$STEER_CACHE_DIR/$hash.snapshot"
# A report cut short by its reader (`| head`) still leaves the snapshot, and ends by SIGPIPE.
STEER_SNAPSHOT_AFTER=0 "$STEER" show tasks --ledger "$O" | head -c 1 >/dev/null
status=${PIPESTATUS[0]}
[ "$status" = 141 ] && ok || fail "a report to a closed pipe ended with $status, not by SIGPIPE (141)"
[ -f "$STEER_CACHE_DIR/$hash.snapshot" ] && ok || fail "a report to a closed pipe left no snapshot"
# The same to a pipe closed before the command starts, for output `print` buffers (`log ID`),
# and with SIGPIPE ignored by the parent, which then sees the write fail, as before.
to_closed_pipe() {  # to_closed_pipe RESTORE-SIGNALS COMMAND…: prints the exit status
    python3 -c 'import os, subprocess, sys
r, w = os.pipe(); os.close(r)
p = subprocess.run(sys.argv[2:], stdout=w, stderr=subprocess.PIPE, restore_signals=sys.argv[1] == "1")
print(p.returncode, p.stderr.decode().strip())' "$@"
}
rm -f "$STEER_CACHE_DIR/$hash".*
got=$(to_closed_pipe 1 env STEER_SNAPSHOT_AFTER=0 "$STEER" log BC-T01 --ledger "$O")
[ "$got" = "-13 " ] && ok || fail "log ID to a closed pipe: wanted death by SIGPIPE, got: $got"
[ -f "$STEER_CACHE_DIR/$hash.histories.snapshot" ] && ok || fail "log ID to a closed pipe left no snapshot"
got=$(to_closed_pipe 0 env STEER_SNAPSHOT_AFTER=0 "$STEER" show tasks --ledger "$O")
contains "$got" "1 steer: cannot write the report: Broken pipe" "a report to a closed pipe, SIGPIPE ignored"
[ -f "$STEER_CACHE_DIR/$hash.snapshot" ] && ok || fail "a report to a closed pipe, SIGPIPE ignored, left no snapshot"
# steer check replays every line, whatever snapshot there is.
expect "check ignores snapshots" 0 env STEER_SNAPSHOT_AFTER=0 "$STEER" check --ledger "$S"

# The audit trail: a write that fails is an error; a task as of a day before it was assigned has none.
if [ -w /dev/full ]; then
    "$STEER" log --ledger Fixtures/nq57.ledger >/dev/full 2>"$work/err"
    [ $? = 1 ] && ok || fail "log >/dev/full exited 0"
    contains "$(cat "$work/err")" "cannot write the trail" "log to a full disk says so"
fi
expect "log of a task as of a day before it" 1 "$STEER" log NV-042 --today 2025-01-01 --ledger Fixtures/nq57.ledger
contains "$err" "no task NV-042 in Fixtures/nq57.ledger as of 2025-01-01" "says there is none as of that day"
# JSON gives null for a value not given, a lead included; Markdown escapes backslashes.
J=$work/json.ledger
expect "json ledger" 0 "$STEER" agency A kind=ministry name="Bộ A" --ledger "$J"
expect "json task" 0 "$STEER" assign T-1 title='a\|b' --ledger "$J"
expect "json" 0 "$STEER" show tasks --format json --ledger "$J"
python3 -c 'import json,sys; t=json.load(sys.stdin)[0]; sys.exit(0 if t["lead"] is None and t["owner"] is None else 1)' <<<"$out" && ok || fail "json lead not null: $out"
expect "markdown" 0 "$STEER" show tasks --format markdown --ledger "$J"
contains "$out" '| a\\\|b |' "markdown escapes the backslash before a pipe"
expect "config that sets nothing" 1 "$STEER" config ledger --ledger "$J"
contains "$err" "sets nothing" "config ledger alone is refused"
expect "an unknown report is a usage error" 2 "$STEER" show bogus --ledger "$J"
expect "a bad --today is a usage error" 2 "$STEER" show --today 2025-13-01 --ledger "$J"
expect "extend a task without a deadline" 1 "$STEER" extend T-1 due=2030-01-01 reason=x --ledger "$J"
contains "$err" "hint: give it its first deadline: amend T-1 due=2030-01-01" "a first deadline comes by amend"
expect "a first deadline" 0 "$STEER" amend T-1 due=2030-01-01 --ledger "$J"
expect "a deadline in the past" 0 "$STEER" extend T-1 due=2020-01-01 reason=x --ledger "$J"
contains "$err" "warning: the deadline 2020-01-01 is before today" "a past deadline is said"
expect "another agency" 0 "$STEER" agency B kind=ministry name="Bộ B" --ledger "$J"
expect "reassign without an owner" 0 "$STEER" reassign T-1 lead=B reason=x --ledger "$J"
contains "$err" "warning: T-1 has no unit in charge now" "a reassign without owner= says the owner left"

# A ledger steer-gen writes (the benchmarks') is clean: its reassigns and amends follow the rules.
if [ -x "$(dirname "$STEER")/steer-gen" ]; then
    expect "steer-gen" 0 "$(dirname "$STEER")/steer-gen" --tasks 3000 --seed 57 --out "$work/gen.ledger"
    expect "a generated ledger is clean" 0 "$STEER" check -q --ledger "$work/gen.ledger"
fi
expect "repair a missing ledger" 1 "$STEER" repair --ledger "$work/missing.ledger"
contains "$err" "no such ledger" "repair on a missing ledger says so"

# A line stamped in the future (a year mistyped by hand): check points at it, and no event is
# stamped after it, where a board as of today would never show it.
F=$work/future.ledger
expect "a ledger to stamp in the future" 0 "$STEER" agency A kind=ministry name="Bộ A" --ledger "$F"
expect "its task" 0 "$STEER" assign T-9 lead=A title="Việc" --ledger "$F"
echo "2999-03-25T08:00+07:00 @vpcp report T-9 note=\"năm gõ nhầm\"" >> "$F"
future_line=$(wc -l < "$F")
before=$(sha256sum "$F")
expect "a write after a line stamped in the future" 1 "$STEER" report T-9 progress=50 --ledger "$F"
contains "$err" "after now" "the refusal says the last event is ahead of now"
[ "$(sha256sum "$F")" = "$before" ] && ok || fail "a write after a future line changed the ledger"
expect "check points at the line stamped in the future" 1 "$STEER" check --ledger "$F"
contains "$err" "$F:$future_line:1: error: this event is stamped 2999-03-25T08:00+07:00" "check names the line"
# A report counts the line as if it had happened, and says so.
expect "a report on a ledger with a line stamped in the future" 0 "$STEER" show tasks --ledger "$F"
contains "$err" "has events stamped after now (the last at 2999-03-25T08:00+07:00)" "the report warns of the line stamped in the future"

# Only a regular file is a ledger: a FIFO is refused at once (it would wait for a writer for
# ever), as are a directory and a device, each said for what it is.
mkfifo "$work/fifo.ledger"
for cmd in "show tasks" "show overdue" show check "report T-1 note=x" log; do
    expect "$cmd on a FIFO" 1 timeout 10 "$STEER" $cmd --ledger "$work/fifo.ledger"
    contains "$err" "fifo.ledger is a FIFO (named pipe), not a ledger file" "$cmd says it is a FIFO"
done
expect "a directory as the ledger" 1 "$STEER" check --ledger "$work"
contains "$err" "is a directory, not a ledger file" "says it is a directory"
expect "a device as the ledger" 1 "$STEER" report T-1 note=x --ledger /dev/null
contains "$err" "/dev/null is a device, not a ledger file" "says it is a device, not that it is writable by all"
# A new ledger is not made through a symbolic link to nothing.
ln -s "$work/elsewhere.ledger" "$work/dangling.ledger"
expect "a write through a dangling link" 1 "$STEER" agency A kind=ministry name=A --ledger "$work/dangling.ledger"
contains "$err" "is a symbolic link to a file that does not exist" "says what the name is"
[ ! -e "$work/elsewhere.ledger" ] && ok || fail "a ledger was made where the dangling link pointed"
# A file's name reaches the terminal with its control characters shown, not run.
evil=$work/$'evil\e]0;PWNED\a.ledger'
printf 'steer-ledger 1\nnot an event\n' > "$evil"
expect "check of a ledger named with escapes" 1 "$STEER" check --ledger "$evil"
contains "$err" "evil␛]0;PWNED␇.ledger:2:1:" "the name is shown with control pictures"
if grep -q $'\e' <<<"$err"; then fail "an ESC reached stderr"; else ok; fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
