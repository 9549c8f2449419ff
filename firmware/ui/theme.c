/* The theme's colours, and every pair of them that a resident screen draws
 * next to each other, so that tests/uitest/test_contrast.c computes each
 * pair's contrast from these very colours: a later change that breaks
 * 4.5:1 for text or 3:1 for an edge or a state fails there. A screen that
 * puts two colours together in a new way adds its row here. */
#include <stddef.h>

#include "ui_internal.h"

void uix_theme(int elder, ui_theme_t *t)
{
    if (!elder) {
        *t = (ui_theme_t){
            .bg = {0xF3, 0xF5, 0xF8, 255},
            .card = {0xFF, 0xFF, 0xFF, 255},
            /* Card edges at 3.7:1 on the background (issue 15: #DCE1E8
             * was 1.20:1, the cards floated without an edge). */
            .border = {0x76, 0x7E, 0x8A, 255},
            .text = {0x1A, 0x1D, 0x21, 255},
            .muted = {0x55, 0x5E, 0x6A, 255},
            .accent = {0x1F, 0x4E, 0x8C, 255},
            .accent_dark = {0x16, 0x3A, 0x6A, 255},
            .on_accent = {0xFF, 0xFF, 0xFF, 255},
            .pressed = {0xDD, 0xE7, 0xF4, 255},
            .disabled = {0xE6, 0xE9, 0xED, 255},
            /* 4.9:1 on disabled (was #6B727C, 3.99:1). */
            .on_disabled = {0x5C, 0x64, 0x70, 255},
            .alert = {0xB0, 0x1E, 0x23, 255},
            .alert_bg = {0xFD, 0xEC, 0xEC, 255},
            .good = {0x1B, 0x6E, 0x3A, 255},
            .good_bg = {0xE6, 0xF4, 0xEA, 255},
            .shade = {0x00, 0x00, 0x00, 150},
            /* A press was a 1.25:1 tint; now the card turns dark. */
            .press = {0x16, 0x3A, 0x6A, 255},
            .on_press = {0xFF, 0xFF, 0xFF, 255},
            /* The focus ring (i17keys): near black outside, amber inside. */
            .focus = {0x00, 0x00, 0x00, 255},
            .focus_halo = {0xFF, 0xC4, 0x00, 255},
            .font = 1.0f,
            .line_pct = 135,
        };
    } else {
        /* Elder mode: larger text, black on white, stronger lines. */
        *t = (ui_theme_t){
            .bg = {0xFF, 0xFF, 0xFF, 255},
            .card = {0xFF, 0xFF, 0xFF, 255},
            .border = {0x40, 0x40, 0x40, 255},
            .text = {0x00, 0x00, 0x00, 255},
            .muted = {0x20, 0x20, 0x20, 255},
            .accent = {0x0B, 0x2E, 0x5C, 255},
            .accent_dark = {0x05, 0x1C, 0x3A, 255},
            .on_accent = {0xFF, 0xFF, 0xFF, 255},
            .pressed = {0xC8, 0xD8, 0xEE, 255},
            .disabled = {0xE0, 0xE0, 0xE0, 255},
            .on_disabled = {0x30, 0x30, 0x30, 255},
            .alert = {0x8A, 0x00, 0x00, 255},
            .alert_bg = {0xFF, 0xE5, 0xE5, 255},
            .good = {0x00, 0x50, 0x20, 255},
            .good_bg = {0xDD, 0xF2, 0xE3, 255},
            .shade = {0x00, 0x00, 0x00, 190},
            .press = {0x05, 0x1C, 0x3A, 255},
            .on_press = {0xFF, 0xFF, 0xFF, 255},
            .focus = {0x00, 0x00, 0x00, 255},
            .focus_halo = {0xFF, 0xC4, 0x00, 255},
            .font = 1.35f,
            .line_pct = 150,
        };
    }
}

#define C(f) offsetof(ui_theme_t, f)
#define TEXT(what, fg, bg)                                                                         \
    {                                                                                              \
        what, C(fg), C(bg), C(bg), UIX_PAIR_TEXT                                                   \
    }
#define EDGE(what, fg, bg)                                                                         \
    {                                                                                              \
        what, C(fg), C(bg), C(bg), UIX_PAIR_EDGE                                                   \
    }

