/* The layout of every resident screen. Sizes are given for the reference
 * panel (1080x1920 portrait, 1920x1080 landscape) and scaled by uix_px;
 * text sizes by uix_font, which elder mode enlarges. */
#include <stdio.h>
#include <string.h>

#include "../core/strings.h"
#include "../ticket/code.h"
#include "ui_internal.h"

#define MARGIN UIX_MARGIN

static const char *tr(const ui_t *ui, const flow_state_t *s, str_id_t id)
{
    (void)ui;
    return str_get(id, s->lang_en);
}

static void format_date(const flow_state_t *s, dt_date_t d, char *out, size_t n)
{
    uix_format_date(s->lang_en, d, out, n);
}

static const catalog_service_t *service(const flow_state_t *s)
{
    return s->service >= 0 ? &s->cat->services[s->service] : NULL;
}

static const char *cs(const flow_state_t *s, const catalog_text_t *t)
{
    return catalog_str(t, s->lang_en);
}

/* ---- attract and home ------------------------------------------------------ */

void uix_draw_attract(ui_t *ui, const flow_state_t *s)
{
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.accent, 0);
    int w = ui->lw - 2 * uix_px(ui, 80), x = uix_px(ui, 80);
    int y = ui->lh * (ui->landscape ? 22 : 30) / 100;
    y += uix_text(ui, cs(s, &s->cat->station_name), uix_font(ui, 76), 1, ui->th.on_accent, x, y, w,
                  UI_ALIGN_CENTER, 2);
    y += uix_px(ui, 24);
    y += uix_text(ui, tr(ui, s, STR_ATTRACT_TITLE), uix_font(ui, 48), 0, ui->th.on_accent, x, y, w,
                  UI_ALIGN_CENTER, 2);
    y += uix_px(ui, ui->landscape ? 90 : 160);
    SDL_Rect b = uix_rect((ui->lw - uix_px(ui, 720)) / 2, y, uix_px(ui, 720), uix_px(ui, 170));
    uix_frame(ui, b, ui->th.card, ui->th.on_accent, uix_px(ui, 4), uix_px(ui, 85));
    int th = uix_text_height(ui, tr(ui, s, STR_ATTRACT_TAP), uix_font(ui, 60), 1, b.w, 1);
    uix_text(ui, tr(ui, s, STR_ATTRACT_TAP), uix_font(ui, 60), 1, ui->th.accent, b.x,
             b.y + (b.h - th) / 2, b.w, UI_ALIGN_CENTER, 1);
    y += b.h + uix_px(ui, 60);
    uix_text(ui, tr(ui, s, STR_ATTRACT_HINT), uix_font(ui, 40), 0, ui->th.on_accent, x, y, w,
             UI_ALIGN_CENTER, 2);
    /* The whole screen starts: an elderly resident may touch anywhere. */
    uix_widget(ui, "start", tr(ui, s, STR_ATTRACT_TAP), uix_rect(0, 0, ui->lw, ui->lh), 1, 0);
}

void uix_draw_home(ui_t *ui, const flow_state_t *s)
{
    const catalog_t *cat = s->cat;
    int m = uix_px(ui, MARGIN);
    /* No back and no home here (issue 15 item 9): home is where both lead,
     * and back left for the attract screen, ending the visit's elder mode
     * and language. The station's name has the whole width. */
    int tx = m + uix_px(ui, 8), tw = ui->lw - tx - m;
    const char *name = cs(s, &cat->station_name);
    int title_px = uix_fit_px(ui, name, uix_font(ui, 64), 1, tw, 70);
    int sub_px = uix_font(ui, 38);
    int title_h = uix_text_height(ui, name, title_px, 1, tw, 2);
    int sub_h = uix_text_height(ui, tr(ui, s, STR_HOME_TITLE), sub_px, 0, tw, 1);
    int vpad = uix_px(ui, ui->landscape ? 28 : 56);
    int hh = vpad + title_h + uix_px(ui, 10) + sub_h + vpad;
    uix_fill(ui, uix_rect(0, 0, ui->lw, hh), ui->th.accent, 0);
    int y = vpad;
    y += uix_text(ui, name, title_px, 1, ui->th.on_accent, tx, y, tw, UI_ALIGN_LEFT, 2);
    uix_text(ui, tr(ui, s, STR_HOME_TITLE), sub_px, 0, ui->th.on_accent, tx, y + uix_px(ui, 10), tw,
             UI_ALIGN_LEFT, 1);

    /* Tools row at the bottom, then the category grid fills what is left. */
    int tools_h = uix_px(ui, 150);
    int tools_y = ui->lh - m - tools_h;
    int cols = ui->landscape ? 3 : 2;
    int n = cat->n_categories;
    int rows = (n + cols - 1) / cols;
    int gap = uix_px(ui, 32);
    int grid_top = hh + m, grid_bottom = tools_y - m;
    if (s->bookings_off)
        grid_top += uix_notice(ui, tr(ui, s, STR_BOOKINGS_OFF), 0, m, hh + m, ui->lw - 2 * m) + m;
    int tile_w = (ui->lw - 2 * m - (cols - 1) * gap) / cols;
    int tile_h = rows ? (grid_bottom - grid_top - (rows - 1) * gap) / rows : 0;
    int max_h = (int)(uix_px(ui, 330) * ui->th.font);
    if (tile_h > max_h) {
        /* Fewer categories than room: keep the tiles a sane size and the
         * grid in the middle of the space. */
        tile_h = max_h;
        grid_top += (grid_bottom - grid_top - rows * tile_h - (rows - 1) * gap) / 2;
    }
    for (int i = 0; i < n; i++) {
        const catalog_category_t *c = &cat->categories[i];
        SDL_Rect r = uix_rect(m + (i % cols) * (tile_w + gap),
                              grid_top + (i / cols) * (tile_h + gap), tile_w, tile_h);
        char id[80];
        snprintf(id, sizeof id, "category:%s", c->id);
        uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
        uix_frame(ui, r, look.fill, look.edge, uix_px(ui, 2), uix_px(ui, 24));
        uix_fill(ui, uix_rect(r.x, r.y + uix_px(ui, 24), uix_px(ui, 10), r.h - uix_px(ui, 48)),
                 look.accent, 0);
        int pad = uix_px(ui, 40), iw = r.w - 2 * pad;
        int npx = uix_fit_px(ui, cs(s, &c->name), uix_font(ui, 60), 1, iw, 70);
        int spx = uix_font(ui, 34);
        int h1 = uix_text_height(ui, cs(s, &c->name), npx, 1, iw, 2);
        /* As many summary lines as the tile holds (large text may leave
         * room for one, or none: the name always shows). */
        int line_h = uix_text_height(ui, "社", spx, 0, 0, 1);
        int room = r.h - 2 * uix_px(ui, 16) - h1 - uix_px(ui, 12);
        int lines = room >= 2 * line_h ? 2 : room >= line_h ? 1 : 0;
        int h2 = lines ? uix_text_height(ui, cs(s, &c->summary), spx, 0, iw, lines) : 0;
        int ty = r.y + (r.h - h1 - h2 - (lines ? uix_px(ui, 12) : 0)) / 2;
        ty += uix_text(ui, cs(s, &c->name), npx, 1, look.text, r.x + pad, ty, iw, UI_ALIGN_LEFT, 2);
        if (lines)
            uix_text(ui, cs(s, &c->summary), spx, 0, look.muted, r.x + pad, ty + uix_px(ui, 12), iw,
                     UI_ALIGN_LEFT, lines);
        uix_widget(ui, id, cs(s, &c->name), r, 1, 0);
    }
    static const struct {
        const char *id;
        str_id_t label;
    } tools[] = {{"lookup", STR_MY_BOOKINGS},
                 {"checkin", STR_CHECKIN},
                 {"elder", STR_ELDER_OFF},
                 {"lang", STR_LANG_SWITCH}};
    int tw4 = (ui->lw - 2 * m - 3 * gap) / 4;
    for (int i = 0; i < 4; i++) {
        str_id_t label = tools[i].label;
        if (label == STR_ELDER_OFF && s->elder)
            label = STR_ELDER_ON;
        uix_button(ui, tools[i].id, tr(ui, s, label),
                   uix_rect(m + i * (tw4 + gap), tools_y, tw4, tools_h),
                   i < 2 ? UIX_PRIMARY : UIX_SECONDARY, 1, uix_font(ui, 42), 0);
    }
}

