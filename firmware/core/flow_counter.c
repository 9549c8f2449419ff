/* The counter (叫号) screens of staff mode (issue 19): staff pick their
 * counter (工作台 1..queue_counters, staff-counters), then on staff-counter
 * call the next number (of every line, or of the line the filter names),
 * recall, skip, serve, finish, or transfer the number to another line; and
 * close, open or cap a line for the day, each after a confirmation. The
 * kiosk carries the steps out with the store under the staff member's name
 * (app/counter.c reads the view). While the screen is shown it asks every
 * FLOW_COUNTER_POLL_MS whether the store changed elsewhere (another
 * counter, kioskctl, the console): a quiet request that neither marks the
 * flow busy nor redraws anything unless the view it brings back differs.
 * Its own file: one concern beside the staff flow (flow_staff.c), which
 * hands it every tap on these screens. */
#include "flow_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void flow_counter_clear(flow_t *f)
{
    f->s.counter = 0;
    f->s.counter_line[0] = '\0';
    memset(&f->s.counter_view, 0, sizeof f->s.counter_view);
    f->s.counter_loaded = 0;
    f->s.transfer_pick = 0;
    f->s.line_op = FLOW_LINE_OP_NONE;
    f->s.confirm_line[0] = '\0';
    f->s.confirm_cap = 0;
    f->counter_poll_at = 0;
}

const flow_counter_line_t *flow_counter_line(const flow_counter_view_t *v, const char *id)
{
    for (int i = 0; v && i < v->n_lines; i++)
        if (strcmp(v->lines[i].id, id) == 0)
            return &v->lines[i];
    return NULL;
}

static void counter_request(flow_t *f, flow_request_kind_t kind)
{
    request(f, kind);
    snprintf(f->req.staff, sizeof f->req.staff, "%s", f->s.staff);
    f->req.counter = f->s.counter;
}

static void step(flow_t *f, const char *verb, const char *line, int cap)
{
    counter_request(f, FLOW_REQ_QUEUE_STEP);
    snprintf(f->req.input, sizeof f->req.input, "%s", verb);
    snprintf(f->req.line, sizeof f->req.line, "%s", line ? line : "");
    f->req.cap = cap;
    f->s.transfer_pick = 0;
    f->s.line_op = FLOW_LINE_OP_NONE;
}

/* The presets of line-cap:<id>:<n>: numbers a line may give today. */
static int cap_ok(int n)
{
    static const int caps[] = {FLOW_COUNTER_CAPS};
    for (size_t i = 0; i < sizeof caps / sizeof *caps; i++)
        if (caps[i] == n)
            return 1;
    return 0;
}

/* staff-counters: counter:N picks one. */
static int tap_counters(flow_t *f, const char *id)
{
    if (strcmp(id, "back") == 0) {
        go(f, FLOW_STAFF);
        flow_staff_request_day(f);
        return 1;
    }
    if (strncmp(id, "counter:", 8) != 0)
        return 1;
    char *end;
    long n = strtol(id + 8, &end, 10);
    if (*end || end == id + 8 || n < 1 || n > f->s.n_counters)
        return 1;
    flow_counter_clear(f);
    f->s.counter = (int)n;
    go(f, FLOW_STAFF_COUNTER);
    f->counter_poll_at = f->last_input + FLOW_COUNTER_POLL_MS;
    counter_request(f, FLOW_REQ_COUNTER);
    return 1;
}

/* A line op asked for (line-close:ID, line-open:ID, line-cap:ID:N): up for
 * confirmation when the line is one of the view's and the op changes it. */
static void ask_line_op(flow_t *f, const char *id)
{
    char lid[QUEUE_LINE_ID_MAX] = "";
    flow_line_op_t op = FLOW_LINE_OP_NONE;
    int cap = 0;
    const char *arg = NULL;
    if (strncmp(id, "line-close:", 11) == 0)
        op = FLOW_LINE_OP_CLOSE, arg = id + 11;
    else if (strncmp(id, "line-open:", 10) == 0)
        op = FLOW_LINE_OP_OPEN, arg = id + 10;
    else if (strncmp(id, "line-cap:", 9) == 0)
        op = FLOW_LINE_OP_CAP, arg = id + 9;
    if (!arg)
        return;
    size_t len = strcspn(arg, ":");
    if (len == 0 || len >= sizeof lid)
        return;
    memcpy(lid, arg, len);
    lid[len] = '\0';
    if (op == FLOW_LINE_OP_CAP) {
        char *end;
        if (arg[len] != ':')
            return;
        cap = (int)strtol(arg + len + 1, &end, 10);
        if (*end || !cap_ok(cap))
            return;
    } else if (arg[len]) {
        return;
    }
    const flow_counter_line_t *l = flow_counter_line(&f->s.counter_view, lid);
    if (!l || (op == FLOW_LINE_OP_CLOSE && l->closed) || (op == FLOW_LINE_OP_OPEN && !l->closed))
        return;
    f->s.line_op = op;
    f->s.confirm_cap = cap;
    snprintf(f->s.confirm_line, sizeof f->s.confirm_line, "%s", lid);
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
    changed(f);
}

