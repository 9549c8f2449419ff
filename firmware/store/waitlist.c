/* i20wait (issue 20): the waitlist of a full session. Joining, the one path
 * that fills a freed seat (store_seat_freed, run inside the transaction of
 * whatever freed it), the hold that passes on, and staff's call list.
 *
 * A held seat is a real booking (status booked, booked_by 'waitlist'), not
 * a reservation beside the bookings: the capacity triggers, the day's
 * list, check-in, the per-person unique index and the outbox then count it
 * as every other seat, so no path can give the same seat twice, and the
 * resident who comes without a call finds it at the kiosk or at the desk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "store_int.h"

#define WAIT_SESSION "session"

void store_set_waitlist_hold(store_t *st, int minutes)
{
    if (st)
        st->waitlist_hold = minutes >= 1 && minutes <= 10080 ? minutes : 0;
}

static int hold_minutes(const store_t *st)
{
    return st->waitlist_hold > 0 ? st->waitlist_hold : STORE_WAITLIST_HOLD_DEFAULT;
}

/* A fresh unused ticket code from SQLite's randomness (the store has no
 * libsodium; SQLite seeds its generator from the OS's). */
static int new_code(store_t *st, const char *what, char code[KIOSK_TICKET_SIZE])
{
    static const char alphabet[] = KIOSK_TICKET_ALPHABET;
    for (int tries = 0; tries < 16; tries++) {
        sqlite3_stmt *s = sql_prepare(st, what, "SELECT randomblob(8)", NULL);
        if (!s)
            return STORE_ERROR;
        if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_bytes(s, 0) != 8) {
            store_fail_db(st, what);
            sqlite3_finalize(s);
            return STORE_ERROR;
        }
        const unsigned char *b = sqlite3_column_blob(s, 0);
        for (int i = 0; i < KIOSK_TICKET_LEN; i++)
            code[i] = alphabet[b[i] & 31];
        code[KIOSK_TICKET_LEN] = '\0';
        sqlite3_finalize(s);
        int rc = sql_int(st, what, NULL, "SELECT 1 FROM bookings WHERE ticket = ?1", "s", code);
        if (rc < 0)
            return STORE_ERROR;
        if (rc == 0)
            return STORE_OK;
    }
    store_msg(st, "%s: no unused ticket code", what);
    return STORE_ERROR;
}