/* ---- browsing ------------------------------------------------------------- */

void uix_draw_category(ui_t *ui, const flow_state_t *s)
{
    const catalog_category_t *c = &s->cat->categories[s->category];
    int top = uix_header(ui, s, cs(s, &c->name));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    y += uix_text(ui, tr(ui, s, STR_SERVICES_IN), uix_font(ui, 40), 1, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 24);
    for (int i = 0; i < s->cat->n_services; i++) {
        const catalog_service_t *sv = &s->cat->services[i];
        if (sv->category != s->category)
            continue;
        char id[80];
        snprintf(id, sizeof id, "service:%s", sv->id);
        int pad = uix_px(ui, 36), iw = w - 2 * pad - uix_px(ui, 60);
        int npx = uix_font(ui, 50), spx = uix_font(ui, 36);
        const char *sum = cs(s, &sv->summary);
        int h1 = uix_text_height(ui, cs(s, &sv->name), npx, 1, iw, 2);
        int h2 = sum[0] ? uix_text_height(ui, sum, spx, 0, iw, 2) : 0;
        int h = h1 + h2 + 2 * pad + (h2 ? uix_px(ui, 10) : 0);
        if (h < uix_px(ui, 150))
            h = uix_px(ui, 150);
        SDL_Rect r = uix_rect(x, y, w, h);
        uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
        uix_frame(ui, r, look.fill, look.edge, uix_px(ui, 2), uix_px(ui, 20));
        int ty = y + (h - h1 - h2 - (h2 ? uix_px(ui, 10) : 0)) / 2;
        ty += uix_text(ui, cs(s, &sv->name), npx, 1, look.text, x + pad, ty, iw, UI_ALIGN_LEFT, 2);
        if (h2)
            uix_text(ui, sum, spx, 0, look.muted, x + pad, ty + uix_px(ui, 10), iw, UI_ALIGN_LEFT,
                     2);
        int ah = uix_text_height(ui, "›", uix_font(ui, 72), 1, 0, 1);
        uix_text(ui, "›", uix_font(ui, 72), 1, look.accent, x + w - pad - uix_px(ui, 30),
                 y + (h - ah) / 2, 0, UI_ALIGN_LEFT, 1);
        uix_widget(ui, id, cs(s, &sv->name), r, 1, 1);
        y += h + uix_px(ui, 24);
    }
    uix_body_end(ui, y);
}

static int section(ui_t *ui, const char *label, const char *text, int x, int y, int w)
{
    if (!text || !text[0])
        return y;
    y += uix_text(ui, label, uix_font(ui, 36), 1, ui->th.accent, x, y, w, UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 8);
    y += uix_text(ui, text, uix_font(ui, 42), 0, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0);
    return y + uix_px(ui, 36);
}

void uix_draw_service(ui_t *ui, const flow_state_t *s)
{
    const catalog_service_t *sv = service(s);
    int top = uix_header(ui, s, cs(s, &sv->name));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    char dur[64];
    str_format_int(STR_MINUTES, s->lang_en, sv->duration, dur, sizeof dur);
    y = section(ui, tr(ui, s, STR_ABOUT), cs(s, &sv->description), x, y, w);
    y = section(ui, tr(ui, s, STR_AUDIENCE), cs(s, &sv->audience), x, y, w);
    y = section(ui, tr(ui, s, STR_LOCATION), cs(s, &sv->location), x, y, w);
    y = section(ui, tr(ui, s, STR_BRING), cs(s, &sv->bring), x, y, w);
    y = section(ui, tr(ui, s, STR_DURATION), dur, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "book", tr(ui, s, STR_BOOK), uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1,
               uix_font(ui, 48), 0);
}

/* A day's availability: DAY_OPEN when one of its sessions has seats,
 * DAY_FULL when it has sessions but none can be booked, DAY_NONE when
 * nothing is scheduled. */
