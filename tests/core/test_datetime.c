#include "../../firmware/core/datetime.h"
#include "../unit/test.h"

static void parses_strict_dates(void)
{
    dt_date_t d;
    CHECK(dt_parse_date("2026-12-01", &d) == 0);
    CHECK(d.y == 2026 && d.m == 12 && d.d == 1);
    CHECK(dt_parse_date("2028-02-29", &d) == 0);
    CHECK(dt_parse_date("2027-02-29", &d) == -1);
    CHECK(dt_parse_date("2100-02-29", &d) == -1);
    CHECK(dt_parse_date("2026-13-01", &d) == -1);
    CHECK(dt_parse_date("2026-12-1", &d) == -1);
    CHECK(dt_parse_date("2026-12-01x", &d) == -1);
    CHECK(dt_parse_date("", &d) == -1);
    CHECK(dt_parse_date(NULL, &d) == -1);
}

static void parses_strict_times(void)
{
    int m;
    CHECK(dt_parse_hhmm("09:30", &m) == 0 && m == 570);
    CHECK(dt_parse_hhmm("23:59", &m) == 0 && m == 1439);
    CHECK(dt_parse_hhmm("24:00", &m) == -1);
    CHECK(dt_parse_hhmm("9:30", &m) == -1);
    CHECK(dt_parse_hhmm("09:60", &m) == -1);
    dt_date_t d;
    CHECK(dt_parse_datetime("2026-12-01 09:00", &d, &m) == 0 && m == 540 && d.d == 1);
    CHECK(dt_parse_datetime("2026-12-01T09:00", &d, &m) == -1);
    CHECK(dt_parse_datetime("2026-12-01 09:00 ", &d, &m) == -1);
}

static void weekdays_and_day_numbers(void)
{
    dt_date_t d = {1970, 1, 1};
    CHECK_INT(dt_days(d), 0);
    CHECK_INT(dt_weekday(d), 4); /* Thursday */
    dt_date_t t = {2026, 12, 1};
    CHECK_INT(dt_weekday(t), 2); /* Tuesday */
    dt_date_t s = {2026, 11, 29};
    CHECK_INT(dt_weekday(s), 7); /* Sunday */
    for (long z = -1000; z < 100000; z += 37) {
        dt_date_t x = dt_from_days(z);
        CHECK(dt_days(x) == z);
    }
    dt_date_t ny = dt_from_days(dt_days((dt_date_t){2026, 12, 31}) + 1);
    CHECK(ny.y == 2027 && ny.m == 1 && ny.d == 1);
}

static void stamps_round_trip(void)
{
    dt_date_t d = {2026, 12, 1}, e;
    int m;
    long long s = dt_stamp(d, 9 * 60 + 5);
    dt_from_stamp(s, &e, &m);
    CHECK(e.y == 2026 && e.m == 12 && e.d == 1 && m == 545);
    char buf[17];
    dt_format_stamp(s, buf);
    CHECK_STR(buf, "2026-12-01 09:05");
    char hh[6];
    dt_format_hhmm(0, hh);
    CHECK_STR(hh, "00:00");
}

int main(void)
{
    RUN(parses_strict_dates);
    RUN(parses_strict_times);
    RUN(weekdays_and_day_numbers);
    RUN(stamps_round_trip);
    TEST_EXIT();
}
