#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../core/datetime.h"
#include "../core/schedule.h"
#include "../core/wipe.h"

/* Long enough to ride out a staff export or a kioskctl booking, short enough
 * that the screen can say "try again" before a resident gives up. */
#define BUSY_TIMEOUT_MS 5000
/* 40-bit codes collide almost never; 16 misses in a row means a broken generator. */
#define TICKET_TRIES 16

/* Statements of the helpers that prepare, run and drop one within a call
 * (exec_args, query_int, query_text) are kept, reset, for the next call
 * with the same SQL: preparing was four fifths of a booking's CPU time. */
#define STMT_CACHE 24

struct store {
    sqlite3 *db;
    int readonly;
    int memory;
    store_failure_t failure;
    char name[256]; /* the path, for messages */
    char msg[512];
    sqlite3_stmt *cache[STMT_CACHE]; /* NULL: free, or taken by a running call */
    int evict;                       /* the slot to reuse when none is free */
};

/* ---- Schema and migrations ------------------------------------------------
 *
 * Each step brings the file from version - 1 to version inside the one
 * migration transaction; a new version is a new entry at the end. Steps are
 * never edited once shipped: a kiosk in the field may be at any of them.
 * docs/store.md documents the result for staff. */

/* Persons of booked + checked_in must fit the capacity. The booking
 * transaction already checks it; the triggers are there for everything else
 * that can write the file (a staff sqlite3 shell, a future bug). A missing
 * session counts as capacity 0 because the shell runs without foreign_keys. */
