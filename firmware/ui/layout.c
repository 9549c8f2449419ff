/* The layout kit every screen is drawn with: sizes scaled from the
 * reference panel, the theme, fills, text, QR, widgets and buttons, and the
 * frame parts the resident and the staff screens share (header, scrolling
 * body, action bar, notices, summary rows, keypads). Its own file so that
 * screens_*.c and staff_screens.c both depend on it and not on each other. */
#include <stdio.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/strings.h"
#include "../ticket/qr.h"
#include "ui_internal.h"

SDL_Rect uix_rect(int x, int y, int w, int h)
{
    SDL_Rect r = {x, y, w, h};
    return r;
}

/* Copies src into dst (n bytes), cut, when it must be, before a UTF-8
 * character rather than inside one. */
static void copy_utf8(char *dst, size_t n, const char *src)
{
    size_t k = strlen(src);
    if (k >= n) {
        k = n - 1;
        while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(dst, src, k);
    dst[k] = '\0';
}

void uix_format_span(int start, int end, char *out, size_t n)
{
    char a[6], b[6];
    dt_format_hhmm(start, a);
    dt_format_hhmm(end, b);
    snprintf(out, n, "%s–%s", a, b);
}

/* "2026年12月1日 周二" or "Tue 1 Dec 2026". */
void uix_format_date(int en, dt_date_t d, char *out, size_t n)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const char *wd = str_get((str_id_t)(STR_WEEKDAY_1 + dt_weekday(d) - 1), en);
    if (en)
        snprintf(out, n, "%s %d %s %d", wd, d.d, months[d.m - 1], d.y);
    else
        snprintf(out, n, "%d年%d月%d日 %s", d.y, d.m, d.d, wd);
}

/* ---- scale, theme and drawing primitives -------------------------------- */

int uix_px(const ui_t *ui, int ref)
{
    int v = (int)(ref * ui->s + 0.5f);
    return v < 1 && ref > 0 ? 1 : v;
}

int uix_font(const ui_t *ui, int ref)
{
    return (int)(ref * ui->s * ui->th.font + 0.5f);
}

void uix_set_theme(ui_t *ui, int elder)
{
    uix_theme(elder, &ui->th);
}

uix_look_t uix_card_look(const ui_t *ui, int pressed)
{
    const ui_theme_t *t = &ui->th;
    if (pressed)
        return (uix_look_t){t->press, t->press, t->on_press, t->on_press, t->on_press};
    return (uix_look_t){t->card, t->border, t->text, t->muted, t->accent};
}

int uix_target(const ui_t *ui, int ref)
{
    return uix_px(ui, ui->th.font > 1.0f ? ref * 6 / 5 : ref);
}

void uix_fill(ui_t *ui, SDL_Rect r, SDL_Color c, int radius)
{
    /* Opaque fills without blending: the software renderer blends pixel
     * by pixel even at full alpha, about six times slower than its plain
     * fill, and the cards and buttons cover most of every frame. */
    SDL_SetRenderDrawBlendMode(ui->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ui->r, c.r, c.g, c.b, c.a);
    /* Opaque colours need no blending: SDL's software renderer blends pixel
     * by pixel even at alpha 255, and fills copied straight are several
     * times faster. */
    SDL_SetRenderDrawBlendMode(ui->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius <= 0) {
        SDL_RenderFillRect(ui->r, &r);
        return;
    }
    /* Rounded corners as one span per pixel row of the corner band. */
    SDL_Rect rows[2 * 128 + 1];
    int n = 0;
    if (radius > 128)
        radius = 128;
    for (int i = 0; i < radius; i++) {
        float dy = radius - i - 0.5f;
        float dx = SDL_sqrtf((float)radius * radius - dy * dy);
        int inset = radius - (int)(dx + 0.5f);
        rows[n++] = (SDL_Rect){r.x + inset, r.y + i, r.w - 2 * inset, 1};
        rows[n++] = (SDL_Rect){r.x + inset, r.y + r.h - 1 - i, r.w - 2 * inset, 1};
    }
    rows[n++] = (SDL_Rect){r.x, r.y + radius, r.w, r.h - 2 * radius};
    SDL_RenderFillRects(ui->r, rows, n);
}

