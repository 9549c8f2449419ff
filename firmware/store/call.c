/* Calls for staff (schema version 5): a resident pressed 找工作人员 on a
 * kiosk. The kiosk records the call with its outbox event for the centre
 * (schema 7), staff list and acknowledge them (on the kiosk's staff screen
 * or with kioskctl calls; the acknowledgement is an event too), and the kiosk alerts
 * staff again while nobody has. Its own file: the calls table is its own
 * concern, apart from bookings. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

#define CALL_COLS "id, kiosk, at, screen, alerts, alerted_at, acked_at, acked_by"

/* A screen id: what the CHECK of the table also holds, said clearly. */
static int screen_ok(const char *screen)
{
    size_t n = screen ? strlen(screen) : 0;
    if (n < 1 || n > 23)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((screen[i] >= 'a' && screen[i] <= 'z') || screen[i] == '-'))
            return 0;
    return 1;
}

int store_call_add(store_t *st, const store_origin_t *origin, const char *screen, long long now,
                   long long *id, int *created)
{
    const char *what = "call staff";
    if (id)
        *id = 0;
    if (created)
        *created = 0;
    if (!st)
        return STORE_ERROR;
    if (!origin || !origin->kiosk || !*origin->kiosk || !screen_ok(screen)) {
        store_msg(st, "%s: a kiosk and a screen id (a-z and '-') are needed", what);
        return STORE_ERROR;
    }
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    long long have = 0;
    int rc = sql_int(st, what, &have,
                     "SELECT id FROM calls WHERE kiosk = ?1 AND visit = ?2 AND acked_at IS NULL"
                     " ORDER BY id DESC LIMIT 1",
                     "sl", origin->kiosk, origin->visit);
    if (rc < 0)
        return store_write_end(st, what, STORE_ERROR);
    if (rc == 1) {
        /* Pressed again in the same visit: the same call, nothing new. */
        store_rollback(st);
        store_msg(st, "%s", "");
        if (id)
            *id = have;
        return STORE_OK;
    }
    if (sql_exec(st, what,
                 "INSERT INTO calls (kiosk, visit, at, screen, alerts, alerted_at)"
                 " VALUES (?1, ?2, ?3, ?4, 1, ?3)",
                 "slss", origin->kiosk, origin->visit, now_text, screen) != 1)
        return store_write_end(st, what, STORE_ERROR);
    long long new_id = sqlite3_last_insert_rowid(st->db);
    /* The centre's event, in the call's transaction: no call without it. */
    rc = store_write_done(st, what, store_outbox_call(st, what, "call", new_id, now_text));
    if (rc == STORE_OK) {
        if (id)
            *id = new_id;
        if (created)
            *created = 1;
    }
    return rc;
}

static void call_row(sqlite3_stmt *s, store_call_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    sql_copy_col(r->kiosk, sizeof r->kiosk, s, 1);
    sql_copy_col(r->at, sizeof r->at, s, 2);
    sql_copy_col(r->screen, sizeof r->screen, s, 3);
    r->alerts = sqlite3_column_int(s, 4);
    sql_copy_col(r->alerted_at, sizeof r->alerted_at, s, 5);
    sql_copy_col(r->acked_at, sizeof r->acked_at, s, 6);
    sql_copy_col(r->acked_by, sizeof r->acked_by, s, 7);
}

int store_calls(store_t *st, int open_only, store_call_cb cb, void *ctx)
{
    const char *what = "calls";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT " CALL_COLS " FROM calls"
                                  " WHERE ?1 = 0 OR acked_at IS NULL ORDER BY id DESC",
                                  "i", open_only ? 1 : 0);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_call_row_t r;
        call_row(s, &r);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_call_ack(store_t *st, const char *staff, long long id, long long now)
{
    return store_call_ack_from(st, staff, NULL, id, now);
}

int store_call_ack_from(store_t *st, const char *staff, const char *where, long long id,
                        long long now)
{
    const char *what = "acknowledge call";
    if (!st)
        return STORE_ERROR;
    if (!staff || !*staff) {
        store_msg(st, "%s: a staff name is needed for the audit log", what);
        return STORE_ERROR;
    }
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int ret = STORE_ERROR;
    sqlite3_stmt *s =
        sql_prepare(st, what, "SELECT " CALL_COLS " FROM calls WHERE id = ?1", "l", id);
    if (!s)
        goto done;
    store_call_row_t r;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        call_row(s, &r);
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        goto done;
    if (rc != SQLITE_ROW || r.acked_at[0]) {
        ret = store_refuse(st, rc != SQLITE_ROW ? RULES_NOT_FOUND : RULES_BAD_STATE);
        goto done;
    }
    if (sql_exec(st, what, "UPDATE calls SET acked_at = ?2, acked_by = ?3 WHERE id = ?1", "lss",
                 id, now_text, staff) != 1)
        goto done;
    char detail[200];
    snprintf(detail, sizeof detail, "%s%scall %lld from %s on %s at %s", where ? where : "",
             where ? ": " : "", id, r.kiosk, r.screen, r.at);
    if (store_audit_insert(st, what, staff, "call_ack", NULL, NULL, detail, now_text) ||
        store_outbox_call(st, what, "call_ack", id, now_text))
        goto done;
    ret = STORE_OK;
done:
    return store_write_done(st, what, ret);
}

/* At most this many repeats a pass: more would mean a kiosk whose staff
 * never answer, and the next pass takes the rest. */
#define CALLS_DUE_MAX 8

int store_calls_due(store_t *st, const char *kiosk, long long now, int repeat_minutes,
                    store_call_cb cb, void *ctx)
{
    const char *what = "calls due";
    if (!st)
        return STORE_ERROR;
    if (repeat_minutes < 1 || !kiosk)
        return STORE_OK;
    char now_text[17], before[17];
    dt_format_stamp(now - repeat_minutes, before);
    /* Read first, without the write lock: nearly always nothing is due. */
    long long n = 0;
    if (sql_int(st, what, &n,
                "SELECT count(*) FROM calls WHERE kiosk = ?1 AND acked_at IS NULL"
                " AND alerted_at <= ?2",
                "ss", kiosk, before) < 0)
        return STORE_ERROR;
    if (n == 0)
        return STORE_OK;
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    store_call_row_t due[CALLS_DUE_MAX];
    int k = 0, rc;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT " CALL_COLS " FROM calls WHERE kiosk = ?1"
                                  " AND acked_at IS NULL AND alerted_at <= ?2"
                                  " ORDER BY id DESC LIMIT ?3",
                                  "ssi", kiosk, before, CALLS_DUE_MAX);
    if (!s)
        return store_write_end(st, what, STORE_ERROR);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < CALLS_DUE_MAX)
        call_row(s, &due[k++]);
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return store_write_end(st, what, STORE_ERROR);
    for (int i = 0; i < k; i++) {
        if (sql_exec(st, what,
                     "UPDATE calls SET alerts = alerts + 1, alerted_at = ?2 WHERE id = ?1", "ls",
                     due[i].id, now_text) != 1)
            return store_write_end(st, what, STORE_ERROR);
        due[i].alerts++;
        memcpy(due[i].alerted_at, now_text, sizeof due[i].alerted_at);
    }
    if (store_write_done(st, what, STORE_OK))
        return STORE_ERROR;
    for (int i = 0; i < k; i++)
        if (cb(ctx, &due[i]))
            break;
    return STORE_OK;
}
