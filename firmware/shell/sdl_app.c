#include "sdl_app.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/calib.h"
#include "../platform/log.h"
#include "../platform/notify.h"
#include "../core/wipe.h"
#include "../platform/scanner.h"
#include "keymap.h"
#include "script.h"
#include "../update/update.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev" /* never a release version: never marked healthy */
#endif

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
    char key_char;          /* typed at its key-down: its text echo is dropped */
} app_t;

static flow_time_t now_of(const app_t *a)
{
    flow_time_t t;
    t.ms = a->ms;
    t.stamp = a->o->clock.now(a->o->clock.ctx, a->ms) + a->clock_offset;
    return t;
}

static void draw_if_changed(app_t *a)
{
    const flow_state_t *s = flow_state(a->flow);
    /* Before the frame: the prompt's synthesis runs while it is drawn. */
    voice_screen(a->voice, s, now_of(a).stamp);
    if (a->level_until && (a->ms >= a->level_until || s->screen != a->level_screen)) {
        ui_voice_level(a->ui, 0);
        a->level_until = 0;
    }
    if (!a->drawn_once || s->version != a->drawn_version || ui_dirty(a->ui)) {
        benchlog_mark_t m = benchlog_mark(a->o->bench);
        ui_render(a->ui, s);
        benchlog_event(a->o->bench, "frame", flow_screen_id(s->screen), m);
        a->drawn_version = s->version;
        a->drawn_once = 1;
    }
}

/* Serve the flow's requests one by one, drawing after each: the resident
 * sees the ticket before the printer starts on it. */
static void settle(app_t *a)
{
    draw_if_changed(a);
    for (int i = 0; i < 8 && kiosk_serve(a->k); i++)
        draw_if_changed(a);
    voice_poll(a->voice);
}

/* Every touch restarts the idle timer, on a widget or not; one that ends
 * the idle warning does nothing else, so a tap on the overlay never lands
 * on the screen below. */
#define LONG_PRESS_MS 3000
/* How long the volume notice stays after a volume button. */
#define VOLUME_NOTICE_MS 3000

static void press(app_t *a, int x, int y)
{
    int w, h;
    ui_size(a->ui, &w, &h);
    float rx = a->raw_set ? a->raw_x : (float)x / (float)w;
    float ry = a->raw_set ? a->raw_y : (float)y / (float)h;
    a->raw_set = 0;
    ui_focus_show(a->ui, 0); /* the keypad's ring is for keys alone */
    ui_press(a->ui, x, y);
    if (flow_input(a->flow, now_of(a)))
        ui_cancel_gesture(a->ui);
    else if (flow_state(a->flow)->screen == FLOW_CALIBRATE && !ui_hit(a->ui, x, y))
        /* Off the buttons: a touch on the target shown. */
        flow_calib_press(a->flow, rx, ry, now_of(a));
    int corner = (w < h ? w : h) / 7;
    a->holding = flow_state(a->flow)->screen == FLOW_ATTRACT && x < corner && y < corner;
    a->hold_ms = a->ms;
}

/* Held long enough in the corner: staff login, and the press is not a tap. */
static void check_long_press(app_t *a)
{
    if (a->holding && a->ms - a->hold_ms >= LONG_PRESS_MS) {
        a->holding = 0;
        ui_cancel_gesture(a->ui);
        flow_tap(a->flow, "staff-login", now_of(a));
    }
}

static void move(app_t *a, int x, int y)
{
    flow_input(a->flow, now_of(a));
    a->holding = 0; /* a long press stays put */
    ui_move(a->ui, x, y);
}

/* The voice's own widgets (the repeat button, 音量): not the flow's. */
static int voice_tap(app_t *a, const char *id)
{
    const flow_state_t *s = flow_state(a->flow);
    if (strcmp(id, "repeat") == 0 || strcmp(id, "speak") == 0)
        voice_repeat(a->voice, s, now_of(a).stamp);
    else if (strcmp(id, "volume-up") == 0 || strcmp(id, "volume-down") == 0) {
        ui_voice_level(a->ui, voice_volume(a->voice, s, id[7] == 'u' ? 1 : -1, now_of(a).stamp));
        a->level_until = a->ms + VOLUME_NOTICE_MS;
        a->level_screen = s->screen;
    } else
        return 0;
    return 1;
}

/* A widget activated by a tap (or, later, by Enter on the keypad's focus):
 * the flow takes it, and the voice says it, or the screen it led to. */
