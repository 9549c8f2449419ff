#include "clockmark.h"

#include <stdio.h>

#include "datetime.h"

long long clockmark_ahead_max(int retention_days)
{
    int days = retention_days > 0 && retention_days < CLOCKMARK_AHEAD_DAYS ? retention_days
                                                                          : CLOCKMARK_AHEAD_DAYS;
    return (long long)days * 1440;
}

clockmark_verdict_t clockmark_judge(long long now, long long mark, int retention_days)
{
    if (mark <= 0)
        return CLOCKMARK_BELIEVED;
    if (now > mark + clockmark_ahead_max(retention_days))
        return CLOCKMARK_AHEAD;
    if (now < mark - CLOCKMARK_BEHIND_MINUTES)
        return CLOCKMARK_BEHIND;
    return CLOCKMARK_BELIEVED;
}

const char *clockmark_name(clockmark_verdict_t v)
{
    return v == CLOCKMARK_AHEAD ? "ahead" : v == CLOCKMARK_BEHIND ? "behind" : "believed";
}

void clockmark_describe(clockmark_verdict_t v, long long now, long long mark, char *out,
                        unsigned long n)
{
    char a[17], b[17];
    dt_format_stamp(now, a);
    if (mark > 0)
        dt_format_stamp(mark, b);
    else
        snprintf(b, sizeof b, "none");
    if (v == CLOCKMARK_BELIEVED) {
        snprintf(out, n, "clock believed: it reads %s (latest time seen %s)", a, b);
        return;
    }
    long long gap = now > mark ? now - mark : mark - now;
    snprintf(out, n,
             "clock in doubt: it reads %s, %lld days %s the latest time seen %s; until it "
             "comes back or staff confirm it (kioskctl clock confirm) the phone number purge, "
             "backup rotation and session withdrawal wait",
             a, gap / 1440, v == CLOCKMARK_AHEAD ? "past" : "behind", b);
}
