/* The store side of staff mode (schema version 2) on real SQLite files:
 * staff members and their hashes, the login throttle and its lockouts
 * (across a reopen, a power cut mid-check, a clock set back), the audit
 * log, staff status changes and closing a session with their audit rows,
 * the day's counts, and a version 1 file migrated in place. The PIN side
 * (hashing, staff_login) is tests/unit/test_staff.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

/* ---- Fixture ---------------------------------------------------------------- */

/* s1 on Tuesdays at 09:00, s2 every day at 14:00 with 6 seats. */
static const char catalog_a[] = FX_CATALOG(6);

#define S1_DEC01 "s1-20261201-0900"
#define S2_DEC01 "s2-20261201-1400"
#define S2_DEC02 "s2-20261202-1400"

/* Hashes as platform/staff.c makes them; the store only sees the string. */
#define HASH_A "$argon2id$v=19$m=16384,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGFoYXNoYWhhc2hh"
#define HASH_B "$argon2id$v=19$m=16384,t=2,p=1$b3RoZXJzYWx0eHh4$b3RoZXJoYXNob3RoZXI"

/* A new database with catalog_a imported on Monday 2026-11-30 08:00. */
static store_t *fresh(const char *name, rules_t *r)
{
    rules_defaults(r);
    return fx_store(name, catalog_a, "a.ini", fx_at("2026-11-30 08:00"), r);
}

static int book(store_t *st, const char *session, const char *phone, int party, const rules_t *r,
                char ticket[KIOSK_TICKET_SIZE])
{
    return store_book(st, session, phone, party, fx_at("2026-11-30 08:00"), r, fx_gen, NULL,
                      ticket);
}

/* The auth row as the shell sees it: "failures|lockouts|locked_until". */
static void raw_auth(const char *name, char *out, size_t size)
{
    sqlite3 *db = fx_raw_open(name, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db) {
        snprintf(out, size, "(no db)");
        return;
    }
    fx_raw_text(db,
                "SELECT failures || '|' || lockouts || '|' || COALESCE(locked_until, '-')"
                " FROM auth WHERE id = 1",
                out, size);
    sqlite3_close(db);
}

typedef struct rows {
    int n;
    store_staff_row_t staff[16];
    store_audit_row_t audit[32];
    store_day_row_t day[16];
} rows_t;

static int take_staff(void *ctx, const store_staff_row_t *r)
{
    rows_t *c = ctx;
    if (c->n < 16)
        c->staff[c->n] = *r;
    c->n++;
    return 0;
}

static int take_audit(void *ctx, const store_audit_row_t *r)
{
    rows_t *c = ctx;
    if (c->n < 32)
        c->audit[c->n] = *r;
    c->n++;
    return 0;
}

static int take_day(void *ctx, const store_day_row_t *r)
{
    rows_t *c = ctx;
    if (c->n < 16)
        c->day[c->n] = *r;
    c->n++;
    return 0;
}

static rows_t *audit_rows(store_t *st, const char *date)
{
    static rows_t c;
    memset(&c, 0, sizeof c);
    if (store_audit_list(st, date, take_audit, &c) != STORE_OK)
        c.n = -1;
    return &c;
}

/* ---- Staff members ------------------------------------------------------------- */

