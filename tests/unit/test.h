/* A minimal test harness: each test is a function, CHECK records a failure
 * with its place and goes on, and each test prints "ok - name" or
 * "not ok - name" for tests/run.sh to count. A test that cannot run here
 * (a tool absent) ends with SKIP("why") and prints "# skip: name: why",
 * never ok; a test that fails before it skips is still not ok. */
#ifndef TESTS_TEST_H
#define TESTS_TEST_H

#include <stdio.h>
#include <string.h>

static int test_cur_failed, test_passed, test_failed, test_skipped;
static const char *test_cur_skip;

/* SKIP(why): ends the current test as skipped, for the reason why. */
#define SKIP(why)                                                                                  \
    do {                                                                                           \
        test_cur_skip = (why);                                                                     \
        return;                                                                                    \
    } while (0)

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);               \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *check_a_ = (a), *check_b_ = (b);                                               \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                           \
            fprintf(stderr, "%s:%d: CHECK_STR(%s, %s) failed: \"%s\" != \"%s\"\n", __FILE__,       \
                    __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",                              \
                    check_b_ ? check_b_ : "(null)");                                               \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);                            \
        if (check_a_ != check_b_) {                                                                \
            fprintf(stderr, "%s:%d: CHECK_INT(%s, %s) failed: %lld != %lld\n", __FILE__, __LINE__, \
                    #a, #b, check_a_, check_b_);                                                   \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define RUN(fn) test_run_(#fn, fn)

static inline void test_run_(const char *name, void (*fn)(void))
{
    test_cur_failed = 0;
    test_cur_skip = NULL;
    fn();
    fflush(stderr);
    if (test_cur_failed) {
        printf("not ok - %s\n", name);
        test_failed++;
    } else if (test_cur_skip) {
        printf("# skip: %s: %s\n", name, test_cur_skip);
        test_skipped++;
    } else {
        printf("ok - %s\n", name);
        test_passed++;
    }
    fflush(stdout);
}

#define TEST_EXIT() return test_failed ? 1 : 0

#endif
