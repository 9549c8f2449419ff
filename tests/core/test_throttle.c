/* The lookup throttle (issue 16): distinct numbers in a window, the pause,
 * the same number counted once, the window sliding, off at limit 0. */
#include "../../firmware/core/throttle.h"
#include "../unit/test.h"

static void distinct_numbers_then_a_pause(void)
{
    throttle_t t = {0};
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000001", 100), 1);
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000002", 101), 1);
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000001", 102), 1); /* again: once */
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000003", 103), 1);
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000004", 104), 0);
    CHECK_INT(t.paused_until, 119);
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000001", 110), 0); /* paused for all */
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000001", 118), 0);
    CHECK_INT(throttle_lookup(&t, 3, 10, 15, "13800000004", 119), 1); /* afresh */
    CHECK_INT(t.n, 1);
}

static void the_window_slides(void)
{
    throttle_t t = {0};
    CHECK_INT(throttle_lookup(&t, 2, 10, 15, "13800000001", 100), 1);
    CHECK_INT(throttle_lookup(&t, 2, 10, 15, "13800000002", 105), 1);
    CHECK_INT(throttle_lookup(&t, 2, 10, 15, "13800000003", 110), 1); /* the first left */
    CHECK_INT(throttle_lookup(&t, 2, 10, 15, "13800000004", 111), 0);
}

static void off_at_zero(void)
{
    throttle_t t = {0};
    char n[12] = "13800000000";
    for (int i = 0; i < 100; i++) {
        n[10] = (char)('0' + i % 10);
        n[9] = (char)('0' + i / 10);
        CHECK_INT(throttle_lookup(&t, 0, 10, 15, n, 100), 1);
    }
    CHECK_INT(t.n, 0);
}

int main(void)
{
    RUN(distinct_numbers_then_a_pause);
    RUN(the_window_slides);
    RUN(off_at_zero);
    TEST_EXIT();
}