static void activate(app_t *a, const char *id)
{
    if (voice_tap(a, id))
        return;
    char label[160] = "";
    const ui_widget_t *w = ui_find(a->ui, id);
    if (w)
        snprintf(label, sizeof label, "%s", w->label);
    flow_tap(a->flow, id, now_of(a));
    voice_item(a->voice, flow_state(a->flow), id, label, now_of(a).stamp);
}

/* A widget chosen by a tap or a key: activated, or, disabled, answered
 * with why it cannot be chosen (said too). */
static void choose(app_t *a, const char *id, int enabled)
{
    if (enabled) {
        activate(a, id);
        return;
    }
    flow_tap_disabled(a->flow, id, now_of(a));
    voice_item(a->voice, flow_state(a->flow), id, "", now_of(a).stamp);
}

static void release(app_t *a, int x, int y)
{
    char id[80];
    check_long_press(a);
    a->holding = 0;
    flow_input(a->flow, now_of(a));
    int tapped = ui_release(a->ui, x, y, id, sizeof id);
    if (tapped)
        choose(a, id, tapped == 1);
}

static void tap_at(app_t *a, int x, int y)
{
    press(a, x, y);
    settle(a); /* the pressed state is drawn before the release */
    release(a, x, y);
    settle(a);
}

/* A touch at (nx, ny), normalised panel coordinates, to logical pixels:
 * calibrated, then turned. The uncalibrated point is kept for press(). */
static void window_point(app_t *a, float nx, float ny, int *x, int *y)
{
    calib_rotate(a->o->ui.rotate, nx, ny, &a->raw_x, &a->raw_y);
    a->raw_set = 1;
    calib_apply(kiosk_touch_matrix(a->k), &nx, &ny);
    ui_window_to_logical(a->ui, nx, ny, x, y);
}

/* ---- scanner ---------------------------------------------------------------- */

/* A character typed: the key of the screen's keypad that bears it, pressed
 * as a tap would (so it is said: how many typed, never which), else the
 * flow's text input. */
static void type_char(app_t *a, char c)
{
    char id[8], t[2] = {c, '\0'};
    snprintf(id, sizeof id, "key:%c", c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    const ui_widget_t *w = ui_focus_find(a->ui, id);
    if (w)
        choose(a, id, w->enabled);
    else
        flow_text(a->flow, t, now_of(a));
    settle(a);
}

/* Text from the keyboard device: typing goes to the screen at once, what
 * could be a scanned payload waits for Enter (platform/scanner.c). */
static void key_text(app_t *a, const char *text)
{
    char out[SCANNER_MAX];
    if (scanner_text(&a->scan, text, a->ms, out))
        for (const char *p = out; *p; p++)
            type_char(a, *p);
    wipe_bytes(out, sizeof out);
}

/* Enter: 1 when it ended a scanned payload (then carried out). Typing
 * held as a payload's possible start (a code ending in K) is typed first. */
static int key_enter(app_t *a)
{
    char out[SCANNER_MAX];
    int got = scanner_enter(&a->scan, out);
    if (got == SCANNER_SCAN)
        flow_scan(a->flow, out, now_of(a));
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
        choose(a, id, w->enabled);
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
    if (flow_input(a->flow, now_of(a))) {
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
            voice_focus(a->voice, flow_state(a->flow), id, label, on, now_of(a).stamp);
        }
        break;
    case KEYMAP_ACTIVATE:
        if (!key_enter(a) && (w = ui_focused(a->ui))) {
            snprintf(id, sizeof id, "%s", w->id);
            choose(a, id, w->enabled);
        }
        break;
    case KEYMAP_TYPE: {
        char t[2] = {c, '\0'};
        key_text(a, t);
        break;
    }
    case KEYMAP_DELETE:
        press_id(a, "key:del");
        break;
    case KEYMAP_CALL:
        press_id(a, "call-staff");
        break;
    default: /* the voice's own keys */
        voice_tap(a, act == KEYMAP_REPEAT   ? "repeat"
                     : act == KEYMAP_LOUDER ? "volume-up"
                                            : "volume-down");
        break;
    }
}

/* ---- scripts ---------------------------------------------------------------- */

static int handle(app_t *a, const SDL_Event *e);

