#include "checkin.h"

#include <string.h>

#include "../core/datetime.h"
#include "../core/rules.h"
#include "../core/wipe.h"

int checkin_code_of(const ticket_key_t *key, const char *input, char code[KIOSK_TICKET_SIZE])
{
    if (ticket_payload_looks_like(input))
        return key && ticket_payload_verify(key, input, code) == 0 ? RULES_OK : RULES_FORGED;
    return ticket_code_normalize(input, code) == 0 ? RULES_OK : RULES_NOT_FOUND;
}

int checkin_present(store_t *st, const ticket_key_t *key, const char *input, long long now,
                    checkin_outcome_t *out)
{
    return checkin_present_audited(st, key, input, now, NULL, out);
}

/* factor: NULL for a scan or staff (kioskctl), else what the resident
 * typed as the second factor. */
static int present(store_t *st, const ticket_key_t *key, const char *input, const char *factor,
                   long long now, const store_audit_note_t *audit, checkin_outcome_t *out)
{
    memset(out, 0, sizeof *out);
    char code[KIOSK_TICKET_SIZE];
    int rc = checkin_code_of(key, input, code);
    if (rc != RULES_OK)
        return out->result = rc;
    /* t: an enrolment's code stands for its class of today. */
    char one[KIOSK_TICKET_SIZE];
    if (store_enrolment_booking(st, code, now, one, NULL, NULL) == STORE_OK)
        memcpy(code, one, sizeof one);
    rc = store_get_booking(st, code, &out->booking);
    if (rc != STORE_OK)
        return out->result = rc;
    if (store_enrolment_class(st, code, &out->class_nth, &out->class_total) != STORE_OK)
        out->class_nth = out->class_total = 0;
    if (factor && !rules_checkin_factor_ok(out->booking.phone, out->booking.party, factor)) {
        /* Nothing of the booking goes back: a wrong factor learns no more
         * than a wrong code. */
        wipe_bytes(&out->booking, sizeof out->booking);
        return out->result = RULES_FACTOR_WRONG;
    }
    out->found = 1;
    dt_date_t d, today;
    int m;
    dt_from_stamp(now, &today, &m);
    if (strcmp(out->booking.status, "booked") != 0)
        return out->result = RULES_BAD_STATE;
    if (dt_parse_date(out->booking.date, &d) || dt_days(d) != dt_days(today))
        return out->result = RULES_NOT_TODAY;
    rc = store_checkin_audited(st, code, now, audit);
    if (rc == STORE_OK || rc == RULES_BAD_STATE) /* a staff member may have been quicker */
        store_get_booking(st, code, &out->booking);
    return out->result = rc;
}

int checkin_present_audited(store_t *st, const ticket_key_t *key, const char *input, long long now,
                            const store_audit_note_t *audit, checkin_outcome_t *out)
{
    return present(st, key, input, NULL, now, audit, out);
}

int checkin_typed(store_t *st, const char *code, const char *factor, long long now,
                  checkin_outcome_t *out)
{
    if (ticket_payload_looks_like(code)) {
        /* A typed code, never a payload: the factor is not skipped by
         * typing what a scanner would send. */
        memset(out, 0, sizeof *out);
        return out->result = RULES_NOT_FOUND;
    }
    return present(st, NULL, code, factor ? factor : "", now, NULL, out);
}
