/* The booking store: one SQLite file (WAL, synchronous=FULL, foreign keys),
 * its schema and migrations, the booking transaction and the staff queries.
 * The schema is documented in docs/store.md for staff who open the file with
 * the sqlite3 shell while the kiosk runs.
 *
 * Errors follow SQLite's pattern: functions return STORE_OK (0), a
 * rules_result_t (> 0) for a refusal the rules explain, or STORE_ERROR (< 0)
 * with the reason in store_errmsg() ("book: database is locked"). After a
 * refusal store_errmsg() holds rules_result_text(r, 1). No sqlite3 type
 * leaves this module. A handle is for one thread at a time; other processes
 * (kioskctl, a staff sqlite3 shell) may use the same file concurrently. */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stddef.h>

#include "../core/catalog.h"
#include "../core/clockmark.h"
#include "../core/ids.h"
#include "../core/queue.h"
#include "../core/rating.h" /* issue 20 (F) */
#include "../core/rules.h"

#define STORE_OK 0
#define STORE_ERROR (-1)
/* store_check only: the file is sound, but rows point to rows that are gone
 * (deleted from the sqlite3 shell, which runs without foreign keys). Not
 * damage: nothing is restored; store_repair handles the rows. */
#define STORE_INCONSISTENT 100

/* The schema version this build creates and migrates to (PRAGMA user_version).
 * A newer file is used without migration when its recorded compatibility
 * floor (meta schema_compatible_with) is at most this, else refused
 * (docs/updates.md, "Releases and the schema"). The tests' synthetic next
 * schema (STORE_TEST_NEXT_SCHEMA, schema.c) is one more than the real one. */
#define STORE_SCHEMA_REAL 11
#ifdef STORE_TEST_NEXT_SCHEMA
#define STORE_SCHEMA_VERSION (STORE_SCHEMA_REAL + 1)
#else
#define STORE_SCHEMA_VERSION STORE_SCHEMA_REAL
#endif
#if STORE_SCHEMA_VERSION != STORE_SCHEMA_REAL && STORE_SCHEMA_VERSION != STORE_SCHEMA_REAL + 1
#error "STORE_SCHEMA_VERSION: the real schema, or one more under STORE_TEST_NEXT_SCHEMA"
#endif

/* Ticket codes: KIOSK_TICKET_LEN of core/ids.h. */

typedef struct store store_t;

/* Produces a fresh ticket code candidate into out (KIOSK_TICKET_LEN chars +
 * NUL); the store retries on the rare collision. Returns 0, or -1 to give up. */
typedef int (*store_codegen_fn)(void *ctx, char out[KIOSK_TICKET_SIZE]);

enum store_open_flags {
    STORE_OPEN_CREATE = 1,   /* create the file and schema when missing */
    STORE_OPEN_READONLY = 2, /* never write: no migration, no refresh */
    STORE_OPEN_MEMORY = 4,   /* a temporary store in memory (path ignored): the
                              * kiosk's last resort when no file can be used */
    STORE_OPEN_IMMUTABLE = 8 /* with READONLY: the file is on read-only media;
                              * read it without the WAL index (nobody writes) */
};

/* Why store_open failed, for the kiosk to choose what to do about it. */
typedef enum store_failure {
    STORE_FAIL_NONE,
    STORE_FAIL_CORRUPT,  /* not a database, or a damaged one: move it aside */
    STORE_FAIL_READONLY, /* the file or its disk cannot be written */
    STORE_FAIL_OTHER     /* anything else (missing directory, I/O error ...) */
} store_failure_t;

/* Opens (creating/migrating as flags allow) the database at path. Always sets
 * *out when memory allows, so that store_errmsg(*out) explains a failure;
 * the caller closes it either way. Returns STORE_OK or STORE_ERROR. */
int store_open(const char *path, int flags, store_t **out);
/* Safe on NULL. */
void store_close(store_t *st);
/* The last error of this handle, never NULL. */
const char *store_errmsg(const store_t *st);
/* The kind of the last store_open failure (STORE_FAIL_NONE after success). */
store_failure_t store_failure(const store_t *st);
/* 1 while the files the handle has open are still the ones at its path:
 * the database file, its -wal and its -shm, compared by device and inode
 * (three stat calls). A file deleted, renamed away or replaced (another
 * file renamed over it) under an open connection takes writes that no
 * later start reads: a booking confirmed then would be lost. Every write
 * transaction checks it at its start and before its COMMIT. Once 0 it
 * stays 0, with the reason in store_errmsg(), and every write is refused
 * (STORE_ERROR) until the database is opened again. Read-only and memory
 * handles: 1. */
int store_files_intact(store_t *st);

/* Whether a booking transaction can begin now: the files intact, then
 * BEGIN IMMEDIATE (waiting out the busy timeout) and ROLLBACK. STORE_OK,
 * or STORE_ERROR with the reason (read-only, locked, files replaced...). */
int store_write_probe(store_t *st);

/* From now on every write is refused ("opened read-only"): a memory store
 * that holds the catalog for browsing but must not take bookings. */
void store_set_readonly(store_t *st);

/* Replaces the catalog in one transaction: categories and services upserted
 * (services missing from cat become inactive), the source text kept for
 * later session refreshes, and sessions generated for [today, today +
 * horizon). Sessions that the new catalog no longer produces are withdrawn
 * (no new bookings) but kept, with their bookings, until they pass. */
int store_import_catalog(store_t *st, const catalog_t *cat, const char *source_text,
                         const char *source_name, long long now, const rules_t *rules);

/* Extends the sessions to [today, today + horizon) from the imported
 * catalog; cheap when there is nothing to add (one read, no write lock). No
 * catalog yet, or a read-only handle: STORE_OK without doing anything.
 * The days generated are kept (meta sessions_from, sessions_until): only
 * missing days are made, and a clock that went back (or came back from
 * months ahead) starts the days again from today. */
int store_refresh_sessions(store_t *st, long long now, const rules_t *rules);

/* Sessions one refresh slice makes, at least: whole days are made until
 * this many are reached (so a slice is at most this plus one day's,
 * CATALOG_SCHEDULES_TOTAL_MAX). A maximal catalog's day is one slice. */
#define STORE_REFRESH_SLICE 1000

/* One slice of store_refresh_sessions: whole days until budget sessions
 * are made, in one transaction; *more says whether days are left. The
 * kiosk calls it once a frame, so no frame does more than a slice. */
int store_refresh_sessions_step(store_t *st, long long now, const rules_t *rules, int budget,
                                int *more);