int store_seat_freed(store_t *st, const char *what, const char *session_id,
                     const char *now_text)
{
    if (!session_id)
        return STORE_OK;
    for (;;) {
        /* The head of the list, if the session is still open, not started,
         * and has room for its persons now. */
        sqlite3_stmt *s = sql_prepare(
            st, what,
            "SELECT w.id, w.phone, w.for_label, w.party,"
            " s.capacity - (SELECT COALESCE(SUM(b.party), 0) FROM bookings b"
            "   WHERE b.session_id = s.id AND b.status IN ('booked', 'checked_in')),"
            " (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.phone = w.phone"
            "   AND COALESCE(b.for_label, '') = COALESCE(w.for_label, '')"
            "   AND b.status IN ('booked', 'checked_in')),"
            " min(strftime('%Y-%m-%d %H:%M', ?2, '+' || ?3 || ' minutes'),"
            "     s.date || ' ' || s.start)"
            " FROM waitlist w JOIN sessions s ON s.id = w.target_id"
            " WHERE w.target_kind = 'session' AND w.target_id = ?1 AND w.status = 'waiting'"
            " AND s.state = 'open' AND s.date || ' ' || s.start > ?2"
            " ORDER BY w.id LIMIT 1",
            "ssi", session_id, now_text, hold_minutes(st));
        if (!s)
            return STORE_ERROR;
        int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE) {
            sqlite3_finalize(s);
            return STORE_OK;
        }
        if (rc != SQLITE_ROW) {
            store_fail_db(st, what);
            sqlite3_finalize(s);
            return STORE_ERROR;
        }
        long long id = sqlite3_column_int64(s, 0);
        char phone[KIOSK_PHONE_SIZE], label[KIOSK_LABEL_SIZE], until[17];
        sql_copy_col(phone, sizeof phone, s, 1);
        sql_copy_col(label, sizeof label, s, 2);
        int party = sqlite3_column_int(s, 3);
        int room = sqlite3_column_int(s, 4);
        int holds = sqlite3_column_int(s, 5);
        sql_copy_col(until, sizeof until, s, 6);
        sqlite3_finalize(s);
        if (holds > 0) {
            /* They got a seat another way (a capacity raised, staff): off
             * the list, and the next one is looked at. */
            if (sql_exec(st, what,
                         "UPDATE waitlist SET status = 'withdrawn', updated_at = ?2 WHERE id = ?1",
                         "ls", id, now_text) < 0)
                return STORE_ERROR;
            continue;
        }
        /* In order: nobody passes the head; it waits for room for its persons. */
        if (party > room)
            return STORE_OK;
        char code[KIOSK_TICKET_SIZE];
        if (new_code(st, what, code))
            return STORE_ERROR;
        if (sql_exec(st, what,
                     "INSERT INTO bookings (ticket, session_id, phone, party, status, created_at,"
                     " updated_at, for_label, booked_by) VALUES (?1, ?2, ?3, ?4, 'booked', ?5,"
                     " ?5, ?6, 'waitlist')",
                     "sssiss", code, session_id, *phone ? phone : NULL, party, now_text,
                     *label ? label : NULL) < 0 ||
            store_outbox_add(st, what, "created", code, now_text) ||
            sql_exec(st, what,
                     "UPDATE waitlist SET status = 'held', ticket = ?2, held_until = ?3,"
                     " updated_at = ?4 WHERE id = ?1",
                     "lsss", id, code, until, now_text) < 0)
            return STORE_ERROR;
    }
}

int store_waitlist_after(store_t *st, const char *what, const char *ticket, const char *to,
                         const char *now_text)
{
    int checked_in = !strcmp(to, "checked_in");
    if (sql_exec(st, what,
                 "UPDATE waitlist SET status = ?2, updated_at = ?3"
                 " WHERE ticket = ?1 AND status = 'held'",
                 "sss", ticket, checked_in ? "taken" : "withdrawn", now_text) < 0)
        return STORE_ERROR;
    if (checked_in)
        return STORE_OK;
    char *session = NULL;
    int rc = sql_text(st, what, &session, "SELECT session_id FROM bookings WHERE ticket = ?1",
                      "s", ticket);
    if (rc < 0)
        return STORE_ERROR;
    rc = store_seat_freed(st, what, session, now_text);
    free(session);
    return rc;
}

/* ---- Joining ------------------------------------------------------------------ */

static int position_of(store_t *st, const char *what, long long id, int *position)
{
    long long n = 0;
    int rc = sql_int(st, what, &n,
                     "SELECT count(*) FROM waitlist w JOIN waitlist me ON me.id = ?1"
                     " WHERE w.target_kind = me.target_kind AND w.target_id = me.target_id"
                     " AND w.status = 'waiting' AND w.id <= me.id",
                     "l", id);
    if (rc < 0)
        return STORE_ERROR;
    *position = (int)n;
    return STORE_OK;
}

