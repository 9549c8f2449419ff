/* Finding a booking (GET /find: the form; POST /find: the search): by its
 * ticket code (as people type it, "abcd-efgh", or a scanner's KQ1:
 * payload, checked against the station's key), by the person served (the
 * label given at booking) or by a full phone number. The search is a POST
 * with the CSRF token, so that a number or a name never stands in a URL
 * (the browser's history, its address bar's suggestions on a shared desk)
 * and a page left open never searches again by itself. The results link to
 * the booking's roster; phones and labels stay masked. A search by phone or
 * by name tells what a person booked (a sensitive service too), so it is
 * audited each time (find_phone, find_name; "console", the count, never
 * the number or the name), and what could not be audited is not shown. */
#include <stdio.h>
#include <string.h>

#include "../../firmware/app/checkin.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/core/wipe.h"
#include "../../firmware/ticket/code.h"
#include "../../firmware/ticket/payload.h"
#include "pages.h"

#define FIND_MAX 200 /* rows shown */

typedef struct find_ctx {
    buf_t *b;
    const request_t *r;
    int rows;
} find_ctx_t;

void pages_booking_line(buf_t *b, const console_t *c, const store_booking_row_t *row,
                        const char *id_prefix)
{
    pages_booking_tr(b, row, id_prefix);
    buf_printf(b, "<td>%s %s</td><td><a href=\"%s/session/", row->date, row->start, c->prefix);
    buf_url(b, row->session_id);
    buf_put(b, "#booking-");
    buf_url(b, row->ticket);
    buf_put(b, "\">");
    buf_esc(b, row->service_name);
    buf_put(b, "</a></td>");
    pages_person_cells(b, row, 0);
    buf_printf(b, "<td class=\"num\">%d</td><td class=\"status\">", row->party);
    html_label(b, pages_status_word(row->status, 0), pages_status_word(row->status, 1));
    buf_put(b, "</td></tr>");
}

void pages_booking_thead(buf_t *b)
{
    static const char *const cols[][2] = {
        {"票号", "Code"},  {"时间", "When"},  {"服务（名单）", "Service (roster)"},
        {"为", "For"},     {"电话", "Phone"}, {"人数", "Party"},
        {"状态", "Status"}};
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
}

static int find_row(void *ctx, const store_booking_row_t *row)
{
    find_ctx_t *x = ctx;
    if (++x->rows > FIND_MAX)
        return 1;
    pages_booking_line(x->b, x->r->c, row, "found");
    return 0;
}

/* q without spaces and dashes (a phone typed as 138 0013 8000). */
static void squeeze(const char *q, char *out, size_t n)
{
    size_t j = 0;
    for (; *q && j + 1 < n; q++)
        if (*q != ' ' && *q != '-')
            out[j++] = *q;
    out[j] = '\0';
}

/* The ticket code q stands for (checkin_code_of, as the kiosk's check-in
 * reads it): 1 (code filled), 0 when q is no code, -1 when it is a payload
 * that is not this station's (or the station's key cannot be read: said
 * in the log, as nothing can be verified then). */
static int code_of(const request_t *r, const char *q, char code[KIOSK_TICKET_SIZE])
{
    ticket_key_t key;
    int have_key = 0;
    if (ticket_payload_looks_like(q)) {
        char path[CONFIG_PATH_MAX], err[600];
        config_key_path(r->c->db, path);
        if (ticket_key_load(path, 0, &key, err, sizeof err))
            fprintf(stderr, "kiosk-console: a scanned ticket cannot be checked: %s\n", err);
        else
            have_key = 1;
    }
    int rc = checkin_code_of(have_key ? &key : NULL, q, code);
    if (have_key)
        ticket_key_wipe(&key);
    return rc == RULES_OK ? 1 : rc == RULES_FORGED ? -1 : 0;
}

/* The search cannot be understood: 400, the reason, the page's end. */
static void refused(reply_t *out, const char *zh, const char *en)
{
    out->status = 400;
    pages_para(&out->body, "error", "error", zh, en);
    page_end(&out->body);
}

