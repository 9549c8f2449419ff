#include "rules.h"

#include <stdio.h>
#include <string.h>

void rules_defaults(rules_t *r)
{
    r->horizon_days = 14;
    r->max_active_per_phone = 3;
    r->cutoff_minutes = 30;
    r->max_party = 4;
    r->retention_days = 90;
    r->visit_max_bookings = 6;
    r->service_burst_max = 10;
    r->service_burst_minutes = 60;
    r->household_limit = 5;
}

static const struct {
    const char *name, *zh, *en;
} results[RULES_COUNT] = {
    [RULES_OK] = {"ok", "预约成功", "booked"},
    [RULES_FULL] = {"full", "这一场的名额已满，请选择其他时间", "refused: not enough seats left"},
    [RULES_DUPLICATE] = {"duplicate", "这个手机号已经预约了这一场",
                         "refused: this phone already holds a booking for this session"},
    [RULES_LIMIT] = {"limit", "这位预约人的预约已达上限，请先取消不需要的预约",
                     "refused: this person holds the maximum number of future bookings "
                     "(person_limit)"},
    [RULES_TOO_LATE] = {"too_late", "这一场即将开始，已停止预约，请选择其他时间",
                        "refused: booking has closed for this session"},
    [RULES_BAD_PHONE] = {"bad_phone", "请输入11位手机号码", "refused: not a valid mobile number"},
    [RULES_BAD_PARTY] = {"bad_party", "预约人数不在允许范围内", "refused: party size out of range"},
    [RULES_NO_SESSION] = {"no_session", "没有找到这一场活动", "refused: no such session"},
    [RULES_CLOSED] = {"closed", "这一场已停止预约", "refused: session closed for booking"},
    [RULES_NOT_FOUND] = {"not_found", "没有找到这张预约票", "not found: no such ticket"},
    [RULES_BAD_STATE] = {"bad_state", "这张预约票当前状态不能进行此操作",
                         "refused: the booking is not in a state that allows this"},
    [RULES_NOT_TODAY] = {"not_today", "这张预约票不是今天的", "refused: the session is not today"},
    [RULES_LOCKED] = {"locked", "输错次数过多，请稍后再试",
                      "refused: too many wrong PINs, locked for now"},
    [RULES_BAD_PIN] = {"bad_pin", "密码不正确", "refused: wrong PIN"},
    [RULES_VISIT_LIMIT] =
        {"visit_limit", "这一次已经预约了很多场，请找工作人员帮您继续预约",
         "refused: this visit at the kiosk holds the most bookings one visit may make"},
    [RULES_BURST] = {"burst", "这项服务在本机刚刚预约了很多场，请找工作人员帮您预约",
                     "refused: this kiosk booked this service many times just now"},
    [RULES_FORGED] = {"forged", "无法识别这张预约票，请联系工作人员",
                      "refused: not a genuine ticket of this station"},
    /* i16checkin */
    [RULES_FACTOR_WRONG] = {"factor_wrong", "预约码和手机号后四位对不上，请核对后再试",
                            "refused: the code and its second factor do not match"},
    /* i16house */
    [RULES_HOUSEHOLD] = {"household",
                         "这个手机号为全家预约的场次已达上限，请找工作人员帮您预约",
                         "refused: this phone holds the most future bookings one household may "
                         "hold (household_limit); ask the staff"},
    [RULES_BAD_LABEL] = {"bad_label", "请选择为谁预约（不能填写数字）",
                         "refused: the person served must be a short name without digits"},
};

const char *rules_result_text(rules_result_t r, int en)
{
    if ((int)r < 0 || r >= RULES_COUNT)
        return en ? "error" : "出错了";
    return en ? results[r].en : results[r].zh;
}

const char *rules_result_name(rules_result_t r)
{
    if ((int)r < 0 || r >= RULES_COUNT)
        return "error";
    return results[r].name;
}

rules_result_t rules_check_cutoff(const rules_t *r, dt_date_t date, int start_min, long long now)
{
    return dt_stamp(date, start_min) - now < r->cutoff_minutes ? RULES_TOO_LATE : RULES_OK;
}

/* 9 is the schema's CHECK, whatever the configuration says. */
#define RULES_PARTY_CEILING 9

static rules_result_t check_party(const rules_t *r, int party)
{
    if (party < 1 || party > r->max_party || party > RULES_PARTY_CEILING)
        return RULES_BAD_PARTY;
    return RULES_OK;
}

rules_result_t rules_check_request(const rules_t *r, const char *phone, int party)
{
    if (!rules_phone_valid(phone))
        return RULES_BAD_PHONE;
    return check_party(r, party);
}

rules_result_t rules_check_person(const rules_t *r, const char *phone, const char *label,
                                  int party)
{
    if (label && !rules_label_valid(label))
        return RULES_BAD_LABEL;
    if (!phone && label)
        return check_party(r, party);
    return rules_check_request(r, phone, party);
}