/* A finger down and up at logical point (x, y), as SDL touch events (window
 * coordinates: rotation undone, no calibration) through the handler of a
 * resident's finger. The bench log gets, for each, the time from queueing
 * the event to the present of the frame that shows it: the press feedback,
 * then the tap's result. */
/* A finger down and up at (nx, ny), normalised panel coordinates, as SDL
 * touch events through the same handler as a resident's finger. */
static void finger(app_t *a, float nx, float ny)
{
    SDL_Event e = {0};
    e.tfinger.x = nx;
    e.tfinger.y = ny;
    e.tfinger.pressure = 1.0f;
    const Uint32 types[2] = {SDL_FINGERDOWN, SDL_FINGERUP};
    for (int i = 0; i < 2; i++) {
        e.type = types[i];
        benchlog_mark_t m = benchlog_mark(a->o->bench);
        SDL_PushEvent(&e);
        SDL_Event got;
        while (SDL_PollEvent(&got))
            handle(a, &got);
        settle(a);
        benchlog_event(a->o->bench, "input", i ? "up" : "down", m);
    }
}

/* A finger on layout point (x, y) of a perfectly calibrated panel: the
 * layout's rotation undone (the inverse of a turn is the turn the other way). */
static void touch(app_t *a, int x, int y)
{
    int lw, lh;
    ui_size(a->ui, &lw, &lh);
    float lx = (x + 0.5f) / (float)lw, ly = (y + 0.5f) / (float)lh, nx, ny;
    calib_rotate((360 - a->o->ui.rotate) % 360, lx, ly, &nx, &ny);
    finger(a, nx, ny);
}

static void print_widgets(const app_t *a, FILE *f)
{
    for (int i = 0; i < ui_widget_count(a->ui); i++) {
        const ui_widget_t *w = ui_widget(a->ui, i);
        fprintf(f, "%s\t%s\t%d,%d,%d,%d%s\n", w->id, w->label, w->x, w->y, w->w, w->h,
                w->enabled ? "" : "\tdisabled");
    }
    /* The keypad's focus, while its ring is drawn. */
    const ui_widget_t *fw = ui_focused(a->ui);
    if (fw && ui_focus_shown(a->ui))
        fprintf(f, "focus\t%s\n", fw->id);
    /* Then every text the layout cut with "…" (none, on a screen that
     * fits): "elided", its full text, its box. */
    for (int i = 0; i < ui_elided_count(a->ui); i++) {
        const ui_elided_t *e = ui_elided(a->ui, i);
        fprintf(f, "elided\t%s\t%d,%d,%d,%d\n", e->text, e->x, e->y, e->w, e->h);
    }
}

static const char *current_screen(const app_t *a)
{
    const flow_state_t *s = flow_state(a->flow);
    /* The overlays by their own ids: the idle warning over the call's. */
    return s->idle_warning ? "idle-warning" : s->call_shown ? "call" : flow_screen_id(s->screen);
}

/* The flow and the day's housekeeping see the time now, and what changed
 * is drawn. */
static void time_passed(app_t *a)
{
    flow_tick(a->flow, now_of(a));
    /* One step of the day's work a frame (a slice of sessions at most):
     * the rest at the next frames, which come at once while it lasts. */
    a->daily_pending = kiosk_daily(a->k, now_of(a).stamp);
    settle(a);
}

/* A script's time stands still between steps: the frames that finish the
 * day's work come before the next step, one slice each. */
static void finish_daily(app_t *a)
{
    while (a->daily_pending)
        time_passed(a);
}

static void advance(app_t *a, uint64_t to)
{
    while (a->ms < to) {
        uint64_t next = flow_next_deadline(a->flow);
        if (a->holding && a->hold_ms + LONG_PRESS_MS < next)
            next = a->hold_ms + LONG_PRESS_MS;
        a->ms = next > a->ms && next < to ? next : to;
        check_long_press(a);
        time_passed(a);
    }
}

