/* The booking store on real SQLite files in a temporary directory: schema
 * and pragmas, every booking rule and its order, status changes, catalog
 * re-imports, refresh, purge, check, backup, and the files it must refuse.
 * Concurrency (other processes, readers, the sqlite3 shell) is in
 * test_store_concurrency.c. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

/* ---- Fixture ---------------------------------------------------------------- */

/* s1 on Tuesdays, s2 every day with 4 seats. */
static const char catalog_a[] = FX_CATALOG(4);

/* s1 and its category gone, s2 with 6 seats instead of 4. */
static const char catalog_b[] = "[station]\n"
                                "id = test\n"
                                "name = 测试站\n"
                                "[category c2]\n"
                                "name = 养老服务\n"
                                "[service s2]\n"
                                "category = c2\n"
                                "name = 康养咨询\n"
                                "name_en = Wellness consultation\n"
                                "description = 一对一健康咨询\n"
                                "audience = 60岁以上老人\n"
                                "location = 一楼咨询室\n"
                                "duration = 60\n"
                                "schedule = Mon-Sun 14:00-15:00 6\n";

#define S1_DEC01 "s1-20261201-0900"
#define S1_DEC08 "s1-20261208-0900"
#define S2_NOV30 "s2-20261130-1400"
#define S2_DEC01 "s2-20261201-1400"

static int gen_fail(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    (void)ctx;
    (void)out;
    return -1;
}

static int gen_same(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    (void)ctx;
    memcpy(out, "SAMECODE", KIOSK_TICKET_SIZE);
    return 0;
}

/* Gives "SAMECODE" *ctx times, then fresh codes. */
static int gen_same_then_new(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    int *left = ctx;
    if (*left > 0) {
        (*left)--;
        return gen_same(NULL, out);
    }
    return fx_gen(NULL, out);
}

/* A new database with catalog_a imported on Monday 2026-11-30 08:00. */
static store_t *fresh(const char *name, rules_t *r)
{
    rules_defaults(r);
    return fx_store(name, catalog_a, "test.ini", fx_at("2026-11-30 08:00"), r);
}

static int book(store_t *st, const char *session, const char *phone, int party, long long now,
                const rules_t *r, char ticket[KIOSK_TICKET_SIZE])
{
    char dummy[KIOSK_TICKET_SIZE];
    return store_book(st, session, phone, party, now, r, fx_gen, NULL, ticket ? ticket : dummy);
}

/* Every column of every row of the catalog and booking tables, as text. */
static char *raw_dump(sqlite3 *db)
{
    static const char *const q[] = {
        "SELECT * FROM categories ORDER BY id", "SELECT * FROM services ORDER BY id",
        "SELECT * FROM sessions ORDER BY id",   "SELECT * FROM bookings ORDER BY id",
        "SELECT * FROM meta ORDER BY key",
    };
    size_t cap = 1 << 20, len = 0;
    char *out = calloc(1, cap);
    for (size_t i = 0; out && i < sizeof q / sizeof q[0]; i++) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(db, q[i], -1, &s, NULL) != SQLITE_OK)
            continue;
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const char *v = (const char *)sqlite3_column_text(s, c);
                len += (size_t)snprintf(out + len, cap - len, "%s|", v ? v : "NULL");
                if (len >= cap)
                    len = cap - 1;
            }
            len += (size_t)snprintf(out + len, cap - len, "\n");
            if (len >= cap)
                len = cap - 1;
        }
        sqlite3_finalize(s);
    }
    return out;
}

typedef struct collect {
    int n;
    store_session_row_t s[64];
    store_booking_row_t b[64];
} collect_t;

static int collect_session(void *ctx, const store_session_row_t *row)
{
    collect_t *c = ctx;
    if (c->n < 64)
        c->s[c->n] = *row;
    c->n++;
    return 0;
}

static int collect_booking(void *ctx, const store_booking_row_t *row)
{
    collect_t *c = ctx;
    if (c->n < 64)
        c->b[c->n] = *row;
    c->n++;
    return 0;
}

/* The one session row of id, or NULL (static storage). */
static const store_session_row_t *session_row(store_t *st, const char *id)
{
    static collect_t c;
    memset(&c, 0, sizeof c);
    store_session_filter_t f = {.session_id = id};
    if (store_sessions(st, &f, collect_session, &c) != STORE_OK || c.n != 1)
        return NULL;
    return &c.s[0];
}

/* ---- Schema ------------------------------------------------------------------ */

static void test_schema_pragmas(void)
{
    rules_t r;
    store_t *st = fresh("schema.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char v[32];
    CHECK_INT(store_pragma(st, "journal_mode", v, sizeof v), STORE_OK);
    CHECK_STR(v, "wal");
    CHECK_INT(store_pragma(st, "synchronous", v, sizeof v), STORE_OK);
    CHECK_STR(v, "2"); /* FULL */
    CHECK_INT(store_pragma(st, "foreign_keys", v, sizeof v), STORE_OK);
    CHECK_STR(v, "1");
    CHECK_INT(store_pragma(st, "busy_timeout", v, sizeof v), STORE_OK);
    CHECK(atoi(v) >= 1000);
    CHECK_INT(store_pragma(st, "user_version", v, sizeof v), STORE_OK);
    CHECK_INT(atoi(v), STORE_SCHEMA_VERSION);
    /* Only names from the list: PRAGMA cannot take bound parameters. */
    CHECK_INT(store_pragma(st, "writable_schema = 1; --", v, sizeof v), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "unknown setting") != NULL);

    sqlite3 *db = fx_raw_open("schema.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(fx_raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
        /* journal_mode=WAL is a property of the file: the shell sees it too. */
        fx_raw_text(db, "PRAGMA journal_mode", v, sizeof v);
        CHECK_STR(v, "wal");
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('meta',"
                                 " 'categories', 'services', 'sessions', 'bookings',"
                                 " 'bookings_one_per_person', 'bookings_capacity_insert',"
                                 " 'bookings_capacity_update')"),
                  8);
        sqlite3_close(db);
    }
    store_close(st);
}

