/* Staff in the store (schema version 2): members and their PIN hashes, the
 * login throttle, the audit log, and the staff's changes that write an
 * audit row with them. The PIN side (hashing, checking) is app/staff.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/wipe.h"
#include "store_int.h"

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
        return store_fail_readonly(st, what);
    if (!store_staff_name_valid(name)) {
        store_msg(st, "%s: a staff name is 1..%d bytes of UTF-8 without control characters", what,
                  STAFF_NAME_BYTES);
        return STORE_ERROR;
    }
    if (need_hash && !hash_ok(hash)) {
        store_msg(st, "%s: not a PIN hash (crypto_pwhash_str)", what);
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
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int n = sql_exec(st, what, sql, hash ? "sss" : "s", name, hash, now_text);
    return store_write_done(st, what,
                            n < 0    ? STORE_ERROR
                            : n == 0 ? store_refuse(st, RULES_NOT_FOUND)
                                     : STORE_OK);
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
    return rc == RULES_NOT_FOUND ? store_refuse(st, RULES_DUPLICATE) : rc;
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
        return store_fail_readonly(st, what);
    if (!name)
        return store_refuse(st, RULES_NOT_FOUND);
    return staff_write(st, what, "DELETE FROM staff WHERE name = ?1", name, NULL, NULL);
}

static int staff_rows(store_t *st, int with_hash, store_staff_cb cb, void *ctx)
{
    const char *what = with_hash ? "staff hashes" : "staff list";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s =
        sql_prepare(st, what,
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
        sql_copy_col(r.name, sizeof r.name, s, 0);
        sql_copy_col(r.created_at, sizeof r.created_at, s, 1);
        sql_copy_col(r.updated_at, sizeof r.updated_at, s, 2);
        if (with_hash)
            sql_copy_col(r.pin_hash, sizeof r.pin_hash, s, 3);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    /* A hash is enough to try every 6-digit PIN offline. */
    wipe_bytes(&r, sizeof r);
    return sql_finish_rows(st, what, s, rc);
}

int store_staff_list(store_t *st, store_staff_cb cb, void *ctx)
{
    return staff_rows(st, 0, cb, ctx);
}

int store_staff_hashes(store_t *st, store_staff_cb cb, void *ctx)
{
    return staff_rows(st, 1, cb, ctx);
}

/* 1, 2, 4 ... minutes, at most a day, in seconds; 1 << 11 already passes it. */
static long long lock_seconds(long long lockouts)
{
    if (lockouts >= 11)
        return AUTH_MAX_LOCK_MINUTES * 60;
    long long m = 1LL << lockouts;
    return 60 * (m < AUTH_MAX_LOCK_MINUTES ? m : AUTH_MAX_LOCK_MINUTES);
}

/* Seconds (minute stamp * 60 + second) as "YYYY-MM-DD HH:MM:SS". */
static void format_seconds(long long t, char out[20])
{
    long long m = t / 60, sec = t % 60;
    if (sec < 0) {
        sec += 60;
        m--;
    }
    char stamp[17];
    dt_format_stamp(m, stamp);
    snprintf(out, 20, "%.16s:%02d", stamp, (int)sec);
}

/* "YYYY-MM-DD HH:MM:SS", or "YYYY-MM-DD HH:MM" as written before the
 * throttle counted seconds: 0 with *out, or -1. */
static int parse_seconds(const char *text, long long *out)
{
    size_t n = strlen(text);
    char stamp[17];
    dt_date_t d;
    int m, sec = 0;
    if (n != 16 && !(n == 19 && text[16] == ':' && text[17] >= '0' && text[17] <= '5' &&
                     text[18] >= '0' && text[18] <= '9'))
        return -1;
    if (n == 19)
        sec = (text[17] - '0') * 10 + (text[18] - '0');
    memcpy(stamp, text, 16);
    stamp[16] = '\0';
    if (dt_parse_datetime(stamp, &d, &m))
        return -1;
    *out = dt_stamp(d, m) * 60 + sec;
    return 0;
}

typedef struct auth_state {
    long long failures, lockouts, locked_until; /* locked_until: seconds, 0 when not locked */
} auth_state_t;

/* Inside the caller's write transaction. A row deleted from a shell comes
 * back fresh rather than breaking the login; so does an unreadable stamp. */
