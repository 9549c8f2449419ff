#include "ticket_render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "../core/linebreak.h"
#include "../ticket/qr.h"

/* The layout is drawn for a 58 mm roll (384 dots at 203 dpi) and every
 * length is scaled from there, so an 80 mm roll gets the same ticket 1.5x. */
#define BASE_DOTS 384
#define MIN_DOTS 128
#define MAX_DOTS 2048

/* Sizes in dots at 384. 24 dots (3 mm) is the smallest at which the
 * strokes of a 1-bit hanzi stay apart on a 203 dpi head. */
#define PX_STATION 28
#define PX_TITLE 26
#define PX_ROW 26
#define PX_CODE_LABEL 24
#define PX_CODE 56
#define PX_HINT 24
#define MARGIN 8
#define LINE_PCT 135

#define QR_QUIET 4 /* modules of white around the symbol, as ISO 18004 asks */

typedef struct canvas {
    int width, stride;
    int cap;        /* rows allocated */
    int y;          /* layout cursor */
    int ink_bottom; /* one past the lowest row drawn into */
    unsigned char *bits;
} canvas_t;

typedef struct render {
    canvas_t cv;
    int width;
    TTF_Font *font[2]; /* regular, bold */
    int font_px[2];    /* size each is set to now */
    char *tmp;         /* NUL-terminated copy of a run, for SDL2_ttf */
    size_t tmp_cap;
    char *err;
    size_t errlen;
    /* The slip's names (station, service, place): no line breaks inside one. */
    const char *names[3];
} render_t;

static void set_err(render_t *r, const char *fmt, ...)
{
    if (!r->err || r->errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
}

static int dots(const render_t *r, int v)
{
    return (v * r->width + BASE_DOTS / 2) / BASE_DOTS;
}

/* ---- the 1-bit canvas ---------------------------------------------------- */

static int cv_reserve(canvas_t *cv, int rows)
{
    if (rows <= cv->cap)
        return 0;
    int cap = cv->cap ? cv->cap : 512;
    while (cap < rows)
        cap *= 2;
    unsigned char *p = realloc(cv->bits, (size_t)cap * (size_t)cv->stride);
    if (!p)
        return -1;
    memset(p + (size_t)cv->cap * cv->stride, 0, (size_t)(cap - cv->cap) * cv->stride);
    cv->bits = p;
    cv->cap = cap;
    return 0;
}

static void cv_dot(canvas_t *cv, int x, int y)
{
    cv->bits[(size_t)y * cv->stride + (size_t)(x >> 3)] |= (unsigned char)(0x80 >> (x & 7));
    if (y + 1 > cv->ink_bottom)
        cv->ink_bottom = y + 1;
}

static int cv_fill(canvas_t *cv, int x0, int y0, int w, int h)
{
    if (cv_reserve(cv, y0 + h) < 0)
        return -1;
    for (int y = y0 < 0 ? 0 : y0; y < y0 + h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x0 + w && x < cv->width; x++)
            cv_dot(cv, x, y);
    return 0;
}

/* Thresholds a rendered text surface into the canvas at (x0, y0). At 50 %
 * grey a stroke keeps its drawn width: a lower cut thickens hanzi until the
 * counters of 国 or 预 fill in on the head. */
static int cv_blit(canvas_t *cv, SDL_Surface *s, int x0, int y0)
{
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!c)
        return -1;
    if (cv_reserve(cv, y0 + c->h) < 0) {
        SDL_FreeSurface(c);
        return -1;
    }
    for (int y = 0; y < c->h; y++) {
        int cy = y0 + y;
        if (cy < 0)
            continue;
        const Uint32 *row = (const Uint32 *)((const Uint8 *)c->pixels + (size_t)y * c->pitch);
        for (int x = 0; x < c->w; x++) {
            int cx = x0 + x;
            if (cx < 0 || cx >= cv->width)
                continue;
            Uint32 p = row[x];
            unsigned a = p >> 24, red = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            /* Luma over a white background. */
            unsigned luma = (red * 299 + g * 587 + b * 114) / 1000;
            unsigned v = (luma * a + 255 * (255 - a)) / 255;
            if (v < 128)
                cv_dot(cv, cx, cy);
        }
    }
    SDL_FreeSurface(c);
    return 0;
}

