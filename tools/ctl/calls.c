/* kioskctl's calls for staff (issue 17): a resident pressed 找工作人员 on
 * a kiosk. Staff list the calls nobody acknowledged (--all: every one) and
 * acknowledge one, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/platform/clock.h"
#include "ctl.h"

static const char *const call_cols[] = {"call",   "kiosk",      "at",       "screen",
                                        "alerts", "alerted_at", "acked_at", "acked_by"};
static const int call_num[] = {1, 0, 0, 0, 1, 0, 0, 0};

static int call_row(void *ctx, const store_call_row_t *r)
{
    char id[24], alerts[16];
    snprintf(id, sizeof id, "%lld", r->id);
    snprintf(alerts, sizeof alerts, "%d", r->alerts);
    const char *vals[] = {id, r->kiosk, r->at, r->screen, alerts, r->alerted_at, r->acked_at,
                          r->acked_by};
    return table_row(ctx, vals);
}

/* calls ack N [--staff NAME]: audited under NAME, or "kioskctl". */
static int calls_ack(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *staff = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--staff", &staff, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 1, pos, 1, &npos);
    if (rc)
        return rc;
    char *end;
    long long id = npos == 1 ? strtoll(pos[0], &end, 10) : 0;
    if (npos != 1 || end == pos[0] || *end || id < 1)
        return ctl_usage_error(name, "calls ack needs the call's number (kioskctl calls)");
    if (staff && !store_staff_name_valid(staff))
        return ctl_usage_error(name, "--staff: a name of 1 to 32 bytes");
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    /* The wall clock, as for every audit row. */
    rc = store_call_ack(c->st, staff ? staff : "kioskctl", id, clock_now_stamp());
    if (rc == STORE_OK) {
        printf("call %lld acknowledged\n", id);
        return 0;
    }
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("call %lld: no such call", id);
    if (rc == RULES_BAD_STATE)
        return ctl_refused("call %lld: acknowledged already", id);
    return ctl_store_failed(c);
}

int ctl_calls(ctl_t *c, const char *name, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "ack") == 0)
        return calls_ack(c, name, argc - 1, argv + 1);
    int open_only;
    table_format_t fmt;
    int rc = ctl_parse_list_args(name, argc, argv, &open_only, &fmt);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    table_t o;
    table_begin(&o, stdout, fmt, call_cols, call_num, 8);
    rc = store_calls(c->st, open_only, call_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}
