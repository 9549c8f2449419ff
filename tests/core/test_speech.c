/* core/speech: the voice's normaliser (dates, times, years, codes, the
 * polyphone fixes) and the guard that never lets a phone number be said. */
#include "../../firmware/core/speech.h"
#include "../unit/test.h"

static void say(const char *in, int en, char *out, size_t n)
{
    speech_prepare(in, en, out, n);
}

static void numbers_in_words(void)
{
    const struct {
        long v;
        const char *zh;
    } t[] = {{0, "零"},
             {2, "二"},
             {10, "十"},
             {12, "十二"},
             {20, "二十"},
             {31, "三十一"},
             {105, "一百零五"},
             {110, "一百一十"},
             {1009, "一千零九"},
             {20000, "二万"},
             {99999, "九万九千九百九十九"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char out[64] = "";
        speech_number(t[i].v, 0, out, sizeof out);
        CHECK_STR(out, t[i].zh);
    }
}

static void dates_and_times_in_words(void)
{
    char out[128] = "";
    speech_date((dt_date_t){2026, 12, 1}, 0, out, sizeof out);
    CHECK_STR(out, "十二月一日 星期二");
    out[0] = '\0';
    speech_date((dt_date_t){2026, 12, 1}, 1, out, sizeof out);
    CHECK_STR(out, "Tuesday 1 December");
    const struct {
        int min;
        const char *zh, *en;
    } t[] = {{10 * 60, "上午十点", "10 in the morning"},
             {9 * 60 + 30, "上午九点半", "9:30 in the morning"},
             {12 * 60, "中午十二点", "12 noon"},
             {14 * 60 + 5, "下午两点零五分", "2:05 in the afternoon"},
             {15 * 60 + 45, "下午三点四十五分", "3:45 in the afternoon"},
             {19 * 60, "晚上七点", "7 in the evening"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        out[0] = '\0';
        speech_time(t[i].min, 0, out, sizeof out);
        CHECK_STR(out, t[i].zh);
        out[0] = '\0';
        speech_time(t[i].min, 1, out, sizeof out);
        CHECK_STR(out, t[i].en);
    }
}

static void text_times_dates_years(void)
{
    char out[256];
    say("开放时间 09:00–11:30", 0, out, sizeof out);
    CHECK_STR(out, "开放时间 上午九点–上午十一点半");
    say("2026-12-01 起", 0, out, sizeof out);
    CHECK_STR(out, "十二月一日 星期二 起");
    say("2026年新春", 0, out, sizeof out);
    CHECK_STR(out, "二零二六年新春");
    say("Opens 14:30", 1, out, sizeof out);
    CHECK_STR(out, "Opens 2:30 in the afternoon");
    /* Small numbers stay: espeak-ng reads cardinals right. */
    say("剩余3位", 0, out, sizeof out);
    CHECK_STR(out, "剩余3位");
}

static void code_character_by_character(void)
{
    char out[128] = "";
    speech_code("A3K9B2C4", 0, out, sizeof out);
    CHECK_STR(out, "A，三，K，九。B，二，C，四");
    out[0] = '\0';
    speech_code("A3K9-B2C4", 1, out, sizeof out);
    CHECK_STR(out, "A, 3, K, 9. B, 2, C, 4");
    /* Even an all-digit code passes the guard: two groups of four. */
    char all[128];
    out[0] = '\0';
    speech_code("23456789", 0, out, sizeof out);
    snprintf(all, sizeof all, "%s", out);
    CHECK_INT(speech_guard(all), 0);
    CHECK_STR(all, out);
}

static void polyphones_fixed(void)
{
    char out[256];
    say("家长课堂：长辈与成长，重新预约，银行，音乐", 0, out, sizeof out);
    CHECK_STR(out, "家涨课堂：涨辈与成涨，崇新预约，银航，音悦");
    /* Only in Chinese. */
    say("家长", 1, out, sizeof out);
    CHECK_STR(out, "家长");
}

/* The guard: a test feeds it numbers and checks. */
static void guard_drops_phone_numbers(void)
{
    const struct {
        const char *in, *out;
        int removed;
    } t[] = {
        {"13812345678", "", 1},
        {"电话 138 1234 5678。", "电话 。", 1},
        {"请拨0411-12345678咨询", "请拨咨询", 1},
        {"幺三八幺二三四五六七八", "", 1},
        {"一三八，一二三四，五六七八", "", 1},
        {"１３８１２３４５６７８", "", 1},
        {"tel 1234567 ok", "tel  ok", 1},
        {"123456", "123456", 0}, /* six digits may stay */
        {"二零二六年十二月一日", "二零二六年十二月一日", 0},
        {"A，三，K，九。B，二，C，四", "A，三，K，九。B，二，C，四", 0},
        {"剩余3位，共12人", "剩余3位，共12人", 0},
        {"a 12345678 b 98765432", "a  b ", 2},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", t[i].in);
        int r = speech_guard(buf);
        if (strcmp(buf, t[i].out) || r != t[i].removed)
            fprintf(stderr, "guard(\"%s\") = \"%s\" (%d)\n", t[i].in, buf, r);
        CHECK_STR(buf, t[i].out);
        CHECK_INT(r, t[i].removed);
    }
    /* And through the normaliser, whatever the text around it. */
    char out[128];
    CHECK_INT(speech_prepare("预约手机号13812345678已保存", 0, out, sizeof out), 1);
    CHECK_STR(out, "预约手机号已保存");
    CHECK_INT(speech_prepare("Call 138-1234-5678 now", 1, out, sizeof out), 1);
    CHECK_STR(out, "Call  now");
}

/* Every number from 7 to 15 digits, in every spelling, is dropped. */
static void guard_sweeps_lengths(void)
{
    static const char *const zh[10] = {"零", "幺", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int len = 7; len <= 15; len++) {
        char ascii[64] = "", chinese[256] = "", spaced[128] = "";
        for (int i = 0; i < len; i++) {
            char d[2] = {(char)('0' + (i * 7 + len) % 10), 0};
            strcat(ascii, d);
            strcat(chinese, zh[(i * 7 + len) % 10]);
            strcat(spaced, d);
            if (i % 3 == 2)
                strcat(spaced, " ");
        }
        char out[512];
        char in[300];
        snprintf(in, sizeof in, "号码%s结束", ascii);
        CHECK_INT(speech_prepare(in, 0, out, sizeof out), 1);
        CHECK_STR(out, "号码结束");
        snprintf(in, sizeof in, "号码%s结束", chinese);
        CHECK_INT(speech_prepare(in, 0, out, sizeof out), 1);
        CHECK_STR(out, "号码结束");
        snprintf(in, sizeof in, "no %sx", spaced);
        CHECK_INT(speech_prepare(in, 1, out, sizeof out), 1);
    }
}

static void cuts_at_a_character(void)
{
    char out[8];
    speech_prepare("请选择服务类别", 0, out, sizeof out);
    CHECK_STR(out, "请选");
}

/* Each resident screen says its title and what to do next; staff screens
 * say nothing; a keypad key says the count, never the digit. */
static void screen_prompts(void)
{
    flow_state_t s;
    memset(&s, 0, sizeof s);
    s.category = s.service = s.session = -1;
    char out[512];
    const struct {
        flow_screen_t screen;
        int en;
        const char *want;
    } t[] = {
        {FLOW_ATTRACT, 0, "社工站自助服务。点击屏幕开始。"},
        {FLOW_HOME, 1, "Choose a service area. Tap the area you want to know about. "},
        {FLOW_PHONE, 0, "请输入您的手机号。用于查询和取消预约，不会公开。输入完请点“下一步”。"},
        {FLOW_LOOKUP, 0, "查询我的预约。请输入预约时填写的手机号。输入完请点“下一步”。"},
        {FLOW_CANCEL, 0, "确定要取消这个预约吗？"},
        {FLOW_BOOKINGS, 0, "我的预约。没有找到这个手机号的预约。"},
        {FLOW_STAFF, 0, ""},
        {FLOW_TECH, 0, ""},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        s.screen = t[i].screen;
        s.lang_en = t[i].en;
        speech_screen_prompt(&s, out, sizeof out);
        CHECK_STR(out, t[i].want);
    }
    s.screen = FLOW_HOME;
    s.lang_en = 0;
    s.idle_warning = 1;
    speech_screen_prompt(&s, out, sizeof out);
    CHECK_STR(out, "还在吗？还需要时间，请点一下屏幕。");
    s.idle_warning = 0;
    s.screen = FLOW_PHONE;
    s.n_digits = 3;
    speech_item(&s, "key:8", "8", out, sizeof out);
    CHECK_STR(out, "已输入3位。");
    speech_item(&s, "next", "下一步", out, sizeof out);
    CHECK_STR(out, "下一步。");
    /* i16checkin: the second factor's keypad says what to type, and of
     * what is typed only how many; a mismatch is said as shown. */
    s.screen = FLOW_CHECKIN_FACTOR;
    strcpy(s.digits, "5678");
    s.n_digits = 4;
    speech_screen_prompt(&s, out, sizeof out);
    CHECK_STR(out, "核对一下。请输入预约时留的手机号的后四位。预约时没有留手机号的，请输入预约的人数。");
    speech_item(&s, "key:8", "8", out, sizeof out);
    CHECK_STR(out, "已输入4位。");
    s.screen = FLOW_CHECKIN;
    s.notice = FLOW_NOTICE_CHECKIN_MISMATCH;
    speech_screen_prompt(&s, out, sizeof out);
    CHECK_STR(out, "预约码和后四位对不上。请对照凭条看一看预约码，点“签到”，再输入手机号后四位。");
}

/* A refusal says what the refused screen shows (core/refusal_words.c):
 * what happened, what to do, the way to the staff. Pinned as the voice
 * said them before the table was shared; a reason without words of its own
 * (not_found stands for any) says the title and the way to the staff. */
static void refusal_prompts(void)
{
    flow_state_t s;
    memset(&s, 0, sizeof s);
    s.category = s.service = s.session = -1;
    s.screen = FLOW_REFUSED;
    s.rules.max_active_per_phone = 3;
    s.rules.household_limit = 5;
    const struct {
        rules_result_t r;
        int en;
        const char *want;
    } t[] = {
        {RULES_FULL, 0, "未能预约。这一场刚刚约满了。需要帮忙，请到服务台找工作人员。"},
        {RULES_CLOSED, 1,
         "Not booked. This session is no longer taking bookings. For help, please ask the staff at "
         "the service desk. "},
        {RULES_TOO_LATE, 0, "未能预约。这一场快开始了，已经停止预约。需要帮忙，请到服务台找工作人员。"},
        {RULES_NO_SESSION, 0, "未能预约。这一场已经取消了。需要帮忙，请到服务台找工作人员。"},
        {RULES_DUPLICATE, 0,
         "未能预约。这个手机号已经约了这一场。不用再约。想看预约的时间和地点，请点“我的预约”。需要"
         "帮忙，请到服务台找工作人员。"},
        {RULES_LIMIT, 0,
         "未能预约。同一位预约人最多约3场，已经约满了。可以在“我的预约”里取消用不上的一场，再来预"
         "约。需要帮忙，请到服务台找工作人员。"},
        /* i16house: the household's limit, not a person's (flow_refusal_most). */
        {RULES_HOUSEHOLD, 0,
         "未能预约。这个手机号已经为全家约了5场，不能再多约了。请到服务台找工作人员帮您预约，或在“"
         "我的预约”里取消用不上的一场。需要帮忙，请到服务台找工作人员。"},
        {RULES_LIMIT, 1,
         "Not booked. One person may hold 3 bookings at a time, and already does. In My bookings "
         "you can cancel one you do not need, then book this one. For help, please ask the staff "
         "at the service desk. "},
        {RULES_BAD_PHONE, 0,
         "未能预约。手机号好像不对。手机号应为1开头的11位数字。需要帮忙，请到服务台找工作人员。"},
        {RULES_BAD_PARTY, 0,
         "未能预约。人数超过了这一场能约的人数。重新选人数。需要帮忙，请到服务台找工作人员。"},
        {RULES_BAD_PARTY, 1,
         "Not booked. That is more persons than this session can take. Change the persons. For "
         "help, please ask the staff at the service desk. "},
        {RULES_NOT_FOUND, 0, "未能预约。需要帮忙，请到服务台找工作人员。"},
    };
    char out[1024];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        s.refusal = t[i].r;
        s.lang_en = t[i].en;
        speech_screen_prompt(&s, out, sizeof out);
        CHECK_STR(out, t[i].want);
    }
    /* With another time open, the offer the screen lists it under is said,
     * ending where its colon was (not "：。"). */
    flow_session_t sessions[2];
    s.sessions = sessions;
    s.n_sessions = 2;
    snprintf(s.refused_id, sizeof s.refused_id, "a");
    s.party = 1;
    s.now = 0;
    sessions[0] = (flow_session_t){.id = "a", .date = {2030, 1, 2}, .start = 600, .remaining = 0};
    sessions[1] = (flow_session_t){
        .id = "b", .date = {2030, 1, 2}, .start = 660, .capacity = 5, .remaining = 5, .open = 1};
    s.refusal = RULES_FULL;
    s.lang_en = 0;
    speech_screen_prompt(&s, out, sizeof out);
    CHECK_STR(out, "未能预约。这一场刚刚约满了。这些时间还有名额，点一下就接着预约。需要帮忙，请到服务台找"
                   "工作人员。");
    s.lang_en = 1;
    speech_screen_prompt(&s, out, sizeof out);
    CHECK_STR(out, "Not booked. This session has just filled up. These times have places. "
                   "Tap one to go on booking. For help, please ask the staff at the service desk. ");
}

/* The keypad focus (issue 17): what is said of the item it lands on. */
static void focused_items(void)
{
    catalog_t *cat = NULL;
    char out[512], err[256];
    CHECK(catalog_load("assets/catalog/demo.ini", &cat, err, sizeof err) == 0);
    flow_state_t s;
    memset(&s, 0, sizeof s);
    s.cat = cat;
    s.screen = FLOW_CATEGORY;
    speech_focus(&s, "service:kangyang-zixun", "康养咨询", 1, out, sizeof out);
    CHECK_STR(out, "康养咨询。");
    /* A sensitive service by the neutral name, whatever its card says. */
    speech_focus(&s, "service:jingshen-weiji", "精神慰藉", 1, out, sizeof out);
    CHECK_STR(out, "预约服务。");
    s.lang_en = 1;
    speech_focus(&s, "service:jingshen-weiji", "Emotional support", 1, out, sizeof out);
    CHECK_STR(out, "Appointment. ");
    speech_focus(&s, "next", "Next", 0, out, sizeof out);
    CHECK_STR(out, "Next, not available now. ");
    s.lang_en = 0;
    s.screen = FLOW_PHONE;
    speech_focus(&s, "next", "下一步", 0, out, sizeof out);
    CHECK_STR(out, "下一步，现在不能选。");
    /* A digit key of the phone keypad: how many typed, never its digit. */
    s.n_digits = 4;
    speech_focus(&s, "key:7", "7", 1, out, sizeof out);
    CHECK_STR(out, "已输入4位。");
    /* The code keypad's keys are the code's own symbols: said. */
    s.screen = FLOW_CHECKIN;
    speech_focus(&s, "key:K", "K", 1, out, sizeof out);
    CHECK_STR(out, "K。");
    catalog_destroy(cat);
}

int main(void)
{
    RUN(numbers_in_words);
    RUN(dates_and_times_in_words);
    RUN(text_times_dates_years);
    RUN(code_character_by_character);
    RUN(polyphones_fixed);
    RUN(guard_drops_phone_numbers);
    RUN(guard_sweeps_lengths);
    RUN(cuts_at_a_character);
    RUN(screen_prompts);
    RUN(refusal_prompts);
    RUN(focused_items);
    TEST_EXIT();
}
