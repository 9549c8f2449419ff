/* The walk-in queue's rule: queue.h says it in words. */
#include "queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"walkin", "priority", "appointment"};

const char *queue_kind_name(queue_kind_t k)
{
    return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : NULL;
}

int queue_kind_parse(const char *name, queue_kind_t *out)
{
    for (size_t i = 0; name && i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (!strcmp(name, kind_names[i])) {
            *out = (queue_kind_t)i;
            return 0;
        }
    return -1;
}

int queue_line_valid(const queue_line_t *l)
{
    size_t n = strlen(l->id);
    if (n < 1 || n >= QUEUE_LINE_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = l->id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return l->letter >= 'A' && l->letter <= 'Z' && l->cap >= 0 && l->cap <= QUEUE_NUMBER_MAX;
}

int queue_label(char *out, size_t size, char letter, int number)
{
    if (size)
        out[0] = '\0';
    if (letter < 'A' || letter > 'Z' || number < 1 || number > QUEUE_NUMBER_MAX ||
        size < QUEUE_LABEL_SIZE)
        return 0;
    snprintf(out, size, "%c%03d", letter, number);
    return 1;
}

int queue_is_regular(const queue_rule_t *rule, const queue_waiting_t *w)
{
    if (w->kind == QUEUE_WALKIN)
        return 1;
    return w->kind == QUEUE_APPOINTMENT && w->taken_at > w->booked_at + rule->late_grace;
}

/* a before b in order of taking. */
static int earlier(const queue_waiting_t *a, const queue_waiting_t *b)
{
    return a->taken_at != b->taken_at ? a->taken_at < b->taken_at : a->number < b->number;
}

/* An appointment that keeps its slot: a < b by booked time. */
static int booked_earlier(const queue_waiting_t *a, const queue_waiting_t *b)
{
    return a->booked_at != b->booked_at ? a->booked_at < b->booked_at : earlier(a, b);
}

/* queue_pick over the numbers not yet marked in used (NULL: none). */
static int pick(const queue_rule_t *rule, const queue_waiting_t *w, size_t n,
                const unsigned char *used, int regular_run, long long now)
{
    int appt = -1, prio = -1, reg = -1;
    for (size_t i = 0; i < n; i++) {
        if (used && used[i])
            continue;
        const queue_waiting_t *x = &w[i];
        if (queue_is_regular(rule, x)) {
            if (reg < 0 || earlier(x, &w[reg]))
                reg = (int)i;
        } else if (x->kind == QUEUE_PRIORITY) {
            if (prio < 0 || earlier(x, &w[prio]))
                prio = (int)i;
        } else if (x->kind == QUEUE_APPOINTMENT && x->booked_at <= now) {
            if (appt < 0 || booked_earlier(x, &w[appt]))
                appt = (int)i;
        }
    }
    if (appt >= 0)
        return appt;
    if (prio < 0)
        return reg;
    if (reg < 0 || regular_run >= rule->priority_every)
        return prio;
    return earlier(&w[prio], &w[reg]) ? prio : reg;
}

int queue_pick(const queue_rule_t *rule, const queue_waiting_t *w, size_t n, int regular_run,
               long long now)
{
    return pick(rule, w, n, NULL, regular_run, now);
}

void queue_order(const queue_rule_t *rule, const queue_waiting_t *w, size_t n, int regular_run,
                 long long now, size_t *order)
{
    unsigned char *used = calloc(n ? n : 1, 1);
    size_t k = 0;
    if (!used) { /* no memory: in order of taking is the best guess */
        for (size_t i = 0; i < n; i++)
            order[i] = i;
        return;
    }
    for (int i; k < n && (i = pick(rule, w, n, used, regular_run, now)) >= 0; k++) {
        used[i] = 1;
        order[k] = (size_t)i;
        if (w[i].kind == QUEUE_PRIORITY)
            regular_run = 0;
        else if (queue_is_regular(rule, &w[i]))
            regular_run++;
    }
    /* Appointments before their slot, earliest booked first. */
    for (; k < n; k++) {
        int best = -1;
        for (size_t i = 0; i < n; i++)
            if (!used[i] && (best < 0 || booked_earlier(&w[i], &w[best])))
                best = (int)i;
        used[best] = 1;
        order[k] = (size_t)best;
    }
    free(used);
}

int queue_estimate(int ahead, int *times, size_t n, int minutes_per_person, int counters)
{
    if (ahead <= 0)
        return 0;
    int per = minutes_per_person;
    if (n > 0) {
        for (size_t i = 1; i < n; i++) /* insertion sort: a day's few dozen */
            for (size_t j = i; j > 0 && times[j - 1] > times[j]; j--) {
                int t = times[j];
                times[j] = times[j - 1];
                times[j - 1] = t;
            }
        per = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2] + 1) / 2;
    }
    if (per < 1)
        per = 1;
    if (counters < 1)
        counters = 1;
    return (ahead * per + counters - 1) / counters;
}
