/* The keypad focus (issue 17, "without sight"): a USB keypad or keyboard
 * moves a ring over the widgets of the screen shown and Enter activates
 * the one it is on, through the same path as a tap (shell/keys.c, sdl_app.c).
 *
 * The ring belongs to the widgets of the last frame: it starts on the
 * screen's main action whenever a screen (or an overlay) appears, is drawn
 * only once a key has been pressed (a touch hides it again: residents who
 * touch never see it), and is thick and two-toned, dark outside and amber
 * inside, so that one of its bands stands at 3:1 or more against every
 * colour it can lie on (ui/theme.c's pairs, tests/uitest/test_contrast.c).
 *
 * Which widgets take it: every one a resident can tap, disabled ones too
 * (Enter on one says why it cannot be chosen, as a touch does: 下一步 can
 * hold the focus while the number is typed, then Enter goes on), but not
 * the display-only ones (the step, the QR, the scroll bar) and not the
 * digit keys of the phone keypad: digits are typed with the keyboard's own
 * keys, so a focused digit is never said aloud (docs/security.md). While
 * an overlay is up (the idle warning, the call for staff) only its own
 * widgets take it: the overlays drop the widgets below them. */
#ifndef UI_FOCUS_H
#define UI_FOCUS_H

#include "ui.h"

typedef enum ui_focus_dir {
    UI_FOCUS_NEXT, /* Tab: the next in reading order, round to the first */
    UI_FOCUS_PREV, /* Shift+Tab */
    UI_FOCUS_UP,   /* the arrows: the nearest widget that way, if any */
    UI_FOCUS_DOWN,
    UI_FOCUS_LEFT,
    UI_FOCUS_RIGHT
} ui_focus_dir_t;

/* Pure, for the unit tests and ui_focus_move: among the n widgets w (ok[i]
 * nonzero for those that may take the focus), the index a move d from
 * index cur lands on. Tab goes in the order given (the screens draw in
 * reading order: header, body, action bar) and wraps round; an arrow goes
 * to the nearest widget that way in the same row or column (their extents
 * across overlap), and stays at cur when there is none. cur -1 (or not ok):
 * the first ok widget. -1 when none is ok. */
int ui_focus_pick(const ui_widget_t *w, const unsigned char *ok, int n, int cur, ui_focus_dir_t d);

/* The widget with this id that keys can reach (not display-only), an
 * enabled one first, or NULL: a digit typed
 * presses key:5 where there is one, Backspace key:del. */
const ui_widget_t *ui_focus_find(const ui_t *ui, const char *id);
/* The focused widget of the last frame (enabled or not), or NULL. */
const ui_widget_t *ui_focused(const ui_t *ui);
/* Moves the focus (when the ring was hidden, only shows it where it is)
 * and shows the ring; returns the focused widget, or NULL when the screen
 * has none. */
const ui_widget_t *ui_focus_move(ui_t *ui, ui_focus_dir_t d);
/* Shows (a key was pressed) or hides (a touch) the ring. */
void ui_focus_show(ui_t *ui, int shown);
int ui_focus_shown(const ui_t *ui);

#endif
