#!/usr/bin/env bash
# Restore: SIGINT (Ctrl-C), SIGQUIT (Ctrl-\), SIGTERM, SIGHUP and a crash (abort, Swift trap,
# segmentation fault, through the STEER_TEST_CRASH_AFTER_MS seam) each give the terminal back
# as it was: `stty -g` in the pane equal to what it was before the first trial, the alternate
# screen off, mouse reporting off (steer runs with --mouse, so both are on while it runs, and
# each trial first sees them on). 100 trials per kind (20 with RELIABILITY_SCALE=small), each
# kind in a pane of its own, run side by side. The pane stays the same terminal for all the
# trials of a kind, so damage left by one trial would also show in the next.
source "$(dirname "$0")/lib.sh"
TRIALS=$(scaled 100 20)
KINDS=(INT QUIT TERM HUP crash)

# The pane's shell runs steer once per `go` and reports `exited`; like an interactive shell it
# survives the Ctrl-C and Ctrl-\ aimed at steer. Core dumps are off: the crashes are on purpose.
pane_loop() {
    local dir=$1
    cat > "$dir/loop.sh" <<LOOP
trap : INT QUIT
ulimit -c 0
stty -g > "$dir/stty.first"
while ${TMUX_CMD[*]} wait-for go-$2; [ ! -e "$dir/stop" ]; do
    env \$(cat "$dir/env") "$STEER" tui "$dir/ledger" --today $DAY --mouse
    echo \$? > "$dir/status"
    stty -g > "$dir/stty.after"
    ${TMUX_CMD[*]} wait-for -S exited-$2
done
LOOP
}

# Runs the trials of one kind; writes "passed failed" to $dir/result, and a line per failure.
trials() {
    local kind=$1 dir=$WORK/$1 pass=0 fail=0 i pid modes status expected why crash
    local crashes=(abort:134 trap:132 segv:139)
    mkdir -p "$dir"
    cp "$SAMPLE" "$dir/ledger"
    pane_loop "$dir" "$kind"
    t new-session -d -s "$kind" -x 80 -y 24 "sh $dir/loop.sh"
    for i in $(seq 1 "$TRIALS"); do
        rm -f "$dir/status"
        case $kind in
            crash)
                crash=${crashes[$((i % 3))]}
                echo "STEER_TEST_CRASH=${crash%:*} STEER_TEST_CRASH_AFTER_MS=$((RANDOM % 300))" > "$dir/env"
                expected=${crash#*:} ;;
            *)
                echo "STEER_RELIABILITY_TRIAL=$i" > "$dir/env"
                expected=$((128 + $(kill -l "$kind"))) ;;
        esac
        t wait-for -S "go-$kind"
        why=""
        if [ "$kind" != crash ]; then
            # Deliver the signal only once steer has switched the modes on, at a random moment
            # of its first 150 ms on screen (before, during or after the first frame).
            modes=""
            for _ in $(seq 1 100); do
                modes=$(t display -p -t "$kind" '#{alternate_on}#{mouse_any_flag}')
                [ "$modes" = 11 ] && break
                sleep 0.02
            done
            [ "$modes" = 11 ] || why="the screen never switched to the alternate screen with the mouse on"
            sleep "0.$(printf %03d $((RANDOM % 150)))"
            pid=$(steer_pid "$kind")
            case $kind in
                INT) t send-keys -t "$kind" C-c ;;
                QUIT) t send-keys -t "$kind" 'C-\' ;;
                *) kill -"$kind" "$pid" ;;
            esac
        fi
        if ! timeout 5 "${TMUX_CMD[@]}" wait-for "exited-$kind"; then
            why="$why; steer did not exit within 5 s"
            pkill -KILL -P "$(t list-panes -t "$kind" -F '#{pane_pid}')" -x steer
            t wait-for "exited-$kind"
        fi
        status=$(cat "$dir/status" 2>/dev/null)
        [ "$status" = "$expected" ] || why="$why; exit status $status, not $expected"
        cmp -s "$dir/stty.first" "$dir/stty.after" || why="$why; stty -g differs: $(cat "$dir/stty.after")"
        modes=$(t display -p -t "$kind" '#{alternate_on}#{mouse_any_flag}')
        [ "$modes" = 00 ] || why="$why; alternate screen/mouse left as $modes"
        if [ -z "$why" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $kind trial $i: ${why#; } ($(cat "$dir/env"))"; fi
    done
    touch "$dir/stop"
    t wait-for -S "go-$kind"
    echo "$pass $fail" > "$dir/result"
}

start=$(now_ms)
for kind in "${KINDS[@]}"; do trials "$kind" & done
wait
seconds=$(( ($(now_ms) - start) / 1000 ))
for kind in "${KINDS[@]}"; do
    read -r p f < "$WORK/$kind/result" || { p=0; f=$TRIALS; }
    passed=$((passed + p))
    failed=$((failed + f))
    echo "$kind: $p of $TRIALS trials left the terminal as it was"
done
echo "restore: $((passed + failed)) trials in ${seconds} s"
finish
