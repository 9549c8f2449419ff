/* The resident's walk-in flow (issue 19, firmware/core/flow_queue.c)
 * headless: home's walk-in asks for the lines; a tap on an open line takes
 * a number (priority when the toggle is on) and shows the ticket, printed;
 * a line closed or full takes nothing and says why; the store's refusal or
 * failure does too; the reset wipes the number. The estimate
 * (core/queue.c queue_estimate) and what the voice says of each screen
 * (core/speech_queue.c). */
#include <stdint.h>
#include <string.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/flow.h"
#include "../../firmware/core/queue.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/core/speech.h"
#include "../unit/test.h"

static const char catalog_text[] = "[station]\nid = s1\nname = 测试站\n"
                                   "[category c1]\nname = 类别一\n"
                                   "[service v1]\ncategory = c1\nname = 服务一\nname_en = One\n"
                                   "description = 说明\naudience = 所有人\n"
                                   "location = 一楼\nduration = 30\n"
                                   "schedule = Mon-Sun 09:00-10:00 4\n";
static catalog_t *cat;
static uint64_t clk;
static long long t0;

static flow_time_t next_t(void)
{
    clk += 500;
    flow_time_t t = {clk, t0 + (long long)(clk / 60000)};
    return t;
}

static flow_t *new_flow(void)
{
    flow_config_t c;
    memset(&c, 0, sizeof c);
    c.idle_timeout_ms = 60000;
    c.countdown_ms = 20000;
    c.finished_ms = 20000;
    rules_defaults(&c.rules);
    c.queue_priority_age = 65;
    c.queue_priority_every = 2;
    dt_date_t d = {2026, 12, 1};
    t0 = dt_stamp(d, 9 * 60);
    clk = 0;
    flow_time_t t = {0, t0};
    flow_t *f = flow_create(cat, &c, t);
    CHECK(f != NULL);
    return f;
}

static void tap(flow_t *f, const char *id)
{
    flow_tap(f, id, next_t());
}

static const char *screen(const flow_t *f)
{
    return flow_screen_id(flow_state(f)->screen);
}

static flow_request_t take(flow_t *f, flow_request_kind_t kind)
{
    flow_request_t rq;
    memset(&rq, 0, sizeof rq);
    CHECK_INT(flow_take_request(f, &rq), 1);
    CHECK_INT(rq.kind, kind);
    return rq;
}

static void no_request(flow_t *f)
{
    flow_request_t rq;
    CHECK_INT(flow_take_request(f, &rq), 0);
}

/* Home, walk-in, and the lines: A open (2 waiting), B closed, C full. */
static flow_t *on_walkin(void)
{
    flow_t *f = new_flow();
    tap(f, "start");
    tap(f, "walk-in");
    CHECK_STR(screen(f), "walk-in");
    take(f, FLOW_REQ_QUEUE_LINES);
    CHECK_INT(flow_state(f)->q_loaded, 0);
    flow_queue_line_t lines[3] = {{"zonghe", 'A', "综合咨询", "General", 2, 0, 0},
                                  {"jiuzhu", 'B', "社会救助", "Assistance", 0, 1, 0},
                                  {"yanglao", 'C', "养老服务", "Elderly care", 0, 0, 1}};
    flow_queue_lines_result(f, lines, 3, 0);
    CHECK_INT(flow_state(f)->n_q_lines, 3);
    return f;
}

static void a_walkin_takes_a_number(void)
{
    flow_t *f = on_walkin();
    tap(f, "line:zonghe");
    flow_request_t rq = take(f, FLOW_REQ_QUEUE_TAKE);
    CHECK_STR(rq.input, "zonghe");
    CHECK_INT(rq.party, 0); /* not priority */
    CHECK_INT(flow_state(f)->busy, 1);
    flow_queue_take_result(f, RULES_OK, "A003", 2, 10);
    CHECK_STR(screen(f), "queue-ticket");
    CHECK_STR(flow_state(f)->q_label, "A003");
    CHECK_INT(flow_state(f)->q_ahead, 2);
    CHECK_INT(flow_state(f)->q_minutes, 10);
    CHECK_INT(flow_state(f)->q_priority_taken, 0);
    CHECK_STR(flow_queue_ticket_line(flow_state(f))->id, "zonghe");
    /* Printed as shown, without holding the screen. */
    take(f, FLOW_REQ_PRINT);
    CHECK_INT(flow_state(f)->print, FLOW_PRINT_SENDING);
    CHECK_INT(flow_state(f)->busy, 0);
    CHECK_INT(flow_state(f)->print_tries, 1);
    flow_print_result(f, FLOW_PRINT_OK);
    CHECK_INT(flow_state(f)->print, FLOW_PRINT_OK);
    /* 打印凭条 prints the same number again, counted as a second try. */
    tap(f, "print");
    take(f, FLOW_REQ_PRINT);
    CHECK_INT(flow_state(f)->print, FLOW_PRINT_SENDING);
    CHECK_INT(flow_state(f)->print_tries, 2);
    CHECK_STR(flow_state(f)->q_label, "A003");
    flow_print_result(f, FLOW_PRINT_FAILED);
    CHECK_INT(flow_state(f)->print, FLOW_PRINT_FAILED);
    CHECK_STR(screen(f), "queue-ticket");
    /* A finished screen: it counts down back to attract. */
    CHECK(flow_state(f)->finish_s > 0);
    tap(f, "done");
    CHECK_STR(screen(f), "home");
    flow_destroy(f);
}