/* The imported catalog, parsed again from the stored source (NULL when no
 * catalog was imported yet, with STORE_OK). The caller destroys it. */
int store_load_catalog(store_t *st, catalog_t **out);

/* The booking transaction (BEGIN IMMEDIATE ... COMMIT, durable on return):
 * capacity in persons of booked + checked_in, one active booking per phone
 * and session, the per-phone limit of future bookings, the cut-off, phone
 * and party validity. On STORE_OK the code is in ticket. */
int store_book(store_t *st, const char *session_id, const char *phone, int party, long long now,
               const rules_t *rules, store_codegen_fn gen, void *gen_ctx,
               char ticket[KIOSK_TICKET_SIZE]);

/* Where a booking was made at a kiosk: which kiosk (1..32 bytes, its name)
 * and which visit on it (a number the kiosk gives each stretch of use from
 * the attract screen back to it, unique on that kiosk). */
typedef struct store_origin {
    const char *kiosk;
    long long visit;
} store_origin_t;

/* store_book for a resident at a kiosk (origin not NULL): besides the
 * rules above, one visit holds at most rules->visit_max_bookings bookings
 * (RULES_VISIT_LIMIT) and the kiosk books one service at most
 * rules->service_burst_max times in rules->service_burst_minutes
 * (RULES_BURST), whatever phone numbers are typed; both counted in the
 * booking transaction, so two kiosks or processes cannot race past them.
 * Such a refusal also flags a burst, durably (see store_bursts). A NULL
 * origin (staff tools) is store_book. */
int store_book_at(store_t *st, const store_origin_t *origin, const char *session_id,
                  const char *phone, int party, long long now, const rules_t *rules,
                  store_codegen_fn gen, void *gen_ctx, char ticket[KIOSK_TICKET_SIZE]);

/* i16house (issue 16): whom a booking serves and who made it (schema 6). */
typedef struct store_person {
    const char *phone;     /* a mobile number; NULL: the resident has none, and
                            * the ticket code is the booking's only key */
    const char *for_label; /* the person served (rules_label_valid: 张奶奶, 孙子);
                            * NULL: the booker themself. Required without a phone */
    const char *booked_by; /* 'kiosk', 'kioskctl' or a staff name (1..32 bytes);
                            * NULL: not recorded */
} store_person_t;

/* store_book_at for a person: one active booking per person served (phone
 * and label) and session; the per-person limit (rules max_active_per_phone)
 * counts the bookings of the phone with this label, the household limit
 * (rules household_limit) all of the phone's; a booking without a phone
 * meets neither (rules.h says why). store_book_at is this with the phone,
 * no label and booked_by NULL. */
int store_book_person(store_t *st, const store_origin_t *origin, const char *session_id,
                      const store_person_t *who, int party, long long now, const rules_t *rules,
                      store_codegen_fn gen, void *gen_ctx, char ticket[KIOSK_TICKET_SIZE]);

/* Status changes of one booking, by ticket code (already normalised):
 * check in (booked -> checked_in; RULES_BAD_STATE when checked in, cancelled
 * or no-show), cancel and no-show (booked -> ...). */
int store_checkin(store_t *st, const char *ticket, long long now);

/* The audit row written in the same transaction as a change (so that the
 * change and its row are both there or neither is). at is its time, which
 * may differ from the change's now: a command run with a test clock stamps
 * the audit with the wall clock and says so in detail. */
typedef struct store_audit_note {
    const char *staff;  /* who ("kioskctl"); NULL is "" */
    const char *action; /* 1..31 of a-z and _ */
    const char *detail; /* or NULL; digits masked as in store_audit */
    long long at;       /* minute stamp of the row */
} store_audit_note_t;

/* store_checkin, and when audit is not NULL its audit row (with the
 * ticket and session) in the same transaction: a row that cannot be
 * written rolls the check-in back (STORE_ERROR). */
int store_checkin_audited(store_t *st, const char *ticket, long long now,
                          const store_audit_note_t *audit);
int store_cancel(store_t *st, const char *ticket, long long now);
int store_no_show(store_t *st, const char *ticket, long long now);

typedef struct store_session_row {
    char session_id[KIOSK_SESSION_ID_SIZE];
    char service_id[CATALOG_ID_MAX + 1];
    char category_id[CATALOG_ID_MAX + 1];
    char service_name[160]; /* Chinese name */
    char date[11], start[6], end[6];
    int capacity, booked, remaining; /* booked counts persons of booked + checked_in;
                                      * remaining is 0 for a session not open */
    int open;                        /* 0 when closed by staff or withdrawn */
} store_session_row_t;

typedef struct store_session_filter {
    const char *date;       /* "YYYY-MM-DD" or NULL */
    const char *from_date;  /* sessions on or after this date, or NULL */
    const char *until_date; /* sessions before this date, or NULL */
    const char *service_id; /* or NULL */
    const char *session_id; /* or NULL */
} store_session_filter_t;

typedef struct store_booking_row {
    char ticket[KIOSK_TICKET_SIZE];
    char session_id[KIOSK_SESSION_ID_SIZE];
    char service_id[CATALOG_ID_MAX + 1];
    char service_name[160];
    char date[11], start[6];
    char phone[KIOSK_PHONE_SIZE]; /* "" once purged */
    int party;
    char status[KIOSK_STATUS_SIZE]; /* rules_status_name() */
    char created_at[17];
    int by_staff; /* cancelled by a staff member (not by the resident) */
    /* i16house (schema 6) */
    char for_label[KIOSK_LABEL_SIZE];      /* the person served; "" for the booker
                                            * themself, and once purged */
    char booked_by[KIOSK_STAFF_NAME_SIZE]; /* who made it; "" when not recorded */
} store_booking_row_t;

typedef struct store_booking_filter {
    const char *date;                   /* session date, or NULL */
    const char *date_from, *date_until; /* session dates in this range (inclusive), or NULL */
    const char *status;                 /* rules_status_name(), or NULL */
    const char *phone;                  /* or NULL */
    const char *ticket;                 /* or NULL */
    long long from;                     /* only sessions starting at or after this stamp; 0: any */
    long long burst;                    /* only the bookings of this burst; 0: any */
    const char *for_label;              /* i16house: the person served, or NULL */
} store_booking_filter_t;

