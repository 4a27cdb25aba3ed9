#!/usr/bin/awk -f
# Turns the tab-separated results of scripts/bench.sh into the Markdown tables of
# docs/performance.md, with each budget's measured value and ratio.
BEGIN { FS = "\t" }

$1 == "replay"  { nr++; rn[nr] = $2; rlines[$2] = $3; rbytes[$2] = $4; rcheck[$2] = $5; rrss[$2] = $6; rwc[$2] = $7 }
$1 == "reports" { np++; pn[np] = $2; pover[$2] = $3; pag[$2] = $4; prss[$2] = $5; twover[$2] = $6; twlist[$2] = $7; twrss[$2] = $8; twimp[$2] = $9
                  prover[$2] = $10; prrss[$2] = $11 }
$1 == "phase"   { nph++; phn = $2; phname[nph] = $3; ph50[nph] = $4; ph99[nph] = $5; phruns[nph] = $6 }
$1 == "bytes"   { nb++; bhow[nb] = $2; bwhat[nb] = $3; bcount[nb] = $4; bytes[$2, $3] = $4 }
$1 == "key"     { if (!($2 in kseen)) { kseen[$2] = 1; ks++; ksize[ks] = $2 }
                  if (!($3 in kname)) { kname[$3] = 1; kk++; korder[kk] = $3 }
                  k50[$2, $3] = $4; k99[$2, $3] = $5; kruns[$2, $3] = $6
                  if ($5 + 0 > kworst[$2] + 0) { kworst[$2] = $5; kworstname[$2] = $3 } }