static void test_reopen(void)
{
    rules_t r;
    store_t *st = fresh("reopen.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 2, fx_at("2026-11-30 08:00"), &r, t), STORE_OK);
    store_close(st);

    /* No CREATE flag: the file and its schema are already there. */
    char path[256];
    fx_path(path, "reopen.db");
    st = NULL;
    CHECK_INT(store_open(path, 0, &st), STORE_OK);
    char v[32];
    CHECK_INT(store_pragma(st, "user_version", v, sizeof v), STORE_OK);
    CHECK_INT(atoi(v), STORE_SCHEMA_VERSION);
    CHECK_INT(store_pragma(st, "foreign_keys", v, sizeof v), STORE_OK);
    CHECK_STR(v, "1");
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t, &b), STORE_OK);
    CHECK_STR(b.session_id, S2_DEC01);
    CHECK_STR(b.phone, "13800000001");
    CHECK_INT(b.party, 2);
    CHECK_STR(b.status, "booked");
    CHECK_STR(b.service_id, "s2");
    CHECK_STR(b.service_name, "康养咨询");
    CHECK_STR(b.date, "2026-12-01");
    CHECK_STR(b.start, "14:00");
    CHECK_STR(b.created_at, "2026-11-30 08:00");
    store_close(st);

    /* Opening twice with CREATE migrates nothing and keeps the data. */
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
    CHECK_INT(store_get_booking(st, t, &b), STORE_OK);
    store_close(st);
}

/* ---- Booking rules -------------------------------------------------------------- */

static void test_book_to_capacity(void)
{
    rules_t r;
    store_t *st = fresh("capacity.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    const store_session_row_t *row = session_row(st, S1_DEC01);
    CHECK(row != NULL);
    if (row) {
        CHECK_INT(row->capacity, 3);
        CHECK_INT(row->booked, 0);
        CHECK_INT(row->remaining, 3);
        CHECK_INT(row->open, 1);
        CHECK_STR(row->service_id, "s1");
        CHECK_STR(row->category_id, "c1");
        CHECK_STR(row->service_name, "小小主播");
        CHECK_STR(row->date, "2026-12-01");
        CHECK_STR(row->start, "09:00");
        CHECK_STR(row->end, "10:00");
    }
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE], t3[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, now, &r, t1), STORE_OK);
    CHECK_INT(strlen(t1), KIOSK_TICKET_LEN);
    CHECK_INT(book(st, S1_DEC01, "13800000002", 1, now, &r, t2), STORE_OK);
    row = session_row(st, S1_DEC01);
    CHECK(row && row->booked == 2 && row->remaining == 1);
    /* Capacity counts persons: a party of 2 does not fit into 1 seat. */
    CHECK_INT(book(st, S1_DEC01, "13800000003", 2, now, &r, NULL), RULES_FULL);
    CHECK(strstr(store_errmsg(st), "seats") != NULL);
    CHECK_INT(book(st, S1_DEC01, "13800000003", 1, now, &r, t3), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000004", 1, now, &r, NULL), RULES_FULL);
    row = session_row(st, S1_DEC01);
    CHECK(row && row->booked == 3 && row->remaining == 0);
    CHECK(strcmp(t1, t2) != 0 && strcmp(t2, t3) != 0 && strcmp(t1, t3) != 0);

    /* Cancelling gives the seat back; checked-in persons keep theirs. */
    CHECK_INT(store_checkin(st, t1, now), STORE_OK);
    CHECK_INT(store_cancel(st, t2, now), STORE_OK);
    row = session_row(st, S1_DEC01);
    CHECK(row && row->booked == 2 && row->remaining == 1);
    CHECK_INT(book(st, S1_DEC01, "13800000004", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000005", 1, now, &r, NULL), RULES_FULL);
    store_close(st);
}

static void test_refusals_in_order(void)
{
    rules_t r;
    store_t *st = fresh("refusals.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    CHECK_INT(book(st, S1_DEC01, "12345", 1, now, &r, NULL), RULES_BAD_PHONE);
    CHECK_INT(book(st, S1_DEC01, NULL, 1, now, &r, NULL), RULES_BAD_PHONE);
    CHECK_INT(book(st, S1_DEC01, "12800000001", 1, now, &r, NULL), RULES_BAD_PHONE);
    CHECK_INT(book(st, S1_DEC01, "1380000000x", 1, now, &r, NULL), RULES_BAD_PHONE);
    /* The phone is checked before the party, the party before the session. */
    CHECK_INT(book(st, "nope", "123", 0, now, &r, NULL), RULES_BAD_PHONE);
    CHECK_INT(book(st, "nope", "13800000001", 0, now, &r, NULL), RULES_BAD_PARTY);
    CHECK_INT(book(st, S1_DEC01, "13800000001", r.max_party + 1, now, &r, NULL), RULES_BAD_PARTY);
    CHECK_INT(book(st, S1_DEC01, "13800000001", -1, now, &r, NULL), RULES_BAD_PARTY);
    CHECK_INT(book(st, "nope", "13800000001", 1, now, &r, NULL), RULES_NO_SESSION);
    CHECK_INT(book(st, NULL, "13800000001", 1, now, &r, NULL), RULES_NO_SESSION);
    CHECK_INT(book(st, "s1-20261202-0900", "13800000001", 1, now, &r, NULL), RULES_NO_SESSION);

    /* Staff closed a session (only the shell can do that today). */
    sqlite3 *db = fx_raw_open("refusals.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(sqlite3_exec(db, "UPDATE sessions SET state = 'closed' WHERE id = '" S2_NOV30 "'",
                               NULL, NULL, NULL),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK_INT(book(st, S2_NOV30, "13800000001", 1, now, &r, NULL), RULES_CLOSED);
    CHECK(strstr(store_errmsg(st), "closed") != NULL);
    /* Closed comes before too late. */
    CHECK_INT(book(st, S2_NOV30, "13800000001", 1, fx_at("2026-11-30 13:50"), &r, NULL),
              RULES_CLOSED);

    /* The cut-off: 30 minutes before 09:00 is the last moment. */
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-12-01 08:31"), &r, NULL),
              RULES_TOO_LATE);
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-12-01 09:00"), &r, NULL),
              RULES_TOO_LATE);
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-12-01 10:30"), &r, NULL),
              RULES_TOO_LATE);
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-12-01 08:30"), &r, NULL), STORE_OK);
    rules_t strict = r;
    strict.cutoff_minutes = 24 * 60;
    CHECK_INT(book(st, S1_DEC01, "13800000002", 1, fx_at("2026-11-30 09:01"), &strict, NULL),
              RULES_TOO_LATE);
    CHECK_INT(book(st, S1_DEC01, "13800000002", 1, fx_at("2026-11-30 09:00"), &strict, NULL),
              STORE_OK);

    /* One active booking per phone and session; too late comes first. */
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, now, &r, NULL), RULES_DUPLICATE);
    CHECK(strstr(store_errmsg(st), "already") != NULL);
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-12-01 08:45"), &r, NULL),
              RULES_TOO_LATE);
    /* Fill the session: duplicate still comes before full. */
    CHECK_INT(book(st, S1_DEC01, "13800000003", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, now, &r, NULL), RULES_DUPLICATE);
    CHECK_INT(book(st, S1_DEC01, "13800000004", 1, now, &r, NULL), RULES_FULL);

    /* The limit: 3 future bookings per phone, and limit comes before full. */
    CHECK_INT(book(st, S2_DEC01, "13800000001", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, "s2-20261202-1400", "13800000001", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, "s2-20261203-1400", "13800000001", 1, now, &r, NULL), RULES_LIMIT);
    CHECK(strstr(store_errmsg(st), "maximum") != NULL);
    CHECK_INT(book(st, S1_DEC08, "13800000001", 1, now, &r, NULL), RULES_LIMIT);

    /* Nothing refused left a row behind. */
    collect_t c = {0};
    store_booking_filter_t all = {0};
    CHECK_INT(store_bookings(st, &all, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 5);
    store_close(st);
}

