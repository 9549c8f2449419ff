/* The keys of a USB keypad or keyboard (issue 17, "without sight"; the
 * map is in README.md, Keys): what each does, apart from the SDL loop
 * that carries it out (shell/keys.c). Digits and letters are typed at
 * their key-down (a numeric keypad with Num Lock off sends no text) and
 * arrive again as text when SDL's text input is on: the loop drops that
 * echo. Both go through the scanner's filter (platform/scanner.h), in the
 * order typed, so a scanned payload is still told from typing. */
#ifndef SHELL_KEYMAP_H
#define SHELL_KEYMAP_H

#include <SDL.h>

#include "../ui/focus.h"

typedef enum keymap_action {
    KEYMAP_NONE,
    KEYMAP_FOCUS,    /* Tab, Shift+Tab, the arrows: *dir */
    KEYMAP_ACTIVATE, /* Enter, keypad Enter, space: the focused widget, as a tap */
    KEYMAP_TYPE,     /* a digit, of the main row or the keypad, or a letter: *c */
    KEYMAP_DELETE,   /* Backspace: 删除 (key:del) */
    KEYMAP_REPEAT,   /* keypad *, F1: the prompt again */
    KEYMAP_SOFTER,   /* keypad -, F2 */
    KEYMAP_LOUDER,   /* keypad +, F3 */
    KEYMAP_CALL      /* keypad /, F4, Help: 找工作人员 (call-staff), as a tap */
} keymap_action_t;

keymap_action_t keymap_action(SDL_Keycode k, Uint16 mod, ui_focus_dir_t *dir, char *c);

/* An SDL key name ("Return", "Tab", "Up", "F1", "Keypad *"), or the X11
 * names of the numeric keypad the scripts use: KP_5, KP_Enter,
 * KP_Multiply, KP_Add, KP_Subtract, KP_Divide, KP_Decimal; also
 * "Shift+Tab". SDLK_UNKNOWN when none; *mod gets the modifiers. */
SDL_Keycode keymap_named(const char *name, Uint16 *mod);

#endif
