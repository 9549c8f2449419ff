/* The event streams beside the outbox (issue 19's queue_events, issue
 * 20's ratings): how far the centre has each (a meta row of its own, so
 * that no schema step was needed and older releases ignore it), and the
 * store's numbers. Shared by queue_sync.c and rating_sync.c. */
#include <stdio.h>

#include "store_int.h"

int store_stream_state(store_t *st, const char *what, const char *table, const char *sent_sql,
                       long long *sent_seq, long long *last_seq, long long *pending)
{
    *sent_seq = *last_seq = *pending = 0;
    if (!st)
        return STORE_ERROR;
    char last[96], waiting[96];
    snprintf(last, sizeof last, "SELECT COALESCE(MAX(seq), 0) FROM %s", table);
    snprintf(waiting, sizeof waiting, "SELECT count(*) FROM %s WHERE seq > ?1", table);
    if (sql_int(st, what, sent_seq, sent_sql, NULL) < 0 ||
        sql_int(st, what, last_seq, last, NULL) < 0 ||
        sql_int(st, what, pending, waiting, "l", *sent_seq) < 0)
        return STORE_ERROR;
    return STORE_OK;
}

int store_stream_sent(store_t *st, const char *what, const char *key, long long seq)
{
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int n = sql_exec(st, what,
                     "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                     " ON CONFLICT (key) DO UPDATE SET value ="
                     " MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
                     "sl", key, seq);
    return store_write_done(st, what, n == 1 ? STORE_OK : STORE_ERROR);
}
