/* Courses with terms (issue 20): the term screen (its dates, classes,
 * places left, ages, the other terms of the course), the 报名整学期 button
 * of the service screen, and the words the confirmation, the enrolled
 * ticket and its slip use for a term instead of one session's time. */
#include "../core/refusal_words.h"
#include "screens_int.h"

/* "2027年春季班，3月6日起，共17次课": a term where a session's time goes. */
void uix_term_when(const flow_state_t *s, char *out, size_t n)
{
    const catalog_term_t *t = &s->cat->terms[s->term];
    char first[64], classes[24];
    dt_date_t d = t->from;
    if (s->term_first[0])
        dt_parse_date(s->term_first, &d);
    uix_format_date(s->lang_en, d, first, sizeof first);
    snprintf(classes, sizeof classes, "%d",
             s->screen == FLOW_ENROLLED ? s->enrol_classes : s->term_ahead);
    const char *args[3] = {cs(s, &t->name), first, classes};
    str_format(STR_TERM_WHEN, s->lang_en, out, n, args, 3);
}

/* The service screen's 报名整学期 beside 预约这项服务 when the course has
 * terms: 1 when drawn. */
int uix_enrol_button(ui_t *ui, const flow_state_t *s)
{
    int t[1];
    if (flow_service_terms(s, t, 1) < 1)
        return 0;
    uix_button(ui, "book", tr(ui, s, STR_BOOK), uix_action_rect(ui, 0, 2), UIX_SECONDARY, 1,
               uix_font(ui, 46), 0);
    uix_button(ui, "enrol", tr(ui, s, STR_ENROL), uix_action_rect(ui, 1, 2), UIX_PRIMARY, 1,
               uix_font(ui, 46), 0);
    return 1;
}

static str_id_t refusal_word(int r)
{
    switch (r) {
    case RULES_FULL:
        return STR_TERM_FULL;
    case RULES_TOO_LATE:
        return STR_TERM_NONE_LEFT;
    case RULES_DUPLICATE:
        return STR_TERM_DUPLICATE;
    default:
        return (str_id_t)-1;
    }
}