static void test_limit_counts_future_active_only(void)
{
    rules_t r;
    store_t *st = fresh("limit.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    const char *phone = "13912345678";
    char t_nov30[KIOSK_TICKET_SIZE], t_dec01[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_NOV30, phone, 1, now, &r, t_nov30), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, phone, 1, now, &r, t_dec01), STORE_OK);
    CHECK_INT(book(st, "s2-20261202-1400", phone, 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, "s2-20261203-1400", phone, 1, now, &r, NULL), RULES_LIMIT);
    /* Another phone is not affected. */
    CHECK_INT(book(st, "s2-20261203-1400", "13912345679", 1, now, &r, NULL), STORE_OK);

    /* Once the 30 Nov session has started it no longer counts. */
    CHECK_INT(book(st, "s2-20261203-1400", phone, 1, fx_at("2026-11-30 13:59"), &r, NULL),
              RULES_LIMIT);
    CHECK_INT(book(st, "s2-20261203-1400", phone, 1, fx_at("2026-11-30 14:00"), &r, NULL),
              STORE_OK);
    CHECK_INT(book(st, "s2-20261204-1400", phone, 1, fx_at("2026-11-30 14:00"), &r, NULL),
              RULES_LIMIT);
    /* A cancelled booking does not count; a checked-in future one does. */
    CHECK_INT(store_checkin(st, t_dec01, now), STORE_OK);
    CHECK_INT(book(st, "s2-20261204-1400", phone, 1, fx_at("2026-11-30 14:00"), &r, NULL),
              RULES_LIMIT);
    CHECK_INT(store_cancel(st, t_dec01, now), RULES_BAD_STATE);
    store_booking_filter_t f = {.phone = phone, .status = "booked"};
    collect_t c = {0};
    CHECK_INT(store_bookings(st, &f, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 3); /* 30 Nov, 2 Dec, 3 Dec */
    CHECK_INT(store_cancel(st, c.b[1].ticket, now), STORE_OK);
    CHECK_INT(book(st, "s2-20261204-1400", phone, 1, fx_at("2026-11-30 14:00"), &r, NULL),
              STORE_OK);
    /* A raised limit applies at once. */
    rules_t more = r;
    more.max_active_per_phone = 4;
    CHECK_INT(book(st, "s2-20261205-1400", phone, 1, fx_at("2026-11-30 14:00"), &r, NULL),
              RULES_LIMIT);
    CHECK_INT(book(st, "s2-20261205-1400", phone, 1, fx_at("2026-11-30 14:00"), &more, NULL),
              STORE_OK);
    store_close(st);
}

static void test_status_transitions(void)
{
    rules_t r;
    store_t *st = fresh("status.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char a[KIOSK_TICKET_SIZE], b[KIOSK_TICKET_SIZE], c[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 1, now, &r, a), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, now, &r, b), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000003", 1, now, &r, c), STORE_OK);

    long long later = fx_at("2026-12-01 13:40");
    CHECK_INT(store_checkin(st, a, later), STORE_OK);
    CHECK_INT(store_checkin(st, a, later), RULES_BAD_STATE);
    CHECK_INT(store_cancel(st, a, later), RULES_BAD_STATE);
    CHECK_INT(store_no_show(st, a, later), RULES_BAD_STATE);

    CHECK_INT(store_cancel(st, b, later), STORE_OK);
    CHECK_INT(store_checkin(st, b, later), RULES_BAD_STATE);
    CHECK_INT(store_cancel(st, b, later), RULES_BAD_STATE);
    CHECK_INT(store_no_show(st, b, later), RULES_BAD_STATE);

    CHECK_INT(store_no_show(st, c, fx_at("2026-12-01 15:00")), STORE_OK);
    CHECK_INT(store_checkin(st, c, later), RULES_BAD_STATE);
    CHECK_INT(store_cancel(st, c, later), RULES_BAD_STATE);
    CHECK(strstr(store_errmsg(st), "state") != NULL);

    CHECK_INT(store_checkin(st, "ZZZZZZZZ", later), RULES_NOT_FOUND);
    CHECK_INT(store_cancel(st, "ZZZZZZZZ", later), RULES_NOT_FOUND);
    CHECK_INT(store_no_show(st, "ZZZZZZZZ", later), RULES_NOT_FOUND);
    CHECK_INT(store_checkin(st, NULL, later), RULES_NOT_FOUND);
    store_booking_row_t row;
    CHECK_INT(store_get_booking(st, "ZZZZZZZZ", &row), RULES_NOT_FOUND);

    CHECK_INT(store_get_booking(st, a, &row), STORE_OK);
    CHECK_STR(row.status, "checked_in");
    CHECK_INT(store_get_booking(st, b, &row), STORE_OK);
    CHECK_STR(row.status, "cancelled");
    CHECK_INT(store_get_booking(st, c, &row), STORE_OK);
    CHECK_STR(row.status, "no_show");
    CHECK_STR(row.created_at, "2026-11-30 08:00");

    sqlite3 *db = fx_raw_open("status.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        char v[32];
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT updated_at FROM bookings WHERE ticket = '%s'", a);
        fx_raw_text(db, sql, v, sizeof v);
        CHECK_STR(v, "2026-12-01 13:40");
        snprintf(sql, sizeof sql, "SELECT updated_at FROM bookings WHERE ticket = '%s'", c);
        fx_raw_text(db, sql, v, sizeof v);
        CHECK_STR(v, "2026-12-01 15:00");
        sqlite3_close(db);
    }

    /* Cancelled and no-show bookings do not hold the phone's place: the
     * second phone can book the same session again. */
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000003", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000001", 1, now, &r, NULL), RULES_DUPLICATE);
    store_close(st);
}

