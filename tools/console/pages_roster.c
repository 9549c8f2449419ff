/* A session's roster, and what staff do to one booking from it: mark
 * arrived or no-show, cancel with a reason, reveal the full number, close
 * the session for booking. Phone numbers and the names of the people served
 * are masked as on the kiosk's staff screen; revealing one booking's is an
 * audited POST (show_phone, as the kiosk's 显示号码), and only that staff
 * session sees it, for REVEAL_SECONDS. */
#include <stdio.h>
#include <string.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/flow.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/core/strings.h"
#include "../../firmware/core/wipe.h"
#include "pages.h"

#define REVEAL_SECONDS 120
#define REASON_MAX 150 /* bytes of a cancel's reason (the audit keeps 199 with "console: ") */

/* The preset reasons to cancel are the kiosk's staff screen's
 * (flow_cancel_reason: one vocabulary in the audit); its 其他 is the text
 * field here, which takes any other. The Chinese is what the audit keeps. */
static int preset_reason(int i, const char **zh, const char **en)
{
    *zh = flow_cancel_reason(i, 0);
    *en = flow_cancel_reason(i, 1);
    return *zh && *en && strcmp(*zh, str_get(STR_REASON_OTHER, 0)) != 0;
}

/* Staff mark arrivals and no-shows on the session's day or after it, as
 * at the kiosk; a session still to come can only be cancelled. */
static int day_has_come(const request_t *r, const char *date)
{
    char today[11];
    dt_date_t d;
    int m;
    dt_from_stamp(r->now_s / 60, &d, &m);
    dt_format_date(d, today);
    return strcmp(date, today) <= 0;
}

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

/* 1 when these staff revealed ticket's number and it is still shown. */
static int revealed(const request_t *r, const char *ticket)
{
    return r->sess && r->sess->reveal[0] && strcmp(r->sess->reveal, ticket) == 0 &&
           r->now_s < r->sess->reveal_until_s;
}

void pages_person_cells(buf_t *b, const store_booking_row_t *row, int full)
{
    char phone[KIOSK_PHONE_SIZE], label[KIOSK_LABEL_SIZE];
    buf_put(b, "<td class=\"for\">");
    if (row->for_label[0]) {
        if (full)
            snprintf(label, sizeof label, "%s", row->for_label);
        else
            rules_mask_label(row->for_label, label);
        buf_esc(b, label);
    } else {
        html_label(b, "本人", "Self");
    }
    buf_printf(b, "</td><td class=\"phone%s\">", full ? " revealed" : "");
    if (row->phone[0]) {
        if (full)
            snprintf(phone, sizeof phone, "%s", row->phone);
        else
            rules_mask_phone(row->phone, phone);
        buf_esc(b, phone);
    } else {
        html_label(b, "无", "none");
    }
    buf_put(b, "</td>");
    wipe_bytes(phone, sizeof phone);
    wipe_bytes(label, sizeof label);
}

