/* The counter (叫号, issue 19) read in one place: what counter N is calling
 * or serving and, per line, today's state and the next numbers in the
 * rule's order. The kiosk's staff-counter screen and the staff console's
 * counter page (tools/console/pages_counter.c) both show this view. And
 * the steps the kiosk's counter screen asks (FLOW_REQ_QUEUE_STEP). */
#ifndef APP_COUNTER_H
#define APP_COUNTER_H

#include "../core/flow.h"
#include "../store/store.h"

/* Fills *v for counter at now under rule. STORE_OK, or the store's error
 * (v is then partly filled). */
int counter_view(store_t *st, const queue_rule_t *rule, int counter, long long now,
                 flow_counter_view_t *v);

/* A step of the counter screen (verb: call, recall, skip, serve, finish,
 * transfer, close, open, cap) audited as by says; line: call's line ("" any),
 * transfer's destination, or the line closed, opened or capped (cap). The
 * number the step was about into label (QUEUE_LABEL_SIZE; "" for a line
 * op). STORE_OK, a refusal (> 0, a rules_result_t), or STORE_ERROR. */
int counter_step(store_t *st, const store_audit_note_t *by, const queue_rule_t *rule, int counter,
                 const char *verb, const char *line, int cap, long long now, char *label);

/* The kiosk's FLOW_REQ_COUNTER, FLOW_REQ_COUNTER_POLL and FLOW_REQ_QUEUE_STEP
 * answered into f. A poll reads the view again only when the store's
 * data_version differs from *seen (kept up to date here). */
void counter_serve(store_t *st, flow_t *f, const queue_rule_t *rule, long long *seen,
                   flow_request_t *rq, long long now);

#endif
