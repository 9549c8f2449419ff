/* The walk-in queue read back (schema version 8): the waiting numbers as
 * the rule sees them, how many are ahead of each, the status listing and
 * the lines; and the lines' import with the catalog. The steps that write
 * are in queue.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define TICKET_COLS                                                                                \
    "id, day, line_id, label, kind, status, COALESCE(booking, ''), COALESCE(booked_at, ''),"       \
    " taken_at, COALESCE(called_at, ''), COALESCE(served_at, ''), COALESCE(finished_at, ''),"      \
    " COALESCE(counter, 0), recalls, COALESCE(call_seq, 0)"

static long long minutes_of(const char *t)
{
    dt_date_t d;
    int m;
    return t && dt_parse_datetime(t, &d, &m) == 0 ? dt_stamp(d, m) : 0;
}

static void day_of(long long now, char day[11])
{
    char now_text[17];
    dt_format_stamp(now, now_text);
    memcpy(day, now_text, 10);
    day[10] = '\0';
}

void store_queue_waiting_free(store_queue_waiting_t *ws)
{
    free(ws->ids);
    free(ws->w);
    memset(ws, 0, sizeof *ws);
}

int store_queue_load(store_t *st, const char *what, const char *day, const char *line,
                     store_queue_waiting_t *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT id, kind, taken_at, booked_at FROM queue_tickets"
                                  " WHERE day = ?1 AND status = 'waiting'"
                                  " AND (?2 IS NULL OR line_id = ?2) ORDER BY id",
                                  "ss", day, line);
    if (!s)
        return STORE_ERROR;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            long long *ids = realloc(out->ids, nc * sizeof *ids);
            if (ids)
                out->ids = ids;
            queue_waiting_t *w = ids ? realloc(out->w, nc * sizeof *w) : NULL;
            if (!w) {
                sqlite3_finalize(s);
                store_queue_waiting_free(out);
                store_msg(st, "%s: out of memory", what);
                return STORE_ERROR;
            }
            out->w = w;
            cap = nc;
        }
        queue_waiting_t *w = &out->w[out->n];
        queue_kind_t k = QUEUE_WALKIN;
        queue_kind_parse((const char *)sqlite3_column_text(s, 1), &k);
        w->kind = k;
        /* The row order within the day stands for the number: a transfer
         * has none of its own and waits from its transfer. */
        w->number = (int)out->n + 1;
        w->taken_at = minutes_of((const char *)sqlite3_column_text(s, 2));
        w->booked_at = minutes_of((const char *)sqlite3_column_text(s, 3));
        out->ids[out->n++] = sqlite3_column_int64(s, 0);
    }
    if (sql_finish_rows(st, what, s, rc)) {
        store_queue_waiting_free(out);
        return STORE_ERROR;
    }
    return STORE_OK;
}

int store_queue_run(store_t *st, const char *what, const char *day, const char *line)
{
    long long n = 0;
    if (sql_int(st, what, &n,
                "SELECT count(*) FROM queue_tickets WHERE day = ?1 AND called_as = 'regular'"
                " AND (?2 IS NULL OR line_id = ?2) AND call_seq > COALESCE((SELECT max(call_seq)"
                " FROM queue_tickets WHERE day = ?1 AND called_as = 'priority'"
                " AND (?2 IS NULL OR line_id = ?2)), 0)",
                "ss", day, line) < 0)
        return -1;
    return (int)n;
}

/* ahead[i] for each waiting ticket ws->ids[i] of one line. */
static int line_ahead(store_t *st, const char *what, const char *day, const char *line,
                      const queue_rule_t *rule, long long now, store_queue_waiting_t *ws,
                      int **ahead)
{
    *ahead = NULL;
    if (store_queue_load(st, what, day, line, ws))
        return STORE_ERROR;
    int run = store_queue_run(st, what, day, line);
    size_t *order = malloc((ws->n ? ws->n : 1) * sizeof *order);
    *ahead = malloc((ws->n ? ws->n : 1) * sizeof **ahead);
    if (run < 0 || !order || !*ahead) {
        free(order);
        free(*ahead);
        *ahead = NULL;
        store_queue_waiting_free(ws);
        if (run >= 0)
            store_msg(st, "%s: out of memory", what);
        return STORE_ERROR;
    }
    queue_order(rule, ws->w, ws->n, run, now, order);
    for (size_t k = 0; k < ws->n; k++)
        (*ahead)[order[k]] = (int)k;
    free(order);
    return STORE_OK;
}