static int run_step(app_t *a, const script_cmd_t *c, char *why, size_t n)
{
    const ui_widget_t *w;
    switch (c->op) {
    case SCRIPT_TAP:
    case SCRIPT_TOUCH:
        if (c->op == SCRIPT_TOUCH && !c->arg[0]) {
            touch(a, c->x, c->y);
            return 0;
        }
        /* A finger touches what is drawn, disabled or not; a tap is a
         * script's way to choose, and only what can be chosen. */
        if (!(w = c->op == SCRIPT_TAP ? ui_find(a->ui, c->arg) : ui_find_any(a->ui, c->arg))) {
            snprintf(why, n, "no %swidget '%s' on screen", c->op == SCRIPT_TAP ? "enabled " : "",
                     c->arg);
            return -1;
        }
        (c->op == SCRIPT_TAP ? tap_at : touch)(a, w->x + w->w / 2, w->y + w->h / 2);
        return 0;
    case SCRIPT_TAP_TEXT:
        for (int i = 0; i < ui_widget_count(a->ui); i++) {
            w = ui_widget(a->ui, i);
            if (w->enabled && strcmp(w->label, c->arg) == 0) {
                tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
                return 0;
            }
        }
        snprintf(why, n, "no enabled widget labelled \"%s\"", c->arg);
        return -1;
    case SCRIPT_TAP_AT:
        tap_at(a, c->x, c->y);
        return 0;
    case SCRIPT_TOUCH_RAW:
        /* As the panel reports it: through calibration and rotation. */
        finger(a, (float)c->fx, (float)c->fy);
        return 0;
    case SCRIPT_TAP_IF:
        if ((w = ui_find(a->ui, c->arg)))
            tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
        return 0;
    case SCRIPT_TAP_FIRST: /* "cancel:" taps the first booking's, whatever its code */
        for (int i = 0; i < ui_widget_count(a->ui); i++) {
            w = ui_widget(a->ui, i);
            if (w->enabled && strncmp(w->id, c->arg, strlen(c->arg)) == 0) {
                tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
                return 0;
            }
        }
        snprintf(why, n, "no enabled widget whose id starts with \"%s\"", c->arg);
        return -1;
    case SCRIPT_TAP_NTH: {
        int live = 0;
        for (int i = 0; i < ui_widget_count(a->ui); i++)
            live += ui_widget(a->ui, i)->enabled;
        for (int i = 0, k = live ? c->x % live : -1; i < ui_widget_count(a->ui) && k >= 0; i++) {
            w = ui_widget(a->ui, i);
            if (w->enabled && k-- == 0)
                tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
        }
        return 0;
    }
    case SCRIPT_SCREEN: {
        const flow_state_t *s = flow_state(a->flow);
        printf("screen %s%s%s\n", current_screen(a), s->screen == FLOW_TICKET ? " " : "",
               s->screen == FLOW_TICKET ? s->ticket : "");
        return 0;
    }
    case SCRIPT_RSS: {
        long kb = -1;
        char line[128];
        FILE *f = fopen("/proc/self/status", "r");
        while (f && fgets(line, sizeof line, f))
            if (strncmp(line, "VmRSS:", 6) == 0)
                kb = strtol(line + 6, NULL, 10);
        if (f)
            fclose(f);
        printf("rss_kb=%ld\n", kb);
        fflush(stdout);
        return 0;
    }
    case SCRIPT_HOLD:
        /* Press, keep the finger still for the time given, release. */
        press(a, c->x, c->y);
        settle(a);
        advance(a, a->ms + (uint64_t)(c->seconds * 1000.0 + 0.5));
        release(a, c->x, c->y);
        settle(a);
        return 0;
    case SCRIPT_DRAG:
        press(a, c->x, c->y);
        for (int i = 1; i <= 8; i++)
            move(a, c->x + (c->x2 - c->x) * i / 8, c->y + (c->y2 - c->y) * i / 8);
        release(a, c->x2, c->y2);
        settle(a);
        return 0;
    case SCRIPT_TYPE:
        flow_text(a->flow, c->arg, now_of(a));
        settle(a);
        return 0;
    case SCRIPT_SCAN:
        /* As the scanner would: its text, then Enter. */
        key_text(a, c->arg);
        key_enter(a);
        settle(a);
        return 0;
    case SCRIPT_WAIT:
        advance(a, a->ms + (uint64_t)(c->seconds * 1000.0 + 0.5));
        return 0;
    case SCRIPT_SET_CLOCK:
        a->clock_offset += c->stamp - now_of(a).stamp;
        time_passed(a); /* at once, not at the next wait */
        return 0;
    case SCRIPT_EXPECT_SCREEN:
        if (strcmp(current_screen(a), c->arg) != 0) {
            snprintf(why, n, "screen is '%s', expected '%s'", current_screen(a), c->arg);
            return -1;
        }
        return 0;
    case SCRIPT_EXPECT_TEXT:
        if (!ui_shows_text(a->ui, c->arg)) {
            snprintf(why, n, "text \"%s\" is not on screen", c->arg);
            return -1;
        }
        return 0;
    case SCRIPT_EXPECT_NO_TEXT:
        if (ui_shows_text(a->ui, c->arg)) {
            snprintf(why, n, "text \"%s\" is on screen", c->arg);
            return -1;
        }
        return 0;
    case SCRIPT_SHOT: {
        char path[1024];
        if (!a->o->shots) {
            snprintf(why, n, "shot needs --screenshots DIR");
            return -1;
        }
        snprintf(path, sizeof path, "%s/%s.bmp", a->o->shots, c->arg);
        if (ui_screenshot(a->ui, path)) {
            snprintf(why, n, "cannot write %.300s: %.150s", path, SDL_GetError());
            return -1;
        }
        return 0;
    }
    case SCRIPT_WIDGETS:
        print_widgets(a, stdout);
        fflush(stdout);
        return 0;
    case SCRIPT_TEXTS: {
        /* Every string on screen, a line each: "text<TAB>..." */
        const char *t = ui_drawn_text(a->ui);
        while (*t) {
            size_t len = strcspn(t, "\n");
            printf("text\t%.*s\n", (int)len, t);
            t += len + (t[len] == '\n');
        }
        fflush(stdout);
        return 0;
    }
    case SCRIPT_KEY: {
        Uint16 mod;
        SDL_Keycode k = keymap_named(c->arg, &mod);
        if (k == SDLK_UNKNOWN) {
            snprintf(
                why, n,
                "no key named '%s' (SDL key names: Return, Tab, Up, F1, KP_5, KP_Multiply, ...)",
                c->arg);
            return -1;
        }
        SDL_Event e = {0};
        e.type = SDL_KEYDOWN;
        e.key.state = SDL_PRESSED;
        e.key.keysym.sym = k;
        e.key.keysym.mod = mod;
        e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
        handle(a, &e);
        settle(a);
        return 0;
    }
    case SCRIPT_EXPECT_FOCUS:
        if (!(w = ui_focused(a->ui)) || strcmp(w->id, c->arg) != 0) {
            snprintf(why, n, "the focus is on %s%s%s, expected '%s'", w ? "'" : "nothing",
                     w ? w->id : "", w ? "'" : "", c->arg);
            return -1;
        }
        return 0;
    case SCRIPT_EXPECT_SPEECH:
        if (!strstr(voice_last(a->voice), c->arg)) {
            snprintf(why, n, "the last utterance is \"%.300s\", not one with \"%.100s\"",
                     voice_last(a->voice), c->arg);
            return -1;
        }
        return 0;
    case SCRIPT_WAIT_SPEECH: {
        /* Real time, for the audio device; bounded, never a fixed sleep. */
        uint64_t until = SDL_GetTicks64() + 30000;
        while (voice_busy(a->voice) && !(c->x && voice_started(a->voice)) &&
               SDL_GetTicks64() < until) {
            uint64_t next = voice_poll(a->voice);
            SDL_Delay(next == UINT64_MAX ? 1 : next > 20 ? 20 : (Uint32)next);
        }
        if (voice_busy(a->voice) && !(c->x && voice_started(a->voice))) {
            snprintf(why, n, "the prompt was still being said after 30 s");
            return -1;
        }
        return 0;
    }
    case SCRIPT_STATS: {
        ui_stats_t st;
        ui_stats(a->ui, &st);
        printf("frames=%lu text_renders=%lu text_bytes=%zu\n", st.frames, st.text_renders,
               st.text_bytes);
        fflush(stdout);
        return 0;
    }
    default:
        return 0;
    }
}

