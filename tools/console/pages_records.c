/* Bookings of any date range, on a page and as the CSV file the kiosk's
 * export writes (app/export.c: the same columns, BOM and quoting). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/app/export.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "pages.h"

#define LIST_MAX 500    /* rows on the page; the CSV has them all */
#define RANGE_MAX 366   /* days in one range */

/* from and until of the query (default: today), checked. 0, or -1 after
 * answering with the reason. */
static int range(request_t *r, reply_t *out, char from[11], char until[11])
{
    dt_date_t a, z;
    if (pages_date_arg(r, out, "from", from) || pages_date_arg(r, out, "until", until))
        return -1;
    dt_parse_date(from, &a);
    dt_parse_date(until, &z);
    if (dt_days(z) < dt_days(a)) {
        pages_error(r, out, 400, "结束日期早于开始日期", "The end date is before the start date");
        return -1;
    }
    if (dt_days(z) - dt_days(a) >= RANGE_MAX) {
        pages_error(r, out, 400, "一次最多一年（366 天）", "At most a year (366 days) at a time");
        return -1;
    }
    return 0;
}

typedef struct list_ctx {
    buf_t *b;
    const console_t *c;
    int rows;
} list_ctx_t;

static int list_row(void *ctx, const store_booking_row_t *row)
{
    list_ctx_t *x = ctx;
    if (++x->rows > LIST_MAX)
        return 0; /* counted, not shown */
    pages_booking_line(x->b, x->c, row, "row");
    return 0;
}

void pages_bookings(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    char from[11], until[11];
    if (range(r, out, from, until))
        return;
    buf_t *b = &out->body;
    page_begin(b, r->c, r->sess, "预约记录", "Bookings", "bookings");
    buf_printf(b, "<form class=\"range\" method=\"get\" action=\"%s/bookings\"><label>", r->c->prefix);
    html_label(b, "从", "From");
    buf_printf(b, " <input type=\"date\" name=\"from\" id=\"from\" value=\"%s\"></label><label>", from);
    html_label(b, "到", "Until");
    buf_printf(b, " <input type=\"date\" name=\"until\" id=\"until\" value=\"%s\"></label>"
                  "<button type=\"submit\" id=\"show\">", until);
    html_label(b, "查看", "Show");
    /* The export takes the dates as they stand in the form, not the
     * range shown last. */
    buf_printf(b, "</button><button type=\"submit\" id=\"export\" formaction=\"%s/export.csv\">",
               r->c->prefix);
    html_label(b, "导出 CSV", "Export CSV");
    buf_put(b, "</button></form>");
    buf_put(b, "<table id=\"bookings\">");
    pages_booking_thead(b);
    list_ctx_t x = {b, r->c, 0};
    store_booking_filter_t f = {.date_from = from, .date_until = until};
    int rc = store_bookings(r->c->st, &f, list_row, &x);
    buf_put(b, "</tbody></table>");
    if (rc != STORE_OK) {
        buf_put(b, "<p class=\"error\" role=\"alert\">");
        buf_esc(b, store_errmsg(r->c->st));
        buf_put(b, "</p>");
    }
    buf_printf(b, "<p class=\"count\" id=\"count\" data-count=\"%d\">", x.rows);
    char zh[96], en[96];
    snprintf(zh, sizeof zh, "共 %d 条预约", x.rows);
    snprintf(en, sizeof en, "%d bookings", x.rows);
    html_label(b, zh, en);
    if (x.rows > LIST_MAX) {
        snprintf(zh, sizeof zh, "（只显示前 %d 条，全部请导出）", LIST_MAX);
        snprintf(en, sizeof en, "(the first %d shown; export for all)", LIST_MAX);
        buf_put(b, " ");
        html_label(b, zh, en);
    }
    buf_put(b, "</p>");
    page_end(b);
}

void pages_export(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    char from[11], until[11], err[256];
    if (strcmp(r->method, "GET") != 0) {
        /* HEAD would write the audit row of a file never sent. */
        pages_error(r, out, 405, "不能这样访问这个地址", "Method not allowed here");
        return;
    }
    if (range(r, out, from, until))
        return;
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    if (!f) {
        pages_error(r, out, 500, "内存不足", "Out of memory");
        return;
    }
    int n = export_bookings_write(r->c->st, f, from, until, err, sizeof err);
    if (n < 0)
        fprintf(stderr, "kiosk-console: export %s..%s failed: %s\n", from, until, err);
    if (fclose(f) != 0 || n < 0) {
        free(data);
        pages_error(r, out, 503, "导出失败", "The export failed");
        return;
    }
    char detail[96];
    snprintf(detail, sizeof detail, "console: %s..%s, %d bookings", from, until, n);
    if (store_audit(r->c->st, r->sess->staff, "export", NULL, NULL, detail, r->now_s / 60) !=
        STORE_OK) {
        /* No export that the audit log does not show. */
        free(data);
        pages_error(r, out, 503, "导出失败：无法写操作日志", "Not exported: the audit log failed");
        return;
    }
    out->status = 200;
    out->type = "text/csv; charset=utf-8";
    snprintf(out->disposition, sizeof out->disposition,
             "attachment; filename=\"bookings-%s-%s.csv\"", from, until);
    buf_putn(&out->body, data, len);
    free(data);
}