enum { DAY_NONE, DAY_FULL, DAY_OPEN };
static int day_state(const flow_state_t *s, dt_date_t d)
{
    int st = DAY_NONE;
    for (int i = 0; i < s->n_sessions; i++) {
        if (dt_days(s->sessions[i].date) != dt_days(d))
            continue;
        if (flow_slot(s, &s->sessions[i]) == FLOW_SLOT_OPEN)
            return DAY_OPEN;
        st = DAY_FULL;
    }
    return st;
}

/* One line of a date chip, set at 112% of its size rather than the
 * theme's line pitch (150% in elder mode), so that three lines keep the
 * chips, and the sessions under them, within the screen: the text is
 * drawn centred on the tighter line. Returns the advance. */
static int chip_line(ui_t *ui, const char *t, int px, int bold, SDL_Color c, SDL_Rect r, int y)
{
    int adv = px * 112 / 100;
    int pitch = uix_text_height(ui, t, px, bold, 0, 1);
    uix_text(ui, t, px, bold, c, r.x, y - (pitch - adv) / 2, r.w, UI_ALIGN_CENTER, 1);
    return adv;
}

void uix_draw_slots(ui_t *ui, const flow_state_t *s)
{
    int horizon = s->rules.horizon_days;
    const catalog_service_t *sv = service(s);
    int top = uix_header(ui, s, cs(s, &sv->name));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    if (s->notice == FLOW_NOTICE_STORE_ERROR) {
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + uix_px(ui, 24);
    }
    if (s->bookings_off)
        y += uix_notice(ui, tr(ui, s, STR_BOOKINGS_OFF), 0, x, y, w) + uix_px(ui, 24);
    if (!s->sessions_loaded) {
        y += uix_text(ui, tr(ui, s, STR_LOADING), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                      UI_ALIGN_LEFT, 1);
        uix_body_end(ui, y);
        return;
    }
    if (s->n_sessions == 0) {
        y += uix_notice(ui, tr(ui, s, STR_NO_SCHEDULE), 0, x, y, w);
        uix_body_end(ui, y);
        return;
    }
    y += uix_text(ui, tr(ui, s, STR_CHOOSE_DATE), uix_font(ui, 40), 1, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 20);
    int per_row = 7; /* a week a row; chips stay wider than a finger */
    if (horizon < per_row)
        per_row = horizon;
    int gap = uix_px(ui, 12);
    int cw = (w - (per_row - 1) * gap) / per_row, cpad = uix_px(ui, 8);
    /* Three lines a chip: the weekday, the date, and in words whether it
     * has seats (issue 15 item 8: a strike line read as a fraction bar). */
    int px1 = uix_font(ui, 38), px2 = uix_font(ui, 30), px3 = uix_font(ui, 28);
    int ch = 2 * cpad + (px1 + px2 + px3) * 112 / 100;
    if (ch < uix_px(ui, 150))
        ch = uix_px(ui, 150);
    for (int i = 0; i < horizon; i++) {
        dt_date_t d = dt_from_days(dt_days(s->today) + i);
        SDL_Rect r =
            uix_rect(x + (i % per_row) * (cw + gap), y + (i / per_row) * (ch + gap), cw, ch);
        int sel = dt_days(d) == dt_days(s->date);
        int st = day_state(s, d);
        char id[32], d1[32], d2[32], d3[32], label[96], ds[11];
        dt_format_date(d, ds);
        snprintf(id, sizeof id, "date:%s", ds);
        snprintf(d1, sizeof d1, "%d/%d", d.m, d.d);
        snprintf(d2, sizeof d2, "%s",
                 i == 0   ? tr(ui, s, STR_TODAY)
                 : i == 1 ? tr(ui, s, STR_TOMORROW)
                          : str_get((str_id_t)(STR_WEEKDAY_1 + dt_weekday(d) - 1), s->lang_en));
        snprintf(d3, sizeof d3, "%s", tr(ui, s, st == DAY_OPEN ? STR_AVAILABLE : STR_FULL));
        snprintf(label, sizeof label, "%s %s %s", d1, d2, d3);
        /* A day without seats is drawn lighter than one with seats, in
         * every theme: a flat grey fill without an edge and regular
         * weight, where an open day has the accent edge and bold type. */
        SDL_Color fg;
        int bold = 1;
        if (sel) {
            uix_fill(ui, r, ui->th.accent, uix_px(ui, 16));
            fg = ui->th.on_accent;
        } else if (st == DAY_OPEN) {
            uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
            uix_frame(ui, r, look.fill, look.accent, uix_px(ui, 3), uix_px(ui, 16));
            fg = look.text;
        } else {
            uix_fill(ui, r, ui->th.disabled, uix_px(ui, 16));
            fg = ui->th.on_disabled;
            bold = 0;
        }
        int in = cw - 2 * uix_px(ui, 4);
        int f1 = uix_fit_px(ui, d1, px1, bold, in, 70);
        int f2 = uix_fit_px(ui, d2, px2, 0, in, 70);
        int f3 = uix_fit_px(ui, d3, px3, bold, in, 60);
        int ty = r.y + (r.h - (f1 + f2 + f3) * 112 / 100) / 2;
        ty += chip_line(ui, d2, f2, 0, fg, r, ty);
        ty += chip_line(ui, d1, f1, bold, fg, r, ty);
        chip_line(ui, d3, f3, bold, fg, r, ty);
        /* A day with sessions but no seats can still be opened: its
         * sessions say why. */
        uix_widget(ui, id, label, r, st != DAY_NONE, 1);
    }
    y += ((horizon + per_row - 1) / per_row) * (ch + gap) + uix_px(ui, 36);

    char day[64];
    format_date(s, s->date, day, sizeof day);
    char head[128];
    snprintf(head, sizeof head, "%s · %s", tr(ui, s, STR_CHOOSE_TIME), day);
    y += uix_text(ui, head, uix_font(ui, 40), 1, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 20);
    int any = 0;
    for (int i = 0; i < s->n_sessions; i++) {
        const flow_session_t *se = &s->sessions[i];
        if (dt_days(se->date) != dt_days(s->date))
            continue;
        any = 1;
        flow_slot_t st = flow_slot(s, se);
        char id[80], span[32], right[64], label[128];
        snprintf(id, sizeof id, "session:%s", se->id);
        uix_format_span(se->start, se->end, span, sizeof span);
        if (st == FLOW_SLOT_OPEN)
            str_format_int(STR_SEATS_LEFT, s->lang_en, se->remaining, right, sizeof right);
        else
            snprintf(right, sizeof right, "%s",
                     tr(ui, s,
                        st == FLOW_SLOT_FULL       ? STR_FULL
                        : st == FLOW_SLOT_TOO_LATE ? STR_TOO_LATE
                                                   : STR_CLOSED));
        snprintf(label, sizeof label, "%s %s", span, right);
        int h = uix_px(ui, 140);
        SDL_Rect r = uix_rect(x, y, w, h);
        int open = st == FLOW_SLOT_OPEN;
        uix_look_t look = uix_card_look(ui, open && uix_is_pressed(ui, id));
        /* As with the days: one without seats is lighter, never heavier. */
        if (open)
            uix_frame(ui, r, look.fill, look.accent, uix_px(ui, 3), uix_px(ui, 20));
        else
            uix_fill(ui, r, ui->th.disabled, uix_px(ui, 20));
        int pad = uix_px(ui, 40);
        int px = uix_font(ui, 52), rpx = uix_font(ui, 42);
        int th = uix_text_height(ui, span, px, open, 0, 1);
        uix_text(ui, span, px, open, open ? look.text : ui->th.on_disabled, x + pad,
                 y + (h - th) / 2, 0, UI_ALIGN_LEFT, 1);
        int rw = uix_text_width(ui, right, rpx, open);
        int rh = uix_text_height(ui, right, rpx, open, 0, 1);
        uix_text(ui, right, rpx, open, open ? look.accent : ui->th.on_disabled, x + w - pad - rw,
                 y + (h - rh) / 2, 0, UI_ALIGN_LEFT, 1);
        uix_widget(ui, id, label, r, open, 1);
        y += h + uix_px(ui, 20);
    }
    if (!any)
        y += uix_notice(ui, tr(ui, s, STR_NO_SESSIONS_DAY), 0, x, y, w);
    uix_body_end(ui, y);
}

