/* Staff calls from the kiosks (找工作人员: GET /calls, open ones first,
 * then the recent ones acknowledged; POST /calls/<id>/ack) and the audit
 * of a day (GET /audit?date=, newest first). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "pages.h"

#define CALLS_RECENT 50 /* acknowledged calls listed */
#define AUDIT_MAX 2000  /* audit rows of a day shown */

typedef struct calls_ctx {
    buf_t *b;
    const request_t *r;
    int open_only;
    int rows;
} calls_ctx_t;

static int call_row(void *ctx, const store_call_row_t *row)
{
    calls_ctx_t *x = ctx;
    buf_t *b = x->b;
    if (!x->open_only && !row->acked_at[0])
        return 0; /* listed above */
    if (++x->rows > CALLS_RECENT && !x->open_only)
        return 1;
    buf_printf(b, "<tr class=\"call%s\" id=\"call-%lld\"><td>%s</td><td>",
               row->acked_at[0] ? "" : " open", row->id, row->at);
    buf_esc(b, row->kiosk);
    buf_put(b, "</td><td><code>");
    buf_esc(b, row->screen);
    buf_printf(b, "</code></td><td class=\"num\">%d</td><td>", row->alerts);
    if (row->acked_at[0]) {
        buf_esc(b, row->acked_at);
        buf_put(b, " ");
        buf_esc(b, row->acked_by);
    } else {
        buf_printf(b, "<form class=\"act\" method=\"post\" action=\"%s/calls/%lld/ack\">",
                   x->r->c->prefix, row->id);
        html_csrf(b, x->r->sess);
        buf_printf(b, "<button type=\"submit\" class=\"ack\" id=\"ack-%lld\">", row->id);
        html_label(b, "我去处理", "On my way");
        buf_put(b, "</button></form>");
    }
    buf_put(b, "</td></tr>");
    return 0;
}

static void calls_table(buf_t *b, const request_t *r, int open_only, const char *id)
{
    const char *const cols[][2] = {
        {"时间", "When"},
        {"自助机", "Kiosk"},
        {"页面", "Screen"},
        {"提醒次数", "Alerts"},
        {open_only ? "确认" : "确认时间与人员", open_only ? "Acknowledge" : "Acknowledged"}};
    buf_printf(b, "<table id=\"%s\">", id);
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    calls_ctx_t x = {b, r, open_only, 0};
    int rc = store_calls(r->c->st, open_only, call_row, &x);
    if (pages_tbody_end(b, r, rc) && !x.rows) {
        char none[32];
        snprintf(none, sizeof none, "%s-none", id);
        if (open_only)
            pages_para(b, "empty", none, "现在没有人在呼叫", "Nobody is calling now");
        else
            pages_para(b, "empty", none, "还没有确认过的呼叫", "No call acknowledged yet");
    }
}

void pages_calls(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    buf_t *b = &out->body;
    page_begin(b, r->c, r->sess, "呼叫", "Calls from the kiosks", "calls");
    pages_notice(b, r);
    buf_put(b, "<h2>");
    html_label(b, "等待处理", "Waiting");
    buf_put(b, "</h2>");
    calls_table(b, r, 1, "calls-open");
    buf_put(b, "<h2>");
    html_label(b, "最近已处理", "Recently acknowledged");
    buf_put(b, "</h2>");
    calls_table(b, r, 0, "calls-done");
    page_end(b);
}

