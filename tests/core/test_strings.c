/* core/strings: every text has both languages (the staff screens too), and
 * str_format fills its holes and cuts like snprintf without printf. */
#include "../../firmware/core/strings.h"

#include <ctype.h>

#include "../unit/test.h"

static void every_text_has_chinese_and_english(void)
{
    for (int id = 0; id < STR_COUNT; id++) {
        const char *zh = str_get((str_id_t)id, 0), *en = str_get((str_id_t)id, 1);
        if (!zh[0] || !en[0])
            fprintf(stderr, "string %d: zh \"%s\", en \"%s\"\n", id, zh, en);
        CHECK(zh[0] && en[0]);
    }
}

static void format_fills_holes_in_any_order(void)
{
    char out[160], m[24], d[24];
    const char *args[] = {str_num(m, 12), str_num(d, 2), "09:05"};
    str_format(STR_STAFF_LOCKED_DAY, 0, out, sizeof out, args, 3);
    CHECK_STR(out, "输错次数过多，请在 12月2日 09:05 后再试");
    str_format(STR_STAFF_LOCKED_DAY, 1, out, sizeof out, args, 3);
    CHECK_STR(out, "Too many wrong PINs; try again after 09:05 on 12/2");
}

static void format_leaves_missing_holes_empty(void)
{
    char out[64];
    str_format(STR_STAFF_WHO, 0, out, sizeof out, NULL, 0);
    CHECK_STR(out, "工作人员：");
}

static void format_cuts_like_snprintf(void)
{
    /* As snprintf: n - 1 bytes and the NUL, even inside a character. */
    char out[8];
    const char *name = "王芳";
    str_format(STR_STAFF_WHO, 0, out, sizeof out, &name, 1);
    CHECK_INT(strlen(out), 7);
    CHECK(memcmp(out, "工作人员：王芳", 7) == 0);
    str_format(STR_STAFF_WHO, 0, out, 1, &name, 1);
    CHECK_STR(out, "");
}

static void num_is_decimal(void)
{
    char b[24];
    CHECK_STR(str_num(b, -42), "-42");
    CHECK_STR(str_num(b, 77922), "77922");
}

/* The words residents read: everything before the staff block, and the
 * kind limits and the staff cancel status added after it. */
static int resident(int id)
{
    return id < STR_STAFF_LOGIN_TITLE ||
           (id >= STR_LIMIT_TITLE && id <= STR_STATUS_CANCELLED_BY_STAFF);
}

/* 1 when s reads like a log line: "refused:", error words, the store and
 * its tools, a snake_case token, or a lower-case "tag: " opening it. */
static int log_wording(const char *s)
{
    static const char *const words[] = {"refused", "error",    "fail", "errno", "sqlite",
                                        "store",   "kioskctl", "null", "(null)"};
    char low[512];
    size_t n = 0;
    for (; s[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)s[n]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strstr(low, words[i]))
            return 1;
    for (size_t i = 1; i + 1 < n; i++)
        if (low[i] == '_' && islower((unsigned char)low[i - 1]) &&
            islower((unsigned char)low[i + 1]))
            return 1;
    size_t k = 0;
    while (islower((unsigned char)s[k]) || s[k] == ' ')
        k++;
    return k > 0 && s[k] == ':';
}

/* Issue 15 item 6: a resident never reads log text, in either language. */
static void resident_words_are_not_log_words(void)
{
    CHECK(log_wording("refused: this phone holds the maximum number of future bookings"));
    CHECK(log_wording("not found: no such ticket"));
    CHECK(log_wording("bad_state"));
    CHECK(!log_wording("No booking has this code"));
    for (int id = 0; id < STR_COUNT; id++) {
        if (!resident(id))
            continue;
        for (int en = 0; en < 2; en++) {
            const char *t = str_get((str_id_t)id, en);
            if (log_wording(t))
                fprintf(stderr, "string %d (%s) reads like a log line: \"%s\"\n", id,
                        en ? "en" : "zh", t);
            CHECK(!log_wording(t));
        }
    }
}

int main(void)
{
    RUN(every_text_has_chinese_and_english);
    RUN(format_fills_holes_in_any_order);
    RUN(format_leaves_missing_holes_empty);
    RUN(format_cuts_like_snprintf);
    RUN(num_is_decimal);
    RUN(resident_words_are_not_log_words);
    TEST_EXIT();
}
