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
/* GET /booking/<ticket>/cancel: the cancel form (a reason required). */
page_fn pages_booking_page;
/* POST /session/<id>/close. */
page_fn pages_session_action;
/* pages_find.c: GET /find?q= (code, person, phone). */
page_fn pages_find;
/* pages_calls.c: staff calls from the kiosks, their acknowledgement, the audit. */
page_fn pages_calls;
page_fn pages_call_action;
page_fn pages_audit;
/* pages_records.c: bookings of a date range, and their CSV. */
page_fn pages_bookings;
page_fn pages_export;
/* pages_counter.c: GET /counter?counter=N (what the counter calls, the
 * steps, the waiting per line) and POST /counter/<N>/<step> (call, recall,
 * skip, serve, finish, transfer). */
page_fn pages_counter;
page_fn pages_counter_action;
/* issue 20 (F), pages_ratings.c: GET /ratings (the low ratings, waiting
 * and followed up), POST /ratings/<n>/followup (a note, audited); the
 * count waiting, a line of the home page. */
page_fn pages_ratings;
page_fn pages_rating_action;
void pages_ratings_home(buf_t *b, const request_t *r);
/* pages_waitlist.c (i20wait): GET /waitlist (whom to phone, who waits) and
 * POST /waitlist/<id>/confirm|withdraw. */
page_fn pages_waitlist;
page_fn pages_waitlist_action;

/* pages.c: shared pieces. */
/* The kiosk's word for a status ("booked" -> 已预约 / Booked). */
const char *pages_status_word(const char *status, int en);
/* The query's date key (YYYY-MM-DD) or, when absent, today. 0, or -1
 * after answering reply with 400 and why (not a date). */
int pages_date_arg(request_t *r, reply_t *reply, const char *key, char out[11]);
/* The line saying what the last action did (?done=...&t=...). */
void pages_notice(buf_t *b, const request_t *r);
/* The bar of a page by day: the day before, a date field, the day after
 * (links to prefix + path + ?date=). */
void pages_day_bar(buf_t *b, const console_t *c, const char *path, const char *date);
/* Ends a table's body; when rc (a listing's) is not STORE_OK, says the
 * store's error after it. 1 when rc was STORE_OK. */
int pages_tbody_end(buf_t *b, const request_t *r, int rc);
/* Marks a page answered to a POST (a search's results, an error after an
 * action): the script does not fetch its URL again on a change, which
 * would show something else, but offers a reload. */
void pages_no_live(buf_t *b);
/* A table's head (n columns of Chinese and English) and the body's start. */
void pages_thead(buf_t *b, const char *const cols[][2], size_t n);
/* A paragraph of class cls ("error" gets role=alert), id (or NULL), text. */
void pages_para(buf_t *b, const char *cls, const char *id, const char *zh, const char *en);
/* A booking's row start: <tr class="booking STATUS" id="PREFIX-TICKET"> and its code cell. */
void pages_booking_tr(buf_t *b, const store_booking_row_t *row, const char *id_prefix);
/* pages_roster.c: a booking's "for" and "phone" cells, masked unless full. */
void pages_person_cells(buf_t *b, const store_booking_row_t *row, int full);
/* pages_find.c: a booking's row in a list (code, when, service linking to
 * its row on the roster, for, phone masked, party, status); ids PREFIX-CODE. */
void pages_booking_line(buf_t *b, const console_t *c, const store_booking_row_t *row,
                        const char *id_prefix);
/* ... and the head of such a list's table. */
void pages_booking_thead(buf_t *b);
/* An action's answer: a redirect to base + base_arg (URL-escaped) with
 * ?done=verb&t=what (no t when what is ""). */
void pages_done(request_t *r, reply_t *out, const char *base, const char *base_arg,
                const char *verb, const char *what);

#endif
