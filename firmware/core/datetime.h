/* Civil dates and wall-clock times of the station, as plain integers.
 *
 * The kiosk lives in one time zone and every time it shows or stores is the
 * station's local wall-clock time ("2026-12-01 09:30"), so there is no time
 * zone arithmetic here: a minute stamp is minutes since 1970-01-01 00:00 of
 * the local calendar. Nothing here reads the clock; callers pass "now". */
#ifndef CORE_DATETIME_H
#define CORE_DATETIME_H

typedef struct dt_date {
    int y, m, d;
} dt_date_t;

/* Strict "YYYY-MM-DD" of a real calendar date; returns 0 on success, -1 otherwise. */
int dt_parse_date(const char *s, dt_date_t *out);
/* Strict "HH:MM", 00:00..23:59, into minutes of the day; 0 or -1. */
int dt_parse_hhmm(const char *s, int *minutes);
/* Strict "YYYY-MM-DD HH:MM"; 0 or -1. */
int dt_parse_datetime(const char *s, dt_date_t *date, int *minutes);

/* Days since 1970-01-01 and back (proleptic Gregorian). */
long dt_days(dt_date_t d);
dt_date_t dt_from_days(long days);
/* -1, 0 or 1 as a is before, equal to or after b. */
int dt_date_cmp(dt_date_t a, dt_date_t b);

/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int dt_weekday(dt_date_t d);

/* Minutes since 1970-01-01 00:00 of the local calendar. */
long long dt_stamp(dt_date_t d, int minutes);
void dt_from_stamp(long long stamp, dt_date_t *d, int *minutes);

/* Writers; out must hold 11, 6 and 17 bytes. */
void dt_format_date(dt_date_t d, char out[11]);
void dt_format_hhmm(int minutes, char out[6]);
void dt_format_stamp(long long stamp, char out[17]);

#endif