/* Each row is passed to cb in date, start, service order (bookings: then in
 * the order they were made); cb returns nonzero to stop early. Returns
 * STORE_OK or STORE_ERROR. The row is only valid during the call. cb may
 * read through st; to change the rows listed, collect them first: a write
 * from inside cb reads the snapshot of the listing and fails with "database
 * is locked" when another process wrote in between. */
typedef int (*store_session_cb)(void *ctx, const store_session_row_t *row);
typedef int (*store_booking_cb)(void *ctx, const store_booking_row_t *row);
int store_sessions(store_t *st, const store_session_filter_t *f, store_session_cb cb, void *ctx);
int store_bookings(store_t *st, const store_booking_filter_t *f, store_booking_cb cb, void *ctx);

/* One booking by ticket: STORE_OK, RULES_NOT_FOUND or STORE_ERROR. */
int store_get_booking(store_t *st, const char *ticket, store_booking_row_t *row);

/* The clock against its high-water mark (firmware/store/clock.c,
 * core/clockmark.h): the latest time the kiosk has lived through, kept in
 * meta 'clock_mark'. */
typedef struct store_clock {
    clockmark_verdict_t verdict;
    long long mark; /* minute stamp; 0: none kept yet */
} store_clock_t;
/* The verdict on now against the mark kept (read only). */
int store_clock_check(store_t *st, long long now, int retention_days, store_clock_t *out);
/* The kiosk's: the verdict (against the mark, or for a database that has
 * none yet the latest time its bookings were stamped with) and, when the
 * clock is believed, the mark raised to now. Never lowers it. */
int store_clock_advance(store_t *st, long long now, int retention_days, store_clock_t *out);
/* Staff confirm that the clock reads right: the mark set to now (even
 * behind the old one) and the audit row (audit->action, default
 * "clock_confirm", at audit->at, saying from which mark) in one transaction. */
int store_clock_confirm(store_t *st, long long now, const store_audit_note_t *audit);

/* Clears the phone numbers, and the labels of the people served (issue
 * 16: personal data like the phone), of bookings whose session ended more
 * than retention_days before now. Returns the number purged, or STORE_ERROR.
 * Refused (STORE_ERROR, the message says why) while the clock is in doubt
 * against the kept mark (store_clock_check): a clock months ahead must not
 * clear the numbers of bookings still to come.
 * Every connection runs with secure_delete, so the old values are
 * overwritten, not left in free space; after a purge the WAL is
 * checkpointed and truncated (when no reader holds it), so that its old
 * frames do not keep them either. */
int store_purge_phones(store_t *st, long long now, int retention_days);

/* ---- Staff (schema version 2) --------------------------------------------
 *
 * Staff members are a name and a PIN hash (libsodium crypto_pwhash_str,
 * made by app/staff.c: the store never sees a PIN). Names are 1..32
 * bytes of UTF-8 without control characters. */

/* 1 when name is a valid staff name (for refusing before a PIN is asked). */
int store_staff_name_valid(const char *name);

/* pin_hash must be a crypto_pwhash_str string ("$argon2..."); anything else
 * (a PIN passed by mistake) is refused with STORE_ERROR, as is a bad name.
 * STORE_OK, RULES_DUPLICATE (name taken) or STORE_ERROR. */
int store_staff_add(store_t *st, const char *name, const char *pin_hash, long long now);
/* STORE_OK, RULES_NOT_FOUND or STORE_ERROR. */
int store_staff_set_hash(store_t *st, const char *name, const char *pin_hash, long long now);
int store_staff_remove(store_t *st, const char *name, long long now);

typedef struct store_staff_row {
    char name[KIOSK_STAFF_NAME_SIZE];
    char pin_hash[128]; /* only filled by store_staff_hashes */
    char created_at[17], updated_at[17];
} store_staff_row_t;
typedef int (*store_staff_cb)(void *ctx, const store_staff_row_t *row);
/* Names and dates, ordered by name (no hashes). */
int store_staff_list(store_t *st, store_staff_cb cb, void *ctx);
/* The same with the hashes, for the login check only. The row is wiped
 * when the listing ends; a callback that keeps a hash wipes its copy. */
int store_staff_hashes(store_t *st, store_staff_cb cb, void *ctx);

/* The login throttle, kept in the database so that pulling the power gives
 * no free tries. Its times are seconds (minute stamp * 60 + second): a
 * lockout runs from the failure's second, so the first one lasts a whole
 * minute, not to the next minute boundary. store_auth_begin counts the
 * attempt as a failure, durably, before the PIN is checked (RULES_LOCKED
 * with *locked_until when locked); store_auth_end(ok = 1) then clears the
 * count. After 5 failures in a row the kiosk locks for 1 minute, then 2,
 * 4, 8 ... (doubling each lockout, at most a day); a success resets the
 * doubling. Attempts counted by store_auth_begin whose store_auth_end never
 * ran (power cut during the check) are failures too: store_auth_begin
 * itself starts the lockout when 5 are pending. A lockout ending more than
 * a day after now means the clock was set back; it is cut to a day from
 * now. Both write (BEGIN IMMEDIATE). store_auth_begin: STORE_OK,
 * RULES_LOCKED or STORE_ERROR; end: STORE_OK or STORE_ERROR, with
 * *locked_until (if not NULL) set when this failure started a lockout (0
 * otherwise), so the fifth wrong PIN can say so. */
int store_auth_begin(store_t *st, long long now, long long *locked_until);
int store_auth_end(store_t *st, int ok, long long now, long long *locked_until);

/* ---- Audit (schema version 2) ---------------------------------------------
 * Who did what to which booking or session, when. */
typedef struct store_audit_row {
    long long id;
    char at[17];
    char staff[KIOSK_STAFF_NAME_SIZE];
    char action[32]; /* attended, no_show, cancel, show_phone, close_session,
                      * export, login, login_failed, staff_add, ... */
    char ticket[KIOSK_TICKET_SIZE];
    char session_id[KIOSK_SESSION_ID_SIZE];
    char detail[200];
} store_audit_row_t;
typedef int (*store_audit_cb)(void *ctx, const store_audit_row_t *row);

/* Appends one row (ticket, session_id, detail may be NULL; staff NULL is
 * ""). action is 1..31 of a-z and _. The detail is cut to 199 bytes and any
 * run of 6 or more digits in it is stored as '*'s, so that no PIN or phone
 * number can reach the log. */
int store_audit(store_t *st, const char *staff, const char *action, const char *ticket,
                const char *session_id, const char *detail, long long now);
/* Rows of one day (date of "at"), or all when date is NULL, oldest first. */
int store_audit_list(store_t *st, const char *date, store_audit_cb cb, void *ctx);

