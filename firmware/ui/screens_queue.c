/* The walk-in queue's resident screens (issue 19): walk-in (a large button
 * per line with its letter, name and how many wait, or why it gives no
 * number today; the 绿色通道 toggle with its terms and rule in words),
 * queue-ticket (the number very large, the line, how many are ahead, the
 * estimate) and queue-refused (why no number was taken, and the way on).
 * Also the queue number on the check-in result. Nothing personal. */
#include "screens_int.h"

static const char *line_name(const flow_state_t *s, const flow_queue_line_t *l)
{
    return s->lang_en && l->name_en[0] ? l->name_en : l->name_zh;
}

/* The line's state on its button: how many wait, or why none is given. */
static void line_status(const flow_state_t *s, const flow_queue_line_t *l, char *out, size_t n)
{
    if (l->closed || l->full)
        snprintf(out, n, "%s", str_get(l->closed ? STR_QUEUE_CLOSED : STR_QUEUE_FULL, s->lang_en));
    else
        str_format_int(STR_QUEUE_WAITING, s->lang_en, l->waiting, out, n);
}

/* The terms of 绿色通道 and how its numbers interleave, in words. */
static void priority_words(const flow_state_t *s, char *out, size_t n)
{
    char age[24], every[24], terms[320], rule[240];
    const char *a1[] = {str_num(age, s->queue_priority_age)};
    str_format(STR_QUEUE_PRIORITY_TERMS, s->lang_en, terms, sizeof terms, a1, 1);
    const char *a2[] = {str_num(every, s->queue_priority_every)};
    str_format(s->queue_priority_every > 0 ? STR_QUEUE_PRIORITY_RULE : STR_QUEUE_PRIORITY_FIRST,
               s->lang_en, rule, sizeof rule, a2, 1);
    snprintf(out, n, "%s%s%s", terms, s->lang_en ? " " : "", rule);
}

/* The badge with a line's letter, and the padding inside its button. */
static int badge_side(const ui_t *ui)
{
    return uix_target(ui, 104);
}

/* A text of a line's button within tw: on one line, stepping down to 75%
 * of px, else on two at 75%. Its size into *fit, its height returned. */
static int fit_text(ui_t *ui, const char *t, int px, int bold, int tw, int *fit)
{
    *fit = uix_fit_px(ui, t, px, bold, tw, 75);
    return uix_text_height(ui, t, *fit, bold, tw, 2);
}

/* The height the name and state of l take in a button of width bw. */
static int line_text_h(ui_t *ui, const flow_state_t *s, const flow_queue_line_t *l, int bw)
{
    char status[64];
    line_status(s, l, status, sizeof status);
    int pad = uix_px(ui, 24), tw = bw - 3 * pad - badge_side(ui), f;
    return fit_text(ui, line_name(s, l), uix_font(ui, 54), 1, tw, &f) + uix_px(ui, 10) +
           fit_text(ui, status, uix_font(ui, 42), l->closed || l->full, tw, &f);
}

/* One line's button: the letter on its badge on the left, the name and
 * the state beside it; muted when it gives no number today (still
 * tappable: the tap says why). */
static void line_button(ui_t *ui, const flow_state_t *s, const flow_queue_line_t *l, SDL_Rect r)
{
    char id[40], status[64], label[200], letter[2] = {l->letter, '\0'};
    snprintf(id, sizeof id, "line:%s", l->id);
    line_status(s, l, status, sizeof status);
    snprintf(label, sizeof label, "%s %s %s", letter, line_name(s, l), status);
    int shut = l->closed || l->full;
    uix_look_t look = uix_card(ui, r, id);
    int pad = uix_px(ui, 24), side = badge_side(ui);
    if (side > r.h - 2 * pad)
        side = r.h - 2 * pad;
    SDL_Rect badge = uix_rect(r.x + pad, r.y + (r.h - side) / 2, side, side);
    uix_fill(ui, badge, shut ? ui->th.disabled : ui->th.accent, uix_px(ui, 16));
    int bpx = uix_fit_px(ui, letter, side * 70 / 100, 1, side, 60);
    int bh = uix_text_height(ui, letter, bpx, 1, 0, 1);
    uix_text(ui, letter, bpx, 1, shut ? ui->th.on_disabled : ui->th.on_accent, badge.x,
             badge.y + (badge.h - bh) / 2, badge.w, UI_ALIGN_CENTER, 1);
    int tx = badge.x + badge.w + pad, tw = r.x + r.w - pad - tx, npx, spx;
    int nh = fit_text(ui, line_name(s, l), uix_font(ui, 54), 1, tw, &npx);
    int sh = fit_text(ui, status, uix_font(ui, 42), shut, tw, &spx);
    int gap = uix_px(ui, 10), ty = r.y + (r.h - nh - gap - sh) / 2;
    uix_text(ui, line_name(s, l), npx, 1, look.text, tx, ty, tw, UI_ALIGN_LEFT, 2);
    uix_text(ui, status, spx, shut, shut ? (uix_is_pressed(ui, id) ? look.text : ui->th.alert)
                                         : look.muted,
             tx, ty + nh + gap, tw, UI_ALIGN_LEFT, 2);
    uix_widget(ui, id, label, r, 1, 1);
}

