#include <stdlib.h>

#include "../../firmware/core/linebreak.h"
#include "../unit/test.h"

/* A fake font: CJK and full-width forms are 2 units wide, everything else
 * (ASCII, invalid bytes) 1 unit, like a monospaced terminal. */
static unsigned long measure_calls;

static int fake_measure(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    measure_calls++;
    int w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
        if (len > n - i)
            len = 1;
        for (size_t k = 1; k < len; k++)
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                len = 1;
        w += len >= 3 ? 2 : 1;
        i += len;
    }
    return w;
}

#define MAXL 64

/* Breaks text and joins the lines with '|' into out, for compact checks. */
static int wrap(const char *text, int width, char *out, size_t outlen)
{
    linebreak_line_t lines[MAXL];
    int n = linebreak_lines(text, width, fake_measure, NULL, lines, MAXL);
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n && i < MAXL; i++) {
        if (i > 0 && o + 1 < outlen)
            out[o++] = '|';
        for (size_t k = 0; k < lines[i].len && o + 1 < outlen; k++)
            out[o++] = text[lines[i].start + k];
        out[o] = '\0';
    }
    return n;
}

static void pure_chinese_wraps_at_width(void)
{
    char out[256];
    CHECK_INT(wrap("一二三四五六七八九十", 8, out, sizeof out), 3);
    CHECK_STR(out, "一二三四|五六七八|九十");
    CHECK_INT(wrap("一二三四五六七八九十", 9, out, sizeof out), 3);
    CHECK_STR(out, "一二三四|五六七八|九十");
    CHECK_INT(wrap("一二三四", 8, out, sizeof out), 1);
    CHECK_STR(out, "一二三四");
}

static void closing_punctuation_never_starts_a_line(void)
{
    char out[256];
    /* "一二三" fills the line; "。" may not start the next, so "三" comes down. */
    CHECK_INT(wrap("一二三。四五", 6, out, sizeof out), 3);
    CHECK_STR(out, "一二|三。四|五");
    CHECK_INT(wrap("一二三，四五六", 6, out, sizeof out), 3);
    CHECK_STR(out, "一二|三，四|五六");
    /* A run of closers travels with the character before it. */
    CHECK_INT(wrap("一二三」。四", 6, out, sizeof out), 3);
    CHECK_STR(out, "一二|三」。|四");
    CHECK_INT(wrap("一二三……四", 6, out, sizeof out), 3);
    CHECK_STR(out, "一二|三……|四");
    /* ASCII closers too. */
    CHECK_INT(wrap("Hello, world. Bye!", 6, out, sizeof out), 3);
    CHECK_STR(out, "Hello,|world.|Bye!");
}

static void opening_punctuation_never_ends_a_line(void)
{
    char out[256];
    CHECK_INT(wrap("一二（三四）", 6, out, sizeof out), 3);
    CHECK_STR(out, "一二|（三|四）");
    CHECK_INT(wrap("请看《东山小学堂》", 7, out, sizeof out), 4);
    CHECK_STR(out, "请看|《东山|小学|堂》");
    CHECK_INT(wrap("ab (cd)", 4, out, sizeof out), 2);
    CHECK_STR(out, "ab|(cd)");
}

static void latin_words_stay_whole(void)
{
    char out[256];
    /* "foo" alone would be an orphan: "world" goes down with it. */
    CHECK_INT(wrap("hello world foo", 11, out, sizeof out), 2);
    CHECK_STR(out, "hello|world foo");
    CHECK_INT(wrap("hello world food", 11, out, sizeof out), 2);
    CHECK_STR(out, "hello world|food");
    CHECK_INT(wrap("hello world foo", 8, out, sizeof out), 3);
    CHECK_STR(out, "hello|world|foo");
    /* Numbers with separators are one word. */
    CHECK_INT(wrap("pay 1,000.50 now", 10, out, sizeof out), 3);
    CHECK_STR(out, "pay|1,000.50|now");
    CHECK_INT(wrap("self-service", 7, out, sizeof out), 2);
    CHECK_STR(out, "self-|service");
    CHECK_INT(wrap("138-0000-0000", 20, out, sizeof out), 1);
}

static void spaces_at_a_break_are_dropped(void)
{
    linebreak_line_t l[4];
    CHECK_INT(linebreak_lines("ab   cd  ", 3, fake_measure, NULL, l, 4), 2);
    CHECK_INT(l[0].start, 0);
    CHECK_INT(l[0].len, 2);
    CHECK_INT(l[1].start, 5);
    CHECK_INT(l[1].len, 2);
    /* Spaces that open a paragraph are indentation and stay. */
    char out[64];
    CHECK_INT(wrap("  ab", 10, out, sizeof out), 1);
    CHECK_STR(out, "  ab");
}