/* Staff changing one booking, in one transaction with its audit row: to is
 * RULES_CHECKED_IN (attended), RULES_NO_SHOW or RULES_CANCELLED (reason
 * required). reason, when given, is the audit detail for any of them (the
 * console's "console"; NULL: none). From booked only (RULES_BAD_STATE
 * otherwise, RULES_NOT_FOUND). Audit actions: attended, no_show, cancel. */
int store_staff_set_status(store_t *st, const char *staff, const char *ticket, rules_status_t to,
                           const char *reason, long long now);

/* Staff closing a session for booking (state 'closed', also from
 * 'withdrawn'), with its audit row (close_session, detail "N bookings still
 * booked"). An already closed session is STORE_OK and writes nothing.
 * STORE_OK, RULES_NO_SESSION or STORE_ERROR. */
int store_session_close(store_t *st, const char *staff, const char *session_id, long long now);
/* The same, the audit detail starting "<where>: " (the console's
 * "console"); where NULL is store_session_close. */
int store_session_close_from(store_t *st, const char *staff, const char *where,
                             const char *session_id, long long now);

/* Session counts for the staff screen: booked and checked-in persons apart.
 * The sessions of date (all states), ordered by start and service id;
 * s.booked is booked + checked_in persons as in store_sessions. */
typedef struct store_day_row {
    store_session_row_t s;
    int booked_persons, checked_in_persons, no_show_persons;
} store_day_row_t;
typedef int (*store_day_cb)(void *ctx, const store_day_row_t *row);
int store_day(store_t *st, const char *date, store_day_cb cb, void *ctx);

/* ---- Bursts (schema version 4) ---------------------------------------------
 *
 * A visit or a kiosk that met its booking limit (store_book_at) is a
 * burst: one row, flagged at the first refusal and extended by the next
 * ones, with the bookings it holds tagged (store_bookings' filter.burst). */
typedef struct store_burst_row {
    long long id;
    char kiosk[33];
    char kind[8];                        /* "visit" or "service" */
    char service_id[CATALOG_ID_MAX + 1]; /* kind service: the service; else "" */
    char service_names[160];             /* the services its bookings are of */
    char first_at[17], last_at[17];      /* first and latest refused attempt */
    int refused;                         /* attempts refused */
    int bookings, still_booked;          /* tagged bookings; of them still booked */
    char released_at[17];                /* "" while not released */
    char released_by[KIOSK_STAFF_NAME_SIZE];
    char reason[200];
} store_burst_row_t;
typedef int (*store_burst_cb)(void *ctx, const store_burst_row_t *row);
/* Newest first; only those not released yet when open_only. */
int store_bursts(store_t *st, int open_only, store_burst_cb cb, void *ctx);

/* Staff releasing a burst's seats in one step, in one transaction: every
 * booking of it still booked is cancelled (cancelled_by = staff, an audit
 * row `cancel` with the reason and an outbox event each), the burst is
 * marked released, and one audit row `release_burst` says how many.
 * reason is required. *cancelled (may be NULL) gets the number. STORE_OK,
 * RULES_NOT_FOUND (no such burst), RULES_BAD_STATE (released already) or
 * STORE_ERROR. */
int store_burst_release(store_t *st, const char *staff, long long id, const char *reason,
                        long long now, int *cancelled);

/* ---- Calls for staff (schema version 5) -------------------------------------
 *
 * A resident at a kiosk pressed 找工作人员 (call-staff): one row per visit
 * while nobody acknowledged it. No personal data: the kiosk, the visit, the
 * time and the screen id. */
typedef struct store_call_row {
    long long id;
    char kiosk[33];
    char at[17];
    char screen[24];
    int alerts;          /* staff alerted this many times (first + repeats) */
    char alerted_at[17]; /* the last alert */
    char acked_at[17];   /* "" while nobody acknowledged it */
    char acked_by[KIOSK_STAFF_NAME_SIZE];
} store_call_row_t;
typedef int (*store_call_cb)(void *ctx, const store_call_row_t *row);

/* A call from origin's visit on screen (a screen id: a-z and '-', 1 to 23
 * characters; anything else is refused) at now. When the visit already has
 * a call nobody acknowledged, that one is the answer and nothing is
 * written (*created = 0): a second press adds nothing. *id (may be NULL)
 * gets the call. STORE_OK or STORE_ERROR. */
int store_call_add(store_t *st, const store_origin_t *origin, const char *screen, long long now,
                   long long *id, int *created);
/* Newest first; only those nobody acknowledged when open_only. */
int store_calls(store_t *st, int open_only, store_call_cb cb, void *ctx);
/* Staff acknowledging call id, with its audit row (call_ack). STORE_OK,
 * RULES_NOT_FOUND, RULES_BAD_STATE (acknowledged already) or STORE_ERROR. */
int store_call_ack(store_t *st, const char *staff, long long id, long long now);
/* The same, the audit detail starting "<where>: "; where NULL is store_call_ack. */
int store_call_ack_from(store_t *st, const char *staff, const char *where, long long id,
                        long long now);
/* The calls of kiosk nobody acknowledged whose last alert is
 * repeat_minutes or more before now: each is counted as alerted again at
 * now (one transaction), then given to cb, newest first. STORE_OK or
 * STORE_ERROR. */
int store_calls_due(store_t *st, const char *kiosk, long long now, int repeat_minutes,
                    store_call_cb cb, void *ctx);

/* ---- The walk-in queue (schema version 8) ------------------------------------
 *
 * Residents take a number of a line (A012, restarting each day), staff call
 * numbers to counters in the order of core/queue.h's rule, and every step
 * is stored with its time and one queue_events row (no personal data;
 * kiosk-sync does not send them yet, docs/fleet.md). The lines come from
 * the catalog's [line ID] sections with the import; staff may close or cap
 * a line for one day. "Today" is the date of now; the numbers of other
 * days stay as they were. Staff steps act on the ticket a counter (1..99)
 * has called or is serving today and are audited in their transaction as
 * by says: by->staff (required), at by->at (0: the step's now), by->detail
 * (or NULL) after the step's own (by->action is not used). Refusals:
 * RULES_NOT_FOUND (no such line, nobody to call, nothing at the counter),
 * RULES_CLOSED (the line is closed today), RULES_FULL (the line gave its
 * numbers for today), RULES_BAD_STATE (the counter is busy, or its ticket
 * is not in a state that allows the step), each with its own message in
 * store_errmsg. */
