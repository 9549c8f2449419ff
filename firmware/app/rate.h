/* 好差评 (issue 20): the kiosk's side of the ratings, from the store into
 * the flow's terms (core/flow_rate.c). Logged without anything personal:
 * never the ticket of a rated visit, nor its level next to it. */
#ifndef APP_RATE_H
#define APP_RATE_H

#include "../core/flow.h"
#include "../store/store.h"
#include "../ticket/payload.h"

/* A staff prompt stays this long (kioskctl rate-prompt). */
#define RATE_PROMPT_MINUTES 30
/* A lookup offers to rate visits of this many days before today. */
#define RATE_DUE_DAYS 30

/* FLOW_REQ_RATE_FIND, _SUBMIT and _SKIP answered into f. key verifies a
 * scanned ticket's QR. */
void rate_serve(store_t *st, const ticket_key_t *key, flow_t *f, const flow_request_t *rq,
                long long now);
/* Before a lookup's answer: the visits of phone to rate (flow_rate_due). */
void rate_lookup_due(store_t *st, flow_t *f, const char *phone, long long now);
/* On home, once a visit: a staff member's prompt, opened on the screen.
 * Returns 1 when the flow took one. */
int rate_staff_prompt(store_t *st, flow_t *f, long long now);

#endif
