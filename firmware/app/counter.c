#include "counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../platform/log.h"

static void ticket_of(const store_queue_row_t *row, flow_queue_ticket_t *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->label, sizeof t->label, "%s", row->label);
    snprintf(t->line, sizeof t->line, "%s", row->line);
    snprintf(t->kind, sizeof t->kind, "%s", row->kind);
    snprintf(t->status, sizeof t->status, "%s", row->status);
    t->recalls = row->recalls;
    t->ahead = row->ahead;
}

static int line_collect(void *ctx, const store_queue_line_row_t *row)
{
    flow_counter_view_t *v = ctx;
    if (v->n_lines >= FLOW_COUNTER_LINES)
        return 0;
    flow_counter_line_t *l = &v->lines[v->n_lines++];
    snprintf(l->id, sizeof l->id, "%s", row->id);
    l->letter = row->letter;
    snprintf(l->name_zh, sizeof l->name_zh, "%s", row->name_zh);
    snprintf(l->name_en, sizeof l->name_en, "%s", row->name_en);
    l->cap = row->cap;
    l->closed = row->closed;
    l->taken = row->taken;
    l->waiting = row->waiting;
    return 0;
}

static int ticket_collect(void *ctx, const store_queue_row_t *row)
{
    flow_counter_view_t *v = ctx;
    if (row->counter == v->counter &&
        (!strcmp(row->status, "called") || !strcmp(row->status, "serving"))) {
        ticket_of(row, &v->mine);
        v->have_mine = 1;
    }
    if (strcmp(row->status, "waiting") != 0 || row->ahead < 0)
        return 0;
    for (int i = 0; i < v->n_lines; i++) {
        if (strcmp(v->lines[i].id, row->line) != 0)
            continue;
        /* keep the FLOW_COUNTER_NEXT smallest ahead, in order */
        flow_queue_ticket_t *n = v->lines[i].next;
        int k = v->lines[i].n_next;
        if (k == FLOW_COUNTER_NEXT && n[k - 1].ahead <= row->ahead)
            return 0;
        if (k < FLOW_COUNTER_NEXT)
            k = ++v->lines[i].n_next;
        int j = k - 1;
        while (j > 0 && n[j - 1].ahead > row->ahead) {
            n[j] = n[j - 1];
            j--;
        }
        ticket_of(row, &n[j]);
        return 0;
    }
    return 0;
}

int counter_view(store_t *st, const queue_rule_t *rule, int counter, long long now,
                 flow_counter_view_t *v)
{
    memset(v, 0, sizeof *v);
    v->counter = counter;
    int rc = store_queue_lines(st, now, line_collect, v);
    if (rc == STORE_OK)
        rc = store_queue_status(st, rule, now, ticket_collect, v);
    return rc;
}

int counter_step(store_t *st, const store_audit_note_t *by, const queue_rule_t *rule, int counter,
                 const char *verb, const char *line, int cap, long long now, char *label)
{
    static const struct {
        const char *verb;
        store_queue_step_t step;
    } steps[] = {{"recall", STORE_QUEUE_RECALL},
                 {"skip", STORE_QUEUE_SKIP},
                 {"serve", STORE_QUEUE_SERVE},
                 {"finish", STORE_QUEUE_FINISH}};
    store_queue_row_t row;
    memset(&row, 0, sizeof row);
    int rc = STORE_ERROR;
    label[0] = '\0';
    if (!strcmp(verb, "call")) {
        rc = store_queue_call_next(st, by, counter, line && *line ? line : NULL, rule, now, &row);
    } else if (!strcmp(verb, "transfer")) {
        rc = store_queue_transfer(st, by, counter, line, rule, now, &row);
    } else if (!strcmp(verb, "close") || !strcmp(verb, "open")) {
        return store_queue_set_day(st, by, line, !strcmp(verb, "close"), -1, now);
    } else if (!strcmp(verb, "cap")) {
        return store_queue_set_day(st, by, line, -1, cap, now);
    } else {
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
            if (!strcmp(verb, steps[i].verb))
                rc = store_queue_step(st, by, counter, steps[i].step, now, &row);
    }
    if (rc == STORE_OK)
        snprintf(label, QUEUE_LABEL_SIZE, "%s", row.label);
    return rc;
}

/* i19counter: the counter screen's reads and steps. A poll reads the
 * view only when another connection changed the store since the last read
 * (PRAGMA data_version): otherwise it costs one pragma and draws nothing. */
void counter_serve(store_t *st, flow_t *f, const queue_rule_t *rule, long long *seen,
                   flow_request_t *rq, long long now)
{
    flow_counter_view_t *v = malloc(sizeof *v);
    long long dv = -1;
    int have_dv = store_data_version(st, &dv) == STORE_OK;
    if (rq->kind == FLOW_REQ_COUNTER_POLL && have_dv && dv == *seen) {
        flow_counter_result(f, NULL, 0);
        free(v);
        return;
    }
    *seen = have_dv ? dv : -1;
    char label[QUEUE_LABEL_SIZE] = "";
    int rc = STORE_OK;
    if (rq->kind == FLOW_REQ_QUEUE_STEP) {
        store_audit_note_t by = {.staff = rq->staff, .detail = "kiosk", .at = now};
        rc = counter_step(st, &by, rule, rq->counter, rq->input, rq->line, rq->cap,
                          now, label);
        if (rc < 0)
            log_msg(LOG_ERROR, "counter %d %s: %s", rq->counter, rq->input, store_errmsg(st));
        else
            log_msg(LOG_INFO, "staff %s at counter %d: %s %s%s: %s", rq->staff, rq->counter,
                    rq->input, label[0] ? label : rq->line, rc ? " refused" : "",
                    rc ? store_errmsg(st) : "done");
    }
    int vrc = v ? counter_view(st, rule, rq->counter, now, v) : STORE_ERROR;
    if (vrc != STORE_OK)
        log_msg(LOG_ERROR, "cannot read counter %d: %s", rq->counter,
                v ? store_errmsg(st) : "out of memory");
    if (rq->kind == FLOW_REQ_QUEUE_STEP)
        flow_queue_step_result(f, rc < 0 ? -1 : rc, label, vrc == STORE_OK ? v : NULL);
    else
        flow_counter_result(f, vrc == STORE_OK ? v : NULL, vrc != STORE_OK);
    free(v);
}
