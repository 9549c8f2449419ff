/* Abuse limits at the kiosk (issue 14, item 7): what one visit and one
 * kiosk have booked, counted inside the booking transaction; the burst a
 * refusal flags; its listing and its release by staff in one step. The
 * judgement itself is core/rules.c's; this file reads the facts and keeps
 * the record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "store_int.h"

/* Only bookings that still hold seats count: a resident who cancels a
 * mistake gets the room back, and a released burst frees the kiosk. */
#define ACTIVE "status IN ('booked', 'checked_in')"

/* The window's start as a stamp text: bookings made at or after it count. */
static void window_start(const rules_t *rules, long long now, char out[17])
{
    dt_format_stamp(now - rules->service_burst_minutes + 1, out);
}

int store_burst_facts(store_t *st, const char *what, const store_origin_t *origin,
                      const char *session_id, long long now, const rules_t *rules,
                      rules_booking_t *b)
{
    long long n = 0;
    if (sql_int(st, what, &n,
                "SELECT count(*) FROM bookings WHERE kiosk = ?1 AND visit = ?2 AND " ACTIVE, "sl",
                origin->kiosk, origin->visit) < 0)
        return STORE_ERROR;
    b->visit_active = (int)n;
    char from[17];
    window_start(rules, now, from);
    if (sql_int(st, what, &n,
                "SELECT count(*) FROM bookings b JOIN sessions s ON s.id = b.session_id"
                " WHERE b.kiosk = ?1 AND b.created_at >= ?2 AND b." ACTIVE
                " AND s.service_id = (SELECT service_id FROM sessions WHERE id = ?3)",
                "sss", origin->kiosk, from, session_id) < 0)
        return STORE_ERROR;
    b->service_recent = (int)n;
    return STORE_OK;
}

int store_burst_flag(store_t *st, const char *what, const store_origin_t *origin,
                     const char *session_id, rules_result_t why, long long now,
                     const rules_t *rules, const char *now_text)
{
    int visit = why == RULES_VISIT_LIMIT;
    char from[17];
    window_start(rules, now, from);
    char *service = NULL;
    if (sql_text(st, what, &service, "SELECT service_id FROM sessions WHERE id = ?1", "s",
                 session_id) < 0)
        return STORE_ERROR;
    int ret = STORE_ERROR;
    /* One burst a visit; one a kiosk and service while it goes on (a
     * refusal within the window of the last one extends it). */
    long long id = 0;
    int found = visit ? sql_int(st, what, &id,
                                "SELECT id FROM bursts WHERE kind = 'visit' AND kiosk = ?1"
                                " AND visit = ?2 AND released_at IS NULL",
                                "sl", origin->kiosk, origin->visit)
                      : sql_int(st, what, &id,
                                "SELECT id FROM bursts WHERE kind = 'service' AND kiosk = ?1"
                                " AND service_id = ?2 AND released_at IS NULL AND last_at >= ?3"
                                " ORDER BY id DESC LIMIT 1",
                                "sss", origin->kiosk, service, from);
    if (found < 0)
        goto done;
    if (found) {
        if (sql_exec(st, what,
                     "UPDATE bursts SET last_at = ?2, refused = refused + 1 WHERE id = ?1", "ls",
                     id, now_text) < 0)
            goto done;
    } else {
        if (sql_exec(st, what,
                     "INSERT INTO bursts (kiosk, kind, visit, service_id, first_at, last_at)"
                     " VALUES (?1, ?2, CASE WHEN ?2 = 'visit' THEN ?3 END, ?4, ?5, ?5)",
                     "sslss", origin->kiosk, visit ? "visit" : "service", origin->visit,
                     visit ? NULL : service, now_text) < 0)
            goto done;
        id = sqlite3_last_insert_rowid(st->db);
    }
    int tagged = visit ? sql_exec(st, what,
                                  "UPDATE bookings SET burst = ?1 WHERE kiosk = ?2 AND visit = ?3"
                                  " AND burst IS NULL AND " ACTIVE,
                                  "lsl", id, origin->kiosk, origin->visit)
                       : sql_exec(st, what,
                                  "UPDATE bookings SET burst = ?1 WHERE kiosk = ?2"
                                  " AND burst IS NULL AND created_at >= ?3 AND " ACTIVE
                                  " AND session_id IN (SELECT id FROM sessions"
                                  " WHERE service_id = ?4)",
                                  "lsss", id, origin->kiosk, from, service);
    if (tagged < 0)
        goto done;
    if (!found) {
        long long held = 0;
        if (sql_int(st, what, &held, "SELECT count(*) FROM bookings WHERE burst = ?1", "l", id) < 0)
            goto done;
        char detail[200];
        snprintf(detail, sizeof detail,
                 visit ? "burst %lld on kiosk %s: one visit met its limit (%lld bookings held)"
                       : "burst %lld on kiosk %s: %lld bookings of one service in the window",
                 id, origin->kiosk, held);
        if (store_audit_insert(st, what, origin->kiosk, "burst", NULL, session_id, detail,
                               now_text))
            goto done;
    }
    ret = STORE_OK;
done:
    free(service);
    return ret;
}

