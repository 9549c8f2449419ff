/* A release's health on trial (docs/updates.md): marked healthy once it
 * has served people long enough and can take a booking. */
#include "../platform/log.h"
#include "../update/update.h"
#include "app_int.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev" /* never a release version: never marked healthy */
#endif

/* A new release is on trial until it has served people this long (the
 * database open, the first frame drawn, the loop feeding the watchdog):
 * then, if it can take a booking (the database open for writing, its files
 * in place, a booking transaction able to begin), it says so in the data
 * directory, and the next boot check keeps it instead of rolling it back
 * after failed starts. A release on trial that cannot book stops unmarked
 * (*unhealthy): systemd starts it again, the boot check counts the start,
 * and after update_max_boots it is rolled back. A kept release that cannot
 * book stays up with the out-of-service banner: there is nothing to go
 * back to. */
uint64_t app_check_health(app_t *a, uint64_t due, int *unhealthy)
{
    if (due == UINT64_MAX || a->ms < due)
        return due;
    char err[600], why[600];
    int trial = update_on_trial(a->o->update_root, KIOSK_VERSION, err, sizeof err);
    if (trial < 0)
        log_msg(LOG_WARN, "update: %s", err);
    if (trial != 1)
        return UINT64_MAX;
    if (!kiosk_store_ready(a->k, why, sizeof why)) {
        log_msg(LOG_ERROR,
                "update: release %s is on trial and cannot take a booking: %s; not marked "
                "healthy: stopping so that the boot check counts this start",
                KIOSK_VERSION, why);
        *unhealthy = 1;
        return UINT64_MAX;
    }
    int rc = update_mark_healthy(a->o->update_root, a->o->data_dir, KIOSK_VERSION, err, sizeof err);
    if (rc == 1)
        log_msg(LOG_INFO, "update: release %s is healthy; kept at the next start", KIOSK_VERSION);
    if (rc < 0)
        log_msg(LOG_WARN, "update: %s", err);
    return UINT64_MAX;
}
