/* One frame of the calling display: the call (huge), the last calls, the
 * waiting per line, the priority rule in words, the time. Landscape puts
 * the call left, centred in its room, and the lists right; portrait puts
 * the call in the upper part and the lists below. The call is as large as
 * its room allows, so that it reads from across the lobby (five metres on
 * the reference 1920x1080 screen): its font is fitted to the width and
 * height it has; the lists use the large font, not the small one. */
#include <stdio.h>
#include <string.h>

#include "display.h"

static const SDL_Color WHITE = {255, 255, 255, 255}, GOLD = {255, 214, 64, 255},
                       GREY = {170, 180, 200, 255}, GREEN = {110, 220, 140, 255},
                       RULE = {40, 64, 110, 255};

static void record(display_draw_t *d, const char *t, SDL_Rect r)
{
    if (d->n_texts >= DISPLAY_TEXTS)
        return;
    snprintf(d->texts[d->n_texts], sizeof d->texts[0], "%s", t);
    d->rects[d->n_texts++] = r;
}

/* Draws text at x, y (centred on x when centre); returns where. */
static SDL_Rect draw(display_draw_t *d, TTF_Font *f, const char *t, SDL_Color c, int x, int y,
                     int centre)
{
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, t, c);
    SDL_Rect dst = {x, y, 0, TTF_FontHeight(f)};
    if (!s)
        return dst;
    SDL_Texture *tx = SDL_CreateTextureFromSurface(d->r, s);
    dst = (SDL_Rect){centre ? x - s->w / 2 : x, y, s->w, s->h};
    if (tx) {
        SDL_RenderCopy(d->r, tx, NULL, &dst);
        SDL_DestroyTexture(tx);
    }
    SDL_FreeSurface(s);
    return dst;
}

/* The same, recorded for expect-text and expect-fit; returns its height. */
static int text(display_draw_t *d, TTF_Font *f, const char *t, SDL_Color c, int x, int y,
                int centre)
{
    SDL_Rect r = draw(d, f, t, c, x, y, centre);
    record(d, t, r);
    return r.h;
}

static int width_of(TTF_Font *f, const char *t)
{
    int w = 0;
    TTF_SizeUTF8(f, t, &w, NULL);
    return w;
}

/* t ending at y_end (its last line's bottom), within maxw: on one line, or,
 * when wider, broken after its first "，" (a portrait screen); recorded
 * whole. Returns the top of what it drew. */
static int text_above(display_draw_t *d, TTF_Font *f, const char *t, SDL_Color c, int x,
                      int y_end, int maxw)
{
    int lh = TTF_FontHeight(f);
    const char *comma = strstr(t, "，");
    if (width_of(f, t) <= maxw || !comma) {
        record(d, t, draw(d, f, t, c, x, y_end - lh, 0));
        return y_end - lh;
    }
    char first[160];
    size_t n = (size_t)(comma - t) + strlen("，");
    snprintf(first, sizeof first, "%.*s", (int)n, t);
    SDL_Rect r1 = draw(d, f, first, c, x, y_end - 2 * lh, 0), r2 = draw(d, f, t + n, c, x, y_end - lh, 0), u;
    SDL_UnionRect(&r1, &r2, &u);
    record(d, t, u);
    return y_end - 2 * lh;
}

/* Sets f to the largest size from px down (5% a step, to min_px) at which
 * each of the n texts fits maxw and one line fits line_h. */
static void fit(TTF_Font *f, int px, int min_px, const char *const *t, int n, int maxw,
                int line_h)
{
    for (;;) {
        TTF_SetFontSize(f, px);
        int fits = TTF_FontHeight(f) <= line_h;
        for (int i = 0; i < n && fits; i++)
            fits = width_of(f, t[i]) <= maxw;
        if (fits || px * 95 / 100 < min_px)
            return;
        px = px * 95 / 100;
    }
}

static void rule(display_draw_t *d, int x, int y, int w, int h)
{
    SDL_SetRenderDrawColor(d->r, RULE.r, RULE.g, RULE.b, 255);
    SDL_Rect r = {x, y, w, h};
    SDL_RenderFillRect(d->r, &r);
}

/* The last calls and the waiting per line in the room from (x, y), w wide
 * and h high: the large font fitted to it (not below the small one), and
 * as many of the last calls as then fit, the newest first. */
