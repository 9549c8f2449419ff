#include "schedule.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* "-YYYYMMDD-HHMM" adds 14 bytes to the service id, and the NUL one more. */
_Static_assert(CATALOG_ID_MAX + 15 <= KIOSK_SESSION_ID_SIZE,
               "a session id of the longest catalog id must fit");

void sched_session_id(const char *service_id, dt_date_t d, int start, char out[KIOSK_SESSION_ID_SIZE])
{
    /* The modulos keep the fields at their width for any int, so the id
     * always fits (a catalog id is at most CATALOG_ID_MAX bytes). */
    snprintf(out, KIOSK_SESSION_ID_SIZE, "%s-%04u%02u%02u-%02u%02u", service_id ? service_id : "",
             (unsigned)d.y % 10000u, (unsigned)d.m % 100u, (unsigned)d.d % 100u,
             (unsigned)start / 60u % 100u, (unsigned)start % 60u);
}

static int applies(const catalog_schedule_t *s, dt_date_t d, int weekday)
{
    if (!(s->weekdays & (1u << weekday)))
        return 0;
    if (s->from.y && dt_date_cmp(d, s->from) < 0)
        return 0;
    if (s->until.y && dt_date_cmp(d, s->until) > 0)
        return 0;
    return 1;
}

static int session_cmp(const void *pa, const void *pb)
{
    const sched_session_t *a = pa, *b = pb;
    int c = dt_date_cmp(a->date, b->date);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->service != b->service)
        return a->service < b->service ? -1 : 1;
    /* Only a hand-built catalog can get here (the parser rejects
     * overlapping schedules); keep the order total anyway. */
    return a->end < b->end ? -1 : a->end > b->end;
}

/* The sessions of [from, from + days), counted and, when arr is not NULL,
 * written to it; stops once the count is past limit. */
static long walk(const catalog_t *cat, dt_date_t from, int days, long limit, sched_session_t *arr)
{
    long n = 0, d0 = dt_days(from);
    for (int i = 0; cat && i < days && n <= limit; i++) {
        dt_date_t d = dt_from_days(d0 + i);
        int wd = dt_weekday(d);
        for (int v = 0; v < cat->n_services; v++) {
            const catalog_service_t *svc = &cat->services[v];
            if (catalog_is_closed(cat, svc, d))
                continue;
            for (int k = 0; k < svc->n_schedules; k++) {
                const catalog_schedule_t *s = &svc->schedules[k];
                if (!applies(s, d, wd))
                    continue;
                if (arr) {
                    sched_session_t *o = &arr[n];
                    sched_session_id(svc->id, d, s->start, o->id);
                    o->service = v;
                    o->date = d;
                    o->start = s->start;
                    o->end = s->end;
                    o->capacity = s->capacity;
                }
                n++;
            }
        }
    }
    return n;
}

long sched_count(const catalog_t *cat, dt_date_t from, int days, long limit)
{
    return walk(cat, from, days, limit, NULL);
}

/* Two passes over the horizon (count, then fill) so the array is allocated
 * once at its exact size. */
int sched_generate(const catalog_t *cat, dt_date_t from, int days, sched_session_t **out)
{
    *out = NULL;
    if (!cat || days <= 0)
        return 0;
    long total = walk(cat, from, days, LONG_MAX, NULL);
    if (total == 0)
        return 0;
    if (total > INT_MAX || (unsigned long)total > SIZE_MAX / sizeof(sched_session_t))
        return -1;
    sched_session_t *arr = malloc((size_t)total * sizeof *arr);
    if (!arr)
        return -1;
    walk(cat, from, days, LONG_MAX, arr);
    qsort(arr, (size_t)total, sizeof *arr, session_cmp);
    *out = arr;
    return (int)total;
}
