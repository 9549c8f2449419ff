/* The counter (叫号) screens of the flow (firmware/core/flow_counter.c),
 * headless: the requests the taps make (which step, which counter, which
 * line), the steps each state allows, the confirmation of a line's day op,
 * the quiet poll every FLOW_COUNTER_POLL_MS (no busy, no redraw when the
 * view is the same), and the idle logout that the poll does not hold off. */
#include <stdint.h>
#include <string.h>

#include "../../firmware/core/flow.h"
#include "../unit/test.h"

static const char catalog_text[] = "[station]\nid = s1\nname = 测试站\n"
                                   "[category c1]\nname = 类别一\n"
                                   "[service v1]\ncategory = c1\nname = 服务一\nname_en = One\n"
                                   "description = 说明\naudience = 所有人\nlocation = 一楼\n"
                                   "duration = 30\nschedule = Mon-Sun 09:00-10:00 4\n";
static catalog_t *cat;
static uint64_t clk;

static flow_time_t now(void)
{
    flow_time_t t = {clk, 29376000LL + (long long)(clk / 60000)}; /* 2025-11-... minute stamp */
    return t;
}

static void tap(flow_t *f, const char *id)
{
    clk += 500;
    flow_tap(f, id, now());
}

static const flow_state_t *st(const flow_t *f)
{
    return flow_state(f);
}

static int take(flow_t *f, flow_request_kind_t want, flow_request_t *out)
{
    flow_request_t r = {0};
    if (!flow_take_request(f, &r))
        return 0;
    if (out)
        *out = r;
    return r.kind == want;
}

/* 1 when a request was pending (taken and dropped). */
static int none_or_take(flow_t *f)
{
    flow_request_t r;
    return flow_take_request(f, &r);
}

/* Two lines; counter's ticket (A001 called, or serving) when mine. */
static flow_counter_view_t view(int counter, const char *mine_status)
{
    flow_counter_view_t v;
    memset(&v, 0, sizeof v);
    v.counter = counter;
    v.n_lines = 2;
    strcpy(v.lines[0].id, "zonghe");
    v.lines[0].letter = 'A';
    strcpy(v.lines[0].name_zh, "综合咨询");
    v.lines[0].cap = 200;
    v.lines[0].waiting = 2;
    v.lines[0].n_next = 2;
    strcpy(v.lines[0].next[0].label, "A002");
    strcpy(v.lines[0].next[1].label, "A003");
    strcpy(v.lines[1].id, "jiuzhu");
    v.lines[1].letter = 'B';
    strcpy(v.lines[1].name_zh, "社会救助");
    v.lines[1].cap = 100;
    if (mine_status) {
        v.have_mine = 1;
        strcpy(v.mine.label, "A001");
        strcpy(v.mine.line, "zonghe");
        strcpy(v.mine.kind, "walkin");
        strcpy(v.mine.status, mine_status);
    }
    return v;
}

static flow_t *at_counter(int counter)
{
    flow_config_t c = {.idle_timeout_ms = 60000, .countdown_ms = 20000, .queue_counters = 3};
    clk = 1000;
    flow_t *f = flow_create(cat, &c, now());
    tap(f, "staff-login");
    for (const char *k = "246810"; *k; k++) {
        char id[8] = "key:";
        id[4] = *k;
        tap(f, id);
    }
    tap(f, "next");
    take(f, FLOW_REQ_STAFF_LOGIN, NULL);
    flow_staff_login_result(f, 0, "王芳", 0);
    take(f, FLOW_REQ_STAFF_DAY, NULL);
    flow_staff_day_result(f, NULL, 0, 0);
    tap(f, "queue-counter");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-counters");
    char id[16];
    snprintf(id, sizeof id, "counter:%d", counter);
    tap(f, id);
    return f;
}

static void picking_a_counter_reads_its_view(void)
{
    flow_t *f = at_counter(2);
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-counter");
    CHECK_INT(st(f)->counter, 2);
    flow_request_t r = {0};
    CHECK(take(f, FLOW_REQ_COUNTER, &r));
    CHECK_INT(r.counter, 2);
    CHECK(st(f)->busy);
    flow_counter_view_t v = view(2, NULL);
    flow_counter_result(f, &v, 0);
    CHECK(!st(f)->busy);
    CHECK(st(f)->counter_loaded);
    CHECK_STR(st(f)->counter_view.lines[0].next[1].label, "A003");
    /* only counters 1..queue_counters */
    tap(f, "back");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-counters");
    tap(f, "counter:4");
    tap(f, "counter:0");
    tap(f, "counter:1x");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-counters");
    tap(f, "back");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff");
    CHECK(take(f, FLOW_REQ_STAFF_DAY, NULL));
    flow_destroy(f);
}

