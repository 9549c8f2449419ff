/* The kiosk's services behind the flow: configuration, catalog, store, and
 * the carrying out of the flow's requests. No SDL here, so the whole resident
 * flow can also be driven without a display. */
#ifndef PLATFORM_KIOSK_H
#define PLATFORM_KIOSK_H

#include <stddef.h>
#include <stdint.h>

#include "../core/flow.h"
#include "../platform/config.h"

typedef struct kiosk kiosk_t;

typedef struct kiosk_opts {
    const config_t *cfg;          /* already loaded and overridden by options */
    long long now;                /* wall clock at start (minute stamp) */
    int seeded_codes;             /* reproducible ticket codes (scripted runs) */
    const char *fallback_catalog; /* imported only into a store without any catalog
                                   * (the demo, for `make run` from a fresh clone) */
} kiosk_opts_t;

/* Opens the store (creating it and the data directory), imports the catalog
 * file when one is configured, extends the sessions to the horizon, purges
 * expired phone numbers and creates the flow. NULL with err on failure. */
kiosk_t *kiosk_open(const kiosk_opts_t *o, char *err, size_t errlen);
/* NULL-safe. */
void kiosk_close(kiosk_t *k);

flow_t *kiosk_flow(kiosk_t *k);
const catalog_t *kiosk_catalog(const kiosk_t *k);
/* The touch calibration in use (6 numbers): kiosk.conf's, or touch.conf's
 * when the technician calibrated on the kiosk; a new one applies at once. */
const float *kiosk_touch_matrix(const kiosk_t *k);

/* Prints the ticket of the booking just made (the flow's state has its
 * details, payload its QR): set by the SDL side, which owns the fonts.
 * Returns a flow_print_t. Without a hook the kiosk has no printer. */
typedef flow_print_t (*kiosk_print_fn)(void *ctx, const flow_state_t *s, int test_page);
void kiosk_set_printer(kiosk_t *k, kiosk_print_fn fn, void *ctx);

/* Carries out the flow's next pending request with the store (or the
 * printer) and feeds the result back. Returns 1 when it served one, 0 when
 * none was pending: the caller draws between requests, so that the ticket
 * is on the screen before the printer starts. */
int kiosk_serve(kiosk_t *k);

/* issue 20 (F): a booking as the store lists it, in the flow's terms
 * (my bookings, a check-in, a visit to rate: app/rate.c). */
struct store_booking_row;
void kiosk_booking_from_row(const struct store_booking_row *row, flow_booking_t *b);

/* 1 when the kiosk can take a booking now: the database open for writing,
 * its files still the ones at its path, and a booking transaction able to
 * begin (BEGIN IMMEDIATE, then rolled back). Else 0 with why. What the
 * update health check requires before it marks a release healthy. */
int kiosk_store_ready(kiosk_t *k, char *why, size_t n);

/* The day's housekeeping, one bounded step a call: on a new day the clock
 * is judged against its high-water mark (store_clock_advance), the
 * sessions are extended one slice (STORE_REFRESH_SLICE) a call, then the
 * expired phone numbers are purged and the daily backup is taken and
 * rotated. While the clock is in doubt the purge and the rotation wait
 * (and the clock is judged again every ten minutes). Returns 1 while steps
 * are left: the caller calls again at its next frame, so no frame does
 * more than one step; 0 when there is nothing to do (cheap). */
int kiosk_daily(kiosk_t *k, long long now);

#endif