/* The phone and lookup keypads. The number sits directly above the keypad
 * in both orientations (it was 650 px away); the hint, and what is wrong
 * with the number as soon as it is wrong, go above it in portrait and
 * beside it in landscape. Elder mode grows the keys and the digits. */
static void draw_keypad_screen(ui_t *ui, const flow_state_t *s, str_id_t title, str_id_t hint)
{
    int top = uix_header(ui, s, tr(ui, s, title));
    int elder = ui->th.font > 1.0f;
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, 24);
    int box_h = uix_px(ui, elder ? 190 : 160);
    int key_h = uix_px(ui, elder ? 200 : 170), key_gap = uix_px(ui, 20);
    SDL_Rect info, pad;
    if (ui->landscape) {
        /* Elder mode gives the keypad more of the width. */
        int pw = (ui->lw - 3 * m) * (elder ? 58 : 50) / 100;
        info = uix_rect(m, top + m, ui->lw - 3 * m - pw, ui->lh - top - 2 * m);
        pad = uix_rect(2 * m + info.w, top + m + box_h + gap, pw,
                       ui->lh - top - 2 * m - box_h - gap);
    } else {
        int ph = 4 * key_h + 3 * key_gap;
        pad = uix_rect(m, ui->lh - m - ph, ui->lw - 2 * m, ph);
        info = uix_rect(m, top + m, ui->lw - 2 * m, pad.y - 2 * gap - box_h - top - m);
    }
    SDL_Rect boxes = uix_rect(pad.x, pad.y - gap - box_h, pad.w, box_h);
    int y = info.y;
    y += uix_text(ui, tr(ui, s, hint), uix_font(ui, 40), 0, ui->th.muted, info.x, y, info.w,
                  UI_ALIGN_LEFT, 2);
    rules_prefix_t bad = rules_phone_prefix(s->digits);
    int msg = bad == RULES_PREFIX_FIRST             ? STR_PHONE_FIRST_DIGIT
              : bad == RULES_PREFIX_SECOND          ? STR_PHONE_SECOND_DIGIT
              : s->notice == FLOW_NOTICE_PHONE_BAD  ? STR_PHONE_BAD
              : s->notice == FLOW_NOTICE_STORE_ERROR ? STR_STORE_ERROR
                                                     : -1;
    if (msg >= 0) {
        const char *text = tr(ui, s, (str_id_t)msg);
        /* In portrait the notice sits right on the number it is about. */
        int ny = ui->landscape ? y + gap
                               : info.y + info.h - uix_notice_height(ui, text, 0, info.w);
        uix_notice(ui, text, 0, info.x, ny > y ? ny : y, info.w);
    }
    uix_phone_boxes(ui, s->digits, s->n_digits, boxes, bad != RULES_PREFIX_OK);
    uix_phone_keypad(ui, pad, s->n_digits, s->n_digits == KIOSK_PHONE_LEN, tr(ui, s, STR_DELETE),
                     tr(ui, s, STR_CLEAR), tr(ui, s, STR_NEXT));
}

void uix_draw_phone(ui_t *ui, const flow_state_t *s)
{
    draw_keypad_screen(ui, s, STR_PHONE_TITLE, STR_PHONE_HINT);
}

void uix_draw_lookup(ui_t *ui, const flow_state_t *s)
{
    draw_keypad_screen(ui, s, STR_LOOKUP_TITLE, STR_LOOKUP_HINT);
}

static const char *session_place(const flow_state_t *s)
{
    const catalog_service_t *sv = service(s);
    return sv ? cs(s, &sv->location) : "";
}

static void session_when(const flow_state_t *s, char *out, size_t n)
{
    char day[64], span[32];
    const flow_session_t *se = &s->sessions[s->session];
    format_date(s, se->date, day, sizeof day);
    uix_format_span(se->start, se->end, span, sizeof span);
    snprintf(out, n, "%s %s", day, span);
}

