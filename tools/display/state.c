/* What the calling display shows, read from the store (read-only). */
#include <stdio.h>
#include <string.h>

#include "../../firmware/core/datetime.h"
#include "display.h"

typedef struct called {
    char at[17];
    long long seq; /* the day's order of calls (store_queue_row_t call_seq) */
    long long id;
    char label[QUEUE_LABEL_SIZE];
    int counter, recalls;
    int active; /* status called */
} called_t;

#define MAX_CALLED 512
typedef struct reader {
    called_t c[MAX_CALLED];
    int n;
} reader_t;

/* The newest call first: by the day's order of calls. Two counters often
 * call within one minute, so called_at alone cannot order them (a lower
 * ticket id may well be called after a higher one); called_at and the id
 * only break a tie the order cannot (it has none: a row from before it). */
static int newer(const called_t *a, const called_t *b)
{
    if (a->seq != b->seq)
        return a->seq > b->seq;
    int k = strcmp(a->at, b->at);
    return k > 0 || (k == 0 && a->id > b->id);
}

static int on_row(void *ctx, const store_queue_row_t *row)
{
    reader_t *rd = ctx;
    if (!row->called_at[0] || rd->n >= MAX_CALLED)
        return 0;
    called_t *c = &rd->c[rd->n++];
    snprintf(c->at, sizeof c->at, "%s", row->called_at);
    c->seq = row->call_seq;
    c->id = row->id;
    snprintf(c->label, sizeof c->label, "%s", row->label);
    c->counter = row->counter;
    c->recalls = row->recalls;
    c->active = strcmp(row->status, "called") == 0;
    return 0;
}

static int on_line(void *ctx, const store_queue_line_row_t *row)
{
    display_state_t *s = ctx;
    if (s->n_lines >= DISPLAY_LINES)
        return 0;
    s->lines[s->n_lines].letter = row->letter;
    snprintf(s->lines[s->n_lines].name, sizeof s->lines[0].name, "%s", row->name_zh);
    s->lines[s->n_lines].waiting = row->waiting;
    s->lines[s->n_lines].closed = row->closed;
    s->n_lines++;
    return 0;
}

int display_read(store_t *st, const queue_rule_t *rule, long long now, display_state_t *s,
                 display_calls_t *calls)
{
    static reader_t rd;
    memset(s, 0, sizeof *s);
    rd.n = 0;
    if (store_queue_status(st, rule, now, on_row, &rd) != STORE_OK)
        return -1;
    if (store_queue_lines(st, now, on_line, s) != STORE_OK)
        return -1;
    /* Newest first (a few hundred rows a day at most: insertion sort). */
    for (int i = 1; i < rd.n; i++) {
        called_t t = rd.c[i];
        int j = i;
        for (; j > 0 && newer(&t, &rd.c[j - 1]); j--)
            rd.c[j] = rd.c[j - 1];
        rd.c[j] = t;
    }
    if (calls) {
        calls->n = 0;
        for (int i = rd.n - 1; i >= 0 && calls->n < DISPLAY_CALLS; i--) {
            int k = calls->n++;
            calls->c[k].id = rd.c[i].id;
            snprintf(calls->c[k].label, sizeof calls->c[k].label, "%s", rd.c[i].label);
            calls->c[k].counter = rd.c[i].counter;
            calls->c[k].recalls = rd.c[i].recalls;
        }
    }
    for (int i = 0; i < rd.n; i++) {
        if (rd.c[i].active && !s->current[0]) {
            snprintf(s->current, sizeof s->current, "%s", rd.c[i].label);
            s->current_counter = rd.c[i].counter;
            s->current_recalls = rd.c[i].recalls;
            s->current_id = rd.c[i].id;
        } else if (s->n_recent < DISPLAY_RECENT) {
            snprintf(s->recent[s->n_recent].label, sizeof s->recent[0].label, "%s",
                     rd.c[i].label);
            s->recent[s->n_recent].counter = rd.c[i].counter;
            s->n_recent++;
        }
    }
    s->priority_every = rule->priority_every;
    dt_format_stamp(now, s->clock);
    return 0;
}