static void ticket_row(sqlite3_stmt *s, store_queue_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    sql_copy_col(r->day, sizeof r->day, s, 1);
    sql_copy_col(r->line, sizeof r->line, s, 2);
    sql_copy_col(r->label, sizeof r->label, s, 3);
    sql_copy_col(r->kind, sizeof r->kind, s, 4);
    sql_copy_col(r->status, sizeof r->status, s, 5);
    sql_copy_col(r->booking, sizeof r->booking, s, 6);
    sql_copy_col(r->booked_at, sizeof r->booked_at, s, 7);
    sql_copy_col(r->taken_at, sizeof r->taken_at, s, 8);
    sql_copy_col(r->called_at, sizeof r->called_at, s, 9);
    sql_copy_col(r->served_at, sizeof r->served_at, s, 10);
    sql_copy_col(r->finished_at, sizeof r->finished_at, s, 11);
    r->counter = sqlite3_column_int(s, 12);
    r->recalls = sqlite3_column_int(s, 13);
    r->call_seq = sqlite3_column_int64(s, 14);
    r->ahead = -1;
}

int store_queue_row(store_t *st, const char *what, long long id, const queue_rule_t *rule,
                    long long now, store_queue_row_t *out)
{
    sqlite3_stmt *s =
        sql_prepare(st, what, "SELECT " TICKET_COLS " FROM queue_tickets WHERE id = ?1", "l", id);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        ticket_row(s, out);
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return STORE_ERROR;
    if (rc != SQLITE_ROW) {
        store_msg(st, "%s: queue ticket %lld is missing", what, id);
        return STORE_ERROR;
    }
    if (strcmp(out->status, "waiting") || !rule)
        return STORE_OK;
    store_queue_waiting_t ws;
    int *ahead;
    if (line_ahead(st, what, out->day, out->line, rule, now, &ws, &ahead))
        return STORE_ERROR;
    for (size_t i = 0; i < ws.n; i++)
        if (ws.ids[i] == id)
            out->ahead = ahead[i];
    free(ahead);
    store_queue_waiting_free(&ws);
    return STORE_OK;
}

int store_queue_of_booking(store_t *st, const char *ticket, const queue_rule_t *rule, long long now,
                           store_queue_row_t *out)
{
    const char *what = "queue number of a booking";
    if (!st)
        return STORE_ERROR;
    long long id = 0;
    int rc = sql_int(st, what, &id,
                     "SELECT id FROM queue_tickets WHERE booking = ?1 ORDER BY id DESC LIMIT 1",
                     "s", ticket);
    if (rc < 0)
        return STORE_ERROR;
    if (rc == 0)
        return store_refuse(st, RULES_NOT_FOUND);
    return store_queue_row(st, what, id, rule, now, out);
}

/* ---- Status --------------------------------------------------------------------------- */

typedef struct id_ahead {
    long long id;
    int ahead;
} id_ahead_t;

static int cmp_id(const void *a, const void *b)
{
    long long x = ((const id_ahead_t *)a)->id, y = ((const id_ahead_t *)b)->id;
    return (x > y) - (x < y);
}

