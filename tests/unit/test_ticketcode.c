#include <stdint.h>
#include <stdlib.h>

#include "../../firmware/ticket/code.h"
#include "test.h"

static int cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void random_codes_use_the_unambiguous_alphabet(void)
{
    enum { N = 20000 };
    static char codes[N][KIOSK_TICKET_SIZE];
    for (int i = 0; i < N; i++) {
        CHECK(ticket_code_random(NULL, codes[i]) == 0);
        CHECK_INT(strlen(codes[i]), KIOSK_TICKET_LEN);
        CHECK(strpbrk(codes[i], "01OI") == NULL);
        char norm[KIOSK_TICKET_SIZE];
        CHECK(ticket_code_normalize(codes[i], norm) == 0);
        CHECK_STR(norm, codes[i]);
    }
    /* 40 bits: 20000 codes colliding would mean a broken generator. */
    qsort(codes, N, sizeof codes[0], cmp);
    int dups = 0;
    for (int i = 1; i < N; i++)
        dups += strcmp(codes[i - 1], codes[i]) == 0;
    CHECK_INT(dups, 0);
}

static void seeded_codes_repeat(void)
{
    uint64_t a = 42, b = 42;
    char x[KIOSK_TICKET_SIZE], y[KIOSK_TICKET_SIZE], z[KIOSK_TICKET_SIZE];
    ticket_code_seeded(&a, x);
    ticket_code_seeded(&b, y);
    CHECK_STR(x, y);
    ticket_code_seeded(&a, z);
    CHECK(strcmp(x, z) != 0);
    CHECK(strpbrk(x, "01OI") == NULL);
}

static void normalises_what_people_type(void)
{
    char out[KIOSK_TICKET_SIZE];
    CHECK(ticket_code_normalize(" abcd-efgh ", out) == 0);
    CHECK_STR(out, "ABCDEFGH");
    CHECK(ticket_code_normalize("ABCD EFGH", out) == 0);
    CHECK(ticket_code_normalize("ABCDEFG", out) == -1);
    CHECK(ticket_code_normalize("ABCDEFGHJ", out) == -1);
    CHECK(ticket_code_normalize("ABCDEFG0", out) == -1);
    CHECK(ticket_code_normalize("ABCDEFGI", out) == -1);
    CHECK(ticket_code_normalize("ABCD"
                                "\xE4\xB8\xAD"
                                "EFG",
                                out) == -1);
    CHECK(ticket_code_normalize("", out) == -1);
    char disp[KIOSK_TICKET_LEN + 2];
    ticket_code_format("ABCDEFGH", disp);
    CHECK_STR(disp, "ABCD-EFGH");
}

int main(void)
{
    RUN(random_codes_use_the_unambiguous_alphabet);
    RUN(seeded_codes_repeat);
    RUN(normalises_what_people_type);
    TEST_EXIT();
}
