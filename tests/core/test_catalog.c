/* The catalog parser: the demo catalog, every rejection with its exact line,
 * the accepted syntax, and that a failed parse leaves nothing behind. Run
 * from the repository root (it reads assets/catalog/demo.ini). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../firmware/core/catalog.h"
#include "../unit/test.h"

#define DEMO "assets/catalog/demo.ini"

/* A minimal valid catalog of 14 lines; cases append from line 15 on. */
#define HEAD                                                                                       \
    "[station]\n"                                                                                  \
    "id = s1\n"                                                                                    \
    "name = 测试站\n"                                                                           \
    "[category c1]\n"                                                                              \
    "name = 类别\n"                                                                              \
    "[service v1]\n"                                                                               \
    "category = c1\n"                                                                              \
    "name = 服务\n"                                                                              \
    "name_en = Service\n"                                                                          \
    "description = 说明\n"                                                                       \
    "audience = 所有人\n"                                                                       \
    "location = 一楼\n"                                                                          \
    "duration = 30\n"                                                                              \
    "schedule = Tue 09:00-10:00 4\n"

/* The service block of HEAD without its header, for second services. */
#define SVC_BODY                                                                                   \
    "category = c1\n"                                                                              \
    "name = 服务二\n"                                                                           \
    "name_en = Service 2\n"                                                                        \
    "description = 说明\n"                                                                       \
    "audience = 所有人\n"                                                                       \
    "location = 一楼\n"                                                                          \
    "duration = 30\n"

static catalog_t *parse_ok(const char *text)
{
    char err[512] = "";
    catalog_t *cat = NULL;
    int rc = catalog_parse(text, strlen(text), "t.ini", &cat, err, sizeof err);
    if (rc != 0 || !cat)
        fprintf(stderr, "unexpected parse error: %s\n", err);
    CHECK_INT(rc, 0);
    CHECK(cat != NULL);
    return cat;
}

/* Parses n bytes that must fail at `line` with a message containing `msg`,
 * leaving *out NULL (checked with a sentinel) and nothing allocated (ASan). */
static void expect_fail_n(const char *text, size_t n, int line, const char *msg)
{
    char err[512] = "", prefix[64];
    catalog_t sentinel, *cat = &sentinel;
    int rc = catalog_parse(text, n, "t.ini", &cat, err, sizeof err);
    snprintf(prefix, sizeof prefix, "t.ini:%d: ", line);
    CHECK_INT(rc, -1);
    CHECK(cat == NULL);
    if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, msg)) {
        fprintf(stderr, "  wanted \"%s...%s\"\n  got    \"%s\"\n", prefix, msg, err);
        test_cur_failed = 1;
    }
    if (rc == 0 && cat != &sentinel)
        catalog_destroy(cat);
}

static void expect_fail(const char *text, int line, const char *msg)
{
    expect_fail_n(text, strlen(text), line, msg);
}

static int has_service_named(const catalog_t *cat, const char *zh)
{
    for (int i = 0; i < cat->n_services; i++)
        if (strcmp(cat->services[i].name.zh, zh) == 0)
            return 1;
    return 0;
}

static void test_demo_loads(void)
{
    static const char *categories[] = {"社会救助", "养老服务", "儿童保护",
                                       "社区治理", "婚姻家庭", "慈善帮扶"};
    static const char *services[] = {"节气美育",       "朝有趣",
                                     "小小主播",       "小小宣传员",
                                     "四季欢乐节",     "困境儿童家长心理辅导",
                                     "康养咨询",       "适老化无障碍改造申请",
                                     "孤独症康复训练", "精神慰藉",
                                     "低保申请咨询",   "临时救助申请",
                                     "社区志愿者报名", "婚姻家庭咨询",
                                     "家庭矛盾调解"};
    char err[512] = "";
    catalog_t *cat = NULL;
    int rc = catalog_load(DEMO, &cat, err, sizeof err);
    if (rc)
        fprintf(stderr, "%s\n", err);
    CHECK_INT(rc, 0);
    if (!cat)
        return;
    CHECK_STR(cat->station_id, "dl-jinpu-xianjin");
    CHECK_STR(cat->station_name.zh, "金普新区先进街道社工站");
    CHECK(cat->station_phone != NULL);
    CHECK(cat->n_categories >= 6);
    CHECK(cat->n_services >= 15);
    for (size_t i = 0; i < sizeof categories / sizeof *categories; i++) {
        int found = 0;
        for (int c = 0; c < cat->n_categories; c++)
            found |= strcmp(cat->categories[c].name.zh, categories[i]) == 0;
        if (!found)
            fprintf(stderr, "demo lacks category %s\n", categories[i]);
        CHECK(found);
    }
    for (size_t i = 0; i < sizeof services / sizeof *services; i++) {
        if (!has_service_named(cat, services[i]))
            fprintf(stderr, "demo lacks service %s\n", services[i]);
        CHECK(has_service_named(cat, services[i]));
    }
    /* Every service is complete in both languages and reachable. */
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *s = &cat->services[i];
        CHECK(s->category >= 0 && s->category < cat->n_categories);
        CHECK(s->n_schedules >= 1);
        CHECK(s->duration >= 1 && s->duration <= 600);
        CHECK(s->summary.zh[0] && s->bring.zh[0] && s->description.zh[0]);
        CHECK(strcmp(s->name.en, s->name.zh) != 0);
        CHECK(strcmp(s->summary.en, s->summary.zh) != 0);
        CHECK(catalog_find_service(cat, s->id) == s);
    }
    for (int c = 0; c < cat->n_categories; c++) {
        CHECK(strcmp(cat->categories[c].name.en, cat->categories[c].name.zh) != 0);
        CHECK(catalog_find_category(cat, cat->categories[c].id) == &cat->categories[c]);
    }
    const catalog_service_t *kz = catalog_find_service(cat, "kangyang-zixun");
    CHECK(kz != NULL);
    if (kz)
        CHECK_STR(cat->categories[kz->category].id, "yanglao");
    catalog_destroy(cat);
}