void uix_draw_term(ui_t *ui, const flow_state_t *s)
{
    const catalog_term_t *t = &s->cat->terms[s->term];
    int top = uix_header(ui, s, cs(s, &service(s)->name));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    int gap = uix_px(ui, 24);
    /* Why the last try was refused, in the resident's words. */
    if (s->term_refusal != RULES_OK) {
        int word = refusal_word(s->term_refusal);
        char msg[200];
        const flow_refusal_words_t *rw = flow_refusal_words((rules_result_t)s->term_refusal);
        if (word >= 0)
            snprintf(msg, sizeof msg, "%s", tr(ui, s, (str_id_t)word));
        else if (rw)
            str_format_int(rw->what, s->lang_en,
                           flow_refusal_most((rules_result_t)s->term_refusal, &s->rules), msg,
                           sizeof msg);
        else
            snprintf(msg, sizeof msg, "%s", tr(ui, s, STR_STORE_ERROR));
        y += headline(ui, msg, 0, x, y, w) + gap;
    } else if (s->notice == FLOW_NOTICE_STORE_ERROR || s->term_failed) {
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + gap;
    }
    y += uix_text(ui, cs(s, &t->name), uix_font(ui, 56), 1, ui->th.text, ui->landscape ? uix_px(ui, UIX_MARGIN) : x, y, ui->landscape ? ui->lw : w, UI_ALIGN_LEFT,
                  0) +
         gap;
    /* Landscape: the card on the left, the hint and the other terms on
     * the right, so that little scrolls. */
    int y_right = y, x2 = x, w2 = w;
    if (ui->landscape) {
        int m = uix_px(ui, UIX_MARGIN), g = uix_px(ui, 64);
        x = m;
        w = (ui->lw - 2 * m - g) * 58 / 100;
        x2 = x + w + g;
        w2 = ui->lw - 2 * m - g - w;
    }

    char from[64], to[64], span[160], classes[48], left[48], ages[48], lo[8], hi[8];
    uix_format_date(s->lang_en, t->from, from, sizeof from);
    uix_format_date(s->lang_en, t->to, to, sizeof to);
    const char *a2[2] = {from, to};
    str_format(STR_TERM_SPAN, s->lang_en, span, sizeof span, a2, 2);
    if (s->term_loaded && !s->term_failed) {
        str_format_int(STR_TERM_CLASSES_N, s->lang_en, s->term_ahead, classes, sizeof classes);
        str_format_int(STR_TERM_LEFT_N, s->lang_en, s->term_left, left, sizeof left);
    } else {
        snprintf(classes, sizeof classes, "%s", tr(ui, s, STR_TERM_LOADING));
        snprintf(left, sizeof left, "%s", tr(ui, s, STR_TERM_LOADING));
    }
    snprintf(lo, sizeof lo, "%d", t->age_min);
    snprintf(hi, sizeof hi, "%d", t->age_max);
    const char *a3[2] = {lo, hi};
    str_format(STR_TERM_AGES_N, s->lang_en, ages, sizeof ages, a3, 2);
    int pad = uix_px(ui, 40), card = y;
    int iw = w - 2 * pad, cy = y + pad;
    /* Measured by drawing off the card first would be costlier: rows are
     * short, so the card is sized from their heights. */
    const char *labels[5] = {tr(ui, s, STR_TERM_DATES), tr(ui, s, STR_TERM_CLASSES),
                             tr(ui, s, STR_TERM_PLACES), tr(ui, s, STR_TERM_AGES),
                             tr(ui, s, STR_LOCATION)};
    const char *vals[5] = {span, classes, left, ages, cs(s, &service(s)->location)};
    int nrows = 5, skip = t->age_max ? -1 : 3;
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100, rows_h = 0;
    for (int i = 0; i < nrows; i++)
        if (i != skip)
            rows_h += uix_text_height(ui, vals[i], uix_font(ui, 44), 1, iw - lw, 0) +
                      uix_px(ui, 28);
    uix_frame(ui, uix_rect(x, card, w, rows_h + 2 * pad), ui->th.card, ui->th.border,
              uix_px(ui, 2), uix_px(ui, 24));
    for (int i = 0; i < nrows; i++)
        if (i != skip)
            cy = uix_summary_row(ui, labels[i], vals[i], x + pad, cy, iw);
    y = card + rows_h + 2 * pad + gap;
    int y_left = y;
    if (ui->landscape) {
        x = x2;
        w = w2;
        y = y_right;
    }
    y += uix_text(ui, tr(ui, s, STR_TERM_HINT), uix_font(ui, 40), 0, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 0) +
         gap;
    /* The course's other terms, if any: one button each. */
    int ts[8], n = flow_service_terms(s, ts, 8);
    for (int i = 0; i < n && n > 1; i++) {
        char id[CATALOG_ID_MAX + 8];
        snprintf(id, sizeof id, "term:%s", s->cat->terms[ts[i]].id);
        int h = uix_px(ui, ui->th.font > 1.0f ? 150 : 120);
        uix_button(ui, id, cs(s, &s->cat->terms[ts[i]].name), uix_rect(x, y, w, h),
                   ts[i] == s->term ? UIX_PRIMARY : UIX_SECONDARY, 1, uix_font(ui, 44), 0);
        y += h + gap;
    }
    uix_body_end(ui, (y > y_left ? y : y_left) - gap);
    uix_action_bar_bg(ui);
    int ok = s->term_loaded && !s->term_failed && s->term_ahead > 0 && s->term_left > 0 &&
             !s->bookings_off && !s->busy;
    uix_button(ui, "next", tr(ui, s, STR_TERM_NEXT), uix_action_rect(ui, 0, 1), UIX_PRIMARY, ok,
               uix_font(ui, 52), 0);
}