static void long_word_is_split_by_character(void)
{
    char out[256];
    CHECK_INT(wrap("abcdefghij", 4, out, sizeof out), 3);
    CHECK_STR(out, "abcd|efgh|ij");
    CHECK_INT(wrap("ab abcdefghij x", 4, out, sizeof out), 4);
    CHECK_STR(out, "ab|abcd|efgh|ij x");
    /* A split does not hand a closing mark to the next line. */
    CHECK_INT(wrap("abcd.", 4, out, sizeof out), 2);
    CHECK_STR(out, "abc|d.");
    /* Narrower than a single character: one character a line, no loop. */
    CHECK_INT(wrap("一二", 1, out, sizeof out), 2);
    CHECK_STR(out, "一|二");
    CHECK_INT(wrap("ab", 0, out, sizeof out), 2);
}

static void newline_forces_a_break(void)
{
    char out[256];
    CHECK_INT(wrap("一\n二", 40, out, sizeof out), 2);
    CHECK_STR(out, "一|二");
    CHECK_INT(wrap("一\n\n二", 40, out, sizeof out), 3);
    CHECK_STR(out, "一||二");
    CHECK_INT(wrap("一\n", 40, out, sizeof out), 2);
    CHECK_STR(out, "一|");
    CHECK_INT(wrap("a \r\nb", 40, out, sizeof out), 2);
    CHECK_STR(out, "a|b");
    CHECK_INT(wrap("一二三四五\n六", 4, out, sizeof out), 4);
    CHECK_STR(out, "一二|三四|五|六");
}

static void mixed_chinese_and_latin(void)
{
    char out[256];
    CHECK_INT(wrap("请在2024年10月1日前预约Service Center", 10, out, sizeof out), 5);
    CHECK_STR(out, "请在2024年|10月1日前|预约|Service|Center");
    CHECK_INT(wrap("拨打12345热线", 6, out, sizeof out), 3);
    CHECK_STR(out, "拨打|12345|热线");
    /* 30℃ and 50％ stay with their number. */
    CHECK_INT(wrap("气温30℃", 4, out, sizeof out), 2);
    CHECK_STR(out, "气温|30℃");
}

static void empty_text_is_one_empty_line(void)
{
    linebreak_line_t l[2] = {{99, 99}, {99, 99}};
    CHECK_INT(linebreak_lines("", 10, fake_measure, NULL, l, 2), 1);
    CHECK_INT(l[0].start, 0);
    CHECK_INT(l[0].len, 0);
    CHECK_INT(linebreak_lines("   ", 10, fake_measure, NULL, l, 2), 1);
    CHECK_INT(l[0].len, 0);
    CHECK_INT(linebreak_lines(NULL, 10, fake_measure, NULL, l, 2), 0);
    CHECK_INT(linebreak_lines("abc", 10, NULL, NULL, l, 2), 0);
}

/* Every line is a range inside the text, in order, without overlap. */
static int lines_are_sane(const char *text, size_t len, const linebreak_line_t *l, int n)
{
    size_t prev_end = 0;
    for (int i = 0; i < n; i++) {
        if (l[i].start < prev_end || l[i].start + l[i].len > len)
            return 0;
        prev_end = l[i].start + l[i].len;
    }
    (void)text;
    return 1;
}

static void invalid_utf8_does_not_crash(void)
{
    static const char *const bad[] = {
        "\xff\xfe\xfd",
        "ab\xe4\xb8",        /* truncated at the end */
        "\xe4",              /* lone lead byte */
        "\x80\x80\x80 \xbf", /* lone continuation bytes */
        "\xc0\xaf overlong", /* overlong "/" */
        "\xed\xa0\x80 surrogate",
        "\xf4\x90\x80\x80 too big",
        "中\xe4\xb8文\xf0\x9f",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        size_t len = strlen(bad[k]);
        /* An exact-size heap copy, so the sanitizer sees any read past the NUL. */
        char *s = malloc(len + 1);
        CHECK(s != NULL);
        if (!s)
            return;
        memcpy(s, bad[k], len + 1);
        for (int w = 0; w <= 6; w++) {
            linebreak_line_t l[MAXL];
            int n = linebreak_lines(s, w, fake_measure, NULL, l, MAXL);
            CHECK(n >= 1 && n <= MAXL);
            CHECK(lines_are_sane(s, len, l, n));
        }
        free(s);
    }
    /* Each invalid byte counts as one character. */
    char out[64];
    CHECK_INT(wrap("\xff\xfe\xfd\xfc", 2, out, sizeof out), 2);
}

