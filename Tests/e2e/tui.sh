#!/usr/bin/env bash
# End-to-end test of `steer tui`: the real binary in tmux, on its own tmux socket, under three
# terminal types. It switches panes, filters without diacritics, opens a detail, extends a
# deadline through the form and finds the line in the ledger, sees a line another process
# appends, resizes, quits, and checks that the terminal modes (`stty -g`) are as before. It also
# checks Shift-Tab, SIGTERM, Ctrl-C and a hang-up. `--today` shows the board as it stood at the
# end of that day, so the change stamped now is seen after `:today` moves to the clock's day.
# Prints "N passed, M failed"; exits 1 on any failure.
set -u
# The tmux harness (own socket, ok/bad/finish, wait_for, expect_screen, steer_pid) is shared
# with the screen's reliability suites.
source "$(dirname "$0")/../reliability/tui/lib.sh"

expect_no_screen() {
    local name=$1 session=$2 text=$3
    sleep 0.3
    if screen "$session" | grep -qF -- "$text"; then bad "$name: \"$text\" is still on the screen" "$session"; else ok "$name"; fi
}

# Starts steer in a new session; the pane's shell records `stty -g` before and after it.
# LEDGER (default: a new copy of the sample) and ENV (more VAR=value words) may be given.
start() {
    local session=$1 term=$2 lang=$3 ledger=${4:-} extra=${5:-} dir=$WORK/$1
    mkdir -p "$dir"
    if [ -n "$ledger" ]; then ln -sf "$ledger" "$dir/ledger"; else cp "$ROOT/Tests/e2e/sample.ledger" "$dir/ledger"; fi
    # Like an interactive shell, the pane's shell outlives a Ctrl-C aimed at the program.
    cat > "$dir/run.sh" <<RUN
trap : INT
stty -g > "$dir/stty.before"
env TERM=$term LANG=$lang LC_ALL= LC_MESSAGES= $extra "$STEER" tui "$dir/ledger" --today 2025-06-15
echo \$? > "$dir/status"
stty -g > "$dir/stty.after"
echo STEER-EXITED
exec sleep 600
RUN
    t new-session -d -s "$session" -x 80 -y 24 "sh $dir/run.sh"
}


