#!/usr/bin/env bash
# Benchmarks of issue #5, end to end on a fresh machine: installs what it measures with,
# builds release, generates ledgers, measures, and writes the tables to .build/bench/results.md.
#   BENCH_SCALE=full  (default) 10k, 100k, 1M tasks; taskwarrior at 10k and 100k only
#   BENCH_SCALE=small 1k and 10k tasks: a smoke test of this script in a minute or two
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${BENCH_SCALE:-full}
case $scale in
    full)  sizes=(10000 100000 1000000); tw_sizes=(10000 100000); key_sizes=(100000 1000000)
           follow_sizes=(10000 100000 1000000); durable_size=100000; phase_size=100000; runs=10; key_runs=200 ;;
    small) sizes=(1000 10000); tw_sizes=(1000 10000); key_sizes=(1000 10000)
           follow_sizes=(1000 10000); durable_size=10000; phase_size=10000; runs=5; key_runs=50 ;;
    *) echo "BENCH_SCALE is full or small, not '$scale'" >&2; exit 2 ;;
esac
seed=57
out=.build/bench
mkdir -p "$out"
results=$out/results.tsv
: > "$results"

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v task >/dev/null || missing+=(taskwarrior)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v tmux >/dev/null || missing+=(tmux)
command -v script >/dev/null || missing+=(bsdutils)
[ -f /usr/include/mimalloc.h ] || missing+=(libmimalloc-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# As `make release` builds steer, with its flags (every product alike, so that one build
# directory holds them all without rebuilding).
read -r -a release <<< "${RELEASE_FLAGS:?run by make bench, which gives the release flags}"
swift build "${release[@]}" --product steer
swift build "${release[@]}" --product steer-gen
swift build "${release[@]}" --product steer-bench
bin=$(swift build "${release[@]}" --show-bin-path)

# --- helpers -----------------------------------------------------------------------------------
# ledger N: the path of the generated ledger of N tasks, generated again when steer-gen is newer.
ledger() {
    local f=$out/t$1.ledger
    if [ ! -f "$f" ] || [ "$bin/steer-gen" -nt "$f" ]; then
        echo "generating $1 tasks" >&2
        "$bin/steer-gen" --tasks "$1" --seed $seed --out "$f" --taskwarrior "$out/t$1.json"
    fi
    echo "$f"
}

# median_s RUNS CMD...: median wall time in seconds over RUNS runs (after one warm-up), by hyperfine.
median_s() {
    local n=$1; shift
    hyperfine -N --style none --warmup 1 --runs "$n" --export-csv "$out/hf.csv" "$*" >/dev/null
    awk -F, 'NR==2 { print $4 }' "$out/hf.csv"
}

# in_turns ROUNDS COMMAND...: the median wall time in seconds of each COMMAND (one line each, a
# command line with VAR=value words before it for its environment), after a warm-up run of each,
# timed in ROUNDS rounds that run every command once, in turn. Commands compared with each other
# are timed so: timed one after the other, as hyperfine times them, a load that came and went
# while one of them ran set their ratio (taskwarrior's `task overdue` at 100k took 1,094 ms in
# one run of this script and 1,424 ms in another an hour later; steer's times moved with it).
# Called in an assignment (times=$(in_turns ...)), not in a here-string: a failed run then stops
# the script (set -e).
in_turns() {
    python3 - "$@" <<'PY'
import os, re, shlex, statistics, sys, time
rounds, lines = int(sys.argv[1]), sys.argv[2:]
commands = []
for line in lines:
    words = shlex.split(line)
    env = dict(os.environ)
    while re.match(r"[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    commands.append((words, env))
null = os.open(os.devnull, os.O_WRONLY)
def timed(argv, env):
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, env, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0: sys.exit(f"{shlex.join(argv)} failed")
    return elapsed
for argv, env in commands: timed(argv, env)
times = [[] for _ in commands]
for _ in range(rounds):
    for (argv, env), runs in zip(commands, times): runs.append(timed(argv, env))
print(*(f"{statistics.median(runs):.6f}" for runs in times))
PY
}

# peak_mb CMD...: peak resident set size, the median of three runs, in MB. One run's moves by a
# megabyte or two with how far the parsing threads got ahead of replay when it peaked.
peak_mb() {
    : > "$out/rss.txt"
    for _ in 1 2 3; do
        /usr/bin/time -f %M -a -o "$out/rss.txt" "$@" >/dev/null 2>&1 || true
    done
    sort -n "$out/rss.txt" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1024 }'
}

# tag N: puts the ledger size after the section of each line steer-bench prints.
tag() { sed "s/^\([a-z]*\)\t/\1\t$1\t/"; }

record() { printf '%s\n' "$(IFS=$'\t'; echo "$*")" >> "$results"; }

# --- a. replay ---------------------------------------------------------------------------------
# `steer check` is timed in rounds that run every size once, in turn, after a warm-up of each;
# each size's figure is the median of its runs. The machine is shared: timed one size after the
# other, a load that came and went while one size ran moved the growth ratio by a tenth (11.3x
# in one run of this script, 10.1x for the same binary with the sizes run back to back). `wc -l`
# on the same file runs right after each `steer check`, timed alike: its time, mostly the
# kernel copying the file, moves with the host's memory traffic (6 ms in one run of this
# script, 9 ms in the next hour's), and timed minutes apart from steer it set the ratio by
# whatever the machine did in between.
replay_files=()
for n in "${sizes[@]}"; do replay_files+=("$(ledger "$n")"); done
# Ledgers just generated are ~750 MB of dirty pages; written back while the replays were timed,
# they slowed them by a fifth (100k: 137 ms against 110 ms timed alike once written, 2026-12-06).
sync
echo "replay ${sizes[*]}" >&2
replay_commands=()
for f in "${replay_files[@]}"; do
    replay_commands+=("$(printf '%q ' "$bin/steer" check -q --ledger "$f")" "$(printf '%q ' wc -l "$f")")
done
replay_times=$(in_turns "$runs" "${replay_commands[@]}")
read -r -a replay_s <<< "$replay_times"
for i in "${!sizes[@]}"; do
    f=${replay_files[$i]}
    record replay "${sizes[$i]}" "$(wc -l < "$f")" "$(stat -c %s "$f")" \
        "${replay_s[2 * i]}" "$(peak_mb "$bin/steer" check -q --ledger "$f")" "${replay_s[2 * i + 1]}"
done

# --- b. reports against taskwarrior ------------------------------------------------------------
# steer twice: as users run it, from the snapshot its first run leaves (the warm-up run writes
# it), and replaying the whole file with snapshots off; in turns with taskwarrior's reports.
export STEER_CACHE_DIR=$PWD/$out/cache
for n in "${sizes[@]}"; do
    f=$(ledger "$n")
    r=20; [ "$n" -ge 1000000 ] && r=3
    echo "reports $n" >&2
    steer_reports=("$(printf '%q ' "$bin/steer" show overdue --ledger "$f")"
                   "STEER_SNAPSHOTS=off $(printf '%q ' "$bin/steer" show overdue --ledger "$f")"
                   "$(printf '%q ' "$bin/steer" show agencies --ledger "$f")")
    tw_overdue=- tw_list=- tw_rss=- tw_import=-
    if [[ " ${tw_sizes[*]} " == *" $n "* ]]; then
        tw=$out/tw$n
        export TASKRC=$tw/rc TASKDATA=$tw/data
        if [ ! -f "$tw/imported" ] || [ "$out/t$n.json" -nt "$tw/imported" ]; then
            rm -rf "$tw"; mkdir -p "$tw/data"
            printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$PWD/$tw/data" > "$tw/rc"
            TIMEFORMAT=%R
            { time task rc.confirmation=off import "$out/t$n.json" >/dev/null; } 2> "$tw/imported"
        fi
        tw_import=$(cat "$tw/imported")
        times=$(in_turns "$r" "${steer_reports[@]}" \
            "task rc.confirmation=off rc.verbose=nothing overdue" "task rc.confirmation=off rc.verbose=nothing list")
        read -r overdue overdue_replay agencies tw_overdue tw_list <<< "$times"
        tw_rss=$(peak_mb task rc.confirmation=off rc.verbose=nothing overdue)
        unset TASKRC TASKDATA
    else
        times=$(in_turns "$r" "${steer_reports[@]}")
        read -r overdue overdue_replay agencies <<< "$times"
    fi
    rss=$(peak_mb "$bin/steer" show overdue --ledger "$f")
    rss_replay=$(peak_mb env STEER_SNAPSHOTS=off "$bin/steer" show overdue --ledger "$f")
    record reports "$n" "$overdue" "$agencies" "$rss" "$tw_overdue" "$tw_list" "$tw_rss" "$tw_import" "$overdue_replay" "$rss_replay"
done

# --- b2. show overdue from the snapshot, step by step -------------------------------------------
echo "report phases $phase_size" >&2
"$bin/steer-bench" report-phases --ledger "$(ledger "$phase_size")" --cache "$out/phase-cache" --today "$(TZ=Asia/Ho_Chi_Minh date +%F)" | tag "$phase_size" >> "$results"

# --- d. terminal output ------------------------------------------------------------------------
# In-process, the real ncurses layer on a file (newterm): a full redraw, one `j`, a frame with no
# change. Then the real binary on a real pty at 120×40 (tmux running `script`, which copies every
# byte the program writes to a log): Ctrl-L, `j`, PgDn twice, and 10 seconds of doing nothing.
echo "terminal bytes" >&2
for term in xterm-256color screen-256color vt100; do
    TERM=$term "$bin/steer" tui --ledger Fixtures/nq57.ledger --today 2025-06-15 --lang vi --measure-output |
        sed -n "s/^$term 120x40 \(.*\): \([0-9]*\) bytes\$/bytes\tnewterm $term\t\1\t\2/p" >> "$results"
done
pty_log=$out/pty.log
log_size() { stat -c %s "$pty_log" 2>/dev/null || echo 0; }
# settle: waits until the program has written nothing for a second.
settle() {
    local last=-1 now
    while now=$(log_size); [ "$now" != "$last" ]; do last=$now; sleep 1; done
}
# pty_bytes WHAT KEYS...: bytes written in answer to the keys (tmux send-keys names).
pty_bytes() {
    local what=$1 before; shift
    before=$(log_size)
    tmux send-keys -t steer-bench "$@"
    settle
    record bytes "pty xterm-256color" "$what" $(( $(log_size) - before ))
}
rm -f "$pty_log"
tmux kill-session -t steer-bench 2>/dev/null || true
tmux new-session -d -s steer-bench -x 120 -y 40 \
    "TERM=xterm-256color script -q -f -c '$bin/steer tui --ledger Fixtures/nq57.ledger --today 2025-06-15 --lang vi' $pty_log"
sleep 2; settle
pty_bytes "Ctrl-L (full redraw)" C-l
pty_bytes "j (next row)" j
pty_bytes "PgDn (next page)" NPage
# The first PgDn mostly moves the selection to the page's last row; the next one brings a page of
# rows that were not on the screen.
pty_bytes "PgDn again (a page of new rows)" NPage
before=$(log_size); sleep 10
record bytes "pty xterm-256color" "10 idle seconds" $(( $(log_size) - before ))
tmux send-keys -t steer-bench q
sleep 1; tmux kill-session -t steer-bench 2>/dev/null || true

# --- c. key → frame (update + view) -------------------------------------------------------------
for n in "${key_sizes[@]}"; do
    echo "keys $n" >&2
    "$bin/steer-bench" interaction --ledger "$(ledger "$n")" --runs $key_runs | tag "$n" >> "$results"
    # The whole program: the ledger read as the screen reads it, its state built, frames drawn;
    # first as the first start does it, replaying every line and leaving the screen's snapshot
    # (one run), then from that snapshot, then with snapshots off.
    screen=(env TERM=xterm-256color "$bin/steer" tui --measure-output --ledger "$(ledger "$n")")
    rm -f "$STEER_CACHE_DIR"/*.histories.snapshot*
    first=$( { /usr/bin/time -f %e "${screen[@]}" >/dev/null; } 2>&1 | tail -1)
    record screen "$n" "$(median_s 3 "${screen[@]}")" "$(peak_mb "${screen[@]}")" \
        "$(median_s 3 env STEER_SNAPSHOTS=off "${screen[@]}")" "$(peak_mb env STEER_SNAPSHOTS=off "${screen[@]}")" "$first"
    # As a user sees it: the first frame in tmux, the first start's and the next one's.
    record frame "$n" $(scripts/first-frame.sh "$bin/steer" "$(ledger "$n")")
done

# --- e. live follow ----------------------------------------------------------------------------
for n in "${follow_sizes[@]}"; do
    echo "follow $n" >&2
    cp "$(ledger "$n")" "$out/follow.ledger"
    "$bin/steer-bench" follow --ledger "$out/follow.ledger" --events 1000 | tag "$n" >> "$results"
    rm -f "$out/follow.ledger"
done

# --- f. one durable transition -----------------------------------------------------------------
echo "durable $durable_size" >&2
cp "$(ledger "$durable_size")" "$out/durable.ledger"
"$bin/steer-bench" durable --ledger "$out/durable.ledger" --appends 200 | tag "$durable_size" >> "$results"
rm -f "$out/durable.ledger"

# --- tables ------------------------------------------------------------------------------------
scripts/bench-report.awk -v nproc="$(nproc)" -v arch="$(uname -m)" \
    -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
    -v day="$(date -u +%Y-%m-%d)" -v scale="$scale" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" "$results" > "$out/results.md"
cat "$out/results.md"
# Only a full run speaks for the budgets.
if [ "$scale" = full ]; then
    { cat scripts/bench-intro.md; printf '\n## Results\n\n'; cat "$out/results.md"; printf '\n'; cat scripts/bench-notes.md; } > docs/performance.md
    echo "wrote docs/performance.md" >&2
fi