$1 == "startup" { s50[$2] = $4; s99[$2] = $5; sruns[$2] = $6 }
$1 == "frame"   { frn++; frsize[frn] = $2; frfirst[frn] = $3; frwritten[frn] = $4; frkey[frn] = $5; frsecond[frn] = $6 }
$1 == "screen"  { scn++; scsize[scn] = $2; scwall[scn] = $3; scrss[scn] = $4; screwall[scn] = $5; scrers[scn] = $6; scfirst[scn] = $7 }
$1 ~ /^firstfilter/ { f50[$1, $2] = $4; f99[$1, $2] = $5; fruns[$1, $2] = $6 }
$1 == "append"  { if (!($2 in a50)) { a50[$2] = $4; a99[$2] = $5 } }
$1 == "follow"  { if ($3 ~ /^the screen's journal/) fshared[$2] = $4
                  else if ($3 ~ /^the screen brought up to date and drawn/) frebuilt[$2] = $4
                  else if ($3 ~ /^the next sort order/) fsort[$2] = $4
                  else if ($3 ~ /^the screen brought up to date after a write/) fown[$2] = $4
                  else { nf++; fn[nf] = $2; fname[nf] = $3; fms[nf] = $4 } }
$1 == "durable" { dn = $2; d50 = $4; d99 = $5; druns = $6 }

# One row of table c for the first filter character, of steer-bench's section `name`.
function firstFilterRow(name, label,    line, s) {
    line = "| " label " |"
    for (s = 1; s <= ks; s++) line = line " " f50[name, ksize[s]] " | " f99[name, ksize[s]] " | " fruns[name, ksize[s]] " |"
    print line
}
function tasks(n) { return n >= 1000000 ? n / 1000000 "M" : n >= 1000 ? n / 1000 "k" : n }
function ms(s) { return s == "-" ? "-" : sprintf("%.0f ms", s * 1000) }
function secs(s) { return s == "-" ? "-" : s >= 1 ? sprintf("%.2f s", s) : sprintf("%.0f ms", s * 1000) }
function times(a, b) { return (a == "-" || b == "-" || b == 0) ? "-" : sprintf("%.1f×", a / b) }
function verdict(ok) { return ok ? "met" : "**missed**" }
function budget(text, measured, ratio, ok) { printf "| %s | %s | %s | %s |\n", text, measured, ratio, verdict(ok) }

END {
    printf "Machine: %s cores, %s, %s; %s; BENCH_SCALE=%s; load average at the end %s (the machine is shared).\n\n", nproc, arch, cpu, day, scale, load

    print "### a. Replay (`steer check`) against `wc -l` on the same file"
    print ""
    print "| tasks | lines | file | steer check (median) | peak RSS | wc -l (median) | × wc -l | growth from the row above |"
    print "|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= nr; i++) {
        n = rn[i]; growth = i > 1 ? times(rcheck[n], rcheck[rn[i - 1]]) : ""
        printf "| %s | %d | %.0f MB | %s | %s MB | %s | %s | %s |\n", tasks(n), rlines[n], rbytes[n] / 1e6, secs(rcheck[n]), rrss[n], ms(rwc[n]), times(rcheck[n], rwc[n]), growth
    }
    print ""

    print "### b. Reports against taskwarrior 2.6 on the same tasks (medians; taskwarrior imported once)"
    print ""
    print "steer as users run it starts from its snapshot of the board (written by the first run); \"replayed\" is"
    print "the same command with `STEER_SNAPSHOTS=off`, replaying every line."
    print ""
    print "| tasks | steer show overdue | replayed | task overdue | steer faster by (replayed) | steer show agencies | task list | steer RSS (replayed) | task RSS | steer RSS ÷ task RSS (replayed) | task import (once) |"
    print "|---|---|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= np; i++) {
        n = pn[i]
        printf "| %s | %s | %s | %s | %s (%s) | %s | %s | %s MB (%s MB) | %s | %s (%s) | %s |\n", tasks(n), ms(pover[n]), ms(prover[n]), ms(twover[n]), times(twover[n], pover[n]), times(twover[n], prover[n]), ms(pag[n]), ms(twlist[n]), prss[n], prrss[n], twrss[n] == "-" ? "- (not run)" : twrss[n] " MB", times(prss[n], twrss[n]), times(prrss[n], twrss[n]), twimp[n] == "-" ? "-" : twimp[n] " s"
    }
    print ""

    if (nph > 0) {
        print "### b2. `show overdue` from the snapshot, step by step (" tasks(phn) " tasks; `steer-bench report-phases`, in-process, ms)"
        print ""
        print "| step | p50 | p99 | runs |"
        print "|---|---|---|---|"
        for (i = 1; i <= nph; i++) printf "| %s | %s | %s | %s |\n", phname[i], ph50[i], ph99[i], phruns[i]
        print ""
    }

    print "### c. Key → frame: `App.update` + `App.view` of the whole 120×40 frame (p50 / p99 in ms, in-process)"
    print ""
    header = "| key |"; rule = "|---|"
    for (s = 1; s <= ks; s++) { header = header " " tasks(ksize[s]) " p50 | " tasks(ksize[s]) " p99 | runs |"; rule = rule "---|---|---|" }
    print header; print rule
    for (k = 1; k <= kk; k++) {
        line = "| " korder[k] " |"
        for (s = 1; s <= ks; s++) line = line " " k50[ksize[s], korder[k]] " | " k99[ksize[s], korder[k]] " | " kruns[ksize[s], korder[k]] " |"
        print line
    }
    line = "| start-up after the replay: the screen's state (`AppState.init`) |"
    for (s = 1; s <= ks; s++) line = line " " s50[ksize[s]] " | " s99[ksize[s]] " | " sruns[ksize[s]] " |"
    print line
    firstFilterRow("firstfilter", "once a session: the first filter character, typed at once after `/` (which starts folding every row's search text on other cores)")
    firstFilterRow("firstfilterpause", "once a session: the same, typed 0.3 s after `/`")
    print ""
    if (scn > 0) {
        print "### c2. The screen's start and memory"
        print ""
        print "`steer tui --measure-output`: the ledger read as the screen reads it (each task's history left on"
        print "the file, read back when a detail shows it), the screen's state built, four frames drawn by its"
        print "ncurses layer to a file. As users run it, the screen starts from its own snapshot of the board and"
        print "the tasks' histories, which its first start leaves after replaying every line; \"replayed\" is"
        print "`STEER_SNAPSHOTS=off`. Wall time: median of 3 runs (the first start: one run); peak RSS: `/usr/bin/time`, median of 3 runs."
        print ""
        print "| tasks | start from the snapshot | peak RSS | start replaying every line | peak RSS | the first start, until its snapshot is written |"
        print "|---|---|---|---|---|---|"
        for (i = 1; i <= scn; i++) printf "| %s | %.2f s | %s MB | %.2f s | %s MB | %.2f s |\n", tasks(scsize[i]), scwall[i], scrss[i], screwall[i], scrers[i], scfirst[i]
        print ""
    }
    if (frn > 0) {
        print "### c3. The screen's first frame, as a user sees it (tmux)"
        print ""
        print "`scripts/first-frame.sh`: `steer tui` started in tmux at 120×40, the time until its first frame shows (one"
        print "run each). The first start replays every line, shows the ledger, then writes its snapshot on another"
        print "core; a `j` is pressed as soon as the frame shows. The next start reads the snapshot."
        print ""
        print "| tasks | first start: first frame | its snapshot in place | `j` answered meanwhile | next start: first frame |"
        print "|---|---|---|---|---|"
        for (i = 1; i <= frn; i++) printf "| %s | %.2f s | %.2f s | %.0f ms | %.2f s |\n", tasks(frsize[i]), frfirst[i], frwritten[i], 1000 * frkey[i], frsecond[i]
        print ""
    }
    print "### d. Terminal output bytes per frame"
    print ""
    print "`newterm`: the screen's ncurses layer writing to a file, in-process (`steer tui --measure-output`)."
    print "pty: the real binary at 120×40 on a pseudo-terminal (tmux running `script`, which logs every byte"
    print "the program writes), keys sent with `tmux send-keys`. Both on Fixtures/nq57.ledger as of 2025-06-15."
    print ""
    print "| how | frame | bytes |"
    print "|---|---|---|"
    for (i = 1; i <= nb; i++) printf "| %s | %s | %s |\n", bhow[i], bwhat[i], bcount[i]
    print ""

    print "### e. Live follow: another process appends 1,000 events; the reader's refresh that takes them in"
    print ""
    print "The reader alone, then as `steer tui` does it: the screen sets its board aside, the journal"
    print "takes in another 1,000 events, and the screen is brought up to date where they touched it"
    print "and drawn; then `s` shows the next sort order, brought up to date when first shown; then the"
    print "user writes one event through the screen's journal and the screen is brought up to date again."
    print "Each five times over; p50 of the five."
    print ""
    print "| ledger | reader's refresh taking in the 1,000 events | writer's append p50 / p99 (another process) | the same refresh in `steer tui` | the screen brought up to date and drawn | then `s` | after a write of its own |"
    print "|---|---|---|---|---|---|---|"
    for (i = 1; i <= nf; i++) printf "| %s tasks | %s ms (%s) | %s / %s ms | %s ms | %s ms | %s ms | %s ms |\n", tasks(fn[i]), fms[i], fname[i], a50[fn[i]], a99[fn[i]], fshared[fn[i]], frebuilt[fn[i]], fsort[fn[i]], fown[fn[i]]
    print ""

    print "### f. One durable transition (`FileJournal.append`: lock, catch up, validate, write, fsync)"
    print ""
    print "| ledger | appends | p50 | p99 |"
    print "|---|---|---|---|"
    if (dn != "") printf "| %s tasks | %s | %s ms | %s ms |\n", tasks(dn), druns, d50, d99
    print ""

    print "### Budgets"
    print ""
    print "| budget | measured | ratio to budget | |"
    print "|---|---|---|---|"
    if (100000 in rcheck) {
        budget("replay 100k ≤ 0.5 s", secs(rcheck[100000]), sprintf("%.2f", rcheck[100000] / 0.5), rcheck[100000] <= 0.5)
        r = rcheck[100000] / rwc[100000]
        budget("replay 100k within 15× `wc -l`", sprintf("%.1f× (%.1f vs %.1f ms)", r, rcheck[100000] * 1000, rwc[100000] * 1000), sprintf("%.2f", r / 15), r <= 15)
    }
    if (1000000 in rcheck) budget("replay 1M ≤ 5 s", secs(rcheck[1000000]), sprintf("%.2f", rcheck[1000000] / 5), rcheck[1000000] <= 5)
    for (i = 2; i <= nr; i++) {
        g = rcheck[rn[i]] / rcheck[rn[i - 1]]
        budget("replay growth " tasks(rn[i - 1]) "→" tasks(rn[i]) " ≤ 11×", sprintf("%.1f×", g), sprintf("%.2f", g / 11), g <= 11)
    }
    if (twover[100000] != "" && twover[100000] != "-") {
        f = twover[100000] / pover[100000]
        budget("100k: `show overdue` ≥ 15× faster than `task overdue`", sprintf("%.1f×", f), sprintf("%.2f", 15 / f), f >= 15)
        f = twover[100000] / prover[100000]
        budget("… the same, replaying every line (snapshots off)", sprintf("%.1f×", f), sprintf("%.2f", 15 / f), f >= 15)
        q = prss[100000] / twrss[100000]
        budget("100k: peak RSS ≤ 1/8 of taskwarrior's", sprintf("%.2f× taskwarrior's", q), sprintf("%.1f", q * 8), q <= 0.125)
        q = prrss[100000] / twrss[100000]
        budget("… the same, replaying every line (snapshots off)", sprintf("%.2f× taskwarrior's", q), sprintf("%.1f", q * 8), q <= 0.125)
    }
    if (kworst[100000] != "") budget("key → frame p99 ≤ 16 ms at 100k (worst key: " kworstname[100000] ")", kworst[100000] " ms", sprintf("%.1f", kworst[100000] / 16), kworst[100000] <= 16)
    if (kworst[1000000] != "") budget("key → frame p99 ≤ 50 ms at 1M (worst key: " kworstname[1000000] ")", kworst[1000000] " ms", sprintf("%.1f", kworst[1000000] / 50), kworst[1000000] <= 50)
    if (("pty xterm-256color", "j (next row)") in bytes) {
        b = bytes["pty xterm-256color", "j (next row)"]
        budget("bytes for `j` ≤ 300 B (pty)", b " B", sprintf("%.2f", b / 300), b <= 300)
        b = bytes["pty xterm-256color", "Ctrl-L (full redraw)"]
        budget("bytes for a full redraw at 120×40 ≤ 9 KB (pty, Ctrl-L)", b " B", sprintf("%.2f", b / 9216), b <= 9216)
        b = bytes["pty xterm-256color", "10 idle seconds"]
        budget("bytes over 10 idle seconds = 0 (pty)", b " B", b == 0 ? "-" : "over", b == 0)
    }
    if (dn != "") budget("durable transition median ≤ 5 ms (" tasks(dn) " ledger)", d50 " ms", sprintf("%.2f", d50 / 5), d50 <= 5)
}