void uix_draw_walkin(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_WALKIN_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    if (ui->landscape) { /* the whole width: three lines side by side */
        x = uix_px(ui, UIX_MARGIN);
        w = ui->lw - 2 * x;
    }
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, UIX_GAP);
    int y = uix_body_begin(ui, top, ui->lh);
    int shut = 0, n = s->n_q_lines;
    for (int i = 0; i < n; i++)
        shut |= s->q_lines[i].closed || s->q_lines[i].full;
    str_id_t note = !s->q_loaded       ? STR_LOADING
                    : s->q_failed      ? STR_QUEUE_REFUSED_ERROR
                    : !n               ? STR_QUEUE_NO_LINES
                    : shut             ? STR_QUEUE_SOME_SHUT
                                       : STR_COUNT;
    char words[600];
    priority_words(s, words, sizeof words);
    const char *hint = tr(ui, s, STR_WALKIN_HINT);
    int tw = ui->landscape ? w / 4 : w * 2 / 5, th = uix_target(ui, 120);
    int wx = x + tw + gap, ww = w - tw - gap;
    int cols = ui->landscape ? (n < 3 ? n : 3) : 1, rows = cols ? (n + cols - 1) / cols : 0;
    /* Everything on one screen: the words step down (to 70%) while the
     * lines' buttons would be shorter than a comfortable target. */
    int hpx = uix_font(ui, 40), wpx = uix_font(ui, 34), hh, wh;
    /* A line's button holds its name and state whole. */
    int bw = cols ? (w - (cols - 1) * gap) / cols : w, least = uix_target(ui, 130);
    for (int i = 0; i < n; i++) {
        int h = line_text_h(ui, s, &s->q_lines[i], bw) + uix_px(ui, 2 * 24);
        if (h > least)
            least = h;
    }
    for (int k = 0;; k++) {
        hh = uix_text_height(ui, hint, hpx, 0, w, 0);
        wh = uix_text_height(ui, words, wpx, 0, ww, 0);
        int need = hh + gap + (wh > th ? wh : th) + gap +
                   (note != STR_COUNT ? uix_notice_height(ui, tr(ui, s, note), 0, w) + gap : 0) +
                   rows * (least + gap);
        if (need <= ui->lh - y || k >= 5)
            break;
        hpx = hpx * 93 / 100, wpx = wpx * 93 / 100;
    }
    uix_text(ui, hint, hpx, 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 0);
    y += hh + gap;
    /* 绿色通道 first: chosen before a line is tapped. */
    const char *tl = tr(ui, s, s->q_priority ? STR_QUEUE_PRIORITY_ON : STR_QUEUE_PRIORITY);
    int tpx = uix_button_label_px(ui, tr(ui, s, STR_QUEUE_PRIORITY_ON), tw, th, uix_font(ui, 46));
    uix_button_px(ui, "priority", tl, uix_rect(x, y, tw, th),
                  s->q_priority ? UIX_PRIMARY : UIX_SECONDARY, 1, tpx, 1);
    uix_text(ui, words, wpx, 0, ui->th.text, wx, y + (wh < th ? (th - wh) / 2 : 0), ww,
             UI_ALIGN_LEFT, 0);
    y += (wh > th ? wh : th) + gap;
    if (note != STR_COUNT)
        y += uix_notice(ui, tr(ui, s, note), 0, x, y, w) + gap;
    if (n > 0) {
        int most = uix_target(ui, ui->landscape ? 260 : 200);
        int bh = (ui->lh - m - y - (rows - 1) * gap) / rows;
        bh = bh > most ? most : bh < least ? least : bh;
        for (int i = 0; i < n; i++)
            line_button(ui, s, &s->q_lines[i],
                        uix_rect(x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh));
        y += rows * (bh + gap) - gap;
    }
    uix_body_end(ui, y);
}

/* A print always answers: printing, printed, or, when the printer fails
 * or there is none, to remember the number (no phone needed); a kiosk
 * with no printer says so only when 打印凭条 is tapped. */
