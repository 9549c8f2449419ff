/* The walk-in queue's rule (issue 19): walk-ins in order of taking,
 * priority numbers interleaved by queue_priority_every, appointments at
 * their slot (early ones wait, late ones past the grace join as walk-ins),
 * the order a status listing shows, labels and line ids. */
#include "../../firmware/core/queue.h"
#include "../unit/test.h"

#define W(num, at)                                                                                 \
    {                                                                                              \
        QUEUE_WALKIN, num, at, 0                                                                   \
    }
#define P(num, at)                                                                                 \
    {                                                                                              \
        QUEUE_PRIORITY, num, at, 0                                                                 \
    }
#define A(num, at, booked)                                                                         \
    {                                                                                              \
        QUEUE_APPOINTMENT, num, at, booked                                                         \
    }

/* Calls everything in w the way the store does (each call removes its
 * number and counts regular calls since the last priority call) and
 * writes the numbers in call order. */
static void call_all(const queue_rule_t *r, queue_waiting_t *w, size_t n, long long now,
                     int *called)
{
    int run = 0;
    for (size_t k = 0; k < n; k++) {
        int i = queue_pick(r, w, n - k, run, now);
        CHECK(i >= 0);
        if (i < 0)
            return;
        called[k] = w[i].number;
        if (w[i].kind == QUEUE_PRIORITY)
            run = 0;
        else if (queue_is_regular(r, &w[i]))
            run++;
        w[i] = w[n - k - 1];
    }
}

static void walkins_in_order_of_taking(void)
{
    queue_rule_t r = {2, 15};
    queue_waiting_t w[] = {W(3, 103), W(1, 100), W(2, 100)};
    int got[3];
    call_all(&r, w, 3, 200, got);
    CHECK_INT(got[0], 1);
    CHECK_INT(got[1], 2); /* same minute: the lower number first */
    CHECK_INT(got[2], 3);
    CHECK_INT(queue_pick(&r, w, 0, 0, 200), -1); /* nothing waits */
}

static void priority_every_two(void)
{
    /* Six walk-ins first, then two priority numbers: two regular calls,
     * a priority one, two regular, the other priority, the rest. */
    queue_rule_t r = {2, 15};
    queue_waiting_t w[] = {W(1, 100), W(2, 101), W(3, 102), W(4, 103),
                           W(5, 104), W(6, 105), P(7, 106), P(8, 107)};
    int got[8], want[8] = {1, 2, 7, 3, 4, 8, 5, 6};
    call_all(&r, w, 8, 200, got);
    for (int k = 0; k < 8; k++)
        CHECK_INT(got[k], want[k]);
}

static void priority_older_goes_first(void)
{
    /* A priority number taken before the walk-ins is never held back. */
    queue_rule_t r = {2, 15};
    queue_waiting_t w[] = {P(1, 100), W(2, 101), W(3, 102)};
    CHECK_INT(w[queue_pick(&r, w, 3, 0, 200)].number, 1);
    /* After two regular calls it goes, even if a walk-in is older. */
    queue_waiting_t v[] = {W(1, 100), P(2, 101)};
    CHECK_INT(v[queue_pick(&r, v, 2, 1, 200)].number, 1);
    CHECK_INT(v[queue_pick(&r, v, 2, 2, 200)].number, 2);
}

static void priority_every_zero_is_always_first(void)
{
    queue_rule_t r = {0, 15};
    queue_waiting_t w[] = {W(1, 100), W(2, 101), P(3, 150), P(4, 160)};
    int got[4], want[4] = {3, 4, 1, 2};
    call_all(&r, w, 4, 200, got);
    for (int k = 0; k < 4; k++)
        CHECK_INT(got[k], want[k]);
}

