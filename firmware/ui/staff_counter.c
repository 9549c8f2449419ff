/* The counter (叫号) screens of staff mode (issue 19, core/flow_counter.c):
 * staff-counters, a button per 工作台; staff-counter, the number this
 * counter calls or serves very large with its line and state, the steps
 * its state allows in the action bar, which line call-next takes from, and
 * per line the waiting count, the next numbers in the rule's order, the
 * numbers given of the cap, and closing, opening or capping the line for
 * the day behind a confirmation. Numbers and lines only: nothing personal. */
#include <stdio.h>
#include <string.h>

#include "../core/strings.h"
#include "ui_internal.h"

static const char *txt(const ui_t *ui, str_id_t id)
{
    return str_get(id, ui->lang_en);
}

/* The header with back and home, as the other staff screens: no call-staff
 * nor voice buttons (those are the residents'). */
static int header(ui_t *ui, const char *title)
{
    static const flow_state_t zh, en = {.lang_en = 1};
    return uix_header(ui, ui->lang_en ? &en : &zh, title);
}

static const char *line_name(const ui_t *ui, const flow_counter_line_t *l)
{
    return ui->lang_en && l->name_en[0] ? l->name_en : l->name_zh;
}

static void counter_name(const ui_t *ui, str_id_t id, int counter, char *out, size_t n)
{
    char num[24];
    const char *arg = str_num(num, counter);
    str_format(id, ui->lang_en, out, n, &arg, 1);
}

/* ---- staff-counters ------------------------------------------------------------ */

void uix_draw_staff_counters(ui_t *ui, const flow_state_t *s)
{
    int top = header(ui, txt(ui, STR_QUEUE_COUNTERS_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    y += uix_text(ui, txt(ui, STR_QUEUE_COUNTERS_HINT), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 2) +
         uix_px(ui, 32);
    int cols = ui->landscape ? 4 : 2, gap = uix_px(ui, 32), bh = uix_px(ui, 200);
    int bw = (w - (cols - 1) * gap) / cols;
    for (int i = 0; i < s->n_counters; i++) {
        char id[24], label[64];
        snprintf(id, sizeof id, "counter:%d", i + 1);
        counter_name(ui, STR_QUEUE_COUNTER_N, i + 1, label, sizeof label);
        uix_button(ui, id, label,
                   uix_rect(x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh),
                   UIX_PRIMARY, 1, uix_font(ui, 56), 1);
    }
    y += (s->n_counters + cols - 1) / cols * (bh + gap);
    uix_body_end(ui, y);
}

/* ---- staff-counter ------------------------------------------------------------- */

static int notice(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    char msg[200];
    int good = 0;
    switch (s->staff_notice) {
    case FLOW_STAFF_NOTICE_DONE: {
        const char *arg = s->staff_detail;
        if (s->staff_detail[0])
            str_format(STR_QUEUE_DONE, ui->lang_en, msg, sizeof msg, &arg, 1);
        else
            snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_DONE));
        good = 1;
        break;
    }
    case FLOW_STAFF_NOTICE_REFUSED:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_QUEUE_REFUSED));
        break;
    case FLOW_STAFF_NOTICE_ERROR:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_ERROR));
        break;
    default:
        return 0;
    }
    return uix_notice(ui, msg, good, x, y, w) + uix_px(ui, 24);
}

/* "A003（绿色通道）": a number with its kind when it is not a walk-in. */
static void ticket_text(const ui_t *ui, const flow_queue_ticket_t *t, char *out, size_t n)
{
    const char *tag = !strcmp(t->kind, "priority")      ? txt(ui, STR_QUEUE_PRIORITY)
                      : !strcmp(t->kind, "appointment") ? txt(ui, STR_QUEUE_APPOINTMENT)
                                                        : NULL;
    if (tag)
        snprintf(out, n, ui->lang_en ? "%s (%s)" : "%s（%s）", t->label, tag);
    else
        snprintf(out, n, "%s", t->label);
}

