/* 好差评 (issue 20): the five levels, the reasons each offers and the
 * checks every writer makes (core/rating.c). */
#include <stdio.h>
#include <string.h>

#include "../../firmware/core/rating.h"
#include "../../firmware/core/strings.h"
#include "../unit/test.h"

static void levels(void)
{
    for (int l = -1; l <= 7; l++)
        CHECK_INT(rating_level_valid(l), l >= 1 && l <= 5);
    CHECK_STR(str_get((str_id_t)rating_level_word(5), 0), "非常满意");
    CHECK_STR(str_get((str_id_t)rating_level_word(4), 0), "满意");
    CHECK_STR(str_get((str_id_t)rating_level_word(3), 0), "基本满意");
    CHECK_STR(str_get((str_id_t)rating_level_word(2), 0), "不满意");
    CHECK_STR(str_get((str_id_t)rating_level_word(1), 0), "非常不满意");
    CHECK_STR(str_get((str_id_t)rating_level_word(1), 1), "Very dissatisfied");
    CHECK_INT(rating_level_word(0), -1);
    CHECK_INT(rating_level_word(6), -1);
}

/* 不满意 and worse are low (followed up); 基本满意 is not. */
static void low(void)
{
    int want[] = {0, 1, 1, 0, 0, 0, 0};
    for (int l = 0; l <= 6; l++)
        CHECK_INT(rating_is_low(l), want[l]);
}

static void reasons_by_level(void)
{
    const char *const *ids;
    const int *words;
    CHECK_INT(rating_reasons(5, &ids, &words), 3);
    CHECK_STR(ids[0], "warm");
    CHECK_STR(str_get((str_id_t)words[1], 0), "办事快");
    CHECK_INT(rating_reasons(4, &ids, &words), 3);
    CHECK_INT(rating_reasons(3, &ids, &words), 5);
    CHECK_STR(ids[0], "wait");
    CHECK_INT(rating_reasons(2, &ids, &words), 5);
    CHECK_STR(str_get((str_id_t)words[2], 0), "没解决问题");
    CHECK_INT(rating_reasons(1, &ids, &words), 5);
    CHECK_INT(rating_reasons(0, &ids, &words), 0);
    CHECK_INT(rating_reasons(6, NULL, NULL), 0);
    CHECK_INT(rating_reason_index(4, "fast"), 1);
    CHECK_INT(rating_reason_index(4, "wait"), -1); /* another level's */
    CHECK_INT(rating_reason_index(2, "facility"), 4);
    CHECK_INT(rating_reason_index(2, "warm"), -1);
    CHECK_INT(rating_reason_word("facility"), STR_REASON_FACILITY);
    CHECK_INT(rating_reason_word("nice"), -1);
}

static void stored_reasons(void)
{
    CHECK(rating_reasons_valid(5, ""));
    CHECK(rating_reasons_valid(5, "warm"));
    CHECK(rating_reasons_valid(5, "clear,warm"));
    CHECK(rating_reasons_valid(2, "wait,attitude,unsolved,complex,facility"));
    CHECK(!rating_reasons_valid(5, "wait"));      /* of the low list */
    CHECK(!rating_reasons_valid(2, "warm"));      /* of the good list */
    CHECK(!rating_reasons_valid(2, "wait,wait")); /* twice */
    CHECK(!rating_reasons_valid(2, "wait,"));     /* a trailing comma */
    CHECK(!rating_reasons_valid(2, ",wait"));     /* an empty one */
    CHECK(!rating_reasons_valid(2, "wait unsolved"));
    CHECK(!rating_reasons_valid(0, "")); /* no level */
    CHECK(!rating_reasons_valid(6, ""));
    CHECK(!rating_reasons_valid(2, NULL));
    char out[RATING_REASONS_SIZE];
    CHECK_INT(rating_reasons_text(2, 0x1u | 0x4u, out, sizeof out), 2);
    CHECK_STR(out, "wait,unsolved");
    CHECK_INT(rating_reasons_text(5, 0, out, sizeof out), 0);
    CHECK_STR(out, "");
    CHECK_INT(rating_reasons_text(4, 0x7u | 0x80u, out, sizeof out),
              3); /* bits past the list: none */
    CHECK_STR(out, "warm,fast,clear");
    CHECK(rating_reasons_valid(4, out));
}

static void channels(void)
{
    CHECK_STR(rating_channel_name(RATING_VIA_LOOKUP), "lookup");
    CHECK_STR(rating_channel_name(RATING_VIA_CODE), "code");
    CHECK_STR(rating_channel_name(RATING_VIA_STAFF), "staff");
    CHECK(rating_channel_name(RATING_CHANNELS) == NULL);
    CHECK_INT(rating_channel_parse("staff"), RATING_VIA_STAFF);
    CHECK_INT(rating_channel_parse("kiosk"), -1);
    CHECK_INT(rating_channel_parse(NULL), -1);
}

int main(void)
{
    RUN(levels);
    RUN(low);
    RUN(reasons_by_level);
    RUN(stored_reasons);
    RUN(channels);
    TEST_EXIT();
}