static void test_minimal_fields(void)
{
    catalog_t *cat = parse_ok(HEAD);
    if (!cat)
        return;
    CHECK_STR(cat->station_id, "s1");
    CHECK_STR(cat->station_name.zh, "测试站");
    CHECK_STR(cat->station_name.en, "测试站"); /* no English: falls back */
    CHECK_STR(cat->station_address.zh, "");
    CHECK_STR(cat->station_phone, "");
    CHECK_INT(cat->n_closed, 0);
    CHECK_INT(cat->n_categories, 1);
    CHECK_STR(cat->categories[0].id, "c1");
    CHECK_INT(cat->categories[0].line, 4);
    CHECK_STR(cat->categories[0].summary.zh, "");
    CHECK_INT(cat->n_services, 1);
    const catalog_service_t *s = &cat->services[0];
    CHECK_STR(s->id, "v1");
    CHECK_INT(s->line, 6);
    CHECK_INT(s->category, 0);
    CHECK_STR(s->name.zh, "服务");
    CHECK_STR(s->name.en, "Service");
    CHECK_STR(s->description.en, "说明");
    CHECK_STR(s->bring.zh, "");
    CHECK_INT(s->duration, 30);
    CHECK_INT(s->n_schedules, 1);
    CHECK_INT(s->schedules[0].weekdays, 1u << 2);
    CHECK_INT(s->schedules[0].start, 9 * 60);
    CHECK_INT(s->schedules[0].end, 10 * 60);
    CHECK_INT(s->schedules[0].capacity, 4);
    CHECK_INT(s->schedules[0].from.y, 0);
    CHECK_INT(s->schedules[0].until.y, 0);
    CHECK_INT(s->schedules[0].line, 14);
    CHECK_INT(s->n_closed, 0);
    catalog_destroy(cat);
}

static void test_syntax_accepted(void)
{
    const char *text = "# comment\n"
                       "; another comment\n"
                       "\n"
                       "  [Station]  \n"
                       "ID = s-1_x\n"
                       "name =\xE3\x80\x80站 = 一号 # not a comment\xE3\x80\x80\n"
                       "phone = +86 (0411) 8888-0000\n"
                       "closed = 2027-01-01, 2027-02-05..2027-02-07\n"
                       "closed = 2027-05-01、2027-05-03，\n"
                       "[service v1]\n"
                       "\tcategory = c1\n"
                       "name = 服务\n"
                       "name_en = Service\n"
                       "description = 说明\n"
                       "audience = 所有人\n"
                       "location = 一楼\n"
                       "duration = 60\n"
                       "schedule = 周一-周三 09:00-10:00 4\n"
                       "schedule = 星期四、周五 09:00-10:00 5\n"
                       "schedule = sat, SUN 09:00-10:00 6\n"
                       "schedule = Mon - Fri 10:00-11:00 7 until 2026-12-31\n"
                       "schedule = Mon,Wed 10:00-11:30 8 from 2027-01-01 until 2027-06-30\n"
                       "schedule = 周天 10:00-11:00 9 until 2026-12-31 from 2026-12-01\n"
                       "schedule = Tue 10:30-11:30 10 from 2027-07-01\n"
                       "closed = 2026-12-25\n"
                       "[category c1]\n"
                       "name = 类别\n"
                       "summary_en = Only English\n";
    catalog_t *cat = parse_ok(text);
    if (!cat)
        return;
    CHECK_STR(cat->station_id, "s-1_x");
    CHECK_STR(cat->station_name.zh, "站 = 一号 # not a comment");
    CHECK_STR(cat->station_phone, "+86 (0411) 8888-0000");
    CHECK_INT(cat->n_closed, 6);
    if (cat->n_closed == 6) {
        CHECK_INT(cat->closed[0].d, 1);
        CHECK_INT(cat->closed[1].d, 5);
        CHECK_INT(cat->closed[3].d, 7);
        CHECK_INT(cat->closed[5].m, 5);
        CHECK_INT(cat->closed[5].d, 3);
    }
    const catalog_service_t *s = &cat->services[0];
    CHECK_INT(s->category, 0); /* the category follows its service */
    CHECK_INT(s->n_schedules, 7);
    if (s->n_schedules == 7) {
        CHECK_INT(s->schedules[0].weekdays, (1u << 1) | (1u << 2) | (1u << 3));
        CHECK_INT(s->schedules[1].weekdays, (1u << 4) | (1u << 5));
        CHECK_INT(s->schedules[2].weekdays, (1u << 6) | (1u << 7));
        CHECK_INT(s->schedules[3].weekdays, 0x3Eu);
        CHECK_INT(s->schedules[3].until.y, 2026);
        CHECK_INT(s->schedules[3].from.y, 0);
        CHECK_INT(s->schedules[4].from.m, 1);
        CHECK_INT(s->schedules[4].until.m, 6);
        CHECK_INT(s->schedules[5].weekdays, 1u << 7);
        CHECK_INT(s->schedules[5].from.m, 12);
        CHECK_INT(s->schedules[5].from.d, 1);
        CHECK_INT(s->schedules[5].capacity, 9);
        CHECK_INT(s->schedules[6].line, 24);
    }
    CHECK_INT(s->n_closed, 1);
    CHECK_STR(cat->categories[0].summary.zh, "");
    CHECK_STR(cat->categories[0].summary.en, "Only English");
    CHECK_STR(catalog_str(&cat->categories[0].name, 1), "类别");
    catalog_destroy(cat);
}

