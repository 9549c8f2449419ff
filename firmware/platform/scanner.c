#include "scanner.h"

#include <string.h>

#include "../core/wipe.h"
#include "../ticket/payload.h"

void scanner_clear(scanner_t *s)
{
    wipe_bytes(s->buf, sizeof s->buf);
    s->len = 0;
}

int scanner_text(scanner_t *s, const char *text, uint64_t ms, char out[SCANNER_MAX])
{
    const char *prefix = TICKET_PAYLOAD_PREFIX;
    size_t n = strlen(text);
    if (s->len && ms - s->last_ms > SCANNER_STALE_MS)
        scanner_clear(s);
    if (s->len + n < sizeof s->buf) {
        memcpy(s->buf + s->len, text, n + 1);
        s->len += n;
    }
    s->last_ms = ms;
    size_t k = s->len < strlen(prefix) ? s->len : strlen(prefix);
    if (strncmp(s->buf, prefix, k) != 0) {
        memcpy(out, s->buf, s->len + 1);
        scanner_clear(s);
        return 1;
    }
    return 0;
}

int scanner_enter(scanner_t *s, char out[SCANNER_MAX])
{
    int got = s->len && ticket_payload_looks_like(s->buf);
    if (got)
        memcpy(out, s->buf, s->len + 1);
    scanner_clear(s);
    return got;
}