static void test_staff_members(void)
{
    rules_t r;
    store_t *st = fresh("staff.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long t0 = fx_at("2026-11-30 08:00");
    CHECK_INT(store_staff_add(st, "王芳", HASH_A, t0), STORE_OK);
    CHECK_INT(store_staff_add(st, "Li Ming", HASH_B, t0 + 5), STORE_OK);
    CHECK_INT(store_staff_add(st, "王芳", HASH_B, t0 + 6), RULES_DUPLICATE);
    CHECK_STR(store_errmsg(st), rules_result_text(RULES_DUPLICATE, 1));

    /* Names: 1..32 bytes of UTF-8, no control characters. */
    CHECK_INT(store_staff_add(st, "", HASH_A, t0), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "staff name") != NULL);
    CHECK_INT(store_staff_add(st, "a\tb", HASH_A, t0), STORE_ERROR);
    CHECK_INT(store_staff_add(st, "bad\xff", HASH_A, t0), STORE_ERROR);
    CHECK_INT(store_staff_add(st, "\xc2\x85x", HASH_A, t0), STORE_ERROR); /* C1 NEL */
    CHECK_INT(store_staff_add(st, "123456789012345678901234567890123", HASH_A, t0), STORE_ERROR);
    CHECK(store_staff_name_valid("12345678901234567890123456789012"));
    CHECK(store_staff_name_valid("社工站 张三"));
    CHECK(!store_staff_name_valid(NULL));
    /* A PIN handed over instead of a hash never reaches the file. */
    CHECK_INT(store_staff_add(st, "zhao", "123456", t0), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "123456") == NULL);
    CHECK_INT(store_staff_add(st, "zhao", NULL, t0), STORE_ERROR);

    rows_t c;
    memset(&c, 0, sizeof c);
    CHECK_INT(store_staff_list(st, take_staff, &c), STORE_OK);
    CHECK_INT(c.n, 2);
    CHECK_STR(c.staff[0].name, "Li Ming"); /* by name: ASCII before CJK */
    CHECK_STR(c.staff[1].name, "王芳");
    CHECK_STR(c.staff[0].created_at, "2026-11-30 08:05");
    CHECK_STR(c.staff[1].updated_at, "2026-11-30 08:00");
    CHECK_STR(c.staff[0].pin_hash, ""); /* the list never carries hashes */
    CHECK_STR(c.staff[1].pin_hash, "");
    memset(&c, 0, sizeof c);
    CHECK_INT(store_staff_hashes(st, take_staff, &c), STORE_OK);
    CHECK_INT(c.n, 2);
    CHECK_STR(c.staff[0].pin_hash, HASH_B);
    CHECK_STR(c.staff[1].pin_hash, HASH_A);

    CHECK_INT(store_staff_set_hash(st, "王芳", HASH_B, fx_at("2026-11-30 09:00")), STORE_OK);
    CHECK_INT(store_staff_set_hash(st, "nobody", HASH_B, t0), RULES_NOT_FOUND);
    CHECK_INT(store_staff_set_hash(st, "王芳", "654321", t0), STORE_ERROR);
    memset(&c, 0, sizeof c);
    CHECK_INT(store_staff_hashes(st, take_staff, &c), STORE_OK);
    CHECK_STR(c.staff[1].pin_hash, HASH_B);
    CHECK_STR(c.staff[1].created_at, "2026-11-30 08:00");
    CHECK_STR(c.staff[1].updated_at, "2026-11-30 09:00");

    CHECK_INT(store_staff_remove(st, "Li Ming", t0), STORE_OK);
    CHECK_INT(store_staff_remove(st, "Li Ming", t0), RULES_NOT_FOUND);
    CHECK_INT(store_staff_remove(st, NULL, t0), RULES_NOT_FOUND);
    memset(&c, 0, sizeof c);
    CHECK_INT(store_staff_list(st, take_staff, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    store_close(st);

    /* The shell cannot store a plain PIN either; the CHECK refuses it. */
    sqlite3 *db = fx_raw_open("staff.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CHECK(db != NULL);
    if (db) {
        CHECK(sqlite3_exec(db,
                           "INSERT INTO staff VALUES ('x', '123456', '2026-11-30 08:00',"
                           " '2026-11-30 08:00')",
                           NULL, NULL, NULL) != SQLITE_OK);
        sqlite3_close(db);
    }

    /* A read-only handle lists but never writes. */
    st = fx_open("staff.db", STORE_OPEN_READONLY);
    CHECK(st != NULL);
    if (st) {
        memset(&c, 0, sizeof c);
        CHECK_INT(store_staff_list(st, take_staff, &c), STORE_OK);
        CHECK_INT(c.n, 1);
        CHECK_INT(store_staff_add(st, "new", HASH_A, t0), STORE_ERROR);
        CHECK(strstr(store_errmsg(st), "read-only") != NULL);
        CHECK_INT(store_staff_remove(st, "王芳", t0), STORE_ERROR);
        long long until = -1;
        CHECK_INT(store_auth_begin(st, t0, &until), STORE_ERROR);
        CHECK_INT(store_audit(st, "x", "login", NULL, NULL, NULL, t0), STORE_ERROR);
        store_close(st);
    }
}

/* ---- The login throttle ---------------------------------------------------------- */

/* n wrong attempts at second now (the throttle's times are seconds), each
 * counted by begin and refused by end: the end of the lockout the last one
 * started (0 for none), -1 on error or when an earlier one already reported
 * a lockout. */
static long long fail_n(store_t *st, int n, long long now)
{
    long long locked = 0;
    for (int i = 0; i < n; i++) {
        long long until = -1;
        if (locked || store_auth_begin(st, now, &until) != STORE_OK || until != 0)
            return -1;
        if (store_auth_end(st, 0, now, &locked) != STORE_OK)
            return -1;
    }
    return locked;
}

static void test_auth_lockout(void)
{
    rules_t r;
    store_t *st = fresh("auth.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char a[64];
    long long t = fx_at("2026-12-01 09:00") * 60, until = 0;
    raw_auth("auth.db", a, sizeof a);
    CHECK_STR(a, "0|0|-");

    /* The attempt is counted before the PIN is checked, durably. */
    CHECK_INT(store_auth_begin(st, t, &until), STORE_OK);
    raw_auth("auth.db", a, sizeof a);
    CHECK_STR(a, "1|0|-");
    until = -1;
    CHECK_INT(store_auth_end(st, 0, t, &until), STORE_OK);
    CHECK_INT(until, 0); /* one failure: no lockout */
    /* The fifth failure starts the lockout and says until when. */
    CHECK_INT(fail_n(st, 4, t), t + 60);
    raw_auth("auth.db", a, sizeof a);
    CHECK_STR(a, "0|1|2026-12-01 09:01:00");

    /* Locked for one minute; a try while locked is not counted. */
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    CHECK_STR(store_errmsg(st), rules_result_text(RULES_LOCKED, 1));
    raw_auth("auth.db", a, sizeof a);
    CHECK_STR(a, "0|1|2026-12-01 09:01:00");

    /* The lockout survives closing (a restart, a pulled plug). */
    store_close(st);
    st = fx_open("auth.db", 0);
    CHECK(st != NULL);
    if (!st)
        return;
    until = 0;
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);

    /* Over at its end; five more failures lock for 2, then 4 minutes. */
    t += 60;
    CHECK_INT(fail_n(st, 5, t), t + 120);
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 120);
    CHECK_INT(store_auth_begin(st, t + 60, &until), RULES_LOCKED);
    t += 120;
    CHECK_INT(fail_n(st, 5, t), t + 240);
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 240);
    raw_auth("auth.db", a, sizeof a);
    CHECK_STR(a, "0|3|2026-12-01 09:07:00");

    /* A success clears both the count and the doubling. */
    t += 240;
    CHECK_INT(fail_n(st, 3, t), 0);
    CHECK_INT(store_auth_begin(st, t, &until), STORE_OK);
    CHECK_INT(store_auth_end(st, 1, t, NULL), STORE_OK);
    raw_auth("auth.db", a, sizeof a);
    CHECK_STR(a, "0|0|-");
    CHECK_INT(fail_n(st, 4, t), 0);
    CHECK_INT(store_auth_begin(st, t, &until), STORE_OK); /* 4 failures: no lock yet */
    CHECK_INT(store_auth_end(st, 0, t, &until), STORE_OK);
    CHECK_INT(until, t + 60);
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60); /* 1 minute again */
    store_close(st);

    /* The doubling stops at a day. */
    sqlite3 *db = fx_raw_open("auth.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(sqlite3_exec(db,
                               "UPDATE auth SET lockouts = 40, failures = 4, locked_until = NULL",
                               NULL, NULL, NULL),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    st = fx_open("auth.db", 0);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(fail_n(st, 1, t), t + 86400);
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 86400);
    store_close(st);
}

