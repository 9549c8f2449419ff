#include "sdl_app.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "../core/calib.h"
#include "../platform/notify.h"
#include "../platform/scanner.h"
#include "../ui/focus.h"
#include "app_int.h"

flow_time_t app_now(const app_t *a)
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
    voice_screen(a->voice, s, app_now(a).stamp);
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
void app_settle(app_t *a)
{
    draw_if_changed(a);
    for (int i = 0; i < 8 && kiosk_serve(a->k); i++)
        draw_if_changed(a);
    voice_poll(a->voice);
}

/* How long the volume notice stays after a volume button. */
#define VOLUME_NOTICE_MS 3000

/* Every touch restarts the idle timer, on a widget or not; one that ends
 * the idle warning does nothing else, so a tap on the overlay never lands
 * on the screen below. */
void app_press(app_t *a, int x, int y)
{
    int w, h;
    ui_size(a->ui, &w, &h);
    float rx = a->raw_set ? a->raw_x : (float)x / (float)w;
    float ry = a->raw_set ? a->raw_y : (float)y / (float)h;
    a->raw_set = 0;
    ui_focus_show(a->ui, 0); /* the keypad's ring is for keys alone */
    ui_press(a->ui, x, y);
    if (flow_input(a->flow, app_now(a)))
        ui_cancel_gesture(a->ui);
    else if (flow_state(a->flow)->screen == FLOW_CALIBRATE && !ui_hit(a->ui, x, y))
        /* Off the buttons: a touch on the target shown. */
        flow_calib_press(a->flow, rx, ry, app_now(a));
    int corner = (w < h ? w : h) / 7;
    a->holding = flow_state(a->flow)->screen == FLOW_ATTRACT && x < corner && y < corner;
    a->hold_ms = a->ms;
}

/* Held long enough in the corner: staff login, and the press is not a tap. */
void app_check_long_press(app_t *a)
{
    if (a->holding && a->ms - a->hold_ms >= LONG_PRESS_MS) {
        a->holding = 0;
        ui_cancel_gesture(a->ui);
        flow_tap(a->flow, "staff-login", app_now(a));
    }
}

void app_move(app_t *a, int x, int y)
{
    flow_input(a->flow, app_now(a));
    a->holding = 0; /* a long press stays put */
    ui_move(a->ui, x, y);
}

/* The voice's own widgets (the repeat button, 音量): not the flow's. */
int app_voice_tap(app_t *a, const char *id)
{
    const flow_state_t *s = flow_state(a->flow);
    if (strcmp(id, "repeat") == 0 || strcmp(id, "speak") == 0)
        voice_repeat(a->voice, s, app_now(a).stamp);
    else if (strcmp(id, "volume-up") == 0 || strcmp(id, "volume-down") == 0) {
        ui_voice_level(a->ui, voice_volume(a->voice, s, id[7] == 'u' ? 1 : -1, app_now(a).stamp));
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
    if (app_voice_tap(a, id))
        return;
    char label[160] = "";
    const ui_widget_t *w = ui_find(a->ui, id);
    if (w)
        snprintf(label, sizeof label, "%s", w->label);
    flow_tap(a->flow, id, app_now(a));
    voice_item(a->voice, flow_state(a->flow), id, label, app_now(a).stamp);
}

/* A widget chosen by a tap or a key: activated, or, disabled, answered
 * with why it cannot be chosen (said too). */
void app_choose(app_t *a, const char *id, int enabled)
{
    if (enabled) {
        activate(a, id);
        return;
    }
    flow_tap_disabled(a->flow, id, app_now(a));
    voice_item(a->voice, flow_state(a->flow), id, "", app_now(a).stamp);
}

void app_release(app_t *a, int x, int y)
{
    char id[80];
    app_check_long_press(a);
    a->holding = 0;
    flow_input(a->flow, app_now(a));
    int tapped = ui_release(a->ui, x, y, id, sizeof id);
    if (tapped)
        app_choose(a, id, tapped == 1);
}

void app_tap_at(app_t *a, int x, int y)
{
    app_press(a, x, y);
    app_settle(a); /* the pressed state is drawn before the release */
    app_release(a, x, y);
    app_settle(a);
}

/* A touch at (nx, ny), normalised panel coordinates, to logical pixels:
 * calibrated, then turned. The uncalibrated point is kept for app_press(). */
static void window_point(app_t *a, float nx, float ny, int *x, int *y)
{
    calib_rotate(a->o->ui.rotate, nx, ny, &a->raw_x, &a->raw_y);
    a->raw_set = 1;
    calib_apply(kiosk_touch_matrix(a->k), &nx, &ny);
    ui_window_to_logical(a->ui, nx, ny, x, y);
}

/* The flow and the day's housekeeping see the time now, and what changed
 * is drawn. */
void app_time_passed(app_t *a)
{
    flow_tick(a->flow, app_now(a));
    /* One step of the day's work a frame (a slice of sessions at most):
     * the rest at the next frames, which come at once while it lasts. */
    a->daily_pending = kiosk_daily(a->k, app_now(a).stamp);
    app_settle(a);
}

/* ---- people ----------------------------------------------------------------- */

int app_handle(app_t *a, const SDL_Event *e)
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
        app_key_down(a, &e->key.keysym);
        break;
    case SDL_TEXTINPUT:
        app_text_input(a, e->text.text);
        break;
    case SDL_FINGERDOWN:
        window_point(a, e->tfinger.x, e->tfinger.y, &x, &y);
        app_press(a, x, y);
        break;
    case SDL_FINGERMOTION:
        window_point(a, e->tfinger.x, e->tfinger.y, &x, &y);
        a->raw_set = 0;
        app_move(a, x, y);
        break;
    case SDL_FINGERUP:
        window_point(a, e->tfinger.x, e->tfinger.y, &x, &y);
        a->raw_set = 0;
        app_release(a, x, y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT) {
            ui_pixel_to_logical(a->ui, e->button.x, e->button.y, &x, &y);
            app_press(a, x, y);
        }
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which != SDL_TOUCH_MOUSEID && (e->motion.state & SDL_BUTTON_LMASK)) {
            ui_pixel_to_logical(a->ui, e->motion.x, e->motion.y, &x, &y);
            app_move(a, x, y);
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT) {
            ui_pixel_to_logical(a->ui, e->button.x, e->button.y, &x, &y);
            app_release(a, x, y);
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
        health = app_check_health(a, health, &unhealthy);
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
                if (app_handle(a, &e))
                    return APP_OK;
            } while (SDL_PollEvent(&e));
        }
        app_check_long_press(a);
        app_time_passed(a);
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
    app_settle(&a);
    /* Ready: the database is open (kiosk_open) and the first frame is drawn. */
    notify_send("READY=1\nSTATUS=serving residents");
    int rc = o->script ? app_run_script(&a, err, errlen) : run_people(&a);
    notify_send("STOPPING=1");
    scanner_clear(&a.scan);
    voice_destroy(a.voice);
    ui_destroy(a.ui);
    return rc;
}
