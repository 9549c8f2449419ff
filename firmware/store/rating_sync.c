/* 好差评 (issue 20): the ratings for the centre, a stream of their own as
 * the queue's events are (queue_sync.c): the listing kiosk-sync sends from
 * and what the centre has, meta 'rating_sent_seq'. No ticket, phone or
 * label is in a rating, so none leaves through this file. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

#define RATING_SENT_SQL                                                                            \
    "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'rating_sent_seq'), 0)"

int store_rating_events(store_t *st, long long after_seq, int limit, store_rating_cb cb, void *ctx)
{
    const char *what = "ratings to send";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT seq, day, station_id, service_id, level, reasons, channel"
                                  " FROM ratings WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                                  "ll", after_seq, limit > 0 ? (long long)limit : -1LL);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_rating_row_t r;
        memset(&r, 0, sizeof r);
        r.seq = sqlite3_column_int64(s, 0);
        sql_copy_col(r.day, sizeof r.day, s, 1);
        sql_copy_col(r.station_id, sizeof r.station_id, s, 2);
        sql_copy_col(r.service_id, sizeof r.service_id, s, 3);
        r.level = sqlite3_column_int(s, 4);
        sql_copy_col(r.reasons, sizeof r.reasons, s, 5);
        sql_copy_col(r.channel, sizeof r.channel, s, 6);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_rating_sync_state(store_t *st, long long *sent_seq, long long *last_seq,
                            long long *pending)
{
    return store_stream_state(st, "rating sync state", "ratings", RATING_SENT_SQL, sent_seq,
                              last_seq, pending);
}

int store_rating_sync_sent(store_t *st, long long seq)
{
    return store_stream_sent(st, "rating sync sent", "rating_sent_seq", seq);
}

long long store_ratings_renumber(store_t *st, long long first_seq)
{
    return store_stream_renumber(st, "renumber ratings", "ratings", RATING_SENT_SQL,
                                 "INSERT INTO meta (key, value) VALUES ('rating_sent_seq', ?1)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 first_seq);
}