const uix_pair_t uix_theme_pairs[] = {
    /* Text, by where it stands. */
    TEXT("body text on the background (service details, questions)", text, bg),
    TEXT("muted text on the background (section heads, hints)", muted, bg),
    TEXT("accent text on the background (labels of the service details)", accent, bg),
    TEXT("text on a card", text, card),
    TEXT("muted text on a card (summaries, the ticket's labels)", muted, card),
    TEXT("accent text on a card (the code, seats left, secondary buttons, ›)", accent, card),
    TEXT("text on the accent (header, primary buttons, attract, the chosen date)", on_accent,
         accent),
    TEXT("text of a disabled button, date or session", on_disabled, disabled),
    /* The slots screen says each date's and session's seats in words
     * (issue 15 item 8: 有号, 无号, 剩余N位). */
    TEXT("a chosen date's day, date and 有号/无号", on_accent, accent),
    TEXT("an open date's 有号 and an open session's time", text, card),
    TEXT("an open session's 剩余N位", accent, card),
    TEXT("无号 on a date or session without seats (was 3.99:1)", on_disabled, disabled),
    TEXT("a notice that went wrong", alert, alert_bg),
    TEXT("a notice that went well", good, good_bg),
    TEXT("a danger button's label", alert, card),
    TEXT("text on a pressed card, row, chip or secondary button", on_press, press),
    TEXT("a pressed primary or header button's label", accent, card),
    TEXT("a pressed danger button's label", card, alert),
    /* Edges: each against the fill inside it and the background outside. */
    EDGE("card edge against the card", border, card),
    EDGE("card edge against the background (issue 15: 1.20:1)", border, bg),
    EDGE("disabled item's edge against its fill", border, disabled),
    EDGE("secondary button or open session edge against the card", accent, card),
    EDGE("secondary button or open session edge against the background", accent, bg),
    EDGE("header button edge against the accent band", on_accent, accent),
    EDGE("danger button edge against the card", alert, card),
    EDGE("danger button edge against the background", alert, bg),
    EDGE("bad notice edge against its fill", alert, alert_bg),
    EDGE("bad notice edge against the background", alert, bg),
    EDGE("good notice edge against its fill", good, good_bg),
    EDGE("good notice edge against the background", good, bg),
    EDGE("attract's tap button against the accent", card, accent),
    EDGE("scroll bar against the background", muted, bg),
    EDGE("action bar's top line against the background", border, bg),
    /* States. */
    EDGE("pressed card against an unpressed one (issue 15: 1.25:1)", press, card),
    EDGE("pressed card against the background", press, bg),
    EDGE("pressed primary button against an unpressed one", card, accent),
    EDGE("pressed danger button against an unpressed one", alert, card),
    EDGE("the chosen date against the other dates", accent, card),
    /* The idle warning's card over the shaded screen (a card below it is
     * the lightest the shade can lie on). */
    {"idle card against the shaded screen", C(card), C(shade), C(card), UIX_PAIR_EDGE},
    /* i17keys: the keypad focus ring (ui/focus.c), two bands: the dark one
     * on the light surfaces, the amber one on the dark ones, and each
     * against the other (test_contrast.c also holds every surface to one
     * band at 3:1). */
    EDGE("focus ring's dark band against the background", focus, bg),
    EDGE("focus ring's dark band against a card", focus, card),
    EDGE("focus ring's dark band against a disabled button", focus, disabled),
    EDGE("focus ring's dark band against a bad notice", focus, alert_bg),
    EDGE("focus ring's dark band against a good notice", focus, good_bg),
    EDGE("focus ring's dark band against the light pressed tint", focus, pressed),
    EDGE("focus ring's amber band against the accent (header, primary buttons)", focus_halo,
         accent),
    EDGE("focus ring's amber band against the dark accent", focus_halo, accent_dark),
    EDGE("focus ring's amber band against a pressed card", focus_halo, press),
    EDGE("focus ring's amber band against a danger button pressed", focus_halo, alert),
    EDGE("focus ring's amber band against good green", focus_halo, good),
    EDGE("focus ring's amber band against the dark band", focus_halo, focus),
};
const int uix_theme_n_pairs = (int)(sizeof uix_theme_pairs / sizeof uix_theme_pairs[0]);
