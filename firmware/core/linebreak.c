#include "linebreak.h"

#include <stdint.h>
#include <string.h>

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

/* Words a break never falls inside, whatever text they appear in: parts of
 * the names on every screen and slip (社/工站, 二维/码, 咨询/室 were seen
 * split). Names of one station (its name, categories, services, places)
 * come from the catalog through the caller's keep list. */
static const char *const builtin_words[] = {
    "社工站", "社工",   "二维码", "预约码", "我的预约", "预约",     "签到", "咨询室",
    "服务室", "活动室", "康养",   "街道",   "社区",     "长辈模式", "凭条",
};

typedef struct lb {
    const char *text;
    size_t len;
    int max_width;
    linebreak_measure_fn measure;
    void *ctx;
    const char *const *keep;
    int n_keep;
    int prefer;    /* prefer breaks after pause marks (off for the fallback pass) */
    int preferred; /* a preferred break was taken */
} lb_t;

/* Does an occurrence of word cover both sides of byte i? */
static int word_spans(const lb_t *b, const char *word, size_t i)
{
    size_t n = word ? strlen(word) : 0;
    if (n < 2)
        return 0;
    for (size_t s = i + 1 > n ? i + 1 - n : 0; s < i; s++)
        if (s + n <= b->len && memcmp(b->text + s, word, n) == 0)
            return 1;
    return 0;
}

/* Levels of words kept whole, tried in turn for a unit wider than the
 * line: the caller's names and the built-in words, the built-in words
 * only, none. */
enum { LB_WORDS_NONE, LB_WORDS_BUILTIN, LB_WORDS_ALL };

static int inside_word(const lb_t *b, size_t i, int level)
{
    if (level == LB_WORDS_NONE)
        return 0;
    for (size_t k = 0; k < sizeof builtin_words / sizeof builtin_words[0]; k++)
        if (word_spans(b, builtin_words[k], i))
            return 1;
    for (int k = 0; level == LB_WORDS_ALL && k < b->n_keep; k++)
        if (word_spans(b, b->keep[k], i))
            return 1;
    return 0;
}

/* Breaks after these make a calmer line than one cut in mid-phrase. */
static int is_pause(uint32_t cp)
{
    return cp == 0x3001 || cp == 0xFF0C || cp == 0xFF1B || cp == 0x3002 || cp == 0xFF1A ||
           cp == 0xFF01 || cp == 0xFF1F;
}

enum lb_term { LB_TERM_BREAK, LB_TERM_NEWLINE, LB_TERM_END };

typedef struct lb_unit {
    size_t end;  /* end of the content, before trailing spaces */
    size_t next; /* where the next unit starts: after the spaces or the newline */
    enum lb_term term;
    int pause; /* its last character is a pause mark (、，；。：！？) */
} lb_unit_t;

/* The smallest piece a line may hold: from cur to the next break
 * opportunity, with the spaces that precede that opportunity. Spaces at a
 * paragraph's start belong to its first unit (indentation is kept). No
 * opportunity inside a word kept at that level counts. */
static lb_unit_t scan_unit(const lb_t *b, size_t cur, int level)
{
    const char *text = b->text;
    lb_unit_t u;
    lb_char_t prev = {0, 0, LB_AL};
    int have_prev = 0, spaces = 0;
    uint32_t last = 0;
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
            if (brk && !inside_word(b, i, level)) {
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
        last = c.cp;
        i += c.len;
        end = i;
    }
    u.end = end;
    u.pause = is_pause(last);
    return u;
}

/* Is [i, end) one character, or a Latin word of at most three letters,
 * perhaps with closing marks and spaces after it ("约", "码。", "in.")?
 * Alone on a line it would be an orphan. */
static int lone_char(const char *text, size_t i, size_t end)
{
    if (i >= end)
        return 0;
    lb_char_t c = char_at(text, i);
    if (c.cls == LB_NL || c.cls == LB_SP)
        return 0;
    int latin = c.cls == LB_AL && c.cp < 0x80, letters = 1, in_word = 1;
    for (i += c.len; i < end; i += c.len) {
        c = char_at(text, i);
        if (c.cls == LB_CM)
            continue;
        if (c.cls == LB_SP || is_closing(c.cls)) {
            in_word = 0;
            continue;
        }
        if (latin && in_word && c.cls == LB_AL && c.cp < 0x80 && ++letters <= 3)
            continue;
        return 0;
    }
    return 1;
}

/* End of the paragraph that contains i: its newline or the text's end. */
static size_t paragraph_end(const char *text, size_t i)
{
    while (text[i] != '\0' && text[i] != '\n' && text[i] != '\r')
        i++;
    return i;
}

/* For a run wider than the line: the end of the longest prefix of
 * [start, end) that fits, at least one character so the caller always
 * advances. A closing mark is not left to start the next line if the
 * character before it can be carried down with it. */