static void test_bom_crlf(void)
{
    /* HEAD with CRLF endings and a BOM; the last line has no line ending. */
    const char *text = "\xEF\xBB\xBF[station]\r\nid = s1\r\nname = 测试站\r\n"
                       "[category c1]\r\nname = 类别\r\n[service v1]\r\ncategory = c1\r\n"
                       "name = 服务\r\nname_en = Service\r\ndescription = 说明\r\n"
                       "audience = 所有人\r\nlocation = 一楼\r\nduration = 30\r\n"
                       "schedule = Tue 09:00-10:00 4";
    catalog_t *cat = parse_ok(text);
    if (cat) {
        CHECK_STR(cat->station_id, "s1");
        CHECK_STR(cat->services[0].location.zh, "一楼");
        CHECK_INT(cat->services[0].schedules[0].capacity, 4);
        catalog_destroy(cat);
    }
    /* Line numbers still count CRLF lines; a BOM only counts at the start. */
    expect_fail("\xEF\xBB\xBF[station]\r\nid = s1\r\ncolour = red\r\n", 3, "unknown key");
    expect_fail("[station]\n\xEF\xBB\xBFid = s1\n", 2, "unknown key");
    expect_fail("[station]\rid = s1\n", 1, "stray carriage return");
}

struct bad_case {
    const char *text;
    int line;
    const char *msg;
};

