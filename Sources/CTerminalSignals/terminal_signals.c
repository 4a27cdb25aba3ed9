#include "terminal_signals.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static volatile sig_atomic_t quit_signal_number = 0;
static volatile sig_atomic_t bracketed_paste = 0;

static void note_quit_signal(int sig) { quit_signal_number = sig; }

/* A crash's handler: the terminal is given back as the user had it, then the signal does what
   it would have done. endwin is the one curses call outside the screen's Terminal: nothing else
   can restore the terminal once the process is dying. */
static void restore_and_reraise(int sig) {
    if (bracketed_paste) {
        static const char paste_off[] = "\033[?2004l";
        ssize_t ignored = write(1, paste_off, sizeof paste_off - 1);
        (void)ignored;
    }
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

void steer_install_signal_handlers(void) {
    struct sigaction quit;
    memset(&quit, 0, sizeof quit);
    quit.sa_handler = note_quit_signal;
    sigemptyset(&quit.sa_mask);
    /* No SA_RESTART: the read waiting for a key returns at once and the loop notices. */
    sigaction(SIGINT, &quit, NULL);
    sigaction(SIGTERM, &quit, NULL);
    sigaction(SIGHUP, &quit, NULL);
    sigaction(SIGQUIT, &quit, NULL);

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = restore_and_reraise;
    sigemptyset(&crash.sa_mask);
    crash.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigaction(SIGSEGV, &crash, NULL);
    sigaction(SIGABRT, &crash, NULL);
    sigaction(SIGBUS, &crash, NULL);
    sigaction(SIGFPE, &crash, NULL);
    sigaction(SIGILL, &crash, NULL);
    sigaction(SIGTRAP, &crash, NULL);
}

int steer_pending_quit_signal(void) { return quit_signal_number; }

void steer_note_bracketed_paste(void) { bracketed_paste = 1; }

void steer_reraise(int sig) {
    signal(sig, SIG_DFL);
    raise(sig);
}
