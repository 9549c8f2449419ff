/* The queue's events for the centre (issue 19): the listing kiosk-sync
 * sends from and what it has sent, meta 'queue_sent_seq' (no schema step:
 * a release of schema 7 or 8 ignores the row). The rows are written by
 * queue.c, each in the transaction of its step; kiosk-sync is the only
 * reader here. No label, ticket or phone leaves through this file. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

#define QUEUE_SENT_SQL                                                                             \
    "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'queue_sent_seq'), 0)"

int store_queue_events(store_t *st, long long after_seq, int limit, store_queue_event_cb cb,
                       void *ctx)
{
    const char *what = "queue events";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT seq, kind, at, day, line_id, ticket_kind,"
                                  " COALESCE(counter, 0), to_line, COALESCE(waited, -1),"
                                  " COALESCE(served, -1) FROM queue_events WHERE seq > ?1"
                                  " ORDER BY seq LIMIT ?2",
                                  "ll", after_seq, limit > 0 ? (long long)limit : -1LL);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_queue_event_row_t r;
        memset(&r, 0, sizeof r);
        r.seq = sqlite3_column_int64(s, 0);
        sql_copy_col(r.kind, sizeof r.kind, s, 1);
        sql_copy_col(r.at, sizeof r.at, s, 2);
        sql_copy_col(r.day, sizeof r.day, s, 3);
        sql_copy_col(r.line_id, sizeof r.line_id, s, 4);
        sql_copy_col(r.ticket_kind, sizeof r.ticket_kind, s, 5);
        r.counter = sqlite3_column_int(s, 6);
        sql_copy_col(r.to_line, sizeof r.to_line, s, 7);
        r.waited = sqlite3_column_int(s, 8);
        r.served = sqlite3_column_int(s, 9);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_queue_sync_state(store_t *st, long long *sent_seq, long long *last_seq,
                           long long *pending)
{
    return store_stream_state(st, "queue sync state", "queue_events", QUEUE_SENT_SQL, sent_seq,
                              last_seq, pending);
}

int store_queue_sync_sent(store_t *st, long long seq)
{
    return store_stream_sent(st, "queue sync sent", "queue_sent_seq", seq);
}

long long store_queue_events_renumber(store_t *st, long long first_seq)
{
    return store_stream_renumber(st, "renumber queue events", "queue_events", QUEUE_SENT_SQL,
                                 "INSERT INTO meta (key, value) VALUES ('queue_sent_seq', ?1)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 first_seq);
}