/* Idle: only call-next, on the line of the filter; called: serve, recall,
 * skip, transfer; serving: finish, transfer. */
static void the_steps_each_state_allows(void)
{
    flow_t *f = at_counter(1);
    take(f, FLOW_REQ_COUNTER, NULL);
    flow_counter_view_t v = view(1, NULL);
    flow_counter_result(f, &v, 0);
    flow_request_t r = {0};
    tap(f, "queue-serve");
    tap(f, "queue-finish");
    tap(f, "queue-recall");
    tap(f, "queue-transfer");
    CHECK(!flow_take_request(f, &r));
    tap(f, "counter-line:nope");
    CHECK_STR(st(f)->counter_line, "");
    tap(f, "counter-line:jiuzhu");
    tap(f, "queue-call");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "call");
    CHECK_STR(r.line, "jiuzhu");
    CHECK_STR(r.staff, "王芳");
    CHECK_INT(r.counter, 1);
    v = view(1, "called");
    flow_queue_step_result(f, 0, "A001", &v);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_DONE);
    CHECK_STR(st(f)->staff_detail, "A001");
    tap(f, "queue-call");
    tap(f, "queue-finish");
    CHECK(!flow_take_request(f, &r));
    tap(f, "queue-recall");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "recall");
    flow_queue_step_result(f, 0, "A001", &v);
    tap(f, "queue-serve");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "serve");
    v = view(1, "serving");
    flow_queue_step_result(f, 0, "A001", &v);
    tap(f, "queue-skip");
    tap(f, "queue-serve");
    CHECK(!flow_take_request(f, &r));
    /* transfer: a choice of the other lines, or cancel */
    tap(f, "queue-transfer");
    CHECK(st(f)->transfer_pick);
    tap(f, "to-line:zonghe"); /* where it is: not offered */
    tap(f, "queue-finish");   /* modal */
    CHECK(!flow_take_request(f, &r));
    tap(f, "cancel");
    CHECK(!st(f)->transfer_pick);
    tap(f, "queue-transfer");
    tap(f, "to-line:jiuzhu");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "transfer");
    CHECK_STR(r.line, "jiuzhu");
    flow_queue_step_result(f, RULES_BAD_STATE, NULL, NULL);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_REFUSED);
    CHECK(!st(f)->transfer_pick);
    tap(f, "queue-finish");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "finish");
    flow_queue_step_result(f, -1, NULL, NULL);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_ERROR);
    flow_destroy(f);
}

/* Close, open and cap a line only after 确定; 取消 does nothing. */
static void a_line_op_waits_for_confirmation(void)
{
    flow_t *f = at_counter(1);
    take(f, FLOW_REQ_COUNTER, NULL);
    flow_counter_view_t v = view(1, NULL);
    flow_counter_result(f, &v, 0);
    flow_request_t r = {0};
    tap(f, "line-close:zonghe");
    CHECK_INT(st(f)->line_op, FLOW_LINE_OP_CLOSE);
    CHECK_STR(st(f)->confirm_line, "zonghe");
    CHECK(!flow_take_request(f, &r));
    tap(f, "queue-call"); /* modal */
    CHECK(!flow_take_request(f, &r));
    tap(f, "cancel");
    CHECK_INT(st(f)->line_op, FLOW_LINE_OP_NONE);
    CHECK(!flow_take_request(f, &r));
    tap(f, "line-open:zonghe"); /* it is open */
    tap(f, "line-close:nope");
    tap(f, "line-cap:zonghe:7"); /* not a preset */
    tap(f, "line-cap:zonghe");
    CHECK_INT(st(f)->line_op, FLOW_LINE_OP_NONE);
    tap(f, "line-close:zonghe");
    tap(f, "confirm");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "close");
    CHECK_STR(r.line, "zonghe");
    CHECK_INT(st(f)->line_op, FLOW_LINE_OP_NONE);
    v.lines[0].closed = 1;
    flow_queue_step_result(f, 0, "", &v);
    tap(f, "line-close:zonghe"); /* closed already */
    CHECK_INT(st(f)->line_op, FLOW_LINE_OP_NONE);
    tap(f, "line-open:zonghe");
    tap(f, "confirm");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "open");
    flow_queue_step_result(f, 0, "", &v);
    tap(f, "line-cap:jiuzhu:50");
    CHECK_INT(st(f)->line_op, FLOW_LINE_OP_CAP);
    tap(f, "confirm");
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, &r));
    CHECK_STR(r.input, "cap");
    CHECK_STR(r.line, "jiuzhu");
    CHECK_INT(r.cap, 50);
    flow_destroy(f);
}