static const char schema_v1[] =
    "CREATE TABLE meta (\n"
    "    key TEXT PRIMARY KEY,\n"
    "    value TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE categories (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL,\n"
    "    sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))\n"
    ");\n"
    "CREATE TABLE services (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    category_id TEXT NOT NULL REFERENCES categories (id),\n"
    "    name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL,\n"
    "    location_zh TEXT NOT NULL DEFAULT '',\n"
    "    duration INTEGER NOT NULL DEFAULT 0,\n"
    "    sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))\n"
    ");\n"
    "CREATE TABLE sessions (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    service_id TEXT NOT NULL REFERENCES services (id),\n"
    "    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "    start TEXT NOT NULL CHECK (start GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
    "    end TEXT NOT NULL CHECK (end GLOB '[0-2][0-9]:[0-5][0-9]' AND end > start),\n"
    "    capacity INTEGER NOT NULL CHECK (capacity > 0),\n"
    "    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'withdrawn'))\n"
    ");\n"
    "CREATE INDEX sessions_by_date ON sessions (date, start, service_id);\n"
    "CREATE INDEX sessions_by_service ON sessions (service_id, date);\n"
    "CREATE TABLE bookings (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    ticket TEXT NOT NULL UNIQUE,\n"
    "    session_id TEXT NOT NULL REFERENCES sessions (id),\n"
    "    phone TEXT,\n"
    "    party INTEGER NOT NULL CHECK (party BETWEEN 1 AND 9),\n"
    "    status TEXT NOT NULL DEFAULT 'booked'\n"
    "        CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL\n"
    ");\n"
    "CREATE UNIQUE INDEX bookings_one_per_phone ON bookings (session_id, phone)\n"
    "    WHERE status IN ('booked', 'checked_in');\n"
    "CREATE INDEX bookings_by_session ON bookings (session_id, status);\n"
    "CREATE INDEX bookings_by_phone ON bookings (phone, status);\n"
    "CREATE TRIGGER bookings_capacity_insert BEFORE INSERT ON bookings\n"
    "WHEN NEW.status IN ('booked', 'checked_in')\n"
    "BEGIN\n"
    "    SELECT RAISE(ABORT, 'booking over session capacity')\n"
    "    WHERE NEW.party + (SELECT COALESCE(SUM(party), 0) FROM bookings\n"
    "                       WHERE session_id = NEW.session_id\n"
    "                         AND status IN ('booked', 'checked_in'))\n"
    "        > COALESCE((SELECT capacity FROM sessions WHERE id = NEW.session_id), 0);\n"
    "END;\n"
    /* Only a booking that starts to count, or grows, is checked: checking in
     * must still work after a re-import lowered the capacity below the
     * persons already booked. */
    "CREATE TRIGGER bookings_capacity_update BEFORE UPDATE OF status, party, session_id\n"
    "ON bookings\n"
    "WHEN NEW.status IN ('booked', 'checked_in')\n"
    "    AND (OLD.status NOT IN ('booked', 'checked_in') OR NEW.party > OLD.party\n"
    "         OR NEW.session_id IS NOT OLD.session_id)\n"
    "BEGIN\n"
    "    SELECT RAISE(ABORT, 'booking over session capacity')\n"
    "    WHERE NEW.party + (SELECT COALESCE(SUM(party), 0) FROM bookings\n"
    "                       WHERE session_id = NEW.session_id AND id <> OLD.id\n"
    "                         AND status IN ('booked', 'checked_in'))\n"
    "        > COALESCE((SELECT capacity FROM sessions WHERE id = NEW.session_id), 0);\n"
    "END;\n";

/* Staff mode. The store keeps PIN hashes, never PINs; the CHECK refuses
 * anything that is not a libsodium Argon2 string, so a PIN typed into the
 * sqlite3 shell (or passed by a bug) cannot end up in the file. The auth
 * table has exactly one row: the login throttle is per kiosk, not per name,
 * since a wrong PIN names nobody. Audit rows are kept, like bookings. */
static const char schema_v2[] =
    "CREATE TABLE staff (\n"
    "    name TEXT PRIMARY KEY CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 32),\n"
    "    pin_hash TEXT NOT NULL CHECK (pin_hash GLOB '$argon2*'),\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE auth (\n"
    "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),\n"
    "    lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),\n"
    "    locked_until TEXT\n"
    ");\n"
    "INSERT INTO auth (id, failures, lockouts, locked_until) VALUES (1, 0, 0, NULL);\n"
    "CREATE TABLE audit (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    at TEXT NOT NULL,\n"
    "    staff TEXT NOT NULL,\n"
    "    action TEXT NOT NULL,\n"
    "    ticket TEXT,\n"
    "    session_id TEXT,\n"
    "    detail TEXT\n"
    ");\n"
    "CREATE INDEX audit_by_at ON audit (at);\n";

/* Fleet sync. Every booking event (created, and each status change) gets
 * one outbox row in the transaction that makes the change; seq, never
 * reused (AUTOINCREMENT), is the station's event number the centre keys
 * on. A row carries what the centre needs to file it without asking back:
 * the session and service as they were at that moment. No phone number
 * (docs/fleet.md says why). sync has one row: how far kiosk-sync got.
 * The bookings already in the file become events too, in booking order,
 * so that the centre sees the station's whole history. */
#define OUTBOX_COLS                                                                                \
    "kind, at, status, ticket, session_id, service_id, category_id, service_name, date, start,"  \
    " end, capacity, party"
#define OUTBOX_SELECT                                                                              \
    " b.ticket, b.session_id, s.service_id, v.category_id, v.name_zh, s.date, s.start, s.end,"    \
    " s.capacity, b.party"                                                                         \
    " FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN services v ON v.id = s.service_id"
static const char schema_v3[] =
    "CREATE TABLE outbox (\n"
    "    seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "    kind TEXT NOT NULL\n"
    "        CHECK (kind IN ('created', 'cancelled', 'checked_in', 'no_show', 'attended')),\n"
    "    at TEXT NOT NULL,\n"
    "    ticket TEXT NOT NULL,\n"
    "    session_id TEXT NOT NULL,\n"
    "    service_id TEXT NOT NULL,\n"
    "    category_id TEXT NOT NULL,\n"
    "    service_name TEXT NOT NULL,\n"
    "    date TEXT NOT NULL,\n"
    "    start TEXT NOT NULL,\n"
    "    end TEXT NOT NULL,\n"
    "    capacity INTEGER NOT NULL,\n"
    "    party INTEGER NOT NULL,\n"
    "    status TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE sync (\n"
    "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    sent_seq INTEGER NOT NULL DEFAULT 0,\n"
    "    last_attempt TEXT,\n"
    "    last_ok TEXT,\n"
    "    last_error TEXT,\n"
    "    last_error_at TEXT,\n"
    "    failing INTEGER NOT NULL DEFAULT 0 CHECK (failing IN (0, 1))\n"
    ");\n"
    "INSERT INTO sync (id) VALUES (1);\n"
    "INSERT INTO outbox (" OUTBOX_COLS ")\n"
    "    SELECT 'created', b.created_at, 'booked'," OUTBOX_SELECT " ORDER BY b.id;\n"
    "INSERT INTO outbox (" OUTBOX_COLS ")\n"
    "    SELECT b.status, b.updated_at, b.status," OUTBOX_SELECT "\n"
    "    WHERE b.status <> 'booked' ORDER BY b.updated_at, b.id;\n";

/* A step is SQL, and optionally C for what SQL cannot do (reformatting
 * data, say); both run inside the migration transaction. */
static const struct migration {
    int version;
    const char *sql;
    int (*fn)(store_t *st); /* STORE_OK or STORE_ERROR with the message set */
} migrations[] = {
    {1, schema_v1, NULL},
    {2, schema_v2, NULL},
    {3, schema_v3, NULL},
};

/* ---- Errors ---------------------------------------------------------------- */

static void set_msg(store_t *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_msg(store_t *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof st->msg, fmt, ap);
    va_end(ap);
}

/* What an I/O error was doing when it happened; SQLite's "disk I/O error"
 * alone does not tell a failed write (full disk, pulled stick) from a bad
 * read (failing card). */
static const char *ioerr_detail(int code)
{
    switch (code) {
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ:
        return "read failed";
    case SQLITE_IOERR_WRITE:
        return "write failed";
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC:
        return "fsync failed";
    case SQLITE_IOERR_TRUNCATE:
        return "truncate failed";
    case SQLITE_IOERR_FSTAT:
        return "stat failed";
    case SQLITE_IOERR_LOCK:
    case SQLITE_IOERR_RDLOCK:
    case SQLITE_IOERR_UNLOCK:
        return "file locking failed";
    case SQLITE_IOERR_SHMOPEN:
    case SQLITE_IOERR_SHMSIZE:
    case SQLITE_IOERR_SHMMAP:
        return "shared-memory (-shm) file failed";
    case SQLITE_IOERR_DELETE:
        return "delete failed";
    default:
        return NULL;
    }
}

/* Records SQLite's reason with what we were doing, plus the operation and
 * errno when there is one. Must run before any ROLLBACK, which resets
 * errmsg. */
static int fail_db(store_t *st, const char *what)
{
    int code = sqlite3_extended_errcode(st->db);
    int prim = code & 0xff;
    int sys = sqlite3_system_errno(st->db);
    const char *detail = prim == SQLITE_IOERR ? ioerr_detail(code) : NULL;
    if (!(prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN || prim == SQLITE_FULL))
        sys = 0;
    if (detail && sys)
        set_msg(st, "%s: %s (%s: %s)", what, sqlite3_errmsg(st->db), detail, strerror(sys));
    else if (detail || sys)
        set_msg(st, "%s: %s (%s)", what, sqlite3_errmsg(st->db), detail ? detail : strerror(sys));
    else
        set_msg(st, "%s: %s", what, sqlite3_errmsg(st->db));
    return STORE_ERROR;
}

static int refuse(store_t *st, rules_result_t r)
{
    set_msg(st, "%s", rules_result_text(r, 1));
    return (int)r;
}

static int fail_readonly(store_t *st, const char *what)
{
    set_msg(st, "%s: %s was opened read-only", what, st->name);
    return STORE_ERROR;
}

/* ---- Statement helpers -------------------------------------------------------
 *
 * Parameters are bound from a type string: 's' text (NULL binds NULL), 'i'
 * int, 'l' long long. User values only ever travel as bound parameters. */

static int bind_va(sqlite3_stmt *s, const char *types, va_list ap)
{
    for (int i = 0; types && types[i]; i++) {
        int rc;
        if (types[i] == 's') {
            const char *v = va_arg(ap, const char *);
            /* STATIC: the caller's buffer outlives the statement's use, and
             * SQLite then keeps no unwiped copy of a phone number. */
            rc =
                v ? sqlite3_bind_text(s, i + 1, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i + 1);
        } else if (types[i] == 'i') {
            rc = sqlite3_bind_int(s, i + 1, va_arg(ap, int));
        } else {
            rc = sqlite3_bind_int64(s, i + 1, va_arg(ap, long long));
        }
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

/* The end of a row loop: rc is the last sqlite3_step result (SQLITE_DONE,
 * or DONE forced by a callback that stopped early). The error is taken
 * while the statement still holds it, then the statement is finalized. */
static int finish_rows(store_t *st, const char *what, sqlite3_stmt *s, int rc)
{
    if (rc != SQLITE_DONE)
        fail_db(st, what);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* With keep, the statement comes from the cache when it holds one for sql
 * (it is taken out while in use, so nested calls get their own) and goes
 * back with release(); otherwise the caller finalizes it. */
static sqlite3_stmt *prepare_va(store_t *st, const char *what, int keep, const char *sql,
                                const char *types, va_list ap)
{
    sqlite3_stmt *s = NULL;
    for (int i = 0; keep && !s && i < STMT_CACHE; i++) {
        if (st->cache[i] && strcmp(sqlite3_sql(st->cache[i]), sql) == 0) {
            s = st->cache[i];
            st->cache[i] = NULL;
        }
    }
    if (!s && sqlite3_prepare_v3(st->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &s, NULL) !=
                  SQLITE_OK) {
        fail_db(st, what);
        return NULL;
    }
    if (bind_va(s, types, ap) != SQLITE_OK) {
        fail_db(st, what);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

static sqlite3_stmt *prepare(store_t *st, const char *what, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = prepare_va(st, what, 0, sql, types, ap);
    va_end(ap);
    return s;
}

/* Back into the cache (reset, values unbound); when it is full, in place
 * of the statement kept longest, so a catalog import's many statements do
 * not keep the booking's out for good. */
static void release(store_t *st, sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    for (int i = 0; i < STMT_CACHE; i++) {
        if (!st->cache[i]) {
            st->cache[i] = s;
            return;
        }
    }
    sqlite3_finalize(st->cache[st->evict]);
    st->cache[st->evict] = s;
    st->evict = (st->evict + 1) % STMT_CACHE;
}

/* Runs a statement without result rows. Returns the rows changed, or -1. */
static int exec_args(store_t *st, const char *what, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = prepare_va(st, what, 1, sql, types, ap);
    va_end(ap);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fail_db(st, what);
        release(st, s);
        return -1;
    }
    release(st, s);
    return sqlite3_changes(st->db);
}

/* First column of the first row as an integer: 1 with *out set, 0 for no
 * row, -1 on error. */
static int query_int(store_t *st, const char *what, long long *out, const char *sql,
                     const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = prepare_va(st, what, 1, sql, types, ap);
    va_end(ap);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    int ret = 0;
    if (rc == SQLITE_ROW) {
        if (out)
            *out = sqlite3_column_int64(s, 0);
        ret = 1;
    } else if (rc != SQLITE_DONE) {
        ret = fail_db(st, what);
    }
    release(st, s);
    return ret;
}

/* The same for text: 1 with a malloc'd copy in *out (caller frees), 0 for no row, -1. */
static int query_text(store_t *st, const char *what, char **out, const char *sql, const char *types,
                      ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = prepare_va(st, what, 1, sql, types, ap);
    va_end(ap);
    *out = NULL;
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    int ret = 0;
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        *out = strdup(v ? v : "");
        if (!*out) {
            set_msg(st, "%s: out of memory", what);
            ret = -1;
        } else {
            ret = 1;
        }
    } else if (rc != SQLITE_DONE) {
        ret = fail_db(st, what);
    }
    release(st, s);
    return ret;
}

static int exec_sql(store_t *st, const char *what, const char *sql)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(st, what);
    return STORE_OK;
}

/* Every write starts IMMEDIATE: taking the write lock up front means a
 * transaction never has to upgrade a read lock, which is what turns a busy
 * reader into SQLITE_BUSY in the middle of a booking. */
static int begin_write(store_t *st, const char *what)
{
    return exec_sql(st, what, "BEGIN IMMEDIATE");
}

static int commit(store_t *st, const char *what)
{
    return exec_sql(st, what, "COMMIT");
}

/* Leaves st->msg alone: the caller has already recorded why. SQLite may
 * have rolled back on its own (I/O error, full disk), hence the check. */
static void rollback(store_t *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Copies a text column into a fixed buffer, cutting at a UTF-8 character
 * boundary so a long Chinese name never ends in half a character. */
static void copy_col(char *dst, size_t size, sqlite3_stmt *s, int col)
{
    const char *src = (const char *)sqlite3_column_text(s, col);
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

static void today_of(long long now, dt_date_t *d)
{
    int m;
    dt_from_stamp(now, d, &m);
}

/* ---- Open, migrate, close ---------------------------------------------------- */

static int user_version(store_t *st, int *out)
{
    long long v = 0;
    int rc = query_int(st, "schema version", &v, "PRAGMA user_version", NULL);
    if (rc < 0)
        return STORE_ERROR;
    *out = (int)v;
    return STORE_OK;
}

static int refuse_version(store_t *st, int v)
{
    set_msg(st,
            "%s: schema version %d is newer than this build knows (%d); "
            "it was written by newer firmware, update this one",
            st->name, v, STORE_SCHEMA_VERSION);
    return STORE_ERROR;
}

static int migrate(store_t *st, int create)
{
    int v;
    if (begin_write(st, st->name) || user_version(st, &v))
        goto fail;
    if (v > STORE_SCHEMA_VERSION) {
        refuse_version(st, v);
        goto fail;
    }
    if (v == 0) {
        long long n = 0;
        if (query_int(st, st->name, &n, "SELECT count(*) FROM sqlite_schema", NULL) < 0)
            goto fail;
        if (n > 0) {
            set_msg(st, "%s: not a kiosk database (it has tables but no schema version)", st->name);
            goto fail;
        }
        if (!create) {
            set_msg(st, "%s: the database is empty (no kiosk schema)", st->name);
            goto fail;
        }
    }
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++) {
        const struct migration *m = &migrations[i];
        if (m->version <= v)
            continue;
        char what[320];
        snprintf(what, sizeof what, "%s: migrating to schema version %d", st->name, m->version);
        /* PRAGMA takes no parameters; the version is our own constant. */
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if (exec_sql(st, what, m->sql) || (m->fn && m->fn(st)) || exec_sql(st, what, pragma))
            goto fail;
    }
    if (commit(st, st->name))
        goto fail;
    return STORE_OK;
fail:
    rollback(st);
    return STORE_ERROR;
}

/* Read-write connections: WAL so that staff can read while the kiosk
 * writes, FULL so that a confirmed booking survives a power cut (one fsync
 * of the WAL per commit), foreign keys because they are off by default. */
static int set_pragmas(store_t *st)
{
    sqlite3_stmt *s = prepare(st, st->name, "PRAGMA journal_mode = WAL", NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        fail_db(st, st->name);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    const char *mode = (const char *)sqlite3_column_text(s, 0);
    /* A memory store has no file to log beside: its journal stays in memory. */
    int wal = mode && strcmp(mode, st->memory ? "memory" : "wal") == 0;
    if (!wal)
        set_msg(st, "%s: cannot switch to WAL (journal mode stays %s)", st->name,
                mode ? mode : "?");
    sqlite3_finalize(s);
    if (!wal)
        return STORE_ERROR;
    return exec_sql(st, st->name, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
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
        set_msg(st, "no database path given");
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
            o += (size_t)(strchr("%?#", *p) ? snprintf(uri + o, sizeof uri - o, "%%%02X",
                                                          (unsigned char)*p)
                                               : snprintf(uri + o, sizeof uri - o, "%c", *p));
        snprintf(uri + o, sizeof uri - o, "?immutable=1");
        path = uri;
        oflags |= SQLITE_OPEN_URI;
    }
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        if (!st->db) {
            set_msg(st, "%s: out of memory", st->name);
            return STORE_ERROR;
        }
        int sys = sqlite3_system_errno(st->db);
        if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_READONLY || sys == EROFS ||
            sys == EACCES || sys == EPERM)
            st->failure = STORE_FAIL_READONLY;
        return fail_db(st, st->name);
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);

    /* The first read is where a file that is no database shows itself. */
    int v;
    if (user_version(st, &v)) {
        int prim = sqlite3_extended_errcode(st->db) & 0xff;
        if (prim == SQLITE_NOTADB)
            set_msg(st, "%s: not a SQLite database (%s)", st->name, sqlite3_errmsg(st->db));
        if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT)
            st->failure = STORE_FAIL_CORRUPT;
        else if (prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN)
            st->failure = STORE_FAIL_READONLY; /* e.g. no room for the WAL index */
        return STORE_ERROR;
    }
    if (v > STORE_SCHEMA_VERSION)
        return refuse_version(st, v);

    if (st->readonly) {
        if (v == 0) {
            set_msg(st, "%s: not a kiosk database (no schema)", st->name);
            return STORE_ERROR;
        }
        if (v < STORE_SCHEMA_VERSION) {
            set_msg(st,
                    "%s: schema version %d is older than this build's %d; "
                    "open it read-write once to migrate it",
                    st->name, v, STORE_SCHEMA_VERSION);
            return STORE_ERROR;
        }
        if (exec_sql(st, st->name, "PRAGMA query_only = ON"))
            return STORE_ERROR;
        st->failure = STORE_FAIL_NONE;
        return STORE_OK;
    }
    /* SQLite quietly falls back to read-only for a write-protected file;
     * better to say so now than at the first booking. */
    if (sqlite3_db_readonly(st->db, "main") == 1) {
        set_msg(st, "%s: the file or its disk is read-only; the kiosk cannot book into it",
                st->name);
        st->failure = STORE_FAIL_READONLY;
        return STORE_ERROR;
    }
    int rc = set_pragmas(st);
    /* An up-to-date file is the common case; opening it takes no write
     * lock, so kioskctl listing bookings never waits for the kiosk. */
    if (rc == STORE_OK && v != STORE_SCHEMA_VERSION)
        rc = migrate(st, (flags & STORE_OPEN_CREATE) != 0);
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

/* ---- Catalog import and sessions --------------------------------------------- */

static const char *text_zh(const catalog_text_t *t)
{
    const char *s = catalog_str(t, 0);
    return s ? s : "";
}

static const char *text_en(const catalog_text_t *t)
{
    const char *s = catalog_str(t, 1);
    return s ? s : "";
}

/* Returns 1 when the value changed, 0 when it was already so, or -1. */
static int set_meta(store_t *st, const char *what, const char *key, const char *value)
{
    return exec_args(st, what,
                     "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                     " WHERE value IS NOT excluded.value",
                     "ss", key, value);
}

typedef struct idlist {
    char **v;
    size_t n, cap;
} idlist_t;

static void idlist_free(idlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Reads a whole id column first: changing rows of the table a SELECT is
 * still walking is not something to rely on. */
static int collect_ids(store_t *st, const char *what, idlist_t *l, const char *sql,
                       const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = prepare_va(st, what, 0, sql, types, ap);
    va_end(ap);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 32;
            char **v = realloc(l->v, cap * sizeof *v);
            if (!v)
                goto oom;
            l->v = v;
            l->cap = cap;
        }
        const char *id = (const char *)sqlite3_column_text(s, 0);
        if (!(l->v[l->n] = strdup(id ? id : "")))
            goto oom;
        l->n++;
    }
    return finish_rows(st, what, s, rc);
oom:
    set_msg(st, "%s: out of memory", what);
    sqlite3_finalize(s);
    return STORE_ERROR;
}

/* Marks the rows of table that cat no longer has inactive; they stay, since
 * sessions and bookings point at them. */
static int deactivate_missing(store_t *st, const catalog_t *cat, int services)
{
    const char *what = "import catalog";
    idlist_t ids = {0};
    if (collect_ids(st, what, &ids,
                    services ? "SELECT id FROM services WHERE active = 1"
                             : "SELECT id FROM categories WHERE active = 1",
                    NULL))
        return STORE_ERROR;
    int ret = STORE_OK;
    for (size_t i = 0; i < ids.n && ret == STORE_OK; i++) {
        int present = services ? catalog_find_service(cat, ids.v[i]) != NULL
                               : catalog_find_category(cat, ids.v[i]) != NULL;
        if (present)
            continue;
        if (exec_args(st, what,
                      services ? "UPDATE services SET active = 0 WHERE id = ?1"
                               : "UPDATE categories SET active = 0 WHERE id = ?1",
                      "s", ids.v[i]) < 0)
            ret = STORE_ERROR;
    }
    idlist_free(&ids);
    return ret;
}

static int upsert_catalog(store_t *st, const catalog_t *cat)
{
    const char *what = "import catalog";
    for (int i = 0; i < cat->n_categories; i++) {
        const catalog_category_t *c = &cat->categories[i];
        if (exec_args(st, what,
                      "INSERT INTO categories (id, name_zh, name_en, sort, active)"
                      " VALUES (?1, ?2, ?3, ?4, 1)"
                      " ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh,"
                      " name_en = excluded.name_en, sort = excluded.sort, active = 1"
                      " WHERE name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en"
                      " OR sort IS NOT excluded.sort OR active IS NOT 1",
                      "sssi", c->id, text_zh(&c->name), text_en(&c->name), i) < 0)
            return STORE_ERROR;
    }
    if (deactivate_missing(st, cat, 0))
        return STORE_ERROR;
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *v = &cat->services[i];
        if (v->category < 0 || v->category >= cat->n_categories) {
            set_msg(st, "%s: service %s has no category", what, v->id);
            return STORE_ERROR;
        }
        if (exec_args(st, what,
                      "INSERT INTO services (id, category_id, name_zh, name_en, location_zh,"
                      " duration, sort, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)"
                      " ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id,"
                      " name_zh = excluded.name_zh, name_en = excluded.name_en,"
                      " location_zh = excluded.location_zh, duration = excluded.duration,"
                      " sort = excluded.sort, active = 1"
                      " WHERE category_id IS NOT excluded.category_id"
                      " OR name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en"
                      " OR location_zh IS NOT excluded.location_zh"
                      " OR duration IS NOT excluded.duration OR sort IS NOT excluded.sort"
                      " OR active IS NOT 1",
                      "sssssii", v->id, cat->categories[v->category].id, text_zh(&v->name),
                      text_en(&v->name), text_zh(&v->location), v->duration, i) < 0)
            return STORE_ERROR;
    }
    return deactivate_missing(st, cat, 1);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Inserts the sessions cat produces on [from, from + days) and brings the
 * existing ones to what it says now: end and capacity follow the catalog
 * (bookings already over a lowered capacity stay, nobody is bumped), and a
 * withdrawn session the catalog produces again reopens, while one that staff
 * closed stays closed. The WHERE keeps an unchanged row untouched, so
 * importing the same catalog twice writes nothing. When produced is not
 * NULL it receives the generated ids, sorted. */
static int upsert_sessions(store_t *st, const char *what, const catalog_t *cat, dt_date_t from,
                           int days, idlist_t *produced)
{
    sched_session_t *gen = NULL;
    int n = sched_generate(cat, from, days, &gen);
    if (n < 0) {
        set_msg(st, "%s: out of memory generating sessions", what);
        return STORE_ERROR;
    }
    int ret = STORE_OK;
    if (produced && n > 0) {
        produced->v = calloc((size_t)n, sizeof *produced->v);
        if (!produced->v) {
            set_msg(st, "%s: out of memory", what);
            ret = STORE_ERROR;
        } else {
            produced->cap = (size_t)n;
        }
    }
    for (int i = 0; i < n && ret == STORE_OK; i++) {
        const sched_session_t *g = &gen[i];
        char date[11], start[6], end[6];
        dt_format_date(g->date, date);
        dt_format_hhmm(g->start, start);
        dt_format_hhmm(g->end, end);
        if (exec_args(st, what,
                      "INSERT INTO sessions (id, service_id, date, start, end, capacity, state)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open')"
                      " ON CONFLICT (id) DO UPDATE SET end = excluded.end,"
                      " capacity = excluded.capacity,"
                      " state = CASE state WHEN 'withdrawn' THEN 'open' ELSE state END"
                      " WHERE end IS NOT excluded.end OR capacity IS NOT excluded.capacity"
                      " OR state = 'withdrawn'",
                      "sssssi", g->id, cat->services[g->service].id, date, start, end,
                      g->capacity) < 0) {
            ret = STORE_ERROR;
            break;
        }
        if (produced) {
            if (!(produced->v[produced->n] = strdup(g->id))) {
                set_msg(st, "%s: out of memory", what);
                ret = STORE_ERROR;
                break;
            }
            produced->n++;
        }
    }
    free(gen);
    if (ret == STORE_OK && produced && produced->n > 1)
        qsort(produced->v, produced->n, sizeof *produced->v, cmp_str);
    return ret;
}

/* Sessions not started yet, within the horizon just generated, that the new
 * catalog does not produce: a session nobody booked simply goes; one with
 * bookings stays, withdrawn, so that its bookings keep their session (and
 * staff can call the people). Sessions beyond this horizon are left alone:
 * an import with a shorter horizon (kioskctl without the kiosk's config)
 * must not take away days the kiosk already offers. */
static int withdraw_missing(store_t *st, const char *what, const idlist_t *produced,
                            const char *now_text, const char *until)
{
    idlist_t ids = {0};
    if (collect_ids(st, what, &ids,
                    "SELECT id FROM sessions WHERE date || ' ' || start > ?1"
                    " AND date < ?2 AND state <> 'withdrawn'",
                    "ss", now_text, until))
        return STORE_ERROR;
    int ret = STORE_OK;
    for (size_t i = 0; i < ids.n && ret == STORE_OK; i++) {
        if (produced->n &&
            bsearch(&ids.v[i], produced->v, produced->n, sizeof *produced->v, cmp_str))
            continue;
        long long n = 0;
        if (query_int(st, what, &n, "SELECT count(*) FROM bookings WHERE session_id = ?1", "s",
                      ids.v[i]) < 0 ||
            exec_args(st, what,
                      n ? "UPDATE sessions SET state = 'withdrawn' WHERE id = ?1"
                        : "DELETE FROM sessions WHERE id = ?1",
                      "s", ids.v[i]) < 0)
            ret = STORE_ERROR;
    }
    idlist_free(&ids);
    return ret;
}

static int check_horizon(store_t *st, const char *what, const rules_t *rules)
{
    if (!rules || rules->horizon_days < 1 || rules->horizon_days > 366) {
        set_msg(st, "%s: booking horizon must be 1..366 days", what);
        return STORE_ERROR;
    }
    return STORE_OK;
}

int store_import_catalog(store_t *st, const catalog_t *cat, const char *source_text,
                         const char *source_name, long long now, const rules_t *rules)
{
    const char *what = "import catalog";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    if (!cat || !source_text) {
        set_msg(st, "%s: no catalog given", what);
        return STORE_ERROR;
    }
    if (check_horizon(st, what, rules))
        return STORE_ERROR;

    dt_date_t today;
    today_of(now, &today);
    char now_text[17], until[11];
    dt_format_stamp(now, now_text);
    dt_format_date(dt_from_days(dt_days(today) + rules->horizon_days), until);

    idlist_t produced = {0};
    int changed;
    if (begin_write(st, what) || upsert_catalog(st, cat))
        goto fail;
    if ((changed = set_meta(st, what, "catalog_source", source_text)) < 0 ||
        set_meta(st, what, "catalog_name", source_name ? source_name : "") < 0 ||
        set_meta(st, what, "station_id", cat->station_id ? cat->station_id : "") < 0 ||
        set_meta(st, what, "station_name", text_zh(&cat->station_name)) < 0 ||
        set_meta(st, what, "sessions_until", until) < 0)
        goto fail;
    /* When the text is the one already imported, this is a re-import that
     * changes nothing, and the date says when the text came. */
    if (changed && set_meta(st, what, "catalog_imported_at", now_text) < 0)
        goto fail;
    if (upsert_sessions(st, what, cat, today, rules->horizon_days, &produced) ||
        withdraw_missing(st, what, &produced, now_text, until) || commit(st, what))
        goto fail;
    idlist_free(&produced);
    return STORE_OK;
fail:
    rollback(st);
    idlist_free(&produced);
    return STORE_ERROR;
}

/* Parses the stored catalog source: 1 with *out, 0 when none was imported, -1. */
static int parse_stored(store_t *st, const char *what, catalog_t **out)
{
    char *text = NULL, *name = NULL;
    *out = NULL;
    int rc =
        query_text(st, what, &text, "SELECT value FROM meta WHERE key = 'catalog_source'", NULL);
    if (rc <= 0)
        return rc;
    if (query_text(st, what, &name, "SELECT value FROM meta WHERE key = 'catalog_name'", NULL) <
        0) {
        free(text);
        return -1;
    }
    char err[256];
    const char *fname = name && *name ? name : "stored catalog";
    if (catalog_parse(text, strlen(text), fname, out, err, sizeof err) != 0) {
        /* Only a firmware whose parser got stricter gets here: the text
         * parsed when it was imported. */
        set_msg(st, "%s: the stored catalog no longer parses (%s); import it again", what, err);
        *out = NULL;
        rc = -1;
    } else {
        rc = 1;
    }
    free(text);
    free(name);
    return rc;
}

int store_load_catalog(store_t *st, catalog_t **out)
{
    *out = NULL;
    if (!st)
        return STORE_ERROR;
    return parse_stored(st, "load catalog", out) < 0 ? STORE_ERROR : STORE_OK;
}

/* 1 when sessions already reach want (or there is no catalog to make them
 * from), 0 when a refresh has work to do, -1 on error. */
static int sessions_reach(store_t *st, const char *what, dt_date_t want)
{
    char *until = NULL;
    int rc =
        query_text(st, what, &until, "SELECT value FROM meta WHERE key = 'sessions_until'", NULL);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        long long any = 0;
        rc = query_int(st, what, &any, "SELECT 1 FROM meta WHERE key = 'catalog_source'", NULL);
        return rc < 0 ? -1 : !rc;
    }
    dt_date_t d;
    int ok = dt_parse_date(until, &d) == 0 && dt_days(d) >= dt_days(want);
    free(until);
    return ok;
}

int store_refresh_sessions(store_t *st, long long now, const rules_t *rules)
{
    const char *what = "refresh sessions";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return STORE_OK;
    if (check_horizon(st, what, rules))
        return STORE_ERROR;
    dt_date_t today;
    today_of(now, &today);
    dt_date_t want = dt_from_days(dt_days(today) + rules->horizon_days);

    /* The common case, many times a day: one read, no write lock. */
    int rc = sessions_reach(st, what, want);
    if (rc != 0)
        return rc < 0 ? STORE_ERROR : STORE_OK;

    catalog_t *cat = NULL;
    char until[11];
    dt_format_date(want, until);
    if (begin_write(st, what))
        return STORE_ERROR;
    /* Again under the lock: another process may have refreshed meanwhile. */
    rc = sessions_reach(st, what, want);
    if (rc < 0)
        goto fail;
    if (rc == 1) {
        rollback(st);
        return STORE_OK;
    }
    rc = parse_stored(st, what, &cat);
    if (rc < 0)
        goto fail;
    if (rc == 1 && upsert_sessions(st, what, cat, today, rules->horizon_days, NULL))
        goto fail;
    if (set_meta(st, what, "sessions_until", until) < 0 || commit(st, what))
        goto fail;
    catalog_destroy(cat);
    return STORE_OK;
fail:
    rollback(st);
    catalog_destroy(cat);
    return STORE_ERROR;
}

/* ---- Bookings ---------------------------------------------------------------- */

/* The outbox row of an event of one booking, inside the caller's write
 * transaction, after the change: it records the booking as it is now. */
static int outbox_add(store_t *st, const char *what, const char *kind, const char *ticket,
                      const char *now_text)
{
    int n = exec_args(st, what,
                      "INSERT INTO outbox (" OUTBOX_COLS ") SELECT ?1, ?2, b.status," OUTBOX_SELECT
                      " WHERE b.ticket = ?3",
                      "sss", kind, now_text, ticket);
    if (n == 1)
        return STORE_OK;
    if (n == 0)
        set_msg(st, "%s: booking %s has no session or service for the outbox", what, ticket);
    return STORE_ERROR;
}

int store_book(store_t *st, const char *session_id, const char *phone, int party, long long now,
               const rules_t *rules, store_codegen_fn gen, void *gen_ctx,
               char ticket[STORE_TICKET_LEN + 1])
{
    const char *what = "book";
    if (!st)
        return STORE_ERROR;
    ticket[0] = '\0';
    if (!rules || !gen) {
        set_msg(st, "%s: no rules or ticket generator given", what);
        return STORE_ERROR;
    }
    if (st->readonly)
        return fail_readonly(st, what);
    /* These two need no database; their place in the order is the same. */
    if (!rules_phone_valid(phone))
        return refuse(st, RULES_BAD_PHONE);
    /* 9 is the schema's CHECK, whatever the configuration says. */
    if (party < 1 || party > rules->max_party || party > 9)
        return refuse(st, RULES_BAD_PARTY);
    if (!session_id)
        return refuse(st, RULES_NO_SESSION);

    char now_text[17];
    dt_format_stamp(now, now_text);
    if (begin_write(st, what))
        return STORE_ERROR;

    int result = STORE_OK;
    sqlite3_stmt *s =
        prepare(st, what, "SELECT date, start, capacity, state FROM sessions WHERE id = ?1", "s",
                session_id);
    if (!s)
        goto fail;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE) {
            fail_db(st, what);
            sqlite3_finalize(s);
            goto fail;
        }
        sqlite3_finalize(s);
        result = RULES_NO_SESSION;
        goto refused;
    }
    dt_date_t date;
    int start_min;
    char date_text[11], start_text[6];
    copy_col(date_text, sizeof date_text, s, 0);
    copy_col(start_text, sizeof start_text, s, 1);
    int capacity = sqlite3_column_int(s, 2);
    const char *state = (const char *)sqlite3_column_text(s, 3);
    int open = state && strcmp(state, "open") == 0;
    sqlite3_finalize(s);
    if (dt_parse_date(date_text, &date) || dt_parse_hhmm(start_text, &start_min)) {
        set_msg(st, "%s: session %s has a malformed date or time", what, session_id);
        goto fail;
    }
    if (!open) {
        result = RULES_CLOSED;
        goto refused;
    }
    if (dt_stamp(date, start_min) - now < rules->cutoff_minutes) {
        result = RULES_TOO_LATE;
        goto refused;
    }

    long long n = 0;
    rc = query_int(st, what, &n,
                   "SELECT count(*) FROM bookings WHERE session_id = ?1 AND phone = ?2"
                   " AND status IN ('booked', 'checked_in')",
                   "ss", session_id, phone);
    if (rc < 0)
        goto fail;
    if (n > 0) {
        result = RULES_DUPLICATE;
        goto refused;
    }
    /* Only what lies ahead counts: last week's visit does not stop anyone
     * from booking the next one. */
    rc = query_int(st, what, &n,
                   "SELECT count(*) FROM bookings b JOIN sessions s ON s.id = b.session_id"
                   " WHERE b.phone = ?1 AND b.status IN ('booked', 'checked_in')"
                   " AND s.date || ' ' || s.start > ?2",
                   "ss", phone, now_text);
    if (rc < 0)
        goto fail;
    if (n >= rules->max_active_per_phone) {
        result = RULES_LIMIT;
        goto refused;
    }
    rc = query_int(st, what, &n,
                   "SELECT COALESCE(SUM(party), 0) FROM bookings WHERE session_id = ?1"
                   " AND status IN ('booked', 'checked_in')",
                   "s", session_id);
    if (rc < 0)
        goto fail;
    if (n + party > capacity) {
        result = RULES_FULL;
        goto refused;
    }

    char code[STORE_TICKET_LEN + 1];
    int tries;
    for (tries = 0; tries < TICKET_TRIES; tries++) {
        memset(code, 0, sizeof code);
        if (gen(gen_ctx, code) != 0) {
            set_msg(st, "%s: the ticket code generator failed", what);
            goto fail;
        }
        if (strnlen(code, sizeof code) != STORE_TICKET_LEN) {
            set_msg(st, "%s: the ticket code generator gave a code of the wrong length", what);
            goto fail;
        }
        rc = query_int(st, what, NULL, "SELECT 1 FROM bookings WHERE ticket = ?1", "s", code);
        if (rc < 0)
            goto fail;
        if (rc == 0)
            break;
    }
    if (tries == TICKET_TRIES) {
        set_msg(st, "%s: no unused ticket code after %d tries", what, TICKET_TRIES);
        goto fail;
    }
    if (exec_args(st, what,
                  "INSERT INTO bookings (ticket, session_id, phone, party, status, created_at,"
                  " updated_at) VALUES (?1, ?2, ?3, ?4, 'booked', ?5, ?5)",
                  "sssis", code, session_id, phone, party, now_text) < 0 ||
        outbox_add(st, what, "created", code, now_text))
        goto fail;
    /* With synchronous=FULL the WAL is on the disk when COMMIT returns. */
    if (commit(st, what))
        goto fail;
    memcpy(ticket, code, sizeof code);
    set_msg(st, "%s", "");
    return STORE_OK;
