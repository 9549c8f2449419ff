/* i20wait (issue 20): the kiosk's side of the waitlist (waitlist.h). */
#include "waitlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/wipe.h"
#include "../platform/log.h"

void waitlist_serve(store_t *st, flow_t *f, const flow_request_t *rq,
                    const store_origin_t *origin, const rules_t *rules, long long now)
{
    if (rq->kind == FLOW_REQ_WAITLIST_JOIN) {
        store_person_t who = {rq->phone[0] ? rq->phone : NULL,
                              rq->for_label[0] ? rq->for_label : NULL, "kiosk"};
        long long id = 0;
        int position = 0;
        int rc = store_waitlist_join(st, origin, rq->session_id, &who, rq->party, now, rules,
                                     &id, &position);
        if (rc < 0)
            log_msg(LOG_ERROR, "waitlist join failed: %s", store_errmsg(st));
        else if (rc == STORE_OK)
            log_msg(LOG_INFO, "waitlist %lld: joined session %s at place %d, party %d", id,
                    rq->session_id, position, rq->party);
        else
            log_msg(LOG_INFO, "waitlist join refused (%s) for session %s",
                    rules_result_name(rc), rq->session_id);
        flow_waitlist_join_result(f, rc < 0 ? -1 : rc, position);
    } else if (rq->kind == FLOW_REQ_WAITLIST_WITHDRAW) {
        long long id = atoll(rq->input);
        int rc = store_waitlist_withdraw(st, NULL, rq->phone, id, now);
        if (rc < 0)
            log_msg(LOG_ERROR, "waitlist withdraw failed: %s", store_errmsg(st));
        else
            log_msg(LOG_INFO, "waitlist %lld withdrawn at the kiosk: %s", id,
                    rules_result_name(rc));
        flow_waitlist_withdraw_result(f, rc < 0 ? -1 : rc);
    }
}

typedef struct wait_ctx {
    flow_wait_row_t rows[FLOW_WAITS_MAX];
    int n, held;
} wait_ctx_t;

static int wait_cb(void *ctx, const store_waitlist_row_t *r)
{
    wait_ctx_t *w = ctx;
    if (w->n == FLOW_WAITS_MAX)
        return 0;
    flow_wait_row_t *o = &w->rows[w->n];
    memset(o, 0, sizeof *o);
    if (dt_parse_date(r->date, &o->date) || dt_parse_hhmm(r->start, &o->start))
        return 0; /* not a session (a term, later): not shown here */
    o->id = r->id;
    snprintf(o->service_id, sizeof o->service_id, "%.40s", r->service_id);
    snprintf(o->service_name, sizeof o->service_name, "%s", r->service_name);
    o->held = strcmp(r->status, "held") == 0;
    o->position = r->position;
    w->held += o->held;
    w->n++;
    return 0;
}

void waitlist_lookup(store_t *st, flow_t *f, const char *phone, long long now)
{
    wait_ctx_t w = {0};
    store_waitlist_filter_t flt = {.phone = phone, .active_only = 1};
    if (store_waitlist(st, &flt, wait_cb, &w) != STORE_OK) {
        log_msg(LOG_ERROR, "cannot read the waitlist: %s", store_errmsg(st));
        w.n = 0;
    }
    flow_waitlist_rows(f, w.rows, w.n);
    /* The resident has seen that a seat is held for them: confirmed. */
    int seen = 0;
    if (w.held && store_waitlist_seen(st, phone, now, &seen) != STORE_OK)
        log_msg(LOG_ERROR, "cannot mark the waitlist seen: %s", store_errmsg(st));
    else if (seen)
        log_msg(LOG_INFO, "waitlist: %d held seats seen at the kiosk (confirmed)", seen);
    wipe_bytes(&w, sizeof w);
}

void waitlist_tick(store_t *st, long long now, long long *last)
{
    if (!st || now == *last)
        return;
    *last = now;
    int passed = 0;
    if (store_waitlist_expire(st, now, &passed) != STORE_OK)
        log_msg(LOG_ERROR, "waitlist expiry pass failed: %s", store_errmsg(st));
    else if (passed)
        log_msg(LOG_INFO, "waitlist: %d held seats passed on to the next waiting", passed);
}
