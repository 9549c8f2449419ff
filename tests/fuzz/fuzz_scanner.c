/* The keyboard path of a scan (platform/scanner.c, then the verifier): the
 * input is a stream of key events, each a control byte (low 2 bits 0:
 * Enter; else text of (byte >> 2) % 33 bytes, clock advancing by the next
 * byte times 8 ms). Whatever comes out is terminated and fits; a scan
 * always looks like a payload and goes through ticket_payload_verify. */
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
            if (scanner_enter(&s, out)) {
                FUZZ_ASSERT(memchr(out, '\0', SCANNER_MAX) != NULL);
                FUZZ_ASSERT(ticket_payload_looks_like(out));
                char code[KIOSK_TICKET_SIZE];
                (void)ticket_payload_verify(&key, out, code);
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
        if (scanner_text(&s, text, ms, out)) {
            FUZZ_ASSERT(memchr(out, '\0', SCANNER_MAX) != NULL);
            FUZZ_ASSERT(!ticket_payload_looks_like(out) || strlen(out) < 4);
        }
        FUZZ_ASSERT(s.len < SCANNER_MAX && strlen(s.buf) == s.len);
    }
    scanner_clear(&s);
    return 0;
}