static const char *print_words(const flow_state_t *s, int *fine)
{
    int again = s->print_tries > 1;
    *fine = 1;
    switch (s->print) {
    case FLOW_PRINT_OK:
        return str_get(STR_PRINT_OK, s->lang_en);
    case FLOW_PRINT_SENDING:
        return str_get(STR_PRINT_SENDING, s->lang_en);
    case FLOW_PRINT_FAILED:
        *fine = 0;
        return str_get(again ? STR_QUEUE_PRINT_AGAIN_FAILED : STR_QUEUE_PRINT_FAILED, s->lang_en);
    case FLOW_PRINT_NONE:
        *fine = 0;
        return again ? str_get(STR_QUEUE_NO_PRINTER, s->lang_en) : "";
    default:
        return "";
    }
}

void uix_draw_queue_ticket(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_QUEUE_TICKET_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int bar = uix_action_bar_top(ui);
    int y = uix_body_begin(ui, top, bar);
    const flow_queue_line_t *l = flow_queue_ticket_line(s);
    char line[160] = "", ahead[64], est[96];
    if (l) {
        snprintf(line, sizeof line, "%c  %s%s%s", l->letter, line_name(s, l),
                 s->q_priority_taken ? "  ·  " : "",
                 s->q_priority_taken ? tr(ui, s, STR_QUEUE_KIND_PRIORITY) : "");
    }
    str_format_int(STR_QUEUE_AHEAD, s->lang_en, s->q_ahead, ahead, sizeof ahead);
    if (s->q_ahead > 0)
        str_format_int(STR_QUEUE_ESTIMATE, s->lang_en, s->q_minutes, est, sizeof est);
    else
        snprintf(est, sizeof est, "%s", tr(ui, s, STR_QUEUE_NOW));
    /* The number very large; in landscape, where height is short, the
     * number on the left and what it means on the right. Both shrink
     * (the number down to half) until they fit above the bar. */
    int land = ui->landscape, gap = uix_px(ui, land ? 16 : 28), col_gap = uix_px(ui, 48);
    int lw = land ? (w - col_gap) * 48 / 100 : w;
    int rx = land ? x + lw + col_gap : x, rw = land ? w - lw - col_gap : w;
    int pw_fine;
    const char *pw = print_words(s, &pw_fine), *watch = tr(ui, s, STR_QUEUE_WATCH);
    int room = bar - y - uix_px(ui, 16);
    int top_px = uix_fit_px(ui, s->q_label, uix_font(ui, land ? 220 : 240), 1, lw, 50);
    int npx = top_px, tpx = uix_font(ui, 50), apx = uix_font(ui, 60), epx = uix_font(ui, 46);
    int lh, nh, ah, eh, wh, ph, left, right, total;
    for (;;) {
        lh = uix_text_height(ui, line, tpx, 1, lw, 0);
        nh = uix_text_height(ui, s->q_label, npx, 1, 0, 1);
        ah = uix_text_height(ui, ahead, apx, 1, rw, 2);
        eh = uix_text_height(ui, est, epx, 0, rw, 2);
        wh = uix_text_height(ui, watch, tpx, 1, rw, 2);
        ph = pw[0] ? uix_text_height(ui, pw, uix_font(ui, 36), !pw_fine, rw, 2) + gap : 0;
        left = lh + gap + nh;
        right = ah + eh + wh + ph + 2 * gap;
        total = land ? (left > right ? left : right) : left + gap + right;
        if (total <= room || npx <= top_px / 2)
            break;
        npx = npx * 9 / 10;
        apx = apx * 95 / 100, epx = epx * 95 / 100, tpx = tpx * 95 / 100;
    }
    int y0 = y + (room > total ? (room - total) / 2 : 0);
    y = y0 + (land && right > left ? (right - left) / 2 : 0);
    y += uix_text(ui, line, tpx, 1, ui->th.text, x, y, lw, UI_ALIGN_CENTER, 0) + gap;
    uix_text(ui, s->q_label, npx, 1, ui->th.accent, x, y, lw, UI_ALIGN_CENTER, 1);
    uix_display_widget(ui, "queue-number", s->q_label, uix_rect(x, y, lw, nh));
    y += nh + gap;
    if (land)
        y = y0 + (left > right ? (left - right) / 2 : 0);
    char n[16];
    uix_text(ui, ahead, apx, 1, ui->th.text, rx, y, rw, UI_ALIGN_CENTER, 2);
    uix_display_widget(ui, "queue-ahead", str_num(n, s->q_ahead), uix_rect(rx, y, rw, ah));
    y += ah + gap;
    y += uix_text(ui, est, epx, 0, ui->th.muted, rx, y, rw, UI_ALIGN_CENTER, 2) + gap;
    y += uix_text(ui, watch, tpx, 1, ui->th.good, rx, y, rw, UI_ALIGN_CENTER, 2);
    if (pw[0])
        y += gap + uix_text(ui, pw, uix_font(ui, 36), !pw_fine,
                            pw_fine ? ui->th.muted : ui->th.text, rx, y + gap, rw,
                            UI_ALIGN_CENTER, 2);
    if (land && y < y0 + total)
        y = y0 + total;
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    char done[64];
    done_label(s, done, sizeof done);
    uix_button(ui, "print", tr(ui, s, STR_PRINT), uix_action_rect(ui, 0, 2), UIX_SECONDARY, 1,
               uix_font(ui, 48), 0);
    uix_button(ui, "done", done, uix_action_rect(ui, 1, 2), UIX_PRIMARY, 1, uix_font(ui, 48), 0);
}

