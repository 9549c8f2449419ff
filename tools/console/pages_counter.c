/* The counter (叫号, issue 18 and 19): GET /counter?counter=N shows what
 * counter N (工作台 1..99) is calling or serving, the steps staff take on
 * it as POST forms, and how many wait per line with the next few numbers
 * (numbers and lines only: nothing personal). POST /counter/<N>/<step>
 * does the step through the store's queue functions, as kioskctl queue
 * does, audited with the staff name and "console", and answers 303 back
 * to /counter?counter=N&done=STEP&t=NUMBER. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/app/counter.h"
#include "../../firmware/core/rules.h"
#include "pages.h"

/* What the page shows is app/counter.c's counter_view, which the kiosk's
 * own counter screen shows too: one read, two faces. */
typedef flow_counter_view_t counter_view_t;

static int counter_arg(const char *s)
{
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < 1 || v > FLOW_COUNTER_MAX)
        return 0;
    return (int)v;
}


/* A step's form: POST /counter/N/verb, with extra fields (or "") before the button. */
static void step_form(buf_t *b, const request_t *r, int counter, const char *verb,
                      const char *extra, const char *cls, const char *zh, const char *en)
{
    buf_printf(b, "<form class=\"act step\" method=\"post\" action=\"%s/counter/%d/%s\">",
               r->c->prefix, counter, verb);
    html_csrf(b, r->sess);
    buf_put(b, extra);
    buf_printf(b, "<button type=\"submit\" class=\"%s\" id=\"%s\">", cls, verb);
    html_label(b, zh, en);
    buf_put(b, "</button></form>");
}

static void line_select(buf_t *b, const counter_view_t *v, const char *name, const char *id,
                        int any)
{
    /* a transfer names its line: no default that would send a number
     * back to where it is */
    buf_printf(b, "<select name=\"%s\" id=\"%s\" aria-label=\"队列 Line\"%s>", name, id,
               any ? "" : " required");
    buf_put(b, any ? "<option value=\"\">所有队列 Any line</option>"
                   : "<option value=\"\">选择队列 Pick a line</option>");
    for (int i = 0; i < v->n_lines; i++) {
        const flow_counter_line_t *l = &v->lines[i];
        buf_put(b, "<option value=\"");
        buf_esc(b, l->id);
        buf_printf(b, "\">%c ", l->letter);
        buf_esc(b, l->name_zh);
        buf_put(b, " ");
        buf_esc(b, l->name_en);
        buf_put(b, "</option>");
    }
    buf_put(b, "</select>");
}

/* A step's form with a choice of line (field "to": one of them; "line":
 * any, or one) before its button. */
static void line_step(buf_t *b, const request_t *r, const counter_view_t *v, const char *verb,
                      const char *field, const char *cls, const char *zh, const char *en)
{
    char id[32];
    snprintf(id, sizeof id, "%s-line", verb);
    buf_t sel = {0};
    line_select(&sel, v, field, id, strcmp(field, "line") == 0);
    buf_put(&sel, " ");
    step_form(b, r, v->counter, verb, sel.p ? sel.p : "", cls, zh, en);
    buf_free(&sel);
}

