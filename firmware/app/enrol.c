/* The kiosk's term screen and enrolment (issue 20): store/terms.c's
 * numbers and enrolment handed to the flow (core/flow_terms.c). */
#include "enrol.h"

#include <string.h>

#include "../platform/log.h"

void enrol_serve(store_t *st, flow_t *f, const ticket_key_t *key, const rules_t *rules,
                 const store_origin_t *origin, store_codegen_fn gen, void *gen_ctx,
                 const flow_request_t *rq, long long now)
{
    if (rq->kind == FLOW_REQ_TERM) {
        store_term_row_t t;
        int rc = store_term_get(st, rq->input, now, rules, &t);
        if (rc != STORE_OK || strcmp(t.service_id, rq->service_id)) {
            log_msg(LOG_ERROR, "cannot read term %s: %s", rq->input, store_errmsg(st));
            flow_term_result(f, 0, 0, NULL, 1);
            return;
        }
        flow_term_result(f, t.ahead, t.places > t.enrolled ? t.places - t.enrolled : 0,
                         t.first_date, 0);
        return;
    }
    char ticket[KIOSK_TICKET_SIZE] = "", payload[TICKET_PAYLOAD_LEN + 1] = "";
    store_person_t who = {rq->phone[0] ? rq->phone : NULL,
                          rq->for_label[0] ? rq->for_label : NULL, "kiosk"};
    int classes = 0;
    int rc = store_enrol(st, origin, rq->service_id, rq->input, &who, now, rules, gen, gen_ctx,
                         ticket, &classes);
    if (rc < 0)
        log_msg(LOG_ERROR, "enrolment failed: %s", store_errmsg(st));
    else if (rc == STORE_OK)
        log_msg(LOG_INFO, "enrolled %s in term %s: %d classes", ticket, rq->input, classes);
    else
        log_msg(LOG_INFO, "enrolment in term %s refused (%s)", rq->input, rules_result_name(rc));
    if (rc == STORE_OK)
        ticket_payload_make(key, ticket, payload);
    flow_enrol_result(f, rc < 0 ? -1 : rc, ticket, payload, classes);
}