void uix_draw_queue_refused(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_QUEUE_REFUSED_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    const flow_queue_line_t *l = flow_queue_ticket_line(s);
    str_id_t why = s->q_refusal == FLOW_QUEUE_CLOSED ? STR_QUEUE_REFUSED_CLOSED
                   : s->q_refusal == FLOW_QUEUE_FULL ? STR_QUEUE_REFUSED_FULL
                                                     : STR_QUEUE_REFUSED_ERROR;
    char text[300];
    const char *args[] = {l ? line_name(s, l) : ""};
    str_format(why, s->lang_en, text, sizeof text, args, 1);
    y += headline(ui, text, 0, x, y, w) + uix_px(ui, 36);
    y += para(ui, tr(ui, s, STR_QUEUE_REFUSED_NEXT), 0, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "walk-in", tr(ui, s, STR_QUEUE_OTHER), uix_action_rect(ui, 0, 2),
               UIX_SECONDARY, 1, uix_font(ui, 46), 0);
    uix_button(ui, "done", tr(ui, s, STR_DONE), uix_action_rect(ui, 1, 2), UIX_PRIMARY, 1,
               uix_font(ui, 48), 0);
}

int uix_checkin_queue(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    if (!s->checkin_queue[0])
        return 0;
    char text[160];
    const char *args[] = {s->checkin_queue};
    str_format(STR_CHECKIN_QUEUE, s->lang_en, text, sizeof text, args, 1);
    int h = uix_text(ui, text, uix_font(ui, 56), 1, ui->th.accent, x, y, w, UI_ALIGN_LEFT, 0);
    uix_display_widget(ui, "checkin-queue", s->checkin_queue, uix_rect(x, y, w, h));
    return h + uix_px(ui, 28);
}

void uix_queue_slip(const flow_state_t *s, ui_ticket_text_t *b)
{
    memset(b, 0, sizeof *b);
    int en = s->lang_en;
    const flow_queue_line_t *l = flow_queue_ticket_line(s);
    snprintf(b->station, sizeof b->station, "%s", cs(s, &s->cat->station_name));
    snprintf(b->title, sizeof b->title, "%s", str_get(STR_QUEUE_SLIP_TITLE, en));
    if (l)
        snprintf(b->service, sizeof b->service, "%c  %s%s%s", l->letter, line_name(s, l),
                 s->q_priority_taken ? "  ·  " : "",
                 s->q_priority_taken ? str_get(STR_QUEUE_KIND_PRIORITY, en) : "");
    dt_date_t d;
    int m;
    char day[64], hhmm[6];
    dt_from_stamp(s->now, &d, &m);
    format_date(s, d, day, sizeof day);
    dt_format_hhmm(m, hhmm);
    snprintf(b->when, sizeof b->when, "%s %s", day, hhmm);
    snprintf(b->code, sizeof b->code, "%s", s->q_label);
    char ahead[64], est[96];
    str_format_int(STR_QUEUE_AHEAD, en, s->q_ahead, ahead, sizeof ahead);
    if (s->q_ahead > 0)
        str_format_int(STR_QUEUE_ESTIMATE, en, s->q_minutes, est, sizeof est);
    else
        snprintf(est, sizeof est, "%s", str_get(STR_QUEUE_NOW, en));
    snprintf(b->hint, sizeof b->hint, "%s%s%s%s%s", ahead, en ? ". " : "，", est,
             en ? ". " : "。", str_get(STR_QUEUE_WATCH, en));
    b->t = (ui_ticket_t){.station = b->station,
                         .title = b->title,
                         .service = b->service,
                         .when = b->when,
                         .code = b->code,
                         .payload = "",
                         .no_qr = 1,
                         .hint = b->hint,
                         .labels = {str_get(STR_QUEUE_LINE, en), str_get(STR_TIME, en), "", "",
                                    str_get(STR_QUEUE_TICKET_TITLE, en)}};
}
