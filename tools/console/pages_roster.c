/* A session's roster, and what staff do to one booking from it. Phone
 * numbers and the names of the people served are masked as on the kiosk's
 * staff screen. */
#include <stdio.h>
#include <string.h>

#include "../../firmware/core/rules.h"
#include "pages.h"

typedef struct roster_ctx {
    buf_t *b;
    const request_t *r;
    const char *session_id;
    int rows;
} roster_ctx_t;

static void action_button(buf_t *b, const request_t *r, const char *ticket, const char *verb,
                          const char *zh, const char *en)
{
    buf_printf(b, "<form class=\"act\" method=\"post\" action=\"%s/booking/", r->c->prefix);
    buf_url(b, ticket);
    buf_printf(b, "/%s\">", verb);
    html_csrf(b, r->sess);
    buf_printf(b, "<button type=\"submit\" class=\"%s\" id=\"%s-", verb, verb);
    buf_esc(b, ticket);
    buf_put(b, "\">");
    html_label(b, zh, en);
    buf_put(b, "</button></form>");
}

static int roster_row(void *ctx, const store_booking_row_t *row)
{
    roster_ctx_t *x = ctx;
    if (strcmp(row->session_id, x->session_id) != 0)
        return 0;
    buf_t *b = x->b;
    x->rows++;
    char phone[KIOSK_PHONE_SIZE], label[KIOSK_LABEL_SIZE];
    buf_put(b, "<tr class=\"booking ");
    buf_esc(b, row->status);
    buf_put(b, "\" id=\"booking-");
    buf_esc(b, row->ticket);
    buf_put(b, "\"><td class=\"code\"><code>");
    buf_esc(b, row->ticket);
    buf_put(b, "</code></td><td class=\"for\">");
    if (row->for_label[0]) {
        rules_mask_label(row->for_label, label);
        buf_esc(b, label);
    } else {
        html_label(b, "本人", "Self");
    }
    buf_put(b, "</td><td class=\"phone\">");
    if (row->phone[0]) {
        rules_mask_phone(row->phone, phone);
        buf_esc(b, phone);
    } else {
        html_label(b, "无", "none");
    }
    buf_printf(b, "</td><td class=\"num\">%d</td><td class=\"status\">", row->party);
    html_label(b, pages_status_word(row->status, 0), pages_status_word(row->status, 1));
    buf_put(b, "</td><td class=\"acts\">");
    if (strcmp(row->status, "booked") == 0) {
        action_button(b, x->r, row->ticket, "attended", "到达", "Arrived");
        action_button(b, x->r, row->ticket, "no_show", "未到", "No-show");
    }
    buf_put(b, "</td></tr>");
    return 0;
}

typedef struct one_session {
    store_session_row_t s;
    int found;
} one_session_t;

static int got_session(void *ctx, const store_session_row_t *row)
{
    one_session_t *o = ctx;
    o->s = *row;
    o->found = 1;
    return 1;
}

void pages_roster(request_t *r, reply_t *out, const char *session_id, const char *verb)
{
    if (*verb) {
        pages_error(r, out, 404, "没有这个页面", "No such page");
        return;
    }
    one_session_t o = {0};
    store_session_filter_t f = {.session_id = session_id};
    if (store_sessions(r->c->st, &f, got_session, &o) != STORE_OK) {
        pages_error(r, out, 503, "读取失败", "Could not read the store");
        return;
    }
    if (!o.found) {
        pages_error(r, out, 404, "没有这一场", "No such session");
        return;
    }
    buf_t *b = &out->body;
    page_begin(b, r->c, r->sess, "名单", "Roster", "today");
    pages_notice(b, r);
    buf_put(b, "<p class=\"session-head\" id=\"session-head\"><strong>");
    buf_esc(b, o.s.service_name);
    buf_printf(b, "</strong> %s %s–%s · ", o.s.date, o.s.start, o.s.end);
    html_label(b, "名额", "Places");
    buf_printf(b, " %d · ", o.s.capacity);
    html_label(b, "剩余", "Left");
    buf_printf(b, " %d</p>", o.s.remaining);
    buf_printf(b, "<table id=\"roster\" data-session=\"");
    buf_esc(b, o.s.session_id);
    buf_put(b, "\"><thead><tr><th>");
    html_label(b, "票号", "Code");
    buf_put(b, "</th><th>");
    html_label(b, "为", "For");
    buf_put(b, "</th><th>");
    html_label(b, "电话", "Phone");
    buf_put(b, "</th><th>");
    html_label(b, "人数", "Party");
    buf_put(b, "</th><th>");
    html_label(b, "状态", "Status");
    buf_put(b, "</th><th>");
    html_label(b, "操作", "Actions");
    buf_put(b, "</th></tr></thead><tbody>");
    roster_ctx_t x = {b, r, o.s.session_id, 0};
    store_booking_filter_t bf = {.date = o.s.date};
    int rc = store_bookings(r->c->st, &bf, roster_row, &x);
    buf_put(b, "</tbody></table>");
    if (rc != STORE_OK) {
        buf_put(b, "<p class=\"error\" role=\"alert\">");
        buf_esc(b, store_errmsg(r->c->st));
        buf_put(b, "</p>");
    } else if (!x.rows) {
        buf_put(b, "<p class=\"empty\">");
        html_label(b, "还没有人预约这一场", "Nobody has booked this session yet");
        buf_put(b, "</p>");
    }
    page_end(b);
}

void pages_booking_action(request_t *r, reply_t *out, const char *ticket, const char *verb)
{
    rules_status_t to;
    if (strcmp(verb, "attended") == 0)
        to = RULES_CHECKED_IN;
    else if (strcmp(verb, "no_show") == 0)
        to = RULES_NO_SHOW;
    else {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    store_booking_row_t row;
    int rc = store_get_booking(r->c->st, ticket, &row);
    if (rc == STORE_OK)
        rc = store_staff_set_status(r->c->st, r->sess->staff, ticket, to, "console",
                                    r->now_s / 60);
    if (rc == RULES_NOT_FOUND) {
        pages_error(r, out, 404, "没有这个预约", "No such booking");
    } else if (rc == RULES_BAD_STATE) {
        pages_error(r, out, 409, "这个预约已经处理过了（不是待到状态）",
                    "This booking was already dealt with (not booked any more)");
    } else if (rc != STORE_OK) {
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
    } else {
        buf_t path = {0};
        buf_put(&path, "/session/");
        buf_url(&path, row.session_id);
        buf_printf(&path, "?done=%s&t=", verb);
        buf_url(&path, ticket);
        reply_redirect(out, r->c, path.p ? path.p : "/");
        buf_free(&path);
    }
}
