/* The text normaliser and the phone-digit guard of the voice (speech.h). */
#include "speech.h"

#include <string.h>

#include "speech_int.h"

void speech_append(char *out, size_t n, const char *s, size_t len)
{
    if (!n)
        return;
    size_t have = strnlen(out, n - 1);
    if (len > n - 1 - have) {
        len = n - 1 - have;
        while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out + have, s, len);
    out[have + len] = '\0';
}

static void put(char *out, size_t n, const char *s)
{
    speech_append(out, n, s, strlen(s));
}

static const char *const zh_digit[10] = {"零", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};

/* ---- the guard -------------------------------------------------------------- */

/* The length of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const unsigned char *p)
{
    if (*p < 0x80)
        return 1;
    size_t k = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < k; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 1;
    return k;
}

/* 1 when the character at p (len bytes) is a digit as it may be spoken. */
static int is_digit_char(const char *p, size_t len)
{
    static const char *const extra[] = {"〇", "幺", "两", "０", "１", "２", "３",
                                        "４", "５", "６", "７", "８", "９"};
    if (len == 1)
        return *p >= '0' && *p <= '9';
    for (int i = 0; i < 10; i++)
        if (len == strlen(zh_digit[i]) && memcmp(p, zh_digit[i], len) == 0)
            return 1;
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (len == strlen(extra[i]) && memcmp(p, extra[i], len) == 0)
            return 1;
    return 0;
}

/* What may stand between the digits of one number: "138 1234-5678". */
static int is_digit_gap(const char *p, size_t len)
{
    return (len == 1 && (*p == ' ' || *p == '-' || *p == ',')) ||
           (len == 3 && (memcmp(p, "，", 3) == 0 || memcmp(p, "、", 3) == 0));
}

int speech_guard(char *text)
{
    size_t r = 0, w = 0, run_start = 0, run_end = 0;
    int digits = 0, removed = 0;
    for (;;) {
        size_t len = text[r] ? char_len((const unsigned char *)text + r) : 0;
        int digit = len && is_digit_char(text + r, len);
        int gap = len && !digit && digits && is_digit_gap(text + r, len);
        if (digit) {
            if (!digits)
                run_start = w;
            digits++;
        }
        if (!digit && !gap && digits) {
            /* The run ended: drop it when it is long enough to be a phone
             * number, keeping what followed its last digit. */
            if (digits > SPEECH_DIGIT_RUN_MAX) {
                memmove(text + run_start, text + run_end, w - run_end);
                w = run_start + (w - run_end);
                removed++;
            }
            digits = 0;
        }
        if (!len)
            break;
        memmove(text + w, text + r, len);
        r += len;
        w += len;
        if (digit)
            run_end = w;
    }
    text[w] = '\0';
    return removed;
}

/* ---- words ------------------------------------------------------------------ */

void speech_number(long v, int en, char *out, size_t n)
{
    char buf[24];
    if (en || v < 0 || v > 99999) {
        /* espeak-ng's English reads cardinals well. */
        int k = 0;
        unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
        char tmp[24];
        do
            tmp[k++] = (char)('0' + u % 10);
        while ((u /= 10) && k < 22);
        int j = 0;
        if (v < 0)
            buf[j++] = '-';
        while (k)
            buf[j++] = tmp[--k];
        buf[j] = '\0';
        put(out, n, buf);
        return;
    }
    if (v == 0) {
        put(out, n, zh_digit[0]);
        return;
    }
    static const char *const unit[5] = {"", "十", "百", "千", "万"};
    int d[5], top = 0;
    for (int i = 0; i < 5; i++) {
        d[i] = (int)(v % 10);
        v /= 10;
        if (d[i])
            top = i;
    }
    int zero_pending = 0;
    for (int i = top; i >= 0; i--) {
        if (!d[i]) {
            zero_pending = 1;
            continue;
        }
        if (zero_pending && i < top)
            put(out, n, zh_digit[0]);
        zero_pending = 0;
        /* 十二, not 一十二, at the head of a number. */
        if (!(i == 1 && d[i] == 1 && i == top))
            put(out, n, zh_digit[d[i]]);
        put(out, n, unit[i]);
    }
}