static const struct bad_case bad_cases[] = {
    /* structure */
    {HEAD "[room r1]\n", 15, "unknown section '[room]'"},
    {HEAD "[]\n", 15, "unknown section"},
    {HEAD "[category c2\n", 15, "must end with ']'"},
    {HEAD "[category]\n", 15, "needs an id"},
    {"[station x]\n", 1, "takes no id"},
    {HEAD "[station]\n", 15, "second [station] section (the first is on line 1)"},
    {"name = x\n" HEAD, 1, "outside any section"},
    {"\n# c\nname = x\n", 3, "outside any section"},
    {HEAD "hello\n", 15, "expected 'key = value'"},
    {HEAD "= x\n", 15, "missing key"},
    {HEAD "colour = red\n", 15, "unknown key 'colour' in [service v1]"},
    {"[station]\nid = s1\nduration = 3\n", 3, "unknown key 'duration' in [station]"},
    {"[category c1]\nschedule = Mon 09:00-10:00 1\n", 2, "unknown key 'schedule'"},
    /* duplicates */
    {HEAD "name = 又一个\n", 15, "duplicate key 'name' (first on line 8)"},
    {HEAD "DURATION = 30\n", 15, "duplicate key 'duration' (first on line 13)"},
    {"[station]\nid = a\nid = b\n", 3, "duplicate key 'id' (first on line 2)"},
    {HEAD "[category c1]\nname = x\n", 15, "duplicate category id 'c1' (first on line 4)"},
    {HEAD "[service v1]\n", 15, "duplicate service id 'v1' (first on line 6)"},
    /* ids */
    {HEAD "[category Bad]\n", 15, "bad id 'Bad'"},
    {HEAD "[service -x]\n", 15, "bad id '-x'"},
    {HEAD "[service a b]\n", 15, "bad id 'a b'"},
    {HEAD "[service 儿童]\n", 15, "bad id"},
    {HEAD "[service a2345678901234567890123456789012345678901]\n", 15, "at most 40 bytes"},
    {"[station]\nid = a.b\n", 2, "bad id 'a.b'"},
    {HEAD "[service v2]\ncategory = C1\n", 16, "bad id 'C1'"},
    /* times */
    {HEAD "schedule = Wed 25:00-26:00 4\n", 15, "bad time '25:00'"},
    {HEAD "schedule = Wed 9:00-10:00 4\n", 15, "bad time '9:00'"},
    {HEAD "schedule = Wed 09:00-10:60 4\n", 15, "bad time '10:60'"},
    {HEAD "schedule = Wed 09:00 4\n", 15, "bad time window '09:00'"},
    {HEAD "schedule = Wed 10:00-10:00 4\n", 15, "does not end after it starts"},
    {HEAD "schedule = Wed 11:00-10:00 4\n", 15, "does not end after it starts"},
    {HEAD "schedule = Wed\n", 15, "needs a time window"},
    /* weekdays */
    {HEAD "schedule = Tues 09:00-10:00 4\n", 15, "bad weekday 'Tues'"},
    {HEAD "schedule = 周八 09:00-10:00 4\n", 15, "bad weekday '周八'"},
    {HEAD "schedule = Mon,,Xyz 09:00-10:00 4\n", 15, "bad weekday 'Xyz'"},
    {HEAD "schedule = Fri-Mon 09:00-10:00 4\n", 15, "runs backwards"},
    {HEAD "schedule = Mon- 09:00-10:00 4\n", 15, "bad weekday 'Mon-'"},
    {HEAD "schedule = Mon Wed 09:00-10:00 4\n", 15, "bad weekday 'Mon Wed'"},
    {HEAD "schedule = 09:00-10:00 4\n", 15, "needs weekdays first"},
    {HEAD "schedule = , 09:00-10:00 4\n", 15, "needs weekdays first"},
    /* capacity */
    {HEAD "schedule = Wed 09:00-10:00 0\n", 15, "at least 1"},
    {HEAD "schedule = Wed 09:00-10:00 -3\n", 15, "'-3' is not a whole number"},
    {HEAD "schedule = Wed 09:00-10:00 abc\n", 15, "'abc' is not a whole number"},
    {HEAD "schedule = Wed 09:00-10:00 12人\n", 15, "not a whole number"},
    {HEAD "schedule = Wed 09:00-10:00 10001\n", 15, "too large (at most 10000"},
    {HEAD "schedule = Wed 09:00-10:00 99999999999999999999999\n", 15, "too large"},
    {HEAD "schedule = Wed 09:00-10:00\n", 15, "needs a capacity"},
    /* from / until */
    {HEAD "schedule = Wed 09:00-10:00 4 weekly\n", 15, "unexpected 'weekly'"},
    {HEAD "schedule = Wed 09:00-10:00 4 from\n", 15, "'from' needs a date"},
    {HEAD "schedule = Wed 09:00-10:00 4 from 2026-13-01\n", 15, "bad date '2026-13-01'"},
    {HEAD "schedule = Wed 09:00-10:00 4 until 2026-1-5\n", 15, "bad date '2026-1-5'"},
    {HEAD "schedule = Wed 09:00-10:00 4 from 2027-01-01 from 2027-02-01\n", 15, "given twice"},
    {HEAD "schedule = Wed 09:00-10:00 4 from 2027-02-01 until 2027-01-31\n", 15,
     "ends (until) before it starts"},
    /* overlaps within one service */
    {HEAD "schedule = Mon-Wed 09:30-10:30 4\n", 15, "overlaps the one on line 14"},
    {HEAD "schedule = Tue 08:00-12:00 4\n", 15, "overlaps the one on line 14"},
    {HEAD "schedule = Tue 09:30-10:30 4 from 2030-01-01\n", 15, "overlaps the one on line 14"},
    {HEAD "schedule = Thu 09:00-10:00 4 until 2027-03-01\n"
          "schedule = Thu 09:30-10:30 4 from 2027-03-01\n",
     16, "overlaps the one on line 15"},
    {HEAD "schedule = Thu 09:00-10:00 4 from 2027-01-01 until 2027-03-01\n"
          "schedule = Thu 09:30-10:30 4 from 2026-01-01 until 2027-01-01\n",
     16, "overlaps the one on line 15"},
    /* dates */
    {HEAD "closed = 2026-02-30\n", 15, "bad date '2026-02-30'"},
    {HEAD "closed = 2026-12-01, tomorrow\n", 15, "bad date 'tomorrow'"},
    {HEAD "closed = 2026-12-01..\n", 15, "bad date ''"},
    {HEAD "closed = 2026-12-05..2026-12-01\n", 15, "ends before it starts"},
    {HEAD "closed = 2026-01-01..2027-01-02\n", 15, "longer than 366 days"},
    {"[station]\nid = s1\nclosed = 2026/12/01\n", 3, "bad date '2026/12/01'"},
    /* duration */
    {HEAD "[service v2]\n" SVC_BODY "schedule = Mon 09:00-09:20 4\n", 23,
     "shorter than the service's duration (30 minutes)"},
    {"[station]\nid = s1\nname = n\n[category c1]\nname = c\n[service v1]\n"
     "schedule = Mon 09:00-09:20 4\n" SVC_BODY,
     7, "shorter than the service's duration"},
    {HEAD "[service v2]\ncategory = c1\nduration = 0\n", 17, "duration '0'"},
    {HEAD "[service v2]\ncategory = c1\nduration = 601\n", 17, "1..600"},
    {HEAD "[service v2]\ncategory = c1\nduration = 1h\n", 17, "duration '1h'"},
    {HEAD "[service v2]\ncategory = c1\nduration =\n", 17, "'duration' must not be empty"},
    /* missing and empty required keys */
    {"[station]\nname = 站\n[category c1]\nname = c\n", 1,
     "[station] is missing the required key 'id'"},
    {"[station]\nid = s1\n\n[category c1]\n", 1, "missing the required key 'name'"},
    {"[station]\nid = s1\nname = 站\n[category c1]\nname_en = C\n" HEAD, 4,
     "[category c1] is missing the required key 'name'"},
    {HEAD "[service v2]\ncategory = c1\nname = x\n", 15,
     "[service v2] is missing the required key 'name_en'"},
    {HEAD "[service v2]\n" SVC_BODY, 15, "[service v2] is missing the required key 'schedule'"},
    {"[station]\nid =\n", 2, "'id' must not be empty"},
    {HEAD "[service v2]\nname_en = \n", 16, "'name_en' must not be empty"},
    {HEAD "[service v2]\ncategory = c1\nlocation =\xE3\x80\x80\n", 17,
     "'location' must not be empty"},
    /* file level */
    {"", 1, "no [station] section"},
    {"# only a comment\n", 1, "no [station] section"},
    {"[category c1]\nname = c\n", 1, "no [station] section"},
    {"[station]\nid = s1\nname = 站\n", 1, "no [category ID] section"},
    {"[station]\nid = s1\nname = 站\n[category c1]\nname = c\n", 1, "no [service ID] section"},
    /* references */
    {HEAD "[service v2]\n" SVC_BODY "schedule = Mon 09:00-10:00 4\n"
          "[service v3]\ncategory = nope\nname = 三\nname_en = Three\ndescription = d\n"
          "audience = a\nlocation = l\nduration = 30\nschedule = Mon 09:00-10:00 4\n",
     25, "unknown category 'nope' (no [category nope] in this file)"},
    {HEAD "[category c2]\nname = 空\n", 15, "category 'c2' has no services"},
    /* queue lines (issue 19) */
    {HEAD "[line]\n", 15, "[line] needs an id"},
    {HEAD "[line Zx]\n", 15, "bad id 'Zx'"},
    {HEAD "[line l1]\nname = 咨询\n", 15, "[line l1] is missing the required key 'letter'"},
    {HEAD "[line l1]\nletter = a\n", 16, "letter 'a' must be one capital letter A..Z"},
    {HEAD "[line l1]\nletter = AB\n", 16, "letter 'AB'"},
    {HEAD "[line l1]\nletter = A\nname = x\ncap = 0\n", 18, "cap '0' must be a whole number"},
    {HEAD "[line l1]\nletter = A\nname = x\ncap = 1000\n", 18, "1..999"},
    {HEAD "[line l1]\nletter = A\nname = x\n[line l1]\n", 18,
     "duplicate line id 'l1' (first on line 15)"},
    {HEAD "[line l1]\nletter = A\nname = x\n[line l2]\nletter = A\nname = y\n", 18,
     "letter A is taken by [line l1] (line 15)"},
    {HEAD "line = nope\n", 6, "[service v1] names line 'nope' (no [line nope] in this file)"},
    {HEAD "line = Nope\n", 15, "bad id 'Nope'"},
    {HEAD "[line l1]\nletter = A\nname = x\nschedule = Mon 09:00-10:00 1\n", 18,
     "unknown key 'schedule' in [line l1]"},
    /* phone */
    {"[station]\nid = s1\nphone = call me\n", 3, "bad phone 'call me'"},
    /* bytes */
    {HEAD "summary = \xFF\n", 15, "invalid UTF-8"},
    {HEAD "# \xC3\x28\n", 15, "invalid UTF-8"},
    {HEAD "summary = \xC0\xAF\n", 15, "invalid UTF-8"},         /* overlong '/' */
    {HEAD "summary = \xED\xA0\x80\n", 15, "invalid UTF-8"},     /* surrogate */
    {HEAD "summary = \xF4\x90\x80\x80\n", 15, "invalid UTF-8"}, /* above U+10FFFF */
    {HEAD "summary = \xE6\x9C\n", 15, "invalid UTF-8"},         /* truncated */
    {HEAD "summary = a\x01z\n", 15, "control character 0x01"},
    {HEAD "summary = a\x7Fz\n", 15, "control character 0x7F"},
    {HEAD "summary = a\rz\n", 15, "stray carriage return"},
};

