/* The store's handle and its everyday work: open (pragmas, migration) and
 * close, the booking transaction and status changes, the listings, and
 * maintenance (purge, check, backup). The SQL helpers, schema, catalog,
 * staff and outbox have their own files (store_int.h lists them). */
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

/* Long enough to ride out a staff export or a kioskctl booking, short enough
 * that the screen can say "try again" before a resident gives up. */
#define BUSY_TIMEOUT_MS 5000
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
    if (v > STORE_SCHEMA_VERSION)
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
    if (rc == STORE_OK && v != STORE_SCHEMA_VERSION)
        rc = store_migrate(st, (flags & STORE_OPEN_CREATE) != 0);
    if (rc == STORE_OK) {
        st->failure = STORE_FAIL_NONE;
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
    const char *what = "book";
    if (!st)
        return STORE_ERROR;
    ticket[0] = '\0';
    if (!rules || !gen) {
        store_msg(st, "%s: no rules or ticket generator given", what);
        return STORE_ERROR;
    }
    if (st->readonly)
        return store_fail_readonly(st, what);
    /* What needs no database is refused before a transaction starts. */
    rules_result_t early = rules_check_request(rules, phone, party);
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
    rules_booking_t b = {.phone = phone, .party = party, .now = now};
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
        rc = sql_int(st, what, &n,
                     "SELECT count(*) FROM bookings WHERE session_id = ?1 AND phone = ?2"
                     " AND status IN ('booked', 'checked_in')",
                     "ss", session_id, phone);
        if (rc < 0)
            goto fail;
        b.phone_holds_it = n > 0;
        rc = sql_int(st, what, &n,
                     "SELECT count(*) FROM bookings b JOIN sessions s ON s.id = b.session_id"
                     " WHERE b.phone = ?1 AND b.status IN ('booked', 'checked_in')"
                     " AND s.date || ' ' || s.start > ?2",
                     "ss", phone, now_text);
        if (rc < 0)
            goto fail;
        b.phone_active = (int)n;
        rc = sql_int(st, what, &n,
                     "SELECT COALESCE(SUM(party), 0) FROM bookings WHERE session_id = ?1"
                     " AND status IN ('booked', 'checked_in')",
                     "s", session_id);
        if (rc < 0)
            goto fail;
        b.seats_taken = (int)n;
    }
    result = rules_check_booking(rules, &b);
    if (result != RULES_OK)
        goto refused;
    result = STORE_ERROR; /* from here on, any failure is the database's */

    char code[KIOSK_TICKET_SIZE];
    int tries;
    for (tries = 0; tries < TICKET_TRIES; tries++) {
        memset(code, 0, sizeof code);
        if (gen(gen_ctx, code) != 0) {
            store_msg(st, "%s: the ticket code generator failed", what);
            goto fail;
        }
        if (strnlen(code, sizeof code) != KIOSK_TICKET_LEN) {
            store_msg(st, "%s: the ticket code generator gave a code of the wrong length", what);
            goto fail;
        }
        rc = sql_int(st, what, NULL, "SELECT 1 FROM bookings WHERE ticket = ?1", "s", code);
        if (rc < 0)
            goto fail;
        if (rc == 0)
            break;
    }
    if (tries == TICKET_TRIES) {
        store_msg(st, "%s: no unused ticket code after %d tries", what, TICKET_TRIES);
        goto fail;
    }
    if (sql_exec(st, what,
                 "INSERT INTO bookings (ticket, session_id, phone, party, status, created_at,"
                 " updated_at) VALUES (?1, ?2, ?3, ?4, 'booked', ?5, ?5)",
                 "sssis", code, session_id, phone, party, now_text) < 0 ||
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
                     " b.phone, b.party, b.status, b.created_at"
                     " FROM bookings b JOIN sessions s ON s.id = b.session_id"
                     " JOIN services v ON v.id = s.service_id WHERE 1";
    const char *args[7];
    int nargs = 0;
    char from[17];
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

/* ---- Maintenance ----------------------------------------------------------------- */

int store_purge_phones(store_t *st, long long now, int retention_days)
{
    const char *what = "purge phones";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (retention_days < 0) {
        store_msg(st, "%s: retention must not be negative", what);
        return STORE_ERROR;
    }
    char now_text[17], limit[17];
    dt_format_stamp(now, now_text);
    dt_format_stamp(now - (long long)retention_days * 1440, limit);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int n = sql_exec(st, what,
                     "UPDATE bookings SET phone = NULL, updated_at = ?2"
                     " WHERE phone IS NOT NULL AND session_id IN"
                     " (SELECT id FROM sessions WHERE date || ' ' || end < ?1)",
                     "ss", limit, now_text);
    if (store_write_end(st, what, n < 0 ? STORE_ERROR : STORE_OK))
        return STORE_ERROR;
    /* The WAL's older frames still hold the numbers: copy the new pages
     * back and empty it. Best effort: a staff shell reading at this moment
     * keeps the frames until the next purge, and the purge is not undone. */
    if (n > 0 && !st->memory)
        sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    return n;
}

int store_check(store_t *st, char *msg, size_t msglen)
{
    const char *what = "check";
    char local[512];
    if (!msg || msglen == 0) {
        msg = local;
        msglen = sizeof local;
    }
    msg[0] = '\0';
    if (!st) {
        snprintf(msg, msglen, "no database");
        return STORE_ERROR;
    }
    sqlite3_stmt *s = sql_prepare(st, what, "PRAGMA integrity_check(20)", NULL);
    if (!s)
        goto db_error;
    int rc, problems = 0;
    size_t len = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(s, 0);
        if (line && strcmp(line, "ok") == 0)
            continue;
        problems++;
        if (len < msglen)
            len += (size_t)snprintf(msg + len, msglen - len, "%s%s", len ? "; " : "",
                                    line ? line : "?");
    }
    if (rc != SQLITE_DONE)
        store_fail_db(st, what); /* while the statement still holds the error */
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        goto db_error;
    if (problems) {
        store_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }

    int v;
    if (store_user_version(st, &v))
        goto db_error;
    if (v != STORE_SCHEMA_VERSION) {
        snprintf(msg, msglen, "schema version %d, this build expects %d", v, STORE_SCHEMA_VERSION);
        store_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }

    /* Last, and apart: a row pointing to a row that is gone (deleted from
     * the sqlite3 shell, which runs without foreign keys) is no damage.
     * Restoring a backup for it would lose the day's bookings. */
    s = sql_prepare(st, what, "PRAGMA foreign_key_check", NULL);
    if (!s)
        goto db_error;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* table, rowid, referenced table, fk index */
        const char *table = (const char *)sqlite3_column_text(s, 0);
        const char *parent = (const char *)sqlite3_column_text(s, 2);
        if (problems++ == 0)
            snprintf(msg, msglen,
                     "inconsistent (not damaged): %s row %lld points to a missing row of %s",
                     table ? table : "?", sqlite3_column_int64(s, 1), parent ? parent : "?");
    }
    if (rc != SQLITE_DONE)
        store_fail_db(st, what);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        goto db_error;
    if (problems) {
        if (problems > 1) {
            size_t l = strlen(msg);
            snprintf(msg + l, msglen - l, " (and %d more)", problems - 1);
        }
        store_msg(st, "%s: %s", what, msg);
        return STORE_INCONSISTENT;
    }
    snprintf(msg, msglen, "ok, schema version %d", v);
    store_msg(st, "%s", "");
    return STORE_OK;
