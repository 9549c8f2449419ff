#include "callalert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../platform/log.h"

/* The log line and the hook of one alert. argv: the hook, "call" or
 * "repeat", the kiosk, the screen id, the call's number: nothing a
 * resident typed. */
static void alert(callalert_t *a, const store_call_row_t *c, int repeat)
{
    if (repeat)
        log_msg(LOG_WARN,
                "call %lld from screen %s (%s) not acknowledged: staff alerted again (alert %d)",
                c->id, c->screen, c->at, c->alerts);
    else
        log_msg(LOG_WARN, "call %lld from screen %s: a resident asks for staff", c->id,
                c->screen);
    if (!a->cfg->call_hook[0])
        return;
    char id[24], what[48];
    snprintf(id, sizeof id, "%lld", c->id);
    snprintf(what, sizeof what, "call_hook (call %lld)", c->id);
    char kiosk[sizeof c->kiosk], screen[sizeof c->screen];
    snprintf(kiosk, sizeof kiosk, "%s", c->kiosk);
    snprintf(screen, sizeof screen, "%s", c->screen);
    char *argv[] = {(char *)a->cfg->call_hook, repeat ? "repeat" : "call", kiosk, screen, id, NULL};
    hook_run(&a->hooks, a->cfg->call_hook, argv, CALLALERT_HOOK_DEADLINE, what);
}

int callalert_call(callalert_t *a, store_t *st, long long visit, const char *screen,
                   long long now)
{
    store_origin_t origin = {a->kiosk, visit};
    long long id = 0;
    int created = 0;
    if (store_call_add(st, &origin, screen, now, &id, &created) != STORE_OK) {
        log_msg(LOG_ERROR, "call for staff from screen %s not recorded: %s", screen,
                store_errmsg(st));
        return -1;
    }
    if (created) {
        store_call_row_t c = {.id = id, .alerts = 1};
        snprintf(c.kiosk, sizeof c.kiosk, "%s", a->kiosk);
        snprintf(c.screen, sizeof c.screen, "%s", screen);
        dt_format_stamp(now, c.at);
        alert(a, &c, 0);
    }
    return 0;
}

static int repeat_cb(void *ctx, const store_call_row_t *c)
{
    alert(ctx, c, 1);
    return 0;
}

void callalert_tick(callalert_t *a, store_t *st, long long now)
{
    hook_poll(&a->hooks);
    if (now == a->checked || a->cfg->call_repeat_minutes < 1)
        return;
    a->checked = now;
    if (store_calls_due(st, a->kiosk, now, a->cfg->call_repeat_minutes, repeat_cb, a) != STORE_OK)
        log_msg(LOG_ERROR, "calls for staff not checked for repeats: %s", store_errmsg(st));
}

typedef struct {
    flow_call_row_t *v;
    int n, cap;
} call_rows_t;

static int staff_cb(void *ctx, const store_call_row_t *c)
{
    call_rows_t *r = ctx;
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 8;
        flow_call_row_t *v = realloc(r->v, sizeof *v * (size_t)cap);
        if (!v)
            return 1;
        r->v = v;
        r->cap = cap;
    }
    flow_call_row_t *o = &r->v[r->n++];
    memset(o, 0, sizeof *o);
    o->id = c->id;
    o->alerts = c->alerts;
    snprintf(o->at, sizeof o->at, "%s", c->at);
    snprintf(o->screen, sizeof o->screen, "%s", c->screen);
    return 0;
}

void callalert_staff(store_t *st, flow_t *f)
{
    call_rows_t r = {0};
    if (store_calls(st, 1, staff_cb, &r) != STORE_OK)
        log_msg(LOG_ERROR, "calls for staff not listed: %s", store_errmsg(st));
    flow_staff_calls(f, r.v, r.n);
    free(r.v);
}

void callalert_finish(callalert_t *a)
{
    hook_finish(&a->hooks);
}
