#include "checkin.h"

#include <string.h>

#include "../core/datetime.h"

int checkin_present(store_t *st, const ticket_key_t *key, const char *input, long long now,
                    checkin_outcome_t *out)
{
    return checkin_present_audited(st, key, input, now, NULL, out);
}

int checkin_present_audited(store_t *st, const ticket_key_t *key, const char *input, long long now,
                            const store_audit_note_t *audit, checkin_outcome_t *out)
{
    memset(out, 0, sizeof *out);
    char code[KIOSK_TICKET_SIZE];
    if (ticket_payload_looks_like(input)) {
        if (ticket_payload_verify(key, input, code))
            return out->result = RULES_FORGED;
    } else if (ticket_code_normalize(input, code)) {
        return out->result = RULES_NOT_FOUND;
    }
    int rc = store_get_booking(st, code, &out->booking);
    if (rc != STORE_OK)
        return out->result = rc;
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