void uix_frame(ui_t *ui, SDL_Rect r, SDL_Color fill, SDL_Color line, int width, int radius)
{
    uix_fill(ui, r, line, radius);
    SDL_Rect in = {r.x + width, r.y + width, r.w - 2 * width, r.h - 2 * width};
    uix_fill(ui, in, fill, radius > width ? radius - width : 0);
}

static ui_text_style_t style(const ui_t *ui, int px, int bold, SDL_Color c, int wrap_w, int align,
                             int max_lines)
{
    ui_text_style_t st = {.px = px < 8 ? 8 : px,
                          .bold = bold,
                          .color = c,
                          .wrap_w = wrap_w > 0 ? wrap_w : 0,
                          .line_pct = ui->th.line_pct,
                          .align = align,
                          .max_lines = max_lines};
    return st;
}

void uix_record_text(ui_t *ui, const char *s)
{
    size_t n = strlen(s);
    if (ui->drawn_len + n + 2 > ui->drawn_cap) {
        size_t cap = ui->drawn_cap ? ui->drawn_cap * 2 : 4096;
        while (cap < ui->drawn_len + n + 2)
            cap *= 2;
        char *d = SDL_realloc(ui->drawn, cap);
        if (!d)
            return;
        ui->drawn = d;
        ui->drawn_cap = cap;
    }
    memcpy(ui->drawn + ui->drawn_len, s, n);
    ui->drawn_len += n;
    ui->drawn[ui->drawn_len++] = '\n';
    ui->drawn[ui->drawn_len] = '\0';
}

int uix_text(ui_t *ui, const char *s, int px, int bold, SDL_Color c, int x, int y, int wrap_w,
             int align, int max_lines)
{
    ui_text_style_t st = style(ui, px, bold, c, wrap_w, align, max_lines);
    int h = ui_text_draw(ui->text, s, &st, x, y);
    if (h < 0)
        return 0;
    SDL_Rect clip, box = {x, y, wrap_w > 0 ? wrap_w : 1, h > 0 ? h : 1};
    SDL_RenderGetClipRect(ui->r, &clip);
    if (SDL_RectEmpty(&clip))
        clip = (SDL_Rect){0, 0, ui->lw, ui->lh};
    if (!SDL_HasIntersection(&clip, &box))
        return h;
    uix_record_text(ui, s);
    /* Only text with a line limit can be cut; asking the cache costs a
     * lookup of the layout just drawn. */
    if (max_lines > 0 && wrap_w > 0 && ui->n_elided < UI_MAX_ELIDED &&
        ui_text_cut(ui->text, s, &st)) {
        ui_elided_t *e = &ui->elided[ui->n_elided++];
        copy_utf8(e->text, sizeof e->text, s);
        for (char *p = e->text; *p; p++)
            if (*p == '\n' || *p == '\t')
                *p = ' '; /* one dump line each */
        e->x = box.x;
        e->y = box.y;
        e->w = box.w;
        e->h = box.h;
    }
    return h;
}

int uix_text_height(ui_t *ui, const char *s, int px, int bold, int wrap_w, int max_lines)
{
    ui_text_style_t st = style(ui, px, bold, ui->th.text, wrap_w, UI_ALIGN_LEFT, max_lines);
    int w = 0, h = 0;
    ui_text_size(ui->text, s, &st, &w, &h);
    return h;
}

int uix_text_width(ui_t *ui, const char *s, int px, int bold)
{
    ui_text_style_t st = style(ui, px, bold, ui->th.text, 0, UI_ALIGN_LEFT, 0);
    int w = 0, h = 0;
    ui_text_size(ui->text, s, &st, &w, &h);
    return w;
}

int uix_fit_px(ui_t *ui, const char *s, int px, int bold, int width, int min_pct)
{
    int min = px * min_pct / 100;
    /* Steps of about 6%: few sizes, so the text cache stays small. */
    while (px > min && uix_text_width(ui, s, px, bold) > width)
        px = px * 94 / 100 > min ? px * 94 / 100 : min;
    return px;
}

