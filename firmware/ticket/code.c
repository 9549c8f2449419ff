#include "code.h"

#include <sodium.h>
#include <string.h>

static const char alphabet[] = KIOSK_TICKET_ALPHABET;

int ticket_code_random(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    (void)ctx;
    if (sodium_init() < 0)
        return -1;
    for (int i = 0; i < KIOSK_TICKET_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[KIOSK_TICKET_LEN] = '\0';
    return 0;
}

int ticket_code_seeded(void *state_u64, char out[KIOSK_TICKET_SIZE])
{
    /* splitmix64: tiny, well-mixed, and the same on every platform. */
    uint64_t *s = state_u64;
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int i = 0; i < KIOSK_TICKET_LEN; i++, z >>= 5)
        out[i] = alphabet[z & 31];
    out[KIOSK_TICKET_LEN] = '\0';
    return 0;
}

int ticket_code_normalize(const char *in, char out[KIOSK_TICKET_SIZE])
{
    int n = 0;
    for (const char *p = in; p && *p; p++) {
        char c = *p;
        if (c == ' ' || c == '-' || c == '\t')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (n == KIOSK_TICKET_LEN || !strchr(alphabet, c) || c == '\0')
            return -1;
        out[n++] = c;
    }
    if (n != KIOSK_TICKET_LEN)
        return -1;
    out[n] = '\0';
    return 0;
}

void ticket_code_format(const char *code, char out[KIOSK_TICKET_SHOWN_SIZE])
{
    memcpy(out, code, 4);
    out[4] = '-';
    memcpy(out + 5, code + 4, 4);
    out[KIOSK_TICKET_LEN + 1] = '\0';
}