int store_waitlist_join(store_t *st, const store_origin_t *origin, const char *session_id,
                        const store_person_t *who, int party, long long now,
                        const rules_t *rules, long long *id, int *position)
{
    const char *what = "join waitlist";
    const char *phone = who ? who->phone : NULL, *label = who ? who->for_label : NULL;
    const char *by = who && who->booked_by ? who->booked_by : origin ? "kiosk" : "kioskctl";
    if (!st)
        return STORE_ERROR;
    if (id)
        *id = 0;
    if (position)
        *position = 0;
    if (!rules) {
        store_msg(st, "%s: no rules given", what);
        return STORE_ERROR;
    }
    if (strlen(by) < 1 || strlen(by) > 32) {
        store_msg(st, "%s: who added it is 1 to 32 bytes", what);
        return STORE_ERROR;
    }
    /* Staff must be able to phone them: no number, no place on the list. */
    if (!phone)
        return store_refuse(st, RULES_BAD_PHONE);
    rules_result_t early = rules_check_person(rules, phone, label, party);
    if (early != RULES_OK)
        return store_refuse(st, early);
    if (!session_id)
        return store_refuse(st, RULES_NO_SESSION);
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int ret = STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT s.date, s.start, s.capacity, s.state,"
        " (SELECT COALESCE(SUM(b.party), 0) FROM bookings b WHERE b.session_id = s.id"
        "   AND b.status IN ('booked', 'checked_in')),"
        " (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.phone = ?2"
        "   AND COALESCE(b.for_label, '') = COALESCE(?3, '')"
        "   AND b.status IN ('booked', 'checked_in')),"
        " (SELECT count(*) FROM waitlist w WHERE w.target_kind = 'session'"
        "   AND w.target_id = s.id AND w.phone = ?2"
        "   AND COALESCE(w.for_label, '') = COALESCE(?3, '') AND w.status IN ('waiting', 'held')),"
        " (SELECT count(*) FROM waitlist w WHERE w.target_kind = 'session'"
        "   AND w.target_id = s.id AND w.status = 'waiting')"
        " FROM sessions s WHERE s.id = ?1",
        "sss", session_id, phone, label);
    if (!s)
        goto done;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(s);
        ret = store_refuse(st, RULES_NO_SESSION);
        goto done;
    }
    if (rc != SQLITE_ROW) {
        store_fail_db(st, what);
        sqlite3_finalize(s);
        goto done;
    }
    char date_text[11], start_text[6], state[16];
    sql_copy_col(date_text, sizeof date_text, s, 0);
    sql_copy_col(start_text, sizeof start_text, s, 1);
    int capacity = sqlite3_column_int(s, 2);
    sql_copy_col(state, sizeof state, s, 3);
    int taken = sqlite3_column_int(s, 4), holds = sqlite3_column_int(s, 5);
    int waits = sqlite3_column_int(s, 6), waiting = sqlite3_column_int(s, 7);
    sqlite3_finalize(s);
    dt_date_t date;
    int start_min;
    rules_result_t why = RULES_OK;
    if (dt_parse_date(date_text, &date) || dt_parse_hhmm(start_text, &start_min)) {
        store_msg(st, "%s: session %s has a malformed date or time", what, session_id);
        goto done;
    }
    if (strcmp(state, "open") != 0)
        why = RULES_CLOSED;
    else if (rules_check_cutoff(rules, date, start_min, now) != RULES_OK)
        why = RULES_TOO_LATE;
    else if (holds || waits)
        why = RULES_DUPLICATE;
    else if (taken + party <= capacity && waiting == 0)
        why = RULES_BAD_STATE; /* seats are free and nobody waits: book */
    if (why != RULES_OK) {
        ret = store_refuse(st, why);
        goto done;
    }
    if (sql_exec(st, what,
                 "INSERT INTO waitlist (target_kind, target_id, phone, for_label, party, status,"
                 " created_at, updated_at, added_by, kiosk) VALUES ('" WAIT_SESSION
                 "', ?1, ?2, ?3, ?4, 'waiting', ?5, ?5, ?6, ?7)",
                 "sssiss" "s", session_id, phone, label, party, now_text, by,
                 origin ? origin->kiosk : NULL) < 0)
        goto done;
    long long row = sqlite3_last_insert_rowid(st->db);
    int pos = 0;
    if (position_of(st, what, row, &pos))
        goto done;
    if (id)
        *id = row;
    if (position)
        *position = pos;
    ret = STORE_OK;
done:
    return store_write_done(st, what, ret);
}

/* ---- Listing ------------------------------------------------------------------ */

