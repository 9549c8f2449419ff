/* 好差评 (issue 20, schema 11): a visit rated once, anonymously. The
 * booking carries the flag (rated) and a staff member's prompt
 * (rate_prompt_at); the ratings row carries the service, the station, the
 * session's day, the level, the reasons and the channel: no ticket, phone,
 * label, nor the time it was made (docs/security.md). Staff follow low
 * ratings up with a note, audited. */
#include <stdio.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/wipe.h"
#include "store_int.h"

/* A visit as the rating flow needs it; rated and status decide. */
#define VISIT_SELECT                                                                               \
    "SELECT b.ticket, s.service_id, v.name_zh, s.date, s.start, b.status, b.rated"                 \
    " FROM bookings b JOIN sessions s ON s.id = b.session_id"                                      \
    " JOIN services v ON v.id = s.service_id"

static void visit_row(sqlite3_stmt *s, store_booking_row_t *r, int *rated)
{
    memset(r, 0, sizeof *r);
    sql_copy_col(r->ticket, sizeof r->ticket, s, 0);
    sql_copy_col(r->service_id, sizeof r->service_id, s, 1);
    sql_copy_col(r->service_name, sizeof r->service_name, s, 2);
    sql_copy_col(r->date, sizeof r->date, s, 3);
    sql_copy_col(r->start, sizeof r->start, s, 4);
    sql_copy_col(r->status, sizeof r->status, s, 5);
    if (rated)
        *rated = sqlite3_column_int(s, 6);
}

/* The visit of ticket and whether it may be rated (inside or outside a
 * transaction). */
static int check_visit(store_t *st, const char *what, const char *ticket, store_booking_row_t *row)
{
    if (!ticket || !*ticket)
        return store_refuse(st, RULES_NOT_FOUND);
    sqlite3_stmt *s = sql_prepare(st, what, VISIT_SELECT " WHERE b.ticket = ?1", "s", ticket);
    if (!s)
        return STORE_ERROR;
    int rated = 0, rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        visit_row(s, row, &rated);
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return STORE_ERROR;
    if (rc != SQLITE_ROW)
        return store_refuse(st, RULES_NOT_FOUND);
    if (strcmp(row->status, "checked_in") != 0)
        return store_refuse(st, RULES_BAD_STATE);
    if (rated != 0)
        return store_refuse(st, RULES_DUPLICATE);
    return RULES_OK;
}

/* A write about ticket's visit at now: the transaction begun and the
 * visit checked (RULES_OK, the transaction open), or the refusal or
 * error with the transaction ended. */
static int begin_visit(store_t *st, const char *what, const char *ticket, long long now,
                       char now_text[17], store_booking_row_t *b)
{
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int rc = check_visit(st, what, ticket, b);
    return rc == RULES_OK ? RULES_OK : store_write_end(st, what, rc);
}

int store_rate_check(store_t *st, const char *ticket, store_booking_row_t *row)
{
    if (!st)
        return STORE_ERROR;
    store_booking_row_t tmp;
    return check_visit(st, "rating", ticket, row ? row : &tmp);
}

