/* A barcode scanner in keyboard mode types its text, then Enter, on the same
 * keyboard device as everything else. This tells a scan from typing: text
 * that could be the start of a ticket payload (TICKET_PAYLOAD_PREFIX) is held
 * back until Enter; anything else is typing, passed on at once. A held start
 * older than SCANNER_STALE_MS when more text comes is noise and dropped (a
 * scanner types fast). Pure: the SDL loop feeds it keystrokes. */
#ifndef PLATFORM_SCANNER_H
#define PLATFORM_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#define SCANNER_MAX 128 /* bytes held, with the NUL; longer input is dropped */
#define SCANNER_STALE_MS 500

typedef struct scanner {
    char buf[SCANNER_MAX];
    size_t len;
    uint64_t last_ms;
} scanner_t;

/* Empties (and wipes) what is held. */
void scanner_clear(scanner_t *s);

/* Text typed at ms. Returns 1 with typing in out (SCANNER_MAX bytes) for the
 * screen's text input, 0 when the text is held (or dropped as too long). */
int scanner_text(scanner_t *s, const char *text, uint64_t ms, char out[SCANNER_MAX]);

/* Enter. Returns 1 with a scanned payload in out (to verify), 0 when
 * nothing that looks like a payload was held. Empties s either way. */
int scanner_enter(scanner_t *s, char out[SCANNER_MAX]);

#endif
