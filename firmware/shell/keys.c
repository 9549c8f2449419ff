/* The keyboard: what its keys do (keymap.h) carried out on the running
 * kiosk, and its text through the scanner's filter (platform/scanner.h). */
#include <stdio.h>

#include "../core/wipe.h"
#include "app_int.h"
#include "keymap.h"

/* A character typed: the key of the screen's keypad that bears it, pressed
 * as a tap would (so it is said: how many typed, never which), else the
 * flow's text input. */
static void type_char(app_t *a, char c)
{
    char id[8], t[2] = {c, '\0'};
    snprintf(id, sizeof id, "key:%c", c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    const ui_widget_t *w = ui_focus_find(a->ui, id);
    if (w)
        app_choose(a, id, w->enabled);
    else
        flow_text(a->flow, t, app_now(a));
    app_settle(a);
}

/* Text from the keyboard device: typing goes to the screen at once, what
 * could be a scanned payload waits for Enter (platform/scanner.c). */
void app_key_text(app_t *a, const char *text)
{
    char out[SCANNER_MAX];
    if (scanner_text(&a->scan, text, a->ms, out))
        for (const char *p = out; *p; p++)
            type_char(a, *p);
    wipe_bytes(out, sizeof out);
}

/* Enter: 1 when it ended a scanned payload (then carried out). Typing
 * held as a payload's possible start (a code ending in K) is typed first. */
int app_key_enter(app_t *a)
{
    char out[SCANNER_MAX];
    int got = scanner_enter(&a->scan, out);
    if (got == SCANNER_SCAN)
        flow_scan(a->flow, out, app_now(a));
    else if (got == SCANNER_TYPED)
        for (const char *p = out; *p; p++)
            type_char(a, *p);
    wipe_bytes(out, sizeof out);
    return got == SCANNER_SCAN;
}

/* ---- the keypad (issue 17: without sight; ui/focus.h, keymap.h) ----------- */

/* The widget id, as a tap (when the screen has it). */
static void press_id(app_t *a, const char *id)
{
    const ui_widget_t *w = ui_focus_find(a->ui, id);
    if (w)
        app_choose(a, id, w->enabled);
}

static void key_down(app_t *a, const SDL_Keysym *k)
{
    ui_focus_dir_t dir = UI_FOCUS_NEXT;
    char c = 0, id[80];
    keymap_action_t act = keymap_action(k->sym, k->mod, &dir, &c);
    if (act == KEYMAP_NONE)
        return;
    if (act == KEYMAP_TYPE)
        a->key_char = c; /* typed here, or not at all: never by its echo */
    /* Any key is someone at the kiosk; one that ends the idle warning
     * does nothing else, as a touch. The ring shows from the first key
     * (a first move only shows it where it is: ui_focus_move). */
    if (flow_input(a->flow, app_now(a))) {
        ui_focus_show(a->ui, 1);
        return;
    }
    if (act != KEYMAP_FOCUS)
        ui_focus_show(a->ui, 1);
    const ui_widget_t *w;
    switch (act) {
    case KEYMAP_FOCUS:
        if ((w = ui_focus_move(a->ui, dir))) {
            char label[160];
            int on = w->enabled;
            snprintf(id, sizeof id, "%s", w->id);
            snprintf(label, sizeof label, "%s", w->label);
            voice_focus(a->voice, flow_state(a->flow), id, label, on, app_now(a).stamp);
        }
        break;
    case KEYMAP_ACTIVATE:
        if (!app_key_enter(a) && (w = ui_focused(a->ui))) {
            snprintf(id, sizeof id, "%s", w->id);
            app_choose(a, id, w->enabled);
        }
        break;
    case KEYMAP_TYPE: {
        char t[2] = {c, '\0'};
        app_key_text(a, t);
        break;
    }
    case KEYMAP_DELETE:
        press_id(a, "key:del");
        break;
    case KEYMAP_CALL:
        press_id(a, "call-staff");
        break;
    default: /* the voice's own keys */
        app_voice_tap(a, act == KEYMAP_REPEAT   ? "repeat"
                         : act == KEYMAP_LOUDER ? "volume-up"
                                                : "volume-down");
        break;
    }
}

void app_key_down(app_t *a, const SDL_Keysym *k)
{
    a->key_char = 0;
    key_down(a, k);
}

void app_text_input(app_t *a, const char *text)
{
    /* The text echo of what was typed at its key-down is dropped. */
    if (a->key_char && !text[1] && (text[0] | 0x20) == (a->key_char | 0x20))
        a->key_char = 0;
    else
        app_key_text(a, text);
}