typedef struct store_queue_line_row {
    char id[QUEUE_LINE_ID_MAX];
    char letter;
    char name_zh[QUEUE_NAME_MAX];
    char name_en[QUEUE_NAME_MAX];
    int cap;     /* today's: the catalog's, or lower when staff capped it */
    int closed;  /* closed today by staff */
    int taken;   /* numbers given today */
    int waiting; /* waiting now */
} store_queue_line_row_t;
typedef int (*store_queue_line_cb)(void *ctx, const store_queue_line_row_t *row);

typedef struct store_queue_row {
    long long id;
    char day[11];
    char line[QUEUE_LINE_ID_MAX];
    char label[QUEUE_LABEL_SIZE];    /* A012 */
    char kind[12];                   /* walkin, priority, appointment */
    char status[12];                 /* waiting, called, serving, done, no_show, transferred */
    char booking[KIOSK_TICKET_SIZE]; /* an appointment's booking, else "" */
    char booked_at[17];
    char taken_at[17];
    char called_at[17];
    char served_at[17];
    char finished_at[17];
    int counter; /* 0: none */
    int recalls;
    long long call_seq; /* the day's calls in order (1, 2, ...: finer than called_at's minute); 0: not called */
    int ahead; /* waiting: numbers its line calls before it under the rule; else -1 */
} store_queue_row_t;
typedef int (*store_queue_cb)(void *ctx, const store_queue_row_t *row);

/* The active lines in catalog order with today's state. */
int store_queue_lines(store_t *st, long long now, store_queue_line_cb cb, void *ctx);
/* A resident takes a number of line (kind QUEUE_WALKIN or QUEUE_PRIORITY)
 * at now: max + 1 of the line's numbers today, in one write transaction.
 * *out (may be NULL) gets the ticket with how many are ahead. */
int store_queue_take(store_t *st, const char *line, queue_kind_t kind, const queue_rule_t *rule,
                     long long now, store_queue_row_t *out);
/* Staff call the next number to counter: of line, or of every line when
 * line is NULL, as the rule picks it. */
int store_queue_call_next(store_t *st, const store_audit_note_t *by, int counter, const char *line,
                          const queue_rule_t *rule, long long now, store_queue_row_t *out);
/* A step on the ticket the counter has called or is serving today:
 * recall (called again, recalls + 1), skip (no_show: the resident did not
 * come), serve (called -> serving), finish (serving -> done). */
typedef enum store_queue_step {
    STORE_QUEUE_RECALL,
    STORE_QUEUE_SKIP,
    STORE_QUEUE_SERVE,
    STORE_QUEUE_FINISH
} store_queue_step_t;
int store_queue_step(store_t *st, const store_audit_note_t *by, int counter,
                     store_queue_step_t step, long long now, store_queue_row_t *out);
/* The counter's called or serving ticket goes to line to_line: it ends
 * (transferred) and waits there from now under the same number and kind;
 * *out gets the new waiting row. */
int store_queue_transfer(store_t *st, const store_audit_note_t *by, int counter,
                         const char *to_line, const queue_rule_t *rule, long long now,
                         store_queue_row_t *out);
/* Staff close (closed 1) or open (0) line for today, or cap it (cap >= 0:
 * at most cap numbers today; -1 leaves either as it is). Numbers already
 * given stay and are called. */
int store_queue_set_day(store_t *st, const store_audit_note_t *by, const char *line, int closed,
                        int cap, long long now);
/* The queue number a booking got when it was checked in (its newest row:
 * a transfer's), into *out: STORE_OK, RULES_NOT_FOUND (its service has no
 * line) or STORE_ERROR. Checking in (store_checkin and the kiosk's and
 * kioskctl's check-in) queues a booking whose service names an active line
 * as an appointment at the session's start. */
int store_queue_of_booking(store_t *st, const char *ticket, const queue_rule_t *rule, long long now,
                           store_queue_row_t *out);
/* w (issue 19): how long today's finished numbers of line were served
 * (finished_at - served_at, whole minutes), the newest first, at most max
 * into minutes: how many (>= 0), or STORE_ERROR. */
int store_queue_service_times(store_t *st, const char *line, long long now, int *minutes, int max);
/* How many counters called a number of line in the window_minutes before
 * now (today only): the counters serving it now, for the wait's estimate;
 * >= 0, or STORE_ERROR. */
int store_queue_counters_serving(store_t *st, const char *line, long long now, int window_minutes);
/* Today's tickets in the order of taking, waiting ones with ahead. */
int store_queue_status(store_t *st, const queue_rule_t *rule, long long now, store_queue_cb cb,
                       void *ctx);

/* ---- Courses with terms (t, issue 20, schema version 9, store/terms.c) -----
 *
 * A term of the catalog ([term ID]) is enrolled whole: an enrolment is one
 * child (a phone and a label, as a booking's) with its own ticket code,
 * holding one booking (party 1) in every session of the term not started
 * yet, so capacity, check-in, no-show, the export and the outbox are the
 * bookings' own. Towards the per-person and household limits an enrolment
 * counts once, however many classes it has ahead. */
typedef struct store_term_row {
    char id[CATALOG_ID_MAX + 1];
    char service_id[CATALOG_ID_MAX + 1];
    char service_name[160];
    char name_zh[160], name_en[160];
    char date_from[11], date_to[11];
    int places, age_min, age_max; /* ages 0 and 0: not given */
    int sessions;                 /* classes of the term (open, closed or withdrawn) */
    int ahead;                    /* classes a new enrolment would hold now */
    int enrolled;                 /* children enrolled (not dropped) */
    char first_date[11];          /* the first class a new enrolment would hold; "" */
} store_term_row_t;

typedef struct store_enrolment_row {
    char ticket[KIOSK_TICKET_SIZE];
    char term_id[CATALOG_ID_MAX + 1];
    char service_id[CATALOG_ID_MAX + 1];
    char phone[KIOSK_PHONE_SIZE];          /* "" once purged */
    char for_label[KIOSK_LABEL_SIZE];      /* "" for the booker themself */
    char status[12];                       /* enrolled, dropped */
    int classes;                           /* its bookings, cancelled ones included */
    int attended;                          /* checked in */
    int held;                              /* classes started by now and not cancelled */
    char next_date[11], next_start[6];     /* its next class still booked; "" */
} store_enrolment_row_t;