db_error:
    snprintf(msg, msglen, "%s", st->msg);
    return STORE_ERROR;
}

/* The repair's steps, parents first so that every insert meets the
 * foreign keys it is checked against. A booking whose session is gone is
 * the case that matters (a row deleted from the shell); its outbox events
 * carry the session as it was (service, date, times, capacity), so the
 * session comes back as it was, closed to new bookings: staff deleted it
 * on purpose or by mistake, and either way the people booked into it keep
 * their bookings and can check in, while nobody new books into a session
 * the catalog may no longer hold. */
#define MISSING_SESSIONS                                                                           \
    "SELECT b.session_id FROM bookings b"                                                          \
    " WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = b.session_id)"
#define MISSING_SERVICES                                                                           \
    "SELECT need FROM (SELECT s.service_id AS need FROM sessions s UNION"                          \
    " SELECT o.service_id FROM outbox o WHERE o.session_id IN (" MISSING_SESSIONS "))"             \
    " WHERE NOT EXISTS (SELECT 1 FROM services v WHERE v.id = need)"
/* The newest outbox row of each value of a column. */
#define NEWEST(col) "o.seq IN (SELECT max(seq) FROM outbox GROUP BY " col ")"

static const struct repair_step {
    const char *what; /* "session" ... for the message */
    const char *sql;
} repair_steps[] = {
    {"categor",
     "INSERT INTO categories (id, name_zh, name_en, sort, active)"
     " SELECT DISTINCT cat, cat, cat, 9999, 0 FROM ("
     "  SELECT v.category_id AS cat FROM services v UNION"
     "  SELECT o.category_id FROM outbox o WHERE " NEWEST(
         "service_id") "  AND o.service_id IN (" MISSING_SERVICES "))"
                       " WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = cat)"},
    {"service",
     "INSERT INTO services (id, category_id, name_zh, name_en, sort, active)"
     " SELECT o.service_id, o.category_id, o.service_name, o.service_name, 9999, 0"
     " FROM outbox o WHERE " NEWEST(
         "service_id") " AND o.service_id IN (" MISSING_SERVICES ")"
                       " AND EXISTS (SELECT 1 FROM categories c WHERE c.id = o.category_id)"},
    {"session",
     "INSERT INTO sessions (id, service_id, date, start, end, capacity, state)"
     " SELECT o.session_id, o.service_id, o.date, o.start, o.end, o.capacity, 'closed'"
     " FROM outbox o WHERE " NEWEST(
         "session_id") " AND o.session_id IN (" MISSING_SESSIONS ")"
                       " AND EXISTS (SELECT 1 FROM services v WHERE v.id = o.service_id)"},
};