static void appointments_at_their_slot(void)
{
    queue_rule_t r = {2, 15};
    /* Booked for 10:00 (600), checked in at 9:40: waits for the slot. */
    queue_waiting_t w[] = {W(1, 570), A(2, 580, 600), P(3, 590)};
    CHECK_INT(w[queue_pick(&r, w, 3, 0, 590)].number, 1);
    CHECK_INT(w[queue_pick(&r, w, 3, 0, 599)].number, 1);
    CHECK_INT(w[queue_pick(&r, w, 3, 0, 600)].number, 2); /* the slot: first of all */
    CHECK_INT(w[queue_pick(&r, w, 3, 5, 600)].number, 2); /* ahead of priority too */
    /* Only an early appointment waits: nobody may be called yet. */
    queue_waiting_t a[] = {A(1, 580, 600)};
    CHECK_INT(queue_pick(&r, a, 1, 0, 590), -1);
    CHECK_INT(queue_pick(&r, a, 1, 0, 600), 0);
    /* Two due ones: the earlier slot first, whoever checked in first. */
    queue_waiting_t b[] = {A(1, 590, 630), A(2, 600, 600)};
    CHECK_INT(b[queue_pick(&r, b, 2, 0, 640)].number, 2);
}

static void late_appointments_by_the_grace(void)
{
    queue_rule_t r = {2, 15};
    /* Booked 10:00, checked in 10:15: within the grace, keeps the slot. */
    queue_waiting_t w[] = {W(1, 500), A(2, 615, 600)};
    CHECK(!queue_is_regular(&r, &w[1]));
    CHECK_INT(w[queue_pick(&r, w, 2, 0, 620)].number, 2);
    /* 10:16: past it, a walk-in from 10:16 (behind the 8:20 one). */
    queue_waiting_t v[] = {W(1, 500), A(2, 616, 600), W(3, 620)};
    CHECK(queue_is_regular(&r, &v[1]));
    int got[3], want[3] = {1, 2, 3};
    call_all(&r, v, 3, 630, got);
    for (int k = 0; k < 3; k++)
        CHECK_INT(got[k], want[k]);
    /* Grace 0: one minute late is late. */
    queue_rule_t strict = {2, 0};
    queue_waiting_t s = A(1, 601, 600);
    CHECK(queue_is_regular(&strict, &s));
}

static void order_as_status_shows_it(void)
{
    queue_rule_t r = {1, 15};
    queue_waiting_t w[] = {W(1, 100), W(2, 101), P(3, 102), A(4, 103, 300), W(5, 104), P(6, 105)};
    size_t order[6];
    queue_order(&r, w, 6, 0, 200, order);
    /* 1 (regular), 3 (priority after one), 2, 6 (the run starts again
     * after each priority call), 5; the appointment before its slot last. */
    int want[6] = {1, 3, 2, 6, 5, 4};
    for (int k = 0; k < 6; k++)
        CHECK_INT(w[order[k]].number, want[k]);
    /* At its slot it is first. */
    queue_order(&r, w, 6, 0, 300, order);
    CHECK_INT(w[order[0]].number, 4);
}

static void labels_and_lines(void)
{
    char s[QUEUE_LABEL_SIZE];
    CHECK(queue_label(s, sizeof s, 'A', 12));
    CHECK_STR(s, "A012");
    CHECK(queue_label(s, sizeof s, 'C', 999));
    CHECK_STR(s, "C999");
    CHECK(!queue_label(s, sizeof s, 'A', 1000));
    CHECK_STR(s, "");
    CHECK(!queue_label(s, sizeof s, 'a', 1));
    queue_line_t l = {"consult", 'A', "综合咨询", "General enquiries", 0};
    CHECK(queue_line_valid(&l));
    l.letter = '1';
    CHECK(!queue_line_valid(&l));
    l.letter = 'B';
    snprintf(l.id, sizeof l.id, "Bad id");
    CHECK(!queue_line_valid(&l));
    queue_kind_t k;
    CHECK_INT(queue_kind_parse("priority", &k), 0);
    CHECK_INT(k, QUEUE_PRIORITY);
    CHECK_INT(queue_kind_parse("vip", &k), -1);
    CHECK_STR(queue_kind_name(QUEUE_APPOINTMENT), "appointment");
}

int main(void)
{
    RUN(walkins_in_order_of_taking);
    RUN(priority_every_two);
    RUN(priority_older_goes_first);
    RUN(priority_every_zero_is_always_first);
    RUN(appointments_at_their_slot);
    RUN(late_appointments_by_the_grace);
    RUN(order_as_status_shows_it);
    RUN(labels_and_lines);
    TEST_EXIT();
}
