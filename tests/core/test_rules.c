#include <string.h>

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

/* Issue 15 item 3: an impossible number is flagged at the digit that makes
 * it impossible, not after eleven. */
static void phone_prefix_judged_as_typed(void)
{
    CHECK(rules_phone_prefix(NULL) == RULES_PREFIX_OK);
    CHECK(rules_phone_prefix("") == RULES_PREFIX_OK);
    CHECK(rules_phone_prefix("1") == RULES_PREFIX_OK);
    CHECK(rules_phone_prefix("2") == RULES_PREFIX_FIRST);
    CHECK(rules_phone_prefix("0") == RULES_PREFIX_FIRST);
    CHECK(rules_phone_prefix("9") == RULES_PREFIX_FIRST);
    CHECK(rules_phone_prefix("23812345678") == RULES_PREFIX_FIRST);
    for (char c = '0'; c <= '9'; c++) {
        char two[3] = {'1', c, '\0'};
        CHECK(rules_phone_prefix(two) == (c >= '3' ? RULES_PREFIX_OK : RULES_PREFIX_SECOND));
    }
    CHECK(rules_phone_prefix("12") == RULES_PREFIX_SECOND);
    CHECK(rules_phone_prefix("1234") == RULES_PREFIX_SECOND);
    CHECK(rules_phone_prefix("138") == RULES_PREFIX_OK);
    CHECK(rules_phone_prefix("1381234") == RULES_PREFIX_OK);
    CHECK(rules_phone_prefix("13812345678") == RULES_PREFIX_OK);
    CHECK(rules_phone_prefix("138123456789") == RULES_PREFIX_DIGIT);
    CHECK(rules_phone_prefix("138a") == RULES_PREFIX_DIGIT);
    /* Every complete number it lets through is valid, and the other way. */
    CHECK(rules_phone_valid("13812345678"));
    CHECK(!rules_phone_valid("12812345678") && rules_phone_prefix("12812345678") != RULES_PREFIX_OK);
}