static void max_lines_smaller_than_needed_returns_the_full_count(void)
{
    linebreak_line_t l[3];
    l[2].start = 1234;
    l[2].len = 5678;
    CHECK_INT(linebreak_lines("一二三四五六七八九十", 4, fake_measure, NULL, l, 2), 5);
    CHECK_INT(l[0].start, 0);
    CHECK_INT(l[0].len, 6);
    CHECK_INT(l[1].start, 6);
    CHECK_INT(l[1].len, 6);
    CHECK_INT(l[2].start, 1234); /* untouched */
    CHECK_INT(l[2].len, 5678);
    /* Counting only. */
    CHECK_INT(linebreak_lines("一二三四五六七八九十", 4, fake_measure, NULL, NULL, 0), 5);
}

static const char *const closers[] = {"，", "。", "、", "；", "：", "？", "！", "）",
                                      "」", "』", "》", "〉", "】", "〕", "…",  "”",
                                      "’",  ",",  ".",  ";",  ":",  "!",  "?"};
static const char *const openers[] = {"（", "「", "『", "《", "〈", "【", "〔", "“", "‘", "(", "["};

static int starts_with_any(const char *s, size_t n, const char *const *set, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(set[i]);
        if (k <= n && memcmp(s, set[i], k) == 0)
            return 1;
    }
    return 0;
}

static int ends_with_any(const char *s, size_t n, const char *const *set, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(set[i]);
        if (k <= n && memcmp(s + n - k, set[i], k) == 0)
            return 1;
    }
    return 0;
}

/* The real service text at every width: kinsoku holds and lines fit. */
static void service_text_obeys_kinsoku_at_every_width(void)
{
    const char *text = "社工站联合志愿服务队打造的“东山小学堂”，开设节气美育、朝有趣、小小主播、"
                       "小小宣传员、四季欢乐节五大课堂，面向辖区困境儿童全面开放。（每次约60分钟）"
                       "咨询电话：0411-8888 6666，Email: help@example.cn！";
    size_t len = strlen(text);
    for (int w = 6; w <= 60; w++) {
        linebreak_line_t l[MAXL];
        int n = linebreak_lines(text, w, fake_measure, NULL, l, MAXL);
        CHECK(n >= 1 && n <= MAXL);
        CHECK(lines_are_sane(text, len, l, n));
        size_t covered = 0;
        for (int i = 0; i < n && i < MAXL; i++) {
            const char *s = text + l[i].start;
            CHECK(fake_measure(NULL, s, l[i].len) <= w);
            CHECK(l[i].len > 0);
            if (i > 0 && starts_with_any(s, l[i].len, closers, sizeof closers / sizeof *closers))
                fprintf(stderr, "width %d line %d starts with a closer\n", w, i);
            CHECK(i == 0 ||
                  !starts_with_any(s, l[i].len, closers, sizeof closers / sizeof *closers));
            CHECK(!ends_with_any(s, l[i].len, openers, sizeof openers / sizeof *openers));
            covered += l[i].len;
        }
        /* Only break spaces are dropped: "8888 6666" and "Email: help" lose at most 2. */
        CHECK(covered + 2 >= len);
    }
}

static void measuring_is_linear_in_practice(void)
{
    char text[3 * 400 + 1];
    for (int i = 0; i < 400; i++)
        memcpy(text + 3 * i, i % 20 == 19 ? "。" : "字", 3);
    text[3 * 400] = '\0';
    measure_calls = 0;
    int n = linebreak_lines(text, 40, fake_measure, NULL, NULL, 0);
    CHECK(n >= 20 && n <= 22);
    /* One call per unit plus one or two per line, never one per pair. */
    CHECK(measure_calls < 400 + 2 * (unsigned long)n + 2);
}

/* wrap() with names that must not be split. */
static int wrap_keep(const char *text, int width, const char *const *keep, int n_keep, char *out,
                     size_t outlen)
{
    linebreak_line_t lines[MAXL];
    int n = linebreak_lines_keep(text, width, fake_measure, NULL, keep, n_keep, lines, MAXL);
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n && i < MAXL; i++) {
        if (i > 0 && o + 1 < outlen)
            out[o++] = '|';
        for (size_t k = 0; k < lines[i].len && o + 1 < outlen; k++)
            out[o++] = text[lines[i].start + k];
        out[o] = '\0';
    }
    return n;
}

