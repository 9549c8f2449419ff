/* 好差评 (issue 20): the residents' ratings of 不满意 and worse, for
 * follow-up as the scheme asks (GET /ratings: those waiting, then those
 * followed up; POST /ratings/<n>/followup with a note, audited), and the
 * count waiting on the home page. A rating is anonymous: the follow-up is
 * about the service and the day, never a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/rating.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/core/strings.h"
#include "pages.h"

#define NOTE_MAX 200 /* bytes of a follow-up's note */

typedef struct ratings_ctx {
    buf_t *b;
    const request_t *r;
    int open; /* list those waiting (1) or those followed up (0) */
    int rows;
} ratings_ctx_t;

/* The words of a stored reasons text ("wait,unsolved"), 、 between them. */
static void reasons_words(buf_t *b, const char *csv)
{
    char id[RATING_REASON_ID_MAX];
    int k = 0;
    for (const char *p = csv; *p;) {
        size_t n = strcspn(p, ",");
        if (n < sizeof id) {
            memcpy(id, p, n);
            id[n] = '\0';
            int w = rating_reason_word(id);
            if (w >= 0) {
                buf_put(b, k++ ? "、" : "");
                html_label(b, str_get((str_id_t)w, 0), str_get((str_id_t)w, 1));
            }
        }
        p += n + (p[n] == ',');
    }
}

static void channel_words(buf_t *b, const char *channel)
{
    static const char *const words[][3] = {{"lookup", "再次来访时", "At the next visit"},
                                           {"code", "凭小票", "With the ticket"},
                                           {"staff", "工作人员邀请", "Asked by staff"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(channel, words[i][0]) == 0)
            html_label(b, words[i][1], words[i][2]);
}

static int rating_row(void *ctx, const store_rating_row_t *row)
{
    ratings_ctx_t *x = ctx;
    buf_t *b = x->b;
    if (!rating_is_low(row->level) || x->open != !row->followed_at[0])
        return 0;
    x->rows++;
    int w = rating_level_word(row->level);
    buf_printf(b, "<tr class=\"rating level-%d\" id=\"rating-%lld\"><td>", row->level, row->seq);
    buf_esc(b, row->day);
    buf_put(b, "</td><td>");
    buf_esc(b, row->service_name);
    buf_printf(b, "</td><td class=\"level\">");
    html_label(b, str_get((str_id_t)w, 0), str_get((str_id_t)w, 1));
    buf_put(b, "</td><td class=\"reasons\">");
    reasons_words(b, row->reasons);
    buf_put(b, "</td><td>");
    channel_words(b, row->channel);
    buf_put(b, "</td><td>");
    if (row->followed_at[0]) {
        buf_esc(b, row->followed_at);
        buf_put(b, " ");
        buf_esc(b, row->followed_by);
        buf_put(b, "<br>");
        buf_esc(b, row->note);
    } else {
        buf_printf(b, "<form class=\"act\" method=\"post\" action=\"%s/ratings/%lld/followup\">",
                   x->r->c->prefix, row->seq);
        html_csrf(b, x->r->sess);
        buf_printf(b,
                   "<input type=\"text\" name=\"note\" required maxlength=\"%d\" id=\"note-%lld\""
                   " aria-label=\"跟进说明 What was done\">",
                   NOTE_MAX, row->seq);
        buf_printf(b, "<button type=\"submit\" class=\"followup\" id=\"followup-%lld\">", row->seq);
        html_label(b, "已跟进", "Followed up");
        buf_put(b, "</button></form>");
    }
    buf_put(b, "</td></tr>");
    return 0;
}

static void ratings_table(buf_t *b, const request_t *r, int open, const char *id)
{
    const char *const cols[][2] = {
        {"日期", "Day"},
        {"服务", "Service"},
        {"评价", "Rating"},
        {"原因", "Reasons"},
        {"渠道", "Channel"},
        {open ? "跟进" : "跟进时间、人员与说明", open ? "Follow up" : "Followed up"}};
    buf_printf(b, "<table id=\"%s\">", id);
    pages_thead(b, cols, sizeof cols / sizeof cols[0]);
    ratings_ctx_t x = {b, r, open, 0};
    int rc = store_ratings(r->c->st, 1, rating_row, &x);
    if (pages_tbody_end(b, r, rc) && !x.rows) {
        char none[40];
        snprintf(none, sizeof none, "%s-none", id);
        if (open)
            pages_para(b, "empty", none, "没有待跟进的差评", "No low rating waits for follow-up");
        else
            pages_para(b, "empty", none, "还没有跟进过的差评", "No low rating followed up yet");
    }
}

void pages_ratings(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    (void)arg, (void)verb;
    buf_t *b = &out->body;
    page_begin(b, r->c, r->sess, "差评跟进", "Low ratings", "ratings");
    pages_notice(b, r);
    pages_para(b, "hint", NULL,
               "居民评价为“不满意”或“非常不满意”的服务。评价是匿名的：请针对服务和当天的情况跟进。",
               "Services residents rated dissatisfied or very dissatisfied. Ratings are "
               "anonymous: follow up the service and the day.");
    buf_put(b, "<h2>");
    html_label(b, "待跟进", "Waiting");
    buf_put(b, "</h2>");
    ratings_table(b, r, 1, "ratings-open");
    buf_put(b, "<h2>");
    html_label(b, "已跟进", "Followed up");
    buf_put(b, "</h2>");
    ratings_table(b, r, 0, "ratings-done");
    page_end(b);
}

void pages_rating_action(request_t *r, reply_t *out, const char *arg, const char *verb)
{
    char *end;
    long long seq = strtoll(arg, &end, 10);
    if (strcmp(verb, "followup") != 0 || *end || arg[0] < '0' || arg[0] > '9') {
        pages_error(r, out, 404, "没有这个操作", "No such action");
        return;
    }
    const char *note = form_get(&r->form, "note");
    if (!note || !*note || strlen(note) > NOTE_MAX) {
        pages_error(r, out, 400, "请写下跟进的情况（200 字节以内）",
                    "Say what was done (at most 200 bytes)");
        return;
    }
    char detail[NOTE_MAX + 16];
    snprintf(detail, sizeof detail, "console: %s", note);
    int rc = store_rating_follow_up(r->c->st, r->sess->staff, seq, detail, r->now_s / 60);
    if (rc == RULES_NOT_FOUND)
        pages_error(r, out, 404, "没有这条评价", "No such rating");
    else if (rc == RULES_BAD_STATE)
        pages_error(r, out, 409, "这条评价已经跟进过了，或不是差评",
                    "This rating was followed up already, or is not low");
    else if (rc != STORE_OK)
        pages_error(r, out, 503, "没有保存：数据库不可用", "Not saved: the store is unavailable");
    else
        pages_done(r, out, "/ratings", "", "followup", arg);
}

void pages_ratings_home(buf_t *b, const request_t *r)
{
    long long n = 0;
    if (store_ratings_open_low(r->c->st, &n) != STORE_OK)
        return;
    buf_printf(b,
               "<p class=\"%s\" id=\"ratings-waiting\" data-count=\"%lld\"><a class=\"day\" "
               "href=\"%s/ratings\">",
               n ? "notice" : "hint", n, r->c->prefix);
    char zh[64], en[64];
    snprintf(zh, sizeof zh, "待跟进的差评：%lld 条", n);
    snprintf(en, sizeof en, "Low ratings to follow up: %lld", n);
    html_label(b, zh, en);
    buf_put(b, "</a></p>");
}
