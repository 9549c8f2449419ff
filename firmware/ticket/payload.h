/* The QR payload of a ticket: what the kiosk's scanner reads back at
 * check-in. It holds no personal data, only the ticket code and a MAC under
 * the station's secret key, so a payload cannot be forged or altered
 * without the key, and a stranger who finds one learns nothing.
 *
 *   KQ1:<code>:<tag>
 *
 * "KQ1" is the format and its version; <code> the 8-symbol ticket code
 * (ticket/code.h); <tag> the first 10 bytes of HMAC-SHA-512-256 (libsodium
 * crypto_auth) over "KQ1:<code>" under the 32-byte station key, in RFC 4648
 * base32 without padding (16 symbols). 29 characters in all, every one in
 * the QR alphanumeric set, so it fits QR version 2 at error correction M
 * (the bar is version 4 / 62 bytes). docs/tickets.md has the details. */
#ifndef TICKET_PAYLOAD_H
#define TICKET_PAYLOAD_H

#include <stddef.h>

#include "code.h"

#define TICKET_KEY_BYTES 32
#define TICKET_PAYLOAD_LEN 29 /* without the NUL */
#define TICKET_PAYLOAD_PREFIX "KQ1:"

typedef struct ticket_key {
    unsigned char k[TICKET_KEY_BYTES];
} ticket_key_t;

/* Loads the station key from path, creating it (32 random bytes, mode 0600,
 * written and fsynced before use) when it does not exist. A key file of the
 * wrong size or readable by others is refused. Returns 0, or -1 with a
 * message in err (which never holds key material). */
int ticket_key_load(const char *path, int create, ticket_key_t *key, char *err, size_t errlen);

/* Wipes a key from memory. */
void ticket_key_wipe(ticket_key_t *key);

/* Writes the payload of a ticket code into out (TICKET_PAYLOAD_LEN + 1). */
void ticket_payload_make(const ticket_key_t *key, const char *code,
                         char out[TICKET_PAYLOAD_LEN + 1]);

/* Checks a scanned payload: 0 with the ticket code in code when genuine,
 * -1 when malformed, forged or altered. Trailing CR/LF (a scanner's Enter)
 * is tolerated; anything else is not. Constant time in the tag. */
int ticket_payload_verify(const ticket_key_t *key, const char *payload,
                          char code[KIOSK_TICKET_SIZE]);

/* 1 when text looks like a payload (the prefix), genuine or not: how the
 * kiosk tells a scan from typing. */
int ticket_payload_looks_like(const char *text);

#endif