void uix_draw_confirm(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CONFIRM_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    if (s->notice == FLOW_NOTICE_STORE_ERROR)
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + uix_px(ui, 24);
    int pad = uix_px(ui, 40);
    char when[128], masked[KIOSK_PHONE_SIZE];
    session_when(s, when, sizeof when);
    rules_mask_phone(s->digits, masked);
    int cy = y + pad;
    int card_top = y;
    /* Measure first so the card is drawn under its rows. */
    int iw = w - 2 * pad;
    int rows_h = 0;
    {
        int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
        const char *vals[] = {cs(s, &service(s)->name), when, session_place(s), masked};
        for (int i = 0; i < 4; i++)
            rows_h +=
                uix_text_height(ui, vals[i], uix_font(ui, 44), 1, iw - lw, 0) + uix_px(ui, 28);
    }
    int party_h = uix_px(ui, 130);
    uix_frame(ui, uix_rect(x, card_top, w, rows_h + party_h + 2 * pad + uix_px(ui, 8)), ui->th.card,
              ui->th.border, uix_px(ui, 2), uix_px(ui, 24));
    cy = uix_summary_row(ui, tr(ui, s, STR_SERVICE), cs(s, &service(s)->name), x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_TIME), when, x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_LOCATION), session_place(s), x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_PHONE), masked, x + pad, cy, iw);
    /* Party size: − n + */
    uix_text(ui, tr(ui, s, STR_PARTY), uix_font(ui, 40), 0, ui->th.muted, x + pad,
             cy + (party_h - uix_text_height(ui, "人", uix_font(ui, 40), 0, 0, 1)) / 2, 0,
             UI_ALIGN_LEFT, 1);
    int bx = x + pad + uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int bs = party_h;
    int max = s->rules.max_party;
    if (s->session >= 0 && s->sessions[s->session].remaining < max)
        max = s->sessions[s->session].remaining;
    uix_button(ui, "party-dec", "−", uix_rect(bx, cy, bs, bs), UIX_SECONDARY, s->party > 1,
               uix_font(ui, 64), 1);
    char n[32];
    str_format_int(STR_PERSONS, s->lang_en, s->party, n, sizeof n);
    int nw = uix_px(ui, 180);
    int nh = uix_text_height(ui, n, uix_font(ui, 56), 1, nw, 1);
    uix_text(ui, n, uix_font(ui, 56), 1, ui->th.text, bx + bs, cy + (bs - nh) / 2, nw,
             UI_ALIGN_CENTER, 1);
    uix_button(ui, "party-inc", "+", uix_rect(bx + bs + nw, cy, bs, bs), UIX_SECONDARY,
               s->party < max, uix_font(ui, 64), 1);
    y = card_top + rows_h + party_h + 2 * pad + uix_px(ui, 8);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "confirm", tr(ui, s, STR_CONFIRM), uix_action_rect(ui, 0, 1), UIX_PRIMARY,
               !s->busy, uix_font(ui, 52), 0);
}

/* At least 8 px a module at the reference size, and never less than 8
 * real pixels a module (scanners need crisp modules). */
static int qr_module(const ui_t *ui)
{
    int m = uix_px(ui, ui->landscape ? 8 : 10);
    return m < 8 ? 8 : m;
}

void uix_draw_ticket(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_TICKET_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    if (s->print == FLOW_PRINT_FAILED || s->print == FLOW_PRINT_NONE)
        y += uix_notice(ui, tr(ui, s, STR_PRINT_FALLBACK), 0, x, y, w) + uix_px(ui, 28);
    else
        y += uix_notice(ui, tr(ui, s, s->print == FLOW_PRINT_OK ? STR_PRINT_OK : STR_TICKET_SAVE),
                        1, x, y, w) +
             uix_px(ui, 28);
    int pad = uix_px(ui, 40);
    char code[KIOSK_TICKET_SHOWN_SIZE], when[128];
    ticket_code_format(s->ticket, code);
    session_when(s, when, sizeof when);
    /* The code block (code and QR) sits above the details in portrait and
     * beside them in landscape. */
    int iw = w - 2 * pad;
    int side = ui->landscape;
    int cw = side ? iw * 40 / 100 : iw; /* code block width */
    int dw = side ? iw - cw - pad : iw; /* details width */
    int cpx = uix_fit_px(ui, code, uix_font(ui, 110), 1, cw, 60);
    int ch = uix_text_height(ui, code, cpx, 1, cw, 1);
    int module = qr_module(ui);
    int qside = uix_qr_modules(ui, s->payload) * module;
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int rows_h = 0;
    char persons[32];
    str_format_int(STR_PERSONS, s->lang_en, s->party, persons, sizeof persons);
    const char *vals[] = {cs(s, &service(s)->name), when, session_place(s), persons};
    for (int i = 0; i < 4; i++)
        rows_h += uix_text_height(ui, vals[i], uix_font(ui, 44), 1, dw - lw, 0) + uix_px(ui, 28);
    int lh = uix_text_height(ui, tr(ui, s, STR_TICKET_CODE), uix_font(ui, 40), 0, cw, 1);
    int sh = uix_text_height(ui, tr(ui, s, STR_SCAN_HINT), uix_font(ui, 34), 0, cw, 2);
    int code_h = lh + uix_px(ui, 8) + ch + uix_px(ui, 16) + qside + sh;
    int inner_h = side ? (code_h > rows_h ? code_h : rows_h) : code_h + uix_px(ui, 36) + rows_h;
    int card_h = pad + inner_h + pad;
    uix_frame(ui, uix_rect(x, y, w, card_h), ui->th.card, ui->th.accent, uix_px(ui, 3),
              uix_px(ui, 24));
    int cy = y + pad + (side ? (inner_h - code_h) / 2 : 0);
    cy += uix_text(ui, tr(ui, s, STR_TICKET_CODE), uix_font(ui, 40), 0, ui->th.muted, x + pad, cy,
                   cw, UI_ALIGN_CENTER, 1);
    cy += uix_px(ui, 8);
    cy += uix_text(ui, code, cpx, 1, ui->th.accent, x + pad, cy, cw, UI_ALIGN_CENTER, 1);
    cy += uix_px(ui, 16);
    cy += uix_qr(ui, s->payload, x + pad + (cw - qside) / 2, cy, module);
    cy += uix_text(ui, tr(ui, s, STR_SCAN_HINT), uix_font(ui, 34), 0, ui->th.muted, x + pad, cy, cw,
                   UI_ALIGN_CENTER, 2);
    int dx = side ? x + pad + cw + pad : x + pad;
    cy = side ? y + pad + (inner_h - rows_h) / 2 : cy + uix_px(ui, 36);
    cy = uix_summary_row(ui, tr(ui, s, STR_SERVICE), vals[0], dx, cy, dw);
    cy = uix_summary_row(ui, tr(ui, s, STR_TIME), when, dx, cy, dw);
    cy = uix_summary_row(ui, tr(ui, s, STR_LOCATION), vals[2], dx, cy, dw);
    uix_summary_row(ui, tr(ui, s, STR_PARTY), vals[3], dx, cy, dw);
    y += card_h + uix_px(ui, 32);
    y += uix_text(ui, tr(ui, s, STR_TICKET_HINT), uix_font(ui, 40), 0, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "print", tr(ui, s, STR_PRINT), uix_action_rect(ui, 0, 2), UIX_SECONDARY, 1,
               uix_font(ui, 48), 0);
    uix_button(ui, "done", tr(ui, s, STR_DONE), uix_action_rect(ui, 1, 2), UIX_PRIMARY, 1,
               uix_font(ui, 48), 0);
}