#define WAIT_SELECT                                                                                \
    "SELECT w.id, w.target_kind, w.target_id, COALESCE(w.phone, ''), COALESCE(w.for_label, ''),"  \
    " w.party, w.status, w.created_at, w.updated_at, COALESCE(w.held_until, ''),"                  \
    " COALESCE(w.ticket, ''), w.added_by, COALESCE(s.service_id, ''),"                             \
    " COALESCE(v.name_zh, ''), COALESCE(s.date, ''), COALESCE(s.start, ''),"                       \
    " COALESCE(s.end, ''), COALESCE(v.location_zh, ''),"                                           \
    " CASE WHEN w.status = 'waiting' THEN (SELECT count(*) FROM waitlist x"                        \
    "   WHERE x.target_kind = w.target_kind AND x.target_id = w.target_id"                         \
    "   AND x.status = 'waiting' AND x.id <= w.id) ELSE 0 END"                                     \
    " FROM waitlist w LEFT JOIN sessions s ON w.target_kind = 'session' AND s.id = w.target_id"   \
    " LEFT JOIN services v ON v.id = s.service_id"

static void row_from(sqlite3_stmt *s, store_waitlist_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    sql_copy_col(r->target_kind, sizeof r->target_kind, s, 1);
    sql_copy_col(r->target_id, sizeof r->target_id, s, 2);
    sql_copy_col(r->phone, sizeof r->phone, s, 3);
    sql_copy_col(r->for_label, sizeof r->for_label, s, 4);
    r->party = sqlite3_column_int(s, 5);
    sql_copy_col(r->status, sizeof r->status, s, 6);
    sql_copy_col(r->created_at, sizeof r->created_at, s, 7);
    sql_copy_col(r->updated_at, sizeof r->updated_at, s, 8);
    sql_copy_col(r->held_until, sizeof r->held_until, s, 9);
    sql_copy_col(r->ticket, sizeof r->ticket, s, 10);
    sql_copy_col(r->added_by, sizeof r->added_by, s, 11);
    sql_copy_col(r->service_id, sizeof r->service_id, s, 12);
    sql_copy_col(r->service_name, sizeof r->service_name, s, 13);
    sql_copy_col(r->date, sizeof r->date, s, 14);
    sql_copy_col(r->start, sizeof r->start, s, 15);
    sql_copy_col(r->end, sizeof r->end, s, 16);
    sql_copy_col(r->location, sizeof r->location, s, 17);
    r->position = sqlite3_column_int(s, 18);
}

