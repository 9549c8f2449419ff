/* The staff and technician screens (FLOW_STAFF_LOGIN on), in the layout kit
 * of layout.c: header, scrolling body, action bar at the bottom.
 *
 * Their words are core/strings entries in the language of the frame: the
 * station's default after each reset (config `language`), so a station set
 * to English gets English staff screens. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/calib.h"
#include "../core/datetime.h"
#include "../core/rules.h"
#include "../core/strings.h"
#include "../core/wipe.h"
#include "../ticket/code.h"
#include "ui_internal.h"

static const char *txt(const ui_t *ui, str_id_t id)
{
    return str_get(id, ui->lang_en);
}

/* The header with back and home in the staff's language: it reads only
 * the language from the state. */
static int staff_header(ui_t *ui, const char *title)
{
    static const flow_state_t zh, en = {.lang_en = 1};
    return uix_header(ui, ui->lang_en ? &en : &zh, title);
}

static void format_day(const ui_t *ui, dt_date_t d, char *out, size_t n)
{
    uix_format_date(ui->lang_en, d, out, n);
}

static void format_counts(const ui_t *ui, const flow_day_row_t *d, char *out, size_t n)
{
    char a[24], b[24], c[24], e[24];
    const char *args[] = {str_num(a, d->booked), str_num(b, d->checked_in), str_num(c, d->no_show),
                          str_num(e, d->s.remaining)};
    str_format(STR_STAFF_COUNTS, ui->lang_en, out, n, args, 4);
}

static void staff_persons(const ui_t *ui, int n, char *out, size_t size)
{
    char num[24];
    const char *arg = str_num(num, n);
    str_format(STR_STAFF_PERSONS, ui->lang_en, out, size, &arg, 1);
}

static const char *status_word(const ui_t *ui, rules_status_t st)
{
    static const str_id_t ids[] = {STR_STATUS_BOOKED, STR_STATUS_CHECKED_IN, STR_STATUS_CANCELLED,
                                   STR_STATUS_NO_SHOW};
    return (unsigned)st < RULES_STATUS_COUNT ? txt(ui, ids[st]) : "";
}

/* A word in a frame: statuses and "closed" are read, not told by colour. */
static int chip_width(ui_t *ui, const char *text, int px)
{
    return uix_text_width(ui, text, px, 1) + 2 * uix_px(ui, 20);
}

static int chip(ui_t *ui, const char *text, int px, SDL_Color fg, SDL_Color bg, int x, int y)
{
    int w = chip_width(ui, text, px);
    int th = uix_text_height(ui, text, px, 1, 0, 1);
    int h = th + uix_px(ui, 12);
    uix_frame(ui, uix_rect(x, y, w, h), bg, fg, uix_px(ui, 2), uix_px(ui, 10));
    uix_text(ui, text, px, 1, fg, x + uix_px(ui, 20), y + uix_px(ui, 6), 0, UI_ALIGN_LEFT, 1);
    return h;
}

static int muted_line(ui_t *ui, const char *text, int x, int y, int w)
{
    return uix_text(ui, text, uix_font(ui, 44), 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 1);
}

#define NOTE(n) (1u << FLOW_STAFF_NOTICE_##n)

/* The outcome of the last staff action, when it is one of those this
 * screen shows (the flow keeps a notice when staff move on, and "no USB
 * stick" does not belong on a roster); returns the height used, gap below
 * included. */
static int staff_notice(ui_t *ui, const flow_state_t *s, unsigned shows, int x, int y, int w)
{
    char msg[200];
    int good = 0;
    if (!(shows & (1u << s->staff_notice)))
        return 0;
    switch (s->staff_notice) {
    case FLOW_STAFF_NOTICE_BAD_PIN:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_BAD_PIN));
        break;
    case FLOW_STAFF_NOTICE_LOCKED: {
        /* A lockout doubles each time, so it may end on another day. */
        dt_date_t d;
        int m;
        char hm[6];
        dt_from_stamp(s->locked_until, &d, &m);
        dt_format_hhmm(m, hm);
        char mo[24], da[24];
        const char *args[] = {str_num(mo, d.m), str_num(da, d.d), hm};
        if (dt_date_cmp(d, s->today) == 0)
            str_format(STR_STAFF_LOCKED_TODAY, ui->lang_en, msg, sizeof msg, &args[2], 1);
        else
            str_format(STR_STAFF_LOCKED_DAY, ui->lang_en, msg, sizeof msg, args, 3);
        break;
    }
    case FLOW_STAFF_NOTICE_DONE:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_DONE));
        good = 1;
        break;
    case FLOW_STAFF_NOTICE_REFUSED:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_REFUSED));
        break;
    case FLOW_STAFF_NOTICE_EXPORTED:
        char file[121];
        snprintf(file, sizeof file, "%.120s", s->staff_detail);
        const char *args[] = {file};
        str_format(STR_STAFF_EXPORTED, ui->lang_en, msg, sizeof msg, args, 1);
        good = 1;
        break;
    case FLOW_STAFF_NOTICE_NO_USB:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_NO_USB));
        break;
    case FLOW_STAFF_NOTICE_ERROR:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_ERROR));
        break;
    case FLOW_STAFF_NOTICE_CALIB_BAD:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_CALIB_BAD));
        break;
    case FLOW_STAFF_NOTICE_REPRINTED:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_REPRINTED));
        good = 1;
        break;
    case FLOW_STAFF_NOTICE_REPRINT_FAILED:
        snprintf(msg, sizeof msg, "%s", txt(ui, STR_STAFF_REPRINT_FAILED));
        break;
    default:
        return 0;
    }
    return uix_notice(ui, msg, good, x, y, w) + uix_px(ui, 24);
}

/* ---- login ----------------------------------------------------------------- */

