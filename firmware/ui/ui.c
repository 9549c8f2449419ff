#include "ui_internal.h"

#include "../core/calib.h"
#include "../ticket/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reference panels: layouts are designed at 1080x1920 portrait and
 * 1920x1080 landscape and scaled to the panel actually fitted. */
static float layout_scale(int w, int h)
{
    float a = w < h ? w / 1080.0f : w / 1920.0f;
    float b = w < h ? h / 1920.0f : h / 1080.0f;
    return a < b ? a : b;
}

int uix_px(const ui_t *ui, int ref)
{
    int v = (int)(ref * ui->s + 0.5f);
    return v < 1 && ref > 0 ? 1 : v;
}

int uix_font(const ui_t *ui, int ref)
{
    return (int)(ref * ui->s * ui->th.font + 0.5f);
}

static void set_theme(ui_t *ui, int elder)
{
    ui_theme_t *t = &ui->th;
    if (!elder) {
        *t = (ui_theme_t){
            .bg = {0xF3, 0xF5, 0xF8, 255},
            .card = {0xFF, 0xFF, 0xFF, 255},
            .border = {0xDC, 0xE1, 0xE8, 255},
            .text = {0x1A, 0x1D, 0x21, 255},
            .muted = {0x55, 0x5E, 0x6A, 255},
            .accent = {0x1F, 0x4E, 0x8C, 255},
            .accent_dark = {0x16, 0x3A, 0x6A, 255},
            .on_accent = {0xFF, 0xFF, 0xFF, 255},
            .pressed = {0xDD, 0xE7, 0xF4, 255},
            .disabled = {0xE6, 0xE9, 0xED, 255},
            .on_disabled = {0x6B, 0x72, 0x7C, 255},
            .alert = {0xB0, 0x1E, 0x23, 255},
            .alert_bg = {0xFD, 0xEC, 0xEC, 255},
            .good = {0x1B, 0x6E, 0x3A, 255},
            .good_bg = {0xE6, 0xF4, 0xEA, 255},
            .shade = {0x00, 0x00, 0x00, 150},
            .font = 1.0f,
            .line_pct = 135,
        };
    } else {
        /* Elder mode: larger text, black on white, stronger lines. */
        *t = (ui_theme_t){
            .bg = {0xFF, 0xFF, 0xFF, 255},
            .card = {0xFF, 0xFF, 0xFF, 255},
            .border = {0x40, 0x40, 0x40, 255},
            .text = {0x00, 0x00, 0x00, 255},
            .muted = {0x20, 0x20, 0x20, 255},
            .accent = {0x0B, 0x2E, 0x5C, 255},
            .accent_dark = {0x05, 0x1C, 0x3A, 255},
            .on_accent = {0xFF, 0xFF, 0xFF, 255},
            .pressed = {0xC8, 0xD8, 0xEE, 255},
            .disabled = {0xE0, 0xE0, 0xE0, 255},
            .on_disabled = {0x30, 0x30, 0x30, 255},
            .alert = {0x8A, 0x00, 0x00, 255},
            .alert_bg = {0xFF, 0xE5, 0xE5, 255},
            .good = {0x00, 0x50, 0x20, 255},
            .good_bg = {0xDD, 0xF2, 0xE3, 255},
            .shade = {0x00, 0x00, 0x00, 190},
            .font = 1.35f,
            .line_pct = 150,
        };
    }
}

