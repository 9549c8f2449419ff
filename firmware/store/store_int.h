/* Private to the store's files (store.c, maintain.c, sql.c, schema.c, catalog.c,
 * staff.c, outbox.c): the handle's struct and the helpers they share. No
 * other layer includes it; store.h stays the one public header. */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include <stdarg.h>
#include <stddef.h>

#include <sqlite3.h>

#include "store.h"

/* Statements of the helpers that prepare, run and drop one within a call
 * (sql_exec, sql_int, sql_text) are kept, reset, for the next call with
 * the same SQL: preparing was four fifths of a booking's CPU time. */
#define STMT_CACHE 24

/* Long enough to ride out a staff export or a kioskctl booking, short enough
 * that the screen can say "try again" before a resident gives up. */
#define BUSY_TIMEOUT_MS 5000

/* The database file, its -wal and its -shm (files.c). */
#define STORE_FILES 3

struct store {
    sqlite3 *db;
    int readonly;
    int memory;
    store_failure_t failure;
    char name[256]; /* the path, for messages */
    char msg[512];
    sqlite3_stmt *cache[STMT_CACHE]; /* NULL: free, or taken by a running call */
    int evict;                       /* the slot to reuse when none is free */
    /* The database, -wal and -shm as opened (files.c): device and inode. */
    struct store_file_id {
        unsigned long long dev, ino;
        int known;
    } files[STORE_FILES];
    int detached;           /* one of them was deleted or replaced: writes refused */
    char detached_msg[512]; /* what was found, kept for every later refusal */
    int waitlist_hold; /* i20wait: minutes a freed seat is held; 0: the default */
};

/* ---- Errors (sql.c) ---------------------------------------------------------
 * Each records the message store_errmsg() returns. */