/* One cell of the register: an enrolment's booking of one class. */
typedef struct store_register_row {
    char ticket[KIOSK_TICKET_SIZE]; /* the enrolment's */
    char phone[KIOSK_PHONE_SIZE];
    char for_label[KIOSK_LABEL_SIZE];
    char enrolment_status[12];
    char session_id[KIOSK_SESSION_ID_SIZE];
    char date[11], start[6];
    char status[KIOSK_STATUS_SIZE]; /* the booking's */
    int started;                    /* the class began by now */
} store_register_row_t;
typedef int (*store_register_cb)(void *ctx, const store_register_row_t *row);

/* The term with its numbers at now. STORE_OK or RULES_NOT_FOUND. */
int store_term_get(store_t *st, const char *term_id, long long now, const rules_t *rules,
                   store_term_row_t *out);
/* Enrols who in term_id at now, in one BEGIN IMMEDIATE transaction: the
 * enrolment and a booking in every class ahead (past the cut-off, open), or
 * nothing. Refusals as a booking's (rules_check_booking on each class):
 * RULES_NO_SESSION (no such term, or of another service than service_id
 * when that is not NULL), RULES_TOO_LATE (no class left), RULES_DUPLICATE
 * (the person is enrolled, or holds one of the classes), RULES_LIMIT,
 * RULES_HOUSEHOLD, RULES_FULL (the term's places taken, or a class without
 * a seat). On STORE_OK the enrolment's code is in ticket and the classes
 * it holds in *classes (may be NULL). */
int store_enrol(store_t *st, const store_origin_t *origin, const char *service_id,
                const char *term_id, const store_person_t *who, long long now, const rules_t *rules,
                store_codegen_fn gen, void *gen_ctx, char ticket[KIOSK_TICKET_SIZE], int *classes);
/* The child drops out: every booking of the enrolment still booked whose
 * class has not started is cancelled, each through store_staff_change
 * (the one path a staff cancel frees a seat by: its audit row and outbox
 * event), and the enrolment becomes dropped, in one transaction. *freed
 * (may be NULL) gets the classes freed. RULES_NOT_FOUND, RULES_BAD_STATE
 * (dropped already). */
int store_drop(store_t *st, const char *staff, const char *ticket, long long now, int *freed);
/* The enrolment of code ticket at now. STORE_OK or RULES_NOT_FOUND. */
int store_enrolment_get(store_t *st, const char *ticket, long long now,
                        store_enrolment_row_t *out);
/* When code is an enrolment's: its booking of the class of today (by
 * now), else of its next class, else of its last, into booking; and
 * which class it is (*nth of *total, may be NULL). STORE_OK, or
 * RULES_NOT_FOUND when code is no enrolment's. */
int store_enrolment_booking(store_t *st, const char *code, long long now,
                            char booking[KIOSK_TICKET_SIZE], int *nth, int *total);
/* The classes of booking's enrolment: *nth of *total. RULES_NOT_FOUND for
 * a booking of no enrolment. */
int store_enrolment_class(store_t *st, const char *booking, int *nth, int *total);
/* The register of term_id: every booking of its enrolments, by class date
 * and time, then in the order of enrolling. */
int store_register(store_t *st, const char *term_id, long long now, store_register_cb cb,
                   void *ctx);

/* ---- Fleet sync outbox (schema version 3) ----------------------------------
 *
 * Every booking event is one outbox row, written in the transaction of the
 * change: created (store_book), checked_in (store_checkin), cancelled,
 * no_show, attended (staff marking checked_in); and from schema 7 each call
 * for staff (call, store_call_add) and its acknowledgement (call_ack,
 * store_call_ack). seq numbers the station's events, gapless while nothing is deleted and never
 * reused. kiosk-sync sends them to the centre and then raises sent_seq. No phone numbers. */
typedef struct store_outbox_row {
    long long seq;
    char kind[KIOSK_STATUS_SIZE]; /* created, cancelled, checked_in, no_show, attended, call,
                                     call_ack */
    char at[17];
    char ticket[KIOSK_TICKET_SIZE];
    char session_id[KIOSK_SESSION_ID_SIZE];
    char service_id[CATALOG_ID_MAX + 1];
    char category_id[CATALOG_ID_MAX + 1];
    char service_name[160];
    char date[11], start[6], end[6];
    int capacity, party;
    char status[KIOSK_STATUS_SIZE]; /* of the booking right after the event */
    /* Schema 7: a call for staff (kind call) or its acknowledgement
     * (call_ack) has these instead of the booking's ("" and 0 above). */
    char kiosk[33];
    long long call_id; /* the call's number on the kiosk (calls.id); 0 for a booking event */
    char screen[24];
    char staff[KIOSK_STAFF_NAME_SIZE]; /* call_ack: who acknowledged it */
} store_outbox_row_t;
typedef int (*store_outbox_cb)(void *ctx, const store_outbox_row_t *row);

/* Rows with seq > after_seq in seq order, at most limit (0: all). */
int store_outbox(store_t *st, long long after_seq, int limit, store_outbox_cb cb, void *ctx);

typedef struct store_sync_state {
    char station_id[CATALOG_ID_MAX + 1]; /* from the imported catalog; "" before one */
    long long sent_seq;                  /* every event up to it is at the centre */
    long long last_seq;                  /* the newest event (0: none yet) */
    long long pending;                   /* events not sent yet */
    char last_attempt[17], last_ok[17];  /* "" when never */
    char last_error[200], last_error_at[17];
    int failing; /* 1 when the last attempt failed */
} store_sync_state_t;
int store_sync_state(store_t *st, store_sync_state_t *out);

/* After the centre acknowledged the COMMIT of every event up to seq:
 * sent_seq = max(sent_seq, seq), last_ok = last_attempt = now. */
int store_sync_sent(store_t *st, long long seq, long long now);
/* A failed attempt: last_attempt = last_error_at = now, last_error = error
 * (cut to 199 bytes; runs of 6+ digits masked as in the audit log). */
int store_sync_failed(store_t *st, const char *error, long long now);

/* For a store restored from a backup older than what the centre has: the
 * events not sent yet (seq > sent_seq) are renumbered, in their order, to
 * start at first_seq (one past the centre's last event of this station),
 * and sent_seq becomes first_seq - 1. Returns the number of events
 * renumbered, or STORE_ERROR (also when first_seq would not move them up). */
long long store_outbox_renumber(store_t *st, long long first_seq);

