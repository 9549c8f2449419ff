/* One frame of the calling display: the call (huge), the last calls, the
 * waiting per line, the priority rule in words, the time. Landscape puts
 * the call left and the lists right; portrait stacks them. */
#include <stdio.h>
#include <string.h>

#include "display.h"

static const SDL_Color WHITE = {255, 255, 255, 255}, GOLD = {255, 214, 64, 255},
                       GREY = {170, 180, 200, 255}, GREEN = {110, 220, 140, 255};

/* Draws text at x, y (centred on x when centre), records it; returns its height. */
static int text(display_draw_t *d, TTF_Font *f, const char *t, SDL_Color c, int x, int y,
                int centre)
{
    if (d->n_texts < DISPLAY_TEXTS)
        snprintf(d->texts[d->n_texts++], sizeof d->texts[0], "%s", t);
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, t, c);
    if (!s)
        return TTF_FontHeight(f);
    SDL_Texture *tx = SDL_CreateTextureFromSurface(d->r, s);
    SDL_Rect dst = {centre ? x - s->w / 2 : x, y, s->w, s->h};
    if (tx) {
        SDL_RenderCopy(d->r, tx, NULL, &dst);
        SDL_DestroyTexture(tx);
    }
    SDL_FreeSurface(s);
    return dst.h;
}

void display_frame(display_draw_t *d, const display_state_t *s)
{
    d->n_texts = 0;
    SDL_SetRenderDrawColor(d->r, 12, 28, 60, 255);
    SDL_RenderClear(d->r);
    int portrait = d->h > d->w;
    int pad = d->w / 40;
    char buf[160];
    /* Top bar: title and time. */
    text(d, d->mid, "叫号 请听呼叫", GREY, pad, pad / 2, 0);
    int tw = 0;
    TTF_SizeUTF8(d->mid, s->clock, &tw, NULL);
    text(d, d->mid, s->clock, GREY, d->w - pad - tw, pad / 2, 0);
    int top = pad / 2 + TTF_FontHeight(d->mid) + pad / 2;
    /* The call. */
    int callw = portrait ? d->w : d->w * 3 / 5;
    int y = top + pad;
    if (s->current[0]) {
        snprintf(buf, sizeof buf, "请 %s 号", s->current);
        y += text(d, d->huge, buf, GOLD, callw / 2, y, 1);
        snprintf(buf, sizeof buf, "到 %d 号工作台", s->current_counter);
        y += text(d, d->huge, buf, WHITE, callw / 2, y, 1);
    } else {
        y += text(d, d->big, "请稍候", WHITE, callw / 2, y + pad, 1) + pad;
    }
    /* The priority rule in words. */
    if (s->priority_every > 0)
        snprintf(buf, sizeof buf, "绿色通道：每叫 %d 个普通号，优先叫 1 个绿色通道号",
                 s->priority_every);
    else
        snprintf(buf, sizeof buf, "绿色通道：优先号先叫");
    /* Lists: right column (landscape) or below (portrait). */
    int lx = portrait ? pad : callw + pad;
    int ly = portrait ? y + pad : top + pad;
    int lh = TTF_FontHeight(d->big);
    text(d, d->mid, "最近呼叫", GREY, lx, ly, 0);
    ly += TTF_FontHeight(d->mid);
    for (int i = 0; i < s->n_recent; i++) {
        snprintf(buf + 100, 60, "%s  %d 号台", s->recent[i].label, s->recent[i].counter);
        text(d, d->big, buf + 100, WHITE, lx, ly, 0);
        ly += lh;
    }
    ly += pad / 2;
    text(d, d->mid, "等候人数", GREY, lx, ly, 0);
    ly += TTF_FontHeight(d->mid);
    for (int i = 0; i < s->n_lines; i++) {
        char l[100];
        if (s->lines[i].closed)
            snprintf(l, sizeof l, "%c %s  今日停止取号", s->lines[i].letter, s->lines[i].name);
        else
            snprintf(l, sizeof l, "%c %s  %d 人", s->lines[i].letter, s->lines[i].name,
                     s->lines[i].waiting);
        text(d, d->mid, l, WHITE, lx, ly, 0);
        ly += TTF_FontHeight(d->mid);
    }
    text(d, d->mid, buf, GREEN, pad, d->h - pad - TTF_FontHeight(d->mid), 0);
    SDL_RenderPresent(d->r);
}
