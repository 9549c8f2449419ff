/* The kiosk's screens on SDL2: window or headless surface, rotation, the
 * layout and drawing of each flow screen, and the widgets they leave behind
 * for hit testing and for the script command `widgets`.
 *
 * Immediate mode: ui_render() lays out and draws the whole screen from the
 * flow's state and records every visible widget (id, label, rectangle) as
 * it goes, so what can be tapped is exactly what was drawn. Coordinates are
 * logical: the panel as the resident sees it, before rotation. */
#ifndef UI_UI_H
#define UI_UI_H

#include <stddef.h>

#include "../core/flow.h"
#include "../core/ids.h"
#include "ticket_render.h"

typedef struct ui ui_t;

typedef struct ui_opts {
    int width, height;        /* logical size as the resident sees it */
    int rotate;               /* 0/90/180/270: panel mounted sideways */
    int headless;             /* software renderer on a surface, no display */
    int windowed;             /* a window instead of fullscreen (development) */
    const char *font_regular; /* paths of the committed font subset */
    const char *font_bold;
    const char *station_name; /* header of the home screen */
    int no_text_cache;        /* every string laid out and rendered each frame:
                               * the baseline of `make bench` */
} ui_opts_t;

typedef struct ui_widget {
    char id[80];
    char label[160];
    int x, y, w, h;
    int enabled;
    int display_only; /* shows something; takes no tap nor the keypad focus */
} ui_widget_t;

/* Creates the window (or headless surface), renderer and fonts. Returns NULL
 * with a message in err on failure. SDL must be initialised by the caller. */
ui_t *ui_create(const ui_opts_t *o, char *err, size_t errlen);
/* NULL-safe. */
void ui_destroy(ui_t *ui);

/* Lays out and draws s, then presents it. */
void ui_render(ui_t *ui, const flow_state_t *s);

/* A text the layout drew cut, "…" after its last shown line: its full
 * text (itself cut to fit here, which never hides that it was elided)
 * and its box. The script command `widgets` prints one `elided` line
 * each, so tests can hold a screen to cutting nothing. */
typedef struct ui_elided {
    char text[512];
    int x, y, w, h;
} ui_elided_t;
int ui_elided_count(const ui_t *ui);
const ui_elided_t *ui_elided(const ui_t *ui, int i);

/* Logical size actually used (fullscreen takes the display's). */
void ui_size(const ui_t *ui, int *w, int *h);

/* The voice's volume level (1..5) to show in a short notice under the
 * header of a resident screen ("音量 3/5"), or 0 for none: the shell sets
 * it when a volume button changed the volume and clears it soon after. */
void ui_voice_level(ui_t *ui, int level);

/* Widgets of the last render, in drawing order. */
int ui_widget_count(const ui_t *ui);
const ui_widget_t *ui_widget(const ui_t *ui, int i);
/* The enabled widget with this id, or NULL. */
const ui_widget_t *ui_find(const ui_t *ui, const char *id);
/* The widget with this id, enabled or not (an enabled one first), or NULL:
 * for a finger that touches what is drawn, whatever it is. */
const ui_widget_t *ui_find_any(const ui_t *ui, const char *id);
/* The topmost enabled widget at a logical point, or NULL. */
const ui_widget_t *ui_hit(const ui_t *ui, int x, int y);

/* Touch feedback and scrolling: a press highlights the widget under it at
 * once; moving more than a few pixels turns it into a drag that scrolls
 * the screen's body. ui_release returns 1 with the tapped widget id (copied
 * into id, idlen bytes), 2 with the id of a disabled widget tapped (for the
 * flow to say why it cannot be chosen), or 0 when the gesture was a drag or
 * hit nothing. */
void ui_press(ui_t *ui, int x, int y);
void ui_move(ui_t *ui, int x, int y);
int ui_release(ui_t *ui, int x, int y, char *id, size_t idlen);
/* Forgets the gesture in progress (its release will tap nothing). */
void ui_cancel_gesture(ui_t *ui);
/* 1 when a press or scroll changed what must be drawn since the last render. */
int ui_dirty(const ui_t *ui);

/* 1 when the last frame drew text containing needle (UTF-8, exact). */
int ui_shows_text(const ui_t *ui, const char *needle);
/* Every string the last frame drew, one a line (the script's `texts`). */
const char *ui_drawn_text(const ui_t *ui);

/* Writes the last rendered frame (logical orientation) as a BMP. 0 or -1. */
int ui_screenshot(ui_t *ui, const char *path);

/* Maps a physical point of the window (pixels) to logical coordinates,
 * undoing rotation. Touch calibration is applied before, by the platform. */
void ui_window_to_logical(const ui_t *ui, float nx, float ny, int *x, int *y);
/* The same for a point in pixels of the panel (the mouse's coordinates). */
void ui_pixel_to_logical(const ui_t *ui, int wx, int wy, int *x, int *y);

/* The printed ticket of the booking on the ticket screen, in the state's
 * language, with the same words as the screen. The strings live in buf. */
typedef struct ui_ticket_text {
    char station[160], title[64], service[160], when[128], place[200], party[96],
        code[KIOSK_TICKET_SHOWN_SIZE], payload[32], hint[400];
    char bring[400]; /* i16checkin */
    ui_ticket_t t;
} ui_ticket_text_t;
void ui_ticket_describe(const flow_state_t *s, ui_ticket_text_t *buf);

typedef struct ui_stats {
    unsigned long frames;
    unsigned long text_renders; /* TTF_Render* calls so far */
    unsigned long text_hits;
    size_t text_bytes;
} ui_stats_t;
void ui_stats(const ui_t *ui, ui_stats_t *out);

#endif
