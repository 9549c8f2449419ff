/* kioskctl's commands on courses with terms (issue 20, 东山小学堂):
 * terms listed, a child enrolled for a whole term, dropped out, and the
 * term register (who attended each class, each child's attendance rate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/rules.h"
#include "../../firmware/core/terms.h"
#include "ctl.h"

int ctl_terms(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *format = NULL, *service = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--service", &service, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 2, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(name, format, &fmt)) ||
        (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    catalog_t *cat = NULL;
    if (store_load_catalog(c->st, &cat) != STORE_OK)
        return ctl_store_failed(c);
    if (!cat)
        return ctl_refused("no catalog imported yet");
    static const char *const cols[] = {"term",   "service_id", "name",     "from",   "to",
                                       "places", "ages",       "sessions", "ahead",  "enrolled",
                                       "left"};
    static const int num[] = {0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1};
    table_t o;
    table_begin(&o, stdout, fmt, cols, num, 11);
    for (int i = 0; i < cat->n_terms; i++) {
        const catalog_term_t *t = &cat->terms[i];
        store_term_row_t r;
        if (service && strcmp(service, cat->services[t->service].id))
            continue;
        if (store_term_get(c->st, t->id, c->now, &c->cfg.rules, &r) != STORE_OK)
            continue;
        char places[16], ages[16] = "", n[16], ahead[16], enrolled[16], left[16];
        snprintf(places, sizeof places, "%d", r.places);
        if (r.age_max)
            snprintf(ages, sizeof ages, "%d-%d", r.age_min, r.age_max);
        snprintf(n, sizeof n, "%d", r.sessions);
        snprintf(ahead, sizeof ahead, "%d", r.ahead);
        snprintf(enrolled, sizeof enrolled, "%d", r.enrolled);
        snprintf(left, sizeof left, "%d", r.places > r.enrolled ? r.places - r.enrolled : 0);
        const char *vals[] = {r.id,   r.service_id, r.name_zh, r.date_from, r.date_to, places,
                              ages,   n,            ahead,     enrolled,    left};
        table_row(&o, vals);
    }
    table_end(&o);
    catalog_destroy(cat);
    return 0;
}

static int drop(ctl_t *c, const char *name, const char *arg)
{
    char code[KIOSK_TICKET_SIZE];
    int rc, freed = 0;
    if ((rc = ctl_ticket_arg(arg, code)) || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    (void)name;
    rc = store_drop(c->st, "kioskctl", code, c->now, &freed);
    if (rc == STORE_OK) {
        printf("%s dropped out: %d classes freed\n", code, freed);
        return 0;
    }
    if (rc == RULES_BAD_STATE)
        return ctl_refused("%s: refused: the enrolment is dropped already", code);
    if (rc > 0)
        return ctl_refused("%s: %s", code, rc == RULES_NOT_FOUND
                                               ? "no enrolment has this code"
                                               : rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

int ctl_drop(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *ticket = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--ticket", &ticket, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 1, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos && !ticket)
        ticket = pos[0];
    if (!ticket)
        return ctl_usage_error(name, "drop needs --ticket CODE (the enrolment's code)");
    return drop(c, name, ticket);
}

int ctl_enrol(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *service = NULL, *term = NULL, *phone = NULL, *label = NULL, *dropping = NULL,
               *pos[1];
    int no_phone = 0;
    ctl_opt_t opts[] = {{"--service", &service, NULL}, {"--term", &term, NULL},
                        {"--drop", &dropping, NULL}, CTL_PERSON_OPTS(&phone, &label, &no_phone)};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 6, pos, 0, &npos);
    if (rc)
        return rc;
    if (dropping)
        return drop(c, name, dropping);
    if ((rc = ctl_person_check(name, phone, no_phone)))
        return rc;
    if (!term || !label || (!phone && !no_phone))
        return ctl_usage_error(name, "enrol needs --term, --for LABEL (the child) and --phone "
                                     "(or --no-phone)");
    if (!rules_label_valid(label))
        return ctl_refused("%s", rules_result_text(RULES_BAD_LABEL, 1));
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    store_refresh_sessions(c->st, c->now, &c->cfg.rules);
    char ticket[KIOSK_TICKET_SIZE];
    int classes = 0;
    store_person_t who = {phone, label, "kioskctl"};
    rc = store_enrol(c->st, NULL, service, term, &who, c->now, &c->cfg.rules, ticket_code_random,
                     NULL, ticket, &classes);
    if (rc == STORE_OK) {
        store_term_row_t t;
        printf("%s\n", ticket);
        if (store_term_get(c->st, term, c->now, &c->cfg.rules, &t) == STORE_OK)
            printf("enrolled in %s (%s): %d classes from %s to %s\n", t.id, t.service_id,
                   classes, t.first_date, t.date_to);
        return 0;
    }
    if (rc == RULES_NO_SESSION)
        return ctl_refused("no term %s%s%s in the imported catalog", term,
                           service ? " of service " : "", service ? service : "");
    if (rc == RULES_DUPLICATE)
        return ctl_refused("refused: %s is enrolled in %s already, or holds one of its classes",
                           label, term);
    if (rc == RULES_FULL) {
        store_term_row_t t;
        if (store_term_get(c->st, term, c->now, &c->cfg.rules, &t) == STORE_OK &&
            t.enrolled >= t.places)
            return ctl_refused("refused: the term %s is full (all %d places taken)", term,
                               t.places);
        return ctl_refused("refused: the term %s is full: one of its classes has no seat left",
                           term);
    }
    if (rc == RULES_TOO_LATE)
        return ctl_refused("refused: the term %s has no class left to enrol in", term);
    if (rc > 0)
        return ctl_refused("%s", rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

/* ---- register ----------------------------------------------------------------- */

