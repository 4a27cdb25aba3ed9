#ifndef STEER_TERMINAL_SIGNALS_H
#define STEER_TERMINAL_SIGNALS_H

/* Signals on the screen. A quit signal (INT, TERM, HUP, QUIT) only records its number: the main
   loop sees it within one read timeout, restores the terminal with endwin and then dies of the
   same signal. A crash (SEGV, ABRT, BUS, FPE, ILL, TRAP) cannot go back to the loop: its handler
   restores the terminal at once and re-raises with the default action, as htop does.

   The state lives in terminal_signals.c, once for the process. Kept as statics in the curses
   shim header, it was one copy per Swift module that inlined the functions reading it: a
   release build, inlining the screen's loop into the program, read a flag the handler never
   set, and the screen ignored every quit signal. */

/* Installs the handlers; called once curses has started. */
void steer_install_signal_handlers(void);

/* The quit signal received since the handlers were installed, or 0. */
int steer_pending_quit_signal(void);

/* Notes that the terminal was asked to mark pasted text (ESC [ ? 2004 h): a crash asks it to
   stop, as the shell does not expect the marks. */
void steer_note_bracketed_paste(void);

/* Dies of `sig` with its default action, once the terminal has been restored. */
void steer_reraise(int sig);

#endif