/* A limit of one visit or of this kiosk: no fault of the resident's, so
 * the screen says what happened, that nothing booked is lost, and who
 * helps; the one way on is home. */
static void draw_limit(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_LIMIT_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    y += uix_notice(ui, tr(ui, s, s->refusal == RULES_BURST ? STR_LIMIT_BURST : STR_LIMIT_VISIT), 0,
                    x, y, w);
    y += uix_px(ui, 24);
    y += uix_text(ui, tr(ui, s, STR_LIMIT_KEPT), uix_font(ui, 44), 1, ui->th.text, x, y, w,
                  UI_ALIGN_LEFT, 0);
    y += uix_px(ui, 24);
    y += uix_text(ui, tr(ui, s, STR_LIMIT_ASK_STAFF), uix_font(ui, 44), 0, ui->th.text, x, y, w,
                  UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "done", tr(ui, s, STR_LIMIT_OK), uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1,
               uix_font(ui, 46), 0);
}

void uix_draw_refused(ui_t *ui, const flow_state_t *s)
{
    if (s->refusal == RULES_VISIT_LIMIT || s->refusal == RULES_BURST) {
        draw_limit(ui, s);
        return;
    }
    int top = uix_header(ui, s, tr(ui, s, STR_REFUSED_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    y += uix_notice(ui, rules_result_text(s->refusal, s->lang_en), 0, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    int with_lookup = s->refusal == RULES_DUPLICATE || s->refusal == RULES_LIMIT;
    uix_button(ui, "slots", tr(ui, s, STR_OTHER_TIME), uix_action_rect(ui, 0, with_lookup ? 2 : 1),
               UIX_PRIMARY, 1, uix_font(ui, 46), 0);
    if (with_lookup)
        uix_button(ui, "lookup", tr(ui, s, STR_MY_BOOKINGS), uix_action_rect(ui, 1, 2),
                   UIX_SECONDARY, 1, uix_font(ui, 46), 0);
}

/* ---- my bookings ------------------------------------------------------------ */

static const char *status_text(const flow_state_t *s, const flow_booking_t *b)
{
    rules_status_t st = b->status;
    if (st == RULES_CANCELLED && b->by_staff)
        return str_get(STR_STATUS_CANCELLED_BY_STAFF, s->lang_en);
    static const str_id_t ids[] = {STR_STATUS_BOOKED, STR_STATUS_CHECKED_IN, STR_STATUS_CANCELLED,
                                   STR_STATUS_NO_SHOW};
    return str_get(ids[st < RULES_STATUS_COUNT ? st : 0], s->lang_en);
}

static const char *booking_name(const flow_state_t *s, const flow_booking_t *b)
{
    const catalog_service_t *sv = catalog_find_service(s->cat, b->service_id);
    return sv ? cs(s, &sv->name) : b->service_name;
}

static void booking_when(const flow_state_t *s, const flow_booking_t *b, char *out, size_t n)
{
    char day[64], t[6];
    format_date(s, b->date, day, sizeof day);
    dt_format_hhmm(b->start, t);
    snprintf(out, n, "%s %s", day, t);
}

void uix_draw_bookings(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_BOOKINGS_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    char masked[KIOSK_PHONE_SIZE];
    rules_mask_phone(s->digits, masked);
    y += uix_text(ui, masked, uix_font(ui, 44), 1, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 24);
    if (s->notice == FLOW_NOTICE_CANCELLED)
        y += uix_notice(ui, tr(ui, s, STR_CANCELLED_OK), 1, x, y, w) + uix_px(ui, 24);
    else if (s->notice == FLOW_NOTICE_NOT_CANCELLABLE)
        y += uix_notice(ui, tr(ui, s, STR_NOT_CANCELLABLE), 0, x, y, w) + uix_px(ui, 24);
    else if (s->notice == FLOW_NOTICE_STORE_ERROR)
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + uix_px(ui, 24);
    if (s->busy) {
        y += uix_text(ui, tr(ui, s, STR_LOADING), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                      UI_ALIGN_LEFT, 1);
    } else if (s->n_bookings == 0 && s->notice != FLOW_NOTICE_STORE_ERROR) {
        y += uix_notice(ui, tr(ui, s, STR_BOOKINGS_NONE), 0, x, y, w);
    }
    int pad = uix_px(ui, 36);
    for (int i = 0; i < s->n_bookings; i++) {
        const flow_booking_t *b = &s->bookings[i];
        char when[96], line2[200], id[32];
        booking_when(s, b, when, sizeof when);
        char persons[32];
        str_format_int(STR_PERSONS, s->lang_en, b->party, persons, sizeof persons);
        snprintf(line2, sizeof line2, "%s\n%s %s  |  %s", when, tr(ui, s, STR_PARTY), persons,
                 status_text(s, b));
        int can = b->status == RULES_BOOKED;
        int bw = can ? uix_px(ui, 260) : 0;
        int iw = w - 2 * pad - bw - (can ? pad : 0);
        int h1 = uix_text_height(ui, booking_name(s, b), uix_font(ui, 46), 1, iw, 2);
        int h2 = uix_text_height(ui, line2, uix_font(ui, 38), 0, iw, 2);
        int h = pad * 2 + h1 + uix_px(ui, 10) + h2;
        if (h < uix_px(ui, 180))
            h = uix_px(ui, 180);
        uix_frame(ui, uix_rect(x, y, w, h), ui->th.card, ui->th.border, uix_px(ui, 2),
                  uix_px(ui, 20));
        int ty = y + (h - h1 - h2 - uix_px(ui, 10)) / 2;
        ty += uix_text(ui, booking_name(s, b), uix_font(ui, 46), 1, ui->th.text, x + pad, ty, iw,
                       UI_ALIGN_LEFT, 2);
        uix_text(ui, line2, uix_font(ui, 38), 0, ui->th.muted, x + pad, ty + uix_px(ui, 10), iw,
                 UI_ALIGN_LEFT, 2);
        if (can) {
            snprintf(id, sizeof id, "cancel:%s", b->ticket);
            uix_button(
                ui, id, tr(ui, s, STR_CANCEL),
                uix_rect(x + w - pad - bw, y + (h - uix_px(ui, 112)) / 2, bw, uix_px(ui, 112)),
                UIX_DANGER, 1, uix_font(ui, 40), 1);
        }
        y += h + uix_px(ui, 24);
    }
    uix_body_end(ui, y);
}

void uix_draw_cancel(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CANCEL_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    if (s->booking >= 0) {
        const flow_booking_t *b = &s->bookings[s->booking];
        char when[96], code[KIOSK_TICKET_SHOWN_SIZE];
        booking_when(s, b, when, sizeof when);
        ticket_code_format(b->ticket, code);
        int pad = uix_px(ui, 40);
        int card_top = y;
        y += pad;
        y = uix_summary_row(ui, tr(ui, s, STR_SERVICE), booking_name(s, b), x + pad, y,
                            w - 2 * pad);
        y = uix_summary_row(ui, tr(ui, s, STR_TIME), when, x + pad, y, w - 2 * pad);
        y = uix_summary_row(ui, tr(ui, s, STR_TICKET_CODE), code, x + pad, y, w - 2 * pad);
        /* The card goes under the rows: draw its frame as an outline now. */
        SDL_Rect card = uix_rect(x, card_top, w, y - card_top + pad - uix_px(ui, 28));
        SDL_SetRenderDrawColor(ui->r, ui->th.border.r, ui->th.border.g, ui->th.border.b, 255);
        SDL_RenderDrawRect(ui->r, &card);
        y = card.y + card.h + uix_px(ui, 40);
    }
    y += uix_text(ui, tr(ui, s, STR_CANCEL_QUESTION), uix_font(ui, 52), 1, ui->th.text, x, y, w,
                  UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "keep", tr(ui, s, STR_CANCEL_NO), uix_action_rect(ui, 0, 2), UIX_SECONDARY, 1,
               uix_font(ui, 46), 0);
    uix_button(ui, "confirm", tr(ui, s, STR_CANCEL_YES), uix_action_rect(ui, 1, 2), UIX_DANGER,
               !s->busy, uix_font(ui, 46), 0);
}

/* The check-in keypad: the ticket code's alphabet, eight keys a row. */
static void code_keypad(ui_t *ui, const flow_state_t *s, SDL_Rect area)
{
    static const char keys[] = KIOSK_TICKET_ALPHABET;
    int gap = uix_px(ui, 12), cols = 8, rows = 5;
    int kw = (area.w - (cols - 1) * gap) / cols, kh = (area.h - (rows - 1) * gap) / rows;
    for (int i = 0; keys[i]; i++) {
        char id[8], label[2] = {keys[i], '\0'};
        snprintf(id, sizeof id, "key:%c", keys[i]);
        uix_button(
            ui, id, label,
            uix_rect(area.x + (i % cols) * (kw + gap), area.y + (i / cols) * (kh + gap), kw, kh),
            UIX_SECONDARY, s->n_code < 8, uix_font(ui, 48), 0);
    }
    int by = area.y + 4 * (kh + gap), half = (area.w - gap) / 2;
    uix_button(ui, "key:del", tr(ui, s, STR_DELETE), uix_rect(area.x, by, half, kh), UIX_SECONDARY,
               s->n_code > 0, uix_font(ui, 44), 0);
    uix_button(ui, "next", tr(ui, s, STR_CHECKIN_DO), uix_rect(area.x + half + gap, by, half, kh),
               UIX_PRIMARY, s->n_code == 8, uix_font(ui, 44), 0);
}

void uix_draw_checkin(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CHECKIN_TITLE));
    SDL_Rect info, pad;
    uix_split_keypad(ui, top, 5 * 120 + 4 * 12, &info, &pad);
    int y = info.y;
    y += uix_text(ui, tr(ui, s, STR_CHECKIN_HINT), uix_font(ui, 48), 1, ui->th.text, info.x, y,
                  info.w, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, 16);
    int ah = uix_text_height(ui, "↓", uix_font(ui, 120), 1, info.w, 1);
    uix_text(ui, "↓", uix_font(ui, 120), 1, ui->th.accent, info.x, y, info.w, UI_ALIGN_CENTER, 1);
    y += ah + uix_px(ui, 24);
    y += uix_text(ui, tr(ui, s, STR_CHECKIN_TYPE), uix_font(ui, 40), 0, ui->th.muted, info.x, y,
                  info.w, UI_ALIGN_LEFT, 2);
    y += uix_px(ui, 20);
    char shown[16];
    int k = 0;
    for (int i = 0; i < 8; i++) {
        if (i == 4)
            shown[k++] = '-';
        shown[k++] = i < s->n_code ? s->code[i] : '_';
    }
    shown[k] = '\0';
    SDL_Rect box = uix_rect(info.x, y, info.w, uix_px(ui, 150));
    uix_frame(ui, box, ui->th.card, ui->th.accent, uix_px(ui, 3), uix_px(ui, 20));
    int dh = uix_text_height(ui, shown, uix_font(ui, 80), 1, box.w, 1);
    uix_text(ui, shown, uix_font(ui, 80), 1, ui->th.text, box.x, box.y + (box.h - dh) / 2, box.w,
             UI_ALIGN_CENTER, 1);
    code_keypad(ui, s, pad);
}

void uix_draw_checkin_result(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CHECKIN_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    const flow_booking_t *b = s->checkin_found ? &s->checkin : NULL;
    str_id_t msg = STR_STORE_ERROR;
    switch (s->checkin_result) {
    case RULES_OK:
        msg = STR_CHECKIN_OK;
        break;
    case RULES_BAD_STATE:
        msg = !b                              ? STR_STORE_ERROR
              : b->status == RULES_CHECKED_IN ? STR_CHECKIN_ALREADY
              : b->status == RULES_NO_SHOW    ? STR_CHECKIN_NO_SHOW
                                              : STR_CHECKIN_CANCELLED;
        break;
    case RULES_NOT_TODAY:
        msg = STR_CHECKIN_NOT_TODAY;
        break;
    case RULES_FORGED:
        msg = STR_CHECKIN_FORGED;
        break;
    case RULES_NOT_FOUND:
        msg = STR_CHECKIN_NOT_FOUND;
        break;
    default:
        break;
    }
    y += uix_notice(ui, tr(ui, s, msg), s->checkin_result == RULES_OK, x, y, w) + uix_px(ui, 32);
    if (b) {
        char when[96], code[KIOSK_TICKET_SHOWN_SIZE], persons[32];
        booking_when(s, b, when, sizeof when);
        ticket_code_format(b->ticket, code);
        str_format_int(STR_PERSONS, s->lang_en, b->party, persons, sizeof persons);
        const catalog_service_t *sv = catalog_find_service(s->cat, b->service_id);
        int pad = uix_px(ui, 40), top_y = y;
        y += pad;
        y = uix_summary_row(ui, tr(ui, s, STR_SERVICE), booking_name(s, b), x + pad, y,
                            w - 2 * pad);
        y = uix_summary_row(ui, tr(ui, s, STR_TIME), when, x + pad, y, w - 2 * pad);
        if (sv)
            y = uix_summary_row(ui, tr(ui, s, STR_LOCATION), cs(s, &sv->location), x + pad, y,
                                w - 2 * pad);
        y = uix_summary_row(ui, tr(ui, s, STR_PARTY), persons, x + pad, y, w - 2 * pad);
        y = uix_summary_row(ui, tr(ui, s, STR_TICKET_CODE), code, x + pad, y, w - 2 * pad);
        SDL_Rect card = uix_rect(x, top_y, w, y - top_y + pad - uix_px(ui, 28));
        SDL_SetRenderDrawColor(ui->r, ui->th.border.r, ui->th.border.g, ui->th.border.b, 255);
        SDL_RenderDrawRect(ui->r, &card);
        y = card.y + card.h;
    }
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "done", tr(ui, s, STR_DONE), uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1,
               uix_font(ui, 48), 0);
}

