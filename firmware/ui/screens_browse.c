/* The resident screens that browse: attract, home, a category, a service
 * and its dates and sessions. Sizes are given for the reference panel
 * (1080x1920 portrait, 1920x1080 landscape) and scaled by uix_px; text
 * sizes by uix_font, which elder mode enlarges. */
#include "screens_int.h"

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