static int make_qr(ui_t *ui, const char *payload)
{
    if (ui->qr_tex && strcmp(ui->qr_for, payload) == 0)
        return 0;
    if (ui->qr_tex)
        SDL_DestroyTexture(ui->qr_tex);
    ui->qr_tex = NULL;
    ui->qr_for[0] = '\0';
    ticket_qr_t qr;
    if (ticket_qr_encode(payload, &qr))
        return -1;
    int n = qr.width + 8; /* four light modules of quiet zone on each side */
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, n, n, 32, SDL_PIXELFORMAT_ARGB8888);
    if (sf) {
        SDL_FillRect(sf, NULL, SDL_MapRGB(sf->format, 255, 255, 255));
        Uint32 black = SDL_MapRGB(sf->format, 0, 0, 0);
        for (int y = 0; y < qr.width; y++)
            for (int x = 0; x < qr.width; x++)
                if (qr.dark[y * qr.width + x])
                    ((Uint32 *)((Uint8 *)sf->pixels + (y + 4) * sf->pitch))[x + 4] = black;
        ui->qr_tex = SDL_CreateTextureFromSurface(ui->r, sf);
        SDL_FreeSurface(sf);
    }
    ticket_qr_free(&qr);
    if (!ui->qr_tex)
        return -1;
    /* Modules must stay sharp squares when scaled up. */
    SDL_SetTextureScaleMode(ui->qr_tex, SDL_ScaleModeNearest);
    ui->qr_modules = n;
    snprintf(ui->qr_for, sizeof ui->qr_for, "%s", payload);
    return 0;
}

int uix_qr_modules(ui_t *ui, const char *payload)
{
    return make_qr(ui, payload) ? 0 : ui->qr_modules;
}

/* ---- widgets ------------------------------------------------------------- */

int uix_qr(ui_t *ui, const char *payload, int x, int y, int module)
{
    if (make_qr(ui, payload))
        return 0;
    SDL_Rect dst = {x, y, ui->qr_modules * module, ui->qr_modules * module};
    SDL_RenderCopy(ui->r, ui->qr_tex, NULL, &dst);
    return dst.w;
}

int uix_widget(ui_t *ui, const char *id, const char *label, SDL_Rect r, int enabled, int in_body)
{
    if (in_body) {
        SDL_Rect clipped;
        if (!SDL_IntersectRect(&r, &ui->body, &clipped))
            return 0;
        r = clipped;
    }
    if (ui->n_widgets == UI_MAX_WIDGETS)
        return 0;
    ui_widget_t *w = &ui->widgets[ui->n_widgets++];
    snprintf(w->id, sizeof w->id, "%s", id);
    copy_utf8(w->label, sizeof w->label, label ? label : "");
    w->x = r.x;
    w->y = r.y;
    w->w = r.w;
    w->h = r.h;
    w->enabled = enabled;
    w->display_only = 0;
    return 1;
}

void uix_display_widget(ui_t *ui, const char *id, const char *label, SDL_Rect r)
{
    if (uix_widget(ui, id, label, r, 0, 0))
        ui->widgets[ui->n_widgets - 1].display_only = 1;
}

int uix_is_pressed(const ui_t *ui, const char *id)
{
    return ui->pressing && !ui->dragging && strcmp(ui->pressed_id, id) == 0;
}

static void button(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                   int enabled, int px, int in_body, int fit);

void uix_button(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                int enabled, int px, int in_body)
{
    button(ui, id, label, r, kind, enabled, px, in_body, 1);
}

void uix_button_px(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                   int enabled, int px, int in_body)
{
    button(ui, id, label, r, kind, enabled, px, in_body, 0);
}

int uix_button_label_px(ui_t *ui, const char *label, int w, int h, int px)
{
    int inner = w - uix_px(ui, 24), min = px * 62 / 100;
    while (px > min) {
        int line = uix_text_height(ui, label, px, 1, 0, 1);
        int th = uix_text_height(ui, label, px, 1, inner, 0);
        if (th <= 2 * line && th <= h && uix_text_width(ui, label, px, 1) <= 2 * inner)
            break;
        px = px * 94 / 100 > min ? px * 94 / 100 : min;
    }
    return px;
}