/* Every waiting ticket of day with its ahead in its line, sorted by id. */
static int all_ahead(store_t *st, const char *what, const char *day, const queue_rule_t *rule,
                     long long now, id_ahead_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT DISTINCT line_id FROM queue_tickets"
                                  " WHERE day = ?1 AND status = 'waiting' ORDER BY line_id",
                                  "s", day);
    if (!s)
        return STORE_ERROR;
    /* At most 26 lines are active; older ones may still hold numbers. */
    char lines[64][QUEUE_LINE_ID_MAX];
    int nl = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && nl < 64)
        sql_copy_col(lines[nl++], QUEUE_LINE_ID_MAX, s, 0);
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return STORE_ERROR;
    size_t cap = 0;
    for (int l = 0; l < nl; l++) {
        store_queue_waiting_t ws;
        int *ahead;
        if (line_ahead(st, what, day, lines[l], rule, now, &ws, &ahead))
            goto fail;
        id_ahead_t *r = *out;
        if (*n + ws.n > cap && (r = realloc(*out, (*n + ws.n) * sizeof *r)) != NULL)
            cap = *n + ws.n;
        if (r) {
            *out = r;
            for (size_t i = 0; i < ws.n; i++)
                r[(*n)++] = (id_ahead_t){ws.ids[i], ahead[i]};
        }
        free(ahead);
        store_queue_waiting_free(&ws);
        if (!r) {
            store_msg(st, "%s: out of memory", what);
            goto fail;
        }
    }
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_id);
    return STORE_OK;
fail:
    free(*out);
    *out = NULL;
    return STORE_ERROR;
}

int store_queue_status(store_t *st, const queue_rule_t *rule, long long now, store_queue_cb cb,
                       void *ctx)
{
    const char *what = "queue status";
    if (!st)
        return STORE_ERROR;
    char day[11];
    day_of(now, day);
    /* One read transaction, so that the order and the rows agree. */
    if (sql_run(st, what, "BEGIN"))
        return STORE_ERROR;
    id_ahead_t *ah = NULL;
    size_t n = 0;
    int ret = STORE_ERROR;
    if (all_ahead(st, what, day, rule, now, &ah, &n))
        goto done;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT " TICKET_COLS " FROM queue_tickets WHERE day = ?1"
                                  " ORDER BY id",
                                  "s", day);
    if (!s)
        goto done;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_queue_row_t r;
        ticket_row(s, &r);
        id_ahead_t key = {r.id, 0}, *hit = n ? bsearch(&key, ah, n, sizeof *ah, cmp_id) : NULL;
        if (hit && !strcmp(r.status, "waiting"))
            r.ahead = hit->ahead;
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    ret = sql_finish_rows(st, what, s, rc);
done:
    free(ah);
    sql_run(st, what, "COMMIT");
    return ret;
}

/* ---- Lines ------------------------------------------------------------------------------ */