/* ---- text ---------------------------------------------------------------- */

static TTF_Font *use_font(render_t *r, int bold, int px)
{
    /* TTF_SetFontSize drops the glyph cache, so only when the size changes. */
    if (r->font_px[bold] != px) {
        if (TTF_SetFontSize(r->font[bold], px) < 0) {
            set_err(r, "font size %d: %s", px, TTF_GetError());
            return NULL;
        }
        r->font_px[bold] = px;
    }
    return r->font[bold];
}

static const char *copy_run(render_t *r, const char *s, size_t n)
{
    if (n + 1 > r->tmp_cap) {
        size_t cap = r->tmp_cap ? r->tmp_cap : 256;
        while (cap < n + 1)
            cap *= 2;
        char *p = realloc(r->tmp, cap);
        if (!p)
            return NULL;
        r->tmp = p;
        r->tmp_cap = cap;
    }
    memcpy(r->tmp, s, n);
    r->tmp[n] = '\0';
    return r->tmp;
}

typedef struct measure_ctx {
    render_t *r;
    TTF_Font *font;
} measure_ctx_t;

static int measure(void *ctx, const char *s, size_t n)
{
    measure_ctx_t *m = ctx;
    const char *z = copy_run(m->r, s, n);
    int w = 0;
    if (!z || TTF_SizeUTF8(m->font, z, &w, NULL) < 0)
        return 0;
    return w;
}

/* Offset from the top of a line box to the top of a rendered surface, so
 * that the ideographs (not the font's tall ascent) sit centered in it. */
static int surface_offset(TTF_Font *font, int line_h)
{
    int minx, maxx, miny, maxy, adv;
    if (TTF_GlyphMetrics32(font, 0x56FD, &minx, &maxx, &miny, &maxy, &adv) == 0 &&
        maxy > miny) /* 国 */
        return (line_h - (maxy - miny)) / 2 - (TTF_FontAscent(font) - maxy);
    return (line_h - TTF_FontHeight(font)) / 2;
}

static int draw_run(render_t *r, TTF_Font *font, const char *s, size_t n, int x, int y)
{
    if (n == 0)
        return 0;
    const char *z = copy_run(r, s, n);
    if (!z) {
        set_err(r, "out of memory");
        return -1;
    }
    const SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    SDL_Surface *sf = TTF_RenderUTF8_Shaded(font, z, black, white);
    if (!sf) {
        set_err(r, "rendering text: %s", TTF_GetError());
        return -1;
    }
    int rc = cv_blit(&r->cv, sf, x, y);
    SDL_FreeSurface(sf);
    if (rc < 0)
        set_err(r, "out of memory");
    return rc;
}

/* Lays text out in the column [x, x + w) from the cursor down, wrapped by
 * Chinese rules; align 0 left, 1 centered. Returns the lines drawn, or -1. */
static int paragraph(render_t *r, const char *text, int bold, int px, int x, int w, int center)
{
    TTF_Font *font = use_font(r, bold, px);
    if (!font)
        return -1;
    measure_ctx_t m = {r, font};
    linebreak_line_t stack[16], *lines = stack;
    int n = linebreak_lines_keep(text, w, measure, &m, r->names, 3, lines, 16);
    if (n > 16) {
        lines = malloc((size_t)n * sizeof *lines);
        if (!lines) {
            set_err(r, "out of memory");
            return -1;
        }
        linebreak_lines_keep(text, w, measure, &m, r->names, 3, lines, n);
    }
    int line_h = px * LINE_PCT / 100;
    int off = surface_offset(font, line_h);
    int rc = n;
    for (int i = 0; i < n && rc >= 0; i++) {
        const char *s = text + lines[i].start;
        int lx = x;
        if (center) {
            int lw = measure(&m, s, lines[i].len);
            lx = x + (w - lw) / 2;
        }
        if (draw_run(r, font, s, lines[i].len, lx, r->cv.y + off) < 0)
            rc = -1;
        r->cv.y += line_h;
    }
    if (lines != stack)
        free(lines);
    return rc;
}

static int text_width(render_t *r, TTF_Font *font, const char *s)
{
    measure_ctx_t m = {r, font};
    return measure(&m, s, strlen(s));
}