static void button(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                   int enabled, int px, int in_body, int fit)
{
    const ui_theme_t *t = &ui->th;
    int radius = uix_px(ui, 20);
    int pressed = enabled && uix_is_pressed(ui, id);
    SDL_Color fg;
    /* Pressed, a button turns inside out (the fill takes the label's
     * colour and the label the fill's), so the press shows at the 3:1 of
     * the theme's pairs, never as a faint tint. */
    if (!enabled) {
        uix_frame(ui, r, t->disabled, t->border, uix_px(ui, 2), radius);
        fg = t->on_disabled;
    } else if (kind == UIX_PRIMARY) {
        if (pressed)
            uix_frame(ui, r, t->card, t->accent, uix_px(ui, 3), radius);
        else
            uix_fill(ui, r, t->accent, radius);
        fg = pressed ? t->accent : t->on_accent;
    } else if (kind == UIX_HEADER) {
        uix_frame(ui, r, pressed ? t->card : t->accent, t->on_accent, uix_px(ui, 3), radius);
        fg = pressed ? t->accent : t->on_accent;
    } else if (kind == UIX_DANGER) {
        uix_frame(ui, r, pressed ? t->alert : t->card, t->alert, uix_px(ui, 3), radius);
        fg = pressed ? t->card : t->alert;
    } else {
        uix_frame(ui, r, pressed ? t->press : t->card, pressed ? t->press : t->accent,
                  uix_px(ui, 3), radius);
        fg = pressed ? t->on_press : t->accent;
    }
    int inner = r.w - uix_px(ui, 24);
    if (fit)
        px = uix_fit_px(ui, label, px, 1, inner, 62);
    int th = uix_text_height(ui, label, px, 1, inner, 2);
    uix_text(ui, label, px, 1, fg, r.x + uix_px(ui, 12), r.y + (r.h - th) / 2, inner,
             UI_ALIGN_CENTER, 2);
    uix_widget(ui, id, label, r, enabled, in_body);
}

/* ---- frame parts ----------------------------------------------------------- */

uix_look_t uix_card(ui_t *ui, SDL_Rect r, const char *id)
{
    uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
    uix_frame(ui, r, look.fill, look.edge, uix_px(ui, UIX_CARD_EDGE), uix_px(ui, UIX_CARD_RADIUS));
    return look;
}

int uix_step_of(const flow_state_t *s)
{
    switch (s->screen) {
    case FLOW_SERVICE:
        return 1;
    case FLOW_SLOTS:
        return 2;
    case FLOW_PHONE:
    case FLOW_FOR: /* i16house: part of the number's step */
        return 3;
    case FLOW_CONFIRM:
        return 4;
    default:
        return 0;
    }
}

void uix_pager_buttons(ui_t *ui, const flow_state_t *s, int page, int pages, SDL_Rect prev,
                       SDL_Rect next)
{
    uix_button(ui, "page-prev", str_get(STR_PAGE_PREV, s->lang_en), prev, UIX_SECONDARY, page > 0,
               uix_font(ui, 44), 0);
    uix_button(ui, "page-next", str_get(STR_PAGE_NEXT, s->lang_en), next, UIX_PRIMARY,
               page + 1 < pages, uix_font(ui, 44), 0);
}

void uix_page_label(const flow_state_t *s, int page, int pages, char *out, size_t n)
{
    char of[16];
    str_format_int(STR_PAGE_OF, s->lang_en, page + 1, out, n);
    snprintf(of, sizeof of, " / %d", pages);
    strncat(out, of, n - strlen(out) - 1);
}

void uix_pager(ui_t *ui, const flow_state_t *s, int page, int pages)
{
    uix_action_bar_bg(ui);
    SDL_Rect mid = uix_action_rect(ui, 1, 3);
    uix_pager_buttons(ui, s, page, pages, uix_action_rect(ui, 0, 3), uix_action_rect(ui, 2, 3));
    char label[48];
    uix_page_label(s, page, pages, label, sizeof label);
    int px = uix_fit_px(ui, label, uix_font(ui, 40), 1, mid.w, 60);
    int th = uix_text_height(ui, label, px, 1, 0, 1);
    uix_text(ui, label, px, 1, ui->th.text, mid.x, mid.y + (mid.h - th) / 2, mid.w,
             UI_ALIGN_CENTER, 0);
}

/* The accent band with the screen title, back on the left and home on the
 * right, and on the booking path the step (第2步/共4步, a display-only
 * widget "step"); returns its height. The title is never cut (issue 15
 * items 4 and 6): it steps down in size until it fits two lines, and the
 * band grows when it still needs more. Back and home are larger in elder
 * mode. */
int uix_has_call(const flow_state_t *s)
{
    return s->screen > FLOW_ATTRACT && s->screen < FLOW_STAFF_LOGIN;
}

