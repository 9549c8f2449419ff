#include "keymap.h"

#include <stdio.h>
#include <string.h>

keymap_action_t keymap_action(SDL_Keycode k, Uint16 mod, ui_focus_dir_t *dir, char *c)
{
    static const struct {
        SDL_Keycode k;
        ui_focus_dir_t d;
    } moves[] = {{SDLK_UP, UI_FOCUS_UP},
                 {SDLK_DOWN, UI_FOCUS_DOWN},
                 {SDLK_LEFT, UI_FOCUS_LEFT},
                 {SDLK_RIGHT, UI_FOCUS_RIGHT}};
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (k == moves[i].k) {
            *dir = moves[i].d;
            return KEYMAP_FOCUS;
        }
    if (k == SDLK_TAB) {
        *dir = mod & KMOD_SHIFT ? UI_FOCUS_PREV : UI_FOCUS_NEXT;
        return KEYMAP_FOCUS;
    }
    /* A shifted digit of the main row is a sign (!, @), not a digit. */
    if (k >= SDLK_0 && k <= SDLK_9 && !(mod & KMOD_SHIFT)) {
        *c = (char)('0' + (k - SDLK_0));
        return KEYMAP_TYPE;
    }
    /* A letter, for the ticket code's keypad (check-in, cancel), as typed:
     * a scanner in keyboard mode types its payload's capitals with Shift. */
    if (k >= SDLK_a && k <= SDLK_z && !(mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))) {
        int upper = !(mod & KMOD_SHIFT) != !(mod & KMOD_CAPS);
        *c = (char)((upper ? 'A' : 'a') + (k - SDLK_a));
        return KEYMAP_TYPE;
    }
    /* SDL numbers the keypad 1..9, then 0. */
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
        *c = (char)('1' + (k - SDLK_KP_1));
        return KEYMAP_TYPE;
    }
    switch (k) {
    case SDLK_KP_0:
        *c = '0';
        return KEYMAP_TYPE;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return KEYMAP_ACTIVATE;
    case SDLK_BACKSPACE:
        return KEYMAP_DELETE;
    case SDLK_KP_MULTIPLY:
    case SDLK_F1:
        return KEYMAP_REPEAT;
    case SDLK_KP_MINUS:
    case SDLK_F2:
        return KEYMAP_SOFTER;
    case SDLK_KP_PLUS:
    case SDLK_F3:
        return KEYMAP_LOUDER;
    case SDLK_KP_DIVIDE:
    case SDLK_F4:
    case SDLK_HELP:
        return KEYMAP_CALL;
    default:
        return KEYMAP_NONE;
    }
}

SDL_Keycode keymap_named(const char *name, Uint16 *mod)
{
    static const struct {
        const char *x11, *sdl;
    } kp[] = {{"Enter", "Keypad Enter"}, {"Multiply", "Keypad *"}, {"Add", "Keypad +"},
              {"Subtract", "Keypad -"},  {"Divide", "Keypad /"},   {"Decimal", "Keypad ."}};
    *mod = KMOD_NONE;
    if (strncmp(name, "Shift+", 6) == 0) {
        *mod = KMOD_LSHIFT;
        name += 6;
    }
    if (strncmp(name, "KP_", 3) == 0) {
        char sdl[32];
        if (name[3] >= '0' && name[3] <= '9' && !name[4]) {
            snprintf(sdl, sizeof sdl, "Keypad %c", name[3]);
            return SDL_GetKeyFromName(sdl);
        }
        for (size_t i = 0; i < sizeof kp / sizeof kp[0]; i++)
            if (strcmp(name + 3, kp[i].x11) == 0)
                return SDL_GetKeyFromName(kp[i].sdl);
    }
    return SDL_GetKeyFromName(name);
}