/* Lines parse into the model, a service names its line, the cap defaults
 * to the most a line gives (issue 19). */
static void test_lines(void)
{
    catalog_t *cat = parse_ok(HEAD "line = l2\n[line l1]\nletter = A\nname = 综合咨询\n"
                                   "name_en = General enquiries\ncap = 80\n"
                                   "[line l2]\nletter = B\nname = 社会救助\n");
    if (!cat)
        return;
    CHECK_INT(cat->n_lines, 2);
    CHECK_STR(cat->lines[0].id, "l1");
    CHECK_INT(cat->lines[0].letter, 'A');
    CHECK_STR(cat->lines[0].name.en, "General enquiries");
    CHECK_INT(cat->lines[0].cap, 80);
    CHECK_STR(cat->lines[1].name.en, "社会救助"); /* English falls back */
    CHECK_INT(cat->lines[1].cap, 999);
    CHECK_STR(cat->services[0].queue_line, "l2");
    CHECK(catalog_find_line(cat, "l2") == &cat->lines[1]);
    CHECK(catalog_find_line(cat, "l3") == NULL);
    catalog_destroy(cat);
    /* No lines: no queue, nothing else changes. */
    cat = parse_ok(HEAD);
    if (cat) {
        CHECK_INT(cat->n_lines, 0);
        CHECK(cat->services[0].queue_line == NULL);
        catalog_destroy(cat);
    }
}

