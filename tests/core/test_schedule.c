/* Sessions from weekly schedules: weekday mapping, closed dates, from/until,
 * ordering, ids, and horizons across month and year ends. Run from the
 * repository root (it reads assets/catalog/demo.ini). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/schedule.h"
#include "../unit/test.h"

/* Everything a service needs except its header and schedules. */
#define BODY                                                                                       \
    "category = c1\n"                                                                              \
    "name = 服务\n"                                                                              \
    "name_en = Service\n"                                                                          \
    "description = 说明\n"                                                                       \
    "audience = 所有人\n"                                                                       \
    "location = 一楼\n"                                                                          \
    "duration = 30\n"

#define STATION "[station]\nid = s1\nname = 站\n[category c1]\nname = 类别\n"

static dt_date_t day(int y, int m, int d)
{
    dt_date_t r = {y, m, d};
    return r;
}

static catalog_t *parse(const char *text)
{
    char err[512] = "";
    catalog_t *cat = NULL;
    if (catalog_parse(text, strlen(text), "t.ini", &cat, err, sizeof err))
        fprintf(stderr, "parse error: %s\n", err);
    CHECK(cat != NULL);
    return cat;
}

static int same_day(dt_date_t a, dt_date_t b)
{
    return a.y == b.y && a.m == b.m && a.d == b.d;
}

static const sched_session_t *find(const sched_session_t *s, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].id, id) == 0)
            return &s[i];
    return NULL;
}

/* Checks the documented order (date, start, catalog order) and that every
 * session agrees with its own id. */
static void check_sessions(const catalog_t *cat, const sched_session_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        char id[KIOSK_SESSION_ID_SIZE];
        CHECK(s[i].service >= 0 && s[i].service < cat->n_services);
        sched_session_id(cat->services[s[i].service].id, s[i].date, s[i].start, id);
        CHECK_STR(s[i].id, id);
        CHECK(s[i].start < s[i].end);
        CHECK(s[i].capacity > 0);
        if (i == 0)
            continue;
        long da = dt_days(s[i - 1].date), db = dt_days(s[i].date);
        int ordered =
            da < db ||
            (da == db && (s[i - 1].start < s[i].start ||
                          (s[i - 1].start == s[i].start && s[i - 1].service < s[i].service)));
        if (!ordered)
            fprintf(stderr, "out of order: %s before %s\n", s[i - 1].id, s[i].id);
        CHECK(ordered);
    }
}

static void test_session_id(void)
{
    char id[KIOSK_SESSION_ID_SIZE];
    sched_session_id("kangyang-zixun", day(2026, 12, 1), 9 * 60, id);
    CHECK_STR(id, "kangyang-zixun-20261201-0900");
    sched_session_id("a", day(2027, 1, 9), 23 * 60 + 59, id);
    CHECK_STR(id, "a-20270109-2359");
    sched_session_id("b", day(2026, 12, 31), 0, id);
    CHECK_STR(id, "b-20261231-0000");
    /* The longest id a catalog allows still fits. */
    char longest[CATALOG_ID_MAX + 1];
    memset(longest, 'x', CATALOG_ID_MAX);
    longest[CATALOG_ID_MAX] = '\0';
    sched_session_id(longest, day(2026, 12, 1), 16 * 60 + 30, id);
    CHECK_INT(strlen(id), CATALOG_ID_MAX + 14);
    CHECK(strcmp(id + CATALOG_ID_MAX, "-20261201-1630") == 0);
}