void pages_find(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    buf_t *b = &out->body;
    int post = strcmp(r->method, "POST") == 0;
    const char *q = post ? form_get(&r->form, "q") : NULL;
    char code[KIOSK_TICKET_SIZE], phone[KIOSK_PHONE_SIZE + 16];
    q = q ? q : "";
    while (*q == ' ')
        q++;
    page_begin(b, r->c, r->sess, "查找预约", "Find a booking", "find");
    if (post)
        pages_no_live(b); /* the answer to a search: a reload would not repeat it */
    buf_printf(b, "<form class=\"find\" method=\"post\" action=\"%s/find\">", r->c->prefix);
    html_csrf(b, r->sess);
    buf_put(b, "<label for=\"q\">");
    html_label(b, "票号、姓名或完整手机号", "Ticket code, name or full phone number");
    buf_put(b, "</label><input type=\"search\" id=\"q\" name=\"q\" maxlength=\"64\" "
               "autocomplete=\"off\" autofocus value=\"");
    /* A phone searched for is not written back into the page. */
    squeeze(q, phone, sizeof phone);
    int by_phone = rules_phone_valid(phone);
    buf_esc(b, by_phone ? "" : q);
    buf_put(b, "\"><button type=\"submit\" id=\"find\">");
    html_label(b, "查找", "Find");
    buf_put(b, "</button></form>");
    if (!*q) {
        pages_para(b, "hint", NULL,
                   "扫描票上的二维码、输入 8 位票号、预约时登记的姓名或 11 位手机号。"
                   "按手机号查找会记入操作日志。",
                   "Scan the ticket's QR code or type its 8-character code, the name given "
                   "at booking or an 11-digit phone number. A search by phone is audited.");
        page_end(b);
        wipe_bytes(phone, sizeof phone);
        return;
    }
    store_booking_filter_t f = {0};
    const char *what_zh, *what_en;
    int is_code = code_of(r, q, code);
    if (is_code < 0) {
        refused(out, "这张票不是本站的，或二维码不完整",
                "Not a ticket of this station, or a partial scan");
        wipe_bytes(phone, sizeof phone);
        return;
    }
    if (by_phone) {
        f.phone = phone;
        what_zh = "按手机号", what_en = "By phone number";
    } else if (is_code) {
        f.ticket = code;
        what_zh = "按票号", what_en = "By ticket code";
    } else if (rules_label_valid(q)) {
        f.for_label = q;
        what_zh = "按姓名", what_en = "By name";
    } else {
        refused(out, "不是票号、姓名或 11 位手机号",
                "Not a ticket code, a name or an 11-digit phone number");
        wipe_bytes(phone, sizeof phone);
        return;
    }
    buf_put(b, "<h2>");
    html_label(b, what_zh, what_en);
    buf_put(b, "</h2><table id=\"found\">");
    pages_booking_thead(b);
    find_ctx_t x = {b, r, 0};
    int rc = store_bookings(r->c->st, &f, find_row, &x);
    if (rc == STORE_OK && (by_phone || f.for_label)) {
        char detail[64];
        snprintf(detail, sizeof detail, "console: %d bookings",
                 x.rows > FIND_MAX ? FIND_MAX : x.rows);
        if (store_audit(r->c->st, r->sess->staff, by_phone ? "find_phone" : "find_name", NULL,
                        NULL, detail, r->now_s / 60) != STORE_OK) {
            /* What may not be recorded is not shown. */
            buf_free(b);
            wipe_bytes(phone, sizeof phone);
            pages_error(r, out, 503, "没有查找：操作日志写不进去",
                        "Not searched: the audit could not be written");
            return;
        }
    }
    wipe_bytes(phone, sizeof phone);
    if (pages_tbody_end(b, r, rc)) {
        if (!x.rows)
            pages_para(b, "empty", "none-found", "没有找到预约", "No booking found");
        else if (x.rows > FIND_MAX)
            pages_para(b, "hint", NULL, "只列出前 200 条", "Only the first 200 are listed");
    }
    page_end(b);
}
