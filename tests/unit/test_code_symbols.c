/* Ticket codes spread over the whole alphabet (issue 24's mutants: a
 * generator that used half the alphabet, or all but its last letter,
 * passed test_ticketcode). 8 symbols of 32 are 40 bits only when every
 * position takes every symbol. */
#include <stdint.h>

#include "../../firmware/ticket/code.h"
#include "test.h"

static const char alphabet[] = KIOSK_TICKET_ALPHABET;

/* How many times each symbol appeared at each position of n codes. */
static void count(int (*gen)(void *, char *), void *ctx, int n,
                  int seen[KIOSK_TICKET_LEN][sizeof alphabet - 1])
{
    memset(seen, 0, sizeof(int) * KIOSK_TICKET_LEN * (sizeof alphabet - 1));
    for (int i = 0; i < n; i++) {
        char c[KIOSK_TICKET_SIZE];
        CHECK_INT(gen(ctx, c), 0);
        for (int p = 0; p < KIOSK_TICKET_LEN; p++) {
            const char *at = strchr(alphabet, c[p]);
            CHECK(at != NULL && c[p] != '\0');
            if (at && c[p])
                seen[p][at - alphabet]++;
        }
    }
}

/* 4000 codes: each symbol is expected 125 times per position (standard
 * deviation 11); fewer than 40 or more than 230 is 7.7 deviations away,
 * below 1e-13 for the 256 counts of a random run together. */
static void spread(int (*gen)(void *, char *), void *ctx)
{
    static int seen[KIOSK_TICKET_LEN][sizeof alphabet - 1];
    count(gen, ctx, 4000, seen);
    int bad = 0;
    for (int p = 0; p < KIOSK_TICKET_LEN; p++)
        for (size_t s = 0; s < sizeof alphabet - 1; s++)
            if (seen[p][s] < 40 || seen[p][s] > 230) {
                if (bad++ < 5)
                    fprintf(stderr, "position %d: '%c' came %d times in 4000 codes\n", p,
                            alphabet[s], seen[p][s]);
            }
    CHECK_INT(bad, 0);
}

static void random_codes_use_every_symbol_everywhere(void)
{
    spread(ticket_code_random, NULL);
}

static void seeded_codes_use_every_symbol_everywhere(void)
{
    uint64_t seed = 24;
    spread(ticket_code_seeded, &seed);
}

int main(void)
{
    CHECK_INT(sizeof alphabet - 1, 32);
    RUN(random_codes_use_every_symbol_everywhere);
    RUN(seeded_codes_use_every_symbol_everywhere);
    TEST_EXIT();
}