static int run_script(app_t *a, char *err, size_t errlen)
{
    FILE *f = fopen(a->o->script, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", a->o->script);
        return APP_ERROR;
    }
    char line[1024];
    int lineno = 0, rc = APP_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f)) {
            fprintf(stderr, "%s:%d: line longer than %zu bytes\n", a->o->script, lineno,
                    sizeof line - 2);
            rc = APP_SCRIPT_FAILED;
            break;
        }
        line[strcspn(line, "\n")] = '\0';
        script_cmd_t c;
        char why[512];
        if (script_parse_line(line, &c, why, sizeof why)) {
            fprintf(stderr, "%s:%d: %s: %s\n", a->o->script, lineno, line, why);
            rc = APP_SCRIPT_FAILED;
            break;
        }
        if (c.op == SCRIPT_NONE)
            continue;
        int failed = run_step(a, &c, why, sizeof why);
        finish_daily(a);
        if (failed) {
            fprintf(stderr, "%s:%d: step failed: %s\n  %s\nvisible widgets (screen %s):\n",
                    a->o->script, lineno, line, why, current_screen(a));
            print_widgets(a, stderr);
            rc = APP_SCRIPT_FAILED;
            break;
        }
    }
    fclose(f);
    return rc;
}

/* ---- people ----------------------------------------------------------------- */

