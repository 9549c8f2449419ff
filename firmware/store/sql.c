/* The store's SQL helpers: error messages, preparing and binding, the
 * statement cache, one-row queries, transactions. Everything in the store
 * reaches SQLite through these, so the rules about binding and errors are
 * kept in one place. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "store_int.h"

/* ---- Errors ---------------------------------------------------------------- */

void store_msg(store_t *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void store_msg(store_t *st, const char *fmt, ...)
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
int store_fail_db(store_t *st, const char *what)
{
    int code = sqlite3_extended_errcode(st->db);
    int prim = code & 0xff;
    int sys = sqlite3_system_errno(st->db);
    const char *detail = prim == SQLITE_IOERR ? ioerr_detail(code) : NULL;
    if (!(prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN || prim == SQLITE_FULL))
        sys = 0;
    if (detail && sys)
        store_msg(st, "%s: %s (%s: %s)", what, sqlite3_errmsg(st->db), detail, strerror(sys));
    else if (detail || sys)
        store_msg(st, "%s: %s (%s)", what, sqlite3_errmsg(st->db), detail ? detail : strerror(sys));
    else
        store_msg(st, "%s: %s", what, sqlite3_errmsg(st->db));
    return STORE_ERROR;
}

int store_refuse(store_t *st, rules_result_t r)
{
    store_msg(st, "%s", rules_result_text(r, 1));
    return (int)r;
}

int store_fail_readonly(store_t *st, const char *what)
{
    store_msg(st, "%s: %s was opened read-only", what, st->name);
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
int sql_finish_rows(store_t *st, const char *what, sqlite3_stmt *s, int rc)
{
    if (rc != SQLITE_DONE)
        store_fail_db(st, what);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* With keep, the statement comes from the cache when it holds one for sql
 * (it is taken out while in use, so nested calls get their own) and goes
 * back with release(); otherwise the caller finalizes it. */
sqlite3_stmt *sql_prepare_va(store_t *st, const char *what, int keep, const char *sql,
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
        store_fail_db(st, what);
        return NULL;
    }
    if (bind_va(s, types, ap) != SQLITE_OK) {
        store_fail_db(st, what);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

sqlite3_stmt *sql_prepare(store_t *st, const char *what, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = sql_prepare_va(st, what, 0, sql, types, ap);
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
int sql_exec(store_t *st, const char *what, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = sql_prepare_va(st, what, 1, sql, types, ap);
    va_end(ap);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_fail_db(st, what);
        release(st, s);
        return -1;
    }
    release(st, s);
    return sqlite3_changes(st->db);
}

/* First column of the first row as an integer: 1 with *out set, 0 for no
 * row, -1 on error. */
int sql_int(store_t *st, const char *what, long long *out, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = sql_prepare_va(st, what, 1, sql, types, ap);
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
        ret = store_fail_db(st, what);
    }
    release(st, s);
    return ret;
}

/* The same for text: 1 with a malloc'd copy in *out (caller frees), 0 for no row, -1. */
int sql_text(store_t *st, const char *what, char **out, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = sql_prepare_va(st, what, 1, sql, types, ap);
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
            store_msg(st, "%s: out of memory", what);
            ret = -1;
        } else {
            ret = 1;
        }
    } else if (rc != SQLITE_DONE) {
        ret = store_fail_db(st, what);
    }
    release(st, s);
    return ret;
}

int sql_run(store_t *st, const char *what, const char *sql)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_db(st, what);
    return STORE_OK;
}

/* Every write starts IMMEDIATE: taking the write lock up front means a
 * transaction never has to upgrade a read lock, which is what turns a busy
 * reader into SQLITE_BUSY in the middle of a booking. */
int store_write_begin(store_t *st, const char *what)
{
    /* A write into a file deleted or replaced under the connection would
     * be lost at the next start (files.c). */
    if (!store_files_intact(st))
        return STORE_ERROR;
    return sql_run(st, what, "BEGIN IMMEDIATE");
}

/* With synchronous=FULL the WAL is on the disk when COMMIT returns. A
 * failed COMMIT is recorded before the ROLLBACK, which resets errmsg. */
int store_write_at(store_t *st, const char *what, long long now, char now_text[17])
{
    if (st->readonly)
        return store_fail_readonly(st, what);
    dt_format_stamp(now, now_text);
    return store_write_begin(st, what);
}

int store_write_end(store_t *st, const char *what, int rc)
{
    /* Checked again just before COMMIT: a file deleted or replaced during
     * the transaction must not get a booking the screen would confirm. */
    if (rc == STORE_OK && !store_files_intact(st))
        rc = STORE_ERROR;
    if (rc == STORE_OK && sql_run(st, what, "COMMIT") == STORE_OK)
        return STORE_OK;
    store_rollback(st);
    return rc == STORE_OK ? STORE_ERROR : rc;
}

int store_write_done(store_t *st, const char *what, int rc)
{
    rc = store_write_end(st, what, rc);
    if (rc == STORE_OK)
        store_msg(st, "%s", "");
    return rc;
}

/* Leaves st->msg alone: the caller has already recorded why. SQLite may
 * have rolled back on its own (I/O error, full disk), hence the check. */
void store_rollback(store_t *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Copies a text column into a fixed buffer, cutting at a UTF-8 character
 * boundary so a long Chinese name never ends in half a character. */
void sql_copy_col(char *dst, size_t size, sqlite3_stmt *s, int col)
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