/* Issue 15 item 11: 预/约, 二维/码, 咨询/室 were seen alone on a slip's
 * last line. The line before gives up its last unit instead. */
static void a_lone_last_character_is_refused(void)
{
    char out[256];
    CHECK_INT(wrap("一二三四五六七八", 14, out, sizeof out), 2);
    CHECK_STR(out, "一二三四五六|七八");
    /* With closing marks after it, it is still one character. */
    CHECK_INT(wrap("一二三四五六七八。", 14, out, sizeof out), 2);
    CHECK_STR(out, "一二三四五六|七八。");
    /* Per paragraph: the first one's last line is fixed too. */
    CHECK_INT(wrap("一二三四五六七八\n九十", 14, out, sizeof out), 3);
    CHECK_STR(out, "一二三四五六|七八|九十");
    /* A short Latin word is an orphan as well ("check|in"). */
    CHECK_INT(wrap("scan it to check in", 16, out, sizeof out), 2);
    CHECK_STR(out, "scan it to|check in");
    /* Never at the price of a lone character on the line before. */
    CHECK_INT(wrap("一二三四五", 4, out, sizeof out), 3);
    CHECK_STR(out, "一二|三四|五");
    /* The slip's hint: greedy left "到" alone. */
    CHECK_INT(wrap("请按时到站，出示预约码或扫码签到", 30, out, sizeof out), 2);
    CHECK_STR(out, "请按时到站，出示预约码或扫码|签到");
}

static void breaks_prefer_pause_marks(void)
{
    char out[256];
    /* Greedy would give "一二三四五，六七|八九十": the line ends at "，". */
    CHECK_INT(wrap("一二三四五，六七八九十", 16, out, sizeof out), 2);
    CHECK_STR(out, "一二三四五，|六七八九十");
    CHECK_INT(wrap("一二三四五、六七八九十", 16, out, sizeof out), 2);
    CHECK_STR(out, "一二三四五、|六七八九十");
    CHECK_INT(wrap("一二三四五；六七八九十", 16, out, sizeof out), 2);
    CHECK_STR(out, "一二三四五；|六七八九十");
    /* Only in the line's last quarter: a long tail is left where it is. */
    CHECK_INT(wrap("一二，三四五六七八九十一二三", 16, out, sizeof out), 2);
    CHECK_STR(out, "一二，三四五六七|八九十一二三");
    /* Never at the price of a line (a two-line title would lose its end). */
    CHECK_INT(wrap("一二三四五六，七八九十一二三四五", 16, out, sizeof out), 2);
    CHECK_STR(out, "一二三四五六，七|八九十一二三四五");
}

static void names_are_never_split(void)
{
    char out[256];
    const char *const place[] = {"二楼康养咨询室"};
    /* Built-in words: the station name broke as 社/工站, the QR as 二维/码. */
    CHECK_INT(wrap("金普新区先进街道社工站", 20, out, sizeof out), 2);
    CHECK_STR(out, "金普新区先进街道|社工站");
    CHECK_INT(wrap("签到时请出示此二维码", 16, out, sizeof out), 2);
    CHECK_STR(out, "签到时请出示此|二维码");
    CHECK_INT(wrap("请到二楼康养咨询室", 14, out, sizeof out), 2);
    CHECK_STR(out, "请到二楼康养|咨询室");
    /* The slip named the 我的预约 button as “我的|预约”. */
    CHECK_INT(wrap("如需取消，请在“我的预约”中操作。", 16, out, sizeof out), 3);
    CHECK_STR(out, "如需取消，|请在“我的预约”|中操作。");
    /* A name from the catalog stays on one line when it fits one... */
    CHECK_INT(wrap_keep("请到二楼康养咨询室", 14, place, 1, out, sizeof out), 2);
    CHECK_STR(out, "请到|二楼康养咨询室");
    CHECK_INT(wrap_keep("地点：社工站二楼康养咨询室，请准时", 20, place, 1, out, sizeof out), 3);
    CHECK_STR(out, "地点：社工站|二楼康养咨询室，|请准时");
    /* ...and breaks as plain text, its built-in words whole, when it does not. */
    CHECK_INT(wrap_keep("请到二楼康养咨询室", 8, place, 1, out, sizeof out), 3);
    CHECK_STR(out, "请到|二楼康养|咨询室");
    /* English names stay together too. */
    const char *const en[] = {"Health & Care Consultation"};
    CHECK_INT(wrap_keep("Book Health & Care Consultation now", 30, en, 1, out, sizeof out), 2);
    CHECK_STR(out, "Book|Health & Care Consultation now");
    /* Empty or NULL names change nothing. */
    const char *const odd[] = {"", NULL, "x"};
    CHECK_INT(wrap_keep("一二三四五六七八九十", 8, odd, 3, out, sizeof out), 3);
    CHECK_STR(out, "一二三四|五六七八|九十");
}