static int handle(app_t *a, const SDL_Event *e)
{
    int x, y;
    switch (e->type) {
    case SDL_QUIT:
        /* Only signals (SIGTERM from systemd, Ctrl-C) make one: closing the
         * last window does not (SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE). */
        return 1;
    case SDL_KEYDOWN:
        if (a->o->dev && e->key.keysym.sym == SDLK_ESCAPE)
            return 1;
        a->key_char = 0;
        key_down(a, &e->key.keysym);
        break;
    case SDL_TEXTINPUT:
        /* The text echo of what was typed at its key-down is dropped. */
        if (a->key_char && !e->text.text[1] &&
            (e->text.text[0] | 0x20) == (a->key_char | 0x20))
            a->key_char = 0;
        else
            key_text(a, e->text.text);
        break;
    case SDL_FINGERDOWN:
        window_point(a, e->tfinger.x, e->tfinger.y, &x, &y);
        press(a, x, y);
        break;
    case SDL_FINGERMOTION:
        window_point(a, e->tfinger.x, e->tfinger.y, &x, &y);
        a->raw_set = 0;
        move(a, x, y);
        break;
    case SDL_FINGERUP:
        window_point(a, e->tfinger.x, e->tfinger.y, &x, &y);
        a->raw_set = 0;
        release(a, x, y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT) {
            ui_pixel_to_logical(a->ui, e->button.x, e->button.y, &x, &y);
            press(a, x, y);
        }
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which != SDL_TOUCH_MOUSEID && (e->motion.state & SDL_BUTTON_LMASK)) {
            ui_pixel_to_logical(a->ui, e->motion.x, e->motion.y, &x, &y);
            move(a, x, y);
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT) {
            ui_pixel_to_logical(a->ui, e->button.x, e->button.y, &x, &y);
            release(a, x, y);
        }
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
            a->drawn_once = 0;
        if (e->window.event == SDL_WINDOWEVENT_CLOSE && a->o->dev)
            return 1; /* a kiosk is not closed from its window */
        break;
    default:
        break;
    }
    return 0;
}

/* A new release is on trial until it has served people this long (the
 * database open, the first frame drawn, the loop feeding the watchdog):
 * then, if it can take a booking (the database open for writing, its files
 * in place, a booking transaction able to begin), it says so in the data
 * directory, and the next boot check keeps it instead of rolling it back
 * after failed starts. A release on trial that cannot book stops unmarked
 * (*unhealthy): systemd starts it again, the boot check counts the start,
 * and after update_max_boots it is rolled back. A kept release that cannot
 * book stays up with the out-of-service banner: there is nothing to go
 * back to. */
static uint64_t check_health(app_t *a, uint64_t due, int *unhealthy)
{
    if (due == UINT64_MAX || a->ms < due)
        return due;
    char err[600], why[600];
    int trial = update_on_trial(a->o->update_root, KIOSK_VERSION, err, sizeof err);
    if (trial < 0)
        log_msg(LOG_WARN, "update: %s", err);
    if (trial != 1)
        return UINT64_MAX;
    if (!kiosk_store_ready(a->k, why, sizeof why)) {
        log_msg(LOG_ERROR,
                "update: release %s is on trial and cannot take a booking: %s; not marked "
                "healthy: stopping so that the boot check counts this start",
                KIOSK_VERSION, why);
        *unhealthy = 1;
        return UINT64_MAX;
    }
    int rc = update_mark_healthy(a->o->update_root, a->o->data_dir, KIOSK_VERSION, err, sizeof err);
    if (rc == 1)
        log_msg(LOG_INFO, "update: release %s is healthy; kept at the next start", KIOSK_VERSION);
    if (rc < 0)
        log_msg(LOG_WARN, "update: %s", err);
    return UINT64_MAX;
}