static void lists(display_draw_t *d, const display_state_t *s, int x, int y, int w, int h, int gap)
{
    char rows[DISPLAY_RECENT + DISPLAY_LINES][160];
    const char *t[DISPLAY_RECENT + DISPLAY_LINES];
    int n = 0;
    for (int i = 0; i < s->n_recent; i++)
        snprintf(rows[n++], sizeof rows[0], "%s  %d 号台", s->recent[i].label,
                 s->recent[i].counter);
    for (int i = 0; i < s->n_lines; i++, n++) {
        if (s->lines[i].closed)
            snprintf(rows[n], sizeof rows[0], "%c %s  今日停止取号", s->lines[i].letter,
                     s->lines[i].name);
        else
            snprintf(rows[n], sizeof rows[0], "%c %s  %d 人", s->lines[i].letter,
                     s->lines[i].name, s->lines[i].waiting);
    }
    for (int i = 0; i < n; i++)
        t[i] = rows[i];
    int mid_h = TTF_FontHeight(d->mid), heads = s->n_recent > 0 ? 2 : 1;
    int room = h - heads * mid_h - (s->n_recent > 0 ? gap : 0);
    fit(d->big, d->big_px, d->mid_px, t, n, w, n > 0 ? room / n : room);
    int recent = s->n_recent, row_h = TTF_FontHeight(d->big);
    while (recent > 1 && (recent + s->n_lines) * row_h > room)
        recent--;
    if (s->n_recent > 0) {
        y += text(d, d->mid, "最近呼叫", GREY, x, y, 0);
        for (int i = 0; i < recent; i++)
            y += text(d, d->big, t[i], WHITE, x, y, 0);
        y += gap;
    }
    y += text(d, d->mid, "等候人数", GREY, x, y, 0);
    for (int i = 0; i < s->n_lines; i++)
        y += text(d, d->big, t[s->n_recent + i], WHITE, x, y, 0);
}

void display_frame(display_draw_t *d, const display_state_t *s)
{
    d->n_texts = 0;
    SDL_SetRenderDrawColor(d->r, 12, 28, 60, 255);
    SDL_RenderClear(d->r);
    int portrait = d->h > d->w;
    int pad = d->w / 40;
    char a[160], b[160], prio[160];
    /* Top bar: title and time; bottom: the priority rule in words. */
    text(d, d->mid, "叫号 请听呼叫", GREY, pad, pad / 2, 0);
    text(d, d->mid, s->clock, GREY, d->w - pad - width_of(d->mid, s->clock), pad / 2, 0);
    int top = pad / 2 + TTF_FontHeight(d->mid) + pad / 2;
    if (s->priority_every > 0)
        snprintf(prio, sizeof prio, "绿色通道：每叫 %d 个普通号，优先叫 1 个绿色通道号",
                 s->priority_every);
    else
        snprintf(prio, sizeof prio, "绿色通道：优先号先叫");
    int bottom = text_above(d, d->mid, prio, GREEN, pad, d->h - pad, d->w - 2 * pad) - pad / 2;
    rule(d, 0, top - 2, d->w, 2);
    rule(d, 0, bottom, d->w, 2);
    /* The call's room: the left three fifths (landscape) or the upper
     * part (portrait, the lists need about half the height below). */
    int callw = portrait ? d->w : d->w * 3 / 5;
    int callh = portrait ? (bottom - top) * 2 / 5 : bottom - top;
    if (s->current[0]) {
        snprintf(a, sizeof a, "请 %s 号", s->current);
        snprintf(b, sizeof b, "到 %d 号工作台", s->current_counter);
        const char *const call[] = {a, b};
        fit(d->huge, d->huge_px, d->huge_px / 3, call, 2, callw - 2 * pad, (callh - 2 * pad) / 2);
        int lh = TTF_FontHeight(d->huge);
        int y = top + (callh - 2 * lh) / 2;
        y += text(d, d->huge, a, GOLD, callw / 2, y, 1);
        text(d, d->huge, b, WHITE, callw / 2, y, 1);
    } else {
        text(d, d->big, "请稍候", WHITE, callw / 2, top + (callh - TTF_FontHeight(d->big)) / 2,
             1);
    }
    if (portrait) {
        rule(d, pad, top + callh, d->w - 2 * pad, 2);
        lists(d, s, pad, top + callh + pad, d->w - 2 * pad, bottom - top - callh - 2 * pad, pad / 2);
    } else {
        rule(d, callw, top + pad, 2, bottom - top - 2 * pad);
        lists(d, s, callw + pad, top + pad, d->w - callw - 2 * pad, bottom - top - 2 * pad, pad / 2);
    }
    SDL_RenderPresent(d->r);
}

int display_fits(const display_draw_t *d, char *msg, size_t n)
{
    SDL_Rect screen = {0, 0, d->w, d->h}, in;
    for (int i = 0; i < d->n_texts; i++) {
        const SDL_Rect *r = &d->rects[i];
        if (!SDL_IntersectRect(r, &screen, &in) || in.w != r->w || in.h != r->h) {
            snprintf(msg, n, "\"%s\" (%d,%d %dx%d) leaves the %dx%d screen", d->texts[i], r->x,
                     r->y, r->w, r->h, d->w, d->h);
            return 0;
        }
        for (int j = 0; j < i; j++)
            if (SDL_HasIntersection(r, &d->rects[j])) {
                snprintf(msg, n, "\"%s\" overlaps \"%s\"", d->texts[i], d->texts[j]);
                return 0;
            }
    }
    return 1;
}