/* The number called or served here, very large, with its state and line. */
static int now_card(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    const flow_counter_view_t *v = &s->counter_view;
    int pad = uix_px(ui, 36);
    if (!s->counter_loaded || !v->have_mine) {
        const char *msg = s->counter_loaded ? txt(ui, STR_QUEUE_IDLE) : txt(ui, STR_QUEUE_LOADING);
        int px = uix_font(ui, 48);
        int h = uix_text_height(ui, msg, px, 1, w - 2 * pad, 2) + 2 * pad;
        uix_frame(ui, uix_rect(x, y, w, h), ui->th.card, ui->th.border, uix_px(ui, 2),
                  uix_px(ui, 20));
        uix_text(ui, msg, px, 1, ui->th.muted, x + pad, y + pad, w - 2 * pad, UI_ALIGN_CENTER, 2);
        uix_display_widget(ui, "counter-now", msg, uix_rect(x, y, w, h));
        return h + uix_px(ui, 28);
    }
    const flow_queue_ticket_t *t = &v->mine;
    int serving = !strcmp(t->status, "serving");
    const flow_counter_line_t *l = flow_counter_line(v, t->line);
    char state[64], about[256], tag[96] = "", rec[64] = "";
    snprintf(state, sizeof state, "%s", txt(ui, serving ? STR_QUEUE_SERVING : STR_QUEUE_CALLING));
    if (!strcmp(t->kind, "priority") || !strcmp(t->kind, "appointment"))
        snprintf(tag, sizeof tag, " · %s",
                 txt(ui, !strcmp(t->kind, "priority") ? STR_QUEUE_PRIORITY : STR_QUEUE_APPOINTMENT));
    if (t->recalls > 0) {
        char num[24];
        const char *arg = str_num(num, t->recalls);
        char r[48];
        str_format(STR_QUEUE_RECALLS, ui->lang_en, r, sizeof r, &arg, 1);
        snprintf(rec, sizeof rec, " · %s", r);
    }
    snprintf(about, sizeof about, "%c %s%s%s", l ? l->letter : '?', l ? line_name(ui, l) : t->line,
             tag, rec);
    int spx = uix_font(ui, 44), npx = uix_font(ui, ui->landscape ? 190 : 240),
        apx = uix_font(ui, 44);
    npx = uix_fit_px(ui, t->label, npx, 1, w - 2 * pad, 50);
    int sh = uix_text_height(ui, state, spx, 1, w - 2 * pad, 1);
    int nh = uix_text_height(ui, t->label, npx, 1, 0, 1);
    int ah = uix_text_height(ui, about, apx, 0, w - 2 * pad, 2);
    int gap = uix_px(ui, 12);
    int h = 2 * pad + sh + gap + nh + gap + ah;
    SDL_Color fg = serving ? ui->th.good : ui->th.accent;
    uix_frame(ui, uix_rect(x, y, w, h), serving ? ui->th.good_bg : ui->th.card, fg, uix_px(ui, 4),
              uix_px(ui, 24));
    int ty = y + pad;
    ty += uix_text(ui, state, spx, 1, fg, x + pad, ty, w - 2 * pad, UI_ALIGN_CENTER, 1) + gap;
    ty += uix_text(ui, t->label, npx, 1, ui->th.text, x + pad, ty, w - 2 * pad, UI_ALIGN_CENTER, 1) +
          gap;
    uix_text(ui, about, apx, 0, ui->th.text, x + pad, ty, w - 2 * pad, UI_ALIGN_CENTER, 2);
    char label[96];
    snprintf(label, sizeof label, "%s %s %s", state, t->label, t->status);
    uix_display_widget(ui, "counter-now", label, uix_rect(x, y, w, h));
    return h + uix_px(ui, 28);
}

