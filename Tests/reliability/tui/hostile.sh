#!/usr/bin/env bash
# Terminal safety: a ledger whose titles, owners, products, sources, notes, reasons, stage
# references and agency names carry OSC 52, OSC 8, CSI 21 t, CSI 6 n, DCS, RIS, raw ESC, C1
# controls as UTF-8, DEL, BEL and bidirectional overrides (hostile.ledger, written with \u{…}
# escapes). steer runs on a pseudo-terminal of its own (pty_drive.py) and every byte it writes
# is kept while it shows every pane, the detail of each hostile task with its history, help, a
# filter and the forms; then another process appends a line with the same payloads as RAW bytes,
# which the ledger refuses: the screen must say it turned read-only, and draw none of it.
# term_check.py then proves that no control
# sequence came from the ledger: no OSC/DCS/ST, no C1, no BEL/DEL, no CSI 21 t or 6 n, no bidi
# controls, and every escape sequence one the terminal description emits; and that the
# hostile text was drawn, as placeholders. Three terminal types, both languages, tabs and tiles.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

# Every pane, a filter, the detail of each task (n steps to the next), help, the forms (cancelled),
# the tasks of an agency, the other language; then the raw append, and the panes again.
TOUR="2 3 4 1 / EVIL Enter Enter G n G n G Esc ? G Esc r Esc e Esc b Esc m Esc x Esc a Esc \
4 Enter Esc 1 :lang Space LANG2 Enter 1 2 3 4 Run:$WORK/append-raw 1 q"

# The hostile fields as the screen draws them: C0 and DEL as control pictures (␛ ␇ ␡ ␈ ␍), C1 and
# bidi controls as \u{…}. The agency names are drawn whole only in a task's detail.
SHOWN=(
    '␛[21t␛]52;c;SGFja2Vk␇TITLE1'
    'Owner ␛[2J␛c␡␇OWNER1'
    'Product \u{202E}evil\u{202C}\u{2066}iso\u{2069}PRODUCT1'
    'Source ␛P+q544e␛\SOURCE1'
    'Decree ␛]8;;http://evil.example/␇TITLE2'
    '\u{9B}6n␈␈␍OWNER2'
    'Soon ␛[?1049l␛[?1000hTITLE3'
    'Note ␛]8;;http://x␇click␛]8;;␇\u{9B}6nNOTE1'
    'Ref ␛[6n\u{9D}52;c;AAAA␇REF2'
    'Block ␛]52;c;QkxvY2s=␛\␡BLOCK3'
    'Bộ ␛]52;c;SGFja2Vk␇AGENCY-NAME'
    'Bộ Khoa học \u{9B}21t\u{202E}AGENCY2-NAME'
    'Stage \u{202E}STAGE2'
    # The history prints each event as its ledger line, with the printer's escapes (wrapped
    # at spaces on a narrow screen, hence no space in this one).
    '\u{1b}[21t\u{2067}\u{2068}\u{2069}REASON1"'
)

# The line another process appends: the payloads as raw bytes, which the ledger refuses.
RAW_LINE='2025-06-14T08:00+07:00 @vpcp report EVIL-1 note="raw \033]52;c;UkFX\007\302\23321t\342\200\256\033[6nRAWLINE"\n'
cat > "$WORK/append-raw" <<EOF2
#!/bin/sh
printf '$RAW_LINE' >> "\$LEDGER"
EOF2
chmod +x "$WORK/append-raw"

# What the footer says once the ledger has the bad line, in the language the tour ends in.
declare -A READ_ONLY=([en]='read-only: the ledger has 1 problem' [vi]='chỉ đọc: sổ có 1 lỗi')

run() {
    local term=$1 lang=$2 other=$3 cols=$4 rows=$5 name="$1 $2 $4×$5" dir=$WORK/$1
    mkdir -p "$dir"
    cp "$HERE/hostile.ledger" "$dir/ledger"
    { cat "$HERE/hostile.ledger"; printf "$RAW_LINE"; } > "$dir/expected"
    LEDGER=$dir/ledger python3 "$HERE/pty_drive.py" capture "$dir/capture" "$cols" "$rows" "${TOUR/LANG2/$other}" -- \
        env TERM="$term" "$STEER" tui "$dir/ledger" --today $DAY --lang "$lang"
    check "$name: steer quits normally" $? "exit status $?"
    while read -r verdict what; do
        if [ "$verdict" = PASS ]; then ok "$name: $what"; else bad "$name: $what"; fi
    done < <(python3 "$HERE/term_check.py" "$dir/capture" "${SHOWN[@]}" "${READ_ONLY[$other]}")
    if grep -qF RAWLINE "$dir/capture"; then bad "$name: the refused raw line is drawn"; else ok "$name: the refused raw line is not drawn"; fi
    cmp -s "$dir/ledger" "$dir/expected"
    check "$name: the ledger holds only what the other process appended" $?
    echo "     ($(wc -c < "$dir/capture") bytes captured)"
}

run xterm-256color en vi 160 48
run screen-256color vi en 80 24
run vt100 vi en 120 40
finish
