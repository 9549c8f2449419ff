/* Checking a booking in from what the resident presents: a scanned QR
 * payload or a typed ticket code. One place for the rules, shared by the
 * kiosk's scanner, its check-in keypad and kioskctl. */
#ifndef PLATFORM_CHECKIN_H
#define PLATFORM_CHECKIN_H

#include "../store/store.h"
#include "../ticket/payload.h"

typedef struct checkin_outcome {
    int result;                  /* RULES_OK, or RULES_FORGED, RULES_NOT_FOUND,
                                  * RULES_BAD_STATE (see booking.status),
                                  * RULES_NOT_TODAY; STORE_ERROR if the store failed */
    int found;                   /* booking below is filled */
    store_booking_row_t booking; /* as it stands after the attempt */
    /* t (issue 20): a class of a term (the enrolment's code checks in the
     * class of the day): which of how many (第3次课 / 共12次); 0 and 0
     * for a single booking. */
    int class_nth, class_total;
} checkin_outcome_t;

/* The ticket code input stands for: a payload (KQ1:...) with a genuine
 * MAC under key (key NULL: none is genuine), or a code as people type it
 * ("abcd-efgh"). RULES_OK with code, RULES_FORGED or RULES_NOT_FOUND (not
 * a code). The kiosk's check-in and the console's find read it so. */
int checkin_code_of(const ticket_key_t *key, const char *input, char code[KIOSK_TICKET_SIZE]);

/* input is a payload (KQ1:...) or a ticket code as people type it. A
 * payload must carry a genuine MAC; a typed code needs none (staff or the
 * resident read it off the ticket). Only sessions of today (by now) are
 * checked in. Returns the outcome's result. */
int checkin_present(store_t *st, const ticket_key_t *key, const char *input, long long now,
                    checkin_outcome_t *out);
/* The same, with the audit row (when audit is not NULL) written in the
 * check-in's own transaction: both or neither. */
int checkin_present_audited(store_t *st, const ticket_key_t *key, const char *input, long long now,
                            const store_audit_note_t *audit, checkin_outcome_t *out);

/* i16checkin: the kiosk's check-in keypad: a ticket code as typed and
 * the second factor typed after it (rules_checkin_factor_ok). A wrong
 * factor is RULES_FACTOR_WRONG with nothing of the booking filled (found
 * 0), so it tells no more than a wrong code (RULES_NOT_FOUND); the
 * booking is left as it was. Then as checkin_present. */
int checkin_typed(store_t *st, const char *code, const char *factor, long long now,
                  checkin_outcome_t *out);

#endif
