/* The walk-in queue for the kiosk's screens (queue_take.h). */
#include "queue_take.h"

#include <stdio.h>
#include <string.h>

#include "../core/rules.h"
#include "../platform/log.h"

typedef struct {
    flow_queue_line_t *out;
    int max, n;
} lines_ctx_t;

static int line_cb(void *ctx, const store_queue_line_row_t *r)
{
    lines_ctx_t *c = ctx;
    if (c->n >= c->max)
        return 1;
    flow_queue_line_t *l = &c->out[c->n++];
    memset(l, 0, sizeof *l);
    snprintf(l->id, sizeof l->id, "%s", r->id);
    l->letter = r->letter;
    snprintf(l->name_zh, sizeof l->name_zh, "%s", r->name_zh);
    snprintf(l->name_en, sizeof l->name_en, "%s", r->name_en);
    l->waiting = r->waiting;
    l->closed = r->closed;
    /* As store_queue_take refuses: today's cap given, or the day's last. */
    l->full = r->taken >= r->cap || r->taken >= QUEUE_NUMBER_MAX;
    return 0;
}

int queue_take_lines(store_t *st, long long now, flow_queue_line_t *out, int max)
{
    lines_ctx_t c = {out, max, 0};
    return store_queue_lines(st, now, line_cb, &c) == STORE_OK ? c.n : -1;
}

/* How many serving times the estimate looks at: the day's latest. */
#define SERVICE_TIMES 64
/* A counter that called a number of the line within this many minutes is
 * taken to be serving it. */
#define SERVING_WINDOW 60

int queue_take_number(store_t *st, const char *line, int priority, const queue_rule_t *rule,
                      int minutes_per_person, long long now, char label[QUEUE_LABEL_SIZE],
                      int *ahead, int *minutes)
{
    label[0] = '\0';
    *ahead = *minutes = 0;
    store_queue_row_t row;
    int rc = store_queue_take(st, line, priority ? QUEUE_PRIORITY : QUEUE_WALKIN, rule, now, &row);
    if (rc != STORE_OK)
        return rc < 0 ? -1 : rc;
    snprintf(label, QUEUE_LABEL_SIZE, "%s", row.label);
    *ahead = row.ahead < 0 ? 0 : row.ahead;
    int times[SERVICE_TIMES];
    int n = store_queue_service_times(st, line, now, times, SERVICE_TIMES);
    int counters = store_queue_counters_serving(st, line, now, SERVING_WINDOW);
    /* The number is taken: a failed read only loses the history. */
    *minutes = queue_estimate(*ahead, times, n > 0 ? (size_t)n : 0, minutes_per_person, counters);
    return RULES_OK;
}

void queue_take_of_booking(store_t *st, const char *ticket, const queue_rule_t *rule,
                           long long now, char label[QUEUE_LABEL_SIZE])
{
    store_queue_row_t row;
    label[0] = '\0';
    if (ticket && ticket[0] && store_queue_of_booking(st, ticket, rule, now, &row) == STORE_OK)
        snprintf(label, QUEUE_LABEL_SIZE, "%s", row.label);
}

void queue_take_serve(store_t *st, flow_t *f, const queue_rule_t *rule, int minutes_per_person,
                      flow_request_t *rq, long long now)
{
    if (rq->kind == FLOW_REQ_QUEUE_LINES) {
        flow_queue_line_t lines[FLOW_QUEUE_LINES];
        int n = queue_take_lines(st, now, lines, FLOW_QUEUE_LINES);
        if (n < 0)
            log_msg(LOG_ERROR, "cannot list the queue lines: %s", store_errmsg(st));
        flow_queue_lines_result(f, lines, n, n < 0);
        return;
    }
    char label[QUEUE_LABEL_SIZE];
    int ahead, minutes;
    int rc = queue_take_number(st, rq->input, rq->party, rule, minutes_per_person, now, label,
                               &ahead, &minutes);
    if (rc < 0)
        log_msg(LOG_ERROR, "queue take on %s failed: %s", rq->input, store_errmsg(st));
    else
        log_msg(LOG_INFO, "queue take on %s%s: %s%s%s", rq->input, rq->party ? " (priority)" : "",
                rules_result_name(rc), rc ? "" : " ", rc ? "" : label);
    flow_queue_take_result(f, rc, label, ahead, minutes);
}