void uix_draw_idle(ui_t *ui, const flow_state_t *s)
{
    /* Modal: the screen below stays visible but cannot be tapped. */
    ui->n_widgets = 0;
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.shade, 0);
    int w = ui->lw - 2 * uix_px(ui, 100);
    if (ui->landscape)
        w = uix_px(ui, 1100);
    int pad = uix_px(ui, 56);
    char msg[160];
    str_format_int(STR_IDLE_COUNTDOWN, s->lang_en, s->countdown_s, msg, sizeof msg);
    int h1 = uix_text_height(ui, tr(ui, s, STR_IDLE_TITLE), uix_font(ui, 64), 1, w - 2 * pad, 0);
    int h2 = uix_text_height(ui, msg, uix_font(ui, 44), 0, w - 2 * pad, 0);
    int bh = uix_px(ui, 140);
    int h = pad + h1 + uix_px(ui, 28) + h2 + uix_px(ui, 48) + bh + pad;
    SDL_Rect card = uix_rect((ui->lw - w) / 2, (ui->lh - h) / 2, w, h);
    uix_fill(ui, card, ui->th.card, uix_px(ui, 28));
    int y = card.y + pad;
    y += uix_text(ui, tr(ui, s, STR_IDLE_TITLE), uix_font(ui, 64), 1, ui->th.text, card.x + pad, y,
                  w - 2 * pad, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, 28);
    y += uix_text(ui, msg, uix_font(ui, 44), 0, ui->th.text, card.x + pad, y, w - 2 * pad,
                  UI_ALIGN_CENTER, 0);
    y += uix_px(ui, 48);
    uix_button(ui, "more-time", tr(ui, s, STR_MORE_TIME),
               uix_rect(card.x + pad, y, w - 2 * pad, bh), UIX_PRIMARY, 1, uix_font(ui, 52), 0);
}