static int nonempty(const char *s)
{
    return s && s[0];
}

/* ---- the ticket's parts -------------------------------------------------- */

static int rule(render_t *r)
{
    r->cv.y += dots(r, 10);
    if (cv_fill(&r->cv, dots(r, MARGIN), r->cv.y, r->width - 2 * dots(r, MARGIN),
                dots(r, 2) < 2 ? 2 : dots(r, 2)) < 0) {
        set_err(r, "out of memory");
        return -1;
    }
    r->cv.y += dots(r, 2) + dots(r, 12);
    return 0;
}

/* 服务 / 时间 / 地点 / 人数: labels in bold in their own column, values
 * wrapped beside them, so a long place name does not run under the label. */
static int rows(render_t *r, const ui_ticket_t *t)
{
    static const char *const fallback[5] = {"服务", "时间", "地点", "人数", "请携带"};
    const char *value[5] = {t->service, t->when, t->place, t->party, t->bring};
    const char *label[5];
    int px = dots(r, PX_ROW);
    TTF_Font *bold = use_font(r, 1, px);
    if (!bold)
        return -1;
    int content = r->width - 2 * dots(r, MARGIN);
    int label_w = 0;
    for (int i = 0; i < 5; i++) {
        const char *given = i < 4 ? t->labels[i] : t->bring_label;
        label[i] = nonempty(given) ? given : fallback[i];
        if (nonempty(value[i])) {
            int w = text_width(r, bold, label[i]);
            if (w > label_w)
                label_w = w;
        }
    }
    /* An English label must not squeeze the values into a sliver. */
    if (label_w > content * 2 / 5)
        label_w = content * 2 / 5;
    int gap = dots(r, 14);
    int vx = dots(r, MARGIN) + label_w + gap;
    int vw = r->width - dots(r, MARGIN) - vx;
    for (int i = 0; i < 5; i++) {
        if (!nonempty(value[i]))
            continue;
        int top = r->cv.y;
        if (paragraph(r, label[i], 1, px, dots(r, MARGIN), label_w + gap / 2, 0) < 0)
            return -1;
        int label_bottom = r->cv.y;
        r->cv.y = top;
        if (paragraph(r, value[i], 0, px, vx, vw, 0) < 0)
            return -1;
        if (r->cv.y < label_bottom)
            r->cv.y = label_bottom;
        r->cv.y += dots(r, 6);
    }
    return 0;
}

/* The code, large: staff read it aloud or type it when a QR will not scan. */
static int code(render_t *r, const ui_ticket_t *t)
{
    int content = r->width - 2 * dots(r, MARGIN);
    if (nonempty(t->labels[4]) &&
        paragraph(r, t->labels[4], 0, dots(r, PX_CODE_LABEL), dots(r, MARGIN), content, 1) < 0)
        return -1;
    int px = dots(r, PX_CODE);
    TTF_Font *font;
    for (;;) {
        font = use_font(r, 1, px);
        if (!font)
            return -1;
        if (px <= dots(r, PX_ROW) || text_width(r, font, t->code) <= content)
            break;
        px -= 2;
    }
    return paragraph(r, t->code, 1, px, dots(r, MARGIN), content, 1) < 0 ? -1 : 0;
}

static int qr(render_t *r, const char *payload)
{
    ticket_qr_t q;
    if (ticket_qr_encode(payload, &q) < 0) {
        set_err(r, "the QR payload cannot be encoded (too long?)");
        return -1;
    }
    int span = q.width + 2 * QR_QUIET;
    /* At least 6 dots (0.75 mm) a module on 58 mm, 8 on 80 mm: what phone
     * cameras and the check-in scanner read off a thermal print. Otherwise
     * the symbol takes about 5/8 of the roll. */
    int min_mod = r->width >= 576 ? 8 : 6;
    int mod = r->width * 5 / 8 / q.width;
    if (mod < min_mod)
        mod = min_mod;
    if (mod > r->width / span)
        mod = r->width / span;
    if (mod < min_mod) {
        set_err(r, "the QR (%d modules) does not fit %d dots", q.width, r->width);
        ticket_qr_free(&q);
        return -1;
    }
    /* The quiet zone is the canvas's own white: nothing else is drawn in
     * the span's rows. */
    int x0 = (r->width - q.width * mod) / 2;
    int y0 = r->cv.y + QR_QUIET * mod;
    if (cv_reserve(&r->cv, y0 + (q.width + QR_QUIET) * mod) < 0) {
        set_err(r, "out of memory");
        ticket_qr_free(&q);
        return -1;
    }
    for (int my = 0; my < q.width; my++)
        for (int mx = 0; mx < q.width; mx++)
            if (q.dark[my * q.width + mx])
                cv_fill(&r->cv, x0 + mx * mod, y0 + my * mod, mod, mod);
    r->cv.y = y0 + (q.width + QR_QUIET) * mod;
    ticket_qr_free(&q);
    return 0;
}

