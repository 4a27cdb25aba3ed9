#!/usr/bin/env bash
# Terminal safety: ledger text carrying OSC 52 (clipboard), OSC 8 (links), CSI 21 t (title
# report), raw ESC, C1 controls as UTF-8 (U+009B CSI, U+009D OSC), DEL, BEL and bidirectional
# overrides. Every byte every report, log and diagnostic writes is captured; none of those
# characters may come out raw, and each must come out as its visible placeholder (so the test
# cannot pass by printing nothing). CSV and JSON escape them and still carry the exact text.
source "$(dirname "$0")/lib.sh"

CLEAN=$WORK/hostile.ledger
cat >"$CLEAN" <<'EOF'
steer-ledger 1
2025-01-02T08:00+07:00 @vpcp agency EVIL kind=ministry name="Bộ \u{1b}]52;c;cm0gLXJmIH4=\u{7} clipboard"
2025-01-02T08:01+07:00 @vpcp agency LINK kind=province name="\u{1b}]8;;https://example.invalid\u{1b}\\link\u{1b}]8;;\u{1b}\\"
2025-01-02T08:02+07:00 @vpcp member vpcp role=secretariat name="\u{9d}0;fake title\u{9c}"
2025-01-09T08:00+07:00 @vpcp assign H1 title="CSI \u{1b}[21t C1 \u{9b}31m red \u{9d}0;t\u{9c} DEL\u{7f} BEL\u{7} \u{202e}fdp.exe\u{202c}" lead=EVIL owner="\u{1b}[2J\u{1b}[H owner" due=2025-01-31 product="x"
2025-01-09T08:01+07:00 @vpcp assign H2 kind=decree title="Nghị định \u{2066}isolate\u{2069} \u{200f}rlm \u{61c}alm" lead=LINK due=2025-02-28
2025-01-10T08:00+07:00 @vpcp report H1 progress=10 note="note \u{1b}]52;c;QUFBQQ==\u{7} \u{9b}2J \u{2028}ls\u{2029}ps"
2025-01-10T08:01+07:00 @vpcp block H2 note="\u{1b}P+q544e\u{1b}\\ DCS and \r carriage"
EOF

# The same kinds of text written raw into lines that fail to parse or replay, so that the
# diagnostics `steer check` prints quote them (and name them in their messages).
BROKEN=$WORK/broken.ledger
{
    cat "$CLEAN"
    printf '2025-01-11T08:00+07:00 @vpcp report H1 note="raw \033]52;c;cm0=\007 esc"\n'
    printf '2025-01-11T08:01+07:00 @vpcp rep\xc2\x9bort H1 note="C1 in the verb"\n'
    printf '2025-01-11T08:02+07:00 @vpcp report H1 no\xc2\x9dte="C1 in a key"\n'
    printf '2025-01-11T08:03+07:00 @vpcp assign H3 kind="\\u{1b}]52;c;QQ==\\u{7}" lead=EVIL\n'
    printf '2025-01-11T08:04+07:00 @vpcp assign H4 lead="\\u{1b}[2J"\n'
    printf '2025-01-11T08:05+07:00 @vpcp report H1 note="raw \xe2\x80\xae bidi and \x7f DEL"\n'
    printf '2025-01-11T08:06+07:00 @vpcp report H1 note="torn \033[21t'
} >"$BROKEN"

# captured NAME ARGS…: runs steer, stdout and stderr into one file $WORK/NAME; echoes it.
captured() {
    local name=$1; shift
    timeout 60 "$STEER" "$@" >"$WORK/$name" 2>&1
    echo "$WORK/$name"
}

# safe_and_visible FILE PLACEHOLDER…: no unsafe character, and each placeholder is shown.
safe_and_visible() {
    local f=$1 bad p; shift
    bad=$(unsafe_in "$f")
    expect "$(basename "$f"): nothing unsafe reaches the terminal (${bad:-clean})" test -z "$bad"
    for p in "$@"; do
        expect "$(basename "$f"): shows $p" grep -qF -- "$p" "$f"
    done
}

TODAY=(--today 2025-06-30)
expect "the hostile ledger itself is clean" test "$(steer_rc "$WORK/o" "$WORK/e" check --ledger "$CLEAN")" = 0
OUTPUTS=0
for fmt in table markdown; do
    safe_and_visible "$(captured "tasks.$fmt" show tasks --format $fmt "${TODAY[@]}" --ledger "$CLEAN")" \
        '␛[21t' '\u{9B}31m red' '\u{9D}0;t\u{9C}' 'DEL␡' 'BEL␇' '\u{202E}fdp.exe\u{202C}' '␛[2J␛[H owner' '\u{2066}isolate\u{2069}'
    safe_and_visible "$(captured "overdue.$fmt" show overdue --format $fmt "${TODAY[@]}" --ledger "$CLEAN")" '␛[21t'
    safe_and_visible "$(captured "deadlines.$fmt" show deadlines --format $fmt --today 2025-01-30 --ledger "$CLEAN")" '␛[21t'
    safe_and_visible "$(captured "decrees.$fmt" show decrees --format $fmt "${TODAY[@]}" --ledger "$CLEAN")" '\u{200F}rlm \u{61C}alm'
    safe_and_visible "$(captured "agencies.$fmt" show agencies --format $fmt "${TODAY[@]}" --ledger "$CLEAN")" \
        '␛]52;c;cm0gLXJmIH4=␇ clipboard' '␛]8;;https://example.invalid␛\link'
    OUTPUTS=$((OUTPUTS + 5))