static void test_ticket_generator(void)
{
    rules_t r;
    store_t *st = fresh("gen.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(store_book(st, S2_DEC01, "13800000001", 1, now, &r, gen_fail, NULL, t), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "generator") != NULL);
    CHECK_INT(store_book(st, S2_DEC01, "13800000001", 1, now, &r, gen_same, NULL, t), STORE_OK);
    CHECK_STR(t, "SAMECODE");
    /* A generator stuck on a used code gives up instead of looping. */
    CHECK_INT(store_book(st, S2_DEC01, "13800000002", 1, now, &r, gen_same, NULL, t), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "ticket code") != NULL);
    /* A few collisions are retried. */
    int left = 5;
    CHECK_INT(store_book(st, S2_DEC01, "13800000002", 1, now, &r, gen_same_then_new, &left, t),
              STORE_OK);
    CHECK(strcmp(t, "SAMECODE") != 0);
    CHECK_INT(left, 0);
    const store_session_row_t *row = session_row(st, S2_DEC01);
    CHECK(row && row->booked == 2);
    store_close(st);
}

static void test_queries(void)
{
    rules_t r;
    store_t *st = fresh("queries.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    collect_t c = {0};
    CHECK_INT(store_sessions(st, NULL, collect_session, &c), STORE_OK);
    CHECK_INT(c.n, 2 + 14); /* s1 on 1 and 8 Dec, s2 daily */
    /* date, start, service order */
    for (int i = 1; i < c.n && i < 64; i++) {
        int cmp = strcmp(c.s[i - 1].date, c.s[i].date);
        if (!cmp)
            cmp = strcmp(c.s[i - 1].start, c.s[i].start);
        if (!cmp)
            cmp = strcmp(c.s[i - 1].service_id, c.s[i].service_id);
        CHECK(cmp < 0);
    }
    CHECK_STR(c.s[0].session_id, S2_NOV30);
    CHECK_STR(c.s[1].session_id, S1_DEC01);
    CHECK_STR(c.s[2].session_id, S2_DEC01);

    memset(&c, 0, sizeof c);
    store_session_filter_t fd = {.date = "2026-12-08"};
    CHECK_INT(store_sessions(st, &fd, collect_session, &c), STORE_OK);
    CHECK_INT(c.n, 2);
    memset(&c, 0, sizeof c);
    store_session_filter_t fs = {.service_id = "s1"};
    CHECK_INT(store_sessions(st, &fs, collect_session, &c), STORE_OK);
    CHECK_INT(c.n, 2);
    CHECK_STR(c.s[1].session_id, S1_DEC08);
    memset(&c, 0, sizeof c);
    store_session_filter_t fboth = {.date = "2026-12-08", .service_id = "s2"};
    CHECK_INT(store_sessions(st, &fboth, collect_session, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    /* A value is data, never SQL. */
    memset(&c, 0, sizeof c);
    store_session_filter_t evil = {.service_id = "s1' OR '1'='1"};
    CHECK_INT(store_sessions(st, &evil, collect_session, &c), STORE_OK);
    CHECK_INT(c.n, 0);

    char t[4][KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 1, now, &r, t[0]), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000002", 2, now + 1, &r, t[1]), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, now + 2, &r, t[2]), STORE_OK);
    CHECK_INT(book(st, S2_NOV30, "13800000003", 1, now + 3, &r, t[3]), STORE_OK);
    CHECK_INT(store_cancel(st, t[3], now + 4), STORE_OK);

    memset(&c, 0, sizeof c);
    CHECK_INT(store_bookings(st, NULL, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 4);
    /* session date and start, then the order of booking */
    CHECK_STR(c.b[0].ticket, t[3]);
    CHECK_STR(c.b[1].ticket, t[1]);
    CHECK_STR(c.b[2].ticket, t[2]);
    CHECK_STR(c.b[3].ticket, t[0]);

    memset(&c, 0, sizeof c);
    store_booking_filter_t fp = {.phone = "13800000001"};
    CHECK_INT(store_bookings(st, &fp, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 2);
    memset(&c, 0, sizeof c);
    store_booking_filter_t fst = {.status = "cancelled"};
    CHECK_INT(store_bookings(st, &fst, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    CHECK_STR(c.b[0].ticket, t[3]);
    memset(&c, 0, sizeof c);
    store_booking_filter_t fdate = {.date = "2026-12-01", .status = "booked"};
    CHECK_INT(store_bookings(st, &fdate, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 3);
    memset(&c, 0, sizeof c);
    store_booking_filter_t ffrom = {.from = fx_at("2026-12-01 09:00")};
    CHECK_INT(store_bookings(st, &ffrom, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 3);
    memset(&c, 0, sizeof c);
    ffrom.from = fx_at("2026-12-01 09:01");
    CHECK_INT(store_bookings(st, &ffrom, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    CHECK_STR(c.b[0].ticket, t[0]);
    store_close(st);
}

static int stop_after_one(void *ctx, const store_session_row_t *row)
{
    (void)row;
    (*(int *)ctx)++;
    return 1;
}

static void test_callback_stops(void)
{
    rules_t r;
    store_t *st = fresh("stop.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    int n = 0;
    CHECK_INT(store_sessions(st, NULL, stop_after_one, &n), STORE_OK);
    CHECK_INT(n, 1);
    store_close(st);
}

/* ---- Catalog import and refresh ----------------------------------------------- */

static void test_reimport_keeps_bookings(void)
{
    rules_t r;
    store_t *st = fresh("reimport.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 2, now, &r, t1), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 3, now, &r, t2), STORE_OK);
    CHECK(session_row(st, S1_DEC08) != NULL);

    /* s1 leaves the catalog, s2 gets 6 seats. */
    long long later = fx_at("2026-11-30 10:00");
    CHECK_INT(fx_import(st, catalog_b, "test.ini", later, &r), STORE_OK);

    /* The booked session of the removed service stays, withdrawn. */
    const store_session_row_t *row = session_row(st, S1_DEC01);
    CHECK(row != NULL);
    if (row) {
        CHECK_INT(row->open, 0);
        CHECK_INT(row->booked, 2);
        CHECK_STR(row->service_name, "小小主播");
    }
    CHECK_INT(book(st, S1_DEC01, "13800000003", 1, later, &r, NULL), RULES_CLOSED);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t1, &b), STORE_OK);
    CHECK_STR(b.status, "booked");
    CHECK_STR(b.session_id, S1_DEC01);
    /* Its booking can still be checked in or cancelled. */
    CHECK_INT(store_checkin(st, t1, fx_at("2026-12-01 08:55")), STORE_OK);
    /* The unbooked one is simply gone. */
    CHECK(session_row(st, S1_DEC08) == NULL);
    CHECK_INT(book(st, S1_DEC08, "13800000003", 1, later, &r, NULL), RULES_NO_SESSION);

    /* The capacity change is applied and keeps the bookings. */
    row = session_row(st, S2_DEC01);
    CHECK(row && row->capacity == 6 && row->booked == 3 && row->remaining == 3 && row->open);
    CHECK_INT(book(st, S2_DEC01, "13800000004", 3, later, &r, NULL), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000005", 1, later, &r, NULL), RULES_FULL);

    sqlite3 *db = fx_raw_open("reimport.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(fx_raw_int(db, "SELECT active FROM services WHERE id = 's1'"), 0);
        CHECK_INT(fx_raw_int(db, "SELECT active FROM services WHERE id = 's2'"), 1);
        CHECK_INT(fx_raw_int(db, "SELECT active FROM categories WHERE id = 'c1'"), 0);
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings"), 3);
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        char v[64];
        fx_raw_text(db, "SELECT value FROM meta WHERE key = 'catalog_imported_at'", v, sizeof v);
        CHECK_STR(v, "2026-11-30 10:00");

        /* The same catalog again changes nothing at all. */
        char *before = raw_dump(db);
        CHECK_INT(fx_import(st, catalog_b, "test.ini", fx_at("2026-11-30 11:00"), &r), STORE_OK);
        char *after = raw_dump(db);
        CHECK(before && after && strcmp(before, after) == 0);
        free(before);
        free(after);
        fx_raw_text(db, "SELECT value FROM meta WHERE key = 'catalog_imported_at'", v, sizeof v);
        CHECK_STR(v, "2026-11-30 10:00");

        /* Bring s1 back: the withdrawn session reopens with its booking. */
        CHECK_INT(fx_import(st, catalog_a, "test.ini", fx_at("2026-11-30 12:00"), &r), STORE_OK);
        row = session_row(st, S1_DEC01);
        CHECK(row && row->open == 1 && row->booked == 2 && row->capacity == 3);
        CHECK(session_row(st, S1_DEC08) != NULL);
        CHECK_INT(fx_raw_int(db, "SELECT active FROM services WHERE id = 's1'"), 1);
        CHECK_INT(fx_raw_int(db, "SELECT active FROM categories WHERE id = 'c1'"), 1);
        /* Lowered below what is booked: nobody is bumped, nothing is left. */
        row = session_row(st, S2_DEC01);
        CHECK(row && row->capacity == 4 && row->booked == 6 && row->remaining == 0);
        CHECK_INT(book(st, S2_DEC01, "13800000005", 1, later, &r, NULL), RULES_FULL);
        CHECK_INT(store_checkin(st, t2, fx_at("2026-12-01 13:50")), STORE_OK);
        sqlite3_close(db);
    }
    store_close(st);
}

static void test_reimport_leaves_the_past_alone(void)
{
    rules_t r;
    store_t *st = fresh("past.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-11-30 08:00"), &r, t), STORE_OK);
    CHECK_INT(store_checkin(st, t, fx_at("2026-12-01 08:55")), STORE_OK);
    /* A week later s1 is removed; its past session keeps its state. */
    CHECK_INT(fx_import(st, catalog_b, "test.ini", fx_at("2026-12-07 08:00"), &r), STORE_OK);
    const store_session_row_t *row = session_row(st, S1_DEC01);
    CHECK(row && row->open == 1 && row->booked == 1);
    CHECK(session_row(st, S2_NOV30) != NULL);
    CHECK(session_row(st, "s2-20261220-1400") != NULL); /* horizon moved with now */
    CHECK(session_row(st, "s2-20261221-1400") == NULL);
    store_close(st);
}

static void test_refresh_sessions(void)
{
    char path[256];
    fx_path(path, "refresh.db");
    rules_t r;
    rules_defaults(&r);
    store_t *st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
    /* No catalog yet: nothing to do, and no catalog to load. */
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-11-30 08:00"), &r), STORE_OK);
    catalog_t *cat = (catalog_t *)1;
    CHECK_INT(store_load_catalog(st, &cat), STORE_OK);
    CHECK(cat == NULL);

    CHECK_INT(fx_import(st, catalog_a, "test.ini", fx_at("2026-11-30 08:00"), &r), STORE_OK);
    CHECK_INT(store_load_catalog(st, &cat), STORE_OK);
    CHECK(cat != NULL);
    if (cat) {
        CHECK_INT(cat->n_services, 2);
        CHECK_STR(cat->services[0].id, "s1");
        CHECK_STR(cat->station_id, "test");
        catalog_destroy(cat);
    }
    CHECK(session_row(st, "s2-20261213-1400") != NULL);
    CHECK(session_row(st, "s2-20261214-1400") == NULL);

    sqlite3 *db = fx_raw_open("refresh.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db) {
        store_close(st);
        return;
    }
    /* The same day: nothing to add, nothing written. */
    char *before = raw_dump(db);
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-11-30 20:00"), &r), STORE_OK);
    char *after = raw_dump(db);
    CHECK(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);

    /* A week on, the horizon has moved: 7 more days of sessions. */
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-12-07 06:00"), &r), STORE_OK);
    CHECK(session_row(st, "s2-20261220-1400") != NULL);
    CHECK(session_row(st, "s2-20261221-1400") == NULL);
    CHECK(session_row(st, "s1-20261215-0900") != NULL);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM sessions WHERE service_id = 's2'"), 21);
    char v[32];
    fx_raw_text(db, "SELECT value FROM meta WHERE key = 'sessions_until'", v, sizeof v);
    CHECK_STR(v, "2026-12-21");
    before = raw_dump(db);
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-12-07 23:59"), &r), STORE_OK);
    after = raw_dump(db);
    CHECK(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);
    /* A longer horizon in the configuration is picked up. */
    rules_t longer = r;
    longer.horizon_days = 21;
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-12-07 23:59"), &longer), STORE_OK);
    CHECK(session_row(st, "s2-20261227-1400") != NULL);
    CHECK(session_row(st, "s2-20261228-1400") == NULL);
    rules_t bad = r;
    bad.horizon_days = 0;
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-12-07 23:59"), &bad), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "horizon") != NULL);
    sqlite3_close(db);
    store_close(st);

    /* Read-only handles never write, refresh included. */
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_OK);
    CHECK_INT(store_refresh_sessions(st, fx_at("2027-01-30 08:00"), &r), STORE_OK);
    CHECK(session_row(st, "s2-20270130-1400") == NULL);
    store_close(st);
}

/* ---- Maintenance ------------------------------------------------------------------ */

static void test_purge_phones(void)
{
    rules_t r;
    store_t *st = fresh("purge.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE], t3[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, now, &r, t1), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000002", 1, now, &r, t2), STORE_OK);
    CHECK_INT(book(st, S1_DEC08, "13800000001", 1, now, &r, t3), STORE_OK);
    CHECK_INT(store_cancel(st, t2, now), STORE_OK);

    /* S1_DEC01 ends 2026-12-01 10:00; 90 days later is 2027-03-01 10:00. */
    CHECK_INT(store_purge_phones(st, fx_at("2027-03-01 10:00"), r.retention_days), 0);
    CHECK_INT(store_purge_phones(st, fx_at("2027-03-01 10:01"), r.retention_days), 2);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t1, &b), STORE_OK);
    CHECK_STR(b.phone, "");
    CHECK_STR(b.status, "booked");
    CHECK_INT(store_get_booking(st, t2, &b), STORE_OK);
    CHECK_STR(b.phone, "");
    CHECK_STR(b.status, "cancelled");
    CHECK_INT(store_get_booking(st, t3, &b), STORE_OK);
    CHECK_STR(b.phone, "13800000001");
    /* Purging again finds nothing; a week later the next session goes. */
    CHECK_INT(store_purge_phones(st, fx_at("2027-03-01 10:01"), r.retention_days), 0);
    CHECK_INT(store_purge_phones(st, fx_at("2027-03-08 10:01"), r.retention_days), 1);
    CHECK_INT(store_get_booking(st, t3, &b), STORE_OK);
    CHECK_STR(b.phone, "");
    CHECK_INT(store_purge_phones(st, fx_at("2027-03-08 10:01"), -1), STORE_ERROR);

    sqlite3 *db = fx_raw_open("purge.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE phone IS NULL"), 3);
        sqlite3_close(db);
    }
    store_booking_filter_t f = {.phone = "13800000001"};
    collect_t c = {0};
    CHECK_INT(store_bookings(st, &f, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 0);
    char msg[128];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    store_close(st);
}

static void test_check(void)
{
    rules_t r;
    store_t *st = fresh("check.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char msg[256];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    CHECK(strncmp(msg, "ok, schema version ", 19) == 0 && atoi(msg + 19) == STORE_SCHEMA_VERSION);

    /* The staff shell runs without foreign keys; check finds what it broke. */
    sqlite3 *db = fx_raw_open("check.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(sqlite3_exec(db,
                               "INSERT INTO sessions (id, service_id, date, start, end, capacity)"
                               " VALUES ('x-20261201-0900', 'nosuch', '2026-12-01', '09:00',"
                               " '10:00', 3)",
                               NULL, NULL, NULL),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    /* An inconsistency, told apart from damage (issue 14). */
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_INCONSISTENT);
    CHECK(strstr(msg, "sessions") != NULL && strstr(msg, "services") != NULL);
    CHECK(strstr(store_errmsg(st), "sessions") != NULL);
    store_close(st);
}

static void test_backup(void)
{
    rules_t r;
    store_t *st = fresh("live.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 2, now, &r, t), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, now, &r, NULL), STORE_OK);

    char path[256], side[300];
    fx_path(path, "backup.db");
    CHECK_INT(store_backup(st, path), STORE_OK);
    /* Overwriting an older backup works too, and the live store goes on. */
    CHECK_INT(book(st, S2_DEC01, "13800000003", 1, now, &r, NULL), STORE_OK);
    CHECK_INT(store_backup(st, path), STORE_OK);
    store_close(st);

    /* One self-contained file: no WAL beside it, no temporary left over. */
    snprintf(side, sizeof side, "%s-wal", path);
    CHECK(access(side, F_OK) != 0);
    snprintf(side, sizeof side, "%s.tmp-%ld", path, (long)getpid());
    CHECK(access(side, F_OK) != 0);

    store_t *bk = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &bk), STORE_OK);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(bk, t, &b), STORE_OK);
    CHECK_STR(b.phone, "13800000001");
    CHECK_INT(b.party, 2);
    collect_t c = {0};
    CHECK_INT(store_bookings(bk, NULL, collect_booking, &c), STORE_OK);
    CHECK_INT(c.n, 3);
    char msg[128], v[16];
    CHECK_INT(store_check(bk, msg, sizeof msg), STORE_OK);
    CHECK(strncmp(msg, "ok, schema version ", 19) == 0 && atoi(msg + 19) == STORE_SCHEMA_VERSION);
    CHECK_INT(store_pragma(bk, "journal_mode", v, sizeof v), STORE_OK);
    CHECK_STR(v, "delete");
    store_close(bk);

    /* A place that cannot be written gives a message, not a file. */
    st = NULL;
    fx_path(path, "live.db");
    CHECK_INT(store_open(path, 0, &st), STORE_OK);
    CHECK_INT(store_backup(st, "/nonexistent-dir/backup.db"), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "backup") != NULL);
    CHECK(strstr(store_errmsg(st), "/nonexistent-dir/backup.db") != NULL);
    store_close(st);
}

/* A full disk (here: a file size limit in a child process) fails the
 * booking with a message that says so, and loses nothing already there. */
static void test_disk_full(void)
{
    rules_t r;
    store_t *st = fresh("full.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 1, now, &r, t), STORE_OK);

    int fds[2];
    CHECK_INT(pipe(fds), 0);
    char path[256];
    fx_path(path, "full.db");
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        store_t *child = NULL;
        char report[600];
        if (store_open(path, 0, &child) != STORE_OK) {
            snprintf(report, sizeof report, "open: %s", store_errmsg(child));
        } else {
            signal(SIGXFSZ, SIG_IGN);
            struct rlimit lim = {0, 0};
            setrlimit(RLIMIT_FSIZE, &lim);
            char t2[KIOSK_TICKET_SIZE];
            int rc = book(child, S2_DEC01, "13800000002", 1, now, &r, t2);
            snprintf(report, sizeof report, "%d %s", rc, store_errmsg(child));
        }
        store_close(child);
        if (write(fds[1], report, strlen(report)) < 0)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    char report[600] = {0};
    ssize_t n = read(fds[0], report, sizeof report - 1);
    close(fds[0]);
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(n > 0);
    CHECK(strncmp(report, "-1 book: ", 9) == 0);
    CHECK(strstr(report, "disk I/O error") != NULL || strstr(report, "full") != NULL);
    CHECK(strstr(report, "write failed") != NULL || strstr(report, "full") != NULL);
    printf("# disk full: %s\n", report);

    const store_session_row_t *row = session_row(st, S2_DEC01);
    CHECK(row && row->booked == 1);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t, &b), STORE_OK);
    char msg[128];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, now, &r, NULL), STORE_OK);
    store_close(st);
}