static const char *const en_month[12] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
static const char *const en_weekday[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
static const char *const zh_weekday[7] = {"星期一", "星期二", "星期三", "星期四",
                                          "星期五", "星期六", "星期日"};

void speech_date(dt_date_t d, int en, char *out, size_t n)
{
    int wd = dt_weekday(d);
    if (d.m < 1 || d.m > 12 || wd < 1 || wd > 7)
        return;
    if (en) {
        put(out, n, en_weekday[wd - 1]);
        put(out, n, " ");
        speech_number(d.d, 1, out, n);
        put(out, n, " ");
        put(out, n, en_month[d.m - 1]);
        return;
    }
    speech_number(d.m, 0, out, n);
    put(out, n, "月");
    speech_number(d.d, 0, out, n);
    put(out, n, "日 ");
    put(out, n, zh_weekday[wd - 1]);
}

void speech_time(int minutes, int en, char *out, size_t n)
{
    if (minutes < 0 || minutes >= 24 * 60)
        return;
    int h = minutes / 60, m = minutes % 60, h12 = h % 12 ? h % 12 : 12;
    if (en) {
        char buf[8];
        buf[0] = '\0';
        speech_number(h12, 1, buf, sizeof buf);
        put(out, n, buf);
        if (m) {
            const char mm[4] = {':', (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
            put(out, n, mm);
        }
        /* Words, not "a.m.": spoken naturally, and no full stop to clash
         * with the sentence's own. */
        put(out, n,
            h == 12 && !m ? " noon"
            : h < 12      ? " in the morning"
            : h < 18      ? " in the afternoon"
                          : " in the evening");
        return;
    }
    put(out, n, h < 6 ? "凌晨" : h < 12 ? "上午" : h < 13 ? "中午" : h < 18 ? "下午" : "晚上");
    if (h12 == 2)
        put(out, n, "两"); /* 两点, never 二点 */
    else
        speech_number(h12, 0, out, n);
    put(out, n, "点");
    if (m == 30) {
        put(out, n, "半");
    } else if (m) {
        if (m < 10)
            put(out, n, zh_digit[0]);
        speech_number(m, 0, out, n);
        put(out, n, "分");
    }
}

void speech_code(const char *code, int en, char *out, size_t n)
{
    int k = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        if (k)
            /* Two groups of four, as on the ticket: the full stop also
             * keeps a code from ever looking like a phone number. */
            put(out, n, k % 4 ? (en ? ", " : "，") : (en ? ". " : "。"));
        if (!en && *p >= '0' && *p <= '9')
            put(out, n, *p == '1' ? "幺" : zh_digit[*p - '0']);
        else
            speech_append(out, n, p, 1);
        k++;
    }
}

/* ---- the normaliser --------------------------------------------------------- */

/* Homophones that espeak-ng 1.51 (cmn-latn-pinyin) reads with the right
 * sound where the real word gets the wrong reading of a polyphone; each
 * checked with `espeak-ng -x` (tests/voice/espeak_facts.sh). */
static const struct {
    const char *word, *say;
} polyphones[] = {
    {"家长", "家涨"},                                                       /* zhang3, not chang2 */
    {"长辈", "涨辈"}, {"长者", "涨者"}, {"成长", "成涨"}, {"重新", "崇新"}, /* chong2 */
    {"重复", "崇复"}, {"银行", "银航"},                                     /* hang2 */
    {"音乐", "音悦"},                                                       /* yue4 */
};

static size_t digits_at(const char *p)
{
    size_t k = 0;
    while (p[k] >= '0' && p[k] <= '9')
        k++;
    return k;
}

static int num(const char *p, size_t len)
{
    int v = 0;
    for (size_t i = 0; i < len; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

int speech_prepare(const char *text, int en, char *out, size_t n)
{
    if (!n)
        return 0;
    out[0] = '\0';
    const char *p = text;
    while (*p) {
        size_t k = digits_at(p);
        if (k && (p == text || !(p[-1] >= '0' && p[-1] <= '9'))) {
            /* "09:30" or "9:30": a time of day. */
            if ((k == 1 || k == 2) && p[k] == ':' && digits_at(p + k + 1) == 2 && num(p, k) < 24 &&
                num(p + k + 1, 2) < 60) {
                speech_time(num(p, k) * 60 + num(p + k + 1, 2), en, out, n);
                p += k + 3;
                continue;
            }
            /* "2026-12-01": a date. */
            if (k == 4 && p[4] == '-' && digits_at(p + 5) == 2 && p[7] == '-' &&
                digits_at(p + 8) == 2) {
                dt_date_t d = {num(p, 4), num(p + 5, 2), num(p + 8, 2)};
                char iso[11];
                memcpy(iso, p, 10);
                iso[10] = '\0';
                if (dt_parse_date(iso, &d) == 0) {
                    speech_date(d, en, out, n);
                    p += 10;
                    continue;
                }
            }
            /* "2026年": a year is read digit by digit, 二零二六年. */
            if (!en && k == 4 && strncmp(p + 4, "年", 3) == 0) {
                for (size_t i = 0; i < 4; i++)
                    put(out, n, zh_digit[p[i] - '0']);
                p += 4;
                continue;
            }
            /* Other numbers as they are: espeak-ng reads cardinals well,
             * and the guard below takes the long runs. */
            speech_append(out, n, p, k);
            p += k;
            continue;
        }
        if (!en) {
            size_t i;
            for (i = 0; i < sizeof polyphones / sizeof polyphones[0]; i++) {
                size_t len = strlen(polyphones[i].word);
                if (strncmp(p, polyphones[i].word, len) == 0) {
                    put(out, n, polyphones[i].say);
                    p += len;
                    break;
                }
            }
            if (i < sizeof polyphones / sizeof polyphones[0])
                continue;
        }
        size_t len = char_len((const unsigned char *)p);
        /* Line breaks and the screen's bullets become pauses. */
        if (*p == '\n' || (len == 2 && memcmp(p, "·", 2) == 0))
            put(out, n, en ? ", " : "，");
        else
            speech_append(out, n, p, len);
        p += len;
    }
    return speech_guard(out);
}
