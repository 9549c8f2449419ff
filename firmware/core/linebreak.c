#include "linebreak.h"

#include <stdint.h>

/* Break classes, a small subset of UAX #14 that is enough for Chinese with
 * some Latin: wide classes come from CJK text and break on both sides,
 * narrow ones are ASCII and keep Latin words and numbers such as "3.5" or
 * "1,000" whole. */
enum lb_class {
    LB_AL,  /* letters, digits, anything unknown: no break inside a run */
    LB_ID,  /* CJK ideographs, kana, hangul, full-width forms, emoji */
    LB_OPW, /* wide opening punctuation: （「『《 … */
    LB_OPN, /* ASCII ( [ { */
    LB_CLW, /* wide closing punctuation: ，。、）」 … */
    LB_CLN, /* ASCII , . ; : ! ? ) ] } */
    LB_CM,  /* combining marks, variation selectors, ZWJ: glued to the previous char */
    LB_SP,  /* space, tab, zero-width space: a break after them, dropped at a break */
    LB_NL   /* '\n', '\r', "\r\n" */
};

typedef struct lb_char {
    uint32_t cp;
    size_t len; /* bytes */
    enum lb_class cls;
} lb_char_t;

/* Invalid or truncated sequences become one U+FFFD per byte. The string is
 * NUL-terminated and NUL is never a continuation byte, so checking each
 * continuation byte before using it cannot read past the end. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    unsigned c = s[0];
    uint32_t v, min;
    size_t n;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t k = 1; k <= n; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n + 1;
}

static int in_list(uint32_t cp, const uint16_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == cp)
            return 1;
    return 0;
}

/* Chinese typesetting rules (GB/T 15834 kinsoku): these never start a line.
 * ℃ and ％ follow a number the way closing punctuation follows a word. */
static const uint16_t closing_wide[] = {
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
    0x300B, 0x3009, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0xFF3D, 0xFF5D,
    0xFF60, 0xFF61, 0xFF63, 0xFF64, 0x2026, 0x2025, 0x201D, 0x2019, 0xFF05, 0x2030, 0x2103};
/* ... and these never end one (￥ stays with its amount). */
static const uint16_t opening_wide[] = {0xFF08, 0x300C, 0x300E, 0x300A, 0x3008, 0x3010,
                                        0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF3B,
                                        0xFF5B, 0xFF5F, 0xFF62, 0x201C, 0x2018, 0xFFE5};

static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x2E80 && cp <= 0x33FF) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD) || cp == 0x2014 ||
           cp == 0x2015;
}

static int is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200D || cp == 0x20E3 ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

static enum lb_class classify(uint32_t cp)
{
    switch (cp) {
    case '\n':
    case '\r':
        return LB_NL;
    case ' ':
    case '\t':
    case 0x200B:
        return LB_SP;
    case ',':
    case '.':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
        return LB_CLN;
    case '(':
    case '[':
    case '{':
        return LB_OPN;
    default:
        break;
    }
    if (cp < 0x80)
        return LB_AL;
    if (cp <= 0xFFFF && in_list(cp, closing_wide, sizeof closing_wide / sizeof closing_wide[0]))
        return LB_CLW;
    if (cp <= 0xFFFF && in_list(cp, opening_wide, sizeof opening_wide / sizeof opening_wide[0]))
        return LB_OPW;
    if (is_combining(cp))
        return LB_CM;
    return is_wide(cp) ? LB_ID : LB_AL;
}

static lb_char_t char_at(const char *text, size_t i)
{
    lb_char_t c;
    c.len = utf8_decode((const unsigned char *)text + i, &c.cp);
    c.cls = classify(c.cp);
    if (c.cp == '\r' && text[i + 1] == '\n')
        c.len = 2;
    return c;
}

static int is_closing(enum lb_class c)
{
    return c == LB_CLW || c == LB_CLN;
}

static int is_opening(enum lb_class c)
{
    return c == LB_OPW || c == LB_OPN;
}

/* May a line break fall between a and b, two non-space characters? */
static int can_break(const lb_char_t *a, const lb_char_t *b)
{
    if (is_closing(b->cls) || is_opening(a->cls) || b->cls == LB_CM)
        return 0;
    /* "——" is one mark and must not be split over two lines. */
    if ((a->cp == 0x2014 || a->cp == 0x2015) && a->cp == b->cp)
        return 0;
    if (a->cls == LB_ID || a->cls == LB_CLW || b->cls == LB_ID || b->cls == LB_OPW)
        return 1;
    /* "self-service": after a hyphen before a letter, never inside "138-0000". */
    return a->cp == '-' && ((b->cp | 0x20) >= 'a' && (b->cp | 0x20) <= 'z');
}