/* ---- Files it must refuse ------------------------------------------------------- */

static void write_file(const char *path, const char *data, size_t len, int repeat)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    for (int i = 0; i < repeat; i++)
        fwrite(data, 1, len, f);
    fclose(f);
}

static void test_refuses_bad_files(void)
{
    char path[256];
    store_t *st = NULL;
    static const char junk[] = "This is a note, not a database. 这不是数据库。\n";

    fx_path(path, "garbage.db");
    write_file(path, junk, sizeof junk - 1, 200);
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "not a SQLite database") != NULL);
    CHECK(strstr(store_errmsg(st), "garbage.db") != NULL);
    store_close(st);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "not a SQLite database") != NULL);
    store_close(st);
    /* Nothing was written into it. */
    FILE *f = fopen(path, "rb");
    char head[16] = {0};
    if (f) {
        CHECK_INT(fread(head, 1, sizeof head, f), sizeof head);
        fclose(f);
    }
    CHECK(memcmp(head, junk, sizeof head) == 0);

    fx_path(path, "short.db");
    write_file(path, "hello", 5, 1);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "not a SQLite database") != NULL);
    store_close(st);

    /* Missing file without CREATE, or read-only. */
    fx_path(path, "missing.db");
    st = NULL;
    CHECK_INT(store_open(path, 0, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "missing.db") != NULL);
    CHECK(strstr(store_errmsg(st), "unable to open") != NULL);
    store_close(st);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_ERROR);
    store_close(st);
    CHECK(access(path, F_OK) != 0);
    st = NULL;
    CHECK_INT(store_open(NULL, 0, &st), STORE_ERROR);
    CHECK(st != NULL && strlen(store_errmsg(st)) > 0);
    store_close(st);
    CHECK(store_errmsg(NULL) != NULL);
    store_close(NULL);

    /* Some other program's SQLite file. */
    fx_path(path, "other.db");
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "CREATE TABLE photos (id INTEGER PRIMARY KEY)", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "not a kiosk database") != NULL);
    store_close(st);

    /* An empty file only becomes a store when asked to. */
    fx_path(path, "empty.db");
    write_file(path, "", 0, 1);
    st = NULL;
    CHECK_INT(store_open(path, 0, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "empty") != NULL);
    store_close(st);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_ERROR);
    store_close(st);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
    store_close(st);
}