static void current(buf_t *b, const request_t *r, const counter_view_t *v)
{
    buf_put(b, "<section class=\"counter-now\" id=\"counter-now\">");
    if (!v->have_mine) {
        pages_para(b, "empty", "counter-idle", "这个工作台现在没有叫号", "Nobody is called here now");
    } else {
        const flow_counter_line_t *l = flow_counter_line(v, v->mine.line);
        int serving = !strcmp(v->mine.status, "serving");
        buf_put(b, "<p class=\"now-label\">");
        if (serving)
            html_label(b, "正在办理", "Serving");
        else
            html_label(b, "正在呼叫", "Calling");
        buf_put(b, "</p><p class=\"number\" id=\"counter-number\" data-status=\"");
        buf_esc(b, v->mine.status);
        buf_put(b, "\">");
        buf_esc(b, v->mine.label);
        buf_put(b, "</p><p class=\"now-line\">");
        if (l) {
            buf_esc(b, l->name_zh);
            buf_put(b, " <span class=\"en\" lang=\"en\">");
            buf_esc(b, l->name_en);
            buf_put(b, "</span>");
        }
        if (!strcmp(v->mine.kind, "priority"))
            html_label(b, " · 绿色通道", "Priority");
        else if (!strcmp(v->mine.kind, "appointment"))
            html_label(b, " · 预约", "Appointment");
        if (v->mine.recalls)
            buf_printf(b, " · 重呼 %d 次", v->mine.recalls);
        buf_put(b, "</p><div class=\"steps\">");
        if (!serving) {
            step_form(b, r, v->counter, "serve", "", "primary", "开始办理", "Serve");
            step_form(b, r, v->counter, "recall", "", "", "重呼", "Call again");
            step_form(b, r, v->counter, "skip", "", "cancel", "未到", "No-show");
        } else {
            step_form(b, r, v->counter, "finish", "", "primary", "办结", "Finish");
        }
        buf_put(b, "</div><div class=\"transfer\">");
        line_step(b, r, v, "transfer", "to", "", "转到这个队列", "Transfer to this line");
        buf_put(b, "</div>");
    }
    if (!v->have_mine) {
        buf_put(b, "<div class=\"steps\">");
        line_step(b, r, v, "call", "line", "primary", "叫下一位", "Call next");
        buf_put(b, "</div>");
    }
    buf_put(b, "</section>");
}

static void waiting(buf_t *b, const counter_view_t *v)
{
    buf_put(b, "<h2>");
    html_label(b, "等候情况", "Waiting");
    buf_put(b, "</h2><table id=\"queue-lines\">");
    const char *const cols[][2] = {
        {"队列", "Line"}, {"等候", "Waiting"}, {"接下来", "Next"}, {"今日", "Today"}};
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    for (int i = 0; i < v->n_lines; i++) {
        const flow_counter_line_t *l = &v->lines[i];
        buf_put(b, "<tr class=\"line\" id=\"line-");
        buf_esc(b, l->id);
        buf_printf(b, "\"><td><strong>%c</strong> ", l->letter);
        html_label(b, l->name_zh, l->name_en);
        buf_printf(b, "</td><td class=\"num waiting\">%d</td><td class=\"next\">", l->waiting);
        for (int k = 0; k < v->lines[i].n_next; k++) {
            int prio = !strcmp(v->lines[i].next[k].kind, "priority");
            buf_put(b, prio ? "<code class=\"priority\">" : "<code>");
            buf_esc(b, v->lines[i].next[k].label);
            if (prio)
                buf_put(b, "<span class=\"tag\" lang=\"zh-CN\">绿色通道</span>");
            buf_put(b, "</code> ");
        }
        buf_printf(b, "</td><td class=\"num\">%d / %d", l->taken, l->cap);
        if (l->closed) {
            buf_put(b, " ");
            html_label(b, "今日已关闭", "Closed today");
        }
        buf_put(b, "</td></tr>");
    }
    buf_put(b, "</tbody></table>");
    if (!v->n_lines)
        pages_para(b, "empty", "no-lines", "目录里没有取号队列", "The catalog has no queue lines");
}

static void counter_bar(buf_t *b, const request_t *r, int counter)
{
    buf_printf(b, "<form class=\"days\" method=\"get\" action=\"%s/counter\"><label "
                  "for=\"counter\">",
               r->c->prefix);
    html_label(b, "工作台", "Counter");
    buf_printf(b, "</label><input id=\"counter\" name=\"counter\" type=\"number\" min=\"1\" "
                  "max=\"%d\" value=\"%d\" inputmode=\"numeric\"><button type=\"submit\">",
               FLOW_COUNTER_MAX, counter);
    html_label(b, "切换", "Switch");
    buf_put(b, "</button></form>");
}

