/* Issue 14, items 3 and 8: the day's work of the store.
 *  - item 3: the clock is not trusted blindly. A high-water mark of time
 *    (meta clock_mark) holds back what cannot be undone (the purge of
 *    phone numbers, the withdrawal of sessions, the rotation of backups)
 *    across an implausible jump, until the clock comes back or staff
 *    confirm it; session generation and the backups heal when it does;
 *  - item 8: the sessions one catalog may generate are bounded (a clear
 *    refusal keeps the old catalog), and the refresh of the day change goes
 *    in slices of bounded size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../firmware/app/dbguard.h"
#include "../../firmware/core/clockmark.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog_a[] = FX_CATALOG(4);
/* catalog_a without s1 */
static const char catalog_b[] = "[station]\n"
                                "id = test\n"
                                "name = 测试站\n"
                                "[category c2]\n"
                                "name = 养老服务\n"
                                "[service s2]\n"
                                "category = c2\n"
                                "name = 康养咨询\n"
                                "name_en = Wellness\n"
                                "description = 一对一健康咨询\n"
                                "audience = 60岁以上老人\n"
                                "location = 一楼咨询室\n"
                                "duration = 60\n"
                                "schedule = Mon-Sun 14:00-15:00 4\n";

static store_t *fresh(const char *name, rules_t *r)
{
    rules_defaults(r);
    return fx_store(name, catalog_a, "test.ini", fx_at("2026-11-30 08:00"), r);
}

static long long count(store_t *st, const char *name, const char *sql)
{
    (void)st;
    sqlite3 *db = fx_raw_open(name, SQLITE_OPEN_READONLY);
    long long n = db ? fx_raw_int(db, sql) : -999;
    sqlite3_close(db);
    return n;
}

static int book(store_t *st, const char *session, const char *phone, long long now,
                const rules_t *r, char ticket[KIOSK_TICKET_SIZE])
{
    return store_book(st, session, phone, 1, now, r, fx_gen, NULL, ticket);
}

/* ---- item 3 ---------------------------------------------------------------- */

static void the_bounds_of_belief(void)
{
    long long mark = fx_at("2026-12-01 09:00");
    CHECK_INT(clockmark_judge(fx_at("2027-05-01 09:00"), 0, 90), CLOCKMARK_BELIEVED);
    CHECK_INT(clockmark_judge(mark + 14 * 1440, mark, 90), CLOCKMARK_BELIEVED);
    CHECK_INT(clockmark_judge(mark + 14 * 1440 + 1, mark, 90), CLOCKMARK_AHEAD);
    CHECK_INT(clockmark_judge(fx_at("2027-05-01 09:00"), mark, 90), CLOCKMARK_AHEAD);
    /* Never further than the retention: a believed jump cannot purge a
     * session that has not ended. */
    CHECK_INT(clockmark_judge(mark + 3 * 1440, mark, 3), CLOCKMARK_BELIEVED);
    CHECK_INT(clockmark_judge(mark + 3 * 1440 + 1, mark, 3), CLOCKMARK_AHEAD);
    CHECK_INT(clockmark_judge(mark - 1440, mark, 90), CLOCKMARK_BELIEVED);
    CHECK_INT(clockmark_judge(mark - 1441, mark, 90), CLOCKMARK_BEHIND);
}