/* The rules together, at every width, on the demo's texts: kinsoku, fit,
 * no orphan where one could be avoided, names whole where they fit. */
static void resident_texts_at_every_width(void)
{
    static const char *const texts[] = {
        "家里老人身体不好、照护跟不上，不知道该找哪里？社工听您说说情况，帮您梳理居家照护、"
        "康复护理和养老机构等不同办法，再帮您对接合适的资源。一次一户，慢慢说，不着急。",
        "请按时到站，出示预约码或扫码签到。如需取消，请在“我的预约”中操作。",
        "金普新区先进街道社工站二楼康养咨询室（电梯出来右转第二间）",
        "身份证；有的话带上近期病历、体检报告、正在吃的药的清单",
        "An older relative's health is failing and care at home falls short? A social worker "
        "hears you out, goes through home care, rehabilitation and care homes with you.",
    };
    /* Names that do not overlap: two overlapping names that do not fit a
     * line together cannot both stay whole. */
    const char *const names[] = {"金普新区先进街道社工站", "二楼康养咨询室", "有的话"};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *text = texts[t];
        for (int w = 12; w <= 60; w++) {
            linebreak_line_t l[MAXL];
            int n = linebreak_lines_keep(text, w, fake_measure, NULL, names, 3, l, MAXL);
            CHECK(n >= 1 && n <= MAXL);
            CHECK(lines_are_sane(text, strlen(text), l, n));
            for (int i = 0; i < n && i < MAXL; i++) {
                const char *s = text + l[i].start;
                size_t len = l[i].len;
                CHECK(i == 0 ||
                      !starts_with_any(s, len, closers, sizeof closers / sizeof *closers));
                CHECK(!ends_with_any(s, len, openers, sizeof openers / sizeof *openers));
                /* No name that fits a line is cut by this line's end. */
                for (size_t k = 0; k < 3; k++) {
                    size_t nl = strlen(names[k]);
                    if (fake_measure(NULL, names[k], nl) > w)
                        continue;
                    for (size_t p = (l[i].start + len + 1 > nl ? l[i].start + len + 1 - nl : 0);
                         p < l[i].start + len && i + 1 < n; p++)
                        CHECK(strncmp(text + p, names[k], nl) != 0);
                }
            }
            /* The last line is never one character (nor a word of up to
             * three letters) once a line holds eight. */
            if (n >= 2 && w >= 16) {
                const char *s = text + l[n - 1].start;
                size_t len = l[n - 1].len;
                int chars = 0;
                for (size_t k = 0; k < len; k++)
                    chars +=
                        ((unsigned char)s[k] & 0xC0) != 0x80 && s[k] != ' ' &&
                        !starts_with_any(s + k, len - k, closers, sizeof closers / sizeof *closers);
                if (chars < 2)
                    fprintf(stderr, "text %zu width %d: orphan \"%.*s\"\n", t, w, (int)len, s);
                CHECK(chars >= 2);
                if (s[0] >= 'a' && s[0] <= 'z')
                    CHECK(len > 3 || strchr(s, ' ') != NULL);
            }
        }
    }
}

int main(void)
{
    RUN(pure_chinese_wraps_at_width);
    RUN(closing_punctuation_never_starts_a_line);
    RUN(opening_punctuation_never_ends_a_line);
    RUN(latin_words_stay_whole);
    RUN(spaces_at_a_break_are_dropped);
    RUN(long_word_is_split_by_character);
    RUN(newline_forces_a_break);
    RUN(mixed_chinese_and_latin);
    RUN(empty_text_is_one_empty_line);
    RUN(invalid_utf8_does_not_crash);
    RUN(max_lines_smaller_than_needed_returns_the_full_count);
    RUN(service_text_obeys_kinsoku_at_every_width);
    RUN(measuring_is_linear_in_practice);
    RUN(a_lone_last_character_is_refused);
    RUN(breaks_prefer_pause_marks);
    RUN(names_are_never_split);
    RUN(resident_texts_at_every_width);
    TEST_EXIT();
}