/* 叫号范围: all lines, or one: which line call-next takes from. */
static int line_filter(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    const flow_counter_view_t *v = &s->counter_view;
    int px = uix_font(ui, 40);
    y += uix_text(ui, txt(ui, STR_QUEUE_FROM), px, 1, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 1) +
         uix_px(ui, 12);
    int n = v->n_lines + 1, gap = uix_px(ui, 16), bh = uix_px(ui, 110);
    int cols = n <= 4 ? n : 4;
    if (ui->landscape && cols > 2)
        cols = 2; /* beside the lines: half the width */
    int bw = (w - (cols - 1) * gap) / cols;
    for (int i = 0; i < n; i++) {
        char id[48], label[96];
        int on;
        if (i == 0) {
            snprintf(id, sizeof id, "counter-line:all");
            snprintf(label, sizeof label, "%s", txt(ui, STR_QUEUE_ALL_LINES));
            on = !s->counter_line[0];
        } else {
            const flow_counter_line_t *l = &v->lines[i - 1];
            snprintf(id, sizeof id, "counter-line:%s", l->id);
            snprintf(label, sizeof label, "%c %s", l->letter, line_name(ui, l));
            on = !strcmp(s->counter_line, l->id);
        }
        char shown[112];
        snprintf(shown, sizeof shown, "%s%s", on ? "✓ " : "", label);
        uix_button(ui, id, shown,
                   uix_rect(x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh),
                   on ? UIX_PRIMARY : UIX_SECONDARY, !s->busy, px, 1);
    }
    return uix_px(ui, 52) + (n + cols - 1) / cols * (bh + gap) + uix_px(ui, 16);
}

/* A line: its name (and 今日已停止取号), waiting and given of the cap, the
 * next numbers, and its day's buttons. Returns the next y. */
static int line_card(ui_t *ui, const flow_state_t *s, const flow_counter_line_t *l, int x, int y,
                     int w)
{
    int pad = uix_px(ui, 28), gap = uix_px(ui, 12), iw = w - 2 * pad;
    char title[160], counts[160], next[256], a[24], b[24], c[24];
    snprintf(title, sizeof title, "%c %s%s%s", l->letter, line_name(ui, l), l->closed ? " · " : "",
             l->closed ? txt(ui, STR_COUNTER_CLOSED) : "");
    const char *wa = str_num(a, l->waiting);
    char waiting[64], given[64];
    str_format(STR_COUNTER_WAITING, ui->lang_en, waiting, sizeof waiting, &wa, 1);
    const char *gargs[] = {str_num(b, l->taken), str_num(c, l->cap)};
    str_format(STR_QUEUE_GIVEN, ui->lang_en, given, sizeof given, gargs, 2);
    snprintf(counts, sizeof counts, "%s · %s", waiting, given);
    if (l->n_next) {
        char list[200] = "";
        for (int k = 0; k < l->n_next; k++) {
            char one[48];
            ticket_text(ui, &l->next[k], one, sizeof one);
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s%s", k ? "  " : "", one);
        }
        const char *arg = list;
        str_format(STR_QUEUE_NEXT, ui->lang_en, next, sizeof next, &arg, 1);
    } else {
        snprintf(next, sizeof next, "%s", txt(ui, STR_QUEUE_NONE_WAITING));
    }
    int tpx = uix_font(ui, 46), cpx = uix_font(ui, 40), npx = uix_font(ui, 40);
    int bh = uix_px(ui, 100), bgap = uix_px(ui, 16);
    int th = uix_text_height(ui, title, tpx, 1, iw, 2);
    int ch = uix_text_height(ui, counts, cpx, 0, iw, 2);
    int nh = uix_text_height(ui, next, npx, 0, iw, 3);
    int h = 2 * pad + th + gap + ch + gap + nh + gap * 2 + bh;
    uix_frame(ui, uix_rect(x, y, w, h), ui->th.card, l->closed ? ui->th.alert : ui->th.border,
              uix_px(ui, 2), uix_px(ui, 20));
    int ty = y + pad;
    ty += uix_text(ui, title, tpx, 1, l->closed ? ui->th.alert : ui->th.text, x + pad, ty, iw,
                   UI_ALIGN_LEFT, 2) +
          gap;
    ty += uix_text(ui, counts, cpx, 0, ui->th.muted, x + pad, ty, iw, UI_ALIGN_LEFT, 2) + gap;
    ty += uix_text(ui, next, npx, 0, ui->th.text, x + pad, ty, iw, UI_ALIGN_LEFT, 3) + gap * 2;
    /* The day's buttons: close (or reopen), and the caps while open. */
    static const int caps[] = {FLOW_COUNTER_CAPS};
    int nb = l->closed ? 1 : 1 + (int)(sizeof caps / sizeof *caps);
    int bw = (iw - (nb - 1) * bgap) / nb;
    char id[64];
    snprintf(id, sizeof id, "%s:%s", l->closed ? "line-open" : "line-close", l->id);
    uix_button(ui, id, txt(ui, l->closed ? STR_QUEUE_OPEN : STR_QUEUE_CLOSE),
               uix_rect(x + pad, ty, bw, bh), l->closed ? UIX_PRIMARY : UIX_DANGER, !s->busy,
               uix_font(ui, 40), 1);
    for (int i = 1; i < nb; i++) {
        char label[48], num[24];
        const char *arg = str_num(num, caps[i - 1]);
        str_format(STR_QUEUE_CAP, ui->lang_en, label, sizeof label, &arg, 1);
        snprintf(id, sizeof id, "line-cap:%s:%d", l->id, caps[i - 1]);
        uix_button(ui, id, label, uix_rect(x + pad + i * (bw + bgap), ty, bw, bh), UIX_SECONDARY,
                   !s->busy && caps[i - 1] != l->cap, uix_font(ui, 40), 1);
    }
    return y + h + uix_px(ui, 24);
}