static void test_rejections(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        int before = test_cur_failed;
        test_cur_failed = 0;
        expect_fail(bad_cases[i].text, bad_cases[i].line, bad_cases[i].msg);
        if (test_cur_failed)
            fprintf(stderr, "  in case %zu (\"%s\")\n", i, bad_cases[i].msg);
        test_cur_failed |= before;
    }
}

/* Neighbours of the rejected cases that must pass, so the rules are no
 * stricter than documented. */
static void test_accepted_edges(void)
{
    static const char *good[] = {
        HEAD "schedule = Tue 10:00-11:00 4\n", /* touching windows */
        HEAD "schedule = Wed 09:00-10:00 4\n", /* other weekday */
        HEAD "schedule = Thu 09:00-10:00 4 until 2027-02-28\n"
             "schedule = Thu 09:30-10:30 4 from 2027-03-01\n", /* disjoint dates */
        HEAD "schedule = Wed 09:00-10:00 10000\n",             /* largest capacity */
        HEAD "schedule = Wed 00:00-23:59 1\n",
        HEAD "closed = 2026-01-01..2026-12-31\n", /* 365 days */
        HEAD "closed = 2028-02-29\n",             /* leap day */
        HEAD "closed =\n",
        HEAD "bring =\n",
        HEAD "[service v2]\n" SVC_BODY "schedule = Tue 09:00-09:30 4\n", /* exactly fits */
        HEAD "[service a234567890123456789012345678901234567890]\n" SVC_BODY
             "schedule = Tue 09:00-09:30 4\n", /* 40-byte id */
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        catalog_t *cat = parse_ok(good[i]);
        if (!cat)
            fprintf(stderr, "  in good case %zu\n", i);
        catalog_destroy(cat);
    }
}

static void test_first_error_wins(void)
{
    /* Two errors: the earlier line is reported, even when the later one
     * would be found by a check that runs at the end of the file. */
    expect_fail(HEAD "[service v2]\ncategory = nope\ncolour = red\n", 17, "unknown key");
    expect_fail(HEAD "[category c2]\nname = x\nfoo = 1\n", 17, "unknown key 'foo'");
    /* A missing key is found when the section ends, but names its header. */
    expect_fail(HEAD "[service v2]\ncategory = c1\n[service v3]\nbad key\n", 15,
                "missing the required key 'name'");
}

static void test_nul_and_long_lines(void)
{
    static const char nul[] = HEAD "summary = a\0b\n";
    expect_fail_n(nul, sizeof nul - 1, 15, "NUL byte");
    /* A NUL right after the BOM, on line 1. */
    expect_fail_n("\xEF\xBB\xBF\0", 4, 1, "NUL byte");

    size_t head = strlen(HEAD), key = strlen("summary = ");
    char *text = malloc(head + key + 5000 + 2);
    CHECK(text != NULL);
    if (!text)
        return;
    /* 4096 bytes without the line ending pass, also with CRLF... */
    memcpy(text, HEAD, head);
    memcpy(text + head, "summary = ", key);
    memset(text + head + key, 'x', 4096 - key);
    memcpy(text + head + 4096, "\r\n", 3);
    catalog_t *cat = parse_ok(text);
    if (cat)
        CHECK_INT(strlen(cat->services[0].summary.zh), 4096 - key);
    catalog_destroy(cat);
    /* ...4097 do not. */
    memset(text + head + key, 'x', 4097 - key);
    memcpy(text + head + 4097, "\n", 2);
    expect_fail(text, 15, "line is 4097 bytes long (at most 4096)");
    free(text);
}

static void test_catalog_str(void)
{
    catalog_text_t both = {"中文", "English"}, zh_only = {"中文", NULL};
    catalog_text_t empty_en = {"中文", ""}, none = {NULL, NULL};
    CHECK_STR(catalog_str(&both, 0), "中文");
    CHECK_STR(catalog_str(&both, 1), "English");
    CHECK_STR(catalog_str(&zh_only, 1), "中文");
    CHECK_STR(catalog_str(&empty_en, 1), "中文");
    CHECK_STR(catalog_str(&none, 1), "");
    CHECK_STR(catalog_str(NULL, 0), "");

    /* In a parsed catalog English falls back per field. */
    catalog_t *cat = parse_ok(HEAD "summary = 摘要\nsummary_en = Summary\nbring = 身份证\n"
                                   "location_en =\n");
    if (!cat)
        return;
    const catalog_service_t *s = &cat->services[0];
    CHECK_STR(catalog_str(&s->summary, 1), "Summary");
    CHECK_STR(catalog_str(&s->summary, 0), "摘要");
    CHECK_STR(catalog_str(&s->bring, 1), "身份证");
    CHECK_STR(catalog_str(&s->location, 1), "一楼");
    CHECK_STR(catalog_str(&s->name, 1), "Service");
    CHECK_STR(catalog_str(&cat->categories[0].name, 1), "类别");
    CHECK_STR(catalog_str(&cat->station_address, 1), "");
    catalog_destroy(cat);
}

static dt_date_t day(int y, int m, int d)
{
    dt_date_t r = {y, m, d};
    return r;
}