int store_queue_lines(store_t *st, long long now, store_queue_line_cb cb, void *ctx)
{
    const char *what = "queue lines";
    if (!st)
        return STORE_ERROR;
    char day[11];
    day_of(now, day);
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT l.id, l.letter, l.name_zh, l.name_en, MIN(l.cap, COALESCE(d.cap, l.cap)),"
        " COALESCE(d.closed, 0),"
        " (SELECT COALESCE(MAX(number), 0) FROM queue_tickets t WHERE t.day = ?1"
        "  AND t.line_id = l.id),"
        " (SELECT count(*) FROM queue_tickets t WHERE t.day = ?1 AND t.line_id = l.id"
        "  AND t.status = 'waiting')"
        " FROM queue_lines l LEFT JOIN queue_days d ON d.line_id = l.id AND d.day = ?1"
        " WHERE l.active = 1 ORDER BY l.sort",
        "s", day);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_queue_line_row_t r;
        memset(&r, 0, sizeof r);
        sql_copy_col(r.id, sizeof r.id, s, 0);
        const unsigned char *letter = sqlite3_column_text(s, 1);
        r.letter = letter ? (char)letter[0] : '?';
        sql_copy_col(r.name_zh, sizeof r.name_zh, s, 2);
        sql_copy_col(r.name_en, sizeof r.name_en, s, 3);
        r.cap = sqlite3_column_int(s, 4);
        r.closed = sqlite3_column_int(s, 5);
        r.taken = sqlite3_column_int(s, 6);
        r.waiting = sqlite3_column_int(s, 7);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_queue_import_lines(store_t *st, const char *what, const catalog_t *cat)
{
    /* Unchanged lines write nothing (the kiosk imports at every start). */
    for (int i = 0; i < cat->n_lines; i++) {
        const catalog_line_t *l = &cat->lines[i];
        char letter[2] = {l->letter, '\0'};
        if (sql_exec(st, what,
                     "INSERT INTO queue_lines (id, letter, name_zh, name_en, cap, sort, active)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)"
                     " ON CONFLICT (id) DO UPDATE SET letter = excluded.letter,"
                     " name_zh = excluded.name_zh, name_en = excluded.name_en,"
                     " cap = excluded.cap, sort = excluded.sort, active = 1"
                     " WHERE letter IS NOT excluded.letter OR name_zh IS NOT excluded.name_zh"
                     " OR name_en IS NOT excluded.name_en OR cap IS NOT excluded.cap"
                     " OR sort IS NOT excluded.sort OR active IS NOT 1",
                     "ssssii", l->id, letter, l->name.zh, l->name.en, l->cap, i) < 0)
            return STORE_ERROR;
    }
    /* Gone from the catalog: kept for the numbers that name them. */
    sqlite3_stmt *s = sql_prepare(st, what, "SELECT id FROM queue_lines WHERE active = 1", NULL);
    if (!s)
        return STORE_ERROR;
    char gone[64][QUEUE_LINE_ID_MAX];
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < 64) {
        char id[QUEUE_LINE_ID_MAX];
        sql_copy_col(id, sizeof id, s, 0);
        if (!catalog_find_line(cat, id))
            memcpy(gone[n++], id, sizeof id);
    }
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return STORE_ERROR;
    for (int i = 0; i < n; i++)
        if (sql_exec(st, what, "UPDATE queue_lines SET active = 0 WHERE id = ?1", "s", gone[i]) < 0)
            return STORE_ERROR;
    return STORE_OK;
}

/* w (issue 19): today's serving times of line, for the walk-in estimate. */
int store_queue_counters_serving(store_t *st, const char *line, long long now, int window_minutes)
{
    if (!st || !line || window_minutes < 0)
        return STORE_ERROR;
    char day[11], since[17];
    day_of(now, day);
    dt_format_stamp(now - window_minutes, since);
    long long n = 0;
    /* Times are "YYYY-MM-DD HH:MM": compared as text they keep their order. */
    if (sql_int(st, "queue counters serving", &n,
                "SELECT COUNT(DISTINCT counter) FROM queue_tickets WHERE day = ?1 AND line_id = ?2"
                " AND counter IS NOT NULL AND called_at >= ?3",
                "sss", day, line, since) < 0)
        return STORE_ERROR;
    return n > 99 ? 99 : (int)n; /* counters are 1..99 */
}

int store_queue_service_times(store_t *st, const char *line, long long now, int *minutes, int max)
{
    const char *what = "queue service times";
    if (!st || !line || max < 0)
        return STORE_ERROR;
    char day[11];
    day_of(now, day);
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT served_at, finished_at FROM queue_tickets WHERE day = ?1"
                                  " AND line_id = ?2 AND status = 'done' AND served_at IS NOT NULL"
                                  " AND finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC",
                                  "ss", day, line);
    if (!s)
        return STORE_ERROR;
    int rc = SQLITE_DONE, n = 0;
    while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long from = minutes_of((const char *)sqlite3_column_text(s, 0));
        long long to = minutes_of((const char *)sqlite3_column_text(s, 1));
        if (from && to >= from)
            minutes[n++] = (int)(to - from);
    }
    if (n == max)
        rc = SQLITE_DONE;
    rc = sql_finish_rows(st, what, s, rc);
    return rc == STORE_OK ? n : rc;
}
