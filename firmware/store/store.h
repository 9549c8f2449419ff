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
#include "../core/rules.h"

#define STORE_OK 0
#define STORE_ERROR (-1)

/* The schema version this build creates and migrates to (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1

/* Ticket codes: 8 symbols of an alphabet without 0/O and 1/I. */
#define STORE_TICKET_LEN 8

typedef struct store store_t;

/* Produces a fresh ticket code candidate into out (STORE_TICKET_LEN chars +
 * NUL); the store retries on the rare collision. Returns 0, or -1 to give up. */
typedef int (*store_codegen_fn)(void *ctx, char out[STORE_TICKET_LEN + 1]);

enum store_open_flags {
    STORE_OPEN_CREATE = 1,   /* create the file and schema when missing */
    STORE_OPEN_READONLY = 2, /* never write: no migration, no refresh */
};

/* Opens (creating/migrating as flags allow) the database at path. Always sets
 * *out when memory allows, so that store_errmsg(*out) explains a failure;
 * the caller closes it either way. Returns STORE_OK or STORE_ERROR. */
int store_open(const char *path, int flags, store_t **out);
/* Safe on NULL. */
void store_close(store_t *st);
/* The last error of this handle, never NULL. */
const char *store_errmsg(const store_t *st);

/* Replaces the catalog in one transaction: categories and services upserted
 * (services missing from cat become inactive), the source text kept for
 * later session refreshes, and sessions generated for [today, today +
 * horizon). Sessions that the new catalog no longer produces are withdrawn
 * (no new bookings) but kept, with their bookings, until they pass. */
int store_import_catalog(store_t *st, const catalog_t *cat, const char *source_text,
                         const char *source_name, long long now, const rules_t *rules);

/* Extends the sessions to [today, today + horizon) from the imported
 * catalog; cheap when there is nothing to add (one read, no write lock). No
 * catalog yet, or a read-only handle: STORE_OK without doing anything. */
int store_refresh_sessions(store_t *st, long long now, const rules_t *rules);

/* The imported catalog, parsed again from the stored source (NULL when no
 * catalog was imported yet, with STORE_OK). The caller destroys it. */
int store_load_catalog(store_t *st, catalog_t **out);

/* The booking transaction (BEGIN IMMEDIATE ... COMMIT, durable on return):
 * capacity in persons of booked + checked_in, one active booking per phone
 * and session, the per-phone limit of future bookings, the cut-off, phone
 * and party validity. On STORE_OK the code is in ticket. */
int store_book(store_t *st, const char *session_id, const char *phone, int party, long long now,
               const rules_t *rules, store_codegen_fn gen, void *gen_ctx,
               char ticket[STORE_TICKET_LEN + 1]);

/* Status changes of one booking, by ticket code (already normalised):
 * check in (booked -> checked_in; RULES_BAD_STATE when checked in, cancelled
 * or no-show), cancel and no-show (booked -> ...). */
int store_checkin(store_t *st, const char *ticket, long long now);
int store_cancel(store_t *st, const char *ticket, long long now);
int store_no_show(store_t *st, const char *ticket, long long now);

typedef struct store_session_row {
    char session_id[64];
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
    char ticket[STORE_TICKET_LEN + 1];
    char session_id[64];
    char service_id[CATALOG_ID_MAX + 1];
    char service_name[160];
    char date[11], start[6];
    char phone[12]; /* "" once purged */
    int party;
    char status[12]; /* rules_status_name() */
    char created_at[17];
} store_booking_row_t;

typedef struct store_booking_filter {
    const char *date;   /* session date, or NULL */
    const char *status; /* rules_status_name(), or NULL */
    const char *phone;  /* or NULL */
    const char *ticket; /* or NULL */
    long long from;     /* only sessions starting at or after this stamp; 0: any */
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

/* Clears the phone numbers of bookings whose session ended more than
 * retention_days before now. Returns the number purged, or STORE_ERROR. */
int store_purge_phones(store_t *st, long long now, int retention_days);

/* PRAGMA integrity_check and the schema version: STORE_OK and "ok, schema
 * version N" in msg, or STORE_ERROR and what is wrong in msg. */
int store_check(store_t *st, char *msg, size_t msglen);

/* Copies the live database to path with SQLite's online backup API, as one
 * self-contained file (rollback journal, no -wal beside it). The copy is
 * written under a temporary name and renamed, so path is either the old
 * file or the complete new one. */
int store_backup(store_t *st, const char *path);

/* Reads one setting of this connection as text, for `kioskctl check` and the
 * tests: name is one of "journal_mode" ("wal"), "synchronous" ("2" = FULL),
 * "foreign_keys", "busy_timeout", "user_version", "query_only". Returns
 * STORE_OK, or STORE_ERROR for another name or a database error. */
int store_pragma(store_t *st, const char *name, char *out, size_t outlen);

#endif