typedef struct reg {
    store_register_row_t *v;
    size_t n, cap;
} reg_t;

static int reg_add(void *ctx, const store_register_row_t *r)
{
    reg_t *g = ctx;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        store_register_row_t *v = realloc(g->v, cap * sizeof *v);
        if (!v)
            return 1;
        g->v = v;
        g->cap = cap;
    }
    g->v[g->n++] = *r;
    return 0;
}

/* What one cell of the register says. */
static const char *cell(const store_register_row_t *r)
{
    if (!strcmp(r->status, "checked_in"))
        return "present";
    if (!strcmp(r->status, "cancelled"))
        return !strcmp(r->enrolment_status, "dropped") ? "dropped" : "cancelled";
    if (!strcmp(r->status, "no_show") || r->started)
        return "absent";
    return "";
}

int ctl_register(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *format = NULL, *service = NULL, *term = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--service", &service, NULL}, {"--term", &term, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 3, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(name, format, &fmt)))
        return rc;
    if (!term)
        return ctl_usage_error(name, "register needs --term T");
    if ((rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    store_term_row_t t;
    rc = store_term_get(c->st, term, c->now, &c->cfg.rules, &t);
    if (rc == RULES_NOT_FOUND || (rc == STORE_OK && service && strcmp(service, t.service_id)))
        return ctl_refused("no term %s%s%s in the imported catalog", term,
                           service ? " of service " : "", service ? service : "");
    if (rc != STORE_OK)
        return ctl_store_failed(c);
    reg_t g = {0};
    if (store_register(c->st, term, c->now, reg_add, &g) != STORE_OK) {
        free(g.v);
        return ctl_store_failed(c);
    }
    /* The classes (columns) and the children (rows), in order. */
    const char **dates = calloc(g.n + 5, sizeof *dates);
    const char **kids = calloc(g.n + 1, sizeof *kids);
    const char **vals = calloc(g.n + 5, sizeof *vals);
    int *num = calloc(g.n + 5, sizeof *num);
    int *present = calloc(g.n + 1, sizeof *present);
    size_t nd = 0, nk = 0;
    if (!dates || !kids || !vals || !num || !present) {
        rc = ctl_refused("out of memory");
        goto out;
    }
    dates[nd++] = "child";
    dates[nd++] = "phone";
    dates[nd++] = "status";
    dates[nd++] = "attended";
    for (size_t i = 0; i < g.n; i++) {
        if (i == 0 || strcmp(g.v[i].session_id, g.v[i - 1].session_id))
            dates[nd++] = g.v[i].date;
        size_t k;
        for (k = 0; k < nk && strcmp(kids[k], g.v[i].ticket); k++)
            ;
        if (k == nk)
            kids[nk++] = g.v[i].ticket;
        if (!strcmp(g.v[i].status, "checked_in"))
            present[nd - 5]++;
    }
    table_t o;
    table_begin(&o, stdout, fmt, dates, num, (int)nd);
    for (size_t k = 0; k < nk; k++) {
        const store_register_row_t *who = NULL;
        int attended = 0, held = 0;
        for (size_t j = 4; j < nd; j++)
            vals[j] = "";
        for (size_t i = 0, d = 3; i < g.n; i++) {
            if (i == 0 || strcmp(g.v[i].session_id, g.v[i - 1].session_id))
                d++;
            if (strcmp(g.v[i].ticket, kids[k]))
                continue;
            who = &g.v[i];
            vals[d] = cell(&g.v[i]);
            attended += !strcmp(g.v[i].status, "checked_in");
            held += g.v[i].started && strcmp(g.v[i].status, "cancelled");
        }
        char phone[KIOSK_PHONE_SIZE] = "", rate[32];
        if (who->phone[0])
            rules_mask_phone(who->phone, phone);
        terms_rate(attended, held, rate, sizeof rate);
        vals[0] = who->for_label;
        vals[1] = phone;
        vals[2] = who->enrolment_status;
        vals[3] = rate;
        table_row(&o, vals);
    }
    /* The last row: how many came to each class. */
    char (*counts)[16] = calloc(nd, sizeof *counts);
    if (counts && nk) {
        vals[0] = "(present)";
        vals[1] = vals[2] = vals[3] = "";
        for (size_t j = 4; j < nd; j++) {
            snprintf(counts[j], sizeof counts[j], "%d", present[j - 4]);
            vals[j] = counts[j];
        }
        table_row(&o, vals);
    }
    free(counts);
    table_end(&o);
    rc = 0;
out:
    free(dates);
    free(kids);
    free(vals);
    free(num);
    free(present);
    free(g.v);
    return rc;
}