void store_msg(store_t *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* SQLite's reason with what we were doing; STORE_ERROR. Before any ROLLBACK. */
int store_fail_db(store_t *st, const char *what);
/* The rules' words for r; returns r. */
int store_refuse(store_t *st, rules_result_t r);
/* "WHAT: NAME was opened read-only"; STORE_ERROR. */
int store_fail_readonly(store_t *st, const char *what);

/* ---- Statements (sql.c) -----------------------------------------------------
 * Parameters are bound from a type string: 's' text (NULL binds NULL), 'i'
 * int, 'l' long long. User values only ever travel as bound parameters.
 * what names the operation in error messages. */

/* A statement to step and finalize (keep = 0), or one from the cache that
 * only the helpers below take back (keep = 1). NULL on error. */
sqlite3_stmt *sql_prepare_va(store_t *st, const char *what, int keep, const char *sql,
                             const char *types, va_list ap);
sqlite3_stmt *sql_prepare(store_t *st, const char *what, const char *sql, const char *types, ...);
/* Ends a row loop whose last sqlite3_step gave rc and finalizes s:
 * STORE_OK for SQLITE_DONE, else STORE_ERROR with the reason. */
int sql_finish_rows(store_t *st, const char *what, sqlite3_stmt *s, int rc);
/* Runs a statement without result rows: the rows changed, or -1. */
int sql_exec(store_t *st, const char *what, const char *sql, const char *types, ...);
/* First column of the first row: 1 with *out set (out may be NULL), 0 for
 * no row, -1 on error. sql_text's *out is malloc'd (the caller frees). */
int sql_int(store_t *st, const char *what, long long *out, const char *sql, const char *types, ...);
int sql_text(store_t *st, const char *what, char **out, const char *sql, const char *types, ...);
/* Runs fixed SQL (no parameters, no rows): STORE_OK or STORE_ERROR. */
int sql_run(store_t *st, const char *what, const char *sql);
/* A text column into a fixed buffer, cut at a UTF-8 character boundary. */
void sql_copy_col(char *dst, size_t size, sqlite3_stmt *s, int col);

/* ---- Write transactions (sql.c) ----------------------------------------------
 * Every write is store_write_begin (BEGIN IMMEDIATE; STORE_OK or
 * STORE_ERROR), its work, and store_write_end(rc) with how the work went:
 * STORE_OK commits, and comes back as STORE_ERROR when the COMMIT fails;
 * anything else (STORE_ERROR with the message set, a store_refuse() code)
 * rolls back and comes back as it is. store_rollback ends a write that
 * found nothing to change, leaving the message alone. */
int store_write_begin(store_t *st, const char *what);
/* The usual start of a write at now: refused on a read-only handle, now
 * as "YYYY-MM-DD HH:MM" into now_text, then store_write_begin. */
int store_write_at(store_t *st, const char *what, long long now, char now_text[17]);
int store_write_end(store_t *st, const char *what, int rc);
/* store_write_end, and after a commit an empty store_errmsg(): what most
 * writes report (the catalog's, the migration and the purge keep theirs). */
int store_write_done(store_t *st, const char *what, int rc);
void store_rollback(store_t *st);

/* ---- The files under the open database (files.c) ---------------------------
 * Notes the device and inode of the database, -wal and -shm once the
 * connection has them open (a read-write file handle only; the end of
 * store_open). store_files_intact (store.h) compares them with the path. */
void store_files_note(store_t *st);

/* ---- Schema (schema.c) --------------------------------------------------- */

int store_user_version(store_t *st, int *out);
/* "schema version V is newer than this build knows ... needs schema F
 * or later"; STORE_ERROR. */
int store_refuse_version(store_t *st, int v);
/* 1 when a file at schema version v may be used by this build: v is not
 * newer, or its recorded compatibility floor (meta schema_compatible_with)
 * is at most STORE_SCHEMA_VERSION. */
int store_newer_compatible(store_t *st, int v);
/* Brings the file to STORE_SCHEMA_VERSION in one transaction; an empty
 * file gets the whole schema only with create. */
int store_migrate(store_t *st, int create);

/* ---- Outbox (outbox.c) ----------------------------------------------------- */

/* An outbox row's columns, and what fills them from a booking b (with its
 * session s and service v): the v3 migration and store_outbox_add. */
#define OUTBOX_COLS                                                                                \
    "kind, at, status, ticket, session_id, service_id, category_id, service_name, date, start,"    \
    " end, capacity, party"
#define OUTBOX_SELECT                                                                              \
    " b.ticket, b.session_id, s.service_id, v.category_id, v.name_zh, s.date, s.start, s.end,"     \
    " s.capacity, b.party"                                                                         \
    " FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN services v ON v.id = "           \
    "s.service_id"

/* The outbox row of an event of one booking, inside the caller's write
 * transaction, after the change. */
int store_outbox_add(store_t *st, const char *what, const char *kind, const char *ticket,
                     const char *now_text);

/* The outbox row of a call for staff (kind "call") or its acknowledgement
 * ("call_ack"), inside the caller's write transaction, after the change:
 * the kiosk, the call's number, its screen and, for call_ack, who. */
int store_outbox_call(store_t *st, const char *what, const char *kind, long long call_id,
                      const char *now_text);

/* ---- Staff (staff.c) -------------------------------------------------------- */

/* detail cut to size - 1 bytes with every run of 6+ digits masked. */
void store_audit_detail(char *out, size_t size, const char *detail);
/* One audit row at now_text (detail masked as above), inside the caller's
 * write transaction: STORE_OK or STORE_ERROR with the message set. */
int store_audit_insert(store_t *st, const char *what, const char *staff, const char *action,
                       const char *ticket, const char *session_id, const char *detail,
                       const char *now_text);

/* A staff member's change of one booking (checked in, no-show, cancelled
 * with reason) with its audit row and outbox event, inside the caller's
 * write transaction: STORE_OK, RULES_BAD_STATE, RULES_NOT_FOUND or
 * STORE_ERROR. A cancel records the staff member in cancelled_by. */
int store_staff_change(store_t *st, const char *what, const char *staff, const char *ticket,
                       rules_status_t to, const char *reason, const char *now_text);

/* ---- Abuse limits (burst.c) --------------------------------------------------- */

/* Fills b->visit_active and b->service_recent for a booking of session_id
 * at the kiosk of origin, inside the booking transaction. STORE_OK or
 * STORE_ERROR. */
int store_burst_facts(store_t *st, const char *what, const store_origin_t *origin,
                      const char *session_id, long long now, const rules_t *rules,
                      rules_booking_t *b);
/* After a RULES_VISIT_LIMIT or RULES_BURST refusal, inside the booking
 * transaction: the burst is flagged (a new bursts row with its audit row,
 * or the open one extended) and the bookings it holds are tagged with it.
 * STORE_OK or STORE_ERROR. */
int store_burst_flag(store_t *st, const char *what, const store_origin_t *origin,
                     const char *session_id, rules_result_t why, long long now,
                     const rules_t *rules, const char *now_text);

/* ---- The walk-in queue (queue.c, queue_read.c) ----------------------------- */

/* A new waiting ticket of line at now_text inside the caller's write
 * transaction, with its queue_take event: a walk-in or priority number
 * (refused on a closed or full line), an appointment of booking at
 * booked_at ("YYYY-MM-DD HH:MM"), or (from_id) a transferred ticket under
 * its number. *id gets the row. STORE_OK, a refusal or STORE_ERROR. */
/* Renumbers the not yet sent rows (seq > the value of sent_sql) of an
 * event stream table to start at first_seq, then sets the sent mark with
 * set_sent_sql (?1: first_seq - 1): store_outbox_renumber and
 * store_queue_events_renumber. Returns the rows renumbered or STORE_ERROR. */
long long store_stream_renumber(store_t *st, const char *what, const char *table,
                                const char *sent_sql, const char *set_sent_sql,
                                long long first_seq);
/* issue 20 (F), stream.c: a stream's state (sent_sql gives what the
 * centre has; the table's last seq and the rows after it), and the centre's
 * acknowledgement up to seq into meta key (never lowered). */
int store_stream_state(store_t *st, const char *what, const char *table, const char *sent_sql,
                       long long *sent_seq, long long *last_seq, long long *pending);
int store_stream_sent(store_t *st, const char *what, const char *key, long long seq);
int store_queue_insert(store_t *st, const char *what, const char *line, queue_kind_t kind,
                       const char *booking, const char *booked_at, long long from_id,
                       const char *now_text, long long *id);

/* A booking checked in at now_text, inside the check-in's transaction:
 * when its service names an active line, an appointment ticket of that
 * line at the session's start. A line out of numbers for the day gives
 * none (the check-in stands). STORE_OK or STORE_ERROR. */
int store_queue_arrive(store_t *st, const char *what, const char *ticket, const char *now_text);

/* The waiting tickets of day on line (NULL: every line) as the rule sees
 * them, in order of id; ids[i] is w[i]'s row. The caller frees both. */
typedef struct store_queue_waiting {
    long long *ids;
    queue_waiting_t *w;
    size_t n;
} store_queue_waiting_t;
int store_queue_load(store_t *st, const char *what, const char *day, const char *line,
                     store_queue_waiting_t *out);
void store_queue_waiting_free(store_queue_waiting_t *ws);
/* Regular calls on line (NULL: every line) since its last priority call
 * that day: the rule's regular_run. -1 on error. */
int store_queue_run(store_t *st, const char *what, const char *day, const char *line);
/* Ticket id as a row, with ahead for a waiting one. STORE_OK or STORE_ERROR. */
int store_queue_row(store_t *st, const char *what, long long id, const queue_rule_t *rule,
                    long long now, store_queue_row_t *out);
/* The catalog's lines into queue_lines, inside the import transaction;
 * lines the catalog no longer has become inactive. */
int store_queue_import_lines(store_t *st, const char *what, const catalog_t *cat);

/* ---- Courses with terms (t, issue 20: store.c, catalog.c, terms.c) -------- */

/* A fresh ticket code from gen, used by no booking and no enrolment,
 * inside the caller's write transaction. STORE_OK or STORE_ERROR. */
int store_new_ticket(store_t *st, const char *what, store_codegen_fn gen, void *gen_ctx,
                     char code[KIOSK_TICKET_SIZE]);
/* b->phone_active and b->household_active: the future bookings of the
 * person (phone and label) and of the phone, an enrolment counted once
 * however many of its classes are ahead. STORE_OK or STORE_ERROR. */
int store_person_counts(store_t *st, const char *what, const char *phone, const char *label,
                        const char *now_text, rules_booking_t *b);
/* One generated session inserted, or brought to the catalog's end and
 * capacity (a withdrawn one reopened), inside the caller's transaction:
 * what the import and the refresh write for every session. 0 or -1. */
int store_session_upsert(store_t *st, const char *what, const char *id, const char *service_id,
                         dt_date_t date, int start, int end, int capacity);
/* The catalog's terms into terms, and the sessions of each (beyond the
 * booking horizon too: a term is enrolled whole), inside the import's
 * transaction; terms the catalog no longer has become inactive. */
int store_terms_import(store_t *st, const char *what, const catalog_t *cat);

/* ---- i20wait: the waitlist (waitlist.c) --------------------------------------- */

/* After booking ticket changed to status to (cancelled, no_show,
 * checked_in) inside the caller's write transaction: a held waitlist row
 * of that booking is taken (checked in) or withdrawn, and a freed seat
 * goes to the first waiting of the session (store_seat_freed).
 * STORE_OK or STORE_ERROR. */
int store_waitlist_after(store_t *st, const char *what, const char *ticket, const char *to,
                         const char *now_text);
/* The one path that fills freed seats of session_id from its waitlist,
 * inside the caller's write transaction: while the first waiting fits,
 * a booking is made for them and their row held. STORE_OK or STORE_ERROR. */
int store_seat_freed(store_t *st, const char *what, const char *session_id,
                     const char *now_text);

#endif
