/* Staff print a booking's slip again (issue 16): a resident who lost the
 * slip or its code is sent to the desk; staff find the booking on today's
 * roster and press 补打小票. The same slip as at booking (the same words,
 * what to bring, the code and the signed QR), through the kiosk's printer.
 * Audited as "reprint" under the staff member's name with the ticket and
 * the session, never a phone number; the row is written first: no row, no
 * slip. */
#ifndef APP_REPRINT_H
#define APP_REPRINT_H

#include "../store/store.h"
#include "../ticket/payload.h"
#include "kiosk.h"

/* base: the flow's state (catalog, language, today's sessions). Returns
 * RULES_OK with *printed set (FLOW_PRINT_OK, _NONE, _FAILED), RULES_NOT_FOUND
 * or RULES_BAD_STATE (only a booking still to come is reprinted), or -1
 * when the store failed (nothing printed). */
int reprint_slip(store_t *st, const ticket_key_t *key, const flow_state_t *base,
                 const char *ticket, const char *staff, long long now, kiosk_print_fn print,
                 void *print_ctx, flow_print_t *printed);

#endif