static void priority_is_asked_when_toggled(void)
{
    flow_t *f = on_walkin();
    tap(f, "priority");
    CHECK_INT(flow_state(f)->q_priority, 1);
    tap(f, "priority");
    CHECK_INT(flow_state(f)->q_priority, 0);
    tap(f, "priority");
    tap(f, "line:zonghe");
    flow_request_t rq = take(f, FLOW_REQ_QUEUE_TAKE);
    CHECK_INT(rq.party, 1);
    flow_queue_take_result(f, RULES_OK, "A004", 1, 5);
    CHECK_INT(flow_state(f)->q_priority_taken, 1);
    take(f, FLOW_REQ_PRINT);
    /* The next visit starts without it. */
    tap(f, "done");
    tap(f, "walk-in");
    CHECK_INT(flow_state(f)->q_priority, 0);
    flow_destroy(f);
}

static void closed_and_full_lines_take_nothing(void)
{
    flow_t *f = on_walkin();
    tap(f, "line:jiuzhu");
    CHECK_STR(screen(f), "queue-refused");
    CHECK_INT(flow_state(f)->q_refusal, FLOW_QUEUE_CLOSED);
    no_request(f);
    /* 选其他事项: the lines read again. */
    tap(f, "walk-in");
    CHECK_STR(screen(f), "walk-in");
    take(f, FLOW_REQ_QUEUE_LINES);
    flow_queue_line_t lines[1] = {{"yanglao", 'C', "养老服务", "Elderly care", 0, 0, 1}};
    flow_queue_lines_result(f, lines, 1, 0);
    tap(f, "line:yanglao");
    CHECK_STR(screen(f), "queue-refused");
    CHECK_INT(flow_state(f)->q_refusal, FLOW_QUEUE_FULL);
    no_request(f);
    tap(f, "line:nosuch");
    tap(f, "done");
    CHECK_STR(screen(f), "home");
    flow_destroy(f);
}

static void the_store_refuses_or_fails(void)
{
    flow_t *f = on_walkin();
    tap(f, "line:zonghe");
    take(f, FLOW_REQ_QUEUE_TAKE);
    /* Staff closed it meanwhile: said, and marked on the button. */
    flow_queue_take_result(f, RULES_CLOSED, NULL, 0, 0);
    CHECK_STR(screen(f), "queue-refused");
    CHECK_INT(flow_state(f)->q_refusal, FLOW_QUEUE_CLOSED);
    CHECK_INT(flow_state(f)->q_lines[0].closed, 1);
    CHECK_STR(flow_state(f)->q_label, "");
    tap(f, "back");
    take(f, FLOW_REQ_QUEUE_LINES);
    flow_queue_line_t lines[1] = {{"zonghe", 'A', "综合咨询", "General", 2, 0, 0}};
    flow_queue_lines_result(f, lines, 1, 0);
    tap(f, "line:zonghe");
    take(f, FLOW_REQ_QUEUE_TAKE);
    flow_queue_take_result(f, RULES_FULL, NULL, 0, 0);
    CHECK_INT(flow_state(f)->q_refusal, FLOW_QUEUE_FULL);
    tap(f, "walk-in");
    take(f, FLOW_REQ_QUEUE_LINES);
    flow_queue_lines_result(f, lines, 1, 0);
    tap(f, "line:zonghe");
    take(f, FLOW_REQ_QUEUE_TAKE);
    flow_queue_take_result(f, -1, NULL, 0, 0);
    CHECK_INT(flow_state(f)->q_refusal, FLOW_QUEUE_ERROR);
    /* OK without a label is a failure, never an empty ticket. */
    tap(f, "walk-in");
    take(f, FLOW_REQ_QUEUE_LINES);
    flow_queue_lines_result(f, NULL, -1, 1);
    CHECK_INT(flow_state(f)->q_failed, 1);
    CHECK_INT(flow_state(f)->n_q_lines, 0);
    flow_queue_take_result(f, RULES_OK, "A001", 0, 0); /* a stray result: ignored */
    CHECK_STR(screen(f), "walk-in");
    flow_destroy(f);
    f = on_walkin();
    tap(f, "line:zonghe");
    take(f, FLOW_REQ_QUEUE_TAKE);
    flow_queue_take_result(f, RULES_OK, "", 0, 0);
    CHECK_STR(screen(f), "queue-refused");
    CHECK_INT(flow_state(f)->q_refusal, FLOW_QUEUE_ERROR);
    flow_destroy(f);
}

