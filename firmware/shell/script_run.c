/* The test scripts of `kiosk --script` (script.h): each step carried out
 * on the running kiosk through the same handlers as people's input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/calib.h"
#include "app_int.h"
#include "keymap.h"
#include "script.h"

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
            app_handle(a, &got);
        app_settle(a);
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

/* A script's time stands still between steps: the frames that finish the
 * day's work come before the next step, one slice each. */
static void finish_daily(app_t *a)
{
    while (a->daily_pending)
        app_time_passed(a);
}

static void advance(app_t *a, uint64_t to)
{
    while (a->ms < to) {
        uint64_t next = flow_next_deadline(a->flow);
        if (a->holding && a->hold_ms + LONG_PRESS_MS < next)
            next = a->hold_ms + LONG_PRESS_MS;
        a->ms = next > a->ms && next < to ? next : to;
        app_check_long_press(a);
        app_time_passed(a);
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
        (c->op == SCRIPT_TAP ? app_tap_at : touch)(a, w->x + w->w / 2, w->y + w->h / 2);
        return 0;
    case SCRIPT_TAP_TEXT:
        for (int i = 0; i < ui_widget_count(a->ui); i++) {
            w = ui_widget(a->ui, i);
            if (w->enabled && strcmp(w->label, c->arg) == 0) {
                app_tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
                return 0;
            }
        }
        snprintf(why, n, "no enabled widget labelled \"%s\"", c->arg);
        return -1;
    case SCRIPT_TAP_AT:
        app_tap_at(a, c->x, c->y);
        return 0;
    case SCRIPT_TOUCH_RAW:
        /* As the panel reports it: through calibration and rotation. */
        finger(a, (float)c->fx, (float)c->fy);
        return 0;
    case SCRIPT_TAP_IF:
        if ((w = ui_find(a->ui, c->arg)))
            app_tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
        return 0;
    case SCRIPT_TAP_FIRST: /* "cancel:" taps the first booking's, whatever its code */
        for (int i = 0; i < ui_widget_count(a->ui); i++) {
            w = ui_widget(a->ui, i);
            if (w->enabled && strncmp(w->id, c->arg, strlen(c->arg)) == 0) {
                app_tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
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
                app_tap_at(a, w->x + w->w / 2, w->y + w->h / 2);
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
        app_press(a, c->x, c->y);
        app_settle(a);
        advance(a, a->ms + (uint64_t)(c->seconds * 1000.0 + 0.5));
        app_release(a, c->x, c->y);
        app_settle(a);
        return 0;
    case SCRIPT_DRAG:
        app_press(a, c->x, c->y);
        for (int i = 1; i <= 8; i++)
            app_move(a, c->x + (c->x2 - c->x) * i / 8, c->y + (c->y2 - c->y) * i / 8);
        app_release(a, c->x2, c->y2);
        app_settle(a);
        return 0;
    case SCRIPT_TYPE:
        flow_text(a->flow, c->arg, app_now(a));
        app_settle(a);
        return 0;
    case SCRIPT_SCAN:
        /* As the scanner would: its text, then Enter. */
        app_key_text(a, c->arg);
        app_key_enter(a);
        app_settle(a);
        return 0;
    case SCRIPT_WAIT:
        advance(a, a->ms + (uint64_t)(c->seconds * 1000.0 + 0.5));
        return 0;
    case SCRIPT_SET_CLOCK:
        a->clock_offset += c->stamp - app_now(a).stamp;
        app_time_passed(a); /* at once, not at the next wait */
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
        app_handle(a, &e);
        app_settle(a);
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

int app_run_script(app_t *a, char *err, size_t errlen)
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