int store_waitlist(store_t *st, const store_waitlist_filter_t *f, store_waitlist_cb cb,
                   void *ctx)
{
    const char *what = "waitlist";
    if (!st || !cb)
        return STORE_ERROR;
    store_waitlist_filter_t none = {0};
    if (!f)
        f = &none;
    sqlite3_stmt *s = sql_prepare(
        st, what,
        WAIT_SELECT " WHERE (?1 IS NULL OR w.target_id = ?1) AND (?2 IS NULL OR w.phone = ?2)"
                    " AND (?3 = 0 OR w.status IN ('waiting', 'held'))"
                    " AND (?4 = 0 OR w.status = 'held')"
                    " ORDER BY CASE WHEN ?4 = 0 THEN '' ELSE w.held_until END,"
                    " s.date, s.start, w.target_id, w.status <> 'held', w.id",
        "ssii", f->session_id, f->phone, f->active_only, f->call_list);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_waitlist_row_t r;
        row_from(s, &r);
        int stop = cb(ctx, &r);
        if (stop) {
            sqlite3_finalize(s);
            return stop;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_waitlist_get(store_t *st, long long id, store_waitlist_row_t *row)
{
    const char *what = "waitlist";
    if (!st || !row)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(st, what, WAIT_SELECT " WHERE w.id = ?1", "l", id);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        row_from(s, row);
        sqlite3_finalize(s);
        return STORE_OK;
    }
    int ret = sql_finish_rows(st, what, s, rc);
    return ret == STORE_OK ? store_refuse(st, RULES_NOT_FOUND) : ret;
}

/* ---- Staff and resident actions ------------------------------------------------ */

/* The row's status and session inside the transaction: 1 found, 0 not, -1 error. */
static int row_state(store_t *st, const char *what, long long id, char status[16],
                     char **session, char **phone, char **ticket)
{
    sqlite3_stmt *s = sql_prepare(
        st, what, "SELECT status, target_id, phone, ticket FROM waitlist WHERE id = ?1", "l", id);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        sql_copy_col(status, 16, s, 0);
        const unsigned char *t;
        *session = strdup((const char *)sqlite3_column_text(s, 1));
        *phone = (t = sqlite3_column_text(s, 2)) ? strdup((const char *)t) : NULL;
        *ticket = (t = sqlite3_column_text(s, 3)) ? strdup((const char *)t) : NULL;
        sqlite3_finalize(s);
        return 1;
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return 0;
    store_msg(st, "%s: %s", what, sqlite3_errmsg(st->db));
    return -1;
}

int store_waitlist_confirm(store_t *st, const char *staff, long long id, long long now)
{
    const char *what = "waitlist confirm";
    if (!st)
        return STORE_ERROR;
    if (!staff || !*staff) {
        store_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int ret = STORE_ERROR;
    char status[16] = "", *session = NULL, *phone = NULL, *ticket = NULL;
    int rc = row_state(st, what, id, status, &session, &phone, &ticket);
    if (rc < 0)
        goto done;
    if (rc == 0 || strcmp(status, "held") != 0) {
        ret = store_refuse(st, rc == 0 ? RULES_NOT_FOUND : RULES_BAD_STATE);
        goto done;
    }
    char detail[64];
    snprintf(detail, sizeof detail, "waitlist %lld: phoned, seat taken", id);
    if (sql_exec(st, what,
                 "UPDATE waitlist SET status = 'taken', updated_at = ?2 WHERE id = ?1", "ls", id,
                 now_text) < 0 ||
        store_audit_insert(st, what, staff, "waitlist_confirm", ticket, session, detail,
                           now_text))
        goto done;
    ret = STORE_OK;
done:
    free(session);
    free(phone);
    free(ticket);
    return store_write_done(st, what, ret);
}

int store_waitlist_seen(store_t *st, const char *phone, long long now, int *n)
{
    const char *what = "waitlist seen";
    if (n)
        *n = 0;
    if (!st)
        return STORE_ERROR;
    if (!phone)
        return STORE_OK;
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int marked = sql_exec(st, what,
                           "UPDATE waitlist SET status = 'taken', updated_at = ?2"
                           " WHERE phone = ?1 AND status = 'held'",
                           "ss", phone, now_text);
    if (marked > 0 && n)
        *n = marked;
    return store_write_done(st, what, marked < 0 ? STORE_ERROR : STORE_OK);
}

int store_waitlist_withdraw(store_t *st, const char *staff, const char *phone, long long id,
                            long long now)
{
    const char *what = "waitlist withdraw";
    if (!st)
        return STORE_ERROR;
    if (staff && !*staff) {
        store_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int ret = STORE_ERROR;
    char status[16] = "", *session = NULL, *row_phone = NULL, *ticket = NULL;
    int rc = row_state(st, what, id, status, &session, &row_phone, &ticket);
    if (rc < 0)
        goto done;
    /* A resident reaches only their own rows: another phone's is "not found". */
    if (rc == 0 || (!staff && (!phone || !row_phone || strcmp(phone, row_phone) != 0))) {
        ret = store_refuse(st, RULES_NOT_FOUND);
        goto done;
    }
    if (strcmp(status, "waiting") != 0 && strcmp(status, "held") != 0) {
        ret = store_refuse(st, RULES_BAD_STATE);
        goto done;
    }
    if (sql_exec(st, what,
                 "UPDATE waitlist SET status = 'withdrawn', updated_at = ?2 WHERE id = ?1", "ls",
                 id, now_text) < 0)
        goto done;
    if (!strcmp(status, "held")) {
        /* The held seat goes back, and on to the next, in this transaction. */
        if (sql_exec(st, what,
                     "UPDATE bookings SET status = 'cancelled', updated_at = ?2"
                     " WHERE ticket = ?1 AND status = 'booked'",
                     "ss", ticket, now_text) < 0 ||
            store_outbox_add(st, what, "cancelled", ticket, now_text) ||
            store_seat_freed(st, what, session, now_text))
            goto done;
    }
    if (staff) {
        char detail[64];
        snprintf(detail, sizeof detail, "waitlist %lld: withdrawn (was %s)", id, status);
        if (store_audit_insert(st, what, staff, "waitlist_withdraw", ticket, session, detail,
                               now_text))
            goto done;
    }
    ret = STORE_OK;
done:
    free(session);
    free(row_phone);
    free(ticket);
    return store_write_done(st, what, ret);
}

int store_waitlist_expire(store_t *st, long long now, int *passed)
{
    const char *what = "waitlist expire";
    if (passed)
        *passed = 0;
    if (!st)
        return STORE_ERROR;
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int ret = STORE_ERROR, n = 0;
    for (;;) {
        /* One passed hold at a time: passing it on may hold another. */
        sqlite3_stmt *s =
            sql_prepare(st, what,
                        "SELECT id, ticket, target_id FROM waitlist WHERE status = 'held'"
                        " AND held_until <= ?1 ORDER BY held_until, id LIMIT 1",
                        "s", now_text);
        if (!s)
            goto done;
        int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE) {
            sqlite3_finalize(s);
            break;
        }
        if (rc != SQLITE_ROW) {
            store_fail_db(st, what);
            sqlite3_finalize(s);
            goto done;
        }
        long long id = sqlite3_column_int64(s, 0);
        char ticket[KIOSK_TICKET_SIZE], target[KIOSK_SESSION_ID_SIZE], detail[80];
        sql_copy_col(ticket, sizeof ticket, s, 1);
        sql_copy_col(target, sizeof target, s, 2);
        sqlite3_finalize(s);
        snprintf(detail, sizeof detail, "waitlist %lld: hold passed, seat passed on", id);
        int changed = sql_exec(st, what,
                               "UPDATE bookings SET status = 'cancelled', updated_at = ?2"
                               " WHERE ticket = ?1 AND status = 'booked'",
                               "ss", ticket, now_text);
        if (changed < 0 ||
            sql_exec(st, what,
                     "UPDATE waitlist SET status = 'expired', updated_at = ?2 WHERE id = ?1",
                     "ls", id, now_text) < 0 ||
            (changed > 0 && store_outbox_add(st, what, "cancelled", ticket, now_text)) ||
            store_audit_insert(st, what, "waitlist", "waitlist_expire", ticket, target, detail,
                               now_text) ||
            store_seat_freed(st, what, target, now_text))
            goto done;
        n++;
    }
    /* Waiting for a session that started (or ended): nothing left to wait for. */
    if (sql_exec(st, what,
                 "UPDATE waitlist SET status = 'expired', updated_at = ?1"
                 " WHERE status = 'waiting' AND target_kind = 'session'"
                 " AND target_id IN (SELECT id FROM sessions WHERE date || ' ' || start <= ?1)",
                 "s", now_text) < 0)
        goto done;
    /* Room that appeared without a freeing path (a catalog raised a capacity). */
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT DISTINCT target_id FROM waitlist"
                                  " WHERE target_kind = 'session' AND status = 'waiting'",
                                  NULL);
    if (!s)
        goto done;
    char **ids = NULL;
    int count = 0, cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 8;
            char **t = realloc(ids, sizeof *ids * (size_t)cap);
            if (!t)
                break;
            ids = t;
        }
        ids[count] = strdup((const char *)sqlite3_column_text(s, 0));
        if (!ids[count])
            break;
        count++;
    }
    int ok = rc == SQLITE_ROW ? (sqlite3_finalize(s), store_msg(st, "%s: out of memory", what), 0)
                              : sql_finish_rows(st, what, s, rc) == STORE_OK;
    for (int i = 0; i < count; i++) {
        if (ok && store_seat_freed(st, what, ids[i], now_text))
            ok = 0;
        free(ids[i]);
    }
    free(ids);
    if (!ok)
        goto done;
    if (passed)
        *passed = n;
    ret = STORE_OK;
done:
    return store_write_done(st, what, ret);
}
