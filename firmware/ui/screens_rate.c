/* 好差评 (issue 20): rate-code (the ticket's QR scanned or its code typed,
 * from home's 服务评价), rate (the question and the five levels, each a
 * large button with its words: never a colour or a face alone),
 * rate-reasons (the level chosen, the reasons to tap, ✓ on those tapped,
 * 提交评价) and rated (thank you). A sensitive service is 预约服务 here as
 * on every resident screen. Nothing personal: no code, no phone. */
#include "screens_int.h"

#include "../core/rating.h"

static const char *level_words(const flow_state_t *s, int level)
{
    int w = rating_level_word(level);
    return w < 0 ? "" : str_get((str_id_t)w, s->lang_en);
}

void uix_draw_rate_code(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_RATE_TITLE));
    SDL_Rect info, pad;
    uix_split_keypad(ui, top, 5 * 120 + 4 * 12, &info, &pad);
    int y = info.y, bad = s->rate_notice != RULES_OK;
    if (bad) {
        str_id_t why = s->rate_notice == RULES_NOT_FOUND   ? STR_RATE_NOT_FOUND
                       : s->rate_notice == RULES_BAD_STATE ? STR_RATE_NOT_ATTENDED
                       : s->rate_notice == RULES_DUPLICATE ? STR_RATE_ALREADY
                                                           : STR_RATE_FAILED;
        y += headline(ui, tr(ui, s, why), s->rate_notice == RULES_DUPLICATE, info.x, y, info.w) +
             uix_px(ui, 24);
    }
    y += uix_text(ui, tr(ui, s, STR_RATE_CODE_HINT), uix_font(ui, bad ? 40 : 48), !bad, ui->th.text,
                  info.x, y, info.w, UI_ALIGN_LEFT, 0) +
         uix_px(ui, 20);
    int box_h = uix_px(ui, 150);
    if (!ui->landscape && y < pad.y - box_h - uix_px(ui, 24))
        y = pad.y - box_h - uix_px(ui, 24); /* right above the keypad */
    uix_code_box(ui, s, s->rate_notice == RULES_NOT_FOUND, info.x, y, info.w);
    uix_code_keypad(ui, s, pad, "next", STR_RATE_CODE_GO, UIX_PRIMARY);
}

/* The question: about the visit just now (staff), the last one (a
 * lookup) or the one whose ticket was given. */
static void question(const flow_state_t *s, char *out, size_t n)
{
    str_id_t q = s->rate_channel == RATING_VIA_STAFF    ? STR_RATE_NOW
                 : s->rate_channel == RATING_VIA_LOOKUP ? STR_RATE_LAST
                                                        : STR_RATE_QUESTION;
    const char *args[] = {flow_rate_service_name(s)};
    str_format(q, s->lang_en, out, n, args, 1);
}

