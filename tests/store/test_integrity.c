/* Issue 14: what the store keeps and what it lets go.
 *  - item 2: a foreign-key inconsistency (a session row deleted from the
 *    sqlite3 shell, where foreign keys are off) is no damage: the live file
 *    stays, with every booking; and files set aside in the same minute
 *    never overwrite one another;
 *  - item 11: a purged phone number is not left in the file's free space
 *    or in the WAL (secure_delete, and the purge checkpoints);
 *  - item 12: a lockout runs its whole minute from the failure's second,
 *    not to the next minute boundary. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/app/dbguard.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog_a[] = FX_CATALOG(6);
#define S2_DEC01 "s2-20261201-1400"
#define PHONE "13812345678"

/* The files of the fixture directory whose names start with prefix. */
static int count_prefix(const char *prefix)
{
    DIR *d = opendir(fx_dir());
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

/* 1 when the file holds needle anywhere (0 for a missing file). */
static int file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = 1 << 16, n = 0, nl = strlen(needle);
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                break;
            buf = b;
        }
    }
    fclose(f);
    int found = 0;
    for (size_t i = 0; buf && i + nl <= n && !found; i++)
        found = memcmp(buf + i, needle, nl) == 0;
    free(buf);
    return found;
}

static int first_session(void *ctx, const store_session_row_t *row)
{
    *(store_session_row_t *)ctx = *row;
    return 1;
}

/* name created on 2026-11-30 08:00 with one booking of phone for S2_DEC01. */
static store_t *booked(const char *name, const char *phone, int party,
                       char ticket[KIOSK_TICKET_SIZE])
{
    rules_t r;
    rules_defaults(&r);
    long long t = fx_at("2026-11-30 08:00");
    store_t *st = fx_store(name, catalog_a, "a.ini", t, &r);
    CHECK(st != NULL);
    if (st && store_book(st, S2_DEC01, phone, party, t, &r, fx_gen, NULL, ticket) != STORE_OK) {
        CHECK(!"booked");
        store_close(st);
        st = NULL;
    }
    return st;
}

static void a_deleted_session_is_no_damage(void)
{
    long long t = fx_at("2026-11-30 08:00");
    char ticket[KIOSK_TICKET_SIZE];
    store_t *st = booked("fk.db", "13800000001", 2, ticket);
    if (!st)
        return;
    /* A backup of the morning, without this booking's session gone. */
    char db[FX_PATH_MAX];
    fx_path(db, "fk.db");
    char msg[512];
    CHECK_INT(dbguard_backup(st, db, t, 3, 0, msg, sizeof msg), 1);
    store_close(st);
    /* The staff member's shell: foreign keys off. */
    sqlite3 *raw = fx_raw_open("fk.db", SQLITE_OPEN_READWRITE);
    CHECK(raw != NULL);
    CHECK_INT(sqlite3_exec(raw, "DELETE FROM sessions WHERE id = '" S2_DEC01 "'", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(raw);
    /* The check says what is wrong, in its own words, and that it is no damage. */
    st = fx_open("fk.db", STORE_OPEN_READONLY);
    CHECK(st != NULL);
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_INCONSISTENT);
    CHECK(strstr(msg, "inconsistent (not damaged): bookings row 1 points to a missing row of "
                      "sessions") != NULL);
    store_close(st);

    dbguard_mode_t mode = DBGUARD_MEMORY;
    CHECK_INT(dbguard_open(db, fx_at("2026-11-30 09:00"), &st, &mode, msg, sizeof msg), 0);
    CHECK_STR(dbguard_mode_name(mode), "ok");
    CHECK(strstr(msg, "restored") == NULL);
    CHECK(strstr(msg, "inconsisten") != NULL);
    CHECK_INT(count_prefix("fk.db.corrupt-"), 0);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, ticket, &b), STORE_OK);
    CHECK_STR(b.status, "booked");
    CHECK_STR(b.session_id, S2_DEC01);
    /* The session is back, closed to new bookings; the file is whole again. */
    store_session_filter_t f = {.session_id = S2_DEC01};
    store_session_row_t row = {0};
    CHECK_INT(store_sessions(st, &f, first_session, &row), STORE_OK);
    CHECK_STR(row.session_id, S2_DEC01);
    CHECK_STR(row.start, "14:00");
    CHECK_INT(row.open, 0);
    CHECK_INT(row.booked, 2);
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    CHECK_INT(store_checkin(st, ticket, fx_at("2026-12-01 13:50")), STORE_OK);
    store_close(st);
    char dir[600], bk[700];
    dbguard_backup_dir(db, dir, sizeof dir);
    snprintf(bk, sizeof bk, "%s/kiosk-2026-11-30.db", dir);
    remove(bk);
    remove(dir);
}

/* A row with nothing to rebuild it from (no booking event names its
 * service) is left as it is, deleted from nowhere, and still reported. */
