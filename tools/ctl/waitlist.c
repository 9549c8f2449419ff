/* kioskctl waitlist (issue 20): the call list of staff, and what staff do
 * with it. The list is the one place that shows a waiting resident's full
 * number: staff must phone them when a seat is held for them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static const char *const wait_cols[] = {"id",    "session_id", "service_name", "date",
                                        "start", "status",     "position",     "for",
                                        "phone", "party",      "held_until",   "ticket"};
static const int wait_num[] = {1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0};
#define WAIT_NCOLS 12

static int wait_row(void *ctx, const store_waitlist_row_t *r)
{
    char id[24], pos[16], party[16];
    snprintf(id, sizeof id, "%lld", r->id);
    snprintf(pos, sizeof pos, "%d", r->position);
    snprintf(party, sizeof party, "%d", r->party);
    const char *vals[] = {id,        r->target_id, r->service_name, r->date,
                          r->start,  r->status,    r->position ? pos : "",
                          r->for_label, r->phone,  party,           r->held_until,
                          r->ticket};
    return table_row(ctx, vals);
}

static int id_arg(const char *name, const char *s, long long *id)
{
    char *end;
    *id = s ? strtoll(s, &end, 10) : 0;
    if (!s || end == s || *end || *id < 1)
        return ctl_usage_error(name, "needs --id N (the id column of kioskctl waitlist)");
    return 0;
}

static int refused(ctl_t *c, long long id, int rc)
{
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("waitlist %lld: no such entry", id);
    if (rc == RULES_BAD_STATE) {
        store_waitlist_row_t r;
        if (store_waitlist_get(c->st, id, &r) == STORE_OK)
            return ctl_refused("waitlist %lld: refused: the entry is %s", id, r.status);
    }
    if (rc > 0)
        return ctl_refused("waitlist %lld: %s", id, rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

/* confirm and withdraw: --id N [--staff NAME], audited under NAME or kioskctl. */
static int wait_act(ctl_t *c, const char *name, int argc, char **argv, int confirm)
{
    const char *staff = NULL, *id_s = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--id", &id_s, NULL}, {"--staff", &staff, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 2, pos, 0, &npos);
    if (rc)
        return rc;
    long long id;
    if ((rc = id_arg(name, id_s, &id)))
        return rc;
    if (staff && !store_staff_name_valid(staff))
        return ctl_usage_error(name, "--staff: a name of 1 to 32 bytes");
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    const char *who = staff ? staff : "kioskctl";
    rc = confirm ? store_waitlist_confirm(c->st, who, id, c->now)
                 : store_waitlist_withdraw(c->st, who, NULL, id, c->now);
    if (rc == STORE_OK) {
        printf("waitlist %lld %s\n", id, confirm ? "confirmed" : "withdrawn");
        return 0;
    }
    return refused(c, id, rc);
}

/* join --session S --phone P [--for LABEL] [--party N]: a resident at the desk. */
static int wait_join(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *session = NULL, *phone = NULL, *label = NULL, *party_s = NULL, *pos[1];
    ctl_opt_t opts[] = {
        {"--session", &session, NULL}, {"--phone", &phone, NULL}, {"--for", &label, NULL}, {"--party", &party_s, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 4, pos, 0, &npos);
    if (rc)
        return rc;
    if (!session || !phone)
        return ctl_usage_error(name, "waitlist join needs --session and --phone");
    int party;
    if ((rc = ctl_parse_party(name, party_s, &party)))
        return rc;
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    store_person_t who = {phone, label, "kioskctl"};
    long long id = 0;
    int position = 0;
    rc = store_waitlist_join(c->st, NULL, session, &who, party, c->now, &c->cfg.rules, &id,
                             &position);
    if (rc == STORE_OK) {
        printf("waitlist %lld: position %d\n", id, position);
        return 0;
    }
    if (rc > 0)
        return ctl_refused("%s", rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

static int wait_expire(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    int passed = 0;
    if (store_waitlist_expire(c->st, c->now, &passed) != STORE_OK)
        return ctl_store_failed(c);
    printf("%d holds passed on\n", passed);
    return 0;
}

int ctl_waitlist(ctl_t *c, const char *name, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "confirm") == 0)
        return wait_act(c, name, argc - 1, argv + 1, 1);
    if (argc >= 1 && strcmp(argv[0], "withdraw") == 0)
        return wait_act(c, name, argc - 1, argv + 1, 0);
    if (argc >= 1 && strcmp(argv[0], "join") == 0)
        return wait_join(c, name, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "expire") == 0)
        return wait_expire(c, name, argc - 1, argv + 1);
    const char *session = NULL, *format = NULL, *pos[1];
    int all = 0, calls = 0;
    ctl_opt_t opts[] = {{"--session", &session, NULL},
                        {"--format", &format, NULL},
                        {"--all", NULL, &all},
                        {"--call", NULL, &calls}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 4, pos, 0, &npos);
    if (rc)
        return rc;
    table_format_t fmt;
    if ((rc = ctl_parse_format(name, format, &fmt)) || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    store_waitlist_filter_t f = {.session_id = session, .active_only = !all, .call_list = calls};
    table_t o;
    table_begin(&o, stdout, fmt, wait_cols, wait_num, WAIT_NCOLS);
    rc = store_waitlist(c->st, &f, wait_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}