done
safe_and_visible "$(captured log log --ledger "$CLEAN")" '\u{1b}]52;c;QUFBQQ==\u{7}' '\u{9b}2J' '\u{2028}ls\u{2029}ps' '\u{1b}P+q544e' '\r carriage'
safe_and_visible "$(captured log-h1 log H1 --ledger "$CLEAN")" '\u{1b}[21t'
safe_and_visible "$(captured check-clean check --ledger "$CLEAN")" 'ok: 7 events'
OUTPUTS=$((OUTPUTS + 3))

# Diagnostics quote the offending lines and name the offending words.
expect "the broken ledger fails check" test "$(steer_rc "$WORK/o" "$WORK/e" check --ledger "$BROKEN")" = 1
safe_and_visible "$(captured check-broken check --ledger "$BROKEN")" \
    'note="raw ␛]52;c;cm0=␇ esc"' 'unknown verb `rep\u{9B}ort`' 'takes no key `no\u{9D}te`' \
    'unknown task kind `␛]52;c;QQ==␇`' 'unknown agency `␛[2J`' 'raw \u{202E} bidi and ␡ DEL' 'note="torn ␛[21t'
safe_and_visible "$(captured refused-append report H1 note=x --ledger "$BROKEN")" 'raw ␛]52;c;cm0=␇ esc'
safe_and_visible "$(captured show-broken show tasks "${TODAY[@]}" --ledger "$BROKEN")" '␛[21t'
safe_and_visible "$(captured log-broken log --ledger "$BROKEN")" '\u{1b}[21t'
# What steer prints back after writing a line typed with control characters in it.
grep -v " member " "$CLEAN" >"$WORK/typed.ledger"  # members would refuse this login
safe_and_visible "$(captured typed report H1 note=$'\e]52;c;QQ==\a \xc2\x9b2J' --ledger "$WORK/typed.ledger")" '\u{1b}]52;c;QQ==\u{7} \u{9b}2J'
OUTPUTS=$((OUTPUTS + 5))

# CSV and JSON: escaped, and the exact text comes back.
TITLE=$(printf 'CSI \033[21t C1 \xc2\x9b31m red \xc2\x9d0;t\xc2\x9c DEL\x7f BEL\x07 \xe2\x80\xaefdp.exe\xe2\x80\xac')
"$STEER" show tasks --format json "${TODAY[@]}" --ledger "$CLEAN" >"$WORK/tasks.json"
expect "JSON carries no raw control" test -z "$(unsafe_in "$WORK/tasks.json")"
expect "JSON escapes ESC as \\u001b" grep -qF '\u001b[21t' "$WORK/tasks.json"
expect "JSON escapes C1 as \\u009b" grep -qF '\u009b31m' "$WORK/tasks.json"
if command -v jq >/dev/null; then
    expect "JSON gives back the exact title" test "$(jq -r '.[0].title' "$WORK/tasks.json")" = "$TITLE"
else
    echo "note: jq not installed; the JSON round trip is proved by ExportRoundTripTests only"
fi
"$STEER" show tasks --format csv "${TODAY[@]}" --ledger "$CLEAN" >"$WORK/tasks.csv"
expect "CSV carries no raw control but its CRLF record ends ($(unsafe_in "$WORK/tasks.csv" csv))" test -z "$(unsafe_in "$WORK/tasks.csv" csv)"
expect "CSV escapes ESC as \\u{1b}, as the ledger does" grep -qF 'CSI \u{1b}[21t C1 \u{9b}31m' "$WORK/tasks.csv"
# The documented decoding of a CSV cell (\u{HEX} and \\) gives back the exact title.
decoded=$(perl -ne 'if ($. == 2) { my @f = split /,/; my $t = $f[3]; $t =~ s/\\u\{([0-9a-f]+)\}|\\\\/defined $1 ? chr(hex $1) : "\\"/ge; binmode STDOUT, ":utf8"; print $t }' "$WORK/tasks.csv")
expect "CSV gives back the exact title" test "$decoded" = "$TITLE"
figure terminal.outputs_captured "$((OUTPUTS + 2))"

finish
