/* Weekly schedules turned into dated sessions for the booking horizon. */
#ifndef CORE_SCHEDULE_H
#define CORE_SCHEDULE_H

#include "catalog.h"
#include "ids.h"

/* "<service id>-YYYYMMDD-HHMM": stable across re-imports of the catalog, so
 * bookings keep pointing at the session they were made for. */

typedef struct sched_session {
    char id[KIOSK_SESSION_ID_SIZE];
    int service; /* index into catalog_t.services */
    dt_date_t date;
    int start, end; /* minutes of the day */
    int capacity;
} sched_session_t;

/* Writes the id of the session of service_id on date d at start. */
void sched_session_id(const char *service_id, dt_date_t d, int start, char out[KIOSK_SESSION_ID_SIZE]);

/* The sessions of every service on the dates [from, from + days), skipping
 * closed dates and schedules outside their from/until, ordered by date, start
 * time, then catalog order. Returns the count and a malloc'd array in *out
 * (caller frees; NULL when the count is 0), or -1 when out of memory. */
int sched_generate(const catalog_t *cat, dt_date_t from, int days, sched_session_t **out);

/* How many sessions sched_generate would give for [from, from + days),
 * counted without allocating, and stopping once past limit (then limit + 1). */
long sched_count(const catalog_t *cat, dt_date_t from, int days, long limit);

#endif