/* The confirmation of a line's day op: the question and 确定 / 取消. */
static int confirm_card(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    const flow_counter_line_t *l = flow_counter_line(&s->counter_view, s->confirm_line);
    char name[160], q[320], num[24];
    snprintf(name, sizeof name, "%c %s", l ? l->letter : '?', l ? line_name(ui, l) : s->confirm_line);
    const char *args[] = {name, str_num(num, s->confirm_cap)};
    str_id_t id = s->line_op == FLOW_LINE_OP_CLOSE  ? STR_QUEUE_CONFIRM_CLOSE
                  : s->line_op == FLOW_LINE_OP_OPEN ? STR_QUEUE_CONFIRM_OPEN
                                                    : STR_QUEUE_CONFIRM_CAP;
    str_format(id, ui->lang_en, q, sizeof q, args, 2);
    y += uix_text(ui, q, uix_font(ui, 52), 1, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0) +
         uix_px(ui, 40);
    int gap = uix_px(ui, 32), bh = uix_px(ui, 140), bw = (w - gap) / 2;
    uix_button(ui, "confirm", txt(ui, STR_QUEUE_CONFIRM), uix_rect(x, y, bw, bh),
               s->line_op == FLOW_LINE_OP_CLOSE ? UIX_DANGER : UIX_PRIMARY, !s->busy,
               uix_font(ui, 48), 1);
    uix_button(ui, "cancel", txt(ui, STR_QUEUE_CANCEL), uix_rect(x + bw + gap, y, bw, bh),
               UIX_SECONDARY, !s->busy, uix_font(ui, 48), 1);
    return y + bh + uix_px(ui, 24);
}

/* 转到: the lines the number may go to, and 取消. */
static int transfer_card(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    const flow_counter_view_t *v = &s->counter_view;
    char q[160];
    const char *arg = v->mine.label;
    str_format(STR_QUEUE_TRANSFER_PICK, ui->lang_en, q, sizeof q, &arg, 1);
    y += uix_text(ui, q, uix_font(ui, 52), 1, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0) +
         uix_px(ui, 40);
    int bh = uix_px(ui, 130), gap = uix_px(ui, 24);
    for (int i = 0; i < v->n_lines; i++) {
        const flow_counter_line_t *l = &v->lines[i];
        if (!strcmp(l->id, v->mine.line))
            continue;
        char id[48], label[160];
        snprintf(id, sizeof id, "to-line:%s", l->id);
        snprintf(label, sizeof label, "%c %s", l->letter, line_name(ui, l));
        uix_button(ui, id, label, uix_rect(x, y, w, bh), UIX_PRIMARY, !s->busy, uix_font(ui, 48),
                   1);
        y += bh + gap;
    }
    uix_button(ui, "cancel", txt(ui, STR_QUEUE_CANCEL), uix_rect(x, y, w, bh), UIX_SECONDARY,
               !s->busy, uix_font(ui, 48), 1);
    return y + bh + gap;
}

