/* The console's pages and actions, routed by path. Every page is whole
 * HTML that works without a script; every action is a POST form with the
 * session's CSRF token that answers with a redirect back (so a reload
 * never repeats it). The data and the changes come from the store's and
 * the app layer's functions, as the kiosk's and kioskctl's do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/app/export.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/core/strings.h"
#include "console.h"
#include "pages.h"

void pages_error(request_t *r, reply_t *out, int status, const char *zh, const char *en)
{
    out->status = status;
    page_begin(&out->body, r->c, r->sess, "出错了", "Something went wrong", NULL);
    if (strcmp(r->method, "POST") == 0)
        pages_no_live(&out->body);
    buf_put(&out->body, "<p class=\"error\" role=\"alert\" id=\"error\">");
    html_label(&out->body, zh, en);
    buf_printf(&out->body, "</p><p><a href=\"%s/\">", r->c->prefix);
    html_label(&out->body, "回到今日", "Back to today");
    buf_put(&out->body, "</a></p>");
    page_end(&out->body);
}

void pages_login(request_t *r, reply_t *out, int status, const char *err_zh, const char *err_en)
{
    buf_t *b = &out->body;
    out->status = status;
    page_begin(b, r->c, NULL, "员工登录", "Staff login", NULL);
    if (err_zh) {
        buf_put(b, "<p class=\"error\" role=\"alert\" id=\"error\">");
        html_label(b, err_zh, err_en);
        buf_put(b, "</p>");
    }
    buf_printf(b, "<form class=\"login\" method=\"post\" action=\"%s/login\">", r->c->prefix);
    html_csrf(b, r->sess);
    buf_put(b, "<label for=\"pin\">");
    html_label(b, "员工 PIN", "Staff PIN");
    buf_put(b, "</label><input id=\"pin\" name=\"pin\" type=\"password\" inputmode=\"numeric\" "
               "autocomplete=\"current-password\" pattern=\"[0-9]{6,12}\" maxlength=\"12\" "
               "required autofocus><button type=\"submit\" id=\"login\">");
    html_label(b, "登录", "Log in");
    buf_put(b, "</button></form><p class=\"hint\">");
    html_label(b, "与自助机上的员工 PIN 相同；连续输错 5 次，员工台和自助机一起锁定。",
               "The same PIN as at the kiosk; five wrong tries lock the console and the kiosk.");
    buf_put(b, "</p>");
    page_end(b);
}

/* ---- shared pieces ------------------------------------------------------- */

const char *pages_status_word(const char *status, int en)
{
    static const struct {
        const char *name;
        str_id_t id;
    } words[] = {{"booked", STR_STATUS_BOOKED},
                 {"checked_in", STR_STATUS_CHECKED_IN},
                 {"cancelled", STR_STATUS_CANCELLED},
                 {"no_show", STR_STATUS_NO_SHOW}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(status, words[i].name) == 0)
            return str_get(words[i].id, en);
    return status;
}

int pages_date_arg(request_t *r, reply_t *reply, const char *key, char out[11])
{
    const char *v = query_get(r, key);
    dt_date_t d;
    if (v && *v) {
        if (dt_parse_date(v, &d)) {
            pages_error(r, reply, 400, "日期格式不对（应为 2026-12-01）",
                        "Bad date (expected 2026-12-01)");
            return -1;
        }
    } else {
        int m;
        dt_from_stamp(r->now_s / 60, &d, &m);
    }
    dt_format_date(d, out);
    return 0;
}

void pages_notice(buf_t *b, const request_t *r)
{
    const char *done = query_get(r, "done");
    if (!done)
        return;
    static const struct {
        const char *id, *zh, *en;
    } notes[] = {{"attended", "已标记为到达", "Marked as arrived"},
                 {"no_show", "已标记为未到", "Marked as no-show"},
                 {"cancel", "已取消预约", "Booking cancelled"},
                 {"close", "已停止这一场的预约", "Session closed for booking"},
                 {"ack", "已确认呼叫", "Call acknowledged"},
                 {"show_phone", "已显示完整号码（已记入操作日志）",
                  "Number shown in full (recorded in the audit)"},
                 {"call", "已叫号", "Called"},
                 {"recall", "已重呼", "Called again"},
                 {"skip", "已记为未到", "Marked as not come"},
                 {"serve", "开始办理", "Now serving"},
                 {"finish", "已办结", "Finished"},
                 {"transfer", "已转到其他队列", "Transferred to another line"},
                 {"followup", "已记下跟进", "Follow-up noted"}, /* issue 20 (F) */
                 {"wait_confirm", "已确认：名额归这位居民", "Confirmed: the seat is theirs"},
                 {"wait_withdraw", "已移出候补", "Taken off the waitlist"}};
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
        if (strcmp(done, notes[i].id) != 0)
            continue;
        buf_put(b, "<p class=\"notice\" role=\"status\" id=\"notice\">");
        html_label(b, notes[i].zh, notes[i].en);
        const char *t = query_get(r, "t");
        if (t) {
            buf_put(b, " <code>");
            buf_esc(b, t);
            buf_put(b, "</code>");
        }
        buf_put(b, "</p>");
    }
}