static void test_weekday_mapping(void)
{
    /* One window a weekday, each with its own start and capacity. */
    catalog_t *cat = parse(STATION "[service v1]\n" BODY "schedule = Mon 08:00-09:00 1\n"
                                   "schedule = Tue 09:00-10:00 2\n"
                                   "schedule = 周三 10:00-11:00 3\n"
                                   "schedule = thu 11:00-12:00 4\n"
                                   "schedule = 星期五 12:00-13:00 5\n"
                                   "schedule = Sat 13:00-14:00 6\n"
                                   "schedule = 周日 14:00-15:00 7\n");
    if (!cat)
        return;
    sched_session_t *s = NULL;
    /* 2026-11-30 is a Monday. */
    int n = sched_generate(cat, day(2026, 11, 30), 7, &s);
    CHECK_INT(n, 7);
    for (int i = 0; i < n && n == 7; i++) {
        dt_date_t want = dt_from_days(dt_days(day(2026, 11, 30)) + i);
        CHECK(same_day(s[i].date, want));
        CHECK_INT(dt_weekday(s[i].date), i + 1);
        CHECK_INT(s[i].capacity, i + 1);
        CHECK_INT(s[i].start, (8 + i) * 60);
        CHECK_INT(s[i].end, (9 + i) * 60);
        CHECK_INT(s[i].service, 0);
    }
    check_sessions(cat, s, n);
    if (n == 7) {
        CHECK_STR(s[0].id, "v1-20261130-0800");
        CHECK_STR(s[1].id, "v1-20261201-0900");
        CHECK_STR(s[6].id, "v1-20261206-1400");
    }
    free(s);

    /* Starting on a Thursday, the week wraps: Thu..Sun, then Mon..Wed. */
    n = sched_generate(cat, day(2026, 12, 3), 7, &s);
    CHECK_INT(n, 7);
    if (n == 7) {
        CHECK_STR(s[0].id, "v1-20261203-1100");
        CHECK_STR(s[3].id, "v1-20261206-1400");
        CHECK_STR(s[4].id, "v1-20261207-0800");
        CHECK_STR(s[6].id, "v1-20261209-1000");
    }
    free(s);

    /* One day only, and a longer horizon counts each weekday once a week. */
    n = sched_generate(cat, day(2026, 12, 1), 1, &s);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(s[0].id, "v1-20261201-0900");
    free(s);
    n = sched_generate(cat, day(2026, 12, 1), 28, &s);
    CHECK_INT(n, 28);
    check_sessions(cat, s, n);
    free(s);
    catalog_destroy(cat);
}

static void test_closed_dates(void)
{
    catalog_t *cat = parse("[station]\nid = s1\nname = 站\nclosed = 2026-12-02\n"
                           "closed = 2026-12-05..2026-12-06\n"
                           "[category c1]\nname = 类别\n"
                           "[service a]\n" BODY "schedule = Mon-Sun 09:00-10:00 5\n"
                           "closed = 2026-12-03\n"
                           "[service b]\n" BODY "schedule = Mon-Sun 09:00-10:00 5\n");
    if (!cat)
        return;
    sched_session_t *s = NULL;
    int n = sched_generate(cat, day(2026, 12, 1), 7, &s); /* Tue 1 .. Mon 7 */
    /* 7 days x 2 services, minus 3 station days x 2, minus 1 day of a. */
    CHECK_INT(n, 7);
    check_sessions(cat, s, n);
    CHECK(find(s, n, "a-20261201-0900") != NULL);
    CHECK(find(s, n, "b-20261201-0900") != NULL);
    CHECK(find(s, n, "a-20261202-0900") == NULL);
    CHECK(find(s, n, "b-20261202-0900") == NULL);
    CHECK(find(s, n, "a-20261203-0900") == NULL);
    CHECK(find(s, n, "b-20261203-0900") != NULL);
    CHECK(find(s, n, "a-20261204-0900") != NULL);
    CHECK(find(s, n, "a-20261205-0900") == NULL);
    CHECK(find(s, n, "b-20261206-0900") == NULL);
    CHECK(find(s, n, "a-20261207-0900") != NULL);
    CHECK(find(s, n, "b-20261207-0900") != NULL);
    free(s);
    catalog_destroy(cat);
}