static void masking_hides_the_middle(void)
{
    char m[KIOSK_PHONE_SIZE];
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

/* Each fact on its own refuses with its own reason, and when several are
 * wrong the first in the documented order wins. */
static void booking_judged_in_order(void)
{
    rules_t r;
    rules_defaults(&r);
    dt_date_t d = {2026, 12, 1};
    const rules_booking_t good = {.phone = "13800000001",
                                  .party = 2,
                                  .session_found = 1,
                                  .open = 1,
                                  .date = d,
                                  .start_min = 10 * 60,
                                  .now = dt_stamp(d, 9 * 60),
                                  .phone_holds_it = 0,
                                  .phone_active = 2,
                                  .seats_taken = 2,
                                  .capacity = 4};
    rules_booking_t b = good;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    b.seats_taken = 3;
    CHECK_INT(rules_check_booking(&r, &b), RULES_FULL);
    b.phone_active = 3;
    CHECK_INT(rules_check_booking(&r, &b), RULES_LIMIT);
    b.phone_holds_it = 1;
    CHECK_INT(rules_check_booking(&r, &b), RULES_DUPLICATE);
    b.now = dt_stamp(d, 9 * 60 + 31);
    CHECK_INT(rules_check_booking(&r, &b), RULES_TOO_LATE);
    b.open = 0;
    CHECK_INT(rules_check_booking(&r, &b), RULES_CLOSED);
    b.session_found = 0;
    CHECK_INT(rules_check_booking(&r, &b), RULES_NO_SESSION);
    b.party = r.max_party + 1;
    CHECK_INT(rules_check_booking(&r, &b), RULES_BAD_PARTY);
    b.phone = "1380000000";
    CHECK_INT(rules_check_booking(&r, &b), RULES_BAD_PHONE);
    /* The request part alone, as the store asks before its transaction. */
    CHECK_INT(rules_check_request(&r, "13800000001", 1), RULES_OK);
    CHECK_INT(rules_check_request(&r, "13800000001", 0), RULES_BAD_PARTY);
    r.max_party = 20; /* the schema allows 9, whatever the configuration says */
    CHECK_INT(rules_check_request(&r, "13800000001", 10), RULES_BAD_PARTY);
    CHECK_INT(rules_check_request(&r, NULL, 1), RULES_BAD_PHONE);
    /* Exactly the seats left is fine. */
    b = good;
    b.party = 2;
    b.seats_taken = 2;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
}

/* Issue 14, item 7: one visit and one kiosk are bounded whatever phone
 * numbers are typed; staff tools are not; an honest family is far from
 * both; the bounds come after the phone's own limit and before full. */
static void visit_and_kiosk_bounds(void)
{
    rules_t r;
    rules_defaults(&r);
    CHECK_INT(r.visit_max_bookings, 6);
    CHECK_INT(r.service_burst_max, 10);
    CHECK_INT(r.service_burst_minutes, 60);
    dt_date_t d = {2026, 12, 1};
    const rules_booking_t good = {.phone = "13800000001",
                                  .party = 1,
                                  .session_found = 1,
                                  .open = 1,
                                  .date = d,
                                  .start_min = 10 * 60,
                                  .now = dt_stamp(d, 9 * 60),
                                  .capacity = 4,
                                  .from_kiosk = 1};
    rules_booking_t b = good;
    /* A daughter's bookings for both parents, her child and herself,
     * then a second service for two of them: the sixth still passes. */
    b.visit_active = 5;
    b.service_recent = 5;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    b.visit_active = 6;
    CHECK_INT(rules_check_booking(&r, &b), RULES_VISIT_LIMIT);
    b.visit_active = 0;
    b.service_recent = 9;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    b.service_recent = 10;
    CHECK_INT(rules_check_booking(&r, &b), RULES_BURST);
    /* The visit is told first; a full session does not hide a burst. */
    b.visit_active = 6;
    b.seats_taken = 4;
    CHECK_INT(rules_check_booking(&r, &b), RULES_VISIT_LIMIT);
    b.phone_active = 3;
    CHECK_INT(rules_check_booking(&r, &b), RULES_LIMIT);
    /* Staff tools (kioskctl) book for residents at the desk: not bounded. */
    b = good;
    b.from_kiosk = 0;
    b.visit_active = 1000;
    b.service_recent = 1000;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    /* Configured tighter, the bounds move with it. */
    r.visit_max_bookings = 2;
    b = good;
    b.visit_active = 2;
    CHECK_INT(rules_check_booking(&r, &b), RULES_VISIT_LIMIT);
    CHECK_STR(rules_result_name(RULES_VISIT_LIMIT), "visit_limit");
    CHECK_STR(rules_result_name(RULES_BURST), "burst");
}

/* i16checkin: the second factor of a check-in by typed code. A booking
 * with a phone: exactly its last four digits. Without one (NULL or "", as
 * a booking made with no phone or purged): its party size. Nothing else,
 * and never an empty factor. */
static void checkin_factor(void)
{
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, "5678"), 1);
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, "5679"), 0);
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, "678"), 0);
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, "45678"), 0);
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, "2"), 0); /* the party is not enough */
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, ""), 0);
    CHECK_INT(rules_checkin_factor_ok("13812345678", 2, NULL), 0);
    CHECK_INT(rules_checkin_factor_ok(NULL, 2, "2"), 1);
    CHECK_INT(rules_checkin_factor_ok("", 3, "3"), 1);
    CHECK_INT(rules_checkin_factor_ok(NULL, 2, "3"), 0);
    CHECK_INT(rules_checkin_factor_ok(NULL, 2, "02"), 0);
    CHECK_INT(rules_checkin_factor_ok(NULL, 2, ""), 0);
    CHECK_INT(rules_checkin_factor_ok(NULL, 0, "0"), 0);
    CHECK_STR(rules_result_name(RULES_FACTOR_WRONG), "factor_wrong");
}