refused:
    rollback(st);
    return refuse(st, (rules_result_t)result);
fail:
    rollback(st);
    return STORE_ERROR;
}

/* booked -> to, the only transitions the kiosk and kioskctl make. */
static int transition(store_t *st, const char *what, const char *ticket, long long now,
                      const char *to)
{
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    if (!ticket)
        return refuse(st, RULES_NOT_FOUND);
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (begin_write(st, what))
        return STORE_ERROR;
    int n = exec_args(st, what,
                      "UPDATE bookings SET status = ?2, updated_at = ?3"
                      " WHERE ticket = ?1 AND status = 'booked'",
                      "sss", ticket, to, now_text);
    if (n < 0)
        goto fail;
    if (n == 0) {
        int rc = query_int(st, what, NULL, "SELECT 1 FROM bookings WHERE ticket = ?1", "s", ticket);
        if (rc < 0)
            goto fail;
        rollback(st);
        return refuse(st, rc ? RULES_BAD_STATE : RULES_NOT_FOUND);
    }
    if (outbox_add(st, what, to, ticket, now_text) || commit(st, what))
        goto fail;
    set_msg(st, "%s", "");
    return STORE_OK;
fail:
    rollback(st);
    return STORE_ERROR;
}

int store_checkin(store_t *st, const char *ticket, long long now)
{
    return transition(st, "check in", ticket, now, "checked_in");
}