/* staff-counter. */
static int tap_counter(flow_t *f, const char *id)
{
    const flow_counter_view_t *v = &f->s.counter_view;
    int have = f->s.counter_loaded && v->have_mine;
    int serving = have && strcmp(v->mine.status, "serving") == 0;
    if (f->s.line_op != FLOW_LINE_OP_NONE) {
        /* Modal: only 确定 and 取消 (or back) while a line op waits. */
        static const char *const verbs[] = {"", "close", "open", "cap"};
        if (strcmp(id, "confirm") == 0) {
            char line[QUEUE_LINE_ID_MAX];
            snprintf(line, sizeof line, "%s", f->s.confirm_line);
            step(f, verbs[f->s.line_op], line, f->s.line_op == FLOW_LINE_OP_CAP ? f->s.confirm_cap
                                                                                : -1);
        } else if (strcmp(id, "cancel") == 0 || strcmp(id, "back") == 0) {
            f->s.line_op = FLOW_LINE_OP_NONE;
            changed(f);
        }
        return 1;
    }
    if (f->s.transfer_pick) {
        if (strncmp(id, "to-line:", 8) == 0 && have && strcmp(id + 8, v->mine.line) != 0 &&
            flow_counter_line(v, id + 8)) {
            char to[QUEUE_LINE_ID_MAX];
            snprintf(to, sizeof to, "%s", id + 8);
            step(f, "transfer", to, -1);
        } else if (strcmp(id, "cancel") == 0 || strcmp(id, "back") == 0) {
            f->s.transfer_pick = 0;
            changed(f);
        }
        return 1;
    }
    if (strcmp(id, "back") == 0) {
        flow_counter_clear(f);
        go(f, FLOW_STAFF_COUNTERS);
    } else if (strcmp(id, "queue-call") == 0 && f->s.counter_loaded && !have) {
        step(f, "call", f->s.counter_line, -1);
    } else if (strcmp(id, "queue-recall") == 0 && have && !serving) {
        step(f, "recall", NULL, -1);
    } else if (strcmp(id, "queue-skip") == 0 && have && !serving) {
        step(f, "skip", NULL, -1);
    } else if (strcmp(id, "queue-serve") == 0 && have && !serving) {
        step(f, "serve", NULL, -1);
    } else if (strcmp(id, "queue-finish") == 0 && serving) {
        step(f, "finish", NULL, -1);
    } else if (strcmp(id, "queue-transfer") == 0 && have && v->n_lines > 1) {
        f->s.transfer_pick = 1;
        f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
        changed(f);
    } else if (strncmp(id, "counter-line:", 13) == 0) {
        const char *l = id + 13;
        if (strcmp(l, "all") == 0)
            f->s.counter_line[0] = '\0';
        else if (flow_counter_line(v, l))
            snprintf(f->s.counter_line, sizeof f->s.counter_line, "%s", l);
        else
            return 1;
        changed(f);
    } else {
        ask_line_op(f, id);
    }
    return 1;
}

int flow_counter_tap(flow_t *f, const char *id)
{
    if (f->s.screen == FLOW_STAFF_COUNTERS)
        return tap_counters(f, id);
    if (f->s.screen == FLOW_STAFF_COUNTER)
        return tap_counter(f, id);
    return 0;
}

void flow_counter_tick(flow_t *f, uint64_t now_ms)
{
    if (f->s.screen != FLOW_STAFF_COUNTER || f->s.busy || f->has_req || now_ms < f->counter_poll_at)
        return;
    f->counter_poll_at = now_ms + FLOW_COUNTER_POLL_MS;
    /* Quiet: not busy (the buttons stay live) and nothing to redraw. */
    clear_request(f);
    f->req.kind = FLOW_REQ_COUNTER_POLL;
    f->req.counter = f->s.counter;
    f->has_req = 1;
    f->pending = FLOW_REQ_COUNTER_POLL;
}

uint64_t flow_counter_deadline(const flow_t *f)
{
    return f->s.screen == FLOW_STAFF_COUNTER ? f->counter_poll_at : UINT64_MAX;
}

static void take_view(flow_t *f, const flow_counter_view_t *v)
{
    if (f->s.counter_loaded && memcmp(&f->s.counter_view, v, sizeof *v) == 0)
        return; /* the same: nothing to draw */
    f->s.counter_view = *v;
    f->s.counter_loaded = 1;
    const flow_counter_view_t *cv = &f->s.counter_view;
    /* A filter or a pending op on a line no longer offered goes. */
    if (f->s.counter_line[0] && !flow_counter_line(cv, f->s.counter_line))
        f->s.counter_line[0] = '\0';
    if (f->s.transfer_pick && !cv->have_mine)
        f->s.transfer_pick = 0;
    changed(f);
}

void flow_counter_result(flow_t *f, const flow_counter_view_t *v, int failed)
{
    flow_request_kind_t k = f->pending;
    if (k != FLOW_REQ_COUNTER && k != FLOW_REQ_COUNTER_POLL)
        return;
    awaited(f, k);
    if (f->s.screen != FLOW_STAFF_COUNTER)
        return;
    if (failed) {
        if (f->s.staff_notice != FLOW_STAFF_NOTICE_ERROR) {
            f->s.staff_notice = FLOW_STAFF_NOTICE_ERROR;
            changed(f);
        }
        if (k == FLOW_REQ_COUNTER)
            changed(f); /* busy ended */
        return;
    }
    if (v && v->counter == f->s.counter)
        take_view(f, v);
    if (k == FLOW_REQ_COUNTER)
        changed(f); /* busy ended */
}

void flow_queue_step_result(flow_t *f, int result, const char *label, const flow_counter_view_t *v)
{
    if (!awaited(f, FLOW_REQ_QUEUE_STEP))
        return;
    f->s.staff_notice = result == RULES_OK ? FLOW_STAFF_NOTICE_DONE
                        : result < 0       ? FLOW_STAFF_NOTICE_ERROR
                                           : FLOW_STAFF_NOTICE_REFUSED;
    snprintf(f->s.staff_detail, sizeof f->s.staff_detail, "%s",
             result == RULES_OK && label ? label : "");
    if (v && v->counter == f->s.counter)
        take_view(f, v);
    changed(f);
}
