/* The kiosk's side of the walk-in queue (issue 19): the lines for the
 * walk-in screen, a number taken with its estimate, and the queue number a
 * check-in gave its booking, from the store into the flow's terms. */
#ifndef APP_QUEUE_TAKE_H
#define APP_QUEUE_TAKE_H

#include "../core/flow.h"
#include "../store/store.h"

/* The active lines with today's state into out (at most max): how many,
 * or -1 when the store failed. */
int queue_take_lines(store_t *st, long long now, flow_queue_line_t *out, int max);

/* A resident takes a number of line (priority: 绿色通道) at now: RULES_OK
 * with label ("A012"), ahead and the estimate in minutes (queue_estimate
 * over today's serving times of the line, or minutes_per_person each);
 * RULES_CLOSED, RULES_FULL, RULES_NOT_FOUND; -1 when the store failed. */
int queue_take_number(store_t *st, const char *line, int priority, const queue_rule_t *rule,
                      int minutes_per_person, long long now, char label[QUEUE_LABEL_SIZE],
                      int *ahead, int *minutes);

/* The queue number a booking checked in got (label "" for none). */
void queue_take_of_booking(store_t *st, const char *ticket, const queue_rule_t *rule,
                           long long now, char label[QUEUE_LABEL_SIZE]);

/* The kiosk's FLOW_REQ_QUEUE_LINES and FLOW_REQ_QUEUE_TAKE answered into f
 * (the lines, or the number taken with its estimate), logged without
 * anything personal. */
void queue_take_serve(store_t *st, flow_t *f, const queue_rule_t *rule, int minutes_per_person,
                      flow_request_t *rq, long long now);

#endif
