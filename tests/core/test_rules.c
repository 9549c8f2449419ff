#include "../../firmware/core/rules.h"
#include "../unit/test.h"

static void phone_validity(void)
{
    CHECK(rules_phone_valid("13812345678"));
    CHECK(rules_phone_valid("19912345678"));
    CHECK(!rules_phone_valid("12812345678"));
    CHECK(!rules_phone_valid("23812345678"));
    CHECK(!rules_phone_valid("1381234567"));
    CHECK(!rules_phone_valid("138123456789"));
    CHECK(!rules_phone_valid("1381234567a"));
    CHECK(!rules_phone_valid("+8613812345"));
    CHECK(!rules_phone_valid(""));
    CHECK(!rules_phone_valid(NULL));
}

static void masking_hides_the_middle(void)
{
    char m[12];
    rules_mask_phone("13812345678", m);
    CHECK_STR(m, "138****5678");
    rules_mask_phone("garbage", m);
    CHECK_STR(m, "***");
}

static void every_result_has_words(void)
{
    for (int r = 0; r < RULES_COUNT; r++) {
        CHECK(rules_result_text((rules_result_t)r, 0)[0] != '\0');
        CHECK(rules_result_text((rules_result_t)r, 1)[0] != '\0');
        CHECK(strcmp(rules_result_name((rules_result_t)r), "error") != 0);
    }
    CHECK_STR(rules_result_name(RULES_FULL), "full");
    CHECK_STR(rules_result_name(RULES_TOO_LATE), "too_late");
}

static void statuses_round_trip(void)
{
    for (int s = 0; s < RULES_STATUS_COUNT; s++)
        CHECK_INT(rules_status_parse(rules_status_name((rules_status_t)s)), s);
    CHECK_INT(rules_status_parse("attended"), -1);
    CHECK_STR(rules_status_name(RULES_NO_SHOW), "no_show");
}

static void defaults_match_the_issue(void)
{
    rules_t r;
    rules_defaults(&r);
    CHECK_INT(r.horizon_days, 14);
    CHECK_INT(r.max_active_per_phone, 3);
    CHECK_INT(r.cutoff_minutes, 30);
    CHECK_INT(r.max_party, 4);
    CHECK_INT(r.retention_days, 90);
}

/* Booking closes cutoff_minutes before the start: at exactly that many
 * minutes before it is still open, a minute later it is not. */
static void cutoff_boundary(void)
{
    rules_t r;
    rules_defaults(&r);
    dt_date_t d = {2026, 12, 1};
    long long start = dt_stamp(d, 9 * 60);
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start - 24 * 60), RULES_OK);
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start - 30), RULES_OK);
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start - 29), RULES_TOO_LATE);
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start), RULES_TOO_LATE);
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start + 5), RULES_TOO_LATE);
    /* The day before counts across midnight. */
    CHECK_INT(rules_check_cutoff(&r, d, 0, dt_stamp((dt_date_t){2026, 11, 30}, 23 * 60 + 30)),
              RULES_OK);
    CHECK_INT(rules_check_cutoff(&r, d, 0, dt_stamp((dt_date_t){2026, 11, 30}, 23 * 60 + 31)),
              RULES_TOO_LATE);
    /* No cut-off: bookable up to the minute it starts. */
    r.cutoff_minutes = 0;
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start), RULES_OK);
    CHECK_INT(rules_check_cutoff(&r, d, 9 * 60, start + 1), RULES_TOO_LATE);
}

int main(void)
{
    RUN(phone_validity);
    RUN(masking_hides_the_middle);
    RUN(every_result_has_words);
    RUN(statuses_round_trip);
    RUN(defaults_match_the_issue);
    RUN(cutoff_boundary);
    TEST_EXIT();
}