/* ---- today ----------------------------------------------------------------- */

typedef struct today_ctx {
    buf_t *b;
    const console_t *c;
    int rows;
} today_ctx_t;

static int today_row(void *ctx, const store_day_row_t *d)
{
    today_ctx_t *t = ctx;
    buf_t *b = t->b;
    t->rows++;
    buf_put(b, "<tr class=\"session");
    if (!d->s.open)
        buf_put(b, " closed");
    buf_put(b, "\" data-session=\"");
    buf_esc(b, d->s.session_id);
    buf_printf(b, "\"><td class=\"time\">%s–%s</td><td class=\"svc\"><a href=\"%s/session/",
               d->s.start, d->s.end, t->c->prefix);
    buf_url(b, d->s.session_id);
    buf_put(b, "\">");
    buf_esc(b, d->s.service_name);
    buf_printf(b, "</a></td><td class=\"num booked\">%d</td><td class=\"num came\">%d</td>"
                  "<td class=\"num noshow\">%d</td><td class=\"num left\">%d</td><td>",
               d->booked_persons, d->checked_in_persons, d->no_show_persons, d->s.remaining);
    if (d->s.open)
        html_label(b, "可预约", "Open");
    else
        html_label(b, "已停止", "Closed");
    buf_put(b, "</td></tr>");
    return 0;
}

static void day_link(buf_t *b, const console_t *c, const char *path, const char *date,
                     long delta, const char *zh, const char *en)
{
    dt_date_t d;
    dt_parse_date(date, &d);
    char other[11];
    dt_format_date(dt_from_days(dt_days(d) + delta), other);
    buf_printf(b, "<a class=\"day\" href=\"%s%s?date=%s\">", c->prefix, path, other);
    html_label(b, zh, en);
    buf_put(b, "</a>");
}

void pages_day_bar(buf_t *b, const console_t *c, const char *path, const char *date)
{
    buf_put(b, "<div class=\"days\">");
    day_link(b, c, path, date, -1, "前一天", "Previous day");
    buf_printf(b, "<form method=\"get\" action=\"%s%s\"><input type=\"date\" name=\"date\" "
                  "value=\"%s\" aria-label=\"日期 Date\"><button type=\"submit\">",
               c->prefix, path, date);
    html_label(b, "看这天", "Show");
    buf_put(b, "</button></form>");
    day_link(b, c, path, date, 1, "后一天", "Next day");
    buf_put(b, "</div>");
}

void pages_no_live(buf_t *b)
{
    buf_put(b, "<div id=\"no-live\" hidden></div>");
}

int pages_tbody_end(buf_t *b, const request_t *r, int rc)
{
    buf_put(b, "</tbody></table>");
    if (rc == STORE_OK)
        return 1;
    buf_put(b, "<p class=\"error\" role=\"alert\">");
    html_label(b, "读取失败：", "Could not read the store: ");
    buf_esc(b, store_errmsg(r->c->st));
    buf_put(b, "</p>");
    return 0;
}

void pages_thead(buf_t *b, const char *const cols[][2], size_t n)
{
    buf_put(b, "<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        buf_put(b, "<th>");
        html_label(b, cols[i][0], cols[i][1]);
        buf_put(b, "</th>");
    }
    buf_put(b, "</tr></thead><tbody>");
}

void pages_para(buf_t *b, const char *cls, const char *id, const char *zh, const char *en)
{
    buf_printf(b, "<p class=\"%s\"", cls);
    if (id)
        buf_printf(b, " id=\"%s\"", id);
    if (strcmp(cls, "error") == 0)
        buf_put(b, " role=\"alert\"");
    buf_put(b, ">");
    html_label(b, zh, en);
    buf_put(b, "</p>");
}

