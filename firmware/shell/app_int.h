/* What the SDL loop's files share: the state of the running kiosk and the
 * handlers of its input. sdl_app.c is the loop and its wiring (touch, mouse,
 * time, frames); keys.c the keyboard (a scanner is one); script_run.c the
 * test scripts of --script; health.c a release's health on trial. Private
 * to firmware/shell/; everyone else goes through sdl_app.h. */
#ifndef SHELL_APP_INT_H
#define SHELL_APP_INT_H

#include <SDL.h>

#include "../platform/scanner.h"
#include "sdl_app.h"

typedef struct app {
    kiosk_t *k;
    flow_t *flow;
    ui_t *ui;
    const app_opts_t *o;
    uint64_t ms; /* monotonic clock of the flow */
    uint64_t start_ticks;
    unsigned drawn_version;
    int drawn_once;
    /* The hidden way into staff mode: a long press in the top-left corner
     * of the attract screen. */
    int holding;
    uint64_t hold_ms;
    /* A barcode scanner in keyboard mode types its text, then Enter. */
    scanner_t scan;
    /* The press being handled before calibration, normalised logical
     * coordinates (what the calibration screen fits); set by window_point
     * for touches. Mouse and script taps are their own raw point. */
    float raw_x, raw_y;
    int raw_set;
    voice_t *voice;         /* voice guidance; silent when off or without audio */
    long long clock_offset; /* minutes the wall clock was stepped by (set-clock) */
    int daily_pending;      /* kiosk_daily has steps left for the next frames */
    /* The volume notice under the header ("音量 3/5"): shown until then,
     * or until the screen changes (0: none shown). */
    uint64_t level_until;
    flow_screen_t level_screen;
    char key_char; /* typed at its key-down: its text echo is dropped */
} app_t;

/* How long a press in the attract screen's top-left corner is held for
 * staff login. */
#define LONG_PRESS_MS 3000

/* ---- sdl_app.c ---- */
/* The flow's time now: the loop's clock, the wall clock stepped by set-clock. */
flow_time_t app_now(const app_t *a);
/* Serve the flow's requests, drawing after each. */
void app_settle(app_t *a);
/* A finger or the mouse, at logical point (x, y). */
void app_press(app_t *a, int x, int y);
void app_move(app_t *a, int x, int y);
void app_release(app_t *a, int x, int y);
/* A press and a release at (x, y), each drawn. */
void app_tap_at(app_t *a, int x, int y);
void app_check_long_press(app_t *a);
/* The voice's own widgets: 1 when id was one (and carried out). */
int app_voice_tap(app_t *a, const char *id);
/* A widget chosen by a tap or a key, enabled or not. */
void app_choose(app_t *a, const char *id, int enabled);
/* The flow and the day's housekeeping see the time now; drawn. */
void app_time_passed(app_t *a);
/* An SDL event: 1 when it ends the run. */
int app_handle(app_t *a, const SDL_Event *e);

/* ---- keys.c ---- */
/* A key down (the keypad's action: keymap.h), its text echo, any other
 * text from the keyboard device, Enter (1 when it ended a scan). */
void app_key_down(app_t *a, const SDL_Keysym *k);
void app_text_input(app_t *a, const char *text);
void app_key_text(app_t *a, const char *text);
int app_key_enter(app_t *a);

/* ---- script_run.c ---- */
/* Runs o->script's steps: an APP_ code. */
int app_run_script(app_t *a, char *err, size_t errlen);

/* ---- health.c ---- */
/* The next time a health check is due (UINT64_MAX: none); *unhealthy set
 * when a release on trial cannot take a booking. */
uint64_t app_check_health(app_t *a, uint64_t due, int *unhealthy);

#endif