/* Pulling the power between begin and end must not give free tries. */
static void test_auth_power_cut(void)
{
    rules_t r;
    store_t *st = fresh("cut.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long t = fx_at("2026-12-01 10:00") * 60, until = 0;
    for (int i = 0; i < 5; i++) {
        CHECK_INT(store_auth_begin(st, t, &until), STORE_OK);
        store_close(st); /* no store_auth_end: the check never finished */
        st = fx_open("cut.db", 0);
        if (!st)
            return;
    }
    CHECK_INT(store_auth_begin(st, t, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    char a[64];
    raw_auth("cut.db", a, sizeof a);
    CHECK_STR(a, "0|1|2026-12-01 10:01:00");

    /* A clock set back (a board booting before NTP) does not lock for
     * years: the lockout is cut to a day from the new now. */
    long long back = fx_at("2025-01-01 00:00") * 60;
    CHECK_INT(store_auth_begin(st, back, &until), RULES_LOCKED);
    CHECK_INT(until, back + 86400);
    raw_auth("cut.db", a, sizeof a);
    CHECK_STR(a, "0|1|2025-01-02 00:00:00");
    CHECK_INT(store_auth_begin(st, back + 86400, &until), STORE_OK);
    CHECK_INT(store_auth_end(st, 1, back + 86400, NULL), STORE_OK);

    /* The single row deleted from a shell comes back rather than breaking login. */
    sqlite3 *db = fx_raw_open("cut.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (db) {
        CHECK_INT(sqlite3_exec(db, "DELETE FROM auth", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK_INT(store_auth_begin(st, t, &until), STORE_OK);
    raw_auth("cut.db", a, sizeof a);
    CHECK_STR(a, "1|0|-");
    /* And the schema allows no second row. */
    db = fx_raw_open("cut.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (db) {
        CHECK(sqlite3_exec(db, "INSERT INTO auth (id) VALUES (2)", NULL, NULL, NULL) != SQLITE_OK);
        sqlite3_close(db);
    }
    store_close(st);
}

/* ---- Audit --------------------------------------------------------------------- */

static void test_audit_log(void)
{
    rules_t r;
    store_t *st = fresh("audit.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(store_audit(st, "王芳", "login", NULL, NULL, NULL, fx_at("2026-12-01 09:00")),
              STORE_OK);
    CHECK_INT(
        store_audit(st, "王芳", "export", NULL, NULL, "12 bookings", fx_at("2026-12-01 09:30")),
        STORE_OK);
    CHECK_INT(
        store_audit(st, NULL, "login_failed", NULL, NULL, "wrong PIN", fx_at("2026-11-30 18:00")),
        STORE_OK);
    /* Whatever a caller puts into the detail, no PIN or phone number stays. */
    CHECK_INT(store_audit(st, "王芳", "show_phone", "TABCDEFG", S2_DEC01,
                          "called 13812345678 about PIN 246810, room 12",
                          fx_at("2026-12-01 10:00")),
              STORE_OK);
    CHECK_INT(store_audit(st, "王芳", "Login!", NULL, NULL, NULL, fx_at("2026-12-01 10:00")),
              STORE_ERROR);
    CHECK_INT(store_audit(st, "王芳", "", NULL, NULL, NULL, fx_at("2026-12-01 10:00")),
              STORE_ERROR);
    CHECK_INT(store_audit(st, "王芳", NULL, NULL, NULL, NULL, fx_at("2026-12-01 10:00")),
              STORE_ERROR);

    rows_t *c = audit_rows(st, NULL);
    CHECK_INT(c->n, 4);
    CHECK_STR(c->audit[0].at, "2026-11-30 18:00"); /* oldest first, by time */
    CHECK_STR(c->audit[0].staff, "");
    CHECK_STR(c->audit[0].action, "login_failed");
    CHECK_STR(c->audit[0].detail, "wrong PIN");
    CHECK_STR(c->audit[2].detail, "12 bookings");
    CHECK_STR(c->audit[3].ticket, "TABCDEFG");
    CHECK_STR(c->audit[3].session_id, S2_DEC01);
    CHECK_STR(c->audit[3].detail, "called *********** about PIN ******, room 12");
    CHECK(c->audit[1].id > 0 && c->audit[1].id < c->audit[2].id);

    c = audit_rows(st, "2026-12-01");
    CHECK_INT(c->n, 3);
    CHECK_STR(c->audit[0].action, "login");
    c = audit_rows(st, "2026-11-29");
    CHECK_INT(c->n, 0);

    /* A long Chinese detail is cut at a character, not inside one. */
    char longd[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(longd, "取");
    CHECK_INT(store_audit(st, "王芳", "cancel", NULL, NULL, longd, fx_at("2026-12-02 10:00")),
              STORE_OK);
    c = audit_rows(st, "2026-12-02");
    CHECK_INT(c->n, 1);
    CHECK_INT(strlen(c->audit[0].detail), 198); /* 66 characters of 3 bytes */
    store_close(st);

    /* The log reads from a read-only handle too (kioskctl audit). */
    st = fx_open("audit.db", STORE_OPEN_READONLY);
    CHECK(st != NULL);
    if (st) {
        c = audit_rows(st, NULL);
        CHECK_INT(c->n, 5);
        store_close(st);
    }
}

/* ---- Staff changing bookings and sessions ----------------------------------------- */

static void test_set_status(void)
{
    rules_t r;
    store_t *st = fresh("status.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE], t3[KIOSK_TICKET_SIZE], t4[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 2, &r, t1), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, &r, t2), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000003", 1, &r, t3), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000004", 1, &r, t4), STORE_OK);
    long long now = fx_at("2026-12-01 14:05");

    CHECK_INT(store_staff_set_status(st, "王芳", t1, RULES_CHECKED_IN, NULL, now), STORE_OK);
    CHECK_INT(store_staff_set_status(st, "王芳", t2, RULES_NO_SHOW, NULL, now + 1), STORE_OK);
    /* A cancel needs a reason; refused ones change nothing and log nothing. */
    CHECK_INT(store_staff_set_status(st, "王芳", t3, RULES_CANCELLED, NULL, now), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "reason") != NULL);
    CHECK_INT(store_staff_set_status(st, "王芳", t3, RULES_CANCELLED, "", now), STORE_ERROR);
    CHECK_INT(store_staff_set_status(st, "王芳", t3, RULES_CANCELLED, "本人要求", now + 2),
              STORE_OK);
    CHECK_INT(store_staff_set_status(st, "王芳", t1, RULES_NO_SHOW, NULL, now), RULES_BAD_STATE);
    CHECK_INT(store_staff_set_status(st, "王芳", t3, RULES_CHECKED_IN, NULL, now), RULES_BAD_STATE);
    CHECK_INT(store_staff_set_status(st, "王芳", "TNONEXXX", RULES_CHECKED_IN, NULL, now),
              RULES_NOT_FOUND);
    CHECK_INT(store_staff_set_status(st, "王芳", t4, RULES_BOOKED, NULL, now), STORE_ERROR);
    CHECK_INT(store_staff_set_status(st, "", t4, RULES_CHECKED_IN, NULL, now), STORE_ERROR);
    CHECK_INT(store_staff_set_status(st, NULL, t4, RULES_CHECKED_IN, NULL, now), STORE_ERROR);

    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t1, &b), STORE_OK);
    CHECK_STR(b.status, "checked_in");
    CHECK_INT(store_get_booking(st, t2, &b), STORE_OK);
    CHECK_STR(b.status, "no_show");
    CHECK_INT(store_get_booking(st, t3, &b), STORE_OK);
    CHECK_STR(b.status, "cancelled");
    CHECK_INT(store_get_booking(st, t4, &b), STORE_OK);
    CHECK_STR(b.status, "booked");

    rows_t *c = audit_rows(st, NULL);
    CHECK_INT(c->n, 3);
    static const char *const actions[] = {"attended", "no_show", "cancel"};
    const char *tickets[] = {t1, t2, t3};
    for (int i = 0; i < 3 && i < c->n; i++) {
        CHECK_STR(c->audit[i].action, actions[i]);
        CHECK_STR(c->audit[i].staff, "王芳");
        CHECK_STR(c->audit[i].ticket, tickets[i]);
        CHECK_STR(c->audit[i].session_id, S2_DEC01);
        CHECK(strstr(c->audit[i].detail, "1380000") == NULL);
    }
    CHECK_STR(c->audit[0].at, "2026-12-01 14:05");
    CHECK_STR(c->audit[0].detail, "");
    CHECK_STR(c->audit[2].detail, "本人要求");
    store_close(st);

    /* The change and its audit row are one transaction: a failing audit
     * insert (the table locked away by a trigger here) leaves the booking
     * as it was. */
    sqlite3 *db = fx_raw_open("status.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (db) {
        CHECK_INT(sqlite3_exec(db,
                               "CREATE TRIGGER no_audit BEFORE INSERT ON audit"
                               " BEGIN SELECT RAISE(ABORT, 'audit refused'); END",
                               NULL, NULL, NULL),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    st = fx_open("status.db", 0);
    if (!st)
        return;
    CHECK_INT(store_staff_set_status(st, "王芳", t4, RULES_CHECKED_IN, NULL, now), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "audit refused") != NULL);
    CHECK_INT(store_get_booking(st, t4, &b), STORE_OK);
    CHECK_STR(b.status, "booked");
    CHECK_INT(store_session_close(st, "王芳", S2_DEC02, now), STORE_ERROR);
    store_close(st);
    db = fx_raw_open("status.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (db) {
        char state[32];
        fx_raw_text(db, "SELECT state FROM sessions WHERE id = '" S2_DEC02 "'", state,
                    sizeof state);
        CHECK_STR(state, "open");
        sqlite3_close(db);
    }
}

static void test_session_close(void)
{
    rules_t r;
    store_t *st = fresh("close.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC02, "13800000001", 2, &r, t1), STORE_OK);
    CHECK_INT(book(st, S2_DEC02, "13800000002", 1, &r, t2), STORE_OK);
    CHECK_INT(store_cancel(st, t2, fx_at("2026-11-30 09:00")), STORE_OK);
    long long now = fx_at("2026-12-01 11:00");
    CHECK_INT(store_session_close(st, "王芳", S2_DEC02, now), STORE_OK);
    CHECK_INT(store_session_close(st, "王芳", "s9-20261202-1400", now), RULES_NO_SESSION);
    CHECK_INT(store_session_close(st, "", S2_DEC02, now), STORE_ERROR);

    /* Closed: no more bookings, the one made stays. */
    char t3[KIOSK_TICKET_SIZE];
    CHECK_INT(store_book(st, S2_DEC02, "13800000003", 1, now, &r, fx_gen, NULL, t3), RULES_CLOSED);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t1, &b), STORE_OK);
    CHECK_STR(b.status, "booked");

    rows_t *c = audit_rows(st, NULL);
    CHECK_INT(c->n, 1);
    CHECK_STR(c->audit[0].action, "close_session");
    CHECK_STR(c->audit[0].session_id, S2_DEC02);
    CHECK_STR(c->audit[0].ticket, "");
    CHECK_STR(c->audit[0].detail, "1 bookings still booked");

    /* Closing it again changes nothing and logs nothing. */
    CHECK_INT(store_session_close(st, "李明", S2_DEC02, now + 5), STORE_OK);
    c = audit_rows(st, NULL);
    CHECK_INT(c->n, 1);
    store_close(st);
}

/* ---- The day's counts -------------------------------------------------------------- */

static void test_day(void)
{
    rules_t r;
    store_t *st = fresh("day.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t[6][KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 2, &r, t[0]), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, &r, t[1]), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000003", 2, &r, t[2]), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000004", 1, &r, t[3]), STORE_OK); /* 6 of 6 */
    CHECK_INT(book(st, S1_DEC01, "13800000005", 2, &r, t[4]), STORE_OK);
    CHECK_INT(book(st, S2_DEC02, "13800000006", 1, &r, t[5]), STORE_OK);
    long long now = fx_at("2026-12-01 14:10");
    CHECK_INT(store_staff_set_status(st, "王芳", t[0], RULES_CHECKED_IN, NULL, now), STORE_OK);
    CHECK_INT(store_staff_set_status(st, "王芳", t[2], RULES_NO_SHOW, NULL, now), STORE_OK);
    CHECK_INT(store_staff_set_status(st, "王芳", t[3], RULES_CANCELLED, "其他", now), STORE_OK);
    CHECK_INT(store_session_close(st, "王芳", S1_DEC01, now), STORE_OK);

    rows_t c;
    memset(&c, 0, sizeof c);
    CHECK_INT(store_day(st, "2026-12-01", take_day, &c), STORE_OK);
    CHECK_INT(c.n, 2);
    /* By start: s1 at 09:00 first. */
    const store_day_row_t *a = &c.day[0], *b = &c.day[1];
    CHECK_STR(a->s.session_id, S1_DEC01);
    CHECK_STR(a->s.service_name, "小小主播");
    CHECK_STR(a->s.start, "09:00");
    CHECK_INT(a->s.capacity, 3);
    CHECK_INT(a->booked_persons, 2);
    CHECK_INT(a->checked_in_persons, 0);
    CHECK_INT(a->s.booked, 2);
    CHECK_INT(a->s.open, 0);
    CHECK_INT(a->s.remaining, 0); /* closed */
    CHECK_STR(b->s.session_id, S2_DEC01);
    CHECK_STR(b->s.category_id, "c2");
    CHECK_STR(b->s.end, "15:00");
    CHECK_INT(b->s.capacity, 6);
    CHECK_INT(b->booked_persons, 1);     /* t[1] */
    CHECK_INT(b->checked_in_persons, 2); /* t[0] */
    CHECK_INT(b->no_show_persons, 2);    /* t[2]; the cancelled t[3] counts nowhere */
    CHECK_INT(b->s.booked, 3);
    CHECK_INT(b->s.remaining, 3);
    CHECK_INT(b->s.open, 1);

    memset(&c, 0, sizeof c);
    CHECK_INT(store_day(st, "2026-11-01", take_day, &c), STORE_OK);
    CHECK_INT(c.n, 0);
    CHECK_INT(store_day(st, NULL, take_day, &c), STORE_ERROR);
    store_close(st);
}

/* ---- Migration from version 1 ------------------------------------------------------- */

/* ---- Outbox (schema version 3) ------------------------------------------------ */

typedef struct events {
    int n;
    char line[16][96];
} events_t;

/* The outbox as "seq kind ticket at status party" lines, read with a plain
 * connection; returns the count. */
static int store_outbox_rows(sqlite3 *db, events_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT seq || ' ' || kind || ' ' || ticket || ' ' || at || ' ' ||"
                           " status || ' ' || party FROM outbox ORDER BY seq",
                           -1, &s, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (e->n < 16)
            snprintf(e->line[e->n], sizeof e->line[0], "%s",
                     (const char *)sqlite3_column_text(s, 0));
        e->n++;
    }
    sqlite3_finalize(s);
    return e->n;
}

typedef struct renumbered {
    store_outbox_row_t *rows;
    int n;
} renumbered_t;

static int take_renumbered(void *ctx, const store_outbox_row_t *row)
{
    renumbered_t *rn = ctx;
    if (rn->n < 16)
        rn->rows[rn->n] = *row;
    rn->n++;
    return 0;
}

static int take_outbox(void *ctx, const store_outbox_row_t *row)
{
    store_outbox_row_t *rows = ctx;
    rows[row->seq < 16 ? row->seq : 0] = *row;
    return 0;
}

/* Every booking change writes its event in its own transaction, and only
 * a change that happened does. */
static void test_outbox(void)
{
    rules_t r;
    store_t *st = fresh("outbox.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE], t3[KIOSK_TICKET_SIZE], t4[KIOSK_TICKET_SIZE],
        t5[KIOSK_TICKET_SIZE], no[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC01, "13800000001", 2, &r, t1), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000002", 1, &r, t2), STORE_OK);
    CHECK_INT(book(st, S2_DEC01, "13800000003", 1, &r, t3), STORE_OK);
    CHECK_INT(book(st, S1_DEC01, "13800000004", 1, &r, t4), STORE_OK);
    CHECK_INT(book(st, S2_DEC02, "13800000005", 1, &r, t5), STORE_OK);
    /* Refused: a second booking of the same phone and session. No event. */
    CHECK_INT(book(st, S2_DEC01, "13800000001", 1, &r, no), RULES_DUPLICATE);
    long long t = fx_at("2026-12-01 13:45");
    CHECK_INT(store_checkin(st, t1, t), STORE_OK);
    CHECK_INT(store_checkin(st, t1, t), RULES_BAD_STATE); /* no event either */
    CHECK_INT(store_cancel(st, t2, t), STORE_OK);
    CHECK_INT(store_no_show(st, t4, fx_at("2026-12-01 10:00")), STORE_OK);
    CHECK_INT(store_staff_set_status(st, "王芳", t3, RULES_CHECKED_IN, NULL, t), STORE_OK);
    CHECK_INT(store_staff_set_status(st, "王芳", t3, RULES_NO_SHOW, NULL, t), RULES_BAD_STATE);

    store_outbox_row_t rows[16];
    memset(rows, 0, sizeof rows);
    CHECK_INT(store_outbox(st, 0, 0, take_outbox, rows), STORE_OK);
    CHECK_STR(rows[1].kind, "created");
    CHECK_STR(rows[1].ticket, t1);
    CHECK_STR(rows[1].session_id, S2_DEC01);
    CHECK_STR(rows[1].service_id, "s2");
    CHECK_STR(rows[1].category_id, "c2");
    CHECK_STR(rows[1].service_name, "康养咨询");
    CHECK_STR(rows[1].date, "2026-12-01");
    CHECK_STR(rows[1].start, "14:00");
    CHECK_STR(rows[1].end, "15:00");
    CHECK_INT(rows[1].capacity, 6);
    CHECK_INT(rows[1].party, 2);
    CHECK_STR(rows[1].status, "booked");
    CHECK_STR(rows[1].at, "2026-11-30 08:00");
    CHECK_STR(rows[4].service_id, "s1");
    CHECK_STR(rows[5].ticket, t5);
    const struct {
        const char *kind, *ticket, *status, *at;
    } changes[] = {
        {"checked_in", t1, "checked_in", "2026-12-01 13:45"},
        {"cancelled", t2, "cancelled", "2026-12-01 13:45"},
        {"no_show", t4, "no_show", "2026-12-01 10:00"},
        {"attended", t3, "checked_in", "2026-12-01 13:45"},
    };
    for (int i = 0; i < 4; i++) {
        CHECK_STR(rows[6 + i].kind, changes[i].kind);
        CHECK_STR(rows[6 + i].ticket, changes[i].ticket);
        CHECK_STR(rows[6 + i].status, changes[i].status);
        CHECK_STR(rows[6 + i].at, changes[i].at);
    }
    CHECK_INT(rows[10].seq, 0); /* nothing more */

    /* A page after a seq, with a limit. */
    memset(rows, 0, sizeof rows);
    CHECK_INT(store_outbox(st, 3, 2, take_outbox, rows), STORE_OK);
    CHECK_INT(rows[3].seq, 0);
    CHECK_INT(rows[4].seq, 4);
    CHECK_INT(rows[5].seq, 5);
    CHECK_INT(rows[6].seq, 0);

    store_sync_state_t ss;
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_STR(ss.station_id, "test");
    CHECK_INT(ss.sent_seq, 0);
    CHECK_INT(ss.last_seq, 9);
    CHECK_INT(ss.pending, 9);
    CHECK_STR(ss.last_ok, "");
    /* A failure is recorded, its digits masked like the audit log's. */
    CHECK_INT(store_sync_failed(st, "connect: timeout after 13800000001", t), STORE_OK);
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_INT(ss.failing, 1);
    CHECK_INT(store_sync_sent(st, 5, t + 1), STORE_OK);
    CHECK_INT(store_sync_sent(st, 3, t + 2), STORE_OK); /* never goes back */
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_INT(ss.sent_seq, 5);
    CHECK_INT(ss.pending, 4);
    CHECK_INT(ss.failing, 0);
    CHECK_STR(ss.last_error, "connect: timeout after ***********");
    CHECK_STR(ss.last_error_at, "2026-12-01 13:45");
    CHECK_STR(ss.last_ok, "2026-12-01 13:47");

    /* Renumbering (a store restored from an old backup): the 4 events
     * after sent_seq 5 move to 21..24 in their order, later ones follow. */
    CHECK_INT(store_outbox_renumber(st, 6), STORE_ERROR); /* would not move them up */
    CHECK_INT(store_outbox_renumber(st, 21), 4);
    store_outbox_row_t all[16];
    renumbered_t rn = {all, 0};
    CHECK_INT(store_outbox(st, 5, 0, take_renumbered, &rn), STORE_OK);
    CHECK_INT(rn.n, 4);
    for (int i = 0; i < 4 && i < rn.n; i++) {
        CHECK_INT(all[i].seq, 21 + i);
        CHECK_STR(all[i].kind, changes[i].kind);
        CHECK_STR(all[i].ticket, changes[i].ticket);
    }
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_INT(ss.sent_seq, 20);
    CHECK_INT(ss.pending, 4);
    CHECK_INT(ss.last_seq, 24);
    char t7[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, S2_DEC02, "13800000007", 1, &r, t7), STORE_OK);
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_INT(ss.last_seq, 25);
    CHECK_INT(store_sync_sent(st, 25, t), STORE_OK);
    CHECK_INT(store_outbox_renumber(st, 40), 0); /* nothing waiting */

    /* The event of a booking is in the booking's transaction: a booking
     * whose event cannot be written is not made (the outbox is made
     * unwritable from a shell). */
    store_close(st);
    sqlite3 *db = fx_raw_open("outbox.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(sqlite3_exec(db,
                           "CREATE TRIGGER no_events BEFORE INSERT ON outbox"
                           " BEGIN SELECT RAISE(ABORT, 'outbox full'); END",
                           NULL, NULL, NULL),
              SQLITE_OK);
    st = fx_open("outbox.db", 0);
    CHECK(st != NULL);
    if (st) {
        char t6[KIOSK_TICKET_SIZE];
        CHECK_INT(book(st, S2_DEC02, "13800000006", 1, &r, t6), STORE_ERROR);
        CHECK(strstr(store_errmsg(st), "outbox full") != NULL);
        CHECK_INT(store_cancel(st, t5, t), STORE_ERROR);
        store_booking_row_t b;
        CHECK_INT(store_get_booking(st, t5, &b), STORE_OK);
        CHECK_STR(b.status, "booked");
        store_close(st);
    }
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings"), 6);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox"), 10);
    sqlite3_close(db);
}