int store_rate_due(store_t *st, const char *phone, const char *from_date, const char *before_date,
                   int max, store_booking_cb cb, void *ctx)
{
    const char *what = "visits to rate";
    if (!st)
        return STORE_ERROR;
    if (!phone || !*phone)
        return STORE_OK;
    sqlite3_stmt *s = sql_prepare(st, what,
                                  VISIT_SELECT " WHERE b.phone = ?1 AND b.status = 'checked_in'"
                                               " AND b.rated = 0 AND s.date >= ?2 AND s.date < ?3"
                                               " ORDER BY s.date DESC, s.start DESC, b.id DESC"
                                               " LIMIT ?4",
                                  "sssi", phone, from_date, before_date, max);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_booking_row_t r;
        visit_row(s, &r, NULL);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_rate(store_t *st, const char *ticket, int level, const char *reasons,
               rating_channel_t channel, long long now, long long *seq)
{
    const char *what = "rating";
    if (seq)
        *seq = 0;
    if (!st)
        return STORE_ERROR;
    if (!reasons)
        reasons = "";
    const char *via = rating_channel_name(channel);
    if (!rating_level_valid(level) || !rating_reasons_valid(level, reasons) || !via) {
        store_msg(st, "%s: a level of 1 to 5, reasons of that level (%s) and a channel are needed",
                  what, reasons);
        return RULES_BAD_PARTY;
    }
    char now_text[17];
    store_booking_row_t b;
    int rc = begin_visit(st, what, ticket, now, now_text, &b);
    if (rc != RULES_OK)
        return rc;
    /* The flag only: updated_at stays, so no time ties the row to it. */
    if (sql_exec(st, what,
                 "UPDATE bookings SET rated = 1, rate_prompt_at = NULL"
                 " WHERE ticket = ?1 AND rated = 0 AND status = 'checked_in'",
                 "s", ticket) != 1)
        return store_write_end(st, what, STORE_ERROR);
    if (sql_exec(st, what,
                 "INSERT INTO ratings (day, station_id, service_id, level, reasons, channel)"
                 " VALUES (?1, COALESCE((SELECT value FROM meta WHERE key = 'station_id'), ''),"
                 " ?2, ?3, ?4, ?5)",
                 "ssiss", b.date, b.service_id, level, reasons, via) != 1)
        return store_write_end(st, what, STORE_ERROR);
    long long id = sqlite3_last_insert_rowid(st->db);
    wipe_bytes(&b, sizeof b);
    rc = store_write_done(st, what, STORE_OK);
    if (rc == STORE_OK && seq)
        *seq = id;
    return rc;
}

int store_rate_prompt(store_t *st, const char *ticket, long long now)
{
    const char *what = "rating prompt";
    if (!st)
        return STORE_ERROR;
    char now_text[17];
    store_booking_row_t b;
    int rc = begin_visit(st, what, ticket, now, now_text, &b);
    if (rc != RULES_OK)
        return rc;
    if (sql_exec(st, what, "UPDATE bookings SET rate_prompt_at = ?2 WHERE ticket = ?1", "ss",
                 ticket, now_text) != 1)
        return store_write_end(st, what, STORE_ERROR);
    return store_write_done(st, what, STORE_OK);
}

int store_rate_prompt_find(store_t *st, long long now, int minutes, store_booking_row_t *row)
{
    const char *what = "rating prompt";
    if (!st)
        return STORE_ERROR;
    char since[17];
    dt_format_stamp(now - (minutes > 0 ? minutes : 0), since);
    sqlite3_stmt *s = sql_prepare(st, what,
                                  VISIT_SELECT " WHERE b.rate_prompt_at IS NOT NULL"
                                               " AND b.rate_prompt_at >= ?1 AND b.rated = 0"
                                               " AND b.status = 'checked_in'"
                                               " ORDER BY b.rate_prompt_at DESC, b.id DESC LIMIT 1",
                                  "s", since);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        visit_row(s, row, NULL);
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return STORE_ERROR;
    return rc == SQLITE_ROW ? 1 : 0;
}

int store_rate_prompt_drop(store_t *st, const char *ticket)
{
    const char *what = "rating prompt";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int n = sql_exec(st, what, "UPDATE bookings SET rate_prompt_at = NULL WHERE ticket = ?1", "s",
                     ticket ? ticket : "");
    return store_write_done(st, what, n < 0 ? STORE_ERROR : STORE_OK);
}

#define RATING_COLS                                                                                \
    "r.seq, r.day, r.station_id, r.service_id, COALESCE(v.name_zh, r.service_id), r.level,"        \
    " r.reasons, r.channel, COALESCE(r.followed_at, ''), COALESCE(r.followed_by, ''),"             \
    " COALESCE(r.note, '')"                                                                        \
    " FROM ratings r LEFT JOIN services v ON v.id = r.service_id"

static void rating_row(sqlite3_stmt *s, store_rating_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->seq = sqlite3_column_int64(s, 0);
    sql_copy_col(r->day, sizeof r->day, s, 1);
    sql_copy_col(r->station_id, sizeof r->station_id, s, 2);
    sql_copy_col(r->service_id, sizeof r->service_id, s, 3);
    sql_copy_col(r->service_name, sizeof r->service_name, s, 4);
    r->level = sqlite3_column_int(s, 5);
    sql_copy_col(r->reasons, sizeof r->reasons, s, 6);
    sql_copy_col(r->channel, sizeof r->channel, s, 7);
    sql_copy_col(r->followed_at, sizeof r->followed_at, s, 8);
    sql_copy_col(r->followed_by, sizeof r->followed_by, s, 9);
    sql_copy_col(r->note, sizeof r->note, s, 10);
}

static int rating_rows(store_t *st, const char *what, sqlite3_stmt *s, store_rating_cb cb,
                       void *ctx)
{
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_rating_row_t r;
        rating_row(s, &r);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}

int store_ratings(store_t *st, int low, store_rating_cb cb, void *ctx)
{
    const char *what = "ratings";
    if (!st)
        return STORE_ERROR;
    return rating_rows(st, what,
                       sql_prepare(st, what,
                                   "SELECT " RATING_COLS " WHERE ?1 = 0 OR r.level <= ?2"
                                   " ORDER BY r.seq DESC",
                                   "ii", low ? 1 : 0, RATING_LOW_MAX),
                       cb, ctx);
}

int store_ratings_open_low(store_t *st, long long *n)
{
    *n = 0;
    if (!st)
        return STORE_ERROR;
    return sql_int(st, "ratings", n,
                   "SELECT count(*) FROM ratings WHERE level <= ?1 AND followed_at IS NULL", "i",
                   RATING_LOW_MAX) < 0
               ? STORE_ERROR
               : STORE_OK;
}

int store_rating_follow_up(store_t *st, const char *staff, long long seq, const char *note,
                           long long now)
{
    const char *what = "rating follow-up";
    if (!st)
        return STORE_ERROR;
    if (!staff || !*staff || !note || !*note) {
        store_msg(st, "%s: a staff name and a note are needed", what);
        return STORE_ERROR;
    }
    char now_text[17], masked[240];
    store_audit_detail(masked, sizeof masked, note);
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    long long level = 0;
    int rc = sql_int(st, what, &level,
                     "SELECT CASE WHEN followed_at IS NULL THEN level ELSE 0 END FROM ratings"
                     " WHERE seq = ?1",
                     "l", seq);
    if (rc < 0)
        return store_write_end(st, what, STORE_ERROR);
    if (rc == 0)
        return store_write_end(st, what, store_refuse(st, RULES_NOT_FOUND));
    if (!rating_is_low((int)level))
        return store_write_end(st, what, store_refuse(st, RULES_BAD_STATE));
    if (sql_exec(st, what,
                 "UPDATE ratings SET followed_at = ?2, followed_by = ?3, note = ?4 WHERE seq = ?1",
                 "lsss", seq, now_text, staff, masked) != 1)
        return store_write_end(st, what, STORE_ERROR);
    char detail[300];
    snprintf(detail, sizeof detail, "rating %lld: %s", seq, masked);
    if (store_audit_insert(st, what, staff, "rating_followup", NULL, NULL, detail, now_text))
        return store_write_end(st, what, STORE_ERROR);
    return store_write_done(st, what, STORE_OK);
}
