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
    CHECK_INT(scanner_enter(&s, out), SCANNER_NONE);
}

static void test_payload_held_until_enter(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    const char *keys[] = {"K", "Q", "1", ":", "ABCDEFGH:", "0123456789ABCDEF"};
    for (int i = 0; i < 6; i++)
        CHECK_INT(scanner_text(&s, keys[i], (uint64_t)i * 10, out), 0);
    CHECK_INT(scanner_enter(&s, out), SCANNER_SCAN);
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

/* A scan's start left too long is noise, dropped; a K typed slowly (a
 * code's symbol, at an elder's pace) is typing: passed on, before what
 * came after it, which may itself be held. */
static void test_stale_start(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_text(&s, "KQ1:", 0, out), 0);
    CHECK_INT(scanner_text(&s, "7", SCANNER_STALE_MS + 1, out), 1);
    CHECK_STR(out, "7");
    CHECK_INT(scanner_text(&s, "K", 1000, out), 0);
    CHECK_INT(scanner_text(&s, "7", 1000 + SCANNER_STALE_MS + 1, out), 1);
    CHECK_STR(out, "K7");
    CHECK_INT(scanner_text(&s, "KQ", 3000, out), 0);
    CHECK_INT(scanner_text(&s, "K", 4000, out), 1);
    CHECK_STR(out, "KQ");
    CHECK_INT(s.len, 1); /* the new K is held in its turn */
    CHECK_INT(scanner_enter(&s, out), SCANNER_TYPED);
    CHECK_STR(out, "K");
}

/* A ticket code ending in K, then Enter (typed, or a scanner in keyboard
 * mode reading the code): the K is typing, given back before Enter. */
static void test_enter_after_k_gives_it_back(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_text(&s, "W78NRF2", 0, out), 1);
    CHECK_STR(out, "W78NRF2");
    CHECK_INT(scanner_text(&s, "K", 5, out), 0);
    CHECK_INT(scanner_enter(&s, out), SCANNER_TYPED);
    CHECK_STR(out, "K");
    CHECK_INT(s.len, 0);
    CHECK_INT(s.buf[0], 0);
}

static void test_enter_without_payload(void)
{
    scanner_t s = {0};
    char out[SCANNER_MAX];
    CHECK_INT(scanner_enter(&s, out), SCANNER_NONE);
    CHECK_INT(scanner_text(&s, "KQ", 0, out), 0);
    CHECK_INT(scanner_enter(&s, out), SCANNER_TYPED); /* a start only is not a payload */
    CHECK_STR(out, "KQ");
    CHECK_INT(scanner_text(&s, "KQ1:ABC", 0, out), 0);
    CHECK_INT(scanner_enter(&s, out), SCANNER_SCAN); /* a broken scan: the flow refuses it */
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
    CHECK_INT(scanner_enter(&s, out), SCANNER_SCAN);
    CHECK_STR(out, "KQ1:");
}

int main(void)
{
    RUN(test_typing_passes_at_once);
    RUN(test_payload_held_until_enter);
    RUN(test_start_that_turns_into_typing);
    RUN(test_stale_start);
    RUN(test_enter_after_k_gives_it_back);
    RUN(test_enter_without_payload);
    RUN(test_too_long_dropped);
    TEST_EXIT();
}
