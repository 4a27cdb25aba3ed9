"""Runs a program on a pseudo-terminal of its own and types keys into it, for the TUI
reliability tests. Two uses:

  pty_drive.py capture OUT COLS ROWS 'KEYS' -- COMMAND...
      Records every byte the program writes to the terminal into OUT. KEYS is a list of key
      tokens separated by spaces: Tab, Enter, Esc, Space, Run:SCRIPT (runs SCRIPT, then gives
      the screen 1.2 s to read the ledger again), or literal text sent as typed. After each one
      it waits for the screen to settle (no output for 150 ms). Exits with the program's status
      (128+N when it died of signal N).

  pty_drive.py hangup OUT COLS ROWS 'KEYS' -- COMMAND...
      Types KEYS (what the program writes goes to OUT), prints the program's pid, then closes
      the master side, as an SSH drop does, and exits at once, leaving the caller to watch it.
      With --no-ctty the program does not get the terminal as its controlling terminal, so no
      SIGHUP arrives and only the end of its input can tell it that the terminal is gone.
"""
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time

NAMED = {"Tab": b"\t", "Enter": b"\r", "Esc": b"\x1b", "Space": b" "}


def spawn(cols, rows, argv, ctty):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if ctty:
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(master)
        os.close(slave)
        os.execvp(argv[0], argv)
    os.close(slave)
    return pid, master


def settle(master, sink, quiet=0.15, limit=5.0):
    """Reads until the program has written nothing for `quiet` seconds; False at EOF."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], quiet)
        if not ready:
            return True
        try:
            data = os.read(master, 65536)
        except OSError:
            return False
        if not data:
            return False
        sink(data)
    return True


def type_keys(master, keys, sink):
    settle(master, sink, quiet=0.4)
    for token in keys.split():
        if token.startswith("Run:"):
            subprocess.run([token[4:]], check=True)
            settle(master, sink, quiet=1.2)
            continue
        os.write(master, NAMED.get(token, token.encode()))
        settle(master, sink)


def main():
    mode, target, cols, rows, keys = sys.argv[1:6]
    rest = sys.argv[6:]
    ctty = True
    if rest and rest[0] == "--no-ctty":
        ctty = False
        rest = rest[1:]
    assert rest[0] == "--"
    pid, master = spawn(int(cols), int(rows), rest[1:], ctty)
    if mode == "capture":
        with open(target, "wb") as out:
            type_keys(master, keys, out.write)
            while settle(master, out.write, quiet=1.0, limit=10.0):
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
    with open(target, "wb") as out:
        type_keys(master, keys, out.write)
    print(pid, flush=True)
    os.close(master)


main()