void pages_booking_tr(buf_t *b, const store_booking_row_t *row, const char *id_prefix)
{
    buf_put(b, "<tr class=\"booking ");
    buf_esc(b, row->status);
    buf_printf(b, "\" id=\"%s-", id_prefix);
    buf_esc(b, row->ticket);
    buf_put(b, "\"><td class=\"code\"><code>");
    buf_esc(b, row->ticket);
    buf_put(b, "</code></td>");
}

static void page_today(request_t *r, reply_t *out)
{
    buf_t *b = &out->body;
    char date[11];
    if (pages_date_arg(r, out, "date", date))
        return;
    page_begin(b, r->c, r->sess, "今日预约", "Today's sessions", "today");
    pages_notice(b, r);
    pages_ratings_home(b, r); /* issue 20 (F): 差评 waiting for follow-up */
    pages_day_bar(b, r->c, "/", date);
    static const char *const cols[][2] = {{"时间", "Time"},   {"服务", "Service"},
                                          {"已约", "Booked"}, {"已到", "Came"},
                                          {"未到", "No-show"}, {"剩余", "Left"},
                                          {"状态", "State"}};
    buf_printf(b, "<table id=\"today\" data-date=\"%s\"><caption>%s</caption>", date, date);
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    today_ctx_t t = {b, r->c, 0};
    int rc = store_day(r->c->st, date, today_row, &t);
    if (pages_tbody_end(b, r, rc) && !t.rows)
        pages_para(b, "empty", NULL, "这一天没有安排", "No sessions on this day");
    page_end(b);
}

/* ---- the routes ------------------------------------------------------------ */

typedef struct route {
    const char *method; /* "GET" (also answers HEAD) or "POST" */
    const char *path;   /* exact, or a prefix ending in '/' followed by one segment and,
                         * for actions, "/<verb>" */
    void (*fn)(request_t *r, reply_t *out, const char *arg, const char *verb);
} route_t;

static void get_today(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    page_today(r, out);
}

static const route_t routes[] = {
    {"GET", "/", get_today},
    {"GET", "/session/", pages_roster},
    {"POST", "/booking/", pages_booking_action},
    {"GET", "/export.csv", pages_export},
    {"GET", "/bookings", pages_bookings},
    {"GET", "/booking/", pages_booking_page},
    {"POST", "/session/", pages_session_action},
    {"GET", "/find", pages_find},
    {"POST", "/find", pages_find},
    {"GET", "/calls", pages_calls},
    {"POST", "/calls/", pages_call_action},
    {"GET", "/audit", pages_audit},
    {"GET", "/counter", pages_counter},
    {"POST", "/counter/", pages_counter_action},
    {"GET", "/ratings", pages_ratings}, /* issue 20 (F) */
    {"POST", "/ratings/", pages_rating_action},
    {"GET", "/waitlist", pages_waitlist}, /* i20wait */
    {"POST", "/waitlist/", pages_waitlist_action},
};

/* Splits "/session/ID" or "/booking/ID/verb" after the route's prefix: arg
 * gets the segment, verb what follows its slash ("" for none). 0, or -1
 * when the rest has more than that or is empty. */
static int split(const char *rest, char *arg, size_t argn, char *verb, size_t verbn)
{
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
    if (n == 0 || n >= argn)
        return -1;
    memcpy(arg, rest, n);
    arg[n] = '\0';
    const char *v = slash ? slash + 1 : "";
    if (strlen(v) >= verbn || strchr(v, '/'))
        return -1;
    strcpy(verb, v);
    return 0;
}

void pages_route(request_t *r, reply_t *out)
{
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    int path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const route_t *rt = &routes[i];
        size_t n = strlen(rt->path);
        char arg[128] = "", verb[32] = "";
        int match;
        if (n > 1 && rt->path[n - 1] == '/')
            match = strncmp(r->path, rt->path, n) == 0 &&
                    split(r->path + n, arg, sizeof arg, verb, sizeof verb) == 0;
        else
            match = strcmp(r->path, rt->path) == 0;
        if (!match)
            continue;
        path_known = 1;
        if (strcmp(rt->method, method) != 0)
            continue;
        rt->fn(r, out, arg, verb);
        return;
    }
    if (path_known)
        pages_error(r, out, 405, "不能这样访问这个地址", "Method not allowed here");
    else
        pages_error(r, out, 404, "没有这个页面", "No such page");
}