void uix_draw_rate(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_RATE_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int land = ui->landscape;
    if (land) { /* five side by side over the whole width */
        x = uix_px(ui, UIX_MARGIN);
        w = ui->lw - 2 * x;
    }
    int skip = s->rate_channel != RATING_VIA_CODE; /* code: 返回 leads back to the keypad */
    int bar = skip ? uix_action_bar_top(ui) : ui->lh - uix_px(ui, UIX_MARGIN);
    int y = uix_body_begin(ui, top, bar), gap = uix_px(ui, UIX_GAP);
    char q[300];
    question(s, q, sizeof q);
    y += uix_text(ui, q, uix_font(ui, 56), 1, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0) +
         uix_px(ui, 16);
    y += uix_text(ui, tr(ui, s, STR_RATE_TAP_ONE), uix_font(ui, 40), 0, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 0) +
         gap;
    const char *anon = tr(ui, s, STR_RATE_ANON);
    int anon_h = uix_text_height(ui, anon, uix_font(ui, 34), 0, w, 0);
    int room = bar - y - anon_h - 2 * gap;
    int cols = land ? 5 : 1, rows = land ? 1 : 5;
    int bw = (w - (cols - 1) * gap) / cols;
    int bh = (room - (rows - 1) * gap) / rows, most = uix_target(ui, land ? 260 : 190);
    if (bh > most)
        bh = most;
    if (bh < uix_target(ui, 110))
        bh = uix_target(ui, 110);
    /* One size for the five words, the largest at which each fits. */
    int px = uix_font(ui, 60);
    for (int level = RATING_LEVEL_MAX; level >= RATING_LEVEL_MIN; level--) {
        int f = uix_button_label_px(ui, level_words(s, level), bw, bh, uix_font(ui, 60));
        if (f < px)
            px = f;
    }
    for (int i = 0, level = RATING_LEVEL_MAX; level >= RATING_LEVEL_MIN; level--, i++) {
        char id[8];
        snprintf(id, sizeof id, "rate:%d", level);
        SDL_Rect r = uix_rect(x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh);
        uix_button_px(ui, id, level_words(s, level), r, UIX_SECONDARY, 1, px, 1);
    }
    y += rows * (bh + gap);
    y += uix_text(ui, anon, uix_font(ui, 34), 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    if (skip) {
        uix_action_bar_bg(ui);
        uix_button(ui, "skip", tr(ui, s, STR_RATE_SKIP), uix_action_rect(ui, 0, 1), UIX_SECONDARY,
                   1, uix_font(ui, 46), 0);
    }
}

void uix_draw_rate_reasons(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_RATE_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int bar = uix_action_bar_top(ui);
    int y = uix_body_begin(ui, top, bar), gap = uix_px(ui, UIX_GAP);
    char chose[160];
    const char *a[] = {level_words(s, s->rate_level)};
    str_format(STR_RATE_YOU_CHOSE, s->lang_en, chose, sizeof chose, a, 1);
    y += uix_text(ui, chose, uix_font(ui, 56), 1, ui->th.accent, x, y, w, UI_ALIGN_LEFT, 0) +
         uix_px(ui, 16);
    str_id_t ask = s->rate_level >= RATING_GOOD_MIN ? STR_RATE_REASONS_GOOD : STR_RATE_REASONS_BAD;
    y += uix_text(ui, tr(ui, s, ask), uix_font(ui, 44), 0, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0) +
         gap;
    const char *const *ids;
    const int *words;
    int n = rating_reasons(s->rate_level, &ids, &words);
    int cols = ui->landscape ? 3 : 2, rows = (n + cols - 1) / cols;
    int bw = (w - (cols - 1) * gap) / cols, bh = uix_target(ui, 140);
    char labels[RATING_REASONS_MAX][96];
    int px = uix_font(ui, 48);
    for (int i = 0; i < n; i++) {
        /* Tapped: ✓ before the words and the filled style (not colour alone). */
        int on = (s->rate_reasons >> i) & 1u;
        snprintf(labels[i], sizeof labels[i], "%s%s", on ? "✓ " : "",
                 str_get((str_id_t)words[i], s->lang_en));
        char both[96];
        snprintf(both, sizeof both, "✓ %s", str_get((str_id_t)words[i], s->lang_en));
        int f = uix_button_label_px(ui, both, bw, bh, uix_font(ui, 48));
        if (f < px)
            px = f;
    }
    for (int i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "reason:%s", ids[i]);
        int on = (s->rate_reasons >> i) & 1u;
        uix_button_px(ui, id, labels[i],
                      uix_rect(x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh),
                      on ? UIX_PRIMARY : UIX_SECONDARY, 1, px, 1);
    }
    y += rows * (bh + gap);
    y += uix_text(ui, tr(ui, s, STR_RATE_ANON), uix_font(ui, 34), 0, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "submit", tr(ui, s, STR_RATE_SUBMIT), uix_action_rect(ui, 0, 1), UIX_PRIMARY,
               !s->busy, uix_font(ui, 48), 0);
}

void uix_draw_rated(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_RATE_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    int dup = s->rate_notice == RULES_DUPLICATE;
    str_id_t msg = s->rate_saved ? STR_RATE_THANKS : dup ? STR_RATE_ALREADY : STR_RATE_FAILED;
    y += headline(ui, tr(ui, s, msg), s->rate_saved || dup, x, y, w) + uix_px(ui, 36);
    if (s->rate_saved) {
        char chose[160];
        const char *a[] = {level_words(s, s->rate_level)};
        str_format(STR_RATE_YOU_CHOSE, s->lang_en, chose, sizeof chose, a, 1);
        y += para(ui, chose, 1, x, y, w);
        if (rating_is_low(s->rate_level))
            y += para(ui, tr(ui, s, STR_RATE_FOLLOWUP), 0, x, y, w);
        y += para(ui, tr(ui, s, STR_RATE_ANON), 0, x, y, w);
    }
    if (s->rate_channel == RATING_VIA_LOOKUP && s->n_rate_due > 0)
        y += para(ui, tr(ui, s, STR_RATE_NEXT), 1, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    char done[64];
    done_label(s, done, sizeof done);
    uix_button(ui, "done", done, uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1, uix_font(ui, 48), 0);
}