int store_repair(store_t *st, long long now, char *msg, size_t msglen)
{
    const char *what = "repair";
    char local[512];
    if (!msg || msglen == 0) {
        msg = local;
        msglen = sizeof local;
    }
    msg[0] = '\0';
    char now_text[17];
    if (!st || store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int made[3] = {0, 0, 0}, total = 0, rc = STORE_ERROR;
    for (int i = 0; i < 3; i++) {
        int n = sql_exec(st, what, repair_steps[i].sql, NULL);
        if (n < 0)
            goto done;
        made[i] = n;
        total += n;
    }
    long long left = 0;
    if (sql_int(st, what, &left, "SELECT count(*) FROM pragma_foreign_key_check", NULL) < 0)
        goto done;
    snprintf(msg, msglen,
             "re-created %d session%s (closed to new bookings), %d service%s and %d categor%s "
             "(inactive) from the outbox; every booking kept",
             made[2], made[2] == 1 ? "" : "s", made[1], made[1] == 1 ? "" : "s", made[0],
             made[0] == 1 ? "y" : "ies");
    if (left > 0) {
        size_t l = strlen(msg);
        snprintf(msg + l, msglen - l, "; %lld row%s still point%s to missing rows", left,
                 left == 1 ? "" : "s", left == 1 ? "s" : "");
    }
    rc = total == 0 ? STORE_OK
                    : store_audit_insert(st, what, "", "repair", NULL, NULL, msg, now_text);
done:
    if (total == 0 && rc == STORE_OK) {
        store_rollback(st); /* nothing to keep, nothing to audit */
        store_msg(st, "%s", "");
        return 0;
    }
    if (store_write_done(st, what, rc))
        return STORE_ERROR;
    return total;
}

/* Makes the rename itself survive a power cut. */
static void sync_dir_of(const char *path)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* path made absolute with its directory's links and ".." resolved; the last
 * name as given, so a file that does not exist yet (a -journal) compares
 * too. 0, or -1 when the directory does not resolve. */
static int canonical_path(const char *path, char *out, size_t n)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (!realpath(dir, real))
        return -1;
    /* A last name that is itself a link resolves to what it names. */
    char full[PATH_MAX + 260], target[PATH_MAX];
    snprintf(full, sizeof full, "%s/%s", strcmp(real, "/") ? real : "", base);
    if (realpath(full, target)) {
        snprintf(out, n, "%s", target);
        return 0;
    }
    snprintf(out, n, "%s", full);
    return 0;
}