/* The steps the counter's state allows, in the action bar. */
static void steps(ui_t *ui, const flow_state_t *s)
{
    const flow_counter_view_t *v = &s->counter_view;
    int have = s->counter_loaded && v->have_mine;
    int serving = have && !strcmp(v->mine.status, "serving");
    const char *ids[4];
    str_id_t words[4];
    uix_kind_t kinds[4];
    int n = 0;
#define STEP(i, w, k) (ids[n] = (i), words[n] = (w), kinds[n] = (k), n++)
    if (!have) {
        STEP("queue-call", STR_QUEUE_CALL, UIX_PRIMARY);
    } else if (!serving) {
        STEP("queue-serve", STR_QUEUE_SERVE, UIX_PRIMARY);
        STEP("queue-recall", STR_QUEUE_RECALL, UIX_SECONDARY);
        STEP("queue-skip", STR_QUEUE_SKIP, UIX_DANGER);
    } else {
        STEP("queue-finish", STR_QUEUE_FINISH, UIX_PRIMARY);
    }
    if (have && v->n_lines > 1)
        STEP("queue-transfer", STR_QUEUE_TRANSFER, UIX_SECONDARY);
#undef STEP
    uix_action_bar_bg(ui);
    for (int i = 0; i < n; i++)
        uix_button(ui, ids[i], txt(ui, words[i]), uix_action_rect(ui, i, n), kinds[i],
                   !s->busy && s->counter_loaded, uix_font(ui, 48), 0);
}

void uix_draw_staff_counter(ui_t *ui, const flow_state_t *s)
{
    char title[96];
    counter_name(ui, STR_QUEUE_COUNTER_TITLE, s->counter, title, sizeof title);
    int top = header(ui, title);
    int x, w;
    uix_column(ui, &x, &w);
    int modal = s->line_op != FLOW_LINE_OP_NONE || s->transfer_pick;
    int y = uix_body_begin(ui, top, modal ? ui->lh : uix_action_bar_top(ui));
    if (s->line_op != FLOW_LINE_OP_NONE) {
        y = confirm_card(ui, s, x, y, w);
    } else if (s->transfer_pick) {
        y = transfer_card(ui, s, x, y, w);
    } else if (ui->landscape) {
        /* Landscape: the number and the filter at the left, the lines
         * beside them, over the whole width: the calling at a glance. */
        int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, 40);
        int lx = m, lw = (ui->lw - 2 * m - gap) * 9 / 20;
        int rx = lx + lw + gap, rw = ui->lw - m - rx;
        int ly = y + notice(ui, s, lx, y, lw), ry = y;
        ly += now_card(ui, s, lx, ly, lw);
        if (s->counter_loaded) {
            if (s->counter_view.n_lines > 1)
                ly += line_filter(ui, s, lx, ly, lw);
            for (int i = 0; i < s->counter_view.n_lines; i++)
                ry = line_card(ui, s, &s->counter_view.lines[i], rx, ry, rw);
        }
        y = ly > ry ? ly : ry;
    } else {
        y += notice(ui, s, x, y, w);
        y += now_card(ui, s, x, y, w);
        if (s->counter_loaded) {
            if (s->counter_view.n_lines > 1)
                y += line_filter(ui, s, x, y, w);
            for (int i = 0; i < s->counter_view.n_lines; i++)
                y = line_card(ui, s, &s->counter_view.lines[i], x, y, w);
        }
    }
    uix_body_end(ui, y);
    if (!modal)
        steps(ui, s);
}