static void test_is_closed(void)
{
    catalog_t *cat = parse_ok("[station]\nid = s1\nname = 站\nclosed = 2027-01-01\n"
                              "closed = 2027-02-05..2027-02-07\n"
                              "[category c1]\nname = c\n"
                              "[service v1]\n" SVC_BODY "schedule = Mon 09:00-10:00 4\n"
                              "closed = 2026-12-25, 2026-12-31\n"
                              "[service v2]\n" SVC_BODY "schedule = Mon 09:00-10:00 4\n");
    if (!cat)
        return;
    const catalog_service_t *a = &cat->services[0], *b = &cat->services[1];
    CHECK_INT(cat->n_closed, 4);
    CHECK_INT(catalog_is_closed(cat, a, day(2027, 1, 1)), 1);
    CHECK_INT(catalog_is_closed(cat, b, day(2027, 1, 1)), 1);
    CHECK_INT(catalog_is_closed(cat, NULL, day(2027, 1, 1)), 1);
    CHECK_INT(catalog_is_closed(cat, b, day(2027, 2, 4)), 0);
    CHECK_INT(catalog_is_closed(cat, b, day(2027, 2, 5)), 1);
    CHECK_INT(catalog_is_closed(cat, b, day(2027, 2, 6)), 1);
    CHECK_INT(catalog_is_closed(cat, b, day(2027, 2, 7)), 1);
    CHECK_INT(catalog_is_closed(cat, b, day(2027, 2, 8)), 0);
    CHECK_INT(catalog_is_closed(cat, a, day(2026, 12, 25)), 1);
    CHECK_INT(catalog_is_closed(cat, a, day(2026, 12, 31)), 1);
    CHECK_INT(catalog_is_closed(cat, b, day(2026, 12, 25)), 0);
    CHECK_INT(catalog_is_closed(cat, NULL, day(2026, 12, 25)), 0);
    CHECK_INT(catalog_is_closed(cat, a, day(2025, 12, 25)), 0);
    /* Closed dates only: a weekday without schedule is not "closed". */
    CHECK_INT(catalog_is_closed(cat, a, day(2026, 12, 29)), 0);
    catalog_destroy(cat);
}

static void test_find(void)
{
    catalog_t *cat = parse_ok(HEAD "[service v2]\n" SVC_BODY "schedule = Mon 09:00-10:00 4\n");
    if (!cat)
        return;
    CHECK(catalog_find_service(cat, "v2") == &cat->services[1]);
    CHECK(catalog_find_service(cat, "v3") == NULL);
    CHECK(catalog_find_service(cat, "V2") == NULL);
    CHECK(catalog_find_category(cat, "c1") == &cat->categories[0]);
    CHECK(catalog_find_category(cat, "v1") == NULL);
    CHECK(catalog_find_category(NULL, "c1") == NULL);
    CHECK(catalog_find_service(cat, NULL) == NULL);
    catalog_destroy(cat);
    catalog_destroy(NULL);
}

static void test_load_errors(void)
{
    char err[512] = "";
    catalog_t sentinel, *cat = &sentinel;

    CHECK_INT(catalog_load("tests/core/catalogs/no-such-file.ini", &cat, err, sizeof err), -1);
    CHECK(cat == NULL);
    CHECK_STR(err, "tests/core/catalogs/no-such-file.ini: No such file or directory");

    cat = &sentinel;
    CHECK_INT(catalog_load("tests/core/catalogs", &cat, err, sizeof err), -1);
    CHECK(cat == NULL);
    CHECK(strncmp(err, "tests/core/catalogs: ", 21) == 0);

    /* Fixtures name themselves and their line. */
    cat = &sentinel;
    CHECK_INT(catalog_load("tests/core/catalogs/bad-overlap.ini", &cat, err, sizeof err), -1);
    CHECK(cat == NULL);
    CHECK(strncmp(err,
                  "tests/core/catalogs/bad-overlap.ini:19: schedule overlaps the one on "
                  "line 18",
                  68) == 0);
    cat = NULL;
    CHECK_INT(catalog_load("tests/core/catalogs/good-bom-crlf.ini", &cat, err, sizeof err), 0);
    if (cat) {
        CHECK_STR(cat->station_name.en, "Fixture Station");
        CHECK_INT(cat->n_services, 1);
        catalog_destroy(cat);
    } else {
        fprintf(stderr, "%s\n", err);
    }

    /* Too big: a file of 1 MiB + 1 byte. */
    char path[] = "/tmp/test_catalog_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "wb");
    for (int i = 0; i < 1024 * 1024 + 1; i++)
        fputc('#', f);
    fclose(f);
    cat = &sentinel;
    CHECK_INT(catalog_load(path, &cat, err, sizeof err), -1);
    CHECK(cat == NULL);
    CHECK(strstr(err, "larger than 1 MiB") != NULL);
    CHECK(strncmp(err, path, strlen(path)) == 0);
    remove(path);

    /* A tiny err buffer is still terminated. */
    char small[8];
    memset(small, 'x', sizeof small);
    cat = &sentinel;
    CHECK_INT(catalog_parse("x", 1, "t.ini", &cat, small, sizeof small), -1);
    CHECK(cat == NULL);
    CHECK_INT(strlen(small), sizeof small - 1);
    /* No err buffer at all is fine too. */
    CHECK_INT(catalog_parse("x", 1, "t.ini", &cat, NULL, 0), -1);
}

