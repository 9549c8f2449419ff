/* Lookups of 我的预约 per kiosk (issue 16): a phone number alone shows
 * that someone has bookings and when and where they come, so numbers must
 * not be swept one after another. At most `limit` distinct numbers within
 * `window` minutes; the next distinct one pauses every lookup for `pause`
 * minutes, after which counting starts afresh. The same number again
 * (a resident looking twice) is not counted twice.
 *
 * No number is kept: only a 32-bit FNV-1a hash of each, in memory, for
 * the window (many numbers share a hash, so it names nobody), and nothing
 * is ever logged. The state lives as long as the kiosk runs: the visit's
 * idle reset does not clear it, or one could sweep visit by visit. */
#ifndef CORE_THROTTLE_H
#define CORE_THROTTLE_H

#include <stdint.h>

/* Most distinct numbers a window may hold (lookup_limit's upper bound). */
#define THROTTLE_MAX 32

typedef struct throttle {
    uint32_t hash[THROTTLE_MAX];
    long long at[THROTTLE_MAX]; /* minutes (dt_stamp) of each number's first lookup */
    int n;
    long long paused_until; /* 0: not paused */
} throttle_t;

/* 1: the lookup of number at now (minutes) may go ahead; 0: refused, the
 * kiosk is paused (until t->paused_until). limit <= 0 turns it off. */
int throttle_lookup(throttle_t *t, int limit, int window, int pause, const char *number,
                    long long now);

/* i16checkin: 1 while t pauses the kiosk at now (minutes), without
 * counting anything: a check before an attempt that is counted only when
 * it fails (check-in by typed code). */
int throttle_paused(const throttle_t *t, long long now);

#endif
