/* i20wait (issue 20): the kiosk's side of the waitlist: joining a full
 * session's list and withdrawing from it, the phone's entries shown with
 * its bookings (a held seat seen there counts as confirmed), and the
 * periodic pass that passes on the holds whose time is up. */
#ifndef APP_WAITLIST_H
#define APP_WAITLIST_H

#include "../core/flow.h"
#include "../store/store.h"

/* FLOW_REQ_WAITLIST_JOIN and FLOW_REQ_WAITLIST_WITHDRAW: carried out on st
 * and fed back to f; logged without a number. */
void waitlist_serve(store_t *st, flow_t *f, const flow_request_t *rq,
                    const store_origin_t *origin, const rules_t *rules, long long now);
/* With a lookup of phone, before its bookings are fed back: the phone's
 * entries waiting or held, to f; the held ones are then marked seen. */
void waitlist_lookup(store_t *st, flow_t *f, const char *phone, long long now);
/* The expiry pass (store_waitlist_expire), at most once a minute: *last
 * holds the minute it last ran. */
void waitlist_tick(store_t *st, long long now, long long *last);

#endif