/* Random damage to the demo must give a clean result either way: a catalog,
 * or NULL with a "FILE:LINE: " message. ASan checks nothing leaks. */
static void test_damaged_demo(void)
{
    FILE *f = fopen(DEMO, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char demo[64 * 1024];
    size_t n = fread(demo, 1, sizeof demo, f);
    fclose(f);
    CHECK(n > 0 && n < sizeof demo);
    char *copy = malloc(n);
    if (!copy)
        return;
    uint32_t rng = 12345;
    int ok = 0, bad = 0;
    for (int iter = 0; iter < 3000; iter++) {
        memcpy(copy, demo, n);
        size_t len = n;
        int edits = 1 + iter % 4;
        for (int e = 0; e < edits; e++) {
            rng = rng * 1103515245u + 12345u;
            size_t at = (rng >> 8) % len;
            rng = rng * 1103515245u + 12345u;
            switch (iter % 3) {
            case 0:
                copy[at] = (char)(rng >> 16);
                break;
            case 1:
                copy[at] = "\n=[],-: 0#\r"[(rng >> 16) % 11];
                break;
            default:
                len = at; /* truncated mid-file */
                break;
            }
        }
        char err[256] = "";
        catalog_t sentinel, *cat = &sentinel;
        int rc = catalog_parse(copy, len, "d.ini", &cat, err, sizeof err);
        if (rc == 0) {
            CHECK(cat != NULL && cat != &sentinel);
            ok++;
            catalog_destroy(cat);
        } else {
            CHECK_INT(rc, -1);
            CHECK(cat == NULL);
            CHECK(strncmp(err, "d.ini:", 6) == 0 && strstr(err, ": ") != NULL);
            bad++;
        }
    }
    CHECK(ok > 0 && bad > 0);
    free(copy);
}

/* Lines of text so far: the line the next one will be. */
static int next_line(const char *text)
{
    int n = 1;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Issue 14 item 8: a catalog bigger than any station's is refused by name,
 * at the line that goes over, so that it never generates millions of
 * sessions. One below each bound still loads. */
static void test_limits(void)
{
    size_t cap = 2u * 1024 * 1024, len;
    char *t = malloc(cap);
    CHECK(t != NULL);
    if (!t)
        return;
    for (int over = 0; over < 2; over++) {
        /* categories: HEAD has one; CATALOG_CATEGORIES_MAX in all, or one more */
        len = (size_t)snprintf(t, cap, "%s", HEAD);
        int line = 0;
        for (int c = 2; c <= CATALOG_CATEGORIES_MAX + over; c++) {
            if (c == CATALOG_CATEGORIES_MAX + 1)
                line = next_line(t);
            len += (size_t)snprintf(t + len, cap - len,
                                    "[category k%d]\nname = 类\n[service w%d]\ncategory = k%d\n"
                                    "%sschedule = Tue 09:00-10:00 4\n",
                                    c, c, c, SVC_BODY + strlen("category = c1\n"));
        }
        if (over)
            expect_fail(t, line, "too many categories in the catalog (at most 100)");
        else
            catalog_destroy(parse_ok(t));
        /* services */
        len = (size_t)snprintf(t, cap, "%s", HEAD);
        for (int v = 2; v <= CATALOG_SERVICES_MAX + over; v++) {
            if (v == CATALOG_SERVICES_MAX + 1)
                line = next_line(t);
            len += (size_t)snprintf(t + len, cap - len,
                                    "[service v%d]\n%sschedule = Tue 09:00-10:00 4\n", v, SVC_BODY);
        }
        if (over)
            expect_fail(t, line, "too many services in the catalog (at most 500)");
        else
            catalog_destroy(parse_ok(t));
        /* schedules of the whole catalog: HEAD has one; 20 a service */
        len = (size_t)snprintf(t, cap, "%s", HEAD);
        int total = 1;
        for (int v = 2; total < CATALOG_SCHEDULES_TOTAL_MAX + over; v++) {
            len += (size_t)snprintf(t + len, cap - len, "[service v%d]\n%s", v, SVC_BODY);
            for (int k = 0; k < 20 && total < CATALOG_SCHEDULES_TOTAL_MAX + over; k++, total++) {
                if (total == CATALOG_SCHEDULES_TOTAL_MAX)
                    line = next_line(t);
                int a = 7 * 60 + 30 * k;
                len += (size_t)snprintf(t + len, cap - len,
                                        "schedule = Mon-Sun %02d:%02d-%02d:%02d 4\n", a / 60,
                                        a % 60, (a + 30) / 60, (a + 30) % 60);
            }
        }
        if (over)
            expect_fail(t, line, "too many schedules in the catalog (at most 1000)");
        else
            catalog_destroy(parse_ok(t));
    }
    free(t);
}

int main(void)
{
    RUN(test_demo_loads);
    RUN(test_minimal_fields);
    RUN(test_syntax_accepted);
    RUN(test_bom_crlf);
    RUN(test_rejections);
    RUN(test_lines);
    RUN(test_accepted_edges);
    RUN(test_first_error_wins);
    RUN(test_nul_and_long_lines);
    RUN(test_catalog_str);
    RUN(test_is_closed);
    RUN(test_find);
    RUN(test_load_errors);
    RUN(test_damaged_demo);
    RUN(test_limits);
    TEST_EXIT();
}