int store_cancel(store_t *st, const char *ticket, long long now)
{
    return transition(st, "cancel", ticket, now, "cancelled");
}

int store_no_show(store_t *st, const char *ticket, long long now)
{
    return transition(st, "no-show", ticket, now, "no_show");
}

/* ---- Staff queries ------------------------------------------------------------
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
    copy_col(r->session_id, sizeof r->session_id, s, 0);
    copy_col(r->service_id, sizeof r->service_id, s, 1);
    copy_col(r->category_id, sizeof r->category_id, s, 2);
    copy_col(r->service_name, sizeof r->service_name, s, 3);
    copy_col(r->date, sizeof r->date, s, 4);
    copy_col(r->start, sizeof r->start, s, 5);
    copy_col(r->end, sizeof r->end, s, 6);
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
        set_msg(st, "%s: query too long", what);
        return STORE_ERROR;
    }
    sqlite3_stmt *s = prepare(st, what, sql, NULL);
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
    return finish_rows(st, what, s, rc);
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
        set_msg(st, "%s: query too long", what);
        return STORE_ERROR;
    }
    sqlite3_stmt *s = prepare(st, what, sql, NULL);
    if (!s)
        return STORE_ERROR;
    for (int i = 0; i < nargs; i++)
        sqlite3_bind_text(s, i + 1, args[i], -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_booking_row_t r;
        memset(&r, 0, sizeof r);
        copy_col(r.ticket, sizeof r.ticket, s, 0);
        copy_col(r.session_id, sizeof r.session_id, s, 1);
        copy_col(r.service_id, sizeof r.service_id, s, 2);
        copy_col(r.service_name, sizeof r.service_name, s, 3);
        copy_col(r.date, sizeof r.date, s, 4);
        copy_col(r.start, sizeof r.start, s, 5);
        copy_col(r.phone, sizeof r.phone, s, 6);
        r.party = sqlite3_column_int(s, 7);
        copy_col(r.status, sizeof r.status, s, 8);
        copy_col(r.created_at, sizeof r.created_at, s, 9);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish_rows(st, what, s, rc);
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
        return refuse(st, RULES_NOT_FOUND);
    store_booking_filter_t f = {.ticket = ticket};
    struct first_booking fb = {row, 0};
    if (store_bookings(st, &f, take_first, &fb))
        return STORE_ERROR;
    return fb.found ? STORE_OK : refuse(st, RULES_NOT_FOUND);
}

/* ---- Staff, login throttle, audit ---------------------------------------------- */

