/* kioskctl's walk-in queue (issue 19): a resident's number taken at the
 * desk, staff calling numbers to a counter and the steps after, today's
 * status, and closing or capping a line for the day. The store does the
 * work (store_queue_*), the rule is the station's config
 * (queue_priority_every, queue_late_grace_minutes); staff steps are
 * audited under --staff NAME, else kioskctl, at the wall clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/datetime.h"
#include "../../firmware/platform/clock.h"
#include "ctl.h"

/* The options every queue command may take; each names those it reads. */
typedef struct queue_args {
    const char *line, *counter, *to, *max, *staff, *format;
    int priority;
    int counter_n, max_n;
} queue_args_t;

static int number_arg(const char *cmd, const char *opt, const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || end == s || *end || v < lo || v > hi)
        return ctl_usage_error(cmd, "%s needs a number from %d to %d%s%s%s", opt, lo, hi,
                               s ? ", not '" : "", s ? s : "", s ? "'" : "");
    *out = (int)v;
    return 0;
}

/* Parses argv for cmd: need lists the options it requires ("l" --line, "c"
 * --counter, "t" --to, "m" --max), allow those it also takes ("p"
 * --priority, "f" --format, "s" --staff, "l" --line). 0, or a usage code. */
static int parse(const char *cmd, int argc, char **argv, const char *need, const char *allow,
                 queue_args_t *a)
{
    memset(a, 0, sizeof *a);
    const char *pos[1];
    ctl_opt_t all[] = {{"--line", &a->line, NULL},   {"--counter", &a->counter, NULL},
                       {"--to", &a->to, NULL},       {"--max", &a->max, NULL},
                       {"--staff", &a->staff, NULL}, {"--format", &a->format, NULL},
                       {"--priority", NULL, &a->priority}};
    const char keys[] = "lctmsfp";
    ctl_opt_t opts[7];
    int nopts = 0, npos;
    for (int k = 0; k < 7; k++)
        if (strchr(need, keys[k]) || strchr(allow, keys[k]))
            opts[nopts++] = all[k];
    int rc = ctl_parse_opts(cmd, argc, argv, opts, nopts, pos, 0, &npos);
    if (rc)
        return rc;
    const char *vals[] = {a->line, a->counter, a->to, a->max};
    const char *names[] = {"--line", "--counter", "--to", "--max"};
    for (int k = 0; k < 4; k++)
        if (strchr(need, keys[k]) && !vals[k])
            return ctl_usage_error(cmd, "%s needs %s", cmd, names[k]);
    if (a->counter && (rc = number_arg(cmd, "--counter", a->counter, 1, 99, &a->counter_n)))
        return rc;
    if (a->max && (rc = number_arg(cmd, "--max", a->max, 0, QUEUE_NUMBER_MAX, &a->max_n)))
        return rc;
    if (a->staff && !store_staff_name_valid(a->staff))
        return ctl_usage_error(cmd, "--staff: a name of 1 to 32 bytes");
    return 0;
}

/* Who the audit names and when: the wall clock, saying so under --now. */
typedef struct by {
    store_audit_note_t note;
    char mark[48];
} by_t;

static void by_of(ctl_t *c, const queue_args_t *a, by_t *b)
{
    memset(b, 0, sizeof *b);
    b->note.staff = a->staff ? a->staff : "kioskctl";
    b->note.at = clock_now_stamp();
    if (c->test_clock) {
        char stamp[17];
        dt_format_stamp(c->now, stamp);
        snprintf(b->mark, sizeof b->mark, "(test clock %s)", stamp);
        b->note.detail = b->mark;
    }
}

/* A staff step's start: its arguments, the store opened for writing, and
 * who the audit names. 0, or an exit code. */
static int staff_begin(ctl_t *c, const char *name, int argc, char **argv, const char *need,
                       const char *allow, queue_args_t *a, by_t *b)
{
    int rc = parse(name, argc, argv, need, allow, a);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    by_of(c, a, b);
    return 0;
}

/* A refusal in the store's words (they name the line, the counter and the
 * number), or its error. */
static int outcome(ctl_t *c, int rc)
{
    if (rc == STORE_OK)
        return EXIT_DONE;
    if (rc > 0)
        return ctl_refused("%s", store_errmsg(c->st));
    return ctl_store_failed(c);
}

static void print_ahead(const store_queue_row_t *r)
{
    printf("%s on line %s: %d ahead\n", r->label, r->line, r->ahead);
}