int uix_call_width(ui_t *ui, const flow_state_t *s)
{
    /* Wide enough for its label at the size of back and home (elder mode
     * and English included), so that it never reads smaller than they do. */
    int w = uix_text_width(ui, str_get(STR_CALL_STAFF, s->lang_en), uix_font(ui, 40), 1) +
            uix_px(ui, 48);
    return w > uix_px(ui, 240) ? w : uix_px(ui, 240);
}

void uix_call_button(ui_t *ui, const flow_state_t *s, SDL_Rect r)
{
    /* Filled with the card's colour on the accent band: the one button of
     * the band that stands out, for a resident who needs a person. */
    uix_button(ui, "call-staff", str_get(STR_CALL_STAFF, s->lang_en), r, UIX_SECONDARY, 1,
               uix_font(ui, 40), 0);
}

int uix_header(ui_t *ui, const flow_state_t *s, const char *title)
{
    int bw = uix_px(ui, 200), bh = uix_target(ui, 112);
    int m = uix_px(ui, UIX_GAP), pad = uix_px(ui, UIX_SPACE);
    int tx = m + bw + pad, tw = ui->lw - 2 * tx;
    /* Call staff and the voice buttons (issue 17) on every resident
     * screen: the voice beside back and call beside home when the title
     * keeps room for a line of five characters at its largest size
     * (landscape), else a row of their own under back, title and home,
     * the voice at the left and call at the right (portrait). */
    int call = uix_has_call(s), cw = call ? uix_call_width(ui, s) : 0, stacked = 0;
    int vw = call ? uix_voice_width(ui, s, bh) : 0, left = tx, right = tx;
    if (call) {
        left = m + bw + pad + vw + pad;
        right = m + bw + pad + cw + pad;
        if (ui->lw - left - right >= uix_font(ui, 52) * 5 + 2 * pad) {
            tx = left;
            tw = ui->lw - left - right;
        } else {
            stacked = 1;
        }
    }
    int step = uix_step_of(s), spx = uix_font(ui, 30), sh = 0;
    char steps[48] = "";
    if (step) {
        str_format_int(STR_STEP_OF, s->lang_en, step, steps, sizeof steps);
        sh = uix_text_height(ui, steps, spx, 0, tw, 0);
    }
    /* The title keeps the largest size at which it takes at most two lines
     * (one line at 52 px is never shrunk for the step's sake, elder eyes
     * come first). The step sits on the title's line when both fit the
     * width (landscape), else under it, and the header grows to hold them. */
    static const int sizes[] = {52, 46, 40, 36, 32};
    int px = 0, th = 0, min_h = uix_px(ui, ui->landscape ? 150 : 180);
    int line = 1, inline_step = 0, gap = uix_px(ui, UIX_SPACE);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        px = uix_font(ui, sizes[i]);
        th = uix_text_height(ui, title, px, 1, tw, 0);
        line = uix_text_height(ui, "社", px, 1, 0, 1);
        int lines = th / (line > 0 ? line : 1);
        if (step && lines <= 1 &&
            uix_text_width(ui, title, px, 1) + gap + uix_text_width(ui, steps, spx, 0) <= tw) {
            inline_step = 1;
            break;
        }
        if (lines <= 1 || (lines <= 2 && th + sh <= min_h - 2 * pad))
            break;
    }
    int body_h = inline_step ? th : th + sh;
    /* The band of back, title and home; stacked, the row of the voice and
     * call under it. */
    int top_h = body_h > bh ? body_h : bh;
    int h = top_h + 2 * pad + (stacked ? bh + pad : 0);
    if (h < min_h)
        h = min_h;
    int top_y = stacked ? pad : (h - top_h) / 2;
    uix_fill(ui, uix_rect(0, 0, ui->lw, h), ui->th.accent, 0);
    int by = top_y + (top_h - bh) / 2;
    char back[64];
    snprintf(back, sizeof back, "‹ %s", str_get(STR_BACK, s->lang_en));
    uix_button(ui, "back", back, uix_rect(m, by, bw, bh), UIX_HEADER, 1, uix_font(ui, 40), 0);
    uix_button(ui, "home", str_get(STR_HOME, s->lang_en), uix_rect(ui->lw - m - bw, by, bw, bh),
               UIX_HEADER, 1, uix_font(ui, 40), 0);
    if (call) {
        int ry = stacked ? h - pad - bh : by;
        uix_voice_buttons(ui, s, stacked ? m : m + bw + pad, ry, bh,
                          stacked ? ui->lw - 2 * m - cw - 2 * pad : vw);
        uix_call_button(ui, s, uix_rect(ui->lw - m - cw - (stacked ? 0 : bw + pad), ry, cw, bh));
    }
    ui->header_h = h;
    int y = top_y + (top_h - body_h) / 2;
    if (inline_step) {
        /* One line: the title, then the step, centred together. */
        int tw1 = uix_text_width(ui, title, px, 1), sw = uix_text_width(ui, steps, spx, 0);
        int x0 = tx + (tw - tw1 - gap - sw) / 2;
        uix_text(ui, title, px, 1, ui->th.on_accent, x0, y, tw1 + 1, UI_ALIGN_LEFT, 0);
        int sy = y + (th - sh) / 2 + (line - uix_text_height(ui, "社", spx, 0, 0, 1)) / 4;
        uix_text(ui, steps, spx, 0, ui->th.on_accent, x0 + tw1 + gap, sy, sw + 1, UI_ALIGN_LEFT, 0);
        uix_display_widget(ui, "step", steps, uix_rect(x0 + tw1 + gap, sy, sw, sh));
        return h;
    }
    uix_text(ui, title, px, 1, ui->th.on_accent, tx, y, tw, UI_ALIGN_CENTER, 0);
    if (step) {
        uix_text(ui, steps, spx, 0, ui->th.on_accent, tx, y + th, tw, UI_ALIGN_CENTER, 0);
        uix_display_widget(ui, "step", steps, uix_rect(tx, y + th, tw, sh));
    }
    return h;
}