void ui_ticket_describe(const flow_state_t *s, ui_ticket_text_t *b)
{
    memset(b, 0, sizeof *b);
    snprintf(b->station, sizeof b->station, "%s", cs(s, &s->cat->station_name));
    snprintf(b->title, sizeof b->title, "%s", str_get(STR_PRINT_TITLE, s->lang_en));
    if (s->service >= 0)
        snprintf(b->service, sizeof b->service, "%s", cs(s, &service(s)->name));
    if (s->session >= 0 && s->session < s->n_sessions)
        session_when(s, b->when, sizeof b->when);
    snprintf(b->place, sizeof b->place, "%s", session_place(s));
    str_format_int(STR_PERSONS, s->lang_en, s->party, b->party, sizeof b->party);
    ticket_code_format(s->ticket, b->code);
    snprintf(b->payload, sizeof b->payload, "%s", s->payload);
    snprintf(b->hint, sizeof b->hint, "%s", str_get(STR_TICKET_HINT, s->lang_en));
    b->t =
        (ui_ticket_t){.station = b->station,
                      .title = b->title,
                      .service = b->service,
                      .when = b->when,
                      .place = b->place,
                      .party = b->party,
                      .code = b->code,
                      .payload = b->payload,
                      .hint = b->hint,
                      .labels = {str_get(STR_SERVICE, s->lang_en), str_get(STR_TIME, s->lang_en),
                                 str_get(STR_LOCATION, s->lang_en), str_get(STR_PARTY, s->lang_en),
                                 str_get(STR_TICKET_CODE, s->lang_en)}};
}
