/* The kiosk's throttles (issue 16, core/throttle.h) tell the staff when
 * they pause: 我的预约's lookups (numbers swept one after another) and
 * check-ins by typed code (codes guessed). Each pause is one audit row,
 * "lookup_throttle" or "checkin_throttle", with no staff name, ticket or
 * detail: nothing typed is known here, so no number can reach the audit or
 * the log. The staff screen and kioskctl check count today's. */
#ifndef APP_THROTTLED_H
#define APP_THROTTLED_H

#include "../store/store.h"

/* what: "lookup" or "checkin". The audit row and a log line. 0, or -1
 * when the row could not be written (logged). */
int throttled_record(store_t *st, const char *what, long long now);

typedef struct throttled {
    int lookups, checkins; /* pauses on date */
    char last[6];          /* "HH:MM" of the latest, "" when none */
} throttled_t;

/* The pauses of date ("YYYY-MM-DD"). STORE_OK or the store's error. */
int throttled_count(store_t *st, const char *date, throttled_t *out);

#endif