/* Starts the scrolling body between top and bottom; returns the first y. */
int uix_body_begin(ui_t *ui, int top, int bottom)
{
    ui->body = uix_rect(0, top, ui->lw, bottom - top);
    SDL_RenderSetClipRect(ui->r, &ui->body);
    return top + uix_px(ui, UIX_GAP) - ui->scroll;
}

void uix_body_end(ui_t *ui, int y)
{
    ui->content_h = y + ui->scroll - ui->body.y + uix_px(ui, UIX_GAP);
    int max = ui->content_h - ui->body.h;
    if (ui->scroll > max)
        ui->scroll = max > 0 ? max : 0;
    SDL_RenderSetClipRect(ui->r, NULL);
    if (ui->content_h > ui->body.h) {
        /* A scroll bar says there is more below, without colour alone. */
        int track = ui->body.h - uix_px(ui, 24);
        int len = track * ui->body.h / ui->content_h;
        int pos = (track - len) * ui->scroll / (ui->content_h - ui->body.h);
        uix_fill(ui,
                 uix_rect(ui->lw - uix_px(ui, 14), ui->body.y + uix_px(ui, 12) + pos, uix_px(ui, 8),
                          len),
                 ui->th.muted, uix_px(ui, 4));
    }
}

/* A fixed bar at the bottom for the screen's main action; returns its top. */
int uix_action_bar_top(const ui_t *ui)
{
    return ui->lh - uix_px(ui, 40 + 140);
}

SDL_Rect uix_action_rect(const ui_t *ui, int i, int n)
{
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, 32);
    int total = ui->lw - 2 * m;
    if (ui->landscape && total > uix_px(ui, 1400)) {
        total = uix_px(ui, 1400);
        m = (ui->lw - total) / 2;
    }
    int w = (total - gap * (n - 1)) / n;
    return uix_rect(m + i * (w + gap), uix_action_bar_top(ui) + uix_px(ui, 10), w, uix_px(ui, 130));
}

void uix_action_bar_bg(ui_t *ui)
{
    int top = uix_action_bar_top(ui);
    uix_fill(ui, uix_rect(0, top, ui->lw, ui->lh - top), ui->th.bg, 0);
    uix_fill(ui, uix_rect(0, top, ui->lw, uix_px(ui, 2)), ui->th.border, 0);
}

/* Content column: full width in portrait, a readable measure in landscape. */
void uix_column(const ui_t *ui, int *x, int *w)
{
    int m = uix_px(ui, UIX_MARGIN);
    *w = ui->lw - 2 * m;
    if (ui->landscape && *w > uix_px(ui, 1400))
        *w = uix_px(ui, 1400);
    *x = (ui->lw - *w) / 2;
}