void uix_draw_staff_login(ui_t *ui, const flow_state_t *s)
{
    int top = staff_header(ui, txt(ui, STR_STAFF_LOGIN_TITLE));
    SDL_Rect info, pad;
    uix_split_keypad(ui, top, 4 * 170 + 3 * 20, &info, &pad);
    int y = info.y;
    y += uix_text(ui, txt(ui, STR_STAFF_PIN_HINT), uix_font(ui, 40), 0, ui->th.muted, info.x, y,
                  info.w, UI_ALIGN_LEFT, 2);
    y += uix_px(ui, 28);
    /* One dot per digit typed; the digits themselves are never drawn. */
    char dots[sizeof s->pin * 4 + 1] = "";
    for (int i = 0; i < s->n_pin && i < (int)sizeof s->pin - 1; i++)
        strcat(dots, i ? " ●" : "●");
    SDL_Rect box = uix_rect(info.x, y, info.w, uix_px(ui, 170));
    uix_frame(ui, box, ui->th.card, ui->th.accent, uix_px(ui, 3), uix_px(ui, 20));
    if (s->n_pin > 0) {
        int px = uix_fit_px(ui, dots, uix_font(ui, 64), 1, box.w - uix_px(ui, 48), 50);
        int dh = uix_text_height(ui, dots, px, 1, box.w, 1);
        uix_text(ui, dots, px, 1, ui->th.text, box.x, box.y + (box.h - dh) / 2, box.w,
                 UI_ALIGN_CENTER, 1);
    }
    y += box.h + uix_px(ui, 28);
    if (s->busy)
        y += muted_line(ui, txt(ui, STR_STAFF_CHECKING), info.x, y, info.w) + uix_px(ui, 24);
    staff_notice(ui, s, NOTE(BAD_PIN) | NOTE(LOCKED) | NOTE(ERROR), info.x, y, info.w);
    uix_keypad(ui, pad, s->n_pin, s->n_pin >= 6 && !s->busy, txt(ui, STR_DELETE),
               txt(ui, STR_STAFF_LOGIN));
}

/* ---- today's sessions -------------------------------------------------------- */

/* A session of the day: its time (and "closed") on the left, the service
 * beside it, the counts on one line below both. Returns the next y. */
static int day_row(ui_t *ui, const flow_day_row_t *d, int x, int y, int w)
{
    char id[80], span[32], counts[128], label[160];
    snprintf(id, sizeof id, "roster:%s", d->s.id);
    uix_format_span(d->s.start, d->s.end, span, sizeof span);
    format_counts(ui, d, counts, sizeof counts);
    int pad = uix_px(ui, 36), gap = uix_px(ui, 28), arrow = uix_px(ui, 50);
    int tpx = uix_font(ui, 46), npx = uix_font(ui, 46), cpx = uix_font(ui, 38),
        kpx = uix_font(ui, 32);
    int tw = uix_text_width(ui, "00:00–00:00", tpx, 1);
    int nx = x + pad + tw + gap, nw = x + w - pad - arrow - nx;
    int cw = x + w - pad - arrow - (x + pad);
    cpx = uix_fit_px(ui, counts, cpx, 0, cw, 75);
    int h1 = uix_text_height(ui, d->service_name, npx, 1, nw, 2);
    int h2 = uix_text_height(ui, counts, cpx, 0, cw, 2);
    int left_h = uix_text_height(ui, span, tpx, 1, 0, 1);
    if (!d->s.open)
        left_h += uix_px(ui, 12) + uix_text_height(ui, txt(ui, STR_STAFF_CLOSED), kpx, 1, 0, 1) +
                  uix_px(ui, 12);
    int top_h = h1 > left_h ? h1 : left_h;
    int h = 2 * pad + top_h + uix_px(ui, 14) + h2;
    if (h < uix_px(ui, 150))
        h = uix_px(ui, 150);
    SDL_Rect r = uix_rect(x, y, w, h);
    uix_frame(ui, r, uix_is_pressed(ui, id) ? ui->th.pressed : ui->th.card, ui->th.border,
              uix_px(ui, 2), uix_px(ui, 20));
    int ty = y + pad;
    ty += uix_text(ui, span, tpx, 1, ui->th.accent, x + pad, ty, 0, UI_ALIGN_LEFT, 1);
    if (!d->s.open)
        chip(ui, txt(ui, STR_STAFF_CLOSED), kpx, ui->th.alert, ui->th.alert_bg, x + pad,
             ty + uix_px(ui, 12));
    uix_text(ui, d->service_name, npx, 1, ui->th.text, nx, y + pad, nw, UI_ALIGN_LEFT, 2);
    uix_text(ui, counts, cpx, 0, ui->th.muted, x + pad, y + pad + top_h + uix_px(ui, 14), cw,
             UI_ALIGN_LEFT, 2);
    int ah = uix_text_height(ui, "›", uix_font(ui, 72), 1, 0, 1);
    uix_text(ui, "›", uix_font(ui, 72), 1, ui->th.accent, x + w - pad - uix_px(ui, 24),
             y + (h - ah) / 2, 0, UI_ALIGN_LEFT, 1);
    snprintf(label, sizeof label, "%s %.100s", span, d->service_name);
    uix_widget(ui, id, label, r, 1, 1);
    return y + h + uix_px(ui, 24);
}

