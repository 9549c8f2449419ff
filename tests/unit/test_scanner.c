/* The scanner/typing split of the keyboard device (platform/scanner.c). */
#include "../../firmware/platform/scanner.h"
#include "test.h"

static void test_typing_passes_at_once(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_text(&s, "138", 0, out), 1);
    CHECK_STR(out, "138");
    CHECK_INT(s.len, 0);
    CHECK_INT(scanner_enter(&s, out), 0);
}

static void test_payload_held_until_enter(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    const char *keys[] = {"K", "Q", "1", ":", "ABCDEFGH:", "0123456789ABCDEF"};
    for (int i = 0; i < 6; i++)
        CHECK_INT(scanner_text(&s, keys[i], (uint64_t)i * 10, out), 0);
    CHECK_INT(scanner_enter(&s, out), 1);
    CHECK_STR(out, "KQ1:ABCDEFGH:0123456789ABCDEF");
    CHECK_INT(s.len, 0);
    CHECK_INT(s.buf[0], 0);
}

static void test_start_that_turns_into_typing(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_text(&s, "K", 0, out), 0);
    CHECK_INT(scanner_text(&s, "Q", 5, out), 0);
    CHECK_INT(scanner_text(&s, "X", 10, out), 1);
    CHECK_STR(out, "KQX");
}

static void test_stale_start_dropped(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_text(&s, "KQ1", 0, out), 0);
    CHECK_INT(scanner_text(&s, "7", SCANNER_STALE_MS + 1, out), 1);
    CHECK_STR(out, "7");
}

static void test_enter_without_payload(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_enter(&s, out), 0);
    CHECK_INT(scanner_text(&s, "KQ", 0, out), 0);
    CHECK_INT(scanner_enter(&s, out), 0); /* a start only is not a payload */
    CHECK_INT(s.len, 0);
}

static void test_too_long_dropped(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX], big[200];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK_INT(scanner_text(&s, "KQ1:", 0, out), 0);
    CHECK_INT(scanner_text(&s, big, 1, out), 0); /* does not fit: dropped */
    CHECK_INT(s.len, 4);
    CHECK_INT(scanner_enter(&s, out), 1);
    CHECK_STR(out, "KQ1:");
}

int main(void)
{
    RUN(test_typing_passes_at_once);
    RUN(test_payload_held_until_enter);
    RUN(test_start_that_turns_into_typing);
    RUN(test_stale_start_dropped);
    RUN(test_enter_without_payload);
    RUN(test_too_long_dropped);
    TEST_EXIT();
}
