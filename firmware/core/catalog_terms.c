/* Courses with terms in the catalog (issue 20, 东山小学堂): [term ID]
 * sections. The parser (catalog_parse.c) opens the section and hands each
 * key here; what is particular to terms is read and checked in this file,
 * and terms_sessions (terms.h) lists a term's sessions for the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"
#include "schedule.h"
#include "terms.h"

/* The keys of a [term], in the order of catalog_term_t.key_line. */
static const char *const term_keys[] = {"service", "name", "name_en", "from", "to", "places", "ages"};
enum { TK_SERVICE, TK_NAME, TK_NAME_EN, TK_FROM, TK_TO, TK_PLACES, TK_AGES, TK_COUNT };
_Static_assert(TK_COUNT == sizeof ((catalog_term_t *)0)->key_line / sizeof(int),
               "catalog_term_t.key_line holds one line per key");

#define TERM_DAYS_MAX 366
#define TERM_PLACES_MAX 10000
#define TERM_AGE_MAX 120

static int lower_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = (*a >= 'A' && *a <= 'Z') ? *a - 'A' + 'a' : *a;
        if (x != *b)
            return 0;
    }
    return !*a && !*b;
}

int catalog_term_add(catalog_t *cat, const char *id, int at, int *cap, char *msg, size_t msglen)
{
    for (int i = 0; i < cat->n_terms; i++)
        if (!strcmp(cat->terms[i].id, id)) {
            snprintf(msg, msglen, "duplicate term id '%s' (first on line %d)", id,
                     cat->terms[i].line);
            return -1;
        }
    if (cat->n_terms >= CATALOG_SERVICES_MAX) {
        snprintf(msg, msglen, "too many terms in the catalog (at most %d)", CATALOG_SERVICES_MAX);
        return -1;
    }
    if (cat->n_terms >= *cap) {
        int nc = *cap ? *cap * 2 : 8;
        catalog_term_t *r = realloc(cat->terms, (size_t)nc * sizeof *r);
        if (!r) {
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
        cat->terms = r;
        *cap = nc;
    }
    catalog_term_t *t = &cat->terms[cat->n_terms];
    memset(t, 0, sizeof *t);
    t->line = at;
    t->service = -1;
    if (!(t->id = strdup(id))) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    return cat->n_terms++;
}

/* "N" with 0 <= N <= max, digits only: N, or -1. */
static long number(const char *s, long max)
{
    long v = 0;
    if (!*s || strlen(s) > 6)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v <= max ? v : -1;
}

/* "6-12" (blanks allowed around the dash): 0, or -1. */
static int parse_ages(const char *value, int *lo, int *hi)
{
    char buf[32];
    const char *dash = strchr(value, '-');
    if (!dash || (size_t)(dash - value) >= sizeof buf || strlen(dash + 1) >= sizeof buf)
        return -1;
    memcpy(buf, value, (size_t)(dash - value));
    buf[dash - value] = '\0';
    char *a = buf, *b = buf + strlen(buf);
    while (*a == ' ')
        a++;
    while (b > a && b[-1] == ' ')
        *--b = '\0';
    long x = number(a, TERM_AGE_MAX);
    const char *c = dash + 1;
    while (*c == ' ')
        c++;
    long y = number(c, TERM_AGE_MAX);
    if (x < 0 || y < 0 || y < x)
        return -1;
    *lo = (int)x;
    *hi = (int)y;
    return 0;
}

static int set_text(char **dst, const char *value, char *msg, size_t msglen)
{
    if (!(*dst = strdup(value))) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    return 0;
}

int catalog_term_set(catalog_t *cat, int term, const char *key, const char *value, int at,
                     char *msg, size_t msglen)
{
    catalog_term_t *t = &cat->terms[term];
    int k;
    for (k = 0; k < TK_COUNT && !lower_eq(key, term_keys[k]); k++)
        ;
    if (k == TK_COUNT) {
        snprintf(msg, msglen,
                 "unknown key '%.40s' in [term %s] (a term takes service, name, name_en, from, "
                 "to, places, ages)",
                 key, t->id);
        return -1;
    }
    if (t->key_line[k]) {
        snprintf(msg, msglen, "duplicate key '%s' (first on line %d)", term_keys[k],
                 t->key_line[k]);
        return -1;
    }
    t->key_line[k] = at;
    if (!*value && k != TK_NAME_EN) {
        snprintf(msg, msglen, "'%s' must not be empty", term_keys[k]);
        return -1;
    }
    switch (k) {
    case TK_SERVICE:
        if (strlen(value) > CATALOG_ID_MAX) {
            snprintf(msg, msglen, "bad id '%.40s...' (at most %d bytes)", value, CATALOG_ID_MAX);
            return -1;
        }
        memcpy(t->service_id, value, strlen(value) + 1);
        return 0;
    case TK_NAME:
        return set_text(&t->name.zh, value, msg, msglen);
    case TK_NAME_EN:
        return set_text(&t->name.en, value, msg, msglen);
    case TK_FROM:
    case TK_TO:
        if (dt_parse_date(value, k == TK_FROM ? &t->from : &t->to)) {
            snprintf(msg, msglen, "bad date '%.40s' (use YYYY-MM-DD, a real calendar date)",
                     value);
            return -1;
        }
        return 0;
    case TK_PLACES: {
        long n = number(value, TERM_PLACES_MAX);
        if (n < 1) {
            snprintf(msg, msglen, "places '%.40s' must be a whole number of children, 1..%d",
                     value, TERM_PLACES_MAX);
            return -1;
        }
        t->places = (int)n;
        return 0;
    }
    default: /* TK_AGES */
        if (parse_ages(value, &t->age_min, &t->age_max)) {
            snprintf(msg, msglen,
                     "ages '%.40s' must be a range of years like 6-12 (0..%d, the first not "
                     "above the second)",
                     value, TERM_AGE_MAX);
            return -1;
        }
        return 0;
    }
}

int catalog_term_finish(const catalog_t *cat, int term, char *msg, size_t msglen)
{
    const catalog_term_t *t = &cat->terms[term];
    static const int required[] = {TK_SERVICE, TK_NAME, TK_FROM, TK_TO, TK_PLACES};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!t->key_line[required[i]]) {
            snprintf(msg, msglen, "[term %s] is missing the required key '%s'", t->id,
                     term_keys[required[i]]);
            return -1;
        }
    return 0;
}