static int auth_read(store_t *st, const char *what, auth_state_t *a)
{
    memset(a, 0, sizeof *a);
    if (sql_exec(st, what, "INSERT OR IGNORE INTO auth (id) VALUES (1)", NULL) < 0)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(
        st, what, "SELECT failures, lockouts, locked_until FROM auth WHERE id = 1", NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        store_fail_db(st, what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    a->failures = sqlite3_column_int64(s, 0);
    a->lockouts = sqlite3_column_int64(s, 1);
    const char *until = (const char *)sqlite3_column_text(s, 2);
    if (until && parse_seconds(until, &a->locked_until))
        a->locked_until = 0;
    sqlite3_finalize(s);
    return STORE_OK;
}

/* Starts the next lockout, from now (the failure's second, not the start
 * of its minute: the first lockout once lasted one second), and writes the
 * state. */
static int auth_lock(store_t *st, const char *what, auth_state_t *a, long long now)
{
    char until[20];
    a->locked_until = now + lock_seconds(a->lockouts);
    a->lockouts++;
    a->failures = 0;
    format_seconds(a->locked_until, until);
    return sql_exec(st, what,
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
        return store_fail_readonly(st, what);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    auth_state_t a;
    int locked = 0, rc = STORE_ERROR;
    if (auth_read(st, what, &a))
        goto done;
    if (a.locked_until > now + AUTH_MAX_LOCK_MINUTES * 60) {
        /* No lockout reaches this far: the clock was set back (a board
         * without a battery-backed clock booting before NTP). Without this
         * the kiosk would stay locked until the clock catches up. */
        char until[20];
        a.locked_until = now + AUTH_MAX_LOCK_MINUTES * 60;
        format_seconds(a.locked_until, until);
        if (sql_exec(st, what, "UPDATE auth SET locked_until = ?1 WHERE id = 1", "s", until) < 0)
            goto done;
    }
    if (a.locked_until > now) {
        locked = 1;
    } else if (a.failures >= AUTH_MAX_FAILURES) {
        /* Attempts counted here whose store_auth_end never ran: the power
         * was cut during the check. They are failures like any other, or
         * cutting the power before the verdict would never lock. */
        if (auth_lock(st, what, &a, now))
            goto done;
        locked = 1;
    } else if (sql_exec(st, what, "UPDATE auth SET failures = failures + 1 WHERE id = 1", NULL) <
               0) {
        goto done;
    }
    rc = STORE_OK;
done:
    /* synchronous = FULL: the count is on the disk before the PIN is checked. */
    if (store_write_end(st, what, rc))
        return STORE_ERROR;
    if (locked) {
        if (locked_until)
            *locked_until = a.locked_until;
        return store_refuse(st, RULES_LOCKED);
    }
    store_msg(st, "%s", "");
    return STORE_OK;
}

int store_auth_end(store_t *st, int ok, long long now, long long *locked_until)
{
    const char *what = "login";
    if (locked_until)
        *locked_until = 0;
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    auth_state_t a;
    int rc = STORE_ERROR;
    if (auth_read(st, what, &a))
        goto done;
    if (ok) {
        if (sql_exec(st, what,
                     "UPDATE auth SET failures = 0, lockouts = 0, locked_until = NULL"
                     " WHERE id = 1",
                     NULL) < 0)
            goto done;
    } else if (a.failures >= AUTH_MAX_FAILURES && auth_lock(st, what, &a, now)) {
        goto done;
    }
    rc = STORE_OK;
done:
    if (store_write_end(st, what, rc))
        return STORE_ERROR;
    if (!ok && locked_until && a.locked_until > now)
        *locked_until = a.locked_until;
    store_msg(st, "%s", "");
    return STORE_OK;
}

/* Copies detail into out (at most size - 1 bytes, cut at a character
 * boundary) with every run of AUDIT_DIGIT_RUN or more ASCII digits masked:
 * the audit log is read by many, and a PIN or a phone number must never
 * reach it, whatever a caller puts into the detail. */
void store_audit_detail(char *out, size_t size, const char *detail)
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
int store_audit_insert(store_t *st, const char *what, const char *staff, const char *action,
                       const char *ticket, const char *session_id, const char *detail,
                       const char *now_text)
{
    size_t alen = action ? strlen(action) : 0;
    int ok = alen > 0 && alen < sizeof(((store_audit_row_t *)0)->action);
    for (size_t i = 0; ok && i < alen; i++)
        ok = (action[i] >= 'a' && action[i] <= 'z') || action[i] == '_';
    if (!ok) {
        store_msg(st, "%s: an audit action is 1..31 of a-z and _", what);
        return STORE_ERROR;
    }
    char d[sizeof(((store_audit_row_t *)0)->detail)];
    if (detail)
        store_audit_detail(d, sizeof d, detail);
    return sql_exec(st, what,
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
    char now_text[17];
    if (!st || store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    return store_write_done(
        st, what,
        store_audit_insert(st, what, staff, action, ticket, session_id, detail, now_text));
}

int store_audit_list(store_t *st, const char *date, store_audit_cb cb, void *ctx)
{
    const char *what = "audit";
    if (!st)
        return STORE_ERROR;
    /* "D HH:MM" sorts between "D" and "D~", so the index on at serves a day. */
    sqlite3_stmt *s = sql_prepare(st, what,
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
        sql_copy_col(r.at, sizeof r.at, s, 1);
        sql_copy_col(r.staff, sizeof r.staff, s, 2);
        sql_copy_col(r.action, sizeof r.action, s, 3);
        sql_copy_col(r.ticket, sizeof r.ticket, s, 4);
        sql_copy_col(r.session_id, sizeof r.session_id, s, 5);
        sql_copy_col(r.detail, sizeof r.detail, s, 6);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_staff_change(store_t *st, const char *what, const char *staff, const char *ticket,
                       rules_status_t to, const char *reason, const char *now_text)
{
    const char *action = to == RULES_CHECKED_IN ? "attended"
                         : to == RULES_NO_SHOW  ? "no_show"
                                                : "cancel";
    char *session = NULL;
    int ret = STORE_ERROR;
    /* cancelled_by: the resident who looks the booking up is told that
     * staff cancelled it, not left to think it was a fault. */
    int n = sql_exec(st, what,
                     "UPDATE bookings SET status = ?2, updated_at = ?3,"
                     " cancelled_by = CASE WHEN ?2 = 'cancelled' THEN ?4 END"
                     " WHERE ticket = ?1 AND status = 'booked'",
                     "ssss", ticket, rules_status_name(to), now_text, staff);
    if (n < 0)
        goto done;
    int rc = sql_text(st, what, &session, "SELECT session_id FROM bookings WHERE ticket = ?1", "s",
                      ticket);
    if (rc < 0)
        goto done;
    if (n == 0) {
        ret = store_refuse(st, rc ? RULES_BAD_STATE : RULES_NOT_FOUND);
        goto done;
    }
    /* The reason goes into the detail: a cancel's why, or for the other
     * changes where they came from when the caller says ("console"; the
     * kiosk and kioskctl pass none). Staff marking attended is its own
     * event; the status is checked_in. */
    if (store_audit_insert(st, what, staff, action, ticket, session, reason, now_text) ||
        store_outbox_add(st, what, to == RULES_CHECKED_IN ? "attended" : rules_status_name(to),
                         ticket, now_text))
        goto done;
    /* i20wait: a freed seat goes to the waitlist's first in this transaction. */
    if (store_waitlist_after(st, what, ticket, rules_status_name(to), now_text))
        goto done;
    ret = STORE_OK;
done:
    free(session);
    return ret;
}

int store_staff_set_status(store_t *st, const char *staff, const char *ticket, rules_status_t to,
                           const char *reason, long long now)
{
    const char *what = "staff";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    const char *action = to == RULES_CHECKED_IN  ? "attended"
                         : to == RULES_NO_SHOW   ? "no_show"
                         : to == RULES_CANCELLED ? "cancel"
                                                 : NULL;
    if (!action) {
        store_msg(st, "%s: staff mark attended, no-show or cancelled only", what);
        return STORE_ERROR;
    }
    if (!staff || !*staff) {
        store_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    if (to == RULES_CANCELLED && (!reason || !*reason)) {
        store_msg(st, "%s: a cancel needs a reason", what);
        return STORE_ERROR;
    }
    if (!ticket)
        return store_refuse(st, RULES_NOT_FOUND);
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    return store_write_done(st, what,
                            store_staff_change(st, what, staff, ticket, to, reason, now_text));
}

int store_session_close(store_t *st, const char *staff, const char *session_id, long long now)
{
    return store_session_close_from(st, staff, NULL, session_id, now);
}

int store_session_close_from(store_t *st, const char *staff, const char *where,
                             const char *session_id, long long now)
{
    const char *what = "close session";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (!staff || !*staff) {
        store_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    if (!session_id)
        return store_refuse(st, RULES_NO_SESSION);
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int ret = STORE_ERROR;
    /* Withdrawn becomes closed too: staff closing it means it stays shut
     * even if a later catalog brings it back. */
    int n = sql_exec(st, what,
                     "UPDATE sessions SET state = 'closed' WHERE id = ?1"
                     " AND state <> 'closed'",
                     "s", session_id);
    if (n < 0)
        goto done;
    if (n == 0) {
        /* Already closed: nothing happened, so there is nothing to record. */
        int rc = sql_int(st, what, NULL, "SELECT 1 FROM sessions WHERE id = ?1", "s", session_id);
        if (rc < 0)
            goto done;
        if (!rc) {
            ret = store_refuse(st, RULES_NO_SESSION);
            goto done;
        }
        store_rollback(st);
        store_msg(st, "%s", "");
        return STORE_OK;
    }
    /* Who still has to be called, as the audit detail. */
    long long waiting = 0;
    char detail[128];
    if (sql_int(st, what, &waiting,
                "SELECT count(*) FROM bookings WHERE session_id = ?1 AND status = 'booked'", "s",
                session_id) < 0)
        goto done;
    snprintf(detail, sizeof detail, "%s%s%lld bookings still booked", where ? where : "",
             where ? ": " : "", waiting);
    if (store_audit_insert(st, what, staff, "close_session", NULL, session_id, detail, now_text))
        goto done;
    ret = STORE_OK;
done:
    return store_write_done(st, what, ret);
}