/* Every FLOW_COUNTER_POLL_MS on the screen: a poll request that neither
 * marks the flow busy nor changes its version; a view that differs is
 * drawn; none while a request is out; none on another screen. */
static void the_screen_polls_quietly(void)
{
    flow_t *f = at_counter(1);
    take(f, FLOW_REQ_COUNTER, NULL);
    flow_counter_view_t v = view(1, NULL);
    flow_counter_result(f, &v, 0);
    uint64_t due = flow_next_deadline(f);
    CHECK(due <= clk + FLOW_COUNTER_POLL_MS);
    unsigned version = st(f)->version;
    flow_tick(f, (flow_time_t){due - 1, now().stamp});
    CHECK(!none_or_take(f));
    clk = due;
    flow_tick(f, now());
    flow_request_t r = {0};
    CHECK(take(f, FLOW_REQ_COUNTER_POLL, &r));
    CHECK_INT(r.counter, 1);
    CHECK(!st(f)->busy);
    CHECK_INT((int)st(f)->version, (int)version);
    flow_counter_result(f, NULL, 0); /* nothing changed */
    CHECK_INT((int)st(f)->version, (int)version);
    CHECK(flow_next_deadline(f) == clk + FLOW_COUNTER_POLL_MS);
    clk += FLOW_COUNTER_POLL_MS;
    flow_tick(f, now());
    CHECK(take(f, FLOW_REQ_COUNTER_POLL, NULL));
    flow_counter_result(f, &v, 0); /* read again, the same */
    CHECK_INT((int)st(f)->version, (int)version);
    clk += FLOW_COUNTER_POLL_MS;
    flow_tick(f, now());
    CHECK(take(f, FLOW_REQ_COUNTER_POLL, NULL));
    flow_counter_view_t w = view(1, "called"); /* kioskctl called A001 here */
    flow_counter_result(f, &w, 0);
    CHECK(st(f)->version != version);
    CHECK(st(f)->counter_view.have_mine);
    /* a step out: no poll meanwhile */
    tap(f, "queue-serve");
    clk += FLOW_COUNTER_POLL_MS * 2;
    flow_tick(f, now());
    CHECK(take(f, FLOW_REQ_QUEUE_STEP, NULL));
    CHECK(!none_or_take(f));
    flow_queue_step_result(f, 0, "A001", &w);
    /* another screen: none */
    tap(f, "back");
    clk += FLOW_COUNTER_POLL_MS * 2;
    flow_tick(f, now());
    CHECK(!none_or_take(f));
    flow_destroy(f);
}

/* The poll is not input: left alone, the counter screen logs out. */
static void idle_logs_out_though_it_polls(void)
{
    flow_t *f = at_counter(1);
    take(f, FLOW_REQ_COUNTER, NULL);
    flow_counter_view_t v = view(1, "called");
    flow_counter_result(f, &v, 0);
    for (int i = 0; i < 60 && st(f)->screen != FLOW_ATTRACT; i++) {
        clk = flow_next_deadline(f);
        flow_tick(f, now());
        if (none_or_take(f))
            flow_counter_result(f, NULL, 0);
    }
    CHECK_STR(flow_screen_id(st(f)->screen), "attract");
    CHECK_STR(st(f)->staff, "");
    CHECK_INT(st(f)->counter, 0);
    CHECK(!st(f)->counter_loaded);
    flow_destroy(f);
}

int main(void)
{
    char err[256] = "";
    if (catalog_parse(catalog_text, strlen(catalog_text), "c.ini", &cat, err, sizeof err)) {
        fprintf(stderr, "fixture catalog: %s\n", err);
        return 1;
    }
    RUN(picking_a_counter_reads_its_view);
    RUN(the_steps_each_state_allows);
    RUN(a_line_op_waits_for_confirmation);
    RUN(the_screen_polls_quietly);
    RUN(idle_logs_out_though_it_polls);
    catalog_destroy(cat);
    TEST_EXIT();
}
