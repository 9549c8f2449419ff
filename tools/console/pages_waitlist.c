/* i20wait (issue 20): the waitlist on the staff console. GET /waitlist:
 * whom to phone (the held seats, the soonest to pass first, with the full
 * number: staff must call them), then who waits, in order (their numbers
 * masked: nobody needs to call them yet). POST /waitlist/<id>/confirm
 * (reached them: the seat is theirs) and /waitlist/<id>/withdraw (off the
 * list; a held seat passes on at once), audited under the staff member
 * with the detail of the store (waitlist_confirm, waitlist_withdraw). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/rules.h"
#include "pages.h"

typedef struct wait_ctx {
    buf_t *b;
    const request_t *r;
    int held; /* 1: the call list; 0: those waiting */
    int rows;
} wait_ctx_t;

static void act_form(buf_t *b, const request_t *r, long long id, const char *verb,
                     const char *zh, const char *en)
{
    buf_printf(b, "<form class=\"act\" method=\"post\" action=\"%s/waitlist/%lld/%s\">",
               r->c->prefix, id, verb);
    html_csrf(b, r->sess);
    buf_printf(b, "<button type=\"submit\" class=\"%s\" id=\"%s-%lld\">", verb, verb, id);
    html_label(b, zh, en);
    buf_put(b, "</button></form>");
}

static int wait_row(void *ctx, const store_waitlist_row_t *row)
{
    wait_ctx_t *x = ctx;
    buf_t *b = x->b;
    int held = strcmp(row->status, "held") == 0;
    if (held != x->held)
        return 0;
    x->rows++;
    buf_printf(b, "<tr class=\"wait %s\" id=\"wait-%lld\"><td class=\"num\">%lld</td><td>",
               row->status, row->id, row->id);
    buf_esc(b, row->date);
    buf_put(b, " ");
    buf_esc(b, row->start);
    buf_put(b, "</td><td>");
    buf_esc(b, row->service_name);
    buf_put(b, "</td><td>");
    buf_esc(b, row->for_label);
    buf_put(b, "</td><td class=\"phone\">");
    if (held) {
        buf_esc(b, row->phone); /* staff must phone them */
    } else {
        char masked[KIOSK_PHONE_SIZE];
        rules_mask_phone(row->phone, masked);
        buf_esc(b, masked);
    }
    buf_printf(b, "</td><td class=\"num\">%d</td><td>", row->party);
    if (held) {
        buf_esc(b, row->held_until);
        buf_put(b, " <code>");
        buf_esc(b, row->ticket);
        buf_put(b, "</code>");
    } else {
        buf_printf(b, "%d", row->position);
    }
    buf_put(b, "</td><td>");
    if (held)
        act_form(b, x->r, row->id, "confirm", "已电话联系，确认", "Phoned: confirm");
    act_form(b, x->r, row->id, "withdraw", "移出候补", "Take off the list");
    buf_put(b, "</td></tr>");
    return 0;
}

static void wait_table(buf_t *b, const request_t *r, int held, const char *id)
{
    const char *const cols[][2] = {{"编号", "No."},
                                   {"时间", "When"},
                                   {"服务", "Service"},
                                   {"为谁", "For"},
                                   {"手机号", "Phone"},
                                   {"人数", "Persons"},
                                   {held ? "保留到 · 预约码" : "候补位次",
                                    held ? "Held until · code" : "Place"},
                                   {"操作", "Action"}};
    buf_printf(b, "<table id=\"%s\">", id);
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    wait_ctx_t x = {b, r, held, 0};
    store_waitlist_filter_t f = {.active_only = 1, .call_list = held};
    int rc = store_waitlist(r->c->st, &f, wait_row, &x);
    if (pages_tbody_end(b, r, rc) && !x.rows) {
        char none[32];
        snprintf(none, sizeof none, "%s-none", id);
        if (held)
            pages_para(b, "empty", none, "现在没有需要电话通知的人", "Nobody to phone now");
        else
            pages_para(b, "empty", none, "没有人在候补", "Nobody is waiting");
    }
}

void pages_waitlist(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    buf_t *b = &out->body;
    page_begin(b, r->c, r->sess, "候补", "Waitlist", "waitlist");
    pages_notice(b, r);
    buf_put(b, "<h2>");
    html_label(b, "请电话通知（名额已保留）", "To phone (a seat is held)");
    buf_put(b, "</h2>");
    wait_table(b, r, 1, "wait-call");
    buf_put(b, "<h2>");
    html_label(b, "候补中", "Waiting");
    buf_put(b, "</h2>");
    wait_table(b, r, 0, "wait-list");
    page_end(b);
}

void pages_waitlist_action(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    char *end;
    long long id = strtoll(arg, &end, 10);
    int confirm = strcmp(verb, "confirm") == 0;
    if ((!confirm && strcmp(verb, "withdraw") != 0) || *end || arg[0] < '0' || arg[0] > '9') {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    long long now = r->now_s / 60;
    int rc = confirm ? store_waitlist_confirm(r->c->st, r->sess->staff, id, now)
                     : store_waitlist_withdraw(r->c->st, r->sess->staff, NULL, id, now);
    if (rc == RULES_NOT_FOUND)
        pages_error(r, out, 404, "没有这条候补", "No such waitlist entry");
    else if (rc == RULES_BAD_STATE)
        pages_error(r, out, 409, "这条候补已经变了", "This entry changed meanwhile");
    else if (rc != STORE_OK)
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
    else
        pages_done(r, out, "/waitlist", "", confirm ? "wait_confirm" : "wait_withdraw", arg);
}
