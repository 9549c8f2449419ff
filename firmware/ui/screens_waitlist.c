/* i20wait (issue 20): the waitlist's resident screens. waitlist-join says
 * that the session is full and, in plain words, what joining means (the
 * kiosk cannot send messages: staff phone, or look it up here);
 * waitlisted gives the place (候补第 N 位) and what happens next; on my
 * bookings each entry is a card (候补第 N 位, or 候补成功 with the seat
 * held) with 退出候补; the 候补 offer under a full session's hint. A
 * sensitive service is 预约服务 on every one of them (resident_name). */
#include "screens_int.h"

static const char *wait_session_name(const flow_state_t *s)
{
    if (s->session < 0)
        return "";
    return resident_name(s, service(s));
}

static void wait_session_when(const flow_state_t *s, char *out, size_t n)
{
    out[0] = '\0';
    if (s->session < 0 || s->session >= s->n_sessions)
        return;
    const flow_session_t *se = &s->sessions[s->session];
    char day[64], a[6], b[6];
    format_date(s, se->date, day, sizeof day);
    dt_format_hhmm(se->start, a);
    dt_format_hhmm(se->end, b);
    snprintf(out, n, "%s %s-%s", day, a, b);
}

void uix_draw_waitlist_join(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_WAIT_JOIN_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    y += headline(ui, tr(ui, s, STR_WAIT_JOIN_FULL), 0, x, y, w) + uix_px(ui, 36);
    char when[128];
    wait_session_when(s, when, sizeof when);
    y += para(ui, wait_session_name(s), 1, x, y, w);
    y += para(ui, when, 0, x, y, w) + uix_px(ui, 12);
    y += para(ui, tr(ui, s, STR_WAIT_JOIN_HOW), 0, x, y, w);
    y += para(ui, tr(ui, s, STR_WAIT_JOIN_CALL), 0, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "next", tr(ui, s, STR_WAIT_JOIN_NEXT), uix_action_rect(ui, 0, 1), UIX_PRIMARY,
               1, uix_font(ui, 50), 0);
}

void uix_draw_waitlisted(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_WAITLISTED_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    char place[128], when[128];
    str_format_int(STR_WAITLISTED_PLACE, s->lang_en, s->wait_position, place, sizeof place);
    y += headline(ui, place, 1, x, y, w) + uix_px(ui, 36);
    wait_session_when(s, when, sizeof when);
    y += para(ui, wait_session_name(s), 1, x, y, w);
    y += para(ui, when, 0, x, y, w) + uix_px(ui, 12);
    y += para(ui, tr(ui, s, STR_WAITLISTED_NEXT), 0, x, y, w);
    y += para(ui, tr(ui, s, STR_WAITLISTED_CALL), 0, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "done", tr(ui, s, STR_DONE), uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1,
               uix_font(ui, 52), 0);
}

int uix_wait_cards(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    int y0 = y;
    if (s->wait_notice)
        y += uix_notice(ui, tr(ui, s, s->wait_notice > 0 ? STR_WAIT_WITHDRAWN : STR_STORE_ERROR),
                        s->wait_notice > 0, x, y, w) +
             uix_px(ui, 24);
    int pad = uix_px(ui, 36), gap = uix_px(ui, 20);
    for (int i = 0; i < s->n_waits; i++) {
        const flow_wait_row_t *r = &s->waits[i];
        const char *name = resident_name(s, catalog_find_service(s->cat, r->service_id));
        char state[128], when[96], day[64], t[6], id[32];
        if (r->held)
            snprintf(state, sizeof state, "%s", tr(ui, s, STR_WAIT_CARD_HELD));
        else
            str_format_int(STR_WAIT_CARD_WAITING, s->lang_en, r->position, state, sizeof state);
        format_date(s, r->date, day, sizeof day);
        dt_format_hhmm(r->start, t);
        snprintf(when, sizeof when, "%s %s", day, t);
        int iw = w - 2 * pad;
        int bh = r->held ? 0 : uix_target(ui, 110);
        int h1 = uix_text_height(ui, state, uix_font(ui, 46), 1, iw, 0);
        int h2 = uix_text_height(ui, name, uix_font(ui, 42), 1, iw, 2);
        int h3 = uix_text_height(ui, when, uix_font(ui, 40), 0, iw, 0);
        int h = 2 * pad + h1 + gap + h2 + uix_px(ui, 8) + h3 + (bh ? gap + bh : 0);
        uix_frame(ui, uix_rect(x, y, w, h), r->held ? ui->th.good_bg : ui->th.card,
                  r->held ? ui->th.good : ui->th.border, uix_px(ui, r->held ? 4 : 2),
                  uix_px(ui, 20));
        int ty = y + pad;
        ty += uix_text(ui, state, uix_font(ui, 46), 1, r->held ? ui->th.good : ui->th.text,
                       x + pad, ty, iw, UI_ALIGN_LEFT, 0) +
              gap;
        ty += uix_text(ui, name, uix_font(ui, 42), 1, ui->th.text, x + pad, ty, iw, UI_ALIGN_LEFT,
                       2) +
              uix_px(ui, 8);
        ty += uix_text(ui, when, uix_font(ui, 40), 0, ui->th.muted, x + pad, ty, iw,
                       UI_ALIGN_LEFT, 0);
        if (bh) {
            snprintf(id, sizeof id, "wait-withdraw:%d", i + 1);
            int bw = w / 2;
            uix_button(ui, id,
                       tr(ui, s, s->wait_ask == i + 1 ? STR_WAIT_WITHDRAW_SURE : STR_WAIT_WITHDRAW),
                       uix_rect(x + w - pad - bw, ty + gap, bw, bh),
                       s->wait_ask == i + 1 ? UIX_DANGER : UIX_SECONDARY, !s->busy,
                       uix_font(ui, 42), 1);
        }
        y += h + uix_px(ui, 24);
    }
    return y - y0;
}

/* A panel at the foot of slots (where the hint, drawn by the finger, is
 * not): the full session's time, 已约满, and 排队候补, until another tap. */
void uix_draw_wait_offer(ui_t *ui, const flow_state_t *s)
{
    if (s->wait_offer < 0 || s->wait_offer >= s->n_sessions)
        return;
    const flow_session_t *se = &s->sessions[s->wait_offer];
    int x, w;
    uix_column(ui, &x, &w);
    char a[6], b[6], msg[200];
    dt_format_hhmm(se->start, a);
    dt_format_hhmm(se->end, b);
    snprintf(msg, sizeof msg, "%s-%s  %s", a, b, tr(ui, s, STR_WAIT_JOIN_FULL));
    int pad = uix_px(ui, 32), px = uix_font(ui, 44), bh = uix_target(ui, 120);
    int th = uix_text_height(ui, msg, px, 1, w - 2 * pad, 0);
    int h = 2 * pad + th + uix_px(ui, 24) + bh;
    int y = ui->lh - uix_px(ui, 20) - h;
    SDL_Rect r = uix_rect(x, y, w, h);
    uix_frame(ui, r, ui->th.card, ui->th.accent, uix_px(ui, 5), uix_px(ui, 24));
    uix_text(ui, msg, px, 1, ui->th.text, x + pad, y + pad, w - 2 * pad, UI_ALIGN_LEFT, 0);
    uix_button(ui, "waitlist", tr(ui, s, STR_WAIT_OFFER),
               uix_rect(x + pad, y + pad + th + uix_px(ui, 24), w - 2 * pad, bh), UIX_PRIMARY,
               !s->busy, uix_font(ui, 48), 0);
}
