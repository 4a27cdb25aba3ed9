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
#include <wchar.h>
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

#endif
