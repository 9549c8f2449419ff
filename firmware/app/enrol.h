/* The kiosk's side of courses with terms (issue 20): a term's numbers for
 * the term screen and an enrolment made, from the store into the flow. */
#ifndef APP_ENROL_H
#define APP_ENROL_H

#include "../core/flow.h"
#include "../store/store.h"
#include "../ticket/payload.h"

/* FLOW_REQ_TERM and FLOW_REQ_ENROL answered into f: the term's classes
 * ahead, places left and first class; or the enrolment (made at origin,
 * its code from gen) with its signed QR payload under key, logged without
 * the phone or label. */
void enrol_serve(store_t *st, flow_t *f, const ticket_key_t *key, const rules_t *rules,
                 const store_origin_t *origin, store_codegen_fn gen, void *gen_ctx,
                 const flow_request_t *rq, long long now);

#endif