static void the_reset_wipes_the_number(void)
{
    flow_t *f = on_walkin();
    tap(f, "priority");
    tap(f, "line:zonghe");
    take(f, FLOW_REQ_QUEUE_TAKE);
    flow_queue_take_result(f, RULES_OK, "A003", 2, 10);
    take(f, FLOW_REQ_PRINT);
    flow_checkin_queue(f, "C002");
    clk += 40001; /* past the finished screen's 20 s */
    flow_time_t t = {clk, t0};
    flow_tick(f, t);
    CHECK_STR(screen(f), "attract");
    const flow_state_t *s = flow_state(f);
    CHECK_STR(s->q_label, "");
    CHECK_STR(s->checkin_queue, "");
    CHECK_INT(s->n_q_lines, 0);
    CHECK_INT(s->q_priority, 0);
    CHECK_INT(s->q_ahead, 0);
    flow_destroy(f);
}

static void the_estimate(void)
{
    CHECK_INT(queue_estimate(0, NULL, 0, 5, 1), 0);
    CHECK_INT(queue_estimate(3, NULL, 0, 5, 1), 15); /* no history: 5 a person */
    int t1[] = {20, 4, 12};
    CHECK_INT(queue_estimate(2, t1, 3, 5, 1), 24); /* the median, 12 */
    CHECK_INT(t1[0], 4);                        /* sorted in place */
    int t2[] = {10, 3, 7, 30};
    CHECK_INT(queue_estimate(1, t2, 4, 5, 1), 9); /* (7 + 10) / 2, rounded up */
    int t3[] = {0, 0, 0};
    CHECK_INT(queue_estimate(4, t3, 3, 5, 1), 4); /* under a minute counts as one */
    CHECK_INT(queue_estimate(2, NULL, 0, 0, 1), 2);
    /* Shared among the counters serving the line, rounded up. */
    CHECK_INT(queue_estimate(3, NULL, 0, 5, 2), 8);
    CHECK_INT(queue_estimate(4, NULL, 0, 5, 3), 7);
    CHECK_INT(queue_estimate(3, NULL, 0, 5, 0), 15); /* none serving yet: as one */
    CHECK_INT(queue_estimate(3, NULL, 0, 5, -1), 15);
}

static void what_the_voice_says(void)
{
    char out[2048];
    flow_t *f = on_walkin();
    speech_screen_prompt(flow_state(f), out, sizeof out);
    CHECK(strstr(out, "现场取号。") == out);
    CHECK(strstr(out, "年满65岁") != NULL);
    CHECK(strstr(out, "每叫2个普通号") != NULL);
    CHECK(strstr(out, "综合咨询，前方 2 人。") != NULL);
    CHECK(strstr(out, "社会救助，今日暂停取号。") != NULL);
    CHECK(strstr(out, "养老服务，今日号已取完。") != NULL);
    tap(f, "line:zonghe");
    take(f, FLOW_REQ_QUEUE_TAKE);
    flow_queue_take_result(f, RULES_OK, "A012", 3, 15);
    speech_screen_prompt(flow_state(f), out, sizeof out);
    CHECK_STR(out, "您的号码是A，零，幺，二号。综合咨询。前方等待 3 人。预计等待约 15 "
                   "分钟。请留意叫号屏。");
    flow_destroy(f);
    f = on_walkin();
    tap(f, "line:jiuzhu");
    speech_screen_prompt(flow_state(f), out, sizeof out);
    CHECK_STR(out, "没有取到号。“社会救助”今日暂停取号，没有给您取号。可以选其他事项，或到服务台"
                   "请工作人员帮忙。");
    flow_destroy(f);
}

int main(void)
{
    char err[256];
    if (catalog_parse(catalog_text, strlen(catalog_text), "q.ini", &cat, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(a_walkin_takes_a_number);
    RUN(priority_is_asked_when_toggled);
    RUN(closed_and_full_lines_take_nothing);
    RUN(the_store_refuses_or_fails);
    RUN(the_reset_wipes_the_number);
    RUN(the_estimate);
    RUN(what_the_voice_says);
    catalog_destroy(cat);
    TEST_EXIT();
}