void uix_draw_staff_day(ui_t *ui, const flow_state_t *s)
{
    int top = staff_header(ui, txt(ui, STR_STAFF_DAY_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    char who[128], day[64];
    const char *name = s->staff;
    str_format(STR_STAFF_WHO, ui->lang_en, who, sizeof who, &name, 1);
    format_day(ui, s->today, day, sizeof day);
    int px = uix_font(ui, 36);
    int dw = uix_text_width(ui, day, px, 0);
    uix_text(ui, who, px, 0, ui->th.muted, x, y, w - dw - uix_px(ui, 24), UI_ALIGN_LEFT, 1);
    uix_text(ui, day, px, 0, ui->th.muted, x + w - dw, y, 0, UI_ALIGN_LEFT, 1);
    y += uix_text_height(ui, who, px, 0, 0, 1) + uix_px(ui, 24);
    y += staff_notice(ui, s, NOTE(DONE) | NOTE(ERROR), x, y, w);
    if (s->open_bursts > 0) {
        /* Flagged by the booking limits (issue 14): seats one person may
         * have taken with invented numbers, for staff to review. */
        char n[16], msg[256];
        snprintf(n, sizeof n, "%d", s->open_bursts);
        const char *arg = n;
        str_format(STR_STAFF_BURSTS, ui->lang_en, msg, sizeof msg, &arg, 1);
        y += uix_notice(ui, msg, 0, x, y, w) + uix_px(ui, 16);
        int bh = uix_px(ui, 110);
        uix_button(ui, "release-bursts", txt(ui, STR_STAFF_RELEASE_BURSTS), uix_rect(x, y, w, bh),
                   UIX_DANGER, !s->busy, uix_font(ui, 40), 0);
        y += bh + uix_px(ui, 24);
    }
    if (s->throttle_trips > 0) {
        /* i16checkin: lookups or typed check-ins paused today: numbers
         * swept or codes guessed here, for staff to keep an eye on. */
        char n[16], msg[256];
        snprintf(n, sizeof n, "%d", s->throttle_trips);
        const char *args[2] = {n, s->throttle_last};
        str_format(STR_STAFF_THROTTLES, ui->lang_en, msg, sizeof msg, args, 2);
        y += uix_notice(ui, msg, 0, x, y, w) + uix_px(ui, 24);
    }
    if (s->n_calls > 0) {
        /* Residents who pressed call-staff (issue 17): first, since a
         * person is waiting; each acknowledged under this staff member's
         * name. */
        char n[16], msg[256];
        snprintf(n, sizeof n, "%d", s->n_calls);
        const char *arg = n;
        str_format(STR_STAFF_CALLS, ui->lang_en, msg, sizeof msg, &arg, 1);
        y += uix_notice(ui, msg, 0, x, y, w) + uix_px(ui, 16);
        int bh = uix_px(ui, 110), bw = uix_px(ui, 300);
        for (int i = 0; i < s->n_calls; i++) {
            const flow_call_row_t *c = &s->calls[i];
            char row[160], id[40];
            const char *args[2] = {c->at[0] ? c->at + 11 : c->at, c->screen};
            str_format(STR_STAFF_CALL_ROW, ui->lang_en, row, sizeof row, args, 2);
            int th = uix_text_height(ui, row, px, 0, w - bw - uix_px(ui, 24), 2);
            uix_text(ui, row, px, 0, ui->th.text, x, y + (bh - th) / 2, w - bw - uix_px(ui, 24),
                     UI_ALIGN_LEFT, 2);
            snprintf(id, sizeof id, "call-ack:%lld", c->id);
            uix_button(ui, id, txt(ui, STR_STAFF_CALL_ACK), uix_rect(x + w - bw, y, bw, bh),
                       UIX_PRIMARY, !s->busy, uix_font(ui, 40), 1);
            y += bh + uix_px(ui, 16);
        }
        y += uix_px(ui, 8);
    }
    if (s->n_day == 0) {
        if (s->busy)
            y += muted_line(ui, txt(ui, STR_STAFF_LOADING), x, y, w);
        else if (s->staff_notice != FLOW_STAFF_NOTICE_ERROR)
            y += muted_line(ui, txt(ui, STR_STAFF_NO_SESSIONS), x, y, w);
    }
    for (int i = 0; i < s->n_day; i++)
        y = day_row(ui, &s->day[i], x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    /* i19counter: 叫号 first, the counter's work of the day */
    uix_button(ui, "queue-counter", txt(ui, STR_QUEUE_COUNTER_BUTTON), uix_action_rect(ui, 0, 4),
               UIX_PRIMARY, !s->busy, uix_font(ui, 44), 0);
    uix_button(ui, "export", txt(ui, STR_STAFF_EXPORT_BUTTON), uix_action_rect(ui, 1, 4),
               UIX_PRIMARY, !s->busy, uix_font(ui, 44), 0);
    uix_button(ui, "tech", txt(ui, STR_STAFF_TECH), uix_action_rect(ui, 2, 4), UIX_SECONDARY, 1,
               uix_font(ui, 44), 0);
    uix_button(ui, "logout", txt(ui, STR_STAFF_LOGOUT), uix_action_rect(ui, 3, 4), UIX_SECONDARY, 1,
               uix_font(ui, 44), 0);
}

/* ---- export ------------------------------------------------------------------ */

/* "开始日期  [前一天] 2026年12月1日 周二 [后一天]": one end of the range. */
static int date_stepper(ui_t *ui, const char *label, const char *end, dt_date_t d, int x, int y,
                        int w)
{
    int lpx = uix_font(ui, 40);
    y += uix_text(ui, label, lpx, 1, ui->th.text, x, y, w, UI_ALIGN_LEFT, 1) + uix_px(ui, 12);
    int bh = uix_px(ui, 120), bw = uix_px(ui, 200);
    char id[32], day[64];
    snprintf(id, sizeof id, "%s:-1", end);
    uix_button(ui, id, txt(ui, STR_STAFF_DAY_BEFORE), uix_rect(x, y, bw, bh), UIX_SECONDARY, 1,
               uix_font(ui, 40), 1);
    snprintf(id, sizeof id, "%s:+1", end);
    uix_button(ui, id, txt(ui, STR_STAFF_DAY_AFTER), uix_rect(x + w - bw, y, bw, bh), UIX_SECONDARY,
               1, uix_font(ui, 40), 1);
    format_day(ui, d, day, sizeof day);
    int mid = x + bw + uix_px(ui, 16), mw = w - 2 * (bw + uix_px(ui, 16));
    int px = uix_fit_px(ui, day, uix_font(ui, 48), 1, mw, 60);
    int dh = uix_text_height(ui, day, px, 1, mw, 1);
    uix_frame(ui, uix_rect(mid, y, mw, bh), ui->th.card, ui->th.border, uix_px(ui, 2),
              uix_px(ui, 16));
    uix_text(ui, day, px, 1, ui->th.text, mid, y + (bh - dh) / 2, mw, UI_ALIGN_CENTER, 1);
    return y + bh + uix_px(ui, 32);
}

void uix_draw_staff_export(ui_t *ui, const flow_state_t *s)
{
    int top = staff_header(ui, txt(ui, STR_STAFF_EXPORT));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    y += staff_notice(ui, s, NOTE(EXPORTED) | NOTE(NO_USB) | NOTE(ERROR), x, y, w);
    y += uix_text(ui, txt(ui, STR_STAFF_EXPORT_WHICH), uix_font(ui, 44), 1, ui->th.text, x, y, w,
                  UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 24);
    static const struct {
        const char *id;
        str_id_t label;
    } presets[4] = {{"range:today", STR_TODAY},
                    {"range:last7", STR_STAFF_LAST_7},
                    {"range:next7", STR_STAFF_NEXT_7},
                    {"range:month", STR_STAFF_MONTH}};
    /* Two a row in portrait, all four in landscape. */
    int cols = ui->landscape ? 4 : 2, gap = uix_px(ui, 24), bh = uix_px(ui, 120);
    int bw = (w - (cols - 1) * gap) / cols;
    for (int i = 0; i < 4; i++) {
        int cx = x + (i % cols) * (bw + gap), cy = y + (i / cols) * (bh + gap);
        uix_button(ui, presets[i].id, txt(ui, presets[i].label), uix_rect(cx, cy, bw, bh),
                   UIX_SECONDARY, 1, uix_font(ui, 44), 1);
    }
    y += (4 / cols) * (bh + gap) + uix_px(ui, 24);
    y = date_stepper(ui, txt(ui, STR_STAFF_FROM), "from", s->export_from, x, y, w);
    y = date_stepper(ui, txt(ui, STR_STAFF_UNTIL), "until", s->export_until, x, y, w);
    char sum[200];
    char days[24];
    const char *nd = str_num(days, dt_days(s->export_until) - dt_days(s->export_from) + 1);
    str_format(STR_STAFF_EXPORT_SUM, ui->lang_en, sum, sizeof sum, &nd, 1);
    y += uix_text(ui, sum, uix_font(ui, 38), 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "export-save", txt(ui, STR_STAFF_EXPORT_SAVE), uix_action_rect(ui, 0, 1),
               UIX_PRIMARY, !s->busy, uix_font(ui, 46), 0);
}

/* ---- a session's roster ---------------------------------------------------------- */

static const flow_day_row_t *roster_session(const flow_state_t *s)
{
    return s->day_row >= 0 && s->day_row < s->n_day ? &s->day[s->day_row] : NULL;
}

static const flow_roster_row_t *roster_find(const flow_state_t *s, const char *ticket)
{
    for (int i = 0; i < s->n_roster; i++)
        if (strcmp(s->roster[i].ticket, ticket) == 0)
            return &s->roster[i];
    return NULL;
}

static int revealed(const flow_state_t *s, const flow_roster_row_t *r)
{
    return s->reveal[0] && strcmp(s->reveal, r->ticket) == 0;
}

/* The number as staff may see it: masked unless they asked for it; then
 * the person coming (issue 16, i16house), masked the same way ("张*"):
 * "138****5678  奶*", or 没有手机 and the label for a resident without one. */
static void roster_phone(ui_t *ui, const flow_state_t *s, const flow_roster_row_t *r, char *out,
                         size_t n)
{
    char phone[KIOSK_PHONE_SIZE], label[KIOSK_LABEL_SIZE];
    int shown = revealed(s, r);
    if (shown)
        snprintf(phone, sizeof phone, "%s", r->phone);
    else
        rules_mask_phone(r->phone, phone);
    if (shown)
        snprintf(label, sizeof label, "%s", r->for_label);
    else
        rules_mask_label(r->for_label, label);
    snprintf(out, n, "%s%s%s", r->phone[0] ? phone : txt(ui, STR_NO_PHONE), label[0] ? "  " : "",
             label);
    wipe_bytes(phone, sizeof phone);
    wipe_bytes(label, sizeof label);
}

/* The session on top of its roster: service, day and time, counts, state. */
static int session_card(ui_t *ui, const flow_state_t *s, const flow_day_row_t *d, int x, int y,
                        int w)
{
    char when[128], day[64], span[32], counts[128];
    format_day(ui, s->today, day, sizeof day);
    uix_format_span(d->s.start, d->s.end, span, sizeof span);
    snprintf(when, sizeof when, "%s %s", day, span);
    format_counts(ui, d, counts, sizeof counts);
    const char *state = txt(ui, d->s.open ? STR_STAFF_OPEN : STR_STAFF_CLOSED);
    int pad = uix_px(ui, 36), iw = w - 2 * pad;
    int npx = uix_font(ui, 48), px = uix_font(ui, 38), kpx = uix_font(ui, 34);
    int sw = chip_width(ui, state, kpx);
    int h1 = uix_text_height(ui, d->service_name, npx, 1, iw - sw - pad, 2);
    int h2 = uix_text_height(ui, when, px, 0, iw, 2);
    int h3 = uix_text_height(ui, counts, px, 0, iw, 2);
    int gap = uix_px(ui, 10);
    int h = 2 * pad + h1 + gap + h2 + gap + h3;
    uix_frame(ui, uix_rect(x, y, w, h), ui->th.card, ui->th.border, uix_px(ui, 2), uix_px(ui, 24));
    int ty = y + pad;
    ty += uix_text(ui, d->service_name, npx, 1, ui->th.text, x + pad, ty, iw - sw - pad,
                   UI_ALIGN_LEFT, 2);
    if (d->s.open)
        chip(ui, state, kpx, ui->th.good, ui->th.good_bg, x + w - pad - sw, y + pad);
    else
        chip(ui, state, kpx, ui->th.alert, ui->th.alert_bg, x + w - pad - sw, y + pad);
    ty += gap;
    ty += uix_text(ui, when, px, 0, ui->th.muted, x + pad, ty, iw, UI_ALIGN_LEFT, 2);
    ty += gap;
    uix_text(ui, counts, px, 1, ui->th.text, x + pad, ty, iw, UI_ALIGN_LEFT, 2);
    return y + h + uix_px(ui, 28);
}

/* One booking: number and party, ticket code and status, and what staff can
 * do with it, in four button columns that line up from row to row: below
 * the text on a narrow panel, beside it on a wide one. */
static int roster_row(ui_t *ui, const flow_state_t *s, const flow_roster_row_t *r, int x, int y,
                      int w)
{
    char phone[96], code[KIOSK_TICKET_SHOWN_SIZE], party[32], line2[64];
    int shown = revealed(s, r);
    roster_phone(ui, s, r, phone, sizeof phone);
    ticket_code_format(r->ticket, code);
    staff_persons(ui, r->party, party, sizeof party);
    snprintf(line2, sizeof line2, "%s %s", txt(ui, STR_STAFF_TICKET), code);
    const char *st = status_word(ui, r->status);
    int booked = r->status == RULES_BOOKED;
    int pad = uix_px(ui, 32), gap = uix_px(ui, 16), bh = uix_px(ui, 112);
    int ppx = uix_font(ui, 52), qpx = uix_font(ui, 40), lpx = uix_font(ui, 36),
        kpx = uix_font(ui, 34);
    int iw = w - 2 * pad;
    /* Wide: the text keeps at least 480 px beside five 180 px buttons. */
    int wide = iw - 5 * uix_px(ui, 180) - 5 * gap >= uix_px(ui, 480);
    int bw = wide ? uix_px(ui, 180) : (iw - 4 * gap) / 5;
    int bx = x + w - pad - 5 * bw - 4 * gap; /* first button column */
    int h1 = uix_text_height(ui, phone, ppx, 1, 0, 1);
    int h2 = uix_text_height(ui, line2, lpx, 0, 0, 1);
    int kh = uix_text_height(ui, st, kpx, 1, 0, 1) + uix_px(ui, 12);
    if (kh > h2)
        h2 = kh;
    int text_h = h1 + uix_px(ui, 10) + h2;
    /* Buttons below the text only for a booked row on a narrow panel; the
     * lone "show number" fits beside the text. */
    int below = booked && !wide;
    int side = (booked && wide) || (!booked && !shown);
    int inner = text_h;
    if (below)
        inner += uix_px(ui, 24) + bh;
    if (side && inner < bh)
        inner = bh;
    int h = 2 * pad + inner;
    uix_frame(ui, uix_rect(x, y, w, h), ui->th.card, ui->th.border, uix_px(ui, 2), uix_px(ui, 20));
    int ty = y + pad + (below ? 0 : (inner - text_h) / 2);
    uix_text(ui, phone, ppx, 1, shown ? ui->th.accent : ui->th.text, x + pad, ty, 0, UI_ALIGN_LEFT,
             1);
    int pw = uix_text_width(ui, phone, ppx, 1);
    int qh = uix_text_height(ui, party, qpx, 0, 0, 1);
    uix_text(ui, party, qpx, 0, ui->th.muted, x + pad + pw + uix_px(ui, 24), ty + (h1 - qh) / 2, 0,
             UI_ALIGN_LEFT, 1);
    ty += h1 + uix_px(ui, 10);
    int lh = uix_text_height(ui, line2, lpx, 0, 0, 1);
    uix_text(ui, line2, lpx, 0, ui->th.muted, x + pad, ty + (h2 - lh) / 2, 0, UI_ALIGN_LEFT, 1);
    SDL_Color fg = ui->th.accent, bg = ui->th.pressed;
    if (r->status == RULES_CHECKED_IN) {
        fg = ui->th.good;
        bg = ui->th.good_bg;
    } else if (r->status == RULES_CANCELLED) {
        fg = ui->th.on_disabled;
        bg = ui->th.disabled;
    } else if (r->status == RULES_NO_SHOW) {
        fg = ui->th.alert;
        bg = ui->th.alert_bg;
    }
    chip(ui, st, kpx, fg, bg, x + pad + uix_text_width(ui, line2, lpx, 0) + uix_px(ui, 24),
         ty + (h2 - kh) / 2);
    int by = below ? y + pad + text_h + uix_px(ui, 24) : y + (h - bh) / 2;
    char id[32];
    static const struct {
        const char *prefix;
        str_id_t label;
        uix_kind_t kind;
    } acts[4] = {{"attend", STR_STAFF_ATTEND, UIX_PRIMARY},
                 {"noshow", STR_STATUS_NO_SHOW, UIX_SECONDARY},
                 {"cancel", STR_STAFF_CANCEL, UIX_DANGER},
                 /* i16checkin: for a resident who lost the slip or its code */
                 {"reprint", STR_STAFF_REPRINT, UIX_SECONDARY}};
    for (int i = 0; booked && i < 4; i++) {
        snprintf(id, sizeof id, "%s:%s", acts[i].prefix, r->ticket);
        uix_button(ui, id, txt(ui, acts[i].label), uix_rect(bx + i * (bw + gap), by, bw, bh),
                   acts[i].kind, 1, uix_font(ui, 40), 1);
    }
    if (r->status == RULES_CHECKED_IN) { /* issue 20 (F): 请居民评价 */
        snprintf(id, sizeof id, "rate-prompt:%s", r->ticket);
        uix_button(ui, id, txt(ui, STR_STAFF_RATE_PROMPT),
                   uix_rect(bx + 3 * (bw + gap), by, bw, bh), UIX_SECONDARY, 1, uix_font(ui, 40),
                   1);
    }
    if (!shown) {
        snprintf(id, sizeof id, "phone:%s", r->ticket);
        uix_button(ui, id, txt(ui, STR_STAFF_SHOW_PHONE), uix_rect(bx + 4 * (bw + gap), by, bw, bh),
                   UIX_SECONDARY, 1, uix_font(ui, 40), 1);
    }
    return y + h + uix_px(ui, 20);
}

/* The session's counts from its roster when there is one: the roster is
 * reloaded after every action, today's list only when staff go back to it.
 * Capacity counts booked and checked-in persons, as in the store. */
static flow_day_row_t roster_counts(const flow_state_t *s, const flow_day_row_t *d)
{
    flow_day_row_t c = *d;
    if (s->n_roster == 0)
        return c;
    c.booked = c.checked_in = c.no_show = 0;
    for (int i = 0; i < s->n_roster; i++) {
        const flow_roster_row_t *r = &s->roster[i];
        if (r->status == RULES_BOOKED)
            c.booked += r->party;
        else if (r->status == RULES_CHECKED_IN)
            c.checked_in += r->party;
        else if (r->status == RULES_NO_SHOW)
            c.no_show += r->party;
    }
    c.s.remaining = c.s.capacity - c.booked - c.checked_in;
    if (c.s.remaining < 0)
        c.s.remaining = 0;
    return c;
}

void uix_draw_staff_roster(ui_t *ui, const flow_state_t *s)
{
    const flow_day_row_t *d = roster_session(s);
    int open = d && d->s.open;
    int top = staff_header(ui, txt(ui, STR_STAFF_ROSTER_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, open ? uix_action_bar_top(ui) : ui->lh);
    if (d) {
        flow_day_row_t now = roster_counts(s, d);
        y = session_card(ui, s, &now, x, y, w);
        /* i16checkin: what the people coming bring, for staff to check
         * (the catalog's words: staff see the service named anyway). */
        const catalog_service_t *sv = catalog_find_service(s->cat, d->service_id);
        const char *bring = sv ? catalog_str(&sv->bring, ui->lang_en) : "";
        if (bring[0])
            y = uix_summary_row(ui, txt(ui, STR_BOOKING_BRING), bring, x, y, w);
    }
    if (d && !open)
        y += uix_notice(ui, txt(ui, STR_STAFF_CLOSED_CALL), 0, x, y, w) + uix_px(ui, 24);
    y += staff_notice(ui, s,
                      NOTE(DONE) | NOTE(REFUSED) | NOTE(ERROR) | NOTE(REPRINTED) |
                          NOTE(REPRINT_FAILED),
                      x, y, w);
    if (s->n_roster == 0) {
        if (s->busy)
            y += muted_line(ui, txt(ui, STR_STAFF_LOADING), x, y, w);
        else if (s->staff_notice != FLOW_STAFF_NOTICE_ERROR)
            y += muted_line(ui, txt(ui, STR_STAFF_NO_BOOKINGS), x, y, w);
    }
    for (int i = 0; i < s->n_roster; i++)
        y = roster_row(ui, s, &s->roster[i], x, y, w);
    uix_body_end(ui, y);
    if (open) {
        uix_action_bar_bg(ui);
        uix_button(ui, "close-session", txt(ui, STR_STAFF_CLOSE_SESSION), uix_action_rect(ui, 0, 1),
                   UIX_DANGER, 1, uix_font(ui, 46), 0);
    }
}

void uix_draw_staff_cancel(ui_t *ui, const flow_state_t *s)
{
    int top = staff_header(ui, txt(ui, STR_CANCEL_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    char code[KIOSK_TICKET_SHOWN_SIZE];
    ticket_code_format(s->cancel_ticket, code);
    y = uix_summary_row(ui, txt(ui, STR_STAFF_TICKET), code, x, y, w);
    const flow_roster_row_t *r = roster_find(s, s->cancel_ticket);
    if (r) {
        char phone[96], party[32];
        roster_phone(ui, s, r, phone, sizeof phone);
        staff_persons(ui, r->party, party, sizeof party);
        y = uix_summary_row(ui, txt(ui, STR_STAFF_PHONE), phone, x, y, w);
        y = uix_summary_row(ui, txt(ui, STR_PARTY), party, x, y, w);
    }
    y += uix_px(ui, 8);
    y += uix_text(ui, txt(ui, STR_STAFF_CANCEL_WHY), uix_font(ui, 44), 1, ui->th.text, x, y, w,
                  UI_ALIGN_LEFT, 0);
    y += uix_px(ui, 28);
    /* Two a row in landscape, so all four show without scrolling. */
    int cols = ui->landscape ? 2 : 1, gap = uix_px(ui, 24), bh = uix_px(ui, 130);
    int bw = (w - (cols - 1) * gap) / cols, n = 0;
    for (; flow_cancel_reason(n, ui->lang_en); n++) {
        char id[24];
        snprintf(id, sizeof id, "reason:%d", n + 1);
        uix_button(ui, id, flow_cancel_reason(n, ui->lang_en),
                   uix_rect(x + (n % cols) * (bw + gap), y + (n / cols) * (bh + gap), bw, bh),
                   UIX_DANGER, 1, uix_font(ui, 46), 1);
    }
    y += (n + cols - 1) / cols * (bh + gap);
    uix_body_end(ui, y);
}

/* ---- technician ---------------------------------------------------------------- */

/* "标签：值" (a short label, no spaces) or "Label: value" as a label column and the value
 * beside it; other lines (the log tail) whole and smaller. Draws only when
 * draw; returns the height. */
static int tech_line(ui_t *ui, const char *line, int x, int y, int w, int draw)
{
    const char *sep = strstr(line, "：");
    size_t seplen = strlen("：");
    int pad = uix_px(ui, 14);
    if (!(sep && sep > line && sep - line <= 24 && !memchr(line, ' ', (size_t)(sep - line)))) {
        /* English: "Disk: 1234 MB free", a label of letters and spaces. */
        sep = strstr(line, ": ");
        seplen = 2;
        for (const char *p = line; sep && p < sep; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == ' '))
                sep = NULL;
    }
    if (sep && sep > line && sep - line <= 24) {
        char label[48];
        snprintf(label, sizeof label, "%.*s", (int)(sep - line), line);
        const char *value = sep + seplen;
        int lw = uix_px(ui, 220);
        int lpx = uix_font(ui, 36), vpx = uix_font(ui, 38);
        int h = uix_text_height(ui, value, vpx, 0, w - lw, 4);
        if (draw) {
            uix_text(ui, label, lpx, 0, ui->th.muted, x, y + pad + uix_px(ui, 2), lw, UI_ALIGN_LEFT,
                     1);
            uix_text(ui, value, vpx, 0, ui->th.text, x + lw, y + pad, w - lw, UI_ALIGN_LEFT, 4);
        }
        return h + 2 * pad;
    }
    int px = uix_font(ui, 32);
    int h = uix_text_height(ui, line, px, 0, w, 4);
    if (draw)
        uix_text(ui, line, px, 0, ui->th.muted, x, y + pad, w, UI_ALIGN_LEFT, 4);
    return h + 2 * pad;
}

void uix_draw_tech(ui_t *ui, const flow_state_t *s)
{
    int top = staff_header(ui, txt(ui, STR_STAFF_TECH));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    y += staff_notice(ui, s, NOTE(ERROR), x, y, w);
    if (s->busy)
        y += muted_line(ui, txt(ui, STR_STAFF_WORKING), x, y, w) + uix_px(ui, 24);
    if (s->n_tech > 0) {
        int pad = uix_px(ui, 32), iw = w - 2 * pad, h = 0;
        for (int i = 0; i < s->n_tech; i++)
            h += tech_line(ui, s->tech[i], 0, 0, iw, 0);
        uix_frame(ui, uix_rect(x, y, w, h + 2 * pad), ui->th.card, ui->th.border, uix_px(ui, 2),
                  uix_px(ui, 20));
        int ty = y + pad;
        for (int i = 0; i < s->n_tech; i++) {
            if (i > 0)
                uix_fill(ui, uix_rect(x + pad, ty, iw, uix_px(ui, 1)), ui->th.border, 0);
            ty += tech_line(ui, s->tech[i], x + pad, ty, iw, 1);
        }
        y += h + 2 * pad;
    }
    if (s->tech_clock_doubt) { /* the card's clock line says why */
        int bh = uix_px(ui, 120);
        y += uix_px(ui, 24);
        uix_button(ui, "clock-confirm", txt(ui, STR_TECH_CLOCK_CONFIRM), uix_rect(x, y, w, bh),
                   UIX_PRIMARY, !s->busy, uix_font(ui, 40), 1);
        y += bh;
    }
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    static const struct {
        const char *id;
        str_id_t label;
    } acts[4] = {{"print-test", STR_STAFF_PRINT_TEST},
                 {"touch-test", STR_STAFF_TOUCH_TEST},
                 {"test-pattern", STR_STAFF_TEST_PATTERN},
                 {"refresh", STR_STAFF_REFRESH}};
    for (int i = 0; i < 4; i++)
        uix_button(ui, acts[i].id, txt(ui, acts[i].label), uix_action_rect(ui, i, 4), UIX_SECONDARY,
                   !s->busy, uix_font(ui, 40), 0);
}

/* A target: two bars crossing at (cx, cy) and a ring mark at the centre. */
static void crosshair(ui_t *ui, int cx, int cy)
{
    int arm = uix_px(ui, 56), t = uix_px(ui, 3) | 1, dot = uix_px(ui, 12);
    uix_fill(ui, uix_rect(cx - arm, cy - t / 2, 2 * arm + 1, t), ui->th.text, 0);
    uix_fill(ui, uix_rect(cx - t / 2, cy - arm, t, 2 * arm + 1), ui->th.text, 0);
    uix_frame(ui, uix_rect(cx - dot, cy - dot, 2 * dot + 1, 2 * dot + 1), ui->th.card, ui->th.text,
              t, dot);
}

/* Where calibration target i is drawn, in layout pixels. */
static SDL_Point target_at(const ui_t *ui, int i)
{
    float fx, fy;
    calib_target(i, &fx, &fy);
    SDL_Point p = {(int)(fx * (float)ui->lw), (int)(fy * (float)ui->lh)};
    return p;
}

/* Between the top targets, away from every crosshair. */
static void top_back_button(ui_t *ui)
{
    int bw = uix_px(ui, 240), bh = uix_px(ui, 112);
    uix_button(ui, "back", txt(ui, STR_BACK), uix_rect((ui->lw - bw) / 2, uix_px(ui, 24), bw, bh),
               UIX_SECONDARY, 1, uix_font(ui, 44), 0);
}

/* Buttons side by side, centred at height y, below the centre target. */
static void mid_buttons(ui_t *ui, int y, int n, const char *const ids[], const char *const labels[],
                        const uix_kind_t kinds[])
{
    int gap = uix_px(ui, 32), bh = uix_px(ui, 130);
    int bw = (ui->lw * 7 / 10 - (n - 1) * gap) / n;
    int x = (ui->lw - (n * bw + (n - 1) * gap)) / 2;
    for (int i = 0; i < n; i++)
        uix_button(ui, ids[i], labels[i], uix_rect(x + i * (bw + gap), y, bw, bh), kinds[i], 1,
                   uix_font(ui, 44), 0);
}

/* Touch test: where each press landed against the calibration targets, to
 * see rotation and calibration. Presses come from ui_press (ui->touches). */
void uix_draw_touch_test(ui_t *ui, const flow_state_t *s)
{
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.card, 0);
    for (int i = 0; i < CALIB_TARGETS; i++) {
        SDL_Point p = target_at(ui, i);
        crosshair(ui, p.x, p.y);
    }
    int tx = uix_px(ui, 80), tw = ui->lw - 2 * tx;
    int y = ui->lh * 22 / 100;
    if (s->staff_notice == FLOW_STAFF_NOTICE_DONE)
        y += uix_notice(ui, txt(ui, STR_STAFF_CALIB_SAVED), 1, tx, y, tw) + uix_px(ui, 20);
    y += uix_text(ui, txt(ui, STR_STAFF_TOUCH_HINT), uix_font(ui, 48), 1, ui->th.text, tx, y, tw,
                  UI_ALIGN_CENTER, 0);
    y += uix_px(ui, 20);
    char last[96];
    if (ui->n_touches > 0) {
        SDL_Point p = ui->touches[(ui->touch_next + UI_TOUCHES - 1) % UI_TOUCHES];
        char px[24], py[24];
        const char *args[] = {str_num(px, p.x), str_num(py, p.y)};
        str_format(STR_STAFF_LAST_TOUCH, ui->lang_en, last, sizeof last, args, 2);
    } else {
        snprintf(last, sizeof last, "%s", txt(ui, STR_STAFF_TOUCH_DOTS));
    }
    uix_text(ui, last, uix_font(ui, 38), 0, ui->th.muted, tx, y, tw, UI_ALIGN_CENTER, 0);
    top_back_button(ui);
    static const char *const ids[] = {"calibrate"};
    const char *const labels[] = {txt(ui, STR_STAFF_RECALIBRATE)};
    static const uix_kind_t kinds[] = {UIX_PRIMARY};
    mid_buttons(ui, ui->lh * 62 / 100, 1, ids, labels, kinds);
    /* Oldest first, the newest on top and larger. */
    for (int i = 0; i < ui->n_touches; i++) {
        int k = (ui->touch_next + UI_TOUCHES - ui->n_touches + i) % UI_TOUCHES;
        int newest = i == ui->n_touches - 1;
        int rad = uix_px(ui, newest ? 18 : 12);
        SDL_Point p = ui->touches[k];
        uix_fill(ui, uix_rect(p.x - rad, p.y - rad, 2 * rad, 2 * rad),
                 newest ? ui->th.alert : ui->th.accent, rad);
    }
}

/* Calibration: one target at a time; a touch off the buttons is taken as
 * a touch on it (the platform hands the raw point to the flow). Once all
 * are touched, the fitted map shows where each touch now lands, with the
 * worst distance left, to save or redo. */
void uix_draw_calibrate(ui_t *ui, const flow_state_t *s)
{
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.card, 0);
    int tx = uix_px(ui, 80), tw = ui->lw - 2 * tx;
    int y = ui->lh * 22 / 100;
    char line[160];
    if (!s->calib_fitted) {
        SDL_Point p = target_at(ui, s->calib_n < CALIB_TARGETS ? s->calib_n : 0);
        crosshair(ui, p.x, p.y);
        y += staff_notice(ui, s, NOTE(CALIB_BAD), tx, y, tw);
        char k[24], all[24];
        const char *args[] = {str_num(k, s->calib_n + 1), str_num(all, CALIB_TARGETS)};
        str_format(STR_STAFF_CALIB_TAP, ui->lang_en, line, sizeof line, args, 2);
        uix_text(ui, line, uix_font(ui, 48), 1, ui->th.text, tx, y, tw, UI_ALIGN_CENTER, 0);
        top_back_button(ui);
        return;
    }
    double worst = 0.0;
    for (int i = 0; i < CALIB_TARGETS; i++) {
        SDL_Point t = target_at(ui, i);
        crosshair(ui, t.x, t.y);
        float fx = s->calib_raw[i][0], fy = s->calib_raw[i][1];
        calib_apply(s->calib_m, &fx, &fy);
        float gx, gy;
        calib_target(i, &gx, &gy);
        int px = (int)(fx * (float)ui->lw), py = (int)(fy * (float)ui->lh);
        double d = hypot((fx - gx) * (float)ui->lw, (fy - gy) * (float)ui->lh);
        worst = d > worst ? d : worst;
        int rad = uix_px(ui, 14);
        uix_fill(ui, uix_rect(px - rad, py - rad, 2 * rad, 2 * rad), ui->th.alert, rad);
    }
    y += staff_notice(ui, s, NOTE(ERROR), tx, y, tw);
    char px[24];
    const char *err_px = str_num(px, (int)(worst + 0.5));
    str_format(STR_STAFF_CALIB_DONE, ui->lang_en, line, sizeof line, &err_px, 1);
    y += uix_text(ui, line, uix_font(ui, 48), 1, ui->th.text, tx, y, tw, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, 16);
    uix_text(ui, txt(ui, STR_STAFF_CALIB_DOTS), uix_font(ui, 38), 0, ui->th.muted, tx, y, tw,
             UI_ALIGN_CENTER, 0);
    top_back_button(ui);
    static const char *const ids[] = {"calib-save", "calib-redo"};
    const char *const labels[] = {txt(ui, STR_STAFF_CALIB_SAVE), txt(ui, STR_STAFF_CALIB_REDO)};
    static const uix_kind_t kinds[] = {UIX_PRIMARY, UIX_SECONDARY};
    mid_buttons(ui, ui->lh * 62 / 100, 2, ids, labels, kinds);
}

/* Test pattern: colour bars, a 1-px grid every 100 px, a border at the
 * panel's edge, and the size; a tap anywhere leaves. Real pixels, not
 * scaled: it checks the panel itself. */
void uix_draw_pattern(ui_t *ui, const flow_state_t *s)
{
    (void)s; /* real pixels, whatever the state */
    static const SDL_Color bars[8] = {{255, 255, 255, 255}, {255, 255, 0, 255}, {0, 255, 255, 255},
                                      {0, 255, 0, 255},     {255, 0, 255, 255}, {255, 0, 0, 255},
                                      {0, 0, 255, 255},     {0, 0, 0, 255}};
    for (int i = 0; i < 8; i++) {
        int x0 = i * ui->lw / 8, x1 = (i + 1) * ui->lw / 8;
        uix_fill(ui, uix_rect(x0, 0, x1 - x0, ui->lh), bars[i], 0);
    }
    SDL_SetRenderDrawColor(ui->r, 128, 128, 128, 255);
    for (int x = 100; x < ui->lw; x += 100)
        SDL_RenderDrawLine(ui->r, x, 0, x, ui->lh - 1);
    for (int y = 100; y < ui->lh; y += 100)
        SDL_RenderDrawLine(ui->r, 0, y, ui->lw - 1, y);
    /* Red on the outermost pixels, white just inside: one of them shows
     * against every bar. */
    SDL_Rect edge = uix_rect(0, 0, ui->lw, ui->lh), inner = uix_rect(1, 1, ui->lw - 2, ui->lh - 2);
    SDL_SetRenderDrawColor(ui->r, 255, 0, 0, 255);
    SDL_RenderDrawRect(ui->r, &edge);
    SDL_SetRenderDrawColor(ui->r, 255, 255, 255, 255);
    SDL_RenderDrawRect(ui->r, &inner);
    char size[96];
    if (ui->o.rotate) {
        char w[24], h[24], deg[24];
        const char *args[] = {str_num(w, ui->lw), str_num(h, ui->lh), str_num(deg, ui->o.rotate)};
        str_format(STR_STAFF_PATTERN_SIZE, ui->lang_en, size, sizeof size, args, 3);
    } else
        snprintf(size, sizeof size, "%d × %d", ui->lw, ui->lh);
    const char *hint = txt(ui, STR_STAFF_PATTERN_EXIT);
    int spx = uix_font(ui, 64), hpx = uix_font(ui, 36), pad = uix_px(ui, 40);
    int w1 = uix_text_width(ui, size, spx, 1), w2 = uix_text_width(ui, hint, hpx, 0);
    int bw = (w1 > w2 ? w1 : w2) + 2 * pad;
    int h1 = uix_text_height(ui, size, spx, 1, 0, 1), h2 = uix_text_height(ui, hint, hpx, 0, 0, 1);
    int bh = h1 + uix_px(ui, 12) + h2 + 2 * pad;
    SDL_Rect box = uix_rect((ui->lw - bw) / 2, (ui->lh - bh) / 2, bw, bh);
    uix_fill(ui, box, ui->th.shade, uix_px(ui, 20));
    uix_text(ui, size, spx, 1, ui->th.on_accent, box.x, box.y + pad, box.w, UI_ALIGN_CENTER, 1);
    uix_text(ui, hint, hpx, 0, ui->th.on_accent, box.x, box.y + pad + h1 + uix_px(ui, 12), box.w,
             UI_ALIGN_CENTER, 1);
    uix_widget(ui, "pattern-exit", txt(ui, STR_BACK), uix_rect(0, 0, ui->lw, ui->lh), 1, 0);
}
