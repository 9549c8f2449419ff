/* 好差评 (issue 20): see rate.h. */
#include "rate.h"

#include <stdio.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/wipe.h"
#include "../platform/log.h"
#include "checkin.h"
#include "kiosk.h"

static void find(store_t *st, const ticket_key_t *key, flow_t *f, const char *input)
{
    char code[KIOSK_TICKET_SIZE];
    store_booking_row_t row;
    int rc = checkin_code_of(key, input, code);
    if (rc == RULES_FORGED)
        rc = RULES_NOT_FOUND; /* not one of ours: as a code nobody has */
    if (rc == RULES_OK)
        rc = store_rate_check(st, code, &row);
    if (rc < 0)
        log_msg(LOG_ERROR, "cannot look up a visit to rate: %s", store_errmsg(st));
    else
        log_msg(LOG_INFO, "visit to rate: %s", rules_result_name(rc));
    flow_booking_t b;
    if (rc == RULES_OK)
        kiosk_booking_from_row(&row, &b);
    flow_rate_find_result(f, rc < 0 ? -1 : rc, rc == RULES_OK ? &b : NULL);
    wipe_bytes(code, sizeof code);
    wipe_bytes(&row, sizeof row);
    wipe_bytes(&b, sizeof b);
}

void rate_serve(store_t *st, const ticket_key_t *key, flow_t *f, const flow_request_t *rq,
                long long now)
{
    switch (rq->kind) {
    case FLOW_REQ_RATE_FIND:
        find(st, key, f, rq->input);
        break;
    case FLOW_REQ_RATE_SUBMIT: {
        int rc = store_rate(st, rq->ticket, rq->party, rq->input, (rating_channel_t)rq->counter,
                            now, NULL);
        if (rc < 0)
            log_msg(LOG_ERROR, "cannot keep a rating: %s", store_errmsg(st));
        else /* the level and the visit never together in the log */
            log_msg(LOG_INFO, "rating: %s", rules_result_name(rc));
        flow_rate_submit_result(f, rc < 0 ? -1 : rc);
        break;
    }
    case FLOW_REQ_RATE_PROMPT: { /* the roster's 请居民评价 */
        int rc = store_rate_prompt(st, rq->ticket, now);
        if (rc < 0)
            log_msg(LOG_ERROR, "cannot note a rating prompt: %s", store_errmsg(st));
        else
            log_msg(LOG_INFO, "rating prompt by %s: %s", rq->staff, rules_result_name(rc));
        flow_staff_action_result(f, rc < 0 ? -1 : rc);
        break;
    }
    case FLOW_REQ_RATE_SKIP:
        if (store_rate_prompt_drop(st, rq->ticket) != STORE_OK)
            log_msg(LOG_ERROR, "cannot drop a rating prompt: %s", store_errmsg(st));
        break;
    default:
        break;
    }
}

typedef struct due {
    flow_booking_t rows[FLOW_RATE_DUE_MAX];
    int n;
} due_t;

static int take_due(void *ctx, const store_booking_row_t *row)
{
    due_t *d = ctx;
    kiosk_booking_from_row(row, &d->rows[d->n++]);
    return d->n >= FLOW_RATE_DUE_MAX;
}

void rate_lookup_due(store_t *st, flow_t *f, const char *phone, long long now)
{
    due_t d;
    memset(&d, 0, sizeof d);
    char from[11], today[11];
    dt_date_t t;
    int m;
    dt_from_stamp(now, &t, &m);
    dt_format_date(t, today);
    dt_format_date(dt_from_days(dt_days(t) - RATE_DUE_DAYS), from);
    if (store_rate_due(st, phone, from, today, FLOW_RATE_DUE_MAX, take_due, &d) != STORE_OK) {
        log_msg(LOG_ERROR, "cannot read the visits to rate: %s", store_errmsg(st));
        d.n = 0;
    }
    flow_rate_due(f, d.rows, d.n);
    wipe_bytes(&d, sizeof d);
}

int rate_staff_prompt(store_t *st, flow_t *f, long long now)
{
    store_booking_row_t row;
    int rc = store_rate_prompt_find(st, now, RATE_PROMPT_MINUTES, &row);
    if (rc < 0)
        log_msg(LOG_ERROR, "cannot read the rating prompts: %s", store_errmsg(st));
    if (rc != 1)
        return 0;
    flow_booking_t b;
    kiosk_booking_from_row(&row, &b);
    int taken = flow_rate_prompt(f, &b);
    if (taken)
        log_msg(LOG_INFO, "rating asked for by staff");
    wipe_bytes(&row, sizeof row);
    wipe_bytes(&b, sizeof b);
    return taken;
}