void pages_call_action(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    char *end;
    long long id = strtoll(arg, &end, 10);
    if (strcmp(verb, "ack") != 0 || *end || arg[0] < '0' || arg[0] > '9') {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    int rc = store_call_ack_from(r->c->st, r->sess->staff, "console", id, r->now_s / 60);
    if (rc == RULES_NOT_FOUND)
        pages_error(r, out, 404, "没有这个呼叫", "No such call");
    else if (rc == RULES_BAD_STATE)
        pages_error(r, out, 409, "这个呼叫已经有人确认了",
                    "Somebody acknowledged this call already");
    else if (rc != STORE_OK)
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
    else
        pages_done(r, out, "/calls", "", "ack", arg);
}

/* ---- the audit --------------------------------------------------------- */

/* The newest AUDIT_MAX rows of the listing (oldest first), in a ring. */
typedef struct audit_rows {
    store_audit_row_t *v;
    long long total; /* rows seen */
    int cap, oom;
} audit_rows_t;

static int audit_collect(void *ctx, const store_audit_row_t *row)
{
    audit_rows_t *a = ctx;
    if (a->total < AUDIT_MAX && a->total == a->cap) {
        int cap = a->cap ? a->cap * 2 : 64;
        if (cap > AUDIT_MAX)
            cap = AUDIT_MAX;
        store_audit_row_t *v = realloc(a->v, sizeof *v * (size_t)cap);
        if (!v) {
            a->oom = 1;
            return 1;
        }
        a->v = v;
        a->cap = cap;
    }
    a->v[a->total++ % AUDIT_MAX] = *row;
    return 0;
}

/* An audit action in words, the stored name after it (for a search in
 * the log or in kioskctl audit). */
static void action_words(buf_t *b, const char *action)
{
    static const char *const words[][3] = {
        {"login", "登录", "Logged in"},
        {"login_failed", "登录失败", "Wrong PIN"},
        {"logout", "退出", "Logged out"},
        {"attended", "标记到达", "Marked arrived"},
        {"no_show", "标记未到", "Marked no-show"},
        {"cancel", "取消预约", "Cancelled"},
        {"checkin", "签到", "Checked in"},
        {"show_phone", "显示号码", "Number shown"},
        {"find_phone", "按手机号查找", "Searched by phone"},
        {"find_name", "按姓名查找", "Searched by name"},
        {"close_session", "停止预约", "Closed for booking"},
        {"export", "导出", "Exported"},
        {"call_ack", "确认呼叫", "Call acknowledged"},
        {"release_burst", "释放批量预约", "Burst released"},
        {"reprint", "补打票", "Ticket reprinted"},
        {"staff_add", "添加员工", "Staff added"},
        {"staff_passwd", "更改 PIN", "PIN changed"},
        {"staff_remove", "删除员工", "Staff removed"},
        {"clock_confirm", "确认时钟", "Clock confirmed"},
        {"touch_calibrate", "触摸校准", "Touch calibrated"},
        {"purge", "清除号码", "Numbers purged"},
        {"repair", "修复数据库", "Store repaired"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(action, words[i][0]) == 0) {
            html_label(b, words[i][1], words[i][2]);
            buf_put(b, " ");
            break;
        }
    buf_put(b, "<code class=\"raw\">");
    buf_esc(b, action);
    buf_put(b, "</code>");
}

void pages_audit(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    buf_t *b = &out->body;
    char date[11];
    if (pages_date_arg(r, out, "date", date))
        return;
    page_begin(b, r->c, r->sess, "操作日志", "Audit", "audit");
    pages_day_bar(b, r->c, "/audit", date);
    pages_para(b, "hint", NULL, "最新的在最上面", "Newest first");
    static const char *const cols[][2] = {{"时间", "When"},    {"人员", "Who"},
                                          {"操作", "Action"},  {"票号", "Code"},
                                          {"场次", "Session"}, {"说明", "Detail"}};
    buf_printf(b, "<table id=\"audit\" data-date=\"%s\">", date);
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    audit_rows_t a = {0};
    int rc = store_audit_list(r->c->st, date, audit_collect, &a);
    long long shown = a.total < AUDIT_MAX ? a.total : AUDIT_MAX;
    for (long long k = 0; k < shown; k++) {
        const store_audit_row_t *row = &a.v[(a.total - 1 - k) % AUDIT_MAX];
        buf_printf(b, "<tr class=\"audit\" id=\"audit-%lld\"><td>", row->id);
        buf_esc(b, row->at);
        buf_put(b, "</td><td class=\"who\">");
        buf_esc(b, row->staff);
        buf_put(b, "</td><td class=\"action\">");
        action_words(b, row->action);
        buf_put(b, "</td><td><code>");
        buf_esc(b, row->ticket);
        buf_put(b, "</code></td><td>");
        if (row->session_id[0]) {
            buf_printf(b, "<a href=\"%s/session/", r->c->prefix);
            buf_url(b, row->session_id);
            buf_put(b, "\">");
            buf_esc(b, row->session_id);
            buf_put(b, "</a>");
        }
        buf_put(b, "</td><td class=\"detail\">");
        buf_esc(b, row->detail);
        buf_put(b, "</td></tr>");
    }
    if (pages_tbody_end(b, r, rc)) {
        if (a.oom)
            pages_para(b, "error", NULL, "内存不足，没有列全", "Out of memory: not all are listed");
        else if (!a.total)
            pages_para(b, "empty", NULL, "这一天没有记录", "Nothing recorded on this day");
        else if (a.total > AUDIT_MAX)
            pages_para(b, "hint", NULL, "只列出最新的 2000 条；全部见 kioskctl audit",
                       "Only the newest 2,000 are listed; kioskctl audit has them all");
    }
    free(a.v);
    page_end(b);
}
