/* How far the wall clock is believed: its reading against the high-water
 * mark, the latest time the kiosk has already lived through (kept in the
 * store). A board without a battery, a bad time server or a typo can put
 * the clock months ahead or years behind; what cannot be undone (the purge
 * of phone numbers, the rotation of backups, the withdrawal of sessions)
 * waits until the clock is believed again: it comes back within the bounds,
 * or staff confirm it. Pure: the times are arguments, in minutes. */
#ifndef CORE_CLOCKMARK_H
#define CORE_CLOCKMARK_H

/* A start more than this many days past the mark is not believed. Longer
 * than the longest honest gap, a kiosk switched off over the Spring
 * Festival or National Day holidays (at most 9 days off, 10 with a weekend
 * before), and far shorter than the months a wrong clock puts it ahead.
 * It is never longer than retention_days either (see clockmark_ahead_max):
 * a believed jump can then never let the purge reach a session that has
 * not ended. */
#define CLOCKMARK_AHEAD_DAYS 14
/* Behind the mark by more than this is not believed: one day covers a time
 * zone mistake (UTC against China's +8) and any drift a time server
 * corrects; more is a time the kiosk has already lived past. */
#define CLOCKMARK_BEHIND_MINUTES 1440

typedef enum clockmark_verdict {
    CLOCKMARK_BELIEVED = 0,
    CLOCKMARK_AHEAD,  /* too far past the mark */
    CLOCKMARK_BEHIND, /* too far behind the mark */
} clockmark_verdict_t;

/* The bound ahead in minutes for a retention of retention_days. */
long long clockmark_ahead_max(int retention_days);

/* The verdict on now against mark (0: no mark yet, believed). */
clockmark_verdict_t clockmark_judge(long long now, long long mark, int retention_days);

/* "ahead" / "behind" / "believed". */
const char *clockmark_name(clockmark_verdict_t v);

/* One line for the log, the technician and kioskctl: what the clock reads,
 * the mark, the gap, what is held and how it ends. Always terminated. */
void clockmark_describe(clockmark_verdict_t v, long long now, long long mark, char *out,
                        unsigned long n);

#endif
