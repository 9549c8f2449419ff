/* The keyboard path of a scan (platform/scanner.c, then the verifier): the
 * input is a stream of key events, each a control byte (low 2 bits 0:
 * Enter; else text of (byte >> 2) % 33 bytes, clock advancing by the next
 * byte times 8 ms). Whatever comes out is terminated and fits; a scan
 * always looks like a payload and goes through ticket_payload_verify;
 * typing given back at Enter never does. */
#include <string.h>

#include "../../firmware/platform/scanner.h"
#include "../../firmware/ticket/payload.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scanner_t s;
    memset(&s, 0, sizeof s);
    ticket_key_t key;
    memset(key.k, 0x5a, sizeof key.k);
    uint64_t ms = 0;
    size_t i = 0;
    char out[SCANNER_MAX + 8];
    while (i < size) {
        uint8_t op = data[i++];
        memset(out, 'Z', sizeof out);
        if ((op & 3) == 0) {
            int got = scanner_enter(&s, out);
            if (got == SCANNER_SCAN) {
                FUZZ_ASSERT(memchr(out, '\0', SCANNER_MAX) != NULL);
                FUZZ_ASSERT(ticket_payload_looks_like(out));
                char code[KIOSK_TICKET_SIZE];
                (void)ticket_payload_verify(&key, out, code);
            } else if (got == SCANNER_TYPED) {
                /* Typing held back as a possible scan's start (K, KQ):
                 * given back whole, never a payload. */
                FUZZ_ASSERT(memchr(out, '\0', SCANNER_MAX) != NULL);
                FUZZ_ASSERT(*out && !ticket_payload_looks_like(out));
            } else {
                FUZZ_ASSERT(got == SCANNER_NONE);
            }
            FUZZ_ASSERT(s.len == 0);
            continue;
        }
        char text[33];
        size_t n = (size_t)(op >> 2) % 33;
        if (n > size - i)
            n = size - i;
        memcpy(text, data + i, n);
        text[n] = '\0';
        i += n;
        if (i < size)
            ms += (uint64_t)data[i++] * 8;
        /* A "K" or "KQ" held as a possible scan's start and left longer
         * than a scanner ever pauses is a person's typing: it is passed on
         * before the new text, and the two together may read KQ1:... as
         * typed by hand. Any other typing never looks like a payload. */
        int stale_typing = s.len > 0 && s.len < strlen(TICKET_PAYLOAD_PREFIX) &&
                           ms - s.last_ms > SCANNER_STALE_MS;
        if (scanner_text(&s, text, ms, out)) {
            FUZZ_ASSERT(memchr(out, '\0', SCANNER_MAX) != NULL);
            FUZZ_ASSERT(!ticket_payload_looks_like(out) || strlen(out) < 4 || stale_typing);
        }
        FUZZ_ASSERT(s.len < SCANNER_MAX && strlen(s.buf) == s.len);
    }
    scanner_clear(&s);
    return 0;
}