rules_result_t rules_check_booking(const rules_t *r, const rules_booking_t *b)
{
    rules_result_t res = rules_check_person(r, b->phone, b->for_label, b->party);
    if (res != RULES_OK)
        return res;
    if (!b->session_found)
        return RULES_NO_SESSION;
    if (!b->open)
        return RULES_CLOSED;
    if ((res = rules_check_cutoff(r, b->date, b->start_min, b->now)) != RULES_OK)
        return res;
    if (b->phone && b->phone_holds_it)
        return RULES_DUPLICATE;
    /* Only what lies ahead counts: last week's visit does not stop anyone
     * from booking the next one (the store counts future bookings). Per
     * person served (phone and label), so that a daughter books for both
     * parents and her child; the household cap bounds the phone. */
    if (b->phone && b->phone_active >= r->max_active_per_phone)
        return RULES_LIMIT;
    if (b->phone && b->household_active >= r->household_limit)
        return RULES_HOUSEHOLD;
    /* Whatever numbers are typed, one visit and one kiosk book only so
     * much: an honest family stays well below (docs/config.md). */
    if (b->from_kiosk && b->visit_active >= r->visit_max_bookings)
        return RULES_VISIT_LIMIT;
    if (b->from_kiosk && b->service_recent >= r->service_burst_max)
        return RULES_BURST;
    if (b->seats_taken + b->party > b->capacity)
        return RULES_FULL;
    return RULES_OK;
}

int rules_phone_valid(const char *s)
{
    if (!s || strlen(s) != KIOSK_PHONE_LEN || s[0] != '1' || s[1] < '3' || s[1] > '9')
        return 0;
    for (int i = 2; i < KIOSK_PHONE_LEN; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

rules_prefix_t rules_phone_prefix(const char *typed)
{
    if (!typed || !typed[0])
        return RULES_PREFIX_OK;
    if (typed[0] != '1')
        return RULES_PREFIX_FIRST;
    if (typed[1] && (typed[1] < '3' || typed[1] > '9'))
        return RULES_PREFIX_SECOND;
    size_t n = strlen(typed);
    if (n > KIOSK_PHONE_LEN)
        return RULES_PREFIX_DIGIT;
    for (size_t i = 1; i < n; i++)
        if (typed[i] < '0' || typed[i] > '9')
            return RULES_PREFIX_DIGIT;
    return RULES_PREFIX_OK;
}

void rules_mask_phone(const char *phone, char out[KIOSK_PHONE_SIZE])
{
    if (!rules_phone_valid(phone)) {
        strcpy(out, "***");
        return;
    }
    memcpy(out, phone, 3);
    memcpy(out + 3, "****", 4);
    memcpy(out + 7, phone + 7, 4);
    out[KIOSK_PHONE_LEN] = '\0';
}

/* Bytes of the UTF-8 sequence led by c (1..4), or 0 for a byte that leads none. */
static int utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3
                      : c >= 0xf0 && c < 0xf5   ? 4
                                                : 0;
}

int rules_label_valid(const char *s)
{
    if (!s || !*s || strlen(s) > KIOSK_LABEL_LEN)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int n = utf8_len(*p);
        if (!n || *p < 0x20 || *p == 0x7f || (*p >= '0' && *p <= '9'))
            return 0;
        for (int i = 1; i < n; i++)
            if ((p[i] & 0xc0) != 0x80)
                return 0;
        /* Full-width digits U+FF10..U+FF19 (EF BC 90..99) are digits too. */
        if (n == 3 && p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99)
            return 0;
        p += n;
    }
    return 1;
}

void rules_mask_label(const char *label, char out[KIOSK_LABEL_SIZE])
{
    out[0] = '\0';
    if (!label || !*label)
        return;
    int n = utf8_len((unsigned char)label[0]);
    if (n < 1 || (size_t)n > strlen(label))
        n = 1;
    memcpy(out, label, (size_t)n);
    memcpy(out + n, "*", 2);
}

static const char *const status_names[RULES_STATUS_COUNT] = {
    [RULES_BOOKED] = "booked",
    [RULES_CHECKED_IN] = "checked_in",
    [RULES_CANCELLED] = "cancelled",
    [RULES_NO_SHOW] = "no_show",
};

const char *rules_status_name(rules_status_t s)
{
    if ((int)s < 0 || s >= RULES_STATUS_COUNT)
        return "unknown";
    return status_names[s];
}

int rules_status_parse(const char *s)
{
    for (int i = 0; s && i < RULES_STATUS_COUNT; i++)
        if (strcmp(s, status_names[i]) == 0)
            return i;
    return -1;
}

int rules_checkin_factor_ok(const char *phone, int party, const char *typed)
{
    if (!typed || !typed[0])
        return 0;
    if (phone && phone[0]) {
        size_t n = strlen(phone);
        return n >= 4 && strlen(typed) == 4 && strcmp(phone + n - 4, typed) == 0;
    }
    char want[24];
    snprintf(want, sizeof want, "%d", party);
    return party > 0 && strcmp(typed, want) == 0;
}