static int create_output(ui_t *ui, char *err, size_t errlen)
{
    int pw = ui->lw, ph = ui->lh;
    if (ui->o.rotate == 90 || ui->o.rotate == 270) {
        pw = ui->lh;
        ph = ui->lw;
    }
    if (ui->o.headless) {
        ui->surface = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 32, SDL_PIXELFORMAT_ARGB8888);
        ui->r = ui->surface ? SDL_CreateSoftwareRenderer(ui->surface) : NULL;
    } else {
        Uint32 flags = SDL_WINDOW_SHOWN;
        int ww = pw, wh = ph;
        if (!ui->o.windowed) {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        } else {
            /* A portrait panel does not fit a desktop monitor: shrink the
             * window, the renderer scales the logical frame into it. */
            SDL_Rect b;
            if (SDL_GetDisplayUsableBounds(0, &b) == 0 && b.w > 0 && b.h > 0) {
                float k = 1.0f;
                if (ww > b.w)
                    k = (float)b.w / ww;
                if (wh * k > b.h)
                    k = (float)b.h / wh;
                ww = (int)(ww * k);
                wh = (int)(wh * k);
            }
        }
        ui->win = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh,
                                   flags);
        if (ui->win) {
            ui->r = SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_ACCELERATED);
            if (!ui->r)
                ui->r = SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_SOFTWARE);
        }
        if (ui->r && !ui->o.windowed) {
            /* Fullscreen lays out for the panel actually fitted. */
            int dw, dh;
            SDL_GetRendererOutputSize(ui->r, &dw, &dh);
            if (dw > 0 && dh > 0) {
                pw = dw;
                ph = dh;
                int swap = ui->o.rotate == 90 || ui->o.rotate == 270;
                ui->lw = swap ? ph : pw;
                ui->lh = swap ? pw : ph;
            }
        }
        if (ui->r)
            SDL_RenderSetLogicalSize(ui->r, pw, ph);
        /* Fullscreen is the kiosk: keys such as Alt-Tab or the Super key
         * come to us, not to a window manager. */
        if (ui->win && !ui->o.windowed)
            SDL_SetWindowKeyboardGrab(ui->win, SDL_TRUE);
    }
    if (!ui->r) {
        snprintf(err, errlen, "cannot create the display: %s", SDL_GetError());
        return -1;
    }
    if (ui->o.rotate) {
        ui->target = SDL_CreateTexture(ui->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       ui->lw, ui->lh);
        if (!ui->target) {
            snprintf(err, errlen, "cannot rotate the display: %s", SDL_GetError());
            return -1;
        }
    }
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_BLEND);
    return 0;
}

ui_t *ui_create(const ui_opts_t *o, char *err, size_t errlen)
{
    ui_t *ui = SDL_calloc(1, sizeof *ui);
    if (!ui) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    ui->o = *o;
    ui->lw = o->width;
    ui->lh = o->height;
    if (create_output(ui, err, errlen)) {
        ui_destroy(ui);
        return NULL;
    }
    ui->s = layout_scale(ui->lw, ui->lh);
    ui->landscape = ui->lw > ui->lh;
    set_theme(ui, 0);
    /* Texture budget for cached text: a few screens' worth of words. A
     * budget of 0 keeps nothing (each text is drawn, then dropped). */
    ui->text = ui_text_create(ui->r, o->font_regular, o->font_bold,
                              o->no_text_cache ? 0 : 12u << 20, err, errlen);
    if (!ui->text) {
        ui_destroy(ui);
        return NULL;
    }
    ui->scroll_screen = FLOW_SCREEN_COUNT;
    return ui;
}

void ui_destroy(ui_t *ui)
{
    if (!ui)
        return;
    ui_text_destroy(ui->text);
    if (ui->qr_tex)
        SDL_DestroyTexture(ui->qr_tex);
    if (ui->drawn) {
        SDL_memset(ui->drawn, 0, ui->drawn_cap);
        SDL_free(ui->drawn);
    }
    if (ui->target)
        SDL_DestroyTexture(ui->target);
    if (ui->r)
        SDL_DestroyRenderer(ui->r);
    if (ui->surface)
        SDL_FreeSurface(ui->surface);
    if (ui->win)
        SDL_DestroyWindow(ui->win);
    SDL_free(ui);
}

void ui_size(const ui_t *ui, int *w, int *h)
{
    *w = ui->lw;
    *h = ui->lh;
}

/* ---- drawing primitives ------------------------------------------------ */

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

static void record_text(ui_t *ui, const char *s)
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

int ui_shows_text(const ui_t *ui, const char *needle)
{
    return ui->drawn && strstr(ui->drawn, needle) != NULL;
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
    if (SDL_HasIntersection(&clip, &box))
        record_text(ui, s);
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

int uix_qr(ui_t *ui, const char *payload, int x, int y, int module)
{
    if (make_qr(ui, payload))
        return 0;
    SDL_Rect dst = {x, y, ui->qr_modules * module, ui->qr_modules * module};
    SDL_RenderCopy(ui->r, ui->qr_tex, NULL, &dst);
    return dst.w;
}

/* ---- widgets ------------------------------------------------------------- */

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
    snprintf(w->label, sizeof w->label, "%s", label ? label : "");
    w->x = r.x;
    w->y = r.y;
    w->w = r.w;
    w->h = r.h;
    w->enabled = enabled;
    return 1;
}

