// The one place steer includes curses. Wide-character ncurses must be requested before the
// include; every macro Swift cannot import is wrapped below as a static inline function.
#ifndef STEER_CNCURSESW_SHIM_H
#define STEER_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline WINDOW *steer_stdscr(void) { return stdscr; }
static inline int steer_lines(void) { return LINES; }
static inline int steer_cols(void) { return COLS; }
static inline int steer_colors(void) { return COLORS; }
static inline attr_t steer_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t steer_a_normal(void) { return A_NORMAL; }
static inline attr_t steer_a_bold(void) { return A_BOLD; }
static inline attr_t steer_a_reverse(void) { return A_REVERSE; }
static inline attr_t steer_a_underline(void) { return A_UNDERLINE; }
static inline attr_t steer_a_dim(void) { return A_DIM; }
static inline int steer_key_resize(void) { return KEY_RESIZE; }
static inline int steer_key_code_yes(void) { return KEY_CODE_YES; }
static inline int steer_err(void) { return ERR; }
static inline int steer_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int steer_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

/// Writes `count` wide characters (each one cell, or two for a wide glyph, plus combining marks
/// folded in by the caller) at (y, x) with one attribute and colour pair.
static inline int steer_put_cell(WINDOW *w, int y, int x, const wchar_t *chars, attr_t attr, short pair) {
    cchar_t cc;
    if (setcchar(&cc, chars, attr, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}

static inline WINDOW *steer_curscr(void) { return curscr; }
static inline int steer_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t steer_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

/* Reads a mouse event: 1 for a click of the first button, 4 for the wheel up, 5 for the wheel
   down, 0 for anything else; the cell goes to *x, *y. */
static inline int steer_mouse_event(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (e.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

/* Whether curses can drive the terminal TERM names: 0 when it can, 1 when the terminfo database
   has no entry for it (or TERM is unset), 2 when it cannot move its cursor (dumb, hardcopy).
   Leaves no terminal set up. Last in this file: term.h defines short names (lines, columns)
   as macros. */
#include <ncursesw/term.h>
/* The terminal description's string capability `name` (an extended one such as BE, "bracketed
   paste on"), or NULL when the description has none. Asked once curses has started. */
static inline const char *steer_terminal_string(const char *name) {
    const char *s = tigetstr(name);
    return (s == NULL || s == (const char *)-1) ? NULL : s;
}

static inline int steer_terminal_problem(void) {
    int err = 0;
    if (setupterm(NULL, 1, &err) != OK) return 1;
    const char *cup = tigetstr("cup");
    int problem = (cup == NULL || cup == (const char *)-1) ? 2 : 0;
    del_curterm(cur_term);
    return problem;
}

#endif
