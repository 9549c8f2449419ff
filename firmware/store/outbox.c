/* The fleet sync outbox (schema version 3; calls from 7): the event row
 * each booking change and each call for staff writes, the listing kiosk-sync sends from, and its
 * sync state. Its own file: kiosk-sync is its only reader. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

/* The outbox row of an event of one booking, inside the caller's write
 * transaction, after the change: it records the booking as it is now. */
int store_outbox_add(store_t *st, const char *what, const char *kind, const char *ticket,
                     const char *now_text)
{
    int n = sql_exec(st, what,
                     "INSERT INTO outbox (" OUTBOX_COLS ") SELECT ?1, ?2, b.status," OUTBOX_SELECT
                     " WHERE b.ticket = ?3",
                     "sss", kind, now_text, ticket);
    if (n == 1)
        return STORE_OK;
    if (n == 0)
        store_msg(st, "%s: booking %s has no session or service for the outbox", what, ticket);
    return STORE_ERROR;
}

int store_outbox_call(store_t *st, const char *what, const char *kind, long long call_id,
                      const char *now_text)
{
    int n =
        sql_exec(st, what,
                 "INSERT INTO outbox (kind, at, kiosk, call_id, screen, staff)"
                 " SELECT ?1, ?2, kiosk, id, screen, CASE WHEN ?1 = 'call_ack' THEN acked_by END"
                 " FROM calls WHERE id = ?3",
                 "ssl", kind, now_text, call_id);
    if (n == 1)
        return STORE_OK;
    if (n == 0)
        store_msg(st, "%s: call %lld is missing for the outbox", what, call_id);
    return STORE_ERROR;
}

/* ---- Fleet sync ------------------------------------------------------------------ */

int store_outbox(store_t *st, long long after_seq, int limit, store_outbox_cb cb, void *ctx)
{
    const char *what = "outbox";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s =
        sql_prepare(st, what,
                    "SELECT seq, " OUTBOX_COLS ", kiosk, call_id, screen, staff FROM outbox"
                    " WHERE seq > ?1"
                    " ORDER BY seq LIMIT ?2",
                    "ll", after_seq, limit > 0 ? (long long)limit : -1LL);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_outbox_row_t r;
        memset(&r, 0, sizeof r);
        r.seq = sqlite3_column_int64(s, 0);
        sql_copy_col(r.kind, sizeof r.kind, s, 1);
        sql_copy_col(r.at, sizeof r.at, s, 2);
        sql_copy_col(r.status, sizeof r.status, s, 3);
        sql_copy_col(r.ticket, sizeof r.ticket, s, 4);
        sql_copy_col(r.session_id, sizeof r.session_id, s, 5);
        sql_copy_col(r.service_id, sizeof r.service_id, s, 6);
        sql_copy_col(r.category_id, sizeof r.category_id, s, 7);
        sql_copy_col(r.service_name, sizeof r.service_name, s, 8);
        sql_copy_col(r.date, sizeof r.date, s, 9);
        sql_copy_col(r.start, sizeof r.start, s, 10);
        sql_copy_col(r.end, sizeof r.end, s, 11);
        r.capacity = sqlite3_column_int(s, 12);
        r.party = sqlite3_column_int(s, 13);
        sql_copy_col(r.kiosk, sizeof r.kiosk, s, 14);
        r.call_id = sqlite3_column_int64(s, 15);
        sql_copy_col(r.screen, sizeof r.screen, s, 16);
        sql_copy_col(r.staff, sizeof r.staff, s, 17);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_sync_state(store_t *st, store_sync_state_t *out)
{
    const char *what = "sync state";
    memset(out, 0, sizeof *out);
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(
        st, what,
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
        sql_copy_col(out->last_attempt, sizeof out->last_attempt, s, 3);
        sql_copy_col(out->last_ok, sizeof out->last_ok, s, 4);
        sql_copy_col(out->last_error, sizeof out->last_error, s, 5);
        sql_copy_col(out->last_error_at, sizeof out->last_error_at, s, 6);
        sql_copy_col(out->station_id, sizeof out->station_id, s, 7);
        out->failing = sqlite3_column_int(s, 8);
        rc = SQLITE_DONE;
    } else if (rc == SQLITE_DONE) {
        store_msg(st, "%s: the sync row is missing", what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    return sql_finish_rows(st, what, s, rc);
}

/* One UPDATE of the sync row in its own short transaction: kiosk-sync
 * never holds the write lock across the network. */
static int sync_write(store_t *st, const char *what, const char *sql, const char *types,
                      long long seq, const char *a, const char *b)
{
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int n = types[0] == 'l' ? sql_exec(st, what, sql, types, seq, a)
                            : sql_exec(st, what, sql, types, a, b);
    if (n == 0)
        store_msg(st, "%s: the sync row is missing", what);
    return store_write_done(st, what, n == 1 ? STORE_OK : STORE_ERROR);
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
    store_audit_detail(d, sizeof d, error ? error : "");
    return sync_write(st, "sync failed",
                      "UPDATE sync SET last_error = ?1, last_error_at = ?2, last_attempt = ?2,"
                      " failing = 1 WHERE id = 1",
                      "ss", 0, d, now_text);
}

long long store_stream_renumber(store_t *st, const char *what, const char *table,
                                const char *sent_sql, const char *set_sent_sql,
                                long long first_seq)
{
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    long long sent = 0, low = 0, n = 0;
    int rc = STORE_ERROR;
    char sql[4][200];
    snprintf(sql[0], sizeof sql[0], "SELECT COALESCE(MIN(seq), 0) FROM %s WHERE seq > ?1", table);
    snprintf(sql[1], sizeof sql[1], "SELECT count(*) FROM %s WHERE seq > ?1", table);
    if (sql_int(st, what, &sent, sent_sql, NULL) < 0 ||
        sql_int(st, what, &low, sql[0], "l", sent) < 0 ||
        sql_int(st, what, &n, sql[1], "l", sent) < 0)
        goto done;
    if (n > 0 && first_seq <= low) {
        store_msg(st, "%s: the events waiting start at %lld already, not below %lld", what, low,
                  first_seq);
        goto done;
    }
    /* Through negative numbers, so that no two rows ever share a seq. */
    long long shift = n > 0 ? first_seq - low : 0;
    snprintf(sql[0], sizeof sql[0], "UPDATE %s SET seq = -seq WHERE seq > ?1", table);
    snprintf(sql[1], sizeof sql[1], "UPDATE %s SET seq = ?1 - seq WHERE seq < 0", table);
    snprintf(sql[2], sizeof sql[2],
             "UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM %s)"
             " WHERE name = '%s' AND seq < (SELECT MAX(seq) FROM %s)",
             table, table, table);
    if (sql_exec(st, what, sql[0], "l", sent) < 0 || sql_exec(st, what, sql[1], "l", shift) < 0 ||
        sql_exec(st, what, sql[2], NULL) < 0 ||
        sql_exec(st, what, set_sent_sql, "l", first_seq - 1) < 0)
        goto done;
    rc = STORE_OK;
done:
    if (store_write_end(st, what, rc))
        return STORE_ERROR;
    store_msg(st, "%s", "");
    return n;
}

long long store_outbox_renumber(store_t *st, long long first_seq)
{
    return store_stream_renumber(st, "renumber outbox", "outbox",
                                 "SELECT sent_seq FROM sync WHERE id = 1",
                                 "UPDATE sync SET sent_seq = ?1 WHERE id = 1", first_seq);
}