void pages_counter(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    const char *q = query_get(r, "counter");
    int counter = q ? counter_arg(q) : 1;
    if (!counter) {
        pages_error(r, out, 400, "工作台号应为 1 到 99", "A counter is a number from 1 to 99");
        return;
    }
    counter_view_t *v = calloc(1, sizeof *v);
    if (!v) {
        pages_error(r, out, 503, "内存不足", "Out of memory");
        return;
    }
    long long now = r->now_s / 60;
    int rc = counter_view(r->c->st, &r->c->cfg.queue, counter, now, v);
    buf_t *b = &out->body;
    char zh[64], en[64];
    snprintf(zh, sizeof zh, "叫号 · %d 号工作台", counter);
    snprintf(en, sizeof en, "Counter %d", counter);
    page_begin(b, r->c, r->sess, zh, en, "counter");
    pages_notice(b, r);
    counter_bar(b, r, counter);
    if (rc != STORE_OK) {
        buf_put(b, "<p class=\"error\" role=\"alert\">");
        html_label(b, "读取失败：", "Could not read the store: ");
        buf_esc(b, store_errmsg(r->c->st));
        buf_put(b, "</p>");
    } else {
        current(b, r, v);
        waiting(b, v);
    }
    page_end(b);
    free(v);
}

void pages_counter_action(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    static const struct {
        const char *verb;
        int step; /* store_queue_step_t, or -1 for call and transfer */
    } steps[] = {{"call", -1},
                 {"transfer", -1},
                 {"recall", STORE_QUEUE_RECALL},
                 {"skip", STORE_QUEUE_SKIP},
                 {"serve", STORE_QUEUE_SERVE},
                 {"finish", STORE_QUEUE_FINISH}};
    int counter = counter_arg(arg);
    size_t k = 0;
    while (k < sizeof steps / sizeof steps[0] && strcmp(steps[k].verb, verb) != 0)
        k++;
    if (!counter || k == sizeof steps / sizeof steps[0]) {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    store_audit_note_t by = {.staff = r->sess->staff, .detail = "console", .at = r->now_s / 60};
    long long now = r->now_s / 60;
    const queue_rule_t *rule = &r->c->cfg.queue;
    store_queue_row_t row;
    int rc;
    if (!strcmp(verb, "call")) {
        const char *line = form_get(&r->form, "line");
        rc = store_queue_call_next(r->c->st, &by, counter, line && *line ? line : NULL, rule, now,
                                   &row);
    } else if (!strcmp(verb, "transfer")) {
        const char *to = form_get(&r->form, "to");
        if (!to || !*to) {
            pages_error(r, out, 400, "请选择要转到的队列", "Pick the line to transfer to");
            return;
        }
        rc = store_queue_transfer(r->c->st, &by, counter, to, rule, now, &row);
    } else {
        rc = store_queue_step(r->c->st, &by, counter, (store_queue_step_t)steps[k].step, now, &row);
    }
    if (rc > 0) {
        /* the store's refusal names the line, the counter and the number */
        out->status = rc == RULES_NOT_FOUND ? 404 : 409;
        buf_t *b = &out->body;
        page_begin(b, r->c, r->sess, "没有办成", "Not done", "counter");
        pages_no_live(b);
        buf_put(b, "<p class=\"error\" role=\"alert\" id=\"error\">");
        if (rc == RULES_NOT_FOUND)
            html_label(b, "没有可叫的号，或这个工作台没有正在办理的号", "");
        else if (rc == RULES_CLOSED || rc == RULES_FULL)
            html_label(b, "这个队列今天已关闭或已满", "");
        else
            html_label(b, "这个工作台的号不能做这一步", "");
        buf_put(b, " <span class=\"en\" lang=\"en\">");
        buf_esc(b, store_errmsg(r->c->st));
        buf_printf(b, "</span></p><p><a href=\"%s/counter?counter=%d\">", r->c->prefix, counter);
        html_label(b, "回到工作台", "Back to the counter");
        buf_put(b, "</a></p>");
        page_end(b);
        return;
    }
    if (rc != STORE_OK) {
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
        return;
    }
    char base[32];
    snprintf(base, sizeof base, "/counter?counter=%d&done=%s&t=", counter, verb);
    buf_t path = {0};
    buf_put(&path, base);
    buf_url(&path, row.label);
    reply_redirect(out, r->c, path.p && !path.oom ? path.p : "/counter");
    buf_free(&path);
}
