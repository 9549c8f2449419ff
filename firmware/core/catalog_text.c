/* Whether a line of a catalog file is text at all: the parser's first
 * check, on every line, before anything reads it as a key or a section. */
#include <stdio.h>
#include <string.h>

#include "catalog_int.h"

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

int catalog_text_check(const char *s, size_t n, char *msg, size_t msglen)
{
    if (memchr(s, '\0', n)) {
        snprintf(msg, msglen, "NUL byte in the line (is this a text file?)");
        return -1;
    }
    if (!utf8_valid((const unsigned char *)s, n)) {
        snprintf(msg, msglen, "invalid UTF-8 (save the file as UTF-8)");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            snprintf(msg, msglen,
                     "stray carriage return (save the file with LF or CRLF line endings)");
            return -1;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            snprintf(msg, msglen, "control character 0x%02X in the line", c);
            return -1;
        }
    }
    return 0;
}
