#include "scanner.h"

#include <string.h>

#include "../core/wipe.h"
#include "../ticket/payload.h"

void scanner_clear(scanner_t *s)
{
    wipe_bytes(s->buf, sizeof s->buf);
    s->len = 0;
}

/* Held text shorter than the payload's prefix ("K", "KQ": symbols of a
 * ticket code) may as well be typing; from the whole prefix on, a scan. */
static int held_is_typing(const scanner_t *s)
{
    return s->len && s->len < strlen(TICKET_PAYLOAD_PREFIX);
}

int scanner_text(scanner_t *s, const char *text, uint64_t ms, char out[SCANNER_MAX])
{
    const char *prefix = TICKET_PAYLOAD_PREFIX;
    size_t n = strlen(text), typed = 0;
    out[0] = '\0';
    if (s->len && ms - s->last_ms > SCANNER_STALE_MS) {
        /* Left that long: typing is passed on before the new text, a
         * scan's remains are dropped. */
        if (held_is_typing(s)) {
            typed = s->len;
            memcpy(out, s->buf, typed + 1);
        }
        scanner_clear(s);
    }
    if (s->len + n < sizeof s->buf - typed) {
        memcpy(s->buf + s->len, text, n + 1);
        s->len += n;
    }
    s->last_ms = ms;
    size_t k = s->len < strlen(prefix) ? s->len : strlen(prefix);
    if (strncmp(s->buf, prefix, k) != 0) {
        memcpy(out + typed, s->buf, s->len + 1);
        scanner_clear(s);
        return 1;
    }
    return typed > 0;
}

int scanner_enter(scanner_t *s, char out[SCANNER_MAX])
{
    int got = held_is_typing(s)                             ? SCANNER_TYPED
              : s->len && ticket_payload_looks_like(s->buf) ? SCANNER_SCAN
                                                            : SCANNER_NONE;
    if (got)
        memcpy(out, s->buf, s->len + 1);
    scanner_clear(s);
    return got;
}