int store_is_own_file(store_t *st, const char *path)
{
    const char *db = st && st->db ? sqlite3_db_filename(st->db, "main") : NULL;
    if (!db || !*db || !path || !*path)
        return 0;
    char want[PATH_MAX + 260];
    int have_want = canonical_path(path, want, sizeof want) == 0;
    struct stat ps;
    int have_ps = stat(path, &ps) == 0;
    static const char *const side[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
        char name[PATH_MAX + 16], canon[PATH_MAX + 260];
        snprintf(name, sizeof name, "%s%s", db, side[i]);
        if (have_want && canonical_path(name, canon, sizeof canon) == 0 && strcmp(canon, want) == 0)
            return 1;
        struct stat ns;
        if (have_ps && stat(name, &ns) == 0 && ns.st_dev == ps.st_dev && ns.st_ino == ps.st_ino)
            return 1;
    }
    return 0;
}

/* Removes the private directory of a backup and what SQLite left in it. */
static void backup_dir_remove(const char *dir, const char *base)
{
    static const char *const side[] = {"", "-journal", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
        char p[PATH_MAX + 300];
        snprintf(p, sizeof p, "%s/%s%s", dir, base, side[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* What is under path: 0 when absent or a regular file a backup may
 * replace; STORE_ERROR with the reason in st's message otherwise. */
static int backup_target_ok(store_t *st, const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT)
            return 0;
        store_msg(st, "backup: %s: %s", path, strerror(errno));
        return STORE_ERROR;
    }
    if (S_ISLNK(sb.st_mode)) {
        store_msg(st,
                  "backup: %s is a symbolic link: not written (a link is never followed here; "
                  "remove it or choose another name)",
                  path);
        return STORE_ERROR;
    }
    if (!S_ISREG(sb.st_mode)) {
        store_msg(st, "backup: %s is not a regular file: not written", path);
        return STORE_ERROR;
    }
    return 0;
}

int store_backup(store_t *st, const char *path)
{
    const char *what = "backup";
    if (!st)
        return STORE_ERROR;
    if (!path || !*path) {
        store_msg(st, "%s: no file given", what);
        return STORE_ERROR;
    }
    /* Copied over the live database (or beside it as its WAL or journal),
     * every booking made after the copy would be lost. */
    if (store_is_own_file(st, path)) {
        store_msg(st, "%s: %s is the live database (or its WAL or journal): refused", what, path);
        return STORE_ERROR;
    }
    if (backup_target_ok(st, path))
        return STORE_ERROR;
    /* The copy is made in a new private directory beside the target (made
     * by mkdtemp, so nothing planted there in advance): SQLite creates its
     * journal, WAL and shared memory files with O_CREAT and would follow a
     * link planted under one of those names. Renamed from there when
     * complete, so a power cut or a full stick leaves only the directory. */
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[PATH_MAX], tmp[PATH_MAX + 300];
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        store_msg(st, "%s: %s: not a file name", what, path);
        return STORE_ERROR;
    }
    if ((size_t)snprintf(dir, sizeof dir, "%.*s.%s.tmp-XXXXXX", slash ? (int)(slash - path + 1) : 0,
                         path, base) >= sizeof dir) {
        store_msg(st, "%s: path too long", what);
        return STORE_ERROR;
    }
    if (!mkdtemp(dir)) {
        store_msg(st, "%s: cannot create a temporary directory beside %s: %s", what, path,
                  strerror(errno));
        return STORE_ERROR;
    }
    snprintf(tmp, sizeof tmp, "%s/%s", dir, base);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(
        tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        int sys = dst ? sqlite3_system_errno(dst) : 0;
        store_msg(st, "%s: cannot create %s: %s%s%s%s", what, tmp,
                  dst ? sqlite3_errmsg(dst) : "out of memory", sys ? " (" : "",
                  sys ? strerror(sys) : "", sys ? ")" : "");
        goto fail;
    }
    sqlite3_busy_timeout(dst, BUSY_TIMEOUT_MS);
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
    if (!b) {
        store_msg(st, "%s: %s", what, sqlite3_errmsg(dst));
        goto fail;
    }
    /* One step copies everything under one read snapshot; in WAL mode that
     * does not hold up the kiosk's writes. */
    /* A writer holding the lock for long is waited for, but not forever:
     * about 30 s, then the backup says so instead of hanging. */
    for (int tries = 0;
         ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 600;
         tries++)
        sqlite3_sleep(50);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        int sys = sqlite3_system_errno(dst);
        store_msg(st, "%s: writing %s: %s%s%s%s", what, tmp, sqlite3_errstr(rc), sys ? " (" : "",
                  sys ? strerror(sys) : "", sys ? ")" : "");
        goto fail;
    }
    /* The copy keeps the WAL flag of the source; a backup is one
     * self-contained file, so it goes back to a rollback journal. */
    if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        store_msg(st, "%s: finishing %s: %s", what, tmp, sqlite3_errmsg(dst));
        goto fail;
    }
    if (sqlite3_close(dst) != SQLITE_OK) {
        store_msg(st, "%s: closing %s: %s", what, tmp, sqlite3_errmsg(dst));
        sqlite3_close_v2(dst);
        dst = NULL;
        goto fail;
    }
    dst = NULL;
    /* Checked again: the target may have changed while the copy was made. */
    if (backup_target_ok(st, path) || store_is_own_file(st, path)) {
        if (store_is_own_file(st, path))
            store_msg(st, "%s: %s is the live database (or its WAL or journal): refused", what,
                      path);
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        store_msg(st, "%s: cannot rename %s to %s: %s", what, tmp, path, strerror(errno));
        goto fail;
    }
    backup_dir_remove(dir, base);
    sync_dir_of(path);
    store_msg(st, "%s", "");
    return STORE_OK;
fail:
    sqlite3_close_v2(dst);
    backup_dir_remove(dir, base);
    return STORE_ERROR;
}

int store_pragma(store_t *st, const char *name, char *out, size_t outlen)
{
    /* PRAGMA takes no bound parameters, so the name must be one of ours. */
    static const char *const allowed[] = {"journal_mode", "synchronous",  "foreign_keys",
                                          "busy_timeout", "user_version", "query_only",
                                          "secure_delete"};
    const char *what = "pragma";
    if (out && outlen)
        out[0] = '\0';
    if (!st)
        return STORE_ERROR;
    const char *pick = NULL;
    for (size_t i = 0; name && i < sizeof allowed / sizeof allowed[0]; i++)
        if (strcmp(name, allowed[i]) == 0)
            pick = allowed[i];
    if (!pick) {
        store_msg(st, "%s: unknown setting %s", what, name ? name : "(null)");
        return STORE_ERROR;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", pick);
    sqlite3_stmt *s = sql_prepare(st, what, sql, NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            store_msg(st, "%s: %s gave no value", what, pick);
        else
            store_fail_db(st, what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    if (out && outlen) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        snprintf(out, outlen, "%s", v ? v : "");
    }
    sqlite3_finalize(s);
    return STORE_OK;
}
