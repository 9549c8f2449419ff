/* core/strings: every text has both languages (the staff screens too), and
 * str_format fills its holes and cuts like snprintf without printf. */
#include "../../firmware/core/strings.h"
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

int main(void)
{
    RUN(every_text_has_chinese_and_english);
    RUN(format_fills_holes_in_any_order);
    RUN(format_leaves_missing_holes_empty);
    RUN(format_cuts_like_snprintf);
    RUN(num_is_decimal);
    TEST_EXIT();
}