static size_t fit_chars(const lb_t *b, size_t start, size_t end)
{
    const char *text = b->text;
    size_t before = start, p = start + char_at(text, start).len;
    while (p < end) {
        size_t q = p + char_at(text, p).len;
        if (b->measure(b->ctx, text + start, q - start) > b->max_width)
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

/* Greedy, with two corrections at a line that is full: when a pause mark
 * (、，；…) ends a unit in the last quarter of the line, the line ends
 * there; and when the rest of the paragraph is one character, the line's
 * last unit goes down with it. Each unit is measured once as the growing
 * prefix of its line (plus the few a correction measures again), so a
 * paragraph of n units costs about n + lines measure calls. Text "" and
 * every paragraph (even an empty one between two '\n') are one line each,
 * so a trailing '\n' adds an empty last line. */
static int run(lb_t *b, linebreak_line_t *lines, int max_lines)
{
    const char *text = b->text;
    int count = 0;
    size_t cur = 0;
    /* The rest of a name that had to break is broken at the same level. */
    size_t lower_until = 0;
    int lower_level = LB_WORDS_ALL;
    for (;;) {
        size_t line_start = cur, line_end = cur, prev_end = cur, prev_next = cur;
        size_t pause_end = 0, pause_next = 0;
        int units = 0, line_w = 0, pause_w = 0;
        for (;;) {
            int top = cur < lower_until ? lower_level : LB_WORDS_ALL;
            lb_unit_t u = scan_unit(b, cur, top);
            int w = units > 0 || u.end > line_start
                        ? b->measure(b->ctx, text + line_start, u.end - line_start)
                        : 0;
            /* A name wider than the line breaks as plain text, keeping the
             * built-in words whole if they fit. */
            for (int level = top - 1; units == 0 && w > b->max_width && level >= 0; level--) {
                lb_unit_t plain = scan_unit(b, cur, level);
                if (plain.end < u.end) {
                    if (u.end > lower_until)
                        lower_until = u.end;
                    lower_level = level;
                    u = plain;
                    w = b->measure(b->ctx, text + line_start, u.end - line_start);
                }
            }
            if (units == 0 && w > b->max_width) {
                size_t split = fit_chars(b, line_start, u.end);
                if (split < u.end) {
                    emit(lines, max_lines, &count, line_start, split);
                    cur = split;
                    break; /* the rest of the run starts a line of its own */
                }
            }
            if (units > 0 && w > b->max_width) {
                size_t end = line_end, next = cur;
                if (b->prefer && pause_w > 0 && pause_end != line_end &&
                    (line_w - pause_w) * 4 <= b->max_width) {
                    end = pause_end;
                    next = pause_next;
                    b->preferred = 1;
                } else if (units > 1 && lone_char(text, cur, paragraph_end(text, cur)) &&
                           !lone_char(text, line_start, prev_end) &&
                           b->measure(b->ctx, text + prev_next,
                                      paragraph_end(text, cur) - prev_next) <= b->max_width) {
                    /* The orphan takes the line's last unit down with it,
                     * unless that would leave a lone character here. */
                    end = prev_end;
                    next = prev_next;
                }
                emit(lines, max_lines, &count, line_start, end);
                cur = next;
                break;
            }
            prev_end = line_end;
            prev_next = cur;
            line_end = u.end;
            line_w = w;
            units++;
            cur = u.next;
            if (u.term == LB_TERM_BREAK) {
                if (u.pause) {
                    pause_end = u.end;
                    pause_next = u.next;
                    pause_w = w;
                }
                continue;
            }
            emit(lines, max_lines, &count, line_start, line_end);
            if (u.term == LB_TERM_END)
                return count;
            break; /* a new paragraph */
        }
    }
}

int linebreak_lines_keep(const char *text, int max_width, linebreak_measure_fn measure, void *ctx,
                         const char *const *keep, int n_keep, linebreak_line_t *lines,
                         int max_lines)
{
    if (!text || !measure)
        return 0;
    if (!lines || max_lines < 0)
        max_lines = 0;
    lb_t b = {text, strlen(text), max_width, measure, ctx, keep, n_keep > 0 ? n_keep : 0, 1, 0};
    int n = run(&b, lines, max_lines);
    if (!b.preferred)
        return n;
    /* A preferred break must not cost a line (a title cut with "…"). */
    b.prefer = 0;
    if (run(&b, NULL, 0) >= n)
        return n;
    return run(&b, lines, max_lines);
}

int linebreak_lines(const char *text, int max_width, linebreak_measure_fn measure, void *ctx,
                    linebreak_line_t *lines, int max_lines)
{
    return linebreak_lines_keep(text, max_width, measure, ctx, NULL, 0, lines, max_lines);
}