static void test_from_until(void)
{
    /* Term time on Wednesdays until 2027-01-13, a winter holiday on Tuesdays
     * from 2027-01-14 to 2027-01-26, back to Wednesdays from 2027-01-27. */
    catalog_t *cat =
        parse(STATION "[service v1]\n" BODY "schedule = Wed 16:30-17:30 10 until 2027-01-13\n"
                      "schedule = Tue 09:30-10:30 8 from 2027-01-14 until 2027-01-26\n"
                      "schedule = Wed 16:30-17:30 12 from 2027-01-27\n");
    if (!cat)
        return;
    sched_session_t *s = NULL;
    int n = sched_generate(cat, day(2027, 1, 4), 35, &s); /* Mon 4 Jan .. Sun 7 Feb */
    static const char *want[] = {"v1-20270106-1630", "v1-20270113-1630", "v1-20270119-0930",
                                 "v1-20270126-0930", "v1-20270127-1630", "v1-20270203-1630"};
    CHECK_INT(n, 6);
    for (int i = 0; i < n && n == 6; i++)
        CHECK_STR(s[i].id, want[i]);
    if (n == 6) {
        CHECK_INT(s[0].capacity, 10);
        CHECK_INT(s[2].capacity, 8);
        CHECK_INT(s[5].capacity, 12);
    }
    check_sessions(cat, s, n);
    free(s);

    /* A horizon before every from/after every until is empty. */
    catalog_t *c2 =
        parse(STATION "[service v1]\n" BODY
                      "schedule = Mon-Sun 09:00-10:00 1 from 2027-03-01 until 2027-03-02\n");
    if (c2) {
        s = (sched_session_t *)&n; /* must be reset to NULL */
        CHECK_INT(sched_generate(c2, day(2027, 2, 1), 28, &s), 0);
        CHECK(s == NULL);
        n = sched_generate(c2, day(2027, 2, 1), 60, &s);
        CHECK_INT(n, 2);
        if (n == 2) {
            CHECK_STR(s[0].id, "v1-20270301-0900");
            CHECK_STR(s[1].id, "v1-20270302-0900");
        }
        free(s);
    }
    catalog_destroy(c2);
    catalog_destroy(cat);
}

static void test_ordering(void)
{
    /* Schedules listed out of time order, services sharing start times. */
    catalog_t *cat = parse(STATION "[service a]\n" BODY "schedule = Mon 14:00-15:00 1\n"
                                   "schedule = Mon 10:00-11:00 2\n"
                                   "schedule = Tue 08:00-09:00 3\n"
                                   "[service b]\n" BODY "schedule = Mon 10:00-10:30 4\n"
                                   "schedule = Mon 09:00-10:00 5\n"
                                   "[service c]\n" BODY "schedule = Mon,Tue 08:00-09:00 6\n");
    if (!cat)
        return;
    sched_session_t *s = NULL;
    int n = sched_generate(cat, day(2026, 12, 7), 2, &s); /* Mon, Tue */
    static const char *want[] = {"c-20261207-0800", "b-20261207-0900", "a-20261207-1000",
                                 "b-20261207-1000", "a-20261207-1400", "a-20261208-0800",
                                 "c-20261208-0800"};
    CHECK_INT(n, 7);
    for (int i = 0; i < n && n == 7; i++)
        CHECK_STR(s[i].id, want[i]);
    if (n == 7) {
        CHECK_INT(s[2].service, 0);
        CHECK_INT(s[3].service, 1);
        CHECK_INT(s[3].end, 10 * 60 + 30);
        CHECK_INT(s[6].service, 2);
    }
    check_sessions(cat, s, n);
    free(s);
    catalog_destroy(cat);
}

static void test_month_and_year_end(void)
{
    catalog_t *cat = parse("[station]\nid = s1\nname = 站\nclosed = 2027-01-01\n"
                           "[category c1]\nname = 类别\n"
                           "[service v1]\n" BODY "schedule = Mon-Sun 09:00-10:00 5\n");
    if (!cat)
        return;
    sched_session_t *s = NULL;
    /* 2026-12-28 .. 2027-01-06 without New Year's Day. */
    int n = sched_generate(cat, day(2026, 12, 28), 10, &s);
    CHECK_INT(n, 9);
    if (n == 9) {
        CHECK_STR(s[0].id, "v1-20261228-0900");
        CHECK_STR(s[3].id, "v1-20261231-0900");
        CHECK_STR(s[4].id, "v1-20270102-0900");
        CHECK_STR(s[8].id, "v1-20270106-0900");
        CHECK(same_day(s[4].date, day(2027, 1, 2)));
    }
    check_sessions(cat, s, n);
    free(s);

    /* February of a common and of a leap year. */
    n = sched_generate(cat, day(2027, 2, 27), 3, &s);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(s[1].id, "v1-20270228-0900");
        CHECK_STR(s[2].id, "v1-20270301-0900");
    }
    free(s);
    n = sched_generate(cat, day(2028, 2, 28), 3, &s);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(s[1].id, "v1-20280229-0900");
        CHECK_STR(s[2].id, "v1-20280301-0900");
    }
    free(s);
    /* A whole year is one session a day, minus New Year's Day. */
    n = sched_generate(cat, day(2026, 6, 1), 365, &s);
    CHECK_INT(n, 364);
    check_sessions(cat, s, n);
    free(s);
    catalog_destroy(cat);
}