#define STAFF_NAME_BYTES 32
/* Failed logins in a row before a lockout, and the longest lockout. */
#define AUTH_MAX_FAILURES 5
#define AUTH_MAX_LOCK_MINUTES 1440
/* A run this long in an audit detail could be a PIN or a phone number. */
#define AUDIT_DIGIT_RUN 6

/* Length of the UTF-8 sequence at p, or 0 when it is malformed (overlong,
 * surrogate, beyond U+10FFFF, cut short). */
static int utf8_len(const unsigned char *p, unsigned *cp)
{
    int n;
    unsigned c;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    } else if ((p[0] & 0xE0) == 0xC0) {
        n = 2;
        c = p[0] & 0x1F;
    } else if ((p[0] & 0xF0) == 0xE0) {
        n = 3;
        c = p[0] & 0x0F;
    } else if ((p[0] & 0xF8) == 0xF0) {
        n = 4;
        c = p[0] & 0x07;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

int store_staff_name_valid(const char *name)
{
    if (!name)
        return 0;
    size_t len = strlen(name);
    if (len < 1 || len > STAFF_NAME_BYTES)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        unsigned cp;
        int n = utf8_len(p, &cp);
        /* C0, DEL and C1 controls: a name is printed in tables and logs. */
        if (!n || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return 0;
        p += n;
    }
    return 1;
}

/* The store never sees a PIN; what reaches it must at least look like what
 * crypto_pwhash_str makes (the schema's CHECK says the same). */
static int hash_ok(const char *h)
{
    return h && strncmp(h, "$argon2", 7) == 0 &&
           strlen(h) < sizeof(((store_staff_row_t *)0)->pin_hash);
}

static int check_staff_args(store_t *st, const char *what, const char *name, const char *hash,
                            int need_hash)
{
    if (st->readonly)
        return fail_readonly(st, what);
    if (!store_staff_name_valid(name)) {
        set_msg(st, "%s: a staff name is 1..%d bytes of UTF-8 without control characters", what,
                STAFF_NAME_BYTES);
        return STORE_ERROR;
    }
    if (need_hash && !hash_ok(hash)) {
        set_msg(st, "%s: not a PIN hash (crypto_pwhash_str)", what);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Runs one write statement on a staff member (?1 name, ?2 hash, ?3 now,
 * the last two only when hash is given) in its own transaction: STORE_OK
 * when it changed a row, else RULES_NOT_FOUND. */
static int staff_write(store_t *st, const char *what, const char *sql, const char *name,
                       const char *hash, const char *now_text)
{
    if (begin_write(st, what))
        return STORE_ERROR;
    int n = exec_args(st, what, sql, hash ? "sss" : "s", name, hash, now_text);
    if (n < 0 || (n > 0 && commit(st, what))) {
        rollback(st);
        return STORE_ERROR;
    }
    if (n == 0) {
        rollback(st);
        return refuse(st, RULES_NOT_FOUND);
    }
    set_msg(st, "%s", "");
    return STORE_OK;
}

int store_staff_add(store_t *st, const char *name, const char *pin_hash, long long now)
{
    const char *what = "staff add";
    if (!st)
        return STORE_ERROR;
    if (check_staff_args(st, what, name, pin_hash, 1))
        return STORE_ERROR;
    char now_text[17];
    dt_format_stamp(now, now_text);
    int rc = staff_write(st, what,
                         "INSERT INTO staff (name, pin_hash, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?3) ON CONFLICT (name) DO NOTHING",
                         name, pin_hash, now_text);
    /* Nothing inserted: the name is taken. */
    return rc == RULES_NOT_FOUND ? refuse(st, RULES_DUPLICATE) : rc;
}

int store_staff_set_hash(store_t *st, const char *name, const char *pin_hash, long long now)
{
    const char *what = "staff passwd";
    if (!st)
        return STORE_ERROR;
    if (check_staff_args(st, what, name, pin_hash, 1))
        return STORE_ERROR;
    char now_text[17];
    dt_format_stamp(now, now_text);
    return staff_write(st, what, "UPDATE staff SET pin_hash = ?2, updated_at = ?3 WHERE name = ?1",
                       name, pin_hash, now_text);
}

int store_staff_remove(store_t *st, const char *name, long long now)
{
    const char *what = "staff remove";
    (void)now; /* the caller's audit row carries the time */
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    if (!name)
        return refuse(st, RULES_NOT_FOUND);
    return staff_write(st, what, "DELETE FROM staff WHERE name = ?1", name, NULL, NULL);
}

static int staff_rows(store_t *st, int with_hash, store_staff_cb cb, void *ctx)
{
    const char *what = with_hash ? "staff hashes" : "staff list";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = prepare(st, what,
                              with_hash ? "SELECT name, created_at, updated_at, pin_hash FROM staff"
                                          " ORDER BY name"
                                        : "SELECT name, created_at, updated_at FROM staff"
                                          " ORDER BY name",
                              NULL);
    if (!s)
        return STORE_ERROR;
    store_staff_row_t r;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&r, 0, sizeof r);
        copy_col(r.name, sizeof r.name, s, 0);
        copy_col(r.created_at, sizeof r.created_at, s, 1);
        copy_col(r.updated_at, sizeof r.updated_at, s, 2);
        if (with_hash)
            copy_col(r.pin_hash, sizeof r.pin_hash, s, 3);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    /* A hash is enough to try every 6-digit PIN offline. */
    wipe_bytes(&r, sizeof r);
    return finish_rows(st, what, s, rc);
}

int store_staff_list(store_t *st, store_staff_cb cb, void *ctx)
{
    return staff_rows(st, 0, cb, ctx);
}

int store_staff_hashes(store_t *st, store_staff_cb cb, void *ctx)
{
    return staff_rows(st, 1, cb, ctx);
}

/* 1, 2, 4 ... minutes, at most a day; 1 << 11 already passes it. */
static long long lock_minutes(long long lockouts)
{
    if (lockouts >= 11)
        return AUTH_MAX_LOCK_MINUTES;
    long long m = 1LL << lockouts;
    return m < AUTH_MAX_LOCK_MINUTES ? m : AUTH_MAX_LOCK_MINUTES;
}

typedef struct auth_state {
    long long failures, lockouts, locked_until; /* locked_until: stamp, 0 when not locked */
} auth_state_t;

/* Inside the caller's write transaction. A row deleted from a shell comes
 * back fresh rather than breaking the login; so does an unreadable stamp. */
static int auth_read(store_t *st, const char *what, auth_state_t *a)
{
    memset(a, 0, sizeof *a);
    if (exec_args(st, what, "INSERT OR IGNORE INTO auth (id) VALUES (1)", NULL) < 0)
        return STORE_ERROR;
    sqlite3_stmt *s =
        prepare(st, what, "SELECT failures, lockouts, locked_until FROM auth WHERE id = 1", NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        fail_db(st, what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    a->failures = sqlite3_column_int64(s, 0);
    a->lockouts = sqlite3_column_int64(s, 1);
    const char *until = (const char *)sqlite3_column_text(s, 2);
    dt_date_t d;
    int m;
    if (until && dt_parse_datetime(until, &d, &m) == 0)
        a->locked_until = dt_stamp(d, m);
    sqlite3_finalize(s);
    return STORE_OK;
}

/* Starts the next lockout and writes the state. */
static int auth_lock(store_t *st, const char *what, auth_state_t *a, long long now)
{
    char until[17];
    a->locked_until = now + lock_minutes(a->lockouts);
    a->lockouts++;
    a->failures = 0;
    dt_format_stamp(a->locked_until, until);
    return exec_args(st, what,
                     "UPDATE auth SET failures = 0, lockouts = ?1, locked_until = ?2 WHERE id = 1",
                     "ls", a->lockouts, until) < 0
               ? STORE_ERROR
               : STORE_OK;
}

int store_auth_begin(store_t *st, long long now, long long *locked_until)
{
    const char *what = "login";
    if (locked_until)
        *locked_until = 0;
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    auth_state_t a;
    if (begin_write(st, what) || auth_read(st, what, &a))
        goto fail;
    int locked = 0;
    if (a.locked_until > now + AUTH_MAX_LOCK_MINUTES) {
        /* No lockout reaches this far: the clock was set back (a board
         * without a battery-backed clock booting before NTP). Without this
         * the kiosk would stay locked until the clock catches up. */
        char until[17];
        a.locked_until = now + AUTH_MAX_LOCK_MINUTES;
        dt_format_stamp(a.locked_until, until);
        if (exec_args(st, what, "UPDATE auth SET locked_until = ?1 WHERE id = 1", "s", until) < 0)
            goto fail;
    }
    if (a.locked_until > now) {
        locked = 1;
    } else if (a.failures >= AUTH_MAX_FAILURES) {
        /* Attempts counted here whose store_auth_end never ran: the power
         * was cut during the check. They are failures like any other, or
         * cutting the power before the verdict would never lock. */
        if (auth_lock(st, what, &a, now))
            goto fail;
        locked = 1;
    } else if (exec_args(st, what, "UPDATE auth SET failures = failures + 1 WHERE id = 1", NULL) <
               0) {
        goto fail;
    }
    /* synchronous = FULL: the count is on the disk before the PIN is checked. */
    if (commit(st, what))
        goto fail;
    if (locked) {
        if (locked_until)
            *locked_until = a.locked_until;
        return refuse(st, RULES_LOCKED);
    }
    set_msg(st, "%s", "");
    return STORE_OK;
fail:
    rollback(st);
    return STORE_ERROR;
}

int store_auth_end(store_t *st, int ok, long long now, long long *locked_until)
{
    const char *what = "login";
    if (locked_until)
        *locked_until = 0;
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    auth_state_t a;
    if (begin_write(st, what) || auth_read(st, what, &a))
        goto fail;
    if (ok) {
        if (exec_args(st, what,
                      "UPDATE auth SET failures = 0, lockouts = 0, locked_until = NULL"
                      " WHERE id = 1",
                      NULL) < 0)
            goto fail;
    } else if (a.failures >= AUTH_MAX_FAILURES && auth_lock(st, what, &a, now)) {
        goto fail;
    }
    if (commit(st, what))
        goto fail;
    if (!ok && locked_until && a.locked_until > now)
        *locked_until = a.locked_until;
    set_msg(st, "%s", "");
    return STORE_OK;
fail:
    rollback(st);
    return STORE_ERROR;
}

/* Copies detail into out (at most size - 1 bytes, cut at a character
 * boundary) with every run of AUDIT_DIGIT_RUN or more ASCII digits masked:
 * the audit log is read by many, and a PIN or a phone number must never
 * reach it, whatever a caller puts into the detail. */
static void audit_detail(char *out, size_t size, const char *detail)
{
    size_t n = strlen(detail);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)detail[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, detail, n);
    out[n] = '\0';
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && out[j] >= '0' && out[j] <= '9')
            j++;
        if (j - i >= AUDIT_DIGIT_RUN)
            memset(out + i, '*', j - i);
        i = j > i ? j : i + 1;
    }
}

/* Inside the caller's write transaction. */
static int audit_insert(store_t *st, const char *what, const char *staff, const char *action,
                        const char *ticket, const char *session_id, const char *detail,
                        const char *now_text)
{
    size_t alen = action ? strlen(action) : 0;
    int ok = alen > 0 && alen < sizeof(((store_audit_row_t *)0)->action);
    for (size_t i = 0; ok && i < alen; i++)
        ok = (action[i] >= 'a' && action[i] <= 'z') || action[i] == '_';
    if (!ok) {
        set_msg(st, "%s: an audit action is 1..31 of a-z and _", what);
        return STORE_ERROR;
    }
    char d[sizeof(((store_audit_row_t *)0)->detail)];
    if (detail)
        audit_detail(d, sizeof d, detail);
    return exec_args(st, what,
                     "INSERT INTO audit (at, staff, action, ticket, session_id, detail)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     "ssssss", now_text, staff ? staff : "", action, ticket, session_id,
                     detail ? d : NULL) < 0
               ? STORE_ERROR
               : STORE_OK;
}

int store_audit(store_t *st, const char *staff, const char *action, const char *ticket,
                const char *session_id, const char *detail, long long now)
{
    const char *what = "audit";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (begin_write(st, what) ||
        audit_insert(st, what, staff, action, ticket, session_id, detail, now_text) ||
        commit(st, what)) {
        rollback(st);
        return STORE_ERROR;
    }
    set_msg(st, "%s", "");
    return STORE_OK;
}

int store_audit_list(store_t *st, const char *date, store_audit_cb cb, void *ctx)
{
    const char *what = "audit";
    if (!st)
        return STORE_ERROR;
    /* "D HH:MM" sorts between "D" and "D~", so the index on at serves a day. */
    sqlite3_stmt *s = prepare(st, what,
                              date ? "SELECT id, at, staff, action, ticket, session_id, detail"
                                     " FROM audit WHERE at >= ?1 AND at < ?1 || '~'"
                                     " ORDER BY at, id"
                                   : "SELECT id, at, staff, action, ticket, session_id, detail"
                                     " FROM audit ORDER BY at, id",
                              date ? "s" : NULL, date);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_audit_row_t r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(s, 0);
        copy_col(r.at, sizeof r.at, s, 1);
        copy_col(r.staff, sizeof r.staff, s, 2);
        copy_col(r.action, sizeof r.action, s, 3);
        copy_col(r.ticket, sizeof r.ticket, s, 4);
        copy_col(r.session_id, sizeof r.session_id, s, 5);
        copy_col(r.detail, sizeof r.detail, s, 6);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish_rows(st, what, s, rc);
}

int store_staff_set_status(store_t *st, const char *staff, const char *ticket, rules_status_t to,
                           const char *reason, long long now)
{
    const char *what = "staff";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    const char *action = to == RULES_CHECKED_IN  ? "attended"
                         : to == RULES_NO_SHOW   ? "no_show"
                         : to == RULES_CANCELLED ? "cancel"
                                                 : NULL;
    if (!action) {
        set_msg(st, "%s: staff mark attended, no-show or cancelled only", what);
        return STORE_ERROR;
    }
    if (!staff || !*staff) {
        set_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    if (to == RULES_CANCELLED && (!reason || !*reason)) {
        set_msg(st, "%s: a cancel needs a reason", what);
        return STORE_ERROR;
    }
    if (!ticket)
        return refuse(st, RULES_NOT_FOUND);
    char now_text[17];
    char *session = NULL;
    dt_format_stamp(now, now_text);
    if (begin_write(st, what))
        return STORE_ERROR;
    int n = exec_args(st, what,
                      "UPDATE bookings SET status = ?2, updated_at = ?3"
                      " WHERE ticket = ?1 AND status = 'booked'",
                      "sss", ticket, rules_status_name(to), now_text);
    if (n < 0)
        goto fail;
    int rc = query_text(st, what, &session, "SELECT session_id FROM bookings WHERE ticket = ?1",
                        "s", ticket);
    if (rc < 0)
        goto fail;
    if (n == 0) {
        free(session);
        rollback(st);
        return refuse(st, rc ? RULES_BAD_STATE : RULES_NOT_FOUND);
    }
    /* The reason goes into the detail; only cancel has one. */
    /* Staff marking attended is its own event; the status is checked_in. */
    if (audit_insert(st, what, staff, action, ticket, session,
                     to == RULES_CANCELLED ? reason : NULL, now_text) ||
        outbox_add(st, what, to == RULES_CHECKED_IN ? "attended" : rules_status_name(to), ticket,
                   now_text) ||
        commit(st, what))
        goto fail;
    free(session);
    set_msg(st, "%s", "");
    return STORE_OK;
fail:
    free(session);
    rollback(st);
    return STORE_ERROR;
}

int store_session_close(store_t *st, const char *staff, const char *session_id, long long now)
{
    const char *what = "close session";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    if (!staff || !*staff) {
        set_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    if (!session_id)
        return refuse(st, RULES_NO_SESSION);
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (begin_write(st, what))
        return STORE_ERROR;
    /* Withdrawn becomes closed too: staff closing it means it stays shut
     * even if a later catalog brings it back. */
    int n = exec_args(st, what,
                      "UPDATE sessions SET state = 'closed' WHERE id = ?1"
                      " AND state <> 'closed'",
                      "s", session_id);
    if (n < 0)
        goto fail;
    if (n == 0) {
        /* Already closed: nothing happened, so there is nothing to record. */
        int rc = query_int(st, what, NULL, "SELECT 1 FROM sessions WHERE id = ?1", "s", session_id);
        if (rc < 0)
            goto fail;
        rollback(st);
        if (!rc)
            return refuse(st, RULES_NO_SESSION);
        set_msg(st, "%s", "");
        return STORE_OK;
    }
    /* Who still has to be called, as the audit detail. */
    long long waiting = 0;
    char detail[64];
    if (query_int(st, what, &waiting,
                  "SELECT count(*) FROM bookings WHERE session_id = ?1 AND status = 'booked'", "s",
                  session_id) < 0)
        goto fail;
    snprintf(detail, sizeof detail, "%lld bookings still booked", waiting);
    if (audit_insert(st, what, staff, "close_session", NULL, session_id, detail, now_text) ||
        commit(st, what))
        goto fail;
    set_msg(st, "%s", "");
    return STORE_OK;
fail:
    rollback(st);
    return STORE_ERROR;
}

int store_day(store_t *st, const char *date, store_day_cb cb, void *ctx)
{
    const char *what = "day";
    if (!st)
        return STORE_ERROR;
    if (!date) {
        set_msg(st, "%s: no date given", what);
        return STORE_ERROR;
    }
    sqlite3_stmt *s =
        prepare(st, what,
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
    return finish_rows(st, what, s, rc);
}

/* ---- Fleet sync ------------------------------------------------------------------ */

int store_outbox(store_t *st, long long after_seq, int limit, store_outbox_cb cb, void *ctx)
{
    const char *what = "outbox";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = prepare(st, what,
                              "SELECT seq, " OUTBOX_COLS " FROM outbox WHERE seq > ?1"
                              " ORDER BY seq LIMIT ?2",
                              "ll", after_seq, limit > 0 ? (long long)limit : -1LL);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_outbox_row_t r;
        memset(&r, 0, sizeof r);
        r.seq = sqlite3_column_int64(s, 0);
        copy_col(r.kind, sizeof r.kind, s, 1);
        copy_col(r.at, sizeof r.at, s, 2);
        copy_col(r.status, sizeof r.status, s, 3);
        copy_col(r.ticket, sizeof r.ticket, s, 4);
        copy_col(r.session_id, sizeof r.session_id, s, 5);
        copy_col(r.service_id, sizeof r.service_id, s, 6);
        copy_col(r.category_id, sizeof r.category_id, s, 7);
        copy_col(r.service_name, sizeof r.service_name, s, 8);
        copy_col(r.date, sizeof r.date, s, 9);
        copy_col(r.start, sizeof r.start, s, 10);
        copy_col(r.end, sizeof r.end, s, 11);
        r.capacity = sqlite3_column_int(s, 12);
        r.party = sqlite3_column_int(s, 13);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish_rows(st, what, s, rc);
}

int store_sync_state(store_t *st, store_sync_state_t *out)
{
    const char *what = "sync state";
    memset(out, 0, sizeof *out);
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s =
        prepare(st, what,
                "SELECT sent_seq, (SELECT COALESCE(MAX(seq), 0) FROM outbox),"
                " (SELECT count(*) FROM outbox WHERE seq > sync.sent_seq), last_attempt, last_ok,"
                " last_error, last_error_at,"
                " (SELECT value FROM meta WHERE key = 'station_id'), failing FROM sync WHERE id = 1",
                NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->sent_seq = sqlite3_column_int64(s, 0);
        out->last_seq = sqlite3_column_int64(s, 1);
        out->pending = sqlite3_column_int64(s, 2);
        copy_col(out->last_attempt, sizeof out->last_attempt, s, 3);
        copy_col(out->last_ok, sizeof out->last_ok, s, 4);
        copy_col(out->last_error, sizeof out->last_error, s, 5);
        copy_col(out->last_error_at, sizeof out->last_error_at, s, 6);
        copy_col(out->station_id, sizeof out->station_id, s, 7);
        out->failing = sqlite3_column_int(s, 8);
        rc = SQLITE_DONE;
    } else if (rc == SQLITE_DONE) {
        set_msg(st, "%s: the sync row is missing", what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    return finish_rows(st, what, s, rc);
}

/* One UPDATE of the sync row in its own short transaction: kiosk-sync
 * never holds the write lock across the network. */
static int sync_write(store_t *st, const char *what, const char *sql, const char *types,
                      long long seq, const char *a, const char *b)
{
    if (st->readonly)
        return fail_readonly(st, what);
    if (begin_write(st, what))
        return STORE_ERROR;
    int n = types[0] == 'l' ? exec_args(st, what, sql, types, seq, a)
                            : exec_args(st, what, sql, types, a, b);
    if (n != 1 || commit(st, what)) {
        if (n == 0)
            set_msg(st, "%s: the sync row is missing", what);
        rollback(st);
        return STORE_ERROR;
    }
    set_msg(st, "%s", "");
    return STORE_OK;
}

int store_sync_sent(store_t *st, long long seq, long long now)
{
    if (!st)
        return STORE_ERROR;
    char now_text[17];
    dt_format_stamp(now, now_text);
    return sync_write(st, "sync sent",
                      "UPDATE sync SET sent_seq = MAX(sent_seq, ?1), last_ok = ?2,"
                      " last_attempt = ?2, failing = 0 WHERE id = 1",
                      "ls", seq, now_text, NULL);
}

int store_sync_failed(store_t *st, const char *error, long long now)
{
    if (!st)
        return STORE_ERROR;
    char now_text[17], d[200];
    dt_format_stamp(now, now_text);
    audit_detail(d, sizeof d, error ? error : "");
    return sync_write(st, "sync failed",
                      "UPDATE sync SET last_error = ?1, last_error_at = ?2, last_attempt = ?2,"
                      " failing = 1 WHERE id = 1",
                      "ss", 0, d, now_text);
}

long long store_outbox_renumber(store_t *st, long long first_seq)
{
    const char *what = "renumber outbox";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    long long sent = 0, low = 0, n = 0;
    if (begin_write(st, what) ||
        query_int(st, what, &sent, "SELECT sent_seq FROM sync WHERE id = 1", NULL) < 0 ||
        query_int(st, what, &low, "SELECT COALESCE(MIN(seq), 0) FROM outbox WHERE seq > ?1", "l",
                  sent) < 0 ||
        query_int(st, what, &n, "SELECT count(*) FROM outbox WHERE seq > ?1", "l", sent) < 0)
        goto fail;
    if (n > 0 && first_seq <= low) {
        set_msg(st, "%s: the events waiting start at %lld already, not below %lld", what, low,
                first_seq);
        goto fail;
    }
    /* Through negative numbers, so that no two rows ever share a seq. */
    long long shift = n > 0 ? first_seq - low : 0;
    if (exec_args(st, what, "UPDATE outbox SET seq = -seq WHERE seq > ?1", "l", sent) < 0 ||
        exec_args(st, what, "UPDATE outbox SET seq = ?1 - seq WHERE seq < 0", "l", shift) < 0 ||
        exec_args(st, what,
                  "UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM outbox)"
                  " WHERE name = 'outbox' AND seq < (SELECT MAX(seq) FROM outbox)",
                  NULL) < 0 ||
        exec_args(st, what, "UPDATE sync SET sent_seq = ?1 WHERE id = 1", "l", first_seq - 1) < 0 ||
        commit(st, what))
        goto fail;
    set_msg(st, "%s", "");
    return n;
fail:
    rollback(st);
    return STORE_ERROR;
}

/* ---- Maintenance ----------------------------------------------------------------- */

int store_purge_phones(store_t *st, long long now, int retention_days)
{
    const char *what = "purge phones";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return fail_readonly(st, what);
    if (retention_days < 0) {
        set_msg(st, "%s: retention must not be negative", what);
        return STORE_ERROR;
    }
    char now_text[17], limit[17];
    dt_format_stamp(now, now_text);
    dt_format_stamp(now - (long long)retention_days * 1440, limit);
    if (begin_write(st, what))
        return STORE_ERROR;
    int n = exec_args(st, what,
                      "UPDATE bookings SET phone = NULL, updated_at = ?2"
                      " WHERE phone IS NOT NULL AND session_id IN"
                      " (SELECT id FROM sessions WHERE date || ' ' || end < ?1)",
                      "ss", limit, now_text);
    if (n < 0 || commit(st, what)) {
        rollback(st);
        return STORE_ERROR;
    }
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
    sqlite3_stmt *s = prepare(st, what, "PRAGMA integrity_check(20)", NULL);
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
        fail_db(st, what); /* while the statement still holds the error */
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        goto db_error;
    if (problems) {
        set_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }

    s = prepare(st, what, "PRAGMA foreign_key_check", NULL);
    if (!s)
        goto db_error;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* table, rowid, referenced table, fk index */
        const char *table = (const char *)sqlite3_column_text(s, 0);
        const char *parent = (const char *)sqlite3_column_text(s, 2);
        if (problems++ == 0)
            snprintf(msg, msglen, "%s row %lld points to a missing row of %s", table ? table : "?",
                     sqlite3_column_int64(s, 1), parent ? parent : "?");
    }
    if (rc != SQLITE_DONE)
        fail_db(st, what);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        goto db_error;
    if (problems) {
        if (problems > 1) {
            size_t l = strlen(msg);
            snprintf(msg + l, msglen - l, " (and %d more)", problems - 1);
        }
        set_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }

    int v;
    if (user_version(st, &v))
        goto db_error;
    if (v != STORE_SCHEMA_VERSION) {
        snprintf(msg, msglen, "schema version %d, this build expects %d", v, STORE_SCHEMA_VERSION);
        set_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }
    snprintf(msg, msglen, "ok, schema version %d", v);
    set_msg(st, "%s", "");
    return STORE_OK;
db_error:
    snprintf(msg, msglen, "%s", st->msg);
    return STORE_ERROR;
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

int store_backup(store_t *st, const char *path)
{
    const char *what = "backup";
    if (!st)
        return STORE_ERROR;
    if (!path || !*path) {
        set_msg(st, "%s: no file given", what);
        return STORE_ERROR;
    }
    /* A half-written backup must never carry the real name: a power cut or
     * a full stick leaves only the temporary file behind. */
    char tmp[600];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= sizeof tmp) {
        set_msg(st, "%s: path too long", what);
        return STORE_ERROR;
    }
    unlink(tmp);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        int sys = dst ? sqlite3_system_errno(dst) : 0;
        set_msg(st, "%s: cannot create %s: %s%s%s%s", what, tmp,
                dst ? sqlite3_errmsg(dst) : "out of memory", sys ? " (" : "",
                sys ? strerror(sys) : "", sys ? ")" : "");
        goto fail;
    }
    sqlite3_busy_timeout(dst, BUSY_TIMEOUT_MS);
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
    if (!b) {
        set_msg(st, "%s: %s", what, sqlite3_errmsg(dst));
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
        set_msg(st, "%s: writing %s: %s%s%s%s", what, tmp, sqlite3_errstr(rc), sys ? " (" : "",
                sys ? strerror(sys) : "", sys ? ")" : "");
        goto fail;
    }
    /* The copy keeps the WAL flag of the source; a backup is one
     * self-contained file, so it goes back to a rollback journal. */
    if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        set_msg(st, "%s: finishing %s: %s", what, tmp, sqlite3_errmsg(dst));
        goto fail;
    }
    if (sqlite3_close(dst) != SQLITE_OK) {
        set_msg(st, "%s: closing %s: %s", what, tmp, sqlite3_errmsg(dst));
        sqlite3_close_v2(dst);
        dst = NULL;
        goto fail;
    }
    dst = NULL;
    if (rename(tmp, path) != 0) {
        set_msg(st, "%s: cannot rename %s to %s: %s", what, tmp, path, strerror(errno));
        goto fail;
    }
    sync_dir_of(path);
    set_msg(st, "%s", "");
    return STORE_OK;
fail:
    sqlite3_close_v2(dst);
    unlink(tmp);
    return STORE_ERROR;
}

int store_pragma(store_t *st, const char *name, char *out, size_t outlen)
{
    /* PRAGMA takes no bound parameters, so the name must be one of ours. */
    static const char *const allowed[] = {"journal_mode", "synchronous",  "foreign_keys",
                                          "busy_timeout", "user_version", "query_only"};
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
        set_msg(st, "%s: unknown setting %s", what, name ? name : "(null)");
        return STORE_ERROR;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", pick);
    sqlite3_stmt *s = prepare(st, what, sql, NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            set_msg(st, "%s: %s gave no value", what, pick);
        else
            fail_db(st, what);
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
