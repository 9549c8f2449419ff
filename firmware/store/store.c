/* The store's handle and its everyday work: open (pragmas, migration) and
 * close, the booking transaction and status changes, and the listings.
 * Maintenance (purge, check, repair, backup) is in maintain.c; the SQL
 * helpers, schema, catalog, staff and outbox have their own files
 * (store_int.h lists them). */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/datetime.h"
#include "store_int.h"

/* 40-bit codes collide almost never; 16 misses in a row means a broken generator. */
#define TICKET_TRIES 16

/* ---- Open and close ---------------------------------------------------------- */

/* Read-write connections: WAL so that staff can read while the kiosk
 * writes, FULL so that a confirmed booking survives a power cut (one fsync
 * of the WAL per commit), foreign keys because they are off by default.
 * secure_delete (set for every connection in store_open) so that a purged
 * phone number is overwritten rather than left in a page's free space. */
static int set_pragmas(store_t *st)
{
    sqlite3_stmt *s = sql_prepare(st, st->name, "PRAGMA journal_mode = WAL", NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        store_fail_db(st, st->name);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    const char *mode = (const char *)sqlite3_column_text(s, 0);
    /* A memory store has no file to log beside: its journal stays in memory. */
    int wal = mode && strcmp(mode, st->memory ? "memory" : "wal") == 0;
    if (!wal)
        store_msg(st, "%s: cannot switch to WAL (journal mode stays %s)", st->name,
                  mode ? mode : "?");
    sqlite3_finalize(s);
    if (!wal)
        return STORE_ERROR;
    return sql_run(st, st->name, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
}

int store_open(const char *path, int flags, store_t **out)
{
    store_t *st = calloc(1, sizeof *st);
    *out = st;
    if (!st)
        return STORE_ERROR;
    st->readonly = (flags & STORE_OPEN_READONLY) != 0;
    st->memory = (flags & STORE_OPEN_MEMORY) != 0;
    st->failure = STORE_FAIL_OTHER; /* until it has opened */
    if (st->memory) {
        path = ":memory:";
        flags |= STORE_OPEN_CREATE;
        st->readonly = 0;
    }
    if (!path || !*path) {
        store_msg(st, "no database path given");
        return STORE_ERROR;
    }
    snprintf(st->name, sizeof st->name, "%s", path);

    int oflags = st->readonly ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE |
                                    ((flags & STORE_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);
    char uri[1024];
    if (st->readonly && (flags & STORE_OPEN_IMMUTABLE)) {
        /* A directory that cannot be written has no room for the WAL index:
         * "immutable" reads the file as it is. */
        size_t o = (size_t)snprintf(uri, sizeof uri, "file:");
        for (const char *p = path; *p && o + 4 < sizeof uri; p++)
            o += (size_t)(strchr("%?#", *p)
                              ? snprintf(uri + o, sizeof uri - o, "%%%02X", (unsigned char)*p)
                              : snprintf(uri + o, sizeof uri - o, "%c", *p));
        snprintf(uri + o, sizeof uri - o, "?immutable=1");
        path = uri;
        oflags |= SQLITE_OPEN_URI;
    }
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        if (!st->db) {
            store_msg(st, "%s: out of memory", st->name);
            return STORE_ERROR;
        }
        int sys = sqlite3_system_errno(st->db);
        if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_READONLY || sys == EROFS ||
            sys == EACCES || sys == EPERM)
            st->failure = STORE_FAIL_READONLY;
        return store_fail_db(st, st->name);
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    /* Every connection: the setting is per connection, and any of them
     * may be the one that deletes (the board's SQLite is also built with
     * SQLITE_SECURE_DELETE, which makes it the default for a staff shell). */
    if (sql_run(st, st->name, "PRAGMA secure_delete = ON"))
        return STORE_ERROR;

    /* The first read is where a file that is no database shows itself. */
    int v;
    if (store_user_version(st, &v)) {
        int prim = sqlite3_extended_errcode(st->db) & 0xff;
        if (prim == SQLITE_NOTADB)
            store_msg(st, "%s: not a SQLite database (%s)", st->name, sqlite3_errmsg(st->db));
        if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT)
            st->failure = STORE_FAIL_CORRUPT;
        else if (prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN)
            st->failure = STORE_FAIL_READONLY; /* e.g. no room for the WAL index */
        return STORE_ERROR;
    }
    /* A newer file is used as it is when it declares itself compatible
     * with this build's schema (docs/updates.md): a rollback keeps booking. */
    if (!store_newer_compatible(st, v))
        return store_refuse_version(st, v);

    if (st->readonly) {
        if (v == 0) {
            store_msg(st, "%s: not a kiosk database (no schema)", st->name);
            return STORE_ERROR;
        }
        if (v < STORE_SCHEMA_VERSION) {
            store_msg(st,
                      "%s: schema version %d is older than this build's %d; "
                      "open it read-write once to migrate it",
                      st->name, v, STORE_SCHEMA_VERSION);
            return STORE_ERROR;
        }
        if (sql_run(st, st->name, "PRAGMA query_only = ON"))
            return STORE_ERROR;
        st->failure = STORE_FAIL_NONE;
        return STORE_OK;
    }
    /* SQLite quietly falls back to read-only for a write-protected file;
     * better to say so now than at the first booking. */
    if (sqlite3_db_readonly(st->db, "main") == 1) {
        store_msg(st, "%s: the file or its disk is read-only; the kiosk cannot book into it",
                  st->name);
        st->failure = STORE_FAIL_READONLY;
        return STORE_ERROR;
    }
    int rc = set_pragmas(st);
    /* An up-to-date file is the common case; opening it takes no write
     * lock, so kioskctl listing bookings never waits for the kiosk. */
    if (rc == STORE_OK && v < STORE_SCHEMA_VERSION)
        rc = store_migrate(st, (flags & STORE_OPEN_CREATE) != 0);
    if (rc == STORE_OK) {
        st->failure = STORE_FAIL_NONE;
        store_files_note(st); /* from now on, writes check the files are still these */
    } else {
        int prim = sqlite3_extended_errcode(st->db) & 0xff;
        st->failure = prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB ? STORE_FAIL_CORRUPT
                      : prim == SQLITE_READONLY                       ? STORE_FAIL_READONLY
                                                                      : STORE_FAIL_OTHER;
    }
    return rc;
}

store_failure_t store_failure(const store_t *st)
{
    return st ? st->failure : STORE_FAIL_OTHER;
}

void store_set_readonly(store_t *st)
{
    if (!st)
        return;
    st->readonly = 1;
    if (st->db)
        sqlite3_exec(st->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
}

void store_close(store_t *st)
{
    if (!st)
        return;
    for (int i = 0; i < STMT_CACHE; i++)
        sqlite3_finalize(st->cache[i]);
    /* _v2: never leaks the handle should a statement have been left open. */
    sqlite3_close_v2(st->db);
    free(st);
}

const char *store_errmsg(const store_t *st)
{
    return st ? st->msg : "out of memory";
}

/* ---- Bookings ---------------------------------------------------------------- */

int store_book(store_t *st, const char *session_id, const char *phone, int party, long long now,
               const rules_t *rules, store_codegen_fn gen, void *gen_ctx,
               char ticket[KIOSK_TICKET_SIZE])
{
    return store_book_at(st, NULL, session_id, phone, party, now, rules, gen, gen_ctx, ticket);
}

int store_book_at(store_t *st, const store_origin_t *origin, const char *session_id,
                  const char *phone, int party, long long now, const rules_t *rules,
                  store_codegen_fn gen, void *gen_ctx, char ticket[KIOSK_TICKET_SIZE])
{
    const store_person_t who = {.phone = phone};
    return store_book_person(st, origin, session_id, &who, party, now, rules, gen, gen_ctx, ticket);
}

int store_book_person(store_t *st, const store_origin_t *origin, const char *session_id,
                      const store_person_t *who, int party, long long now, const rules_t *rules,
                      store_codegen_fn gen, void *gen_ctx, char ticket[KIOSK_TICKET_SIZE])
{
    const char *what = "book";
    const char *phone = who ? who->phone : NULL, *label = who ? who->for_label : NULL;
    const char *by = who ? who->booked_by : NULL;
    if (!st)
        return STORE_ERROR;
    ticket[0] = '\0';
    if (!rules || !gen) {
        store_msg(st, "%s: no rules or ticket generator given", what);
        return STORE_ERROR;
    }
    if (origin && (!origin->kiosk || !*origin->kiosk || strlen(origin->kiosk) > 32)) {
        store_msg(st, "%s: a kiosk's name is 1 to 32 bytes", what);
        return STORE_ERROR;
    }
    if (by && (!*by || strlen(by) > 32)) {
        store_msg(st, "%s: who booked is 1 to 32 bytes", what);
        return STORE_ERROR;
    }
    if (st->readonly)
        return store_fail_readonly(st, what);
    /* What needs no database is refused before a transaction starts. */
    rules_result_t early = rules_check_person(rules, phone, label, party);
    if (early != RULES_OK)
        return store_refuse(st, early);
    if (!session_id)
        return store_refuse(st, RULES_NO_SESSION);

    char now_text[17];
    dt_format_stamp(now, now_text);
    if (store_write_begin(st, what))
        return STORE_ERROR;

    /* The facts of the booking, read inside the transaction; the judgement
     * on them is core/rules.c's rules_check_booking, the one place. */
    int result = STORE_ERROR; /* or the refusal, at refused */
    rules_booking_t b = {.phone = phone, .for_label = label, .party = party, .now = now};
    sqlite3_stmt *s =
        sql_prepare(st, what, "SELECT date, start, capacity, state FROM sessions WHERE id = ?1",
                    "s", session_id);
    if (!s)
        goto fail;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail_db(st, what);
        sqlite3_finalize(s);
        goto fail;
    }
    b.session_found = rc == SQLITE_ROW;
    if (b.session_found) {
        char date_text[11], start_text[6];
        sql_copy_col(date_text, sizeof date_text, s, 0);
        sql_copy_col(start_text, sizeof start_text, s, 1);
        b.capacity = sqlite3_column_int(s, 2);
        const char *state = (const char *)sqlite3_column_text(s, 3);
        b.open = state && strcmp(state, "open") == 0;
        if (dt_parse_date(date_text, &b.date) || dt_parse_hhmm(start_text, &b.start_min)) {
            store_msg(st, "%s: session %s has a malformed date or time", what, session_id);
            sqlite3_finalize(s);
            goto fail;
        }
    }
    sqlite3_finalize(s);

    long long n = 0;
    if (b.session_found) {
        /* The person is the phone and the label (the booker's own: none);
         * with no phone, nobody to count (phone = NULL matches nothing). */
        rc = sql_int(st, what, &n,
                     "SELECT count(*) FROM bookings WHERE session_id = ?1 AND phone = ?2"
                     " AND COALESCE(for_label, '') = COALESCE(?3, '')"
                     " AND status IN ('booked', 'checked_in')",
                     "sss", session_id, phone, label);
        if (rc < 0)
            goto fail;
        b.phone_holds_it = n > 0;
        /* The future bookings of this person, and of the whole household
         * (all of the phone's), in one read. */
        if (store_person_counts(st, what, phone, label, now_text, &b))
            goto fail;
        rc = sql_int(st, what, &n,
                     "SELECT COALESCE(SUM(party), 0) FROM bookings WHERE session_id = ?1"
                     " AND status IN ('booked', 'checked_in')",
                     "s", session_id);
        if (rc < 0)
            goto fail;
        b.seats_taken = (int)n;
        b.from_kiosk = origin != NULL;
        if (origin && store_burst_facts(st, what, origin, session_id, now, rules, &b))
            goto fail;
    }
    result = rules_check_booking(rules, &b);
    if (origin && (result == RULES_VISIT_LIMIT || result == RULES_BURST)) {
        /* Refused, and noticed: the flag is committed although the
         * booking is not, so staff see the burst at once. */
        if (store_write_end(st, what,
                            store_burst_flag(st, what, origin, session_id, (rules_result_t)result,
                                             now, rules, now_text)))
            return STORE_ERROR;
        return store_refuse(st, (rules_result_t)result);
    }
    if (result != RULES_OK)
        goto refused;
    result = STORE_ERROR; /* from here on, any failure is the database's */

    char code[KIOSK_TICKET_SIZE];
    if (store_new_ticket(st, what, gen, gen_ctx, code))
        goto fail;
    if (sql_exec(st, what,
                 "INSERT INTO bookings (ticket, session_id, phone, party, status, created_at,"
                 " updated_at, kiosk, visit, for_label, booked_by) VALUES (?1, ?2, ?3, ?4,"
                 " 'booked', ?5, ?5, ?6, CASE WHEN ?6 IS NOT NULL THEN ?7 END, ?8, ?9)",
                 "sssisslss", code, session_id, phone, party, now_text,
                 origin ? origin->kiosk : NULL, origin ? origin->visit : 0LL, label, by) < 0 ||
        store_outbox_add(st, what, "created", code, now_text))
        goto fail;
    if (store_write_end(st, what, STORE_OK))
        return STORE_ERROR;
    memcpy(ticket, code, sizeof code);
    store_msg(st, "%s", "");
    return STORE_OK;
refused:
    result = store_refuse(st, (rules_result_t)result);
fail:
    return store_write_end(st, what, result);
}

int store_new_ticket(store_t *st, const char *what, store_codegen_fn gen, void *gen_ctx,
                     char code[KIOSK_TICKET_SIZE])
{
    for (int tries = 0; tries < TICKET_TRIES; tries++) {
        memset(code, 0, KIOSK_TICKET_SIZE);
        if (gen(gen_ctx, code) != 0) {
            store_msg(st, "%s: the ticket code generator failed", what);
            return STORE_ERROR;
        }
        if (strnlen(code, KIOSK_TICKET_SIZE) != KIOSK_TICKET_LEN) {
            store_msg(st, "%s: the ticket code generator gave a code of the wrong length", what);
            return STORE_ERROR;
        }
        /* t: an enrolment's code is a ticket too (check-in, lookup). */
        int rc = sql_int(st, what, NULL,
                         "SELECT 1 FROM bookings WHERE ticket = ?1"
                         " UNION ALL SELECT 1 FROM enrolments WHERE ticket = ?1",
                         "s", code);
        if (rc < 0)
            return STORE_ERROR;
        if (rc == 0)
            return STORE_OK;
    }
    store_msg(st, "%s: no unused ticket code after %d tries", what, TICKET_TRIES);
    return STORE_ERROR;
}

/* booked -> to, the only transitions the kiosk and kioskctl make. */
static int transition(store_t *st, const char *what, const char *ticket, long long now,
                      const char *to, const store_audit_note_t *audit)
{
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (!ticket)
        return store_refuse(st, RULES_NOT_FOUND);
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int ret = STORE_ERROR;
    int n = sql_exec(st, what,
                     "UPDATE bookings SET status = ?2, updated_at = ?3"
                     " WHERE ticket = ?1 AND status = 'booked'",
                     "sss", ticket, to, now_text);
    if (n < 0)
        goto done;
    if (n == 0) {
        int rc = sql_int(st, what, NULL, "SELECT 1 FROM bookings WHERE ticket = ?1", "s", ticket);
        if (rc >= 0)
            ret = store_refuse(st, rc ? RULES_BAD_STATE : RULES_NOT_FOUND);
        goto done;
    }
    if (store_outbox_add(st, what, to, ticket, now_text))
        goto done;
    /* i20wait: a freed seat goes to the waitlist's first in this transaction. */
    if (store_waitlist_after(st, what, ticket, to, now_text))
        goto done;
    /* A booked resident who checks in joins the queue of the service's
     * line (issue 19), in the check-in's transaction. */
    if (!strcmp(to, "checked_in") && store_queue_arrive(st, what, ticket, now_text))
        goto done;
    if (audit) {
        /* In this transaction: no check-in without its row, nor a row
         * without the check-in. */
        char at_text[17], *session = NULL;
        dt_format_stamp(audit->at, at_text);
        int rc = sql_text(st, what, &session, "SELECT session_id FROM bookings WHERE ticket = ?1",
                          "s", ticket);
        rc = rc < 0 ? STORE_ERROR
                    : store_audit_insert(st, what, audit->staff, audit->action, ticket, session,
                                         audit->detail, at_text);
        free(session);
        if (rc)
            goto done;
    }
    ret = STORE_OK;
done:
    return store_write_done(st, what, ret);
}

int store_checkin(store_t *st, const char *ticket, long long now)
{
    return transition(st, "check in", ticket, now, "checked_in", NULL);
}

int store_checkin_audited(store_t *st, const char *ticket, long long now,
                          const store_audit_note_t *audit)
{
    return transition(st, "check in", ticket, now, "checked_in", audit);
}

int store_cancel(store_t *st, const char *ticket, long long now)
{
    return transition(st, "cancel", ticket, now, "cancelled", NULL);
}

int store_no_show(store_t *st, const char *ticket, long long now)
{
    return transition(st, "no-show", ticket, now, "no_show", NULL);
}

/* ---- Listings ------------------------------------------------------------------
 *
 * The WHERE clauses are put together from fixed fragments so that SQLite can
 * use its indexes; the values are bound. */

static int append_sql(char *sql, size_t size, const char *frag)
{
    size_t len = strlen(sql), n = strlen(frag);
    if (len + n >= size)
        return -1;
    memcpy(sql + len, frag, n + 1);
    return 0;
}

/* The session columns every listing starts with, as session_from() reads them. */
#define SESSION_COLS                                                                               \
    "s.id, s.service_id, v.category_id, v.name_zh, s.date, s.start, s.end, s.capacity"

/* Columns 0..7 are SESSION_COLS, 8 the persons of booked + checked_in, 9 the state. */
static void session_from(sqlite3_stmt *s, store_session_row_t *r)
{
    memset(r, 0, sizeof *r);
    sql_copy_col(r->session_id, sizeof r->session_id, s, 0);
    sql_copy_col(r->service_id, sizeof r->service_id, s, 1);
    sql_copy_col(r->category_id, sizeof r->category_id, s, 2);
    sql_copy_col(r->service_name, sizeof r->service_name, s, 3);
    sql_copy_col(r->date, sizeof r->date, s, 4);
    sql_copy_col(r->start, sizeof r->start, s, 5);
    sql_copy_col(r->end, sizeof r->end, s, 6);
    r->capacity = sqlite3_column_int(s, 7);
    r->booked = sqlite3_column_int(s, 8);
    /* A capacity lowered below what was already booked shows 0, not less. */
    r->remaining = r->capacity > r->booked ? r->capacity - r->booked : 0;
    const char *state = (const char *)sqlite3_column_text(s, 9);
    r->open = state && strcmp(state, "open") == 0;
    if (!r->open)
        r->remaining = 0; /* closed or withdrawn: no seat can be had */
}

int store_sessions(store_t *st, const store_session_filter_t *f, store_session_cb cb, void *ctx)
{
    const char *what = "sessions";
    if (!st)
        return STORE_ERROR;
    char sql[1024] = "SELECT " SESSION_COLS ", (SELECT COALESCE(SUM(b.party), 0) FROM bookings b"
                     " WHERE b.session_id = s.id AND b.status IN ('booked', 'checked_in')), s.state"
                     " FROM sessions s JOIN services v ON v.id = s.service_id WHERE 1";
    const char *args[5];
    int nargs = 0;
    if (f && f->date) {
        append_sql(sql, sizeof sql, " AND s.date = ?");
        args[nargs++] = f->date;
    }
    if (f && f->from_date) {
        append_sql(sql, sizeof sql, " AND s.date >= ?");
        args[nargs++] = f->from_date;
    }
    if (f && f->until_date) {
        append_sql(sql, sizeof sql, " AND s.date < ?");
        args[nargs++] = f->until_date;
    }
    if (f && f->service_id) {
        append_sql(sql, sizeof sql, " AND s.service_id = ?");
        args[nargs++] = f->service_id;
    }
    if (f && f->session_id) {
        append_sql(sql, sizeof sql, " AND s.id = ?");
        args[nargs++] = f->session_id;
    }
    if (append_sql(sql, sizeof sql, " ORDER BY s.date, s.start, s.service_id")) {
        store_msg(st, "%s: query too long", what);
        return STORE_ERROR;
    }
    sqlite3_stmt *s = sql_prepare(st, what, sql, NULL);
    if (!s)
        return STORE_ERROR;
    for (int i = 0; i < nargs; i++)
        sqlite3_bind_text(s, i + 1, args[i], -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_session_row_t r;
        session_from(s, &r);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_bookings(store_t *st, const store_booking_filter_t *f, store_booking_cb cb, void *ctx)
{
    const char *what = "bookings";
    if (!st)
        return STORE_ERROR;
    char sql[1024] = "SELECT b.ticket, b.session_id, s.service_id, v.name_zh, s.date, s.start,"
                     " b.phone, b.party, b.status, b.created_at, b.cancelled_by IS NOT NULL,"
                     " b.for_label, b.booked_by"
                     " FROM bookings b JOIN sessions s ON s.id = b.session_id"
                     " JOIN services v ON v.id = s.service_id WHERE 1";
    const char *args[9];
    int nargs = 0;
    char from[17], burst[24];
    if (f && f->date) {
        append_sql(sql, sizeof sql, " AND s.date = ?");
        args[nargs++] = f->date;
    }
    if (f && f->date_from) {
        append_sql(sql, sizeof sql, " AND s.date >= ?");
        args[nargs++] = f->date_from;
    }
    if (f && f->date_until) {
        append_sql(sql, sizeof sql, " AND s.date <= ?");
        args[nargs++] = f->date_until;
    }
    if (f && f->status) {
        append_sql(sql, sizeof sql, " AND b.status = ?");
        args[nargs++] = f->status;
    }
    if (f && f->phone) {
        append_sql(sql, sizeof sql, " AND b.phone = ?");
        args[nargs++] = f->phone;
    }
    if (f && f->ticket) {
        append_sql(sql, sizeof sql, " AND b.ticket = ?");
        args[nargs++] = f->ticket;
    }
    if (f && f->from) {
        dt_format_stamp(f->from, from);
        append_sql(sql, sizeof sql, " AND s.date || ' ' || s.start >= ?");
        args[nargs++] = from;
    }
    if (f && f->burst) {
        snprintf(burst, sizeof burst, "%lld", f->burst);
        append_sql(sql, sizeof sql, " AND b.burst = CAST(? AS INTEGER)");
        args[nargs++] = burst;
    }
    if (f && f->for_label) {
        append_sql(sql, sizeof sql, " AND b.for_label = ?");
        args[nargs++] = f->for_label;
    }
    if (append_sql(sql, sizeof sql,
                   " ORDER BY s.date, s.start, s.service_id, b.created_at, b.id")) {
        store_msg(st, "%s: query too long", what);
        return STORE_ERROR;
    }
    sqlite3_stmt *s = sql_prepare(st, what, sql, NULL);
    if (!s)
        return STORE_ERROR;
    for (int i = 0; i < nargs; i++)
        sqlite3_bind_text(s, i + 1, args[i], -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_booking_row_t r;
        memset(&r, 0, sizeof r);
        sql_copy_col(r.ticket, sizeof r.ticket, s, 0);
        sql_copy_col(r.session_id, sizeof r.session_id, s, 1);
        sql_copy_col(r.service_id, sizeof r.service_id, s, 2);
        sql_copy_col(r.service_name, sizeof r.service_name, s, 3);
        sql_copy_col(r.date, sizeof r.date, s, 4);
        sql_copy_col(r.start, sizeof r.start, s, 5);
        sql_copy_col(r.phone, sizeof r.phone, s, 6);
        r.party = sqlite3_column_int(s, 7);
        sql_copy_col(r.status, sizeof r.status, s, 8);
        sql_copy_col(r.created_at, sizeof r.created_at, s, 9);
        r.by_staff = sqlite3_column_int(s, 10);
        sql_copy_col(r.for_label, sizeof r.for_label, s, 11);
        sql_copy_col(r.booked_by, sizeof r.booked_by, s, 12);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

struct first_booking {
    store_booking_row_t *row;
    int found;
};

static int take_first(void *ctx, const store_booking_row_t *row)
{
    struct first_booking *fb = ctx;
    *fb->row = *row;
    fb->found = 1;
    return 1;
}

int store_get_booking(store_t *st, const char *ticket, store_booking_row_t *row)
{
    if (!st)
        return STORE_ERROR;
    if (!ticket)
        return store_refuse(st, RULES_NOT_FOUND);
    store_booking_filter_t f = {.ticket = ticket};
    struct first_booking fb = {row, 0};
    if (store_bookings(st, &f, take_first, &fb))
        return STORE_ERROR;
    return fb.found ? STORE_OK : store_refuse(st, RULES_NOT_FOUND);
}

int store_day(store_t *st, const char *date, store_day_cb cb, void *ctx)
{
    const char *what = "day";
    if (!st)
        return STORE_ERROR;
    if (!date) {
        store_msg(st, "%s: no date given", what);
        return STORE_ERROR;
    }
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT " SESSION_COLS ","
        " COALESCE(SUM(b.party) FILTER (WHERE b.status IN ('booked', 'checked_in')), 0),"
        " s.state,"
        " COALESCE(SUM(b.party) FILTER (WHERE b.status = 'booked'), 0),"
        " COALESCE(SUM(b.party) FILTER (WHERE b.status = 'checked_in'), 0),"
        " COALESCE(SUM(b.party) FILTER (WHERE b.status = 'no_show'), 0)"
        " FROM sessions s JOIN services v ON v.id = s.service_id"
        " LEFT JOIN bookings b ON b.session_id = s.id"
        " WHERE s.date = ?1 GROUP BY s.id ORDER BY s.start, s.service_id",
        "s", date);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_day_row_t r;
        session_from(s, &r.s);
        r.booked_persons = sqlite3_column_int(s, 10);
        r.checked_in_persons = sqlite3_column_int(s, 11);
        r.no_show_persons = sqlite3_column_int(s, 12);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}