static void what_cannot_be_rebuilt_stays_reported(void)
{
    char ticket[KIOSK_TICKET_SIZE];
    store_t *st = booked("orphan.db", "13800000002", 1, ticket);
    if (!st)
        return;
    sqlite3 *raw = fx_raw_open("orphan.db", SQLITE_OPEN_READWRITE);
    CHECK(raw != NULL);
    CHECK_INT(sqlite3_exec(raw,
                           "INSERT INTO sessions (id, service_id, date, start, end, capacity)"
                           " VALUES ('x-20261201-0900', 'nosuch', '2026-12-01', '09:00',"
                           " '10:00', 3)",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(raw);
    char msg[512];
    CHECK_INT(store_repair(st, fx_at("2026-11-30 09:00"), msg, sizeof msg), 0);
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_INCONSISTENT);
    CHECK(strstr(msg, "sessions row") != NULL);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, ticket, &b), STORE_OK);
    store_close(st);
}

static void two_set_asides_in_one_minute_keep_both(void)
{
    char db[FX_PATH_MAX];
    fx_path(db, "twice.db");
    long long t = fx_at("2026-12-01 09:00");
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(db, "wb");
        CHECK(f != NULL);
        if (!f)
            return;
        for (int k = 0; k < 8192; k++)
            fputc(i ? 'B' : 'A', f);
        fclose(f);
        store_t *st = NULL;
        dbguard_mode_t mode;
        char msg[512];
        CHECK_INT(dbguard_open(db, t, &st, &mode, msg, sizeof msg), 0);
        CHECK_STR(dbguard_mode_name(mode), "fresh");
        store_close(st);
    }
    char a[FX_PATH_MAX + 32];
    snprintf(a, sizeof a, "%s.corrupt-20261201-0900", db);
    CHECK_INT(count_prefix("twice.db.corrupt-20261201-0900"), 2);
    CHECK(file_has(a, "AAAAAAAA"));
}

static void a_purged_phone_leaves_no_trace(void)
{
    char ticket[KIOSK_TICKET_SIZE];
    store_t *st = booked("purge.db", PHONE, 1, ticket);
    if (!st)
        return;
    char v[16];
    CHECK_INT(store_pragma(st, "secure_delete", v, sizeof v), STORE_OK);
    CHECK_STR(v, "1");
    CHECK_INT(store_purge_phones(st, fx_at("2026-12-20 08:00"), 7), 1);
    char db[FX_PATH_MAX], wal[FX_PATH_MAX + 8];
    fx_path(db, "purge.db");
    snprintf(wal, sizeof wal, "%s-wal", db);
    /* The store still open, as on a running kiosk. */
    CHECK(!file_has(db, PHONE));
    CHECK(!file_has(wal, PHONE));
    store_close(st);
    CHECK(!file_has(db, PHONE));
    CHECK(!file_has(wal, PHONE));
}

/* Times here are seconds: minute stamp * 60 + second. */
static void a_lockout_lasts_its_minute(void)
{
    store_t *st = fx_open("lock.db", STORE_OPEN_CREATE);
    CHECK(st != NULL);
    if (!st)
        return;
    /* The fifth wrong PIN at 09:00:59. */
    long long t = fx_at("2026-12-01 09:00") * 60 + 59, until = 0;
    for (int i = 0; i < 5; i++) {
        CHECK_INT(store_auth_begin(st, t, &until), STORE_OK);
        CHECK_INT(store_auth_end(st, 0, t, &until), STORE_OK);
    }
    CHECK_INT(until, t + 60);
    /* One second later the minute has turned; the lockout has not ended. */
    CHECK_INT(store_auth_begin(st, t + 1, &until), RULES_LOCKED);
    CHECK_INT(store_auth_begin(st, t + 59, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    CHECK_INT(store_auth_begin(st, t + 60, &until), STORE_OK);
    CHECK_INT(store_auth_end(st, 0, t + 60, &until), STORE_OK);
    /* Four more failures: the second lockout, two minutes from 09:02:05. */
    long long t2 = t + 66;
    for (int i = 0; i < 4; i++) {
        CHECK_INT(store_auth_begin(st, t2, &until), STORE_OK);
        CHECK_INT(store_auth_end(st, 0, t2, &until), STORE_OK);
    }
    CHECK_INT(until, t2 + 120);
    CHECK_INT(store_auth_begin(st, t2 + 119, &until), RULES_LOCKED);
    CHECK_INT(store_auth_begin(st, t2 + 120, &until), STORE_OK);
    CHECK_INT(store_auth_end(st, 1, t2 + 120, NULL), STORE_OK);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-integrity-test", 0))
        return 1;
    RUN(a_deleted_session_is_no_damage);
    RUN(what_cannot_be_rebuilt_stays_reported);
    RUN(two_set_asides_in_one_minute_keep_both);
    RUN(a_purged_phone_leaves_no_trace);
    RUN(a_lockout_lasts_its_minute);
    fx_dir_remove();
    TEST_EXIT();
}