int uix_is_pressed(const ui_t *ui, const char *id)
{
    return ui->pressing && !ui->dragging && strcmp(ui->pressed_id, id) == 0;
}

void uix_button(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                int enabled, int px, int in_body)
{
    const ui_theme_t *t = &ui->th;
    int radius = uix_px(ui, 20);
    int pressed = enabled && uix_is_pressed(ui, id);
    SDL_Color fg;
    if (!enabled) {
        uix_frame(ui, r, t->disabled, t->border, uix_px(ui, 2), radius);
        fg = t->on_disabled;
    } else if (kind == UIX_PRIMARY) {
        uix_fill(ui, r, pressed ? t->accent_dark : t->accent, radius);
        fg = t->on_accent;
    } else if (kind == UIX_HEADER) {
        SDL_Color line = t->on_accent;
        uix_frame(ui, r, pressed ? t->accent_dark : t->accent, line, uix_px(ui, 3), radius);
        fg = t->on_accent;
    } else if (kind == UIX_DANGER) {
        uix_frame(ui, r, pressed ? t->alert_bg : t->card, t->alert, uix_px(ui, 3), radius);
        fg = t->alert;
    } else {
        uix_frame(ui, r, pressed ? t->pressed : t->card, t->accent, uix_px(ui, 3), radius);
        fg = t->accent;
    }
    int inner = r.w - uix_px(ui, 24);
    px = uix_fit_px(ui, label, px, 1, inner, 62);
    int th = uix_text_height(ui, label, px, 1, inner, 2);
    uix_text(ui, label, px, 1, fg, r.x + uix_px(ui, 12), r.y + (r.h - th) / 2, inner,
             UI_ALIGN_CENTER, 2);
    uix_widget(ui, id, label, r, enabled, in_body);
}

int ui_widget_count(const ui_t *ui)
{
    return ui->n_widgets;
}

const ui_widget_t *ui_widget(const ui_t *ui, int i)
{
    return i >= 0 && i < ui->n_widgets ? &ui->widgets[i] : NULL;
}

const ui_widget_t *ui_find(const ui_t *ui, const char *id)
{
    for (int i = 0; i < ui->n_widgets; i++)
        if (ui->widgets[i].enabled && strcmp(ui->widgets[i].id, id) == 0)
            return &ui->widgets[i];
    return NULL;
}

const ui_widget_t *ui_hit(const ui_t *ui, int x, int y)
{
    /* Later widgets are drawn on top (the idle overlay comes last). */
    for (int i = ui->n_widgets - 1; i >= 0; i--) {
        const ui_widget_t *w = &ui->widgets[i];
        if (x >= w->x && x < w->x + w->w && y >= w->y && y < w->y + w->h)
            return w->enabled ? w : NULL;
    }
    return NULL;
}

/* ---- gestures ------------------------------------------------------------ */

void ui_press(ui_t *ui, int x, int y)
{
    const ui_widget_t *w = ui_hit(ui, x, y);
    ui->pressing = 1;
    ui->dragging = 0;
    ui->press_x = x;
    ui->press_y = ui->last_y = y;
    snprintf(ui->pressed_id, sizeof ui->pressed_id, "%s", w ? w->id : "");
    ui->dirty = 1; /* feedback on the very next frame */
    if (ui->shown == FLOW_TOUCH_TEST) {
        ui->touches[ui->touch_next] = (SDL_Point){x, y};
        ui->touch_next = (ui->touch_next + 1) % UI_TOUCHES;
        if (ui->n_touches < UI_TOUCHES)
            ui->n_touches++;
    }
}

void ui_move(ui_t *ui, int x, int y)
{
    if (!ui->pressing)
        return;
    int slop = uix_px(ui, 24);
    if (!ui->dragging && (abs(x - ui->press_x) > slop || abs(y - ui->press_y) > slop)) {
        ui->dragging = 1;
        ui->dirty = 1;
    }
    if (ui->dragging && y != ui->last_y) {
        int max = ui->content_h - ui->body.h;
        int before = ui->scroll;
        ui->scroll -= y - ui->last_y;
        if (ui->scroll > max)
            ui->scroll = max;
        if (ui->scroll < 0)
            ui->scroll = 0;
        if (ui->scroll != before)
            ui->dirty = 1;
    }
    ui->last_y = y;
}