static int layout(render_t *r, const ui_ticket_t *t)
{
    int m = dots(r, MARGIN), content = r->width - 2 * m;
    r->cv.y = dots(r, 12);
    if (nonempty(t->station) && paragraph(r, t->station, 1, dots(r, PX_STATION), m, content, 1) < 0)
        return -1;
    if (nonempty(t->title)) {
        r->cv.y += dots(r, 4);
        if (paragraph(r, t->title, 0, dots(r, PX_TITLE), m, content, 1) < 0)
            return -1;
    }
    if (rule(r) < 0 || rows(r, t) < 0)
        return -1;
    if (nonempty(t->code)) {
        if (rule(r) < 0 || code(r, t) < 0)
            return -1;
    }
    if (!t->no_qr && qr(r, t->payload) < 0)
        return -1;
    if (nonempty(t->hint) && paragraph(r, t->hint, 0, dots(r, PX_HINT), m, content, 1) < 0)
        return -1;
    /* White under the hint: the cut falls a little below the last line. */
    r->cv.y += dots(r, 24);
    return 0;
}

static TTF_Font *open_font(render_t *r, const char *path)
{
    TTF_Font *f = path ? TTF_OpenFont(path, dots(r, PX_ROW)) : NULL;
    if (!f) {
        set_err(r, "font %s: %s", path ? path : "(none)", path ? TTF_GetError() : "no path");
        return NULL;
    }
    /* The lighter hinting the screen uses leaves stems on half dots, which
     * the threshold then drops or doubles unevenly. */
    TTF_SetFontHinting(f, TTF_HINTING_NORMAL);
    return f;
}

int ui_ticket_render(const char *font_regular, const char *font_bold, const ui_ticket_t *t,
                     int width_dots, escpos_bitmap_t *out, char *err, size_t errlen)
{
    render_t r = {.width = width_dots, .err = err, .errlen = errlen};
    if (err && errlen)
        err[0] = '\0';
    if (out)
        memset(out, 0, sizeof *out);
    if (!t || !out || (t->no_qr ? !nonempty(t->code) : !nonempty(t->payload))) {
        set_err(&r, "no ticket to render");
        return -1;
    }
    r.names[0] = t->station;
    r.names[1] = t->service;
    r.names[2] = t->place;
    if (width_dots < MIN_DOTS || width_dots > MAX_DOTS || width_dots % 8) {
        set_err(&r, "printer width %d dots: expected a multiple of 8 in %d..%d (384, 576)",
                width_dots, MIN_DOTS, MAX_DOTS);
        return -1;
    }
    r.cv.width = width_dots;
    r.cv.stride = (width_dots + 7) / 8;
    r.font[0] = open_font(&r, font_regular);
    r.font[1] = r.font[0] ? open_font(&r, font_bold) : NULL;
    r.font_px[0] = r.font_px[1] = dots(&r, PX_ROW);
    int rc = r.font[1] ? layout(&r, t) : -1;
    if (r.font[0])
        TTF_CloseFont(r.font[0]);
    if (r.font[1])
        TTF_CloseFont(r.font[1]);
    free(r.tmp);
    if (rc < 0) {
        free(r.cv.bits);
        return -1;
    }
    int h = r.cv.y > r.cv.ink_bottom ? r.cv.y : r.cv.ink_bottom;
    if (cv_reserve(&r.cv, h) < 0) {
        set_err(&r, "out of memory");
        free(r.cv.bits);
        return -1;
    }
    out->width = width_dots;
    out->height = h;
    out->bits = r.cv.bits;
    return 0;
}
