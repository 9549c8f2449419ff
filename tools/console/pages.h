/* The console's pages, by concern (pages.c routes them): each handler gets
 * the request, the reply to fill, the path's segment (a session id, a
 * ticket) and the action's verb. */
#ifndef CONSOLE_PAGES_H
#define CONSOLE_PAGES_H

#include "console.h"

typedef void page_fn(request_t *r, reply_t *out, const char *arg, const char *verb);

/* pages_roster.c: a session's roster and what staff do to a booking. */
page_fn pages_roster;
page_fn pages_booking_action;
/* pages_records.c: bookings of a date range, and their CSV. */
page_fn pages_bookings;
page_fn pages_export;

/* pages.c: shared pieces. */
/* The kiosk's word for a status ("booked" -> 已预约 / Booked). */
const char *pages_status_word(const char *status, int en);
/* The query's date key (YYYY-MM-DD) or, when absent, today. 0, or -1 when
 * it is not a date. */
int pages_date_arg(const request_t *r, const char *key, char out[11]);
/* The line saying what the last action did (?done=...&t=...). */
void pages_notice(buf_t *b, const request_t *r);

#endif