int ui_release(ui_t *ui, int x, int y, char *id, size_t idlen)
{
    int tapped = 0;
    if (ui->pressing && !ui->dragging) {
        const ui_widget_t *w = ui_hit(ui, x, y);
        /* A tap counts where it was pressed and released on one widget. */
        if (w && strcmp(w->id, ui->pressed_id) == 0) {
            snprintf(id, idlen, "%s", w->id);
            tapped = 1;
        }
    }
    ui->pressing = ui->dragging = 0;
    ui->pressed_id[0] = '\0';
    ui->dirty = 1;
    return tapped;
}

void ui_cancel_gesture(ui_t *ui)
{
    ui->pressing = ui->dragging = 0;
    ui->pressed_id[0] = '\0';
    ui->dirty = 1;
}

int ui_dirty(const ui_t *ui)
{
    return ui->dirty;
}

/* ---- frames -------------------------------------------------------------- */

void ui_render(ui_t *ui, const flow_state_t *s)
{
    if (s->resets != ui->resets_seen) {
        /* The idle reset: typed digits must not survive in texture memory. */
        ui_text_flush(ui->text);
        if (ui->qr_tex)
            SDL_DestroyTexture(ui->qr_tex);
        ui->qr_tex = NULL;
        ui->qr_for[0] = '\0';
        ui->resets_seen = s->resets;
    }
    set_theme(ui, s->elder);
    if (s->screen != ui->shown) {
        ui->n_touches = ui->touch_next = 0;
        ui->shown = s->screen;
    }
    int key = s->category * 131 + s->service;
    if (s->screen != ui->scroll_screen || key != ui->scroll_key) {
        ui->scroll = 0;
        ui->scroll_screen = s->screen;
        ui->scroll_key = key;
    }
    if (ui->target)
        SDL_SetRenderTarget(ui->r, ui->target);
    SDL_RenderSetClipRect(ui->r, NULL);
    SDL_SetRenderDrawColor(ui->r, ui->th.bg.r, ui->th.bg.g, ui->th.bg.b, 255);
    SDL_RenderClear(ui->r);
    ui->n_widgets = 0;
    if (ui->drawn) {
        /* Typed digits are drawn too: zero, not just truncate. */
        SDL_memset(ui->drawn, 0, ui->drawn_len);
        ui->drawn_len = 0;
    }
    uix_draw_screen(ui, s);
    SDL_RenderSetClipRect(ui->r, NULL);
    if (ui->target) {
        SDL_SetRenderTarget(ui->r, NULL);
        SDL_SetRenderDrawColor(ui->r, 0, 0, 0, 255);
        SDL_RenderClear(ui->r);
        int pw, ph;
        SDL_RenderGetLogicalSize(ui->r, &pw, &ph);
        if (pw == 0 || ph == 0)
            SDL_GetRendererOutputSize(ui->r, &pw, &ph);
        SDL_Rect dst = {(pw - ui->lw) / 2, (ph - ui->lh) / 2, ui->lw, ui->lh};
        SDL_RenderCopyEx(ui->r, ui->target, NULL, &dst, ui->o.rotate, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(ui->r);
    ui->frames++;
    ui->dirty = 0;
}

int ui_screenshot(ui_t *ui, const char *path)
{
    SDL_Surface *shot =
        SDL_CreateRGBSurfaceWithFormat(0, ui->lw, ui->lh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!shot)
        return -1;
    if (ui->target)
        SDL_SetRenderTarget(ui->r, ui->target);
    int rc = SDL_RenderReadPixels(ui->r, NULL, SDL_PIXELFORMAT_ARGB8888, shot->pixels, shot->pitch);
    if (ui->target)
        SDL_SetRenderTarget(ui->r, NULL);
    if (rc == 0)
        rc = SDL_SaveBMP(shot, path);
    SDL_FreeSurface(shot);
    return rc == 0 ? 0 : -1;
}

void ui_window_to_logical(const ui_t *ui, float nx, float ny, int *x, int *y)
{
    float lx, ly;
    calib_rotate(ui->o.rotate, nx, ny, &lx, &ly);
    *x = (int)(lx * ui->lw);
    *y = (int)(ly * ui->lh);
}

void ui_stats(const ui_t *ui, ui_stats_t *out)
{
    ui_text_stats_t ts;
    ui_text_stats(ui->text, &ts);
    out->frames = ui->frames;
    out->text_renders = ts.renders;
    out->text_hits = ts.hits;
    out->text_bytes = ts.bytes;
}