/* ---- The queue's events for the centre (issue 19, queue_sync.c) ----------------
 *
 * queue_events (schema 8) is a stream of its own beside the outbox, with
 * its own seq; what the centre has acknowledged is meta 'queue_sent_seq'
 * (no schema step). kiosk-sync sends it as it sends the outbox. A row
 * carries no phone, no label (A012) and no booking ticket: the line, the
 * kind of ticket, the counter and the minutes waited or served. */
typedef struct store_queue_event_row {
    long long seq;
    char kind[16]; /* queue_take, queue_call, queue_recall, queue_serve, queue_finish,
                      queue_skip, queue_transfer */
    char at[17];
    char day[11]; /* the ticket's day: a number finished after midnight keeps its own */
    char line_id[QUEUE_LINE_ID_MAX];
    char ticket_kind[12]; /* walkin, priority, appointment */
    int counter;          /* 0: none (a take) */
    char to_line[QUEUE_LINE_ID_MAX]; /* a transfer's; "" otherwise */
    int waited;           /* queue_call: minutes from taking; -1 otherwise */
    int served;           /* queue_finish: minutes of serving; -1 otherwise */
} store_queue_event_row_t;
typedef int (*store_queue_event_cb)(void *ctx, const store_queue_event_row_t *row);
/* Rows with seq > after_seq in seq order, at most limit (0: all). */
int store_queue_events(store_t *st, long long after_seq, int limit, store_queue_event_cb cb,
                       void *ctx);
/* The queue stream's sent_seq, last seq and events waiting. */
int store_queue_sync_state(store_t *st, long long *sent_seq, long long *last_seq,
                           long long *pending);
/* After the centre acknowledged every queue event up to seq:
 * queue_sent_seq = max(queue_sent_seq, seq). */
int store_queue_sync_sent(store_t *st, long long seq);
/* store_outbox_renumber for the queue's events. */
long long store_queue_events_renumber(store_t *st, long long first_seq);

/* PRAGMA integrity_check, the schema version and PRAGMA foreign_key_check:
 * STORE_OK and "ok, schema version N" in msg; STORE_ERROR (damaged, or
 * not of this schema version) with what is wrong in msg; or
 * STORE_INCONSISTENT with "inconsistent (not damaged): TABLE row N points
 * to a missing row of PARENT (and K more)" in msg. */
int store_check(store_t *st, char *msg, size_t msglen);

/* Handles the rows foreign_key_check finds, losing no booking, in one
 * transaction with an audit row ("repair"): a booking whose session is
 * gone gets the session back as a 'closed' placeholder (its service,
 * date, times and capacity from the booking's outbox events), a session
 * whose service is gone gets an inactive placeholder service, a service
 * whose category is gone an inactive placeholder category. Returns the
 * rows re-created (msg says which, and what is left when some could not
 * be), or STORE_ERROR. */
int store_repair(store_t *st, long long now, char *msg, size_t msglen);

/* Copies the live database to path with SQLite's online backup API, as one
 * self-contained file (rollback journal, no -wal beside it). The copy is
 * written in a new private directory beside path and renamed, so path is
 * either the old file or the complete new one, and no link planted beside
 * it is followed. Refused (STORE_ERROR, the reason in store_errmsg) when
 * path is the live database, its WAL, shared memory or journal, a symbolic
 * link, or not a regular file. */
int store_backup(store_t *st, const char *path);

/* 1 when path names st's database file or one of its side files (-wal,
 * -shm, -journal): the same file, or the same name once links and ".."
 * are resolved (even when the side file does not exist yet); else 0. */
int store_is_own_file(store_t *st, const char *path);

/* Reads one setting of this connection as text, for `kioskctl check` and the
 * tests: name is one of "journal_mode" ("wal"), "synchronous" ("2" = FULL),
 * "foreign_keys", "busy_timeout", "user_version", "query_only",
 * "secure_delete" ("1": deleted content is overwritten). Returns
 * STORE_OK, or STORE_ERROR for another name or a database error. */
int store_pragma(store_t *st, const char *name, char *out, size_t outlen);

/* A number that changes whenever another connection (the kiosk, kioskctl,
 * a console request) committed to the database since the last call on
 * this handle (PRAGMA data_version): what the console's live updates
 * watch. STORE_OK or STORE_ERROR. */
int store_data_version(store_t *st, long long *out);

/* ---- 好差评 (issue 20 F; rating.c, rating_sync.c) --------------------------
 * A visit (a checked-in booking) is rated once: bookings.rated. The rating
 * row holds no ticket, phone, label or time of day: the service, the
 * station, the session's day, the level, the reasons, the channel. */

/* Whether ticket's visit may be rated: RULES_OK (row filled: ticket,
 * service_id, service_name, date, start, status), RULES_NOT_FOUND,
 * RULES_BAD_STATE (not checked in), RULES_DUPLICATE (rated already) or
 * STORE_ERROR. */
int store_rate_check(store_t *st, const char *ticket, store_booking_row_t *row);
/* The checked-in, unrated bookings of phone whose session day is in
 * [from_date, before_date), newest first, at most max: what a lookup
 * offers to rate. Rows as store_rate_check's. */
int store_rate_due(store_t *st, const char *phone, const char *from_date, const char *before_date,
                   int max, store_booking_cb cb, void *ctx);
/* Rates ticket's visit in one transaction: the checks of store_rate_check,
 * level and reasons checked (core/rating.h), bookings.rated set (its
 * prompt dropped; updated_at untouched: no time ties the two), and the
 * anonymous ratings row; *seq (may be NULL) its number. RULES_OK, a
 * refusal (also RULES_BAD_PARTY for a bad level or reasons) or
 * STORE_ERROR. */
int store_rate(store_t *st, const char *ticket, int level, const char *reasons,
               rating_channel_t channel, long long now, long long *seq);
/* A staff member asks the kiosk to offer the rating of ticket's visit
 * (kioskctl rate-prompt): its rate_prompt_at = now. Refusals as
 * store_rate_check's. */
int store_rate_prompt(store_t *st, const char *ticket, long long now);
/* The newest prompt at most minutes old whose visit is still unrated:
 * 1 with row, 0 none, STORE_ERROR. */
int store_rate_prompt_find(store_t *st, long long now, int minutes, store_booking_row_t *row);
/* The prompt of ticket dropped (the resident said 以后再说). */
int store_rate_prompt_drop(store_t *st, const char *ticket);