/* Version 1 as it shipped (firmware/store/schema.c, migration step 1),
 * with data as version 1 firmware wrote it. */
static const char v1_file[] =
    "PRAGMA journal_mode = WAL;\n"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE categories (id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,\n"
    "    sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));\n"
    "CREATE TABLE services (id TEXT PRIMARY KEY,\n"
    "    category_id TEXT NOT NULL REFERENCES categories (id), name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL, location_zh TEXT NOT NULL DEFAULT '',\n"
    "    duration INTEGER NOT NULL DEFAULT 0, sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));\n"
    "CREATE TABLE sessions (id TEXT PRIMARY KEY,\n"
    "    service_id TEXT NOT NULL REFERENCES services (id),\n"
    "    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "    start TEXT NOT NULL CHECK (start GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
    "    end TEXT NOT NULL CHECK (end GLOB '[0-2][0-9]:[0-5][0-9]' AND end > start),\n"
    "    capacity INTEGER NOT NULL CHECK (capacity > 0),\n"
    "    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'withdrawn')));\n"
    "CREATE INDEX sessions_by_date ON sessions (date, start, service_id);\n"
    "CREATE INDEX sessions_by_service ON sessions (service_id, date);\n"
    "CREATE TABLE bookings (id INTEGER PRIMARY KEY, ticket TEXT NOT NULL UNIQUE,\n"
    "    session_id TEXT NOT NULL REFERENCES sessions (id), phone TEXT,\n"
    "    party INTEGER NOT NULL CHECK (party BETWEEN 1 AND 9),\n"
    "    status TEXT NOT NULL DEFAULT 'booked'\n"
    "        CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),\n"
    "    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n"
    "CREATE UNIQUE INDEX bookings_one_per_phone ON bookings (session_id, phone)\n"
    "    WHERE status IN ('booked', 'checked_in');\n"
    "CREATE INDEX bookings_by_session ON bookings (session_id, status);\n"
    "CREATE INDEX bookings_by_phone ON bookings (phone, status);\n"
    "CREATE TRIGGER bookings_capacity_insert BEFORE INSERT ON bookings\n"
    "WHEN NEW.status IN ('booked', 'checked_in')\n"
    "BEGIN\n"
    "    SELECT RAISE(ABORT, 'booking over session capacity')\n"
    "    WHERE NEW.party + (SELECT COALESCE(SUM(party), 0) FROM bookings\n"
    "                       WHERE session_id = NEW.session_id\n"
    "                         AND status IN ('booked', 'checked_in'))\n"
    "        > COALESCE((SELECT capacity FROM sessions WHERE id = NEW.session_id), 0);\n"
    "END;\n"
    "CREATE TRIGGER bookings_capacity_update BEFORE UPDATE OF status, party, session_id\n"
    "ON bookings\n"
    "WHEN NEW.status IN ('booked', 'checked_in')\n"
    "    AND (OLD.status NOT IN ('booked', 'checked_in') OR NEW.party > OLD.party\n"
    "         OR NEW.session_id IS NOT OLD.session_id)\n"
    "BEGIN\n"
    "    SELECT RAISE(ABORT, 'booking over session capacity')\n"
    "    WHERE NEW.party + (SELECT COALESCE(SUM(party), 0) FROM bookings\n"
    "                       WHERE session_id = NEW.session_id AND id <> OLD.id\n"
    "                         AND status IN ('booked', 'checked_in'))\n"
    "        > COALESCE((SELECT capacity FROM sessions WHERE id = NEW.session_id), 0);\n"
    "END;\n"
    "INSERT INTO categories VALUES ('c2', '养老服务', '', 1, 1);\n"
    "INSERT INTO services VALUES ('s2', 'c2', '康养咨询', '', '一楼咨询室', 60, 1, 1);\n"
    "INSERT INTO sessions VALUES ('" S2_DEC01 "', 's2', '2026-12-01', '14:00', '15:00', 4,"
    " 'open');\n"
    "INSERT INTO sessions VALUES ('" S2_DEC02 "', 's2', '2026-12-02', '14:00', '15:00', 4,"
    " 'closed');\n"
    "INSERT INTO bookings VALUES (1, 'V1AAAAAA', '" S2_DEC01 "', '13800000001', 2, 'booked',"
    " '2026-11-20 10:00', '2026-11-20 10:00');\n"
    "INSERT INTO bookings VALUES (2, 'V1BBBBBB', '" S2_DEC01 "', '13800000002', 1,"
    " 'checked_in', '2026-11-20 10:05', '2026-12-01 13:50');\n"
    "INSERT INTO bookings VALUES (3, 'V1CCCCCC', '" S2_DEC02 "', NULL, 1, 'cancelled',"
    " '2026-11-21 09:00', '2026-11-22 09:00');\n"
    "INSERT INTO meta VALUES ('station_id', 'test');\n"
    "INSERT INTO meta VALUES ('sessions_until', '2026-12-14');\n"
    "PRAGMA user_version = 1;\n";

static int make_v1(const char *name, const char *extra)
{
    sqlite3 *db = fx_raw_open(name, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db)
        return -1;
    int rc = sqlite3_exec(db, v1_file, NULL, NULL, NULL);
    if (rc == SQLITE_OK && extra)
        rc = sqlite3_exec(db, extra, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "v1 file: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

static void test_migrate_v1(void)
{
    CHECK_INT(make_v1("v1.db", NULL), 0);
    char path[256];
    fx_path(path, "v1.db");

    /* Read-only never migrates, and says how to. */
    store_t *st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "schema version 1 is older") != NULL);
    store_close(st);

    st = fx_open("v1.db", 0);
    CHECK(st != NULL);
    if (!st)
        return;
    char v[32];
    CHECK_INT(store_pragma(st, "user_version", v, sizeof v), STORE_OK);
    CHECK_STR(v, "10");
    char msg[128];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    CHECK_STR(msg, "ok, schema version 10");

    /* The bookings are as they were. */
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, "V1AAAAAA", &b), STORE_OK);
    CHECK_STR(b.phone, "13800000001");
    CHECK_INT(b.party, 2);
    CHECK_STR(b.status, "booked");
    CHECK_STR(b.created_at, "2026-11-20 10:00");
    CHECK_STR(b.service_name, "康养咨询");
    CHECK_INT(store_get_booking(st, "V1BBBBBB", &b), STORE_OK);
    CHECK_STR(b.status, "checked_in");
    CHECK_INT(store_get_booking(st, "V1CCCCCC", &b), STORE_OK);
    CHECK_STR(b.phone, "");
    CHECK_STR(b.status, "cancelled");

    /* ... and everything new works on them. */
    rows_t c;
    memset(&c, 0, sizeof c);
    CHECK_INT(store_day(st, "2026-12-01", take_day, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    CHECK_INT(c.day[0].booked_persons, 2);
    CHECK_INT(c.day[0].checked_in_persons, 1);
    CHECK_INT(c.day[0].s.remaining, 1);
    CHECK_INT(store_staff_set_status(st, "王芳", "V1AAAAAA", RULES_NO_SHOW, NULL,
                                     fx_at("2026-12-01 14:30")),
              STORE_OK);
    CHECK_INT(store_staff_add(st, "王芳", HASH_A, fx_at("2026-12-01 08:00")), STORE_OK);
    long long until;
    CHECK_INT(store_auth_begin(st, fx_at("2026-12-01 08:00") * 60, &until), STORE_OK);
    CHECK_INT(store_auth_end(st, 1, fx_at("2026-12-01 08:00") * 60, NULL), STORE_OK);
    CHECK_INT(audit_rows(st, NULL)->n, 1);
    rules_t r;
    rules_defaults(&r);
    char t[KIOSK_TICKET_SIZE];
    /* The capacity trigger of version 1 still guards the file. */
    CHECK_INT(
        store_book(st, S2_DEC01, "13800000009", 1, fx_at("2026-12-01 08:00"), &r, fx_gen, NULL, t),
        STORE_OK);
    store_close(st);

    sqlite3 *db = fx_raw_open("v1.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(fx_raw_int(db,
                             "SELECT count(*) FROM sqlite_schema WHERE name IN ('staff', 'auth',"
                             " 'audit', 'audit_by_at', 'bookings_capacity_insert',"
                             " 'bookings_capacity_update', 'bookings_one_per_person')"),
                  7);
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings"), 4);
        CHECK_INT(fx_raw_int(db, "PRAGMA user_version"), 10);
        /* Version 5 added the calls table, empty, and 6 the label of the person
         * served (NULL: the old bookings are their bookers' own); those kept
         * the floor at 3, and 7 (call events in the outbox) raised it to 7. */
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE for_label IS NULL"), 4);
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM calls"), 0);
        CHECK_INT(fx_raw_int(db, "SELECT CAST(value AS INTEGER) FROM meta"
                                 " WHERE key = 'schema_compatible_with'"),
                  7);
        /* Version 3 made the old bookings events: three created in booking
         * order, then the two changes in the order they happened; then the
         * staff no-show and the new booking above. */
        events_t e;
        memset(&e, 0, sizeof e);
        CHECK_INT(store_outbox_rows(db, &e), 7);
        CHECK_STR(e.line[0], "1 created V1AAAAAA 2026-11-20 10:00 booked 2");
        CHECK_STR(e.line[1], "2 created V1BBBBBB 2026-11-20 10:05 booked 1");
        CHECK_STR(e.line[2], "3 created V1CCCCCC 2026-11-21 09:00 booked 1");
        CHECK_STR(e.line[3], "4 cancelled V1CCCCCC 2026-11-22 09:00 cancelled 1");
        CHECK_STR(e.line[4], "5 checked_in V1BBBBBB 2026-12-01 13:50 checked_in 1");
        CHECK_STR(e.line[5], "6 no_show V1AAAAAA 2026-12-01 14:30 no_show 2");
        CHECK(strncmp(e.line[6], "7 created T", 11) == 0);
        sqlite3_close(db);
    }
}

/* A step that fails leaves the file at version 1, whole. */
static void test_migrate_v1_fails_whole(void)
{
    /* Someone made a table of that name from the shell. */
    CHECK_INT(make_v1("v1bad.db", "CREATE TABLE staff (who TEXT);"), 0);
    char path[256];
    fx_path(path, "v1bad.db");
    store_t *st = NULL;
    CHECK_INT(store_open(path, 0, &st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "migrating to schema version 2") != NULL);
    store_close(st);
    sqlite3 *db = fx_raw_open("v1bad.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(fx_raw_int(db, "PRAGMA user_version"), 1);
        CHECK_INT(
            fx_raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('auth', 'audit')"),
            0);
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings"), 3);
        sqlite3_close(db);
    }
}

int main(void)
{
    if (fx_dir_make("kiosk-staff-test", 0))
        return 1;
    RUN(test_staff_members);
    RUN(test_auth_lockout);
    RUN(test_auth_power_cut);
    RUN(test_audit_log);
    RUN(test_set_status);
    RUN(test_session_close);
    RUN(test_day);
    RUN(test_outbox);
    RUN(test_migrate_v1);
    RUN(test_migrate_v1_fails_whole);
    fx_dir_remove();
    TEST_EXIT();
}