for term in xterm-256color screen-256color vt100; do
    s=${term//[^a-z0-9]/}
    d=$WORK/$s
    # vi_VN is usually not installed: steer must fall back to a UTF-8 locale and still speak Vietnamese.
    start "$s" "$term" vi_VN.UTF-8
    expect_screen "$term: opens on the fixed day" "$s" "hôm nay 2025-06-15"
    expect_screen "$term: Vietnamese labels and text" "$s" "Làm sạch dữ liệu"
    t send-keys -t "$s" 2
    expect_screen "$term: pane 2 groups deadlines by day" "$s" "Thứ Hai 2025-06-16"
    t send-keys -t "$s" 3
    expect_screen "$term: pane 3 lists overdue decrees" "$s" "lấy ý kiến"
    t send-keys -t "$s" Tab
    expect_screen "$term: Tab reaches pane 4, agencies" "$s" "Tỉnh Đồng Nai"
    t send-keys -t "$s" BTab
    expect_screen "$term: Shift-Tab (ESC [ Z) goes back to pane 3" "$s" "lấy ý kiến"
    t send-keys -t "$s" Tab
    t send-keys -t "$s" 1 /
    t send-keys -t "$s" -l "dong nai"
    t send-keys -t "$s" Enter
    expect_screen "$term: filter without diacritics finds Đồng Nai" "$s" "DA06-01"
    expect_no_screen "$term: the filter hides the rest" "$s" "NQ03-12"
    t send-keys -t "$s" Enter
    expect_screen "$term: Enter opens the detail" "$s" "Chi tiết — DA06-01"
    t send-keys -t "$s" G
    expect_screen "$term: G scrolls the detail to its history" "$s" "Lịch sử (3)"
    expect_screen "$term: the history is read back from the file" "$s" "@hoa  block"
    t send-keys -t "$s" Escape
    sleep 0.1
    t send-keys -t "$s" Escape
    expect_screen "$term: Esc clears the filter" "$s" "NQ03-12"
    t send-keys -t "$s" e
    expect_screen "$term: e opens the extend form" "$s" "Gia hạn DA06-01"
    t send-keys -t "$s" C-u
    t send-keys -t "$s" -l "2025-07-01"
    t send-keys -t "$s" Enter
    t send-keys -t "$s" -l "Chờ thiết bị"
    t send-keys -t "$s" Enter
    # A deadline before the clock's day is asked about: the task is overdue at once.
    expect_screen "$term: a deadline before today is asked about" "$s" "trước hôm nay"
    t send-keys -t "$s" y
    # Stamped now, the change is after the day shown: the footer says so.
    expect_screen "$term: the footer says it was recorded after the day shown" "$s" "sau ngày đang xem (2025-06-15)"
    if tail -1 "$d/ledger" | grep -qF 'extend DA06-01 due=2025-07-01 reason="Chờ thiết bị"'; then
        ok "$term: the extend line is in the ledger"
    else
        bad "$term: the ledger does not end with the extend line: $(tail -1 "$d/ledger")"
    fi
    # A note pasted as a terminal pastes it (bracketed) stays one note: its line break neither
    # saves the form nor runs its letters as keys. Home and End as PuTTY and tmux send them, and
    # Insert, which steer does not bind, edit the field or do nothing, never close the form.
    t send-keys -t "$s" r
    expect_screen "$term: r opens the report form" "$s" "Báo cáo tiến độ DA06-01"
    t send-keys -t "$s" Tab
    # Pastes are marked under every TERM: where the terminal's description says how (xterm's),
    # and as xterm asks where it does not (screen's, vt100's), which tmux honours.
    printf 'Dòng một.\nbx dòng hai' > "$d/paste"
    t load-buffer -b paste "$d/paste"
    t paste-buffer -p -d -b paste -t "$s"
    t send-keys -t "$s" -l $'\e[1~'
    t send-keys -t "$s" -l "Đầu: "
    t send-keys -t "$s" -l $'\e[4~'
    t send-keys -t "$s" -l $'\e[2~'
    expect_screen "$term: the pasted note is one line of the field" "$s" "Đầu: Dòng một. bx dòng hai"
    t send-keys -t "$s" Enter
    for _ in $(seq 50); do tail -1 "$d/ledger" | grep -qF 'report DA06-01' && break; sleep 0.1; done
    if tail -1 "$d/ledger" | grep -qF 'report DA06-01 note="Đầu: Dòng một. bx dòng hai"'; then
        ok "$term: one report line, with the whole note"
    else
        bad "$term: the ledger does not end with the report: $(tail -2 "$d/ledger")"
    fi
    t send-keys -t "$s" :
    t send-keys -t "$s" -l "today"
    t send-keys -t "$s" Enter
    expect_screen "$term: :today reads the ledger as of the clock's day" "$s" "bảng hiện tại"
    # At 80 columns the Tasks pane has no room for deadlines; the detail of DA06-01 has.
    t send-keys -t "$s" Enter
    expect_screen "$term: the new deadline is shown" "$s" "2025-07-01"
    t send-keys -t "$s" Escape
    "$STEER" assign LIVE-1 --ledger "$d/ledger" title="Nhiệm vụ do người khác giao" lead=BCA > /dev/null
    expect_screen "$term: a line appended by another process appears" "$s" "LIVE-1" 15
    t send-keys -t "$s" :
    t send-keys -t "$s" -l "today 2025-06-15"
    t send-keys -t "$s" Enter
    expect_screen "$term: :today DAY reads the ledger as of that day" "$s" "bảng như vào cuối ngày 2025-06-15"
    expect_no_screen "$term: what was recorded after it is gone" "$s" "LIVE-1"
    t resize-window -t "$s" -x 60 -y 20
    sleep 0.3
    if [ "$(screen "$s" | wc -l)" -eq 20 ] && wait_for "$s" "hôm nay 2025-06-15"; then ok "$term: redraws at 60×20"; else bad "$term: 60×20" "$s"; fi
    t resize-window -t "$s" -x 200 -y 60
    expect_screen "$term: tiles at 200×60" "$s" "┌─ 1 Nhiệm vụ"
    t resize-window -t "$s" -x 30 -y 8
    expect_screen "$term: says when the terminal is too small" "$s" "quá nhỏ"
    # Keys are ignored while the window is too small: q waits for the screen to be back.
    t send-keys -t "$s" q
    sleep 0.3
    expect_no_screen "$term: a key while too small does nothing" "$s" "STEER-EXITED"
    t resize-window -t "$s" -x 80 -y 24
    expect_screen "$term: redraws once large enough again" "$s" "hôm nay 2025-06-15"
    t send-keys -t "$s" q
    expect_screen "$term: q quits" "$s" "STEER-EXITED"
    if [ "$(cat "$d/status" 2>/dev/null)" = 0 ]; then ok "$term: exit status 0"; else bad "$term: exit status $(cat "$d/status" 2>/dev/null)"; fi
    if cmp -s "$d/stty.before" "$d/stty.after"; then ok "$term: terminal modes restored"; else bad "$term: stty -g differs: $(cat "$d/stty.before") / $(cat "$d/stty.after")"; fi
done

# From this user's snapshot: with every replay worth one (STEER_SNAPSHOT_AFTER=0), the first
# start leaves a snapshot of the board and the tasks' histories, and the second starts from it.
# The history is read back from the file all the same, and a change made there is appended.
snap=$WORK/snapshot
mkdir -p "$snap"
cp "$ROOT/Tests/e2e/sample.ledger" "$snap/ledger"
snapenv="STEER_CACHE_DIR=$snap/cache STEER_SNAPSHOT_AFTER=0"
start snap1 xterm-256color C.UTF-8 "$snap/ledger" "$snapenv"
expect_screen "snapshot: the first start replays the ledger" snap1 "today 2025-06-15"
t send-keys -t snap1 q
expect_screen "snapshot: q quits" snap1 "STEER-EXITED"
if ls "$snap/cache/"*.histories.snapshot >/dev/null 2>&1; then ok "snapshot: the screen left its snapshot"; else bad "snapshot: no .histories.snapshot in $snap/cache"; fi
# A start that replayed lines writes a new snapshot (a new file renamed into place); one that
# started from it, with nothing after it to replay, leaves it as it was.
inode() { stat -c %i "$snap/cache/"*.histories.snapshot 2>/dev/null; }
left=$(inode)
start snap2 xterm-256color C.UTF-8 "$snap/ledger" "$snapenv"
expect_screen "snapshot: the second start shows the board" snap2 "NQ03-12"
if [ -n "$left" ] && [ "$(inode)" = "$left" ]; then ok "snapshot: the second start read it, replaying nothing"; else bad "snapshot: the second start wrote the snapshot again ($left, now $(inode))"; fi
t send-keys -t snap2 /
t send-keys -t snap2 -l "dong nai"
t send-keys -t snap2 Enter
t send-keys -t snap2 Enter
t send-keys -t snap2 G
expect_screen "snapshot: the detail's history has its count" snap2 "History (3)"
expect_screen "snapshot: the history is read back from the file" snap2 "@hoa  block"
t send-keys -t snap2 e
expect_screen "snapshot: e opens the extend form" snap2 "Extend DA06-01"
t send-keys -t snap2 C-u
t send-keys -t snap2 -l "2025-08-01"
t send-keys -t snap2 Enter
t send-keys -t snap2 -l "Chờ thiết bị"
t send-keys -t snap2 Enter
expect_screen "snapshot: a deadline before today is asked about" snap2 "before today"
t send-keys -t snap2 y
expect_screen "snapshot: the change is recorded" snap2 "2025-06-15)"
if tail -1 "$snap/ledger" | grep -qF 'extend DA06-01 due=2025-08-01 reason="Chờ thiết bị"'; then
    ok "snapshot: the extend line is in the ledger"
else
    bad "snapshot: the ledger does not end with the extend line: $(tail -1 "$snap/ledger")"
fi
# Stamped now, after the day shown: as of the clock's day, the history holds it.
t send-keys -t snap2 :
t send-keys -t snap2 -l "today"
t send-keys -t snap2 Enter
t send-keys -t snap2 G
expect_screen "snapshot: the history read back holds the new line" snap2 "History (4)"
t send-keys -t snap2 q
expect_screen "snapshot: q quits after the change" snap2 "STEER-EXITED"
if [ "$(inode)" = "$left" ]; then ok "snapshot: not written while the screen was in use"; else bad "snapshot: written while in use"; fi

# A quit signal restores the terminal too, and the shell sees the signal.
start sigterm xterm-256color C.UTF-8
expect_screen "SIGTERM: started" sigterm "steer"
kill -TERM "$(steer_pid sigterm)"
expect_screen "SIGTERM: steer exits" sigterm "STEER-EXITED"
if [ "$(cat "$WORK/sigterm/status" 2>/dev/null)" = 143 ]; then ok "SIGTERM: dies of the signal (143)"; else bad "SIGTERM: status $(cat "$WORK/sigterm/status" 2>/dev/null)"; fi
if cmp -s "$WORK/sigterm/stty.before" "$WORK/sigterm/stty.after"; then ok "SIGTERM: terminal modes restored"; else bad "SIGTERM: stty -g differs"; fi

# Ctrl-C: the same, through the terminal's interrupt character.
start sigint xterm-256color C.UTF-8
expect_screen "Ctrl-C: started" sigint "steer"
t send-keys -t sigint C-c
expect_screen "Ctrl-C: steer exits" sigint "STEER-EXITED"
if [ "$(cat "$WORK/sigint/status" 2>/dev/null)" = 130 ]; then ok "Ctrl-C: dies of SIGINT (130)"; else bad "Ctrl-C: status $(cat "$WORK/sigint/status" 2>/dev/null)"; fi
if cmp -s "$WORK/sigint/stty.before" "$WORK/sigint/stty.after"; then ok "Ctrl-C: terminal modes restored"; else bad "Ctrl-C: stty -g differs"; fi

# A hang-up (the terminal goes away) ends the program instead of leaving it spinning.
start hangup xterm-256color C.UTF-8
expect_screen "hang-up: started" hangup "steer"
pid=$(steer_pid hangup)
t kill-session -t hangup
gone=1
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || { gone=0; break; }; sleep 0.1; done
if [ "$gone" = 0 ]; then ok "hang-up: steer exits"; else bad "hang-up: steer $pid still runs"; kill -KILL "$pid" 2>/dev/null; fi

# A terminal curses cannot drive is said in steer's words (curses printed its own and exited),
# and the screen does not start: TERM unset, unknown here, or one that cannot move the cursor.
for bad_term in unset nosuchterm dumb; do
    if [ "$bad_term" = unset ]; then setting="-u TERM"; want="TERM is not set"
    elif [ "$bad_term" = dumb ]; then setting="TERM=dumb"; want="cannot move its cursor"
    else setting="TERM=$bad_term"; want="\`$bad_term\` (TERM) is not known here"; fi
    start "term-$bad_term" xterm-256color C.UTF-8 "" ""
    t kill-session -t "term-$bad_term"
    t new-session -d -s "term-$bad_term" -x 80 -y 24 "env $setting \"$STEER\" tui \"$WORK/term-$bad_term/ledger\"; echo STATUS=\$?; exec sleep 600"
    expect_screen "TERM $bad_term: says why the screen cannot start" "term-$bad_term" "steer tui: "
    expect_screen "TERM $bad_term: names the problem" "term-$bad_term" "$want"
    expect_screen "TERM $bad_term: a usage error (2)" "term-$bad_term" "STATUS=2"
    t kill-session -t "term-$bad_term"
done

finish