static void test_empty_horizon(void)
{
    catalog_t *cat = parse(STATION "[service v1]\n" BODY "schedule = Sat 09:00-10:00 5\n");
    if (!cat)
        return;
    int dummy;
    sched_session_t *s = (sched_session_t *)&dummy;
    CHECK_INT(sched_generate(cat, day(2026, 12, 1), 0, &s), 0);
    CHECK(s == NULL);
    s = (sched_session_t *)&dummy;
    CHECK_INT(sched_generate(cat, day(2026, 12, 1), -5, &s), 0);
    CHECK(s == NULL);
    s = (sched_session_t *)&dummy;
    CHECK_INT(sched_generate(cat, day(2026, 11, 30), 5, &s), 0); /* Mon..Fri */
    CHECK(s == NULL);
    s = (sched_session_t *)&dummy;
    CHECK_INT(sched_generate(NULL, day(2026, 11, 30), 5, &s), 0);
    CHECK(s == NULL);
    catalog_destroy(cat);
}

/* What the other tests and the kiosk's demo rely on. */
static void test_demo_sessions(void)
{
    char err[512] = "";
    catalog_t *cat = NULL;
    CHECK_INT(catalog_load("assets/catalog/demo.ini", &cat, err, sizeof err), 0);
    if (!cat) {
        fprintf(stderr, "%s\n", err);
        return;
    }
    sched_session_t *s = NULL;
    int n = sched_generate(cat, day(2026, 12, 1), 1, &s);
    CHECK(n >= 5);
    int small = 0;
    for (int i = 0; i < n; i++) {
        CHECK(same_day(s[i].date, day(2026, 12, 1)));
        small |= s[i].capacity <= 4;
    }
    CHECK(small);
    const sched_session_t *k = find(s, n, "kangyang-zixun-20261201-0900");
    CHECK(k != NULL);
    if (k) {
        CHECK_INT(k->capacity, 3);
        CHECK_INT(k->end, 10 * 60);
        CHECK_STR(cat->services[k->service].id, "kangyang-zixun");
    }
    free(s);

    /* The booking horizon: ids unique, order kept, weekend children's
     * classes, no sessions on New Year's Day or in the Spring Festival. */
    n = sched_generate(cat, day(2026, 12, 1), 14, &s);
    CHECK(n > 50);
    check_sessions(cat, s, n);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (strcmp(s[i].id, s[j].id) == 0) {
                fprintf(stderr, "duplicate session id %s\n", s[i].id);
                CHECK(0);
            }
    CHECK(find(s, n, "jieqi-meiyu-20261205-0930") != NULL);
    CHECK(find(s, n, "siji-huanlejie-20261206-1400") != NULL);
    CHECK(find(s, n, "xiaoxiao-zhubo-20261202-1630") != NULL);
    free(s);

    n = sched_generate(cat, day(2026, 12, 28), 14, &s);
    CHECK(n > 0);
    for (int i = 0; i < n; i++) {
        CHECK(!same_day(s[i].date, day(2027, 1, 1)));
        /* The adaptation desk is closed for home visits on 29-30 Dec. */
        CHECK(strncmp(s[i].id, "shilaohua-gaizao-2026123", 24) != 0 ||
              same_day(s[i].date, day(2026, 12, 31)));
    }
    CHECK(find(s, n, "shilaohua-gaizao-20261228-0900") != NULL);
    free(s);

    n = sched_generate(cat, day(2027, 2, 5), 7, &s);
    CHECK_INT(n, 0);
    free(s);

    /* 小小主播 moves to weekday mornings in the winter holiday. */
    n = sched_generate(cat, day(2027, 1, 11), 14, &s);
    CHECK(find(s, n, "xiaoxiao-zhubo-20270113-1630") != NULL);
    CHECK(find(s, n, "xiaoxiao-zhubo-20270115-1630") != NULL);
    CHECK(find(s, n, "xiaoxiao-zhubo-20270119-0930") != NULL);
    CHECK(find(s, n, "xiaoxiao-zhubo-20270120-1630") == NULL);
    free(s);
    catalog_destroy(cat);
}

int main(void)
{
    RUN(test_session_id);
    RUN(test_weekday_mapping);
    RUN(test_closed_dates);
    RUN(test_from_until);
    RUN(test_ordering);
    RUN(test_month_and_year_end);
    RUN(test_empty_horizon);
    RUN(test_demo_sessions);
    TEST_EXIT();
}
