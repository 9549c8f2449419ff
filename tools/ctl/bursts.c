/* kioskctl's commands on bursts (issue 14, item 7): a visit or a kiosk
 * that met its booking limit is flagged by the booking transaction;
 * staff list the bursts and their bookings, and release a burst's seats
 * in one step, with a reason, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/platform/clock.h"
#include "ctl.h"

static const char *const burst_cols[] = {"burst",    "kiosk",       "kind",        "services",
                                         "first_at", "last_at",     "refused",     "bookings",
                                         "booked",   "released_at", "released_by", "reason"};
static const int burst_num[] = {1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0};

static int burst_row(void *ctx, const store_burst_row_t *r)
{
    char id[24], refused[16], n[16], booked[16];
    snprintf(id, sizeof id, "%lld", r->id);
    snprintf(refused, sizeof refused, "%d", r->refused);
    snprintf(n, sizeof n, "%d", r->bookings);
    snprintf(booked, sizeof booked, "%d", r->still_booked);
    const char *vals[] = {id,      r->kiosk, r->kind, r->service_names, r->first_at,    r->last_at,
                          refused, n,        booked,  r->released_at,   r->released_by, r->reason};
    return table_row(ctx, vals);
}

int ctl_bursts(ctl_t *c, const char *name, int argc, char **argv)
{
    int open_only;
    table_format_t fmt;
    int rc = ctl_parse_list_args(name, argc, argv, &open_only, &fmt);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    table_t o;
    table_begin(&o, stdout, fmt, burst_cols, burst_num, 12);
    rc = store_bursts(c->st, open_only, burst_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}

static int burst_id(const char *cmd, const char *s, long long *id)
{
    char *end;
    long long n = s ? strtoll(s, &end, 10) : 0;
    if (!s || end == s || *end || n < 1)
        return ctl_usage_error(cmd, "a burst is named by its number (kioskctl bursts)");
    *id = n;
    return 0;
}

int ctl_release_burst(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *reason = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--reason", &reason, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 1, pos, 1, &npos);
    if (rc)
        return rc;
    long long id = 0;
    if (npos != 1 || (rc = burst_id(name, pos[0], &id)))
        return npos != 1 ? ctl_usage_error(name, "which burst?") : rc;
    if (!reason || !*reason)
        return ctl_usage_error(name, "release-burst needs --reason (it goes into the audit log)");
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    /* The wall clock, as for every audit row: --now moves booking rules,
     * never the time the audit says staff acted. */
    int n = 0;
    rc = store_burst_release(c->st, "kioskctl", id, reason, clock_now_stamp(), &n);
    if (rc == STORE_OK) {
        printf("burst %lld released: %d bookings cancelled\n", id, n);
        return 0;
    }
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("burst %lld: no such burst", id);
    if (rc == RULES_BAD_STATE)
        return ctl_refused("burst %lld: released already", id);
    return ctl_store_failed(c);
}
