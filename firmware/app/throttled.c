#include "throttled.h"

#include <string.h>

#include "../platform/log.h"

int throttled_record(store_t *st, const char *what, long long now)
{
    int checkin = strcmp(what, "checkin") == 0;
    const char *action = checkin ? "checkin_throttle" : "lookup_throttle";
    log_msg(LOG_WARN, "%s: paused on this kiosk after many %s (staff screen, kioskctl check)",
            action, checkin ? "wrong check-ins by typed code" : "distinct numbers looked up");
    if (store_audit(st, NULL, action, NULL, NULL, NULL, now) != STORE_OK) {
        log_msg(LOG_ERROR, "cannot audit %s: %s", action, store_errmsg(st));
        return -1;
    }
    return 0;
}

static int count_cb(void *ctx, const store_audit_row_t *row)
{
    throttled_t *t = ctx;
    int lookup = strcmp(row->action, "lookup_throttle") == 0;
    if (!lookup && strcmp(row->action, "checkin_throttle") != 0)
        return 0;
    if (lookup)
        t->lookups++;
    else
        t->checkins++;
    if (strlen(row->at) >= 16) /* oldest first: the last one seen is the latest */
        memcpy(t->last, row->at + 11, 6);
    return 0;
}

int throttled_count(store_t *st, const char *date, throttled_t *out)
{
    memset(out, 0, sizeof *out);
    return store_audit_list(st, date, count_cb, out);
}
