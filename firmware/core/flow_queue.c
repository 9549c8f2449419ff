/* The resident's walk-in flow (issue 19): home's 现场取号 (walk-in) opens
 * the walk-in screen, which asks the store for the lines with today's
 * state; a tap on a line (line:<id>) takes a number of it, a priority one
 * when the 绿色通道 toggle (priority) is on, and shows the ticket
 * (queue-ticket), printed as the booking ticket is. A line closed or full
 * for today says so on its button; tapping it goes to queue-refused with
 * the reason and takes nothing. The store's answer can still refuse (staff
 * closed the line meanwhile) or fail: queue-refused too. */
#include "flow_int.h"

#include <stdio.h>
#include <string.h>

void flow_queue_clear(flow_t *f)
{
    wipe_bytes(f->s.q_lines, sizeof f->s.q_lines);
    f->s.n_q_lines = f->s.q_loaded = f->s.q_failed = 0;
    f->s.q_priority = 0;
    wipe_bytes(f->s.q_label, sizeof f->s.q_label);
    f->s.q_line = -1;
    f->s.q_ahead = f->s.q_minutes = f->s.q_priority_taken = 0;
    f->s.q_refusal = FLOW_QUEUE_OK;
    wipe_bytes(f->s.checkin_queue, sizeof f->s.checkin_queue);
    f->s.queue_priority_age = f->cfg.queue_priority_age;
    f->s.queue_priority_every = f->cfg.queue_priority_every;
}

/* The walk-in screen with the lines read afresh (what waits changes). */
static void open_walkin(flow_t *f)
{
    f->s.n_q_lines = f->s.q_loaded = f->s.q_failed = 0;
    go(f, FLOW_WALKIN);
    request(f, FLOW_REQ_QUEUE_LINES);
}

static int find_line(const flow_t *f, const char *id)
{
    for (int i = 0; i < f->s.n_q_lines; i++)
        if (strcmp(f->s.q_lines[i].id, id) == 0)
            return i;
    return -1;
}

static void refuse(flow_t *f, flow_queue_refusal_t why)
{
    f->s.q_refusal = why;
    go(f, FLOW_QUEUE_REFUSED);
}

static void tap_line(flow_t *f, const char *id)
{
    int i = find_line(f, id);
    if (i < 0)
        return;
    const flow_queue_line_t *l = &f->s.q_lines[i];
    f->s.q_line = i;
    if (l->closed || l->full) { /* said on the button; nothing is taken */
        refuse(f, l->closed ? FLOW_QUEUE_CLOSED : FLOW_QUEUE_FULL);
        return;
    }
    int priority = f->s.q_priority;
    request(f, FLOW_REQ_QUEUE_TAKE);
    snprintf(f->req.input, sizeof f->req.input, "%s", l->id);
    f->req.party = priority;
}

int flow_queue_tap(flow_t *f, const char *id)
{
    switch (f->s.screen) {
    case FLOW_HOME:
        if (strcmp(id, "walk-in") != 0)
            return 0;
        f->s.q_priority = 0;
        open_walkin(f);
        return 1;
    case FLOW_WALKIN:
        if (strcmp(id, "back") == 0) {
            go(f, FLOW_HOME);
        } else if (strcmp(id, "priority") == 0) {
            f->s.q_priority = !f->s.q_priority;
            changed(f);
        } else if (strncmp(id, "line:", 5) == 0) {
            tap_line(f, id + 5);
        } else {
            return 0;
        }
        return 1;
    case FLOW_QUEUE_TICKET:
        if (strcmp(id, "print") == 0) { /* a slip lost, torn or not printed */
            flow_request_print(f);
            return 1;
        }
        if (strcmp(id, "back") != 0 && strcmp(id, "done") != 0)
            return 0;
        go(f, FLOW_HOME);
        return 1;
    case FLOW_QUEUE_REFUSED:
        if (strcmp(id, "back") == 0 || strcmp(id, "walk-in") == 0)
            open_walkin(f);
        else if (strcmp(id, "done") == 0)
            go(f, FLOW_HOME);
        else
            return 0;
        return 1;
    default:
        return 0;
    }
}

void flow_queue_lines_result(flow_t *f, const flow_queue_line_t *rows, int n, int failed)
{
    if (!awaited(f, FLOW_REQ_QUEUE_LINES))
        return;
    f->s.q_loaded = 1;
    f->s.q_failed = failed || n < 0;
    f->s.n_q_lines = 0;
    for (int i = 0; !f->s.q_failed && i < n && i < FLOW_QUEUE_LINES; i++)
        f->s.q_lines[f->s.n_q_lines++] = rows[i];
    changed(f);
}

void flow_queue_take_result(flow_t *f, int result, const char *label, int ahead, int minutes)
{
    if (!awaited(f, FLOW_REQ_QUEUE_TAKE))
        return;
    if (result == RULES_OK && (!label || !label[0] || strlen(label) >= sizeof f->s.q_label))
        result = -1; /* a number without a label to show: as a failure */
    if (result != RULES_OK) {
        /* The button said open, the store says otherwise (staff closed or
         * capped it meanwhile): the button is marked for the way back. */
        if (f->s.q_line >= 0 && f->s.q_line < f->s.n_q_lines) {
            flow_queue_line_t *l = &f->s.q_lines[f->s.q_line];
            l->closed |= result == RULES_CLOSED;
            l->full |= result == RULES_FULL;
        }
        refuse(f, result == RULES_CLOSED ? FLOW_QUEUE_CLOSED
                  : result == RULES_FULL ? FLOW_QUEUE_FULL
                                         : FLOW_QUEUE_ERROR);
        return;
    }
    snprintf(f->s.q_label, sizeof f->s.q_label, "%s", label);
    f->s.q_ahead = ahead < 0 ? 0 : ahead;
    f->s.q_minutes = minutes < 0 ? 0 : minutes;
    f->s.q_priority_taken = f->s.q_priority;
    go(f, FLOW_QUEUE_TICKET);
    /* Printed as it is shown, as the booking ticket is (not blocking). */
    f->s.print_tries = 0;
    flow_request_print(f);
}

void flow_checkin_queue(flow_t *f, const char *label)
{
    wipe_bytes(f->s.checkin_queue, sizeof f->s.checkin_queue);
    if (label && strlen(label) < sizeof f->s.checkin_queue)
        snprintf(f->s.checkin_queue, sizeof f->s.checkin_queue, "%s", label);
}

const flow_queue_line_t *flow_queue_ticket_line(const flow_state_t *s)
{
    return s->q_line >= 0 && s->q_line < s->n_q_lines ? &s->q_lines[s->q_line] : NULL;
}