int uix_notice_height(ui_t *ui, const char *msg, int good, int w)
{
    int px = uix_font(ui, 40), pad = uix_px(ui, 24);
    char text[320];
    snprintf(text, sizeof text, "%s %s", good ? "✓" : "！", msg);
    return uix_text_height(ui, text, px, 1, w - 2 * pad, 0) + 2 * pad;
}

int uix_notice(ui_t *ui, const char *msg, int good, int x, int y, int w)
{
    int px = uix_font(ui, 40), pad = uix_px(ui, 24);
    char text[320];
    snprintf(text, sizeof text, "%s %s", good ? "✓" : "！", msg);
    int th = uix_notice_height(ui, msg, good, w) - 2 * pad;
    SDL_Rect r = uix_rect(x, y, w, th + 2 * pad);
    uix_frame(ui, r, good ? ui->th.good_bg : ui->th.alert_bg, good ? ui->th.good : ui->th.alert,
              uix_px(ui, 3), uix_px(ui, 16));
    uix_text(ui, text, px, 1, good ? ui->th.good : ui->th.alert, x + pad, y + pad, w - 2 * pad,
             UI_ALIGN_LEFT, 0);
    return r.h;
}

void uix_keypad(ui_t *ui, SDL_Rect area, int typed, int complete, const char *del_label,
                const char *next_label)
{
    static const char *const keys[12] = {"1", "2", "3", "4",   "5", "6",
                                         "7", "8", "9", "del", "0", "next"};
    int gap = uix_px(ui, 20);
    int kw = (area.w - 2 * gap) / 3, kh = (area.h - 3 * gap) / 4;
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = uix_rect(area.x + (i % 3) * (kw + gap), area.y + (i / 3) * (kh + gap), kw, kh);
        char id[16];
        if (strcmp(keys[i], "next") == 0) {
            uix_button(ui, "next", next_label, r, UIX_PRIMARY, complete, uix_font(ui, 48), 0);
            continue;
        }
        snprintf(id, sizeof id, "key:%s", keys[i]);
        if (strcmp(keys[i], "del") == 0)
            uix_button(ui, id, del_label, r, UIX_SECONDARY, typed > 0, uix_font(ui, 44), 0);
        else
            uix_button(ui, id, keys[i], r, UIX_SECONDARY, 1, uix_font(ui, 72), 0);
    }
}

void uix_digit_slots(ui_t *ui, SDL_Rect box, int in, int slot, const char *typed, int len, int px)
{
    int line = uix_px(ui, 3), n = (int)strlen(typed);
    for (int i = 0; i < len; i++) {
        int cx = box.x + in + i * slot;
        if (i < n) {
            char d[2] = {typed[i], '\0'};
            int dh = uix_text_height(ui, d, px, 1, slot, 1);
            uix_text(ui, d, px, 1, ui->th.text, cx, box.y + (box.h - dh) / 2, slot,
                     UI_ALIGN_CENTER, 1);
        } else {
            int bw = slot / 2;
            uix_fill(ui, uix_rect(cx + (slot - bw) / 2, box.y + box.h * 2 / 3, bw, line + 1),
                     ui->th.muted, 0);
        }
    }
}

/* The number as typed, in three boxes of 3, 4 and 4 digit places with
 * clear gaps between them (issue 15 item 3): each place shows its digit or
 * its own short bar, so the placeholders never merge into one line. The
 * box holding a digit that makes the number impossible is edged in the
 * alert colour. Each box is also a (display-only) widget "phone:N" whose
 * label is the digits it shows, so tests can see where it sits. */
