/* The walk-in queue's rule (issue 19): which waiting number a counter
 * calls next. Pure: the store hands in today's waiting numbers and what was
 * called since the last priority call, and carries out the choice.
 *
 * Three kinds of numbers wait:
 *  - walk-in: called in order of taking (taken_at, then the number);
 *  - priority (绿色通道: over the station's age, a disability, pregnancy,
 *    self-declared): interleaved with the regular numbers by the station's
 *    queue_priority_every = N. While a priority number waits, at most N
 *    regular numbers are called in a row; the next call then takes the
 *    oldest priority number. Below that limit the oldest of all waiting
 *    regular and priority numbers goes first, so a priority number never
 *    waits longer than it would have as a walk-in. N = 0: a waiting
 *    priority number is always called first.
 *  - appointment (a booked resident who checked in): called at the booked
 *    time ahead of everyone, the earliest booked first. One who checked in
 *    before the slot waits until the slot starts (not callable before).
 *    One who checked in later than booked + queue_late_grace_minutes has
 *    lost the slot and waits as a regular walk-in from the check-in time.
 *    Appointment calls neither count as regular calls nor reset the count.
 *
 * Times are minutes (dt_stamp). */
#ifndef CORE_QUEUE_H
#define CORE_QUEUE_H

#include <stddef.h>

/* The kinds, as the store names them (queue_kind_name). */
typedef enum queue_kind { QUEUE_WALKIN, QUEUE_PRIORITY, QUEUE_APPOINTMENT } queue_kind_t;

#define QUEUE_LINE_ID_MAX 24
#define QUEUE_NAME_MAX 64
/* Most numbers a line gives out a day: three digits on the ticket. */
#define QUEUE_NUMBER_MAX 999
/* "A012" and its terminator. */
#define QUEUE_LABEL_SIZE 8

/* A line as the catalog declares it; cap 0 is the line's hard maximum
 * (QUEUE_NUMBER_MAX). Whether it is open today is the store's. */
typedef struct queue_line {
    char id[QUEUE_LINE_ID_MAX];
    char letter; /* 'A'..'Z', one line each */
    char name_zh[QUEUE_NAME_MAX];
    char name_en[QUEUE_NAME_MAX];
    int cap;
} queue_line_t;

/* The station's rule (config queue_priority_every, queue_late_grace_minutes). */
typedef struct queue_rule {
    int priority_every; /* >= 0 */
    int late_grace;     /* minutes >= 0 */
} queue_rule_t;

typedef struct queue_waiting {
    queue_kind_t kind;
    int number;          /* the day's number on its line */
    long long taken_at;  /* taking, or checking in for an appointment */
    long long booked_at; /* appointment: the slot's start; else unused */
} queue_waiting_t;

/* "walkin", "priority", "appointment"; NULL for anything else. */
const char *queue_kind_name(queue_kind_t k);
/* 0 with *out set, -1 for an unknown name. */
int queue_kind_parse(const char *name, queue_kind_t *out);

/* 1: a line id is 1..23 of [a-z0-9_-] and the letter A..Z. */
int queue_line_valid(const queue_line_t *l);

/* "A012": letter and three digits; "" (and 0) if either is out of range. */
int queue_label(char *out, size_t size, char letter, int number);

/* 1 when w counts as regular (a walk-in, or an appointment checked in past
 * its grace) under rule. */
int queue_is_regular(const queue_rule_t *rule, const queue_waiting_t *w);

/* The index in w[0..n) of the number to call at now, or -1 when none may
 * be called (nothing waits, or only appointments before their slot).
 * regular_run is the count of regular calls since the last priority call
 * (today, on the lines this counter calls). */
int queue_pick(const queue_rule_t *rule, const queue_waiting_t *w, size_t n, int regular_run,
               long long now);

/* The order in which the rule would call w if nobody else came and time
 * stood at now: order[k] is the index of the k-th call; appointments not
 * yet callable follow, earliest booked first. ahead of order[k] is k. */
void queue_order(const queue_rule_t *rule, const queue_waiting_t *w, size_t n, int regular_run,
                 long long now, size_t *order);

/* w (issue 19): the wait a walk-in ticket can expect, in whole minutes:
 * ahead times the median of times[0..n) (today's serving times of the
 * line, minutes; sorted in place), or times minutes_per_person when there
 * is none yet, shared among the counters serving the line (counters
 * calling it lately; fewer than one counts as one), rounded up. A serving
 * time under a minute counts as one. An estimate, never a promise: the
 * screens say 约. 0 when nobody is ahead. */
int queue_estimate(int ahead, int *times, size_t n, int minutes_per_person, int counters);

#endif