/* SDL 2.26 blocks in SDL_WaitEventTimeout only on video drivers that can
 * wait (X11, Wayland); on KMS/DRM, the board's, and on dummy it polls every
 * millisecond: a thousand wake-ups a second for a kiosk idle for months.
 * There the loop pumps every INPUT_POLL_MS instead: a touch waits at most
 * that long, less than a frame at 60 Hz. */
#define INPUT_POLL_MS 10

static int driver_blocks(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (strcmp(d, "x11") == 0 || strcmp(d, "wayland") == 0);
}

static int wait_event(SDL_Event *e, uint64_t wait_ms, int blocks)
{
    if (blocks)
        return SDL_WaitEventTimeout(e, (int)wait_ms);
    uint64_t end = SDL_GetTicks64() + wait_ms;
    for (;;) {
        if (SDL_PollEvent(e))
            return 1;
        uint64_t now = SDL_GetTicks64();
        if (now >= end)
            return 0;
        SDL_Delay((Uint32)(end - now < INPUT_POLL_MS ? end - now : INPUT_POLL_MS));
    }
}

static int run_people(app_t *a)
{
    int blocks = driver_blocks();
    /* The watchdog is fed from this loop, not from a helper thread: a loop
     * that hangs stops the pings and systemd restarts the kiosk. */
    uint64_t wd = notify_watchdog_interval_ms(), next_wd = 0;
    a->ms = SDL_GetTicks64() - a->start_ticks;
    uint64_t health = a->o->update_root && a->o->update_root[0]
                          ? a->ms + (uint64_t)a->o->health_seconds * 1000
                          : UINT64_MAX;
    for (;;) {
        a->ms = SDL_GetTicks64() - a->start_ticks;
        if (wd && a->ms >= next_wd) {
            notify_send("WATCHDOG=1");
            next_wd = a->ms + wd;
        }
        int unhealthy = 0;
        health = check_health(a, health, &unhealthy);
        if (unhealthy)
            return APP_UNHEALTHY;
        uint64_t deadline = flow_next_deadline(a->flow);
        if (wd && next_wd < deadline)
            deadline = next_wd;
        if (health < deadline)
            deadline = health;
        if (a->level_until && a->level_until < deadline)
            deadline = a->level_until;
        /* A prompt being synthesised or played is polled, never waited on. */
        uint64_t vp = voice_poll(a->voice);
        if (vp != UINT64_MAX && a->ms + vp < deadline)
            deadline = a->ms + vp;
        /* Wake at least each minute for the day's housekeeping; otherwise
         * sleep until input or the flow's next deadline: no idle frames. */
        uint64_t wait = 60000;
        if (a->holding && a->hold_ms + LONG_PRESS_MS < deadline)
            deadline = a->hold_ms + LONG_PRESS_MS;
        if (deadline != UINT64_MAX)
            wait = deadline > a->ms ? deadline - a->ms : 0;
        if (wait > 60000)
            wait = 60000;
        if (a->daily_pending)
            wait = 0; /* the day's work goes on at the next frame */
        SDL_Event e;
        int got = wait_event(&e, wait, blocks);
        a->ms = SDL_GetTicks64() - a->start_ticks;
        if (got) {
            do {
                if (handle(a, &e))
                    return APP_OK;
            } while (SDL_PollEvent(&e));
        }
        check_long_press(a);
        time_passed(a);
    }
}

int app_run(kiosk_t *k, const app_opts_t *o, char *err, size_t errlen)
{
    app_t a = {.k = k, .flow = kiosk_flow(k), .o = o};
    a.ui = ui_create(&o->ui, err, errlen);
    if (!a.ui)
        return APP_ERROR;
    if (!(a.voice = voice_create(&o->voice))) {
        ui_destroy(a.ui);
        snprintf(err, errlen, "out of memory");
        return APP_ERROR;
    }
    a.start_ticks = SDL_GetTicks64();
    if (!o->ui.headless)
        SDL_StartTextInput();
    settle(&a);
    /* Ready: the database is open (kiosk_open) and the first frame is drawn. */
    notify_send("READY=1\nSTATUS=serving residents");
    int rc = o->script ? run_script(&a, err, errlen) : run_people(&a);
    notify_send("STOPPING=1");
    scanner_clear(&a.scan);
    voice_destroy(a.voice);
    ui_destroy(a.ui);
    return rc;
}
