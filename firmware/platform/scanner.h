/* A barcode scanner in keyboard mode types its text, then Enter, on the same
 * keyboard device as everything else. This tells a scan from typing: text
 * that could be the start of a ticket payload (TICKET_PAYLOAD_PREFIX) is held
 * back until Enter; anything else is typing, passed on at once. A held start
 * shorter than the prefix ("K", "KQ": a ticket code's symbols too) is
 * typing after all when Enter comes, or when more text comes after
 * SCANNER_STALE_MS (a scanner types fast, a resident may not): passed on
 * then, in the order typed. A longer start left that long is noise and
 * dropped. Pure: the SDL loop feeds it keystrokes. */
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
 * screen's text input (a stale start first), 0 when the text is held (or
 * dropped as too long). */
int scanner_text(scanner_t *s, const char *text, uint64_t ms, char out[SCANNER_MAX]);

enum { SCANNER_NONE, SCANNER_SCAN, SCANNER_TYPED };

/* Enter. Returns SCANNER_SCAN with a scanned payload in out (to verify),
 * SCANNER_TYPED with typing that was held in out (to be typed before
 * Enter does its own), SCANNER_NONE when nothing was held or what was is
 * neither (dropped). Empties s either way. */
int scanner_enter(scanner_t *s, char out[SCANNER_MAX]);

#endif