typedef struct store_rating_row {
    long long seq;
    char day[11];
    char station_id[CATALOG_ID_MAX + 1];
    char service_id[CATALOG_ID_MAX + 1];
    char service_name[160]; /* services.name_zh, for staff */
    int level;
    char reasons[RATING_REASONS_SIZE];
    char channel[8];
    char followed_at[17]; /* "" while not followed up */
    char followed_by[KIOSK_STAFF_NAME_SIZE];
    char note[240];
} store_rating_row_t;
typedef int (*store_rating_cb)(void *ctx, const store_rating_row_t *row);
/* The ratings, newest first; low: only 不满意 and worse. */
int store_ratings(store_t *st, int low, store_rating_cb cb, void *ctx);
/* Low ratings nobody followed up yet. */
int store_ratings_open_low(store_t *st, long long *n);
/* Staff followed low rating seq up, with a note (digits masked as the
 * audit's), audited as rating_followup: RULES_OK, RULES_NOT_FOUND,
 * RULES_BAD_STATE (not low, or followed up already) or STORE_ERROR. */
int store_rating_follow_up(store_t *st, const char *staff, long long seq, const char *note,
                           long long now);
/* The ratings' stream to the centre (rating_sync.c): as the queue's, its
 * own seq and meta rating_sent_seq. */
int store_rating_events(store_t *st, long long after_seq, int limit, store_rating_cb cb,
                        void *ctx);
int store_rating_sync_state(store_t *st, long long *sent_seq, long long *last_seq,
                            long long *pending);
int store_rating_sync_sent(store_t *st, long long seq);
long long store_ratings_renumber(store_t *st, long long first_seq);
/* end of issue 20 (F) */

/* ---- i20wait: the waitlist (issue 20, schema 10; waitlist.c) --------------
 *
 * When a session is full a resident may join its waitlist (one row per
 * person, phone and label, and session). Every path that frees a seat
 * (a resident's cancel, staff cancel or no-show, a burst's release, a
 * passed hold, a withdrawn held seat) gives it, in its own transaction, to
 * the first waiting whose persons fit: a real booking (booked_by
 * 'waitlist') held for them until held_until, for staff to phone. Staff
 * confirming, or the resident looking their bookings up at the kiosk,
 * makes it taken; a hold that passes cancels the booking and passes the
 * seat on (store_waitlist_expire). docs/store.md says why a held seat is a
 * booking, not a reservation. */

/* The hold when nothing was set: two hours (config waitlist_hold_minutes). */
#define STORE_WAITLIST_HOLD_DEFAULT 120
/* How long a seat freed for the waitlist is held (minutes, 1..10080), for
 * this handle's writes; out of range: the default. */
void store_set_waitlist_hold(store_t *st, int minutes);

typedef struct store_waitlist_row {
    long long id;
    char target_kind[8];                  /* "session" (a course term later) */
    char target_id[KIOSK_SESSION_ID_SIZE];
    char phone[KIOSK_PHONE_SIZE];         /* full: staff phone them; "" once purged */
    char for_label[KIOSK_LABEL_SIZE];     /* "" for the resident themself */
    int party;
    char status[KIOSK_STATUS_SIZE];       /* waiting, held, taken, expired, withdrawn */
    int position;                         /* 候补第 N 位 among the waiting; 0 if not waiting */
    char created_at[17], updated_at[17];
    char held_until[17];                  /* held: when the seat passes on; else "" */
    char ticket[KIOSK_TICKET_SIZE];       /* held or taken: the booking; else "" */
    char added_by[KIOSK_STAFF_NAME_SIZE]; /* 'kiosk', 'kioskctl' or a staff name */
    /* The session as it is now. */
    char service_id[64], service_name[128];
    char date[11], start[6], end[6];
    char location[128];
} store_waitlist_row_t;

typedef struct store_waitlist_filter {
    const char *session_id; /* NULL: any */
    const char *phone;      /* NULL: any */
    int active_only;        /* 1: waiting and held only */
    int call_list;          /* 1: held only, by held_until (who to phone first) */
} store_waitlist_filter_t;

typedef int (*store_waitlist_cb)(void *ctx, const store_waitlist_row_t *row);

/* Puts the person (who: phone required, label optional; booked_by as
 * added_by, NULL: 'kiosk' with an origin, else 'kioskctl') on the waitlist
 * of session_id for party persons. Refused: RULES_BAD_PHONE, RULES_BAD_LABEL,
 * RULES_BAD_PARTY, RULES_NO_SESSION, RULES_CLOSED, RULES_TOO_LATE (within
 * the cut-off or started), RULES_BAD_STATE (seats are left: book instead),
 * RULES_DUPLICATE (the person already holds it or waits for it). On
 * STORE_OK *id is the row and *position its place (1 = next). */
int store_waitlist_join(store_t *st, const store_origin_t *origin, const char *session_id,
                        const store_person_t *who, int party, long long now,
                        const rules_t *rules, long long *id, int *position);

/* Rows in order of session then place (call_list: held, soonest passing
 * first). STORE_OK, STORE_ERROR or the callback's non-zero return. */
int store_waitlist(store_t *st, const store_waitlist_filter_t *f, store_waitlist_cb cb,
                   void *ctx);
/* One row by id: STORE_OK, RULES_NOT_FOUND or STORE_ERROR. */
int store_waitlist_get(store_t *st, long long id, store_waitlist_row_t *row);

/* Staff reached the resident: held -> taken, audited (waitlist_confirm).
 * RULES_NOT_FOUND, RULES_BAD_STATE (not held) or STORE_OK. */
int store_waitlist_confirm(store_t *st, const char *staff, long long id, long long now);
/* The resident looked their bookings up at the kiosk: every held row of
 * phone becomes taken (they have seen it). *n: how many. */
int store_waitlist_seen(store_t *st, const char *phone, long long now, int *n);
/* Off the list: a waiting row is withdrawn; a held one too, its booking
 * cancelled and the seat passed on, in one transaction. staff NULL: the
 * resident at the kiosk, who must give the row's phone; else audited
 * (waitlist_withdraw). RULES_NOT_FOUND, RULES_BAD_STATE or STORE_OK. */
int store_waitlist_withdraw(store_t *st, const char *staff, const char *phone, long long id,
                            long long now);
/* The periodic pass (the kiosk's maintenance, kioskctl waitlist expire):
 * every hold that passed by now is ended (its booking cancelled, the row
 * expired) and its seat given to the next, rows still waiting for a
 * session that has started expire, and seats free for the head of a list
 * (a capacity raised by a catalog) are given. One transaction.
 * *passed: holds ended (may be NULL). */
int store_waitlist_expire(store_t *st, long long now, int *passed);

#endif
