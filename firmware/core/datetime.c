#include "datetime.h"

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

static int parse_date_prefix(const char *s, dt_date_t *out)
{
    dt_date_t d;
    if (digits(s, 4, &d.y) || s[4] != '-' || digits(s + 5, 2, &d.m) || s[7] != '-' ||
        digits(s + 8, 2, &d.d))
        return -1;
    if (d.y < 1970 || d.y > 9999 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > month_days(d.y, d.m))
        return -1;
    *out = d;
    return 0;
}

static int parse_hhmm_prefix(const char *s, int *minutes)
{
    int h, m;
    if (digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &m) || h > 23 || m > 59)
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

int dt_parse_date(const char *s, dt_date_t *out)
{
    if (!s || parse_date_prefix(s, out) || s[10] != '\0')
        return -1;
    return 0;
}

int dt_parse_hhmm(const char *s, int *minutes)
{
    if (!s || parse_hhmm_prefix(s, minutes) || s[5] != '\0')
        return -1;
    return 0;
}

int dt_parse_datetime(const char *s, dt_date_t *date, int *minutes)
{
    dt_date_t d;
    int m;
    if (!s || parse_date_prefix(s, &d) || s[10] != ' ' || parse_hhmm_prefix(s + 11, &m) ||
        s[16] != '\0')
        return -1;
    *date = d;
    *minutes = m;
    return 0;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long dt_days(dt_date_t d)
{
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

dt_date_t dt_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    dt_date_t r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(y + (r.m <= 2));
    return r;
}

int dt_date_cmp(dt_date_t a, dt_date_t b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

int dt_weekday(dt_date_t d)
{
    long z = dt_days(d);          /* 1970-01-01 was a Thursday (4) */
    long w = (z % 7 + 7 + 3) % 7; /* 0 = Monday */
    return (int)w + 1;
}

long long dt_stamp(dt_date_t d, int minutes)
{
    return (long long)dt_days(d) * 1440 + minutes;
}

void dt_from_stamp(long long stamp, dt_date_t *d, int *minutes)
{
    long long days = stamp >= 0 ? stamp / 1440 : -((-stamp + 1439) / 1440);
    *d = dt_from_days((long)days);
    *minutes = (int)(stamp - days * 1440);
}

/* Hand-written digits: values are in range by construction, and this keeps
 * the compiler's truncation analysis quiet without casts. */
static char *put_digits(char *p, int v, int n)
{
    if (v < 0)
        v = 0;
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

void dt_format_date(dt_date_t d, char out[11])
{
    char *p = put_digits(out, d.y, 4);
    *p++ = '-';
    p = put_digits(p, d.m, 2);
    *p++ = '-';
    p = put_digits(p, d.d, 2);
    *p = '\0';
}

void dt_format_hhmm(int minutes, char out[6])
{
    char *p = put_digits(out, minutes / 60, 2);
    *p++ = ':';
    p = put_digits(p, minutes % 60, 2);
    *p = '\0';
}

void dt_format_stamp(long long stamp, char out[17])
{
    dt_date_t d;
    int m;
    dt_from_stamp(stamp, &d, &m);
    dt_format_date(d, out);
    out[10] = ' ';
    dt_format_hhmm(m, out + 11);
}