int terms_sessions(const catalog_t *cat, const catalog_term_t *t, sched_session_t **out)
{
    *out = NULL;
    long days = dt_days(t->to) - dt_days(t->from) + 1;
    if (t->service < 0 || days < 1)
        return 0;
    /* The catalog as if the term's service were its only one (the
     * station's closed days kept): a term's months of every service's
     * sessions cost the bench's start-up three times its instructions. */
    catalog_t one = *cat;
    one.services = &cat->services[t->service];
    one.n_services = 1;
    sched_session_t *all = NULL;
    int n = sched_generate(&one, t->from, (int)days, &all);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        all[i].service = t->service;
    *out = n ? all : NULL;
    if (!n)
        free(all);
    return n;
}

int catalog_terms_check(catalog_t *cat, int *at, char *msg, size_t msglen)
{
    for (int i = 0; i < cat->n_terms; i++) {
        catalog_term_t *t = &cat->terms[i];
        const catalog_service_t *sv = catalog_find_service(cat, t->service_id);
        *at = t->key_line[TK_SERVICE];
        if (!sv) {
            snprintf(msg, msglen, "unknown service '%s' (no [service %s] in this file)",
                     t->service_id, t->service_id);
            return -1;
        }
        t->service = (int)(sv - cat->services);
        if (t->name.en && !*t->name.en) {
            free(t->name.en);
            t->name.en = NULL;
        }
        if (!t->name.en && !(t->name.en = strdup(t->name.zh))) {
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
        long days = dt_days(t->to) - dt_days(t->from) + 1;
        *at = t->key_line[TK_TO];
        if (days < 1) {
            snprintf(msg, msglen, "the term ends (to) before it starts (from)");
            return -1;
        }
        if (days > TERM_DAYS_MAX) {
            snprintf(msg, msglen, "the term is longer than %d days", TERM_DAYS_MAX);
            return -1;
        }
        *at = t->line;
        for (int s = 0; s < sv->n_schedules; s++)
            if (sv->schedules[s].capacity < t->places) {
                *at = t->key_line[TK_PLACES];
                snprintf(msg, msglen,
                         "places %d is more than the %d seats of the schedule on line %d (every "
                         "session must hold every child of the term)",
                         t->places, sv->schedules[s].capacity, sv->schedules[s].line);
                return -1;
            }
        sched_session_t *ss = NULL;
        int n = terms_sessions(cat, t, &ss);
        free(ss);
        if (n < 0) {
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
        if (n == 0) {
            snprintf(msg, msglen,
                     "[term %s] has no session: service %s has no schedule on an open day "
                     "between its from and to",
                     t->id, t->service_id);
            return -1;
        }
    }
    return 0;
}

const catalog_term_t *catalog_find_term(const catalog_t *cat, const char *id)
{
    for (int i = 0; cat && id && i < cat->n_terms; i++)
        if (!strcmp(cat->terms[i].id, id))
            return &cat->terms[i];
    return NULL;
}

void catalog_terms_free(catalog_t *cat)
{
    for (int i = 0; i < cat->n_terms; i++) {
        free(cat->terms[i].id);
        free(cat->terms[i].name.zh);
        free(cat->terms[i].name.en);
    }
    free(cat->terms);
}

void terms_class_of(int nth, int total, int en, char *out, size_t outlen)
{
    if (en)
        snprintf(out, outlen, "class %d of %d", nth, total);
    else
        snprintf(out, outlen, "第%d次课 / 共%d次", nth, total);
}

void terms_rate(int attended, int held, char *out, size_t outlen)
{
    snprintf(out, outlen, "%d/%d", attended, held);
}