void uix_phone_boxes(ui_t *ui, const char *digits, int n_digits, SDL_Rect area, int bad)
{
    static const int start[4] = {0, 3, 7, KIOSK_PHONE_LEN};
    int gap = uix_px(ui, 24), line = uix_px(ui, 3), in = uix_px(ui, 10);
    int slot = (area.w - 2 * gap - 6 * in) / KIOSK_PHONE_LEN;
    int px = uix_fit_px(ui, "8", uix_font(ui, 84), 1, slot - uix_px(ui, 10), 60);
    int x = area.x + (area.w - 2 * gap - 6 * in - slot * KIOSK_PHONE_LEN) / 2;
    char shown[KIOSK_PHONE_LEN + 3] = ""; /* "138 1234 5678" for ui_shows_text */
    for (int g = 0; g < 3; g++) {
        int len = start[g + 1] - start[g];
        SDL_Rect box = uix_rect(x, area.y, slot * len + 2 * in, area.h);
        int wrong = g == 0 && bad;
        uix_frame(ui, box, ui->th.card, wrong ? ui->th.alert : ui->th.accent,
                  wrong ? 2 * line : line, uix_px(ui, 16));
        char group[8] = "";
        int typed = n_digits - start[g];
        typed = typed < 0 ? 0 : typed > len ? len : typed;
        memcpy(group, digits + start[g], (size_t)typed);
        group[typed] = '\0';
        uix_digit_slots(ui, box, in, slot, group, len, px);
        if (group[0]) {
            if (shown[0])
                strcat(shown, " ");
            strcat(shown, group);
        }
        char id[16];
        snprintf(id, sizeof id, "phone:%d", g + 1);
        uix_display_widget(ui, id, group, box);
        x += box.w + gap;
    }
    uix_record_text(ui, shown);
}

/* The phone keypad (issue 15 item 3), four columns so that 删除 and 清空
 * sit one above the other at the right, 下一步 below them twice as tall,
 * and 0 wide under 7 8 9:
 *     1 2 3 删除
 *     4 5 6 清空
 *     7 8 9 下一步
 *     --0--  ..  */
void uix_phone_keypad(ui_t *ui, SDL_Rect area, int typed, int complete, const char *del_label,
                      const char *clear_label, const char *next_label)
{
    int gap = uix_px(ui, 20);
    int kw = (area.w - 3 * gap) / 4, kh = (area.h - 3 * gap) / 4;
    int label_px = uix_font(ui, 48); /* uix_button fits it to the key */
    for (int i = 0; i < 9; i++) {
        char id[8], label[2] = {(char)('1' + i), '\0'};
        snprintf(id, sizeof id, "key:%d", i + 1);
        SDL_Rect r = uix_rect(area.x + (i % 3) * (kw + gap), area.y + (i / 3) * (kh + gap), kw, kh);
        uix_button(ui, id, label, r, UIX_SECONDARY, 1, uix_font(ui, 72), 0);
    }
    int right = area.x + 3 * (kw + gap);
    uix_button(ui, "key:0", "0", uix_rect(area.x, area.y + 3 * (kh + gap), 3 * kw + 2 * gap, kh),
               UIX_SECONDARY, 1, uix_font(ui, 72), 0);
    uix_button(ui, "key:del", del_label, uix_rect(right, area.y, kw, kh), UIX_SECONDARY, typed > 0,
               label_px, 0);
    uix_button(ui, "key:clear", clear_label, uix_rect(right, area.y + kh + gap, kw, kh),
               UIX_SECONDARY, typed > 0, label_px, 0);
    uix_button(ui, "next", next_label, uix_rect(right, area.y + 2 * (kh + gap), kw, 2 * kh + gap),
               UIX_PRIMARY, complete, uix_font(ui, 52), 0);
}

/* Keypad screens: what is typed above the keypad in portrait, beside it in
 * landscape. pad_ref is the keypad's height on the reference panel. */
void uix_split_keypad(const ui_t *ui, int top, int pad_ref, SDL_Rect *info, SDL_Rect *pad)
{
    int m = uix_px(ui, UIX_MARGIN);
    if (ui->landscape) {
        int half = (ui->lw - 3 * m) / 2;
        *info = uix_rect(m, top + m, half, ui->lh - top - 2 * m);
        *pad = uix_rect(2 * m + half, top + m, half, ui->lh - top - 2 * m);
    } else {
        int ph = uix_px(ui, pad_ref);
        *info = uix_rect(m, top + m, ui->lw - 2 * m, ui->lh - top - 3 * m - ph);
        *pad = uix_rect(m, ui->lh - m - ph, ui->lw - 2 * m, ph);
    }
}

int uix_summary_row(ui_t *ui, const char *label, const char *value, int x, int y, int w)
{
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int px = uix_font(ui, 44);
    int h = uix_text_height(ui, value, px, 1, w - lw, 0);
    uix_text(ui, label, uix_font(ui, 40), 0, ui->th.muted, x, y + uix_px(ui, 4), lw, UI_ALIGN_LEFT,
             1);
    uix_text(ui, value, px, 1, ui->th.text, x + lw, y, w - lw, UI_ALIGN_LEFT, 0);
    return y + h + uix_px(ui, 28);
}
