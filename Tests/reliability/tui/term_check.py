"""Checks a capture of everything `steer tui` wrote to a terminal (pty_drive.py capture) for
control sequences that did not come from the terminal description: prints one line per check,
"PASS what" or "FAIL what: where".

  term_check.py CAPTURE [SHOWN...]

SHOWN are texts that must appear on the screen (escape sequences taken out): the hostile
fields as the placeholders the screen draws for them, proof that the text was drawn at all.
"""
import re
import sys

data = open(sys.argv[1], "rb").read()
shown = sys.argv[2:]
results = []


def check(what, problems):
    results.append(f"PASS {what}" if not problems else f"FAIL {what}: " + "; ".join(problems[:5]))


def at(i):
    return f"offset {i}: {data[max(0, i - 30):i + 30]!r}"


# What ncurses sends for xterm-256color, screen-256color and vt100 (infocmp): CSI with a final
# byte of the cursor, erase, scroll-region, insert/delete, attribute and mode capabilities;
# private modes only for the keypad (1), wrap (7), cursor (12, 25), the alternate screen
# (1049) and bracketed paste (2004: BE and BD, which xterm-256color's description has and
# steer sends only where the description has them); CSI t only to save and restore the window title around the alternate screen (22;0;0,
# 23;0;0); charset selection ESC ( B / ESC ( 0 / ESC ) 0; ESC 7/8 (save/restore cursor); ESC = and
# ESC > (keypad); ESC M (reverse index). No mouse mode: these runs are without --mouse.
CSI = re.compile(rb"\x1b\[(\??)([0-9;]*)([@-~])")
PLAIN_FINALS = set(b"@ABCDEFGHJKLMPSTXZabdfhlmr")
PRIVATE_MODES = {b"1", b"7", b"12", b"25", b"1049", b"12;25", b"2004"}
TITLE_STACK = {b"22;0;0", b"23;0;0"}
OTHER = {b"(B", b"(0", b")0", b"7", b"8", b"=", b">", b"M"}

unknown = []
sequences = []
i = data.find(b"\x1b")
while i != -1:
    m = CSI.match(data, i)
    if m:
        private, params, final = m.group(1), m.group(2), m.group(3)
        seq = m.group(0)
        good = (final[0] in PLAIN_FINALS and not private and final != b"t") or \
               (private and final in (b"h", b"l") and params in PRIVATE_MODES) or \
               (final == b"t" and not private and params in TITLE_STACK)
        end = m.end()
    else:
        seq = data[i:i + 3] if data[i + 1:i + 2] in (b"(", b")") else data[i:i + 2]
        good = seq[1:] in OTHER
        end = i + len(seq)
    sequences.append((i, seq))
    if not good:
        unknown.append(f"{seq!r} at " + at(i))
    i = data.find(b"\x1b", end)
check(f"every one of the {len(sequences)} escape sequences is one the terminal description emits", unknown)

check("no OSC, DCS, APC, PM or ST (ESC ] P _ ^ \\)",
      [at(m.start()) for m in re.finditer(rb"\x1b[\]P_^\\X]", data)])
check("no CSI 21 t (title report) and no CSI 6 n (cursor report)",
      [at(m.start()) for m in re.finditer(rb"(\x1b\[|\xc2\x9b|\x9b)(21t|6n)", data)])
# SO and SI switch between the character sets (screen and vt100 end every sgr0 with SI).
check("no BEL, DEL or C0 control other than BS, HT, LF, CR, SO, SI and ESC",
      [at(m.start()) for m in re.finditer(rb"[\x00-\x07\x0b\x0c\x10-\x1a\x1c-\x1f\x7f]", data)])
# vt100 has no alternate screen; the others enter it at the start and leave it at the end only.
alternate = [s for _, s in sequences if s in (b"\x1b[?1049h", b"\x1b[?1049l")]
check("the alternate screen is entered and left at most once",
      [] if alternate in ([], [b"\x1b[?1049h", b"\x1b[?1049l"]) else [f"{alternate!r}"])

try:
    text = data.decode("utf-8")
    bad_utf8 = []
except UnicodeDecodeError as e:
    text = data.decode("utf-8", "replace")
    bad_utf8 = [f"invalid UTF-8: {e}"]
check("valid UTF-8 with no C1 control (U+0080–U+009F)",
      bad_utf8 + [f"U+{ord(c):04X} at char {k}" for k, c in enumerate(text) if 0x80 <= ord(c) <= 0x9F])
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C, 0x2028, 0x2029}
check("no bidirectional override, isolate or mark, no line or paragraph separator",
      [f"U+{ord(c):04X} at char {k}" for k, c in enumerate(text) if ord(c) in BIDI])

visible = re.sub(r"\x1b(\[\??[0-9;]*[@-~]|[()][B0]|[78=>M])", "", text)
check("the hostile text is drawn, as placeholders",
      [f"not found: {s!r}" for s in shown if s not in visible])

print("\n".join(results))
