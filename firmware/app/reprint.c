#include "reprint.h"

#include <stdio.h>
#include <string.h>

#include "../core/wipe.h"
#include "../platform/log.h"

/* The booking's session as the slip shows it: today's row of the staff
 * screen when there is one (it has the end), else its start alone. */
static void session_of(const flow_state_t *base, const store_booking_row_t *b, flow_session_t *se)
{
    memset(se, 0, sizeof *se);
    for (int i = 0; i < base->n_day; i++) {
        if (strcmp(base->day[i].s.id, b->session_id) == 0) {
            *se = base->day[i].s;
            return;
        }
    }
    snprintf(se->id, sizeof se->id, "%s", b->session_id);
    dt_parse_date(b->date, &se->date);
    dt_parse_hhmm(b->start, &se->start);
    se->end = se->start;
}

int reprint_slip(store_t *st, const ticket_key_t *key, const flow_state_t *base,
                 const char *ticket, const char *staff, long long now, kiosk_print_fn print,
                 void *print_ctx, flow_print_t *printed)
{
    *printed = FLOW_PRINT_NONE;
    store_booking_row_t b;
    int rc = store_get_booking(st, ticket, &b);
    if (rc != STORE_OK)
        return rc < 0 ? -1 : rc;
    if (strcmp(b.status, "booked") != 0) {
        wipe_bytes(&b, sizeof b);
        return RULES_BAD_STATE;
    }
    if (store_audit(st, staff, "reprint", b.ticket, b.session_id, NULL, now) != STORE_OK) {
        log_msg(LOG_ERROR, "cannot audit a reprint: %s; not printed", store_errmsg(st));
        wipe_bytes(&b, sizeof b);
        return -1;
    }
    flow_session_t se;
    session_of(base, &b, &se);
    flow_state_t t = *base;
    const catalog_service_t *sv = catalog_find_service(base->cat, b.service_id);
    t.service = sv ? (int)(sv - base->cat->services) : -1;
    t.sessions = &se;
    t.n_sessions = 1;
    t.session = 0;
    t.party = b.party;
    snprintf(t.ticket, sizeof t.ticket, "%s", b.ticket);
    ticket_payload_make(key, b.ticket, t.payload);
    *printed = print ? print(print_ctx, &t, 0) : FLOW_PRINT_NONE;
    log_msg(*printed == FLOW_PRINT_OK ? LOG_INFO : LOG_WARN, "reprint of %s by staff: %s", b.ticket,
            *printed == FLOW_PRINT_OK ? "printed" : "not printed (no printer or it failed)");
    wipe_bytes(&t, sizeof t);
    wipe_bytes(&b, sizeof b);
    return RULES_OK;
}
