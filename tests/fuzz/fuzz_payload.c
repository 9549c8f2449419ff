/* The QR payload verifier (ticket/payload.c) on scanned text. Two modes,
 * by the first byte:
 *   0x01: a genuine payload for a code taken from the next 8 bytes, then
 *         altered in place by the (position, xor) pairs that follow: it
 *         must verify exactly when the alterations cancel out, so no edit
 *         of a genuine ticket forges another;
 *   else: the bytes as scanned text: a payload verifies only when it is
 *         the one made under the key for the code it gives back.
 * Random keys are not needed: a forgery under any fixed key is a bug. */
#include <string.h>

#include "../../firmware/ticket/payload.h"
#include "fuzz.h"

static void check_text(const ticket_key_t *key, const char *text)
{
    char code[KIOSK_TICKET_SIZE];
    int rc = ticket_payload_verify(key, text, code);
    if (rc == 0) {
        char again[TICKET_PAYLOAD_LEN + 1];
        FUZZ_ASSERT(strlen(code) == KIOSK_TICKET_LEN);
        ticket_payload_make(key, code, again);
        FUZZ_ASSERT(strncmp(again, text, TICKET_PAYLOAD_LEN) == 0);
        FUZZ_ASSERT(strspn(text + TICKET_PAYLOAD_LEN, "\r\n") == strlen(text + TICKET_PAYLOAD_LEN));
    } else {
        FUZZ_ASSERT(rc == -1);
    }
    FUZZ_ASSERT(ticket_payload_looks_like(text) == (strncmp(text, "KQ1:", 4) == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ticket_key_t key;
    for (int i = 0; i < TICKET_KEY_BYTES; i++)
        key.k[i] = (unsigned char)(i * 7 + 1);
    if (size >= 1 + KIOSK_TICKET_LEN && data[0] == 0x01) {
        char code[KIOSK_TICKET_SIZE], genuine[TICKET_PAYLOAD_LEN + 1], text[TICKET_PAYLOAD_LEN + 1];
        for (int i = 0; i < KIOSK_TICKET_LEN; i++)
            code[i] = KIOSK_TICKET_ALPHABET[data[1 + i] % 32];
        code[KIOSK_TICKET_LEN] = '\0';
        ticket_payload_make(&key, code, genuine);
        memcpy(text, genuine, sizeof text);
        for (size_t i = 1 + KIOSK_TICKET_LEN; i + 1 < size; i += 2) {
            char c = (char)(text[data[i] % TICKET_PAYLOAD_LEN] ^ data[i + 1]);
            text[data[i] % TICKET_PAYLOAD_LEN] = c ? c : 'A'; /* stays one string */
        }
        char got[KIOSK_TICKET_SIZE];
        int rc = ticket_payload_verify(&key, text, got);
        FUZZ_ASSERT((rc == 0) == (strcmp(text, genuine) == 0));
        FUZZ_ASSERT(rc != 0 || strcmp(got, code) == 0);
        check_text(&key, text);
        return 0;
    }
    char *text = fuzz_cstring(data, size);
    check_text(&key, text);
    free(text);
    return 0;
}