static void test_refuses_newer_schema(void)
{
    rules_t r;
    store_t *st = fresh("newer.db", &r);
    CHECK(st != NULL);
    store_close(st);
    sqlite3 *db = fx_raw_open("newer.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db)
        return;
    char newer[160];
    /* Newer firmware that says this build's schema is no longer enough
     * (its compatibility floor is its own version); then one that records
     * no floor at all, which is taken the same way. */
    snprintf(newer, sizeof newer,
             "PRAGMA user_version = %d; UPDATE meta SET value = '%d'"
             " WHERE key = 'schema_compatible_with'",
             STORE_SCHEMA_VERSION + 1, STORE_SCHEMA_VERSION + 1);
    CHECK_INT(sqlite3_exec(db, newer, NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_changes(db), 1);
    sqlite3_close(db);
    char path[256];
    fx_path(path, "newer.db");
    for (int i = 0; i < 6; i++) {
        if (i == 3) {
            db = fx_raw_open("newer.db", SQLITE_OPEN_READWRITE);
            CHECK(db != NULL);
            if (!db)
                return;
            CHECK_INT(sqlite3_exec(db, "DELETE FROM meta WHERE key = 'schema_compatible_with'",
                                   NULL, NULL, NULL),
                      SQLITE_OK);
            sqlite3_close(db);
        }
        static const int flags[] = {0, STORE_OPEN_CREATE, STORE_OPEN_READONLY};
        st = NULL;
        CHECK_INT(store_open(path, flags[i % 3], &st), STORE_ERROR);
        char want[48];
        snprintf(want, sizeof want, "schema version %d is newer", STORE_SCHEMA_VERSION + 1);
        CHECK(strstr(store_errmsg(st), want) != NULL);
        store_close(st);
    }
    db = fx_raw_open("newer.db", SQLITE_OPEN_READWRITE);
    if (db) {
        CHECK_INT(fx_raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION + 1);
        sqlite3_close(db);
    }
}

static void test_readonly(void)
{
    rules_t r;
    store_t *st = fresh("ro.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, fx_at("2026-11-30 08:00"), &r, t), STORE_OK);
    store_close(st);

    char path[256];
    fx_path(path, "ro.db");
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_OK);
    const store_session_row_t *row = session_row(st, S1_DEC01);
    CHECK(row && row->booked == 1);
    CHECK_INT(book(st, S1_DEC01, "13800000002", 1, fx_at("2026-11-30 08:00"), &r, NULL),
              STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "read-only") != NULL);
    CHECK_INT(store_cancel(st, t, fx_at("2026-11-30 08:00")), STORE_ERROR);
    CHECK_INT(store_purge_phones(st, fx_at("2028-01-01 00:00"), 90), STORE_ERROR);
    catalog_t *cat = fx_parse(catalog_b, "test.ini");
    CHECK_INT(store_import_catalog(st, cat, catalog_b, "b.ini", fx_at("2026-11-30 08:00"), &r),
              STORE_ERROR);
    catalog_destroy(cat);
    char v[16];
    CHECK_INT(store_pragma(st, "query_only", v, sizeof v), STORE_OK);
    CHECK_STR(v, "1");
    char msg[128];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t, &b), STORE_OK);
    CHECK_STR(b.status, "booked");
    catalog_t *loaded = NULL;
    CHECK_INT(store_load_catalog(st, &loaded), STORE_OK);
    CHECK(loaded && loaded->n_services == 2);
    catalog_destroy(loaded);
    store_close(st);
}