int ctl_queue_take(ctl_t *c, const char *name, int argc, char **argv)
{
    queue_args_t a;
    int rc = parse(name, argc, argv, "l", "p", &a);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    store_queue_row_t r;
    rc = store_queue_take(c->st, a.line, a.priority ? QUEUE_PRIORITY : QUEUE_WALKIN, &c->cfg.queue,
                          c->now, &r);
    if (rc == STORE_OK)
        print_ahead(&r);
    return outcome(c, rc);
}

int ctl_queue_call(ctl_t *c, const char *name, int argc, char **argv)
{
    queue_args_t a;
    by_t b;
    int rc = staff_begin(c, name, argc, argv, "c", "ls", &a, &b);
    if (rc)
        return rc;
    store_queue_row_t r;
    rc = store_queue_call_next(c->st, &b.note, a.counter_n, a.line, &c->cfg.queue, c->now, &r);
    if (rc == STORE_OK)
        printf("%s to counter %d (line %s, %s)\n", r.label, r.counter, r.line, r.kind);
    return outcome(c, rc);
}

/* recall, skip, serve, finish: one step on the counter's ticket. */
int ctl_queue_step(ctl_t *c, const char *name, int argc, char **argv)
{
    static const struct {
        const char *cmd, *done;
        store_queue_step_t step;
    } steps[] = {{"queue recall", "called again to", STORE_QUEUE_RECALL},
                 {"queue skip", "skipped (no-show) at", STORE_QUEUE_SKIP},
                 {"queue serve", "serving at", STORE_QUEUE_SERVE},
                 {"queue finish", "done at", STORE_QUEUE_FINISH}};
    size_t k = 0;
    while (k < sizeof steps / sizeof steps[0] - 1 && strcmp(steps[k].cmd, name))
        k++;
    queue_args_t a;
    by_t b;
    int rc = staff_begin(c, name, argc, argv, "c", "s", &a, &b);
    if (rc)
        return rc;
    store_queue_row_t r;
    rc = store_queue_step(c->st, &b.note, a.counter_n, steps[k].step, c->now, &r);
    if (rc == STORE_OK)
        printf("%s %s counter %d\n", r.label, steps[k].done, a.counter_n);
    return outcome(c, rc);
}

int ctl_queue_transfer(ctl_t *c, const char *name, int argc, char **argv)
{
    queue_args_t a;
    by_t b;
    int rc = staff_begin(c, name, argc, argv, "ct", "s", &a, &b);
    if (rc)
        return rc;
    store_queue_row_t r;
    rc = store_queue_transfer(c->st, &b.note, a.counter_n, a.to, &c->cfg.queue, c->now, &r);
    if (rc == STORE_OK)
        print_ahead(&r);
    return outcome(c, rc);
}

/* close, open (--line) and cap (--line --max) for the day of now. */
int ctl_queue_day(ctl_t *c, const char *name, int argc, char **argv)
{
    int cap = !strcmp(name, "queue cap"), close = !strcmp(name, "queue close");
    queue_args_t a;
    by_t b;
    int rc = staff_begin(c, name, argc, argv, cap ? "lm" : "l", "s", &a, &b);
    if (rc)
        return rc;
    rc = store_queue_set_day(c->st, &b.note, a.line, cap ? -1 : close, cap ? a.max_n : -1, c->now);
    if (rc == STORE_OK) {
        char day[17];
        dt_format_stamp(c->now, day);
        day[10] = '\0';
        if (cap)
            printf("line %s capped at %d numbers for %s\n", a.line, a.max_n, day);
        else
            printf("line %s %s for %s\n", a.line, close ? "closed" : "open", day);
    }
    return outcome(c, rc);
}

static const char *const status_cols[] = {"number",    "line",    "status", "taken_at",
                                          "called_at", "counter", "ahead"};
static const int status_num[] = {0, 0, 0, 0, 0, 1, 1};

static int status_row(void *ctx, const store_queue_row_t *r)
{
    char counter[8] = "", ahead[16] = "";
    if (r->counter)
        snprintf(counter, sizeof counter, "%d", r->counter);
    if (r->ahead >= 0)
        snprintf(ahead, sizeof ahead, "%d", r->ahead);
    const char *vals[] = {r->label, r->line, r->status, r->taken_at, r->called_at, counter, ahead};
    return table_row(ctx, vals);
}

int ctl_queue_status(ctl_t *c, const char *name, int argc, char **argv)
{
    queue_args_t a;
    table_format_t fmt;
    int rc = parse(name, argc, argv, "", "f", &a);
    if (rc || (rc = ctl_parse_format(name, a.format, &fmt)) ||
        (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    table_t o;
    table_begin(&o, stdout, fmt, status_cols, status_num, 7);
    rc = store_queue_status(c->st, &c->cfg.queue, c->now, status_row, &o);
    table_end(&o);
    return rc == STORE_OK ? EXIT_DONE : ctl_store_failed(c);
}