int store_bursts(store_t *st, int open_only, store_burst_cb cb, void *ctx)
{
    const char *what = "bursts";
    if (!st)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT u.id, u.kiosk, u.kind, COALESCE(u.service_id, ''), u.first_at, u.last_at,"
        " u.refused, COALESCE(u.released_at, ''), COALESCE(u.released_by, ''),"
        " COALESCE(u.reason, ''),"
        " (SELECT count(*) FROM bookings b WHERE b.burst = u.id),"
        " (SELECT count(*) FROM bookings b WHERE b.burst = u.id AND b.status = 'booked'),"
        " (SELECT COALESCE(group_concat(name, ' '), '') FROM (SELECT DISTINCT v.name_zh AS name"
        "  FROM bookings b JOIN sessions s ON s.id = b.session_id"
        "  JOIN services v ON v.id = s.service_id WHERE b.burst = u.id ORDER BY v.name_zh))"
        " FROM bursts u WHERE ?1 = 0 OR u.released_at IS NULL ORDER BY u.id DESC",
        "i", open_only);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_burst_row_t r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(s, 0);
        sql_copy_col(r.kiosk, sizeof r.kiosk, s, 1);
        sql_copy_col(r.kind, sizeof r.kind, s, 2);
        sql_copy_col(r.service_id, sizeof r.service_id, s, 3);
        sql_copy_col(r.first_at, sizeof r.first_at, s, 4);
        sql_copy_col(r.last_at, sizeof r.last_at, s, 5);
        r.refused = sqlite3_column_int(s, 6);
        sql_copy_col(r.released_at, sizeof r.released_at, s, 7);
        sql_copy_col(r.released_by, sizeof r.released_by, s, 8);
        sql_copy_col(r.reason, sizeof r.reason, s, 9);
        r.bookings = sqlite3_column_int(s, 10);
        r.still_booked = sqlite3_column_int(s, 11);
        sql_copy_col(r.service_names, sizeof r.service_names, s, 12);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_burst_release(store_t *st, const char *staff, long long id, const char *reason,
                        long long now, int *cancelled)
{
    const char *what = "release burst";
    if (cancelled)
        *cancelled = 0;
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (!staff || !*staff || !reason || !*reason) {
        store_msg(st, "%s: a staff name and a reason are needed for the audit log", what);
        return STORE_ERROR;
    }
    char now_text[17];
    dt_format_stamp(now, now_text);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int ret = STORE_ERROR, n = 0;
    char **tickets = NULL;
    long long released = 0;
    int rc = sql_int(st, what, &released,
                     "SELECT released_at IS NOT NULL FROM bursts WHERE id = ?1", "l", id);
    if (rc < 0)
        goto done;
    if (rc == 0 || released) {
        ret = store_refuse(st, rc == 0 ? RULES_NOT_FOUND : RULES_BAD_STATE);
        goto done;
    }
    /* Collected first: the change of each goes through the staff's one
     * path (its audit row, its outbox event, cancelled_by). */
    sqlite3_stmt *s = sql_prepare(
        st, what, "SELECT ticket FROM bookings WHERE burst = ?1 AND status = 'booked' ORDER BY id",
        "l", id);
    if (!s)
        goto done;
    int cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **t = realloc(tickets, sizeof *tickets * (size_t)cap);
            if (!t) {
                store_msg(st, "%s: out of memory", what);
                sqlite3_finalize(s);
                goto done;
            }
            tickets = t;
        }
        tickets[n] = malloc(KIOSK_TICKET_SIZE);
        if (!tickets[n]) {
            store_msg(st, "%s: out of memory", what);
            sqlite3_finalize(s);
            goto done;
        }
        sql_copy_col(tickets[n++], KIOSK_TICKET_SIZE, s, 0);
    }
    if (sql_finish_rows(st, what, s, rc))
        goto done;
    char detail[240];
    snprintf(detail, sizeof detail, "%s (burst %lld)", reason, id);
    for (int i = 0; i < n; i++)
        if (store_staff_change(st, what, staff, tickets[i], RULES_CANCELLED, detail, now_text) !=
            STORE_OK)
            goto done;
    if (sql_exec(st, what,
                 "UPDATE bursts SET released_at = ?2, released_by = ?3, reason = ?4 WHERE id = ?1",
                 "lsss", id, now_text, staff, reason) < 0)
        goto done;
    snprintf(detail, sizeof detail, "burst %lld: %d bookings cancelled: %s", id, n, reason);
    if (store_audit_insert(st, what, staff, "release_burst", NULL, NULL, detail, now_text))
        goto done;
    if (cancelled)
        *cancelled = n;
    ret = STORE_OK;
done:
    for (int i = 0; i < n; i++)
        free(tickets[i]);
    free(tickets);
    return store_write_done(st, what, ret);
}
