/* A growing buffer for pages, the escaping every value from the store or
 * the request goes through, and the frame every page shares. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"

static int grow(buf_t *b, size_t more)
{
    if (b->oom)
        return -1;
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void buf_putn(buf_t *b, const char *s, size_t n)
{
    if (grow(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void buf_put(buf_t *b, const char *s)
{
    buf_putn(b, s, strlen(s));
}

void buf_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_esc(buf_t *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': buf_put(b, "&amp;"); break;
        case '<': buf_put(b, "&lt;"); break;
        case '>': buf_put(b, "&gt;"); break;
        case '"': buf_put(b, "&quot;"); break;
        case '\'': buf_put(b, "&#39;"); break;
        default: buf_putn(b, s, 1);
        }
    }
}

void buf_url(buf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            buf_putn(b, s, 1);
        } else {
            char e[3] = {'%', hex[ch >> 4], hex[ch & 15]};
            buf_putn(b, e, 3);
        }
    }
}

void buf_free(buf_t *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

void html_label(buf_t *b, const char *zh, const char *en)
{
    buf_put(b, "<span lang=\"zh-CN\">");
    buf_esc(b, zh);
    buf_put(b, "</span>");
    if (en && *en) {
        buf_put(b, " <span class=\"en\" lang=\"en\">");
        buf_esc(b, en);
        buf_put(b, "</span>");
    }
}

void html_csrf(buf_t *b, const csession_t *s)
{
    buf_put(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    buf_esc(b, s ? s->csrf : "");
    buf_put(b, "\">");
}

static const struct nav_item {
    const char *id, *path, *zh, *en;
} nav_items[] = {
    {"today", "/", "今日", "Today"},
    {"find", "/find", "查找预约", "Find"},
    {"bookings", "/bookings", "预约记录", "Bookings"},
    {"calls", "/calls", "呼叫", "Calls"},
    {"counter", "/counter", "叫号", "Counter"},
    {"ratings", "/ratings", "差评跟进", "Low ratings"}, /* issue 20 (F) */
    {"waitlist", "/waitlist", "候补", "Waitlist"}, /* i20wait */
    {"audit", "/audit", "操作日志", "Audit"},
};

void page_begin(buf_t *b, const console_t *c, const csession_t *s, const char *title_zh,
                const char *title_en, const char *nav)
{
    buf_put(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>");
    buf_esc(b, title_zh);
    buf_put(b, " · ");
    buf_esc(b, title_en);
    buf_put(b, " — 社工站</title>");
    buf_printf(b, "<link rel=\"stylesheet\" href=\"%s/static/console.css\">", c->prefix);
    buf_printf(b, "<script src=\"%s/static/console.js\" defer></script>", c->prefix);
    buf_put(b, "</head><body");
    if (s && s->authed)
        buf_printf(b, " data-events=\"%s/events\"", c->prefix);
    buf_put(b, "><header class=\"bar\"><div class=\"station\">");
    html_label(b, "社工站 员工台", "Staff console");
    buf_put(b, " <span class=\"sid\">");
    buf_esc(b, c->station);
    buf_put(b, "</span></div>");
    if (s && s->authed) {
        buf_put(b, "<form class=\"logout\" method=\"post\" action=\"");
        buf_esc(b, c->prefix);
        buf_put(b, "/logout\">");
        html_csrf(b, s);
        buf_put(b, "<span class=\"who\" id=\"staff-name\">");
        buf_esc(b, s->staff);
        buf_put(b, "</span> <button type=\"submit\" id=\"logout\">");
        html_label(b, "退出", "Log out");
        buf_put(b, "</button></form>");
    }
    buf_put(b, "</header>");
    if (s && s->authed) {
        buf_put(b, "<nav>");
        for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
            const struct nav_item *n = &nav_items[i];
            buf_printf(b, "<a id=\"nav-%s\" href=\"%s%s\"%s>", n->id, c->prefix, n->path,
                       nav && strcmp(nav, n->id) == 0 ? " aria-current=\"page\"" : "");
            html_label(b, n->zh, n->en);
            buf_put(b, "</a>");
        }
        buf_put(b, "</nav>");
    }
    buf_put(b, "<main id=\"main\"><h1>");
    html_label(b, title_zh, title_en);
    buf_put(b, "</h1>");
}

void page_end(buf_t *b)
{
    buf_put(b, "</main></body></html>\n");
}
