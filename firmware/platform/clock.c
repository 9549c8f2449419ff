#include "clock.h"

#include <time.h>

#include "../core/datetime.h"

long long clock_now_seconds(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    dt_date_t d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return dt_stamp(d, tm.tm_hour * 60 + tm.tm_min) * 60 + (tm.tm_sec > 59 ? 59 : tm.tm_sec);
}

long long clock_now_stamp(void)
{
    return clock_now_seconds() / 60;
}