/* Issue 16 (i16house): the limit counts per person served (phone and
 * label), within a household cap per phone; a booking with no phone needs
 * a label and meets neither (nothing but a shared label identifies it). */
static void person_and_household_limits(void)
{
    rules_t r;
    rules_defaults(&r);
    CHECK_INT(r.max_active_per_phone, 3);
    CHECK_INT(r.household_limit, 5);
    dt_date_t d = {2026, 12, 1};
    const rules_booking_t good = {.phone = "13800000001",
                                  .for_label = "奶奶",
                                  .party = 1,
                                  .session_found = 1,
                                  .open = 1,
                                  .date = d,
                                  .start_min = 10 * 60,
                                  .now = dt_stamp(d, 9 * 60),
                                  .capacity = 4};
    rules_booking_t b = good;
    /* The fifth person's first booking: four already held by the phone. */
    b.household_active = 4;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    b.household_active = 5;
    CHECK_INT(rules_check_booking(&r, &b), RULES_HOUSEHOLD);
    /* The person's own limit is told first. */
    b.phone_active = 3;
    CHECK_INT(rules_check_booking(&r, &b), RULES_LIMIT);
    b.phone_active = 2;
    r.household_limit = 6;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    r.household_limit = 5;
    /* No phone: a label is the only name; no per-person or household count. */
    b = good;
    b.phone = NULL;
    b.phone_active = 99;
    b.household_active = 99;
    b.phone_holds_it = 1;
    CHECK_INT(rules_check_booking(&r, &b), RULES_OK);
    b.for_label = NULL;
    CHECK_INT(rules_check_booking(&r, &b), RULES_BAD_PHONE);
    b.for_label = "138";
    CHECK_INT(rules_check_booking(&r, &b), RULES_BAD_LABEL);
    b.for_label = "张奶奶";
    b.party = 0;
    CHECK_INT(rules_check_booking(&r, &b), RULES_BAD_PARTY);
    CHECK_STR(rules_result_name(RULES_HOUSEHOLD), "household");
    /* The resident is told why and what to do. */
    CHECK(strstr(rules_result_text(RULES_HOUSEHOLD, 0), "工作人员") != NULL);
    CHECK(strstr(rules_result_text(RULES_HOUSEHOLD, 1), "staff") != NULL);
}

static void labels_valid_and_masked(void)
{
    CHECK(rules_label_valid("奶奶"));
    CHECK(rules_label_valid("张奶奶"));
    CHECK(rules_label_valid("Father"));
    CHECK(rules_label_valid("八个汉字八个汉字")); /* 24 bytes */
    CHECK(!rules_label_valid("九个汉字九个汉字九"));
    CHECK(!rules_label_valid(""));
    CHECK(!rules_label_valid(NULL));
    CHECK(!rules_label_valid("奶奶1"));
    CHECK(!rules_label_valid("１３８")); /* full-width digits */
    CHECK(!rules_label_valid("a\tb"));
    CHECK(!rules_label_valid("\xe5\xa5"));  /* cut in the middle of 奶 */
    CHECK(!rules_label_valid("\xc0\x80")); /* overlong */
    char m[KIOSK_LABEL_SIZE];
    rules_mask_label("张奶奶", m);
    CHECK_STR(m, "张*");
    rules_mask_label("Father", m);
    CHECK_STR(m, "F*");
    rules_mask_label(NULL, m);
    CHECK_STR(m, "");
}

int main(void)
{
    RUN(phone_validity);
    RUN(phone_prefix_judged_as_typed);
    RUN(masking_hides_the_middle);
    RUN(every_result_has_words);
    RUN(statuses_round_trip);
    RUN(defaults_match_the_issue);
    RUN(cutoff_boundary);
    RUN(booking_judged_in_order);
    RUN(visit_and_kiosk_bounds);
    RUN(checkin_factor);
    RUN(person_and_household_limits);
    RUN(labels_valid_and_masked);
    TEST_EXIT();
}