enum lb_term { LB_TERM_BREAK, LB_TERM_NEWLINE, LB_TERM_END };

typedef struct lb_unit {
    size_t end;  /* end of the content, before trailing spaces */
    size_t next; /* where the next unit starts: after the spaces or the newline */
    enum lb_term term;
} lb_unit_t;

/* The smallest piece a line may hold: from cur to the next break
 * opportunity, with the spaces that precede that opportunity. Spaces at a
 * paragraph's start belong to its first unit (indentation is kept). */
static lb_unit_t scan_unit(const char *text, size_t cur)
{
    lb_unit_t u;
    lb_char_t prev = {0, 0, LB_AL};
    int have_prev = 0, spaces = 0;
    size_t i = cur, end = cur;
    for (;;) {
        if (text[i] == '\0') {
            u.term = LB_TERM_END;
            u.next = i;
            break;
        }
        lb_char_t c = char_at(text, i);
        if (c.cls == LB_NL) {
            u.term = LB_TERM_NEWLINE;
            u.next = i + c.len;
            break;
        }
        if (c.cls == LB_SP) {
            spaces = 1;
            i += c.len;
            continue;
        }
        if (have_prev) {
            int brk = spaces ? !is_opening(prev.cls) && !is_closing(c.cls) && c.cls != LB_CM
                             : can_break(&prev, &c);
            if (brk) {
                u.term = LB_TERM_BREAK;
                u.next = i;
                break;
            }
        }
        /* A combining mark takes the class of its base for the next pair,
         * except ZWJ, which glues the emoji after it. */
        if (c.cls != LB_CM || !have_prev)
            prev = c;
        else if (c.cp == 0x200D)
            prev.cls = LB_OPN;
        have_prev = 1;
        spaces = 0;
        i += c.len;
        end = i;
    }
    u.end = end;
    return u;
}

/* For a run wider than the line: the end of the longest prefix of
 * [start, end) that fits, at least one character so the caller always
 * advances. A closing mark is not left to start the next line if the
 * character before it can be carried down with it. */
static size_t fit_chars(const char *text, size_t start, size_t end, int max_width,
                        linebreak_measure_fn measure, void *ctx)
{
    size_t before = start, p = start + char_at(text, start).len;
    while (p < end) {
        size_t q = p + char_at(text, p).len;
        if (measure(ctx, text + start, q - start) > max_width)
            break;
        before = p;
        p = q;
    }
    if (p < end && before > start && is_closing(char_at(text, p).cls))
        p = before;
    return p;
}

static void emit(linebreak_line_t *lines, int max_lines, int *count, size_t start, size_t end)
{
    if (*count < max_lines) {
        lines[*count].start = start;
        lines[*count].len = end - start;
    }
    (*count)++;
}

/* Greedy: each unit is measured once as the growing prefix of its line, so
 * a paragraph of n units costs about n + lines measure calls, each over one
 * line's bytes. Text "" and every paragraph (even an empty one between two
 * '\n') are one line each, so a trailing '\n' adds an empty last line. */
int linebreak_lines(const char *text, int max_width, linebreak_measure_fn measure, void *ctx,
                    linebreak_line_t *lines, int max_lines)
{
    if (!text || !measure)
        return 0;
    if (!lines || max_lines < 0)
        max_lines = 0;
    int count = 0;
    size_t cur = 0, line_start = 0, line_end = 0;
    int units = 0; /* units on the current line */
    for (;;) {
        lb_unit_t u = scan_unit(text, cur);
        if (units > 0 && measure(ctx, text + line_start, u.end - line_start) > max_width) {
            emit(lines, max_lines, &count, line_start, line_end);
            line_start = cur;
            units = 0;
        }
        if (units == 0 && u.end > line_start &&
            measure(ctx, text + line_start, u.end - line_start) > max_width) {
            size_t split = fit_chars(text, line_start, u.end, max_width, measure, ctx);
            if (split < u.end) {
                emit(lines, max_lines, &count, line_start, split);
                line_start = cur = split;
                continue; /* the rest of the run is a unit of its own */
            }
        }
        line_end = u.end;
        units++;
        cur = u.next;
        if (u.term == LB_TERM_BREAK)
            continue;
        emit(lines, max_lines, &count, line_start, line_end);
        if (u.term == LB_TERM_END)
            return count;
        line_start = line_end = cur;
        units = 0;
    }
}