/* ---- Defence in depth ------------------------------------------------------------ */

static void test_capacity_trigger(void)
{
    rules_t r;
    store_t *st = fresh("trigger.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S1_DEC01, "13800000001", 1, now, &r, t), STORE_OK);

    /* A staff shell: a plain connection, foreign keys off as by default. */
    sqlite3 *db = fx_raw_open("trigger.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db) {
        store_close(st);
        return;
    }
    const char *over = "INSERT INTO bookings (ticket, session_id, phone, party, status,"
                       " created_at, updated_at) VALUES ('RAW00001', '" S1_DEC01
                       "', '13800000009', 3, 'booked', '2026-11-30 08:00', '2026-11-30 08:00')";
    CHECK_INT(sqlite3_exec(db, over, NULL, NULL, NULL), SQLITE_CONSTRAINT);
    CHECK_INT(sqlite3_extended_errcode(db), SQLITE_CONSTRAINT_TRIGGER);
    CHECK(strstr(sqlite3_errmsg(db), "capacity") != NULL);
    /* Up to the capacity is allowed (as checked_in too). */
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO bookings (ticket, session_id, phone, party, status,"
                           " created_at, updated_at) VALUES ('RAW00002', '" S1_DEC01
                           "', '13800000009', 2, 'checked_in', '2026-11-30 08:00',"
                           " '2026-11-30 08:00')",
                           NULL, NULL, NULL),
              SQLITE_OK);
    /* A cancelled row never counts, but bringing it back does. */
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO bookings (ticket, session_id, phone, party, status,"
                           " created_at, updated_at) VALUES ('RAW00003', '" S1_DEC01
                           "', '13800000008', 1, 'cancelled', '2026-11-30 08:00',"
                           " '2026-11-30 08:00')",
                           NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "UPDATE bookings SET status = 'booked' WHERE ticket = 'RAW00003'",
                           NULL, NULL, NULL),
              SQLITE_CONSTRAINT);
    CHECK_INT(sqlite3_exec(db, "UPDATE bookings SET party = 2 WHERE ticket = 'RAW00002'", NULL,
                           NULL, NULL),
              SQLITE_OK); /* not growing */
    CHECK_INT(sqlite3_exec(db, "UPDATE bookings SET party = 3 WHERE ticket = 'RAW00002'", NULL,
                           NULL, NULL),
              SQLITE_CONSTRAINT);
    /* Other sessions' seats are not borrowed, and a session must exist. */
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO bookings (ticket, session_id, phone, party, status,"
                           " created_at, updated_at) VALUES ('RAW00004', 'nosuch', NULL, 1,"
                           " 'booked', '2026-11-30 08:00', '2026-11-30 08:00')",
                           NULL, NULL, NULL),
              SQLITE_CONSTRAINT);
    /* The one-active-booking-per-phone index and the CHECKs hold too. */
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO bookings (ticket, session_id, phone, party, status,"
                           " created_at, updated_at) VALUES ('RAW00005', '" S2_DEC01
                           "', '13800000009', 1, 'booked', '2026-11-30 08:00',"
                           " '2026-11-30 08:00')",
                           NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO bookings (ticket, session_id, phone, party, status,"
                           " created_at, updated_at) VALUES ('RAW00006', '" S2_DEC01
                           "', '13800000009', 1, 'booked', '2026-11-30 08:00',"
                           " '2026-11-30 08:00')",
                           NULL, NULL, NULL),
              SQLITE_CONSTRAINT);
    CHECK_INT(sqlite3_exec(db, "UPDATE bookings SET status = 'lost' WHERE ticket = 'RAW00005'",
                           NULL, NULL, NULL),
              SQLITE_CONSTRAINT);
    CHECK_INT(sqlite3_exec(db, "UPDATE bookings SET party = 0 WHERE ticket = 'RAW00005'", NULL,
                           NULL, NULL),
              SQLITE_CONSTRAINT);
    CHECK_INT(fx_raw_int(db, "SELECT sum(party) FROM bookings WHERE session_id = '" S1_DEC01
                             "' AND status IN ('booked', 'checked_in')"),
              3);

    /* Lowering the capacity below the booked persons still lets people
     * check in: only bookings that start to count or grow are checked. */
    CHECK_INT(sqlite3_exec(db, "UPDATE sessions SET capacity = 1 WHERE id = '" S1_DEC01 "'", NULL,
                           NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(store_checkin(st, t, fx_at("2026-12-01 08:50")), STORE_OK);
    const store_session_row_t *row = session_row(st, S1_DEC01);
    CHECK(row && row->booked == 3 && row->remaining == 0);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-store-test", 0))
        return 1;
    RUN(test_schema_pragmas);
    RUN(test_reopen);
    RUN(test_book_to_capacity);
    RUN(test_refusals_in_order);
    RUN(test_limit_counts_future_active_only);
    RUN(test_status_transitions);
    RUN(test_ticket_generator);
    RUN(test_queries);
    RUN(test_callback_stops);
    RUN(test_reimport_keeps_bookings);
    RUN(test_reimport_leaves_the_past_alone);
    RUN(test_refresh_sessions);
    RUN(test_purge_phones);
    RUN(test_check);
    RUN(test_backup);
    RUN(test_disk_full);
    RUN(test_refuses_bad_files);
    RUN(test_refuses_newer_schema);
    RUN(test_readonly);
    RUN(test_capacity_trigger);
    fx_dir_remove();
    TEST_EXIT();
}