static int roster_row(void *ctx, const store_booking_row_t *row)
{
    roster_ctx_t *x = ctx;
    if (strcmp(row->session_id, x->session_id) != 0)
        return 0;
    buf_t *b = x->b;
    x->rows++;
    int full = revealed(x->r, row->ticket);
    pages_booking_tr(b, row, "booking");
    pages_person_cells(b, row, full);
    buf_printf(b, "<td class=\"num\">%d</td><td class=\"status\">", row->party);
    html_label(b, pages_status_word(row->status, 0), pages_status_word(row->status, 1));
    buf_put(b, "</td><td class=\"acts\">");
    if (strcmp(row->status, "booked") == 0) {
        if (day_has_come(x->r, row->date)) {
            action_button(b, x->r, row->ticket, "attended", "到达", "Arrived");
            action_button(b, x->r, row->ticket, "no_show", "未到", "No-show");
        }
        buf_printf(b, "<a class=\"cancel\" id=\"cancel-");
        buf_esc(b, row->ticket);
        buf_printf(b, "\" href=\"%s/booking/", x->r->c->prefix);
        buf_url(b, row->ticket);
        buf_put(b, "/cancel\">");
        html_label(b, "取消…", "Cancel…");
        buf_put(b, "</a>");
    }
    if (!full && (row->phone[0] || row->for_label[0]))
        action_button(b, x->r, row->ticket, "show_phone", "显示号码", "Show number");
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

/* The session id's row: 0, or -1 after answering with what is wrong. */
static int find_session(request_t *r, reply_t *out, const char *session_id, one_session_t *o)
{
    memset(o, 0, sizeof *o);
    store_session_filter_t f = {.session_id = session_id};
    if (store_sessions(r->c->st, &f, got_session, o) != STORE_OK) {
        pages_error(r, out, 503, "读取失败", "Could not read the store");
        return -1;
    }
    if (!o->found) {
        pages_error(r, out, 404, "没有这一场", "No such session");
        return -1;
    }
    return 0;
}

/* What to bring (请携带) for the service, the catalog's words as on the
 * kiosk's staff roster (staff see a sensitive service named anyway). */
static void bring_line(buf_t *b, store_t *st, const char *service_id)
{
    catalog_t *cat = NULL;
    if (store_load_catalog(st, &cat) != STORE_OK || !cat)
        return;
    const catalog_service_t *sv = catalog_find_service(cat, service_id);
    const char *zh = sv ? catalog_str(&sv->bring, 0) : "";
    if (zh[0]) {
        const char *en = catalog_str(&sv->bring, 1);
        buf_put(b, "<p class=\"bring\" id=\"bring\"><strong>");
        html_label(b, "请携带", "Bring");
        buf_put(b, "</strong> ");
        html_label(b, zh, strcmp(en, zh) != 0 ? en : NULL);
        buf_put(b, "</p>");
    }
    catalog_destroy(cat);
}

typedef struct still_ctx {
    const char *session_id;
    int bookings, persons;
} still_ctx_t;

static int still_booked(void *ctx, const store_booking_row_t *row)
{
    still_ctx_t *x = ctx;
    if (strcmp(row->session_id, x->session_id) == 0) {
        x->bookings++;
        x->persons += row->party;
    }
    return 0;
}

/* GET /session/<id>/close: what closing does, before it is done. */
static void close_confirm(request_t *r, reply_t *out, const one_session_t *o)
{
    buf_t *b = &out->body;
    still_ctx_t x = {o->s.session_id, 0, 0};
    store_booking_filter_t f = {.date = o->s.date, .status = "booked"};
    if (store_bookings(r->c->st, &f, still_booked, &x) != STORE_OK) {
        pages_error(r, out, 503, "读取失败", "Could not read the store");
        return;
    }
    page_begin(b, r->c, r->sess, "停止预约", "Close for booking", "today");
    buf_put(b, "<p class=\"session-head\"><strong>");
    buf_esc(b, o->s.service_name);
    buf_printf(b, "</strong> %s %s–%s</p>", o->s.date, o->s.start, o->s.end);
    if (!o->s.open) {
        pages_para(b, "notice", "notice", "这一场已经停止预约了", "This session is closed already");
    } else {
        char zh[256], en[256];
        snprintf(zh, sizeof zh,
                 "停止后，自助机上不能再预约这一场。已经预约的 %d 人（%d 个预约）不会被取消，"
                 "需要时请电话通知他们。停止后不能恢复。",
                 x.persons, x.bookings);
        snprintf(en, sizeof en,
                 "After this, nobody can book this session at the kiosk. The %d people already "
                 "booked (%d bookings) are NOT cancelled: call them if needed. This cannot be "
                 "undone.",
                 x.persons, x.bookings);
        pages_para(b, "stale", "close-warning", zh, en);
        buf_printf(b, "<form class=\"act\" method=\"post\" action=\"%s/session/", r->c->prefix);
        buf_url(b, o->s.session_id);
        buf_put(b, "/close\">");
        html_csrf(b, r->sess);
        buf_put(b, "<button type=\"submit\" class=\"cancel\" id=\"close-confirm\">");
        html_label(b, "确认停止预约", "Close it");
        buf_put(b, "</button></form>");
    }
    buf_printf(b, "<p><a href=\"%s/session/", r->c->prefix);
    buf_url(b, o->s.session_id);
    buf_put(b, "\">");
    html_label(b, "不停止，回到名单", "Keep it open, back to the roster");
    buf_put(b, "</a></p>");
    page_end(b);
}

void pages_roster(request_t *r, reply_t *out, const char *session_id, const char *verb)
{
    if (*verb && strcmp(verb, "close") != 0) {
        pages_error(r, out, 404, "没有这个页面", "No such page");
        return;
    }
    one_session_t o;
    if (find_session(r, out, session_id, &o))
        return;
    if (*verb) {
        close_confirm(r, out, &o);
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
    buf_printf(b, " %d · <span id=\"session-state\">", o.s.remaining);
    if (o.s.open)
        html_label(b, "可预约", "Open");
    else
        html_label(b, "已停止预约", "Closed for booking");
    buf_put(b, "</span></p>");
    bring_line(b, r->c->st, o.s.service_id);
    if (o.s.open) {
        /* A link to the confirmation: closing cannot be undone. */
        buf_printf(b, "<p><a class=\"cancel\" id=\"close-session\" href=\"%s/session/",
                   r->c->prefix);
        buf_url(b, o.s.session_id);
        buf_put(b, "/close\">");
        html_label(b, "停止这一场的预约…", "Close this session for booking…");
        buf_put(b, "</a></p>");
    }
    buf_printf(b, "<table id=\"roster\" data-session=\"");
    buf_esc(b, o.s.session_id);
    buf_put(b, "\">");
    static const char *const cols[][2] = {{"票号", "Code"},   {"为", "For"},
                                          {"电话", "Phone"},  {"人数", "Party"},
                                          {"状态", "Status"}, {"操作", "Actions"}};
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    roster_ctx_t x = {b, r, o.s.session_id, 0};
    store_booking_filter_t bf = {.date = o.s.date};
    int rc = store_bookings(r->c->st, &bf, roster_row, &x);
    if (pages_tbody_end(b, r, rc) && !x.rows)
        pages_para(b, "empty", NULL, "还没有人预约这一场", "Nobody has booked this session yet");
    page_end(b);
}

/* Back to where the action came from: base ("/session/ID" or "/calls")
 * with ?done=verb&t=what. */
void pages_done(request_t *r, reply_t *out, const char *base, const char *base_arg,
                const char *verb, const char *what)
{
    buf_t path = {0};
    buf_put(&path, base);
    buf_url(&path, base_arg);
    buf_printf(&path, "?done=%s", verb);
    if (what && *what) {
        buf_put(&path, "&t=");
        buf_url(&path, what);
    }
    reply_redirect(out, r->c, path.p && !path.oom ? path.p : "/");
    buf_free(&path);
}

/* The reason of a cancel's form: the text typed, else the preset picked;
 * NULL (with *bad set when something unusable was given) when none. */
static const char *cancel_reason(const request_t *r, char out[REASON_MAX + 1], int *bad)
{
    *bad = 0;
    const char *keys[] = {"other", "reason"};
    for (size_t k = 0; k < 2; k++) {
        const char *v = form_get(&r->form, keys[k]);
        if (!v)
            continue;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t n = strlen(v);
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
            n--;
        if (!n)
            continue;
        int ctl = 0;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
                ctl = 1;
        if (n > REASON_MAX || ctl) {
            *bad = 1;
            return NULL;
        }
        memcpy(out, v, n);
        out[n] = '\0';
        return out;
    }
    return NULL;
}

static void cancel_form(request_t *r, reply_t *out, const store_booking_row_t *row, int status,
                        const char *err_zh, const char *err_en)
{
    buf_t *b = &out->body;
    out->status = status;
    page_begin(b, r->c, r->sess, "取消预约", "Cancel a booking", "today");
    if (err_zh)
        pages_para(b, "error", "error", err_zh, err_en);
    buf_put(b, "<table id=\"booking\"><tbody>");
    pages_booking_tr(b, row, "booking");
    buf_printf(b, "<td>%s %s</td><td>", row->date, row->start);
    buf_esc(b, row->service_name);
    buf_put(b, "</td>");
    pages_person_cells(b, row, 0);
    buf_printf(b, "<td class=\"num\">%d</td></tr></tbody></table>", row->party);
    int open = strcmp(row->status, "booked") == 0;
    if (open) {
        buf_printf(b, "<form class=\"cancel\" method=\"post\" action=\"%s/booking/", r->c->prefix);
        buf_url(b, row->ticket);
        buf_put(b, "/cancel\">");
        html_csrf(b, r->sess);
        buf_put(b, "<fieldset><legend>");
        html_label(b, "取消原因（必填）", "Reason (required)");
        buf_put(b, "</legend>");
        const char *zh, *en;
        for (int i = 0; flow_cancel_reason(i, 0); i++) {
            if (!preset_reason(i, &zh, &en))
                continue;
            buf_printf(b, "<label><input type=\"radio\" name=\"reason\" id=\"reason-%d\" value=\"",
                       i);
            buf_esc(b, zh);
            buf_put(b, "\"> ");
            html_label(b, zh, en);
            buf_put(b, "</label>");
        }
        buf_printf(b, "<label for=\"other\">");
        html_label(b, "其他原因", "Other reason");
        buf_printf(b,
                   "</label><input type=\"text\" id=\"other\" name=\"other\" maxlength=\"%d\">"
                   "</fieldset><button type=\"submit\" id=\"cancel-confirm\">",
                   REASON_MAX / 3);
        html_label(b, "取消这个预约", "Cancel this booking");
        buf_put(b, "</button></form>");
    }
    buf_put(b, "<p><a href=\"");
    buf_esc(b, r->c->prefix);
    buf_put(b, "/session/");
    buf_url(b, row->session_id);
    buf_put(b, "\">");
    if (open)
        html_label(b, "不取消，回到名单", "Keep it, back to the roster");
    else
        html_label(b, "回到名单", "Back to the roster");
    buf_put(b, "</a></p>");
    page_end(b);
}

/* The booking of ticket: 0, or -1 after answering. */
static int find_booking(request_t *r, reply_t *out, const char *ticket, store_booking_row_t *row)
{
    int rc = store_get_booking(r->c->st, ticket, row);
    if (rc == RULES_NOT_FOUND)
        pages_error(r, out, 404, "没有这个预约", "No such booking");
    else if (rc != STORE_OK)
        pages_error(r, out, 503, "读取失败", "Could not read the store");
    return rc == STORE_OK ? 0 : -1;
}

void pages_booking_page(request_t *r, reply_t *out, const char *ticket, const char *verb)
{
    store_booking_row_t row;
    if (strcmp(verb, "cancel") != 0) {
        pages_error(r, out, 404, "没有这个页面", "No such page");
        return;
    }
    if (find_booking(r, out, ticket, &row))
        return;
    if (strcmp(row.status, "booked") != 0)
        cancel_form(r, out, &row, 409, "这个预约已经处理过了（不是待到状态）",
                    "This booking was already dealt with (not booked any more)");
    else
        cancel_form(r, out, &row, 200, NULL, NULL);
    wipe_bytes(&row, sizeof row);
}

/* show_phone: the audit row first (who looked at which booking, never the
 * number), then the number is shown to these staff on the roster. */
static void show_phone(request_t *r, reply_t *out, const store_booking_row_t *row)
{
    if (store_audit(r->c->st, r->sess->staff, "show_phone", row->ticket, row->session_id, "console",
                    r->now_s / 60) != STORE_OK) {
        pages_error(r, out, 503, "没有显示：操作日志写不进去",
                    "Not shown: the audit could not be written");
        return;
    }
    snprintf(r->sess->reveal, sizeof r->sess->reveal, "%s", row->ticket);
    r->sess->reveal_until_s = r->now_s + REVEAL_SECONDS;
    pages_done(r, out, "/session/", row->session_id, "show_phone", row->ticket);
}

void pages_booking_action(request_t *r, reply_t *out, const char *ticket, const char *verb)
{
    rules_status_t to;
    char reason[REASON_MAX + 1], detail[REASON_MAX + 16];
    const char *why = "console";
    store_booking_row_t row;
    if (strcmp(verb, "attended") == 0)
        to = RULES_CHECKED_IN;
    else if (strcmp(verb, "no_show") == 0)
        to = RULES_NO_SHOW;
    else if (strcmp(verb, "cancel") == 0)
        to = RULES_CANCELLED;
    else if (strcmp(verb, "show_phone") == 0) {
        if (find_booking(r, out, ticket, &row) == 0)
            show_phone(r, out, &row);
        wipe_bytes(&row, sizeof row);
        return;
    } else {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    if (find_booking(r, out, ticket, &row))
        return;
    if (to != RULES_CANCELLED && !day_has_come(r, row.date)) {
        pages_error(r, out, 409, "这一场还没到：到达和未到要在当天标记，提前只能取消",
                    "This session is still to come: arrivals and no-shows are marked on its "
                    "day; before it a booking can only be cancelled");
        wipe_bytes(&row, sizeof row);
        return;
    }
    if (to == RULES_CANCELLED) {
        int bad;
        if (!cancel_reason(r, reason, &bad)) {
            if (bad)
                cancel_form(r, out, &row, 400, "原因太长或含有控制字符（最多 50 个汉字）",
                            "The reason is too long or has control characters (at most 150 bytes)");
            else
                cancel_form(r, out, &row, 400, "请选一个取消原因或写明原因",
                            "Pick a reason or write one: a cancel needs it");
            wipe_bytes(&row, sizeof row);
            return;
        }
        snprintf(detail, sizeof detail, "console: %s", reason);
        why = detail;
    }
    int rc = store_staff_set_status(r->c->st, r->sess->staff, ticket, to, why, r->now_s / 60);
    if (rc == RULES_NOT_FOUND) {
        pages_error(r, out, 404, "没有这个预约", "No such booking");
    } else if (rc == RULES_BAD_STATE) {
        pages_error(r, out, 409, "这个预约已经处理过了（不是待到状态）",
                    "This booking was already dealt with (not booked any more)");
    } else if (rc != STORE_OK) {
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
    } else {
        pages_done(r, out, "/session/", row.session_id, verb, ticket);
    }
    wipe_bytes(&row, sizeof row);
}

void pages_session_action(request_t *r, reply_t *out, const char *session_id, const char *verb)
{
    if (strcmp(verb, "close") != 0) {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    int rc =
        store_session_close_from(r->c->st, r->sess->staff, "console", session_id, r->now_s / 60);
    if (rc == RULES_NO_SESSION)
        pages_error(r, out, 404, "没有这一场", "No such session");
    else if (rc != STORE_OK)
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
    else
        pages_done(r, out, "/session/", session_id, "close", "");
}