static void the_mark_moves_only_with_a_believed_clock(void)
{
    rules_t r;
    store_t *st = fresh("mark.db", &r);
    if (!st)
        return;
    store_clock_t ck;
    /* No mark yet: the evidence is the catalog import (2026-11-30 08:00). */
    CHECK_INT(store_clock_check(st, fx_at("2027-05-01 09:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.mark, 0);
    CHECK_INT(store_clock_advance(st, fx_at("2027-05-01 09:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.verdict, CLOCKMARK_AHEAD);
    CHECK_INT(ck.mark, fx_at("2026-11-30 08:00"));
    CHECK_INT(store_clock_advance(st, fx_at("2026-12-01 09:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.verdict, CLOCKMARK_BELIEVED);
    CHECK_INT(ck.mark, fx_at("2026-12-01 09:00"));
    /* Months ahead: in doubt, and the mark stays. */
    CHECK_INT(store_clock_advance(st, fx_at("2027-05-01 09:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.verdict, CLOCKMARK_AHEAD);
    CHECK_INT(ck.mark, fx_at("2026-12-01 09:00"));
    /* A month behind: in doubt too. An hour behind: believed, the mark stays. */
    CHECK_INT(store_clock_advance(st, fx_at("2026-11-01 09:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.verdict, CLOCKMARK_BEHIND);
    CHECK_INT(store_clock_advance(st, fx_at("2026-12-01 08:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.verdict, CLOCKMARK_BELIEVED);
    CHECK_INT(ck.mark, fx_at("2026-12-01 09:00"));
    /* A holiday's gap (10 days switched off) is believed. */
    CHECK_INT(store_clock_advance(st, fx_at("2026-12-11 09:00"), 90, &ck), STORE_OK);
    CHECK_INT(ck.verdict, CLOCKMARK_BELIEVED);
    CHECK_INT(ck.mark, fx_at("2026-12-11 09:00"));
    store_close(st);
}

static int find_confirm(void *ctx, const store_audit_row_t *row)
{
    if (strcmp(row->action, "clock_confirm") == 0 && strstr(row->detail, "2027-03-01 10:01") &&
        strstr(row->detail, "2026-11-30 08:00"))
        ++*(int *)ctx;
    return 0;
}

static void a_purge_waits_for_a_believed_clock(void)
{
    rules_t r;
    store_t *st = fresh("purgeclock.db", &r);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    char t1[KIOSK_TICKET_SIZE], t2[KIOSK_TICKET_SIZE];
    CHECK_INT(book(st, "s1-20261201-0900", "13800000001", now, &r, t1), STORE_OK);
    CHECK_INT(book(st, "s1-20261208-0900", "13800000002", now, &r, t2), STORE_OK);
    store_clock_t ck;
    CHECK_INT(store_clock_advance(st, now, r.retention_days, &ck), STORE_OK);
    /* 91 days on at one step: the numbers are kept, and the message says why. */
    long long later = fx_at("2027-03-01 10:01");
    CHECK_INT(store_purge_phones(st, later, r.retention_days), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "clock in doubt") != NULL);
    CHECK(strstr(store_errmsg(st), "kioskctl clock confirm") != NULL);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, t1, &b), STORE_OK);
    CHECK_STR(b.phone, "13800000001");
    /* Staff confirm it: audited, and the purge goes on. */
    store_audit_note_t who = {"kioskctl", "clock_confirm", NULL, fx_at("2026-12-03 10:00")};
    CHECK_INT(store_clock_confirm(st, later, &who), STORE_OK);
    int found = 0;
    CHECK_INT(store_audit_list(st, "2026-12-03", find_confirm, &found), STORE_OK);
    CHECK_INT(found, 1);
    CHECK_INT(store_purge_phones(st, later, r.retention_days), 1);
    CHECK_INT(store_get_booking(st, t1, &b), STORE_OK);
    CHECK_STR(b.phone, "");
    CHECK_INT(store_get_booking(st, t2, &b), STORE_OK);
    CHECK_STR(b.phone, "13800000002");
    store_close(st);
}

static void sessions_come_back_with_the_clock(void)
{
    rules_t r;
    store_t *st = fresh("comeback.db", &r);
    if (!st)
        return;
    /* One start months ahead makes that horizon's sessions ... */
    CHECK_INT(store_refresh_sessions(st, fx_at("2027-05-01 09:00"), &r), STORE_OK);
    CHECK_INT(count(st, "comeback.db",
                    "SELECT count(*) FROM sessions WHERE id = 's2-20270514-1400'"),
              1);
    /* ... and the clock come back: the days up to the real horizon are made. */
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-12-02 09:00"), &r), STORE_OK);
    CHECK_INT(count(st, "comeback.db",
                    "SELECT count(*) FROM sessions WHERE id = 's2-20261215-1400'"),
              1);
    CHECK_INT(store_refresh_sessions(st, fx_at("2026-12-03 09:00"), &r), STORE_OK);
    CHECK_INT(count(st, "comeback.db",
                    "SELECT count(*) FROM sessions WHERE id = 's2-20261216-1400'"),
              1);
    store_close(st);
}

static void a_clock_set_back_withdraws_nothing_held(void)
{
    rules_t r;
    store_t *st = fresh("back.db", &r);
    if (!st)
        return;
    store_clock_t ck;
    CHECK_INT(store_clock_advance(st, fx_at("2026-12-05 09:00"), r.retention_days, &ck),
              STORE_OK);
    /* The clock set back to before Dec 1st, and a catalog without s1: the
     * session of Dec 1st was held already, and stays as it was. Dec 8th
     * is still to come: it goes, as the catalog says. */
    CHECK_INT(fx_import(st, catalog_b, "b.ini", fx_at("2026-11-30 08:00"), &r), STORE_OK);
    CHECK_INT(count(st, "back.db",
                    "SELECT count(*) FROM sessions WHERE id = 's1-20261201-0900'"
                    " AND state = 'open'"),
              1);
    CHECK_INT(count(st, "back.db", "SELECT count(*) FROM sessions WHERE id = 's1-20261208-0900'"),
              0);
    store_close(st);
}

static int exists(const char *dir, const char *name)
{
    char p[800];
    struct stat sb;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &sb) == 0;
}

static void a_future_backup_is_not_newest_for_ever(void)
{
    rules_t r;
    store_t *st = fresh("bk.db", &r);
    if (!st)
        return;
    char db[FX_PATH_MAX], dir[700], msg[700];
    fx_path(db, "bk.db");
    dbguard_backup_dir(db, dir, sizeof dir);
    /* A start months ahead took one; in doubt, nothing was rotated. */
    CHECK_INT(dbguard_backup(st, db, fx_at("2027-05-01 09:00"), 0, 0, msg, sizeof msg), 1);
    for (int d = 24; d <= 30; d++) {
        char when[20];
        snprintf(when, sizeof when, "2026-11-%02d 09:00", d);
        CHECK_INT(dbguard_backup(st, db, fx_at(when), 0, 0, msg, sizeof msg), 1);
    }
    CHECK(exists(dir, "kiosk-2027-05-01.db"));
    /* The clock back, the daily backup with the rotation: the one dated
     * ahead counts as the oldest and goes first. */
    CHECK_INT(dbguard_backup(st, db, fx_at("2026-12-01 09:00"), 7, 0, msg, sizeof msg), 1);
    CHECK(!exists(dir, "kiosk-2027-05-01.db"));
    CHECK(exists(dir, "kiosk-2026-12-01.db"));
    CHECK(exists(dir, "kiosk-2026-11-25.db"));
    CHECK(!exists(dir, "kiosk-2026-11-24.db"));
    store_close(st);
}

/* ---- item 8 ---------------------------------------------------------------- */

static void an_over_limit_catalog_is_refused_and_the_old_kept(void)
{
    rules_t r;
    store_t *st = fresh("limit.db", &r);
    if (!st)
        return;
    long long before = count(st, "limit.db", "SELECT count(*) FROM sessions");
    /* 1000 sessions a day (the most a catalog may have) for a year. */
    char *wide = fx_wide_catalog(50, 20, "Mon-Sun");
    CHECK(wide != NULL);
    rules_t year = r;
    year.horizon_days = 366;
    CHECK_INT(fx_import(st, wide, "wide.ini", fx_at("2026-11-30 08:00"), &year), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "wide.ini: the catalog makes more than 20000 sessions in the "
                                   "booking horizon of 366 days (horizon_days)") != NULL);
    catalog_t *cat = NULL;
    CHECK_INT(store_load_catalog(st, &cat), STORE_OK);
    CHECK(cat && strcmp(cat->station_id, "test") == 0);
    catalog_destroy(cat);
    CHECK_INT(count(st, "limit.db", "SELECT count(*) FROM sessions"), before);
    /* The same catalog over the usual fortnight is within the bound. */
    CHECK_INT(fx_import(st, wide, "wide.ini", fx_at("2026-11-30 08:00"), &r), STORE_OK);
    CHECK_INT(count(st, "limit.db", "SELECT count(*) FROM sessions WHERE service_id LIKE 's0%'"),
              14000);
    free(wide);
    store_close(st);
}

static void the_day_change_goes_in_slices(void)
{
    rules_t r;
    rules_defaults(&r);
    /* A maximal catalog: 1000 sessions each weekday. */
    char *wide = fx_wide_catalog(50, 20, "Mon-Fri");
    store_t *st = wide ? fx_store("slices.db", wide, "wide.ini", fx_at("2026-11-30 08:00"), &r)
                       : NULL;
    free(wide);
    CHECK(st != NULL);
    if (!st)
        return;
    /* Switched off for five days: five weekdays of sessions are missing. */
    long long now = fx_at("2026-12-05 09:00");
    long long made = count(st, "slices.db", "SELECT count(*) FROM sessions");
    int more = 1, slices = 0, rc = STORE_OK;
    while (more && rc == STORE_OK && slices < 100) {
        rc = store_refresh_sessions_step(st, now, &r, STORE_REFRESH_SLICE, &more);
        slices++;
        long long n = count(st, "slices.db", "SELECT count(*) FROM sessions");
        /* No slice does more than its budget and one day's sessions. */
        CHECK(n - made <= STORE_REFRESH_SLICE + CATALOG_SCHEDULES_TOTAL_MAX);
        made = n;
    }
    CHECK_INT(rc, STORE_OK);
    CHECK(slices > 1);
    CHECK_INT(count(st, "slices.db", "SELECT count(*) FROM sessions WHERE date = '2026-12-18'"),
              1000);
    sqlite3 *db = fx_raw_open("slices.db", SQLITE_OPEN_READONLY);
    char v[32] = "";
    if (db)
        fx_raw_text(db, "SELECT value FROM meta WHERE key = 'sessions_until'", v, sizeof v);
    sqlite3_close(db);
    CHECK_STR(v, "2026-12-19");
    /* Done: the next step has nothing to do. */
    CHECK_INT(store_refresh_sessions_step(st, now, &r, STORE_REFRESH_SLICE, &more), STORE_OK);
    CHECK_INT(more, 0);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-daywork-test", 0))
        return 1;
    RUN(the_bounds_of_belief);
    RUN(the_mark_moves_only_with_a_believed_clock);
    RUN(a_purge_waits_for_a_believed_clock);
    RUN(sessions_come_back_with_the_clock);
    RUN(a_clock_set_back_withdraws_nothing_held);
    RUN(a_future_backup_is_not_newest_for_ever);
    RUN(an_over_limit_catalog_is_refused_and_the_old_kept);
    RUN(the_day_change_goes_in_slices);
    fx_dir_remove();
    TEST_EXIT();
}
