#include "text_int.h"
#include "../core/wipe.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "../core/linebreak.h"

static const char ellipsis[] = "\xE2\x80\xA6"; /* … */

#if defined(__GNUC__)
#define TEXT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TEXT_PRINTF(a, b)
#endif
static void set_err(ui_text_t *t, const char *fmt, ...) TEXT_PRINTF(2, 3);

static void set_err(ui_text_t *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->err, sizeof t->err, fmt, ap);
    va_end(ap);
}

const char *ui_text_errmsg(const ui_text_t *t)
{
    return t ? t->err : "no text cache";
}

/* ---- fonts --------------------------------------------------------------- */

static text_font_t *get_font(ui_text_t *t, int px, int bold)
{
    text_font_t *slot = NULL;
    for (int i = 0; i < TEXT_FONT_SLOTS; i++) {
        text_font_t *f = &t->fonts[i];
        if (f->font && f->px == px && f->bold == bold) {
            f->used = ++t->tick;
            f->spare = 0;
            return f;
        }
        if (!slot || (slot->font && (!f->font || f->used < slot->used)))
            slot = f;
    }
    text_font_t *spare = NULL;
    for (int i = 0; i < TEXT_FONT_SLOTS; i++)
        if (t->fonts[i].font && t->fonts[i].spare && t->fonts[i].bold == bold)
            spare = &t->fonts[i];
    int resized = 0;
#if SDL_TTF_VERSION_ATLEAST(2, 0, 18)
    /* Resizing skips FT_Open_Face, which parses the CFF font again: the
     * two faces opened to check the files were an eighth of start-up. */
    if (spare && TTF_SetFontSize(spare->font, px) == 0) {
        slot = spare;
        resized = 1;
    }
#endif
    if (!resized) {
        /* Textures do not refer to their font, so closing one is always safe. */
        if (slot->font)
            TTF_CloseFont(slot->font);
        SDL_RWops *rw = SDL_RWFromConstMem(t->data[bold], (int)t->data_len[bold]);
        slot->font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
        if (!slot->font) {
            set_err(t, "font %s: %s", t->path[bold], TTF_GetError());
            return NULL;
        }
        TTF_SetFontHinting(slot->font, TTF_HINTING_LIGHT);
    }
    slot->spare = 0;
    slot->px = px;
    slot->bold = bold;
    int minx, maxx, miny, maxy, adv;
    if (TTF_GlyphIsProvided32(slot->font, 0x56FD) &&
        TTF_GlyphMetrics32(slot->font, 0x56FD, &minx, &maxx, &miny, &maxy, &adv) == 0 &&
        maxy > miny) {
        slot->em_top = TTF_FontAscent(slot->font) - maxy; /* 国 */
        slot->em_h = maxy - miny;
    } else {
        slot->em_top = 0;
        slot->em_h = TTF_FontHeight(slot->font);
    }
    slot->used = ++t->tick;
    return slot;
}

/* ---- measuring ----------------------------------------------------------- */

/* SDL2_ttf wants NUL-terminated strings; runs of the text are copied here. */
static const char *scratch_copy(ui_text_t *t, const char *s, size_t n, const char *suffix)
{
    size_t sl = suffix ? strlen(suffix) : 0;
    if (n + sl + 1 > t->scratch_cap) {
        size_t cap = t->scratch_cap ? t->scratch_cap : 256;
        while (cap < n + sl + 1)
            cap *= 2;
        char *p = malloc(cap);
        if (!p) {
            t->oom = 1;
            return NULL;
        }
        wipe_bytes(t->scratch, t->scratch_cap);
        free(t->scratch);
        t->scratch = p;
        t->scratch_cap = cap;
        t->scratch_dirty = 0;
    }
    memcpy(t->scratch, s, n);
    memcpy(t->scratch + n, suffix ? suffix : "", sl + 1);
    if (n + sl > t->scratch_dirty)
        t->scratch_dirty = n + sl;
    return t->scratch;
}

static void scratch_wipe(ui_text_t *t)
{
    wipe_bytes(t->scratch, t->scratch_dirty);
    t->scratch_dirty = 0;
}

static int width_of(ui_text_t *t, TTF_Font *font, const char *s, size_t n, const char *suffix)
{
    const char *z = scratch_copy(t, s, n, suffix);
    int w = 0;
    if (!z || TTF_SizeUTF8(font, z, &w, NULL) < 0)
        return 0;
    return w;
}

typedef struct measure_ctx {
    ui_text_t *t;
    TTF_Font *font;
} measure_ctx_t;

static int measure_ttf(void *ctx, const char *s, size_t n)
{
    measure_ctx_t *m = ctx;
    return width_of(m->t, m->font, s, n, NULL);
}

/* Without wrap_w only '\n' breaks, and nothing needs measuring. */
static int measure_none(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    (void)s;
    (void)n;
    return 0;
}

/* A pause mark or space before "…" reads as a typo ("堂”，…"). */
static size_t trailing_pause(const char *s, size_t len)
{
    static const char *const marks[] = {" ", "\t", ",", ";", ":", "，", "、", "；", "：", "。"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t k = strlen(marks[i]);
        if (k <= len && memcmp(s + len - k, marks[i], k) == 0)
            return k;
    }
    return 0;
}

static int latin_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '-';
}

/* Drops characters (and then pause marks) from the end of the last line
 * until it fits with "…" after it. A Latin word is not cut in the middle
 * ("children i…"): the cut goes back to the word's start, and when that
 * leaves the line empty, the line before takes the "…". */
static void fit_ellipsis(ui_text_t *t, TTF_Font *font, text_entry_t *e)
{
    for (;;) {
        text_line_t *l = &e->lines[e->n - 1];
        const char *s = e->text + l->start;
        for (;;) {
            size_t k;
            while ((k = trailing_pause(s, l->len)) > 0)
                l->len -= k;
            if (l->len == 0 || e->key.wrap_w <= 0 ||
                width_of(t, font, s, l->len, ellipsis) <= e->key.wrap_w)
                break;
            int back = 0;
            do
                l->len--;
            while (l->len > 0 && ((unsigned char)s[l->len] & 0xC0) == 0x80 && ++back < 3);
        }
        size_t cut = l->len, k;
        if (cut == 0 || !latin_word_char(s[cut - 1]) || !latin_word_char(s[cut]))
            return;
        while (cut > 0 && latin_word_char(s[cut - 1]))
            cut--;
        while ((k = trailing_pause(s, cut)) > 0)
            cut -= k;
        if (cut > 0 || e->n == 1) {
            l->len = cut > 0 ? cut : l->len;
            return;
        }
        e->n--;
    }
}

static text_entry_t *layout(ui_text_t *t, const char *s, size_t len, const text_key_t *k,
                            size_t hash)
{
    text_font_t *f = get_font(t, k->px, k->bold);
    if (!f)
        return NULL;
    text_entry_t *e = calloc(1, sizeof *e);
    linebreak_line_t stack[TEXT_STACK_LINES], *ll = stack;
    if (!e)
        goto oom;
    e->text = malloc(len + 1);
    if (!e->text)
        goto oom;
    memcpy(e->text, s, len + 1);
    e->len = len;
    e->key = *k;
    e->hash = hash;

    measure_ctx_t m = {t, f->font};
    int max_w = k->wrap_w > 0 ? k->wrap_w : INT_MAX;
    linebreak_measure_fn fn = k->wrap_w > 0 ? measure_ttf : measure_none;
    t->oom = 0;
    const char *const *names = (const char *const *)t->names;
    int total =
        linebreak_lines_keep(e->text, max_w, fn, &m, names, t->n_names, ll, TEXT_STACK_LINES);
    int n = k->max_lines > 0 && total > k->max_lines ? k->max_lines : total;
    if (n > TEXT_STACK_LINES) {
        ll = malloc((size_t)n * sizeof *ll);
        if (!ll)
            goto oom;
        linebreak_lines_keep(e->text, max_w, fn, &m, names, t->n_names, ll, n);
    }
    e->lines = calloc((size_t)n, sizeof *e->lines);
    if (!e->lines)
        goto oom;
    e->n = n;
    for (int i = 0; i < n; i++) {
        e->lines[i].start = ll[i].start;
        e->lines[i].len = ll[i].len;
    }
    if (ll != stack)
        free(ll);
    ll = stack;
    e->ellipsis = total > n;
    if (e->ellipsis) {
        fit_ellipsis(t, f->font, e);
        n = e->n;
    }
    for (int i = 0; i < n; i++) {
        text_line_t *l = &e->lines[i];
        int last = e->ellipsis && i == n - 1;
        l->w = l->len || last
                   ? width_of(t, f->font, e->text + l->start, l->len, last ? ellipsis : NULL)
                   : 0;
        if (l->w > e->w)
            e->w = l->w;
    }
    if (t->oom)
        goto oom;
    e->pitch = (k->px * k->line_pct + 50) / 100;
    if (e->pitch < 1)
        e->pitch = 1;
    e->h = n * e->pitch;
    e->box_off = (e->pitch - f->em_h) / 2 - f->em_top;
    e->bytes = sizeof *e + len + 1 + (size_t)n * sizeof *e->lines;
    scratch_wipe(t);

    size_t b = hash & (t->nbuckets - 1);
    e->hnext = t->buckets[b];
    t->buckets[b] = e;
    text_lru_push(t, e);
    t->entries++;
    t->bytes += e->bytes;
    if ((size_t)t->entries > t->nbuckets)
        text_grow_buckets(t);
    return e;

oom:
    scratch_wipe(t);
    if (ll != stack)
        free(ll);
    if (e) {
        wipe_bytes(e->text, e->len);
        free(e->text);
        free(e->lines);
        free(e);
    }
    set_err(t, "out of memory laying out text");
    return NULL;
}

static void free_surface(SDL_Surface *s)
{
    if (!s)
        return;
    if (s->pixels)
        wipe_bytes(s->pixels, (size_t)s->pitch * (size_t)s->h);
    SDL_FreeSurface(s);
}

/* Rows of a rendered line that hold any ink, so textures and blits skip
 * the empty ascender and descender space. */
static void ink_rows(const SDL_Surface *s, int *top, int *h)
{
    int first = -1, last = -1;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            if (row[x] >> 24) {
                if (first < 0)
                    first = y;
                last = y;
                break;
            }
        }
    }
    *top = first < 0 ? 0 : first;
    *h = first < 0 ? 0 : last - first + 1;
}

/* Renders every line once with SDL2_ttf and stacks the lines' ink rows,
 * left-aligned, into one texture of colour c; alignment happens at draw
 * time. Line surfaces are copied pixel by pixel rather than blitted: only
 * the coverage (alpha) is taken, and the colour is set exactly. */
static text_variant_t *render(ui_text_t *t, text_entry_t *e, SDL_Color c)
{
    text_font_t *f = get_font(t, e->key.px, e->key.bold);
    if (!f)
        return NULL;
    SDL_Surface **surf = calloc((size_t)e->n, sizeof *surf);
    Uint32 *pixels = NULL;
    SDL_Texture *tex = NULL;
    int tw = 0, th = 0, ok = 1;
    if (!surf) {
        set_err(t, "out of memory rendering text");
        return NULL;
    }
    const SDL_Color white = {255, 255, 255, 255};
    for (int i = 0; i < e->n && ok; i++) {
        text_line_t *l = &e->lines[i];
        int last = e->ellipsis && i == e->n - 1;
        if (!l->len && !last) {
            l->ink_h = 0;
            continue;
        }
        const char *z = scratch_copy(t, e->text + l->start, l->len, last ? ellipsis : NULL);
        if (!z) {
            set_err(t, "out of memory rendering text");
            ok = 0;
            break;
        }
        t->renders++;
        SDL_Surface *s = TTF_RenderUTF8_Blended(f->font, z, white);
        if (s && s->format->format != SDL_PIXELFORMAT_ARGB8888) {
            SDL_Surface *conv = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
            free_surface(s);
            s = conv;
        }
        if (!s) {
            /* Zero-width text (e.g. only a zero-width space) renders nothing. */
            if (l->w > 0) {
                set_err(t, "rendering text: %s", TTF_GetError());
                ok = 0;
            }
            l->ink_h = 0;
            continue;
        }
        surf[i] = s;
        if (!e->inked) {
            ink_rows(s, &l->ink_top, &l->ink_h);
            l->sw = s->w;
        }
        if (l->ink_h > 0) {
            l->tex_y = th;
            th += l->ink_h;
            if (l->sw > tw)
                tw = l->sw;
        }
    }
    scratch_wipe(t);
    if (ok)
        e->inked = 1;
    if (ok && tw > 0 && th > 0) {
        pixels = malloc((size_t)tw * (size_t)th * 4);
        tex = pixels ? SDL_CreateTexture(t->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                         tw, th)
                     : NULL;
        if (!tex) {
            set_err(t, "text texture %dx%d: %s", tw, th, pixels ? SDL_GetError() : "out of memory");
            ok = 0;
        }
    }
    if (tex) {
        Uint32 rgb = (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
        for (size_t i = 0; i < (size_t)tw * (size_t)th; i++)
            pixels[i] = rgb; /* transparent, but the right colour for filtering */
        for (int i = 0; i < e->n; i++) {
            const text_line_t *l = &e->lines[i];
            const SDL_Surface *s = surf[i];
            if (!s || l->ink_h == 0)
                continue;
            int w = s->w < l->sw ? s->w : l->sw;
            for (int y = 0; y < l->ink_h && l->ink_top + y < s->h; y++) {
                const Uint32 *src = (const Uint32 *)((const Uint8 *)s->pixels +
                                                     (size_t)(l->ink_top + y) * s->pitch);
                Uint32 *dst = pixels + (size_t)(l->tex_y + y) * tw;
                for (int x = 0; x < w; x++) {
                    Uint32 a = ((src[x] >> 24) * c.a + 127) / 255;
                    dst[x] = a << 24 | rgb;
                }
            }
        }
        if (SDL_UpdateTexture(tex, NULL, pixels, tw * 4) < 0 ||
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND) < 0) {
            set_err(t, "text texture: %s", SDL_GetError());
            SDL_DestroyTexture(tex);
            tex = NULL;
            ok = 0;
        }
    }
    if (pixels) {
        wipe_bytes(pixels, (size_t)tw * (size_t)th * 4);
        free(pixels);
    }
    for (int i = 0; i < e->n; i++)
        free_surface(surf[i]);
    free(surf);
    if (!ok)
        return NULL;

    if (e->nvar == TEXT_VARIANTS) {
        int oldest = 0;
        for (int i = 1; i < e->nvar; i++)
            if (e->var[i].used < e->var[oldest].used)
                oldest = i;
        text_variant_drop(t, e, oldest);
    }
    text_variant_t *v = &e->var[e->nvar++];
    v->color = c;
    v->tex = tex;
    v->tw = tex ? tw : 0;
    v->th = tex ? th : 0;
    size_t b = (size_t)v->tw * (size_t)v->th * 4;
    e->bytes += b;
    t->bytes += b;
    return v;
}

/* Normalises a style into a cache key, so equal-looking styles share one. */
static int make_key(ui_text_t *t, const ui_text_style_t *st, text_key_t *k)
{
    if (!st || st->px <= 0 || st->px > TEXT_MAX_PX) {
        set_err(t, "bad text style (px %d)", st ? st->px : 0);
        return -1;
    }
    k->px = st->px;
    k->bold = st->bold ? 1 : 0;
    k->wrap_w = st->wrap_w > 0 ? st->wrap_w : 0;
    k->line_pct = st->line_pct > 0 ? st->line_pct : TEXT_DEFAULT_PCT;
    k->max_lines = st->max_lines > 0 ? st->max_lines : 0;
    return 0;
}

/* The entry for (s, st), laid out if needed; *fresh says it was not cached. */
static text_entry_t *get_entry(ui_text_t *t, const char *s, const ui_text_style_t *st, int *fresh)
{
    text_key_t k;
    if (!s) {
        set_err(t, "no text");
        return NULL;
    }
    if (make_key(t, st, &k) < 0)
        return NULL;
    size_t len = strlen(s);
    size_t hash = text_key_hash(s, len, &k);
    text_entry_t *e = text_lookup(t, s, len, &k, hash);
    *fresh = !e;
    if (e) {
        text_lru_unlink(t, e);
        text_lru_push(t, e);
        return e;
    }
    return layout(t, s, len, &k, hash);
}

/* ---- public -------------------------------------------------------------- */

/* Maps a font file read-only; returns NULL, or why not. */
static const char *map_font(const char *path, void **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return strerror(errno);
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode) || st.st_size == 0)
        why = "not a font file";
    else if ((uintmax_t)st.st_size > INT_MAX)
        why = "too large";
    else {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED)
            why = strerror(errno);
        else {
            *data = p;
            *len = (size_t)st.st_size;
        }
    }
    close(fd);
    return why;
}

ui_text_t *ui_text_create(SDL_Renderer *r, const char *regular_path, const char *bold_path,
                          size_t budget_bytes, char *err, size_t errlen)
{
    char dummy[1];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    if (!r || !regular_path || !bold_path) {
        snprintf(err, errlen, "text: no renderer or font path");
        return NULL;
    }
    if (TTF_Init() < 0) {
        snprintf(err, errlen, "SDL2_ttf: %s", TTF_GetError());
        return NULL;
    }
    ui_text_t *t = calloc(1, sizeof *t);
    if (!t) {
        TTF_Quit();
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->r = r;
    t->budget = budget_bytes;
    t->nbuckets = TEXT_MIN_BUCKETS;
    t->buckets = calloc(t->nbuckets, sizeof *t->buckets);
    t->path[0] = malloc(strlen(regular_path) + 1);
    t->path[1] = malloc(strlen(bold_path) + 1);
    if (!t->buckets || !t->path[0] || !t->path[1]) {
        snprintf(err, errlen, "out of memory");
        ui_text_destroy(t);
        return NULL;
    }
    strcpy(t->path[0], regular_path);
    strcpy(t->path[1], bold_path);
    /* Open both now so a missing or broken font fails at start, not on the
     * first bold label; each then serves the first size asked of its weight. */
    for (int bold = 0; bold < 2; bold++) {
        const char *why = map_font(t->path[bold], &t->data[bold], &t->data_len[bold]);
        if (why) {
            snprintf(err, errlen, "font %s: %s", t->path[bold], why);
            ui_text_destroy(t);
            return NULL;
        }
        text_font_t *f = get_font(t, 32, bold);
        if (!f) {
            snprintf(err, errlen, "%s", t->err);
            ui_text_destroy(t);
            return NULL;
        }
        f->spare = 1;
    }
    return t;
}

void ui_text_destroy(ui_text_t *t)
{
    if (!t)
        return;
    if (t->buckets)
        ui_text_flush(t);
    for (int i = 0; i < TEXT_FONT_SLOTS; i++)
        if (t->fonts[i].font)
            TTF_CloseFont(t->fonts[i].font);
    wipe_bytes(t->scratch, t->scratch_cap);
    free(t->scratch);
    for (int i = 0; i < 2; i++) /* after the fonts that read them */
        if (t->data[i])
            munmap(t->data[i], t->data_len[i]);
    free(t->buckets);
    free(t->names);
    free(t->path[0]);
    free(t->path[1]);
    free(t);
    TTF_Quit();
}

int ui_text_size(ui_text_t *t, const char *utf8, const ui_text_style_t *st, int *w, int *h)
{
    if (!t)
        return -1;
    int fresh;
    text_entry_t *e = get_entry(t, utf8, st, &fresh);
    if (!e)
        return -1;
    if (fresh)
        t->misses++;
    else
        t->hits++;
    if (w)
        *w = e->w;
    if (h)
        *h = e->h;
    text_trim(t);
    return 0;
}

int ui_text_draw(ui_text_t *t, const char *utf8, const ui_text_style_t *st, int x, int y)
{
    if (!t)
        return -1;
    int fresh;
    text_entry_t *e = get_entry(t, utf8, st, &fresh);
    if (!e)
        return -1;
    text_variant_t *v = NULL;
    for (int i = 0; i < e->nvar; i++) {
        SDL_Color c = e->var[i].color;
        if (c.r == st->color.r && c.g == st->color.g && c.b == st->color.b && c.a == st->color.a) {
            v = &e->var[i];
            break;
        }
    }
    if (!v) {
        fresh = 1;
        v = render(t, e, st->color);
        if (!v) {
            text_trim(t);
            return -1;
        }
    }
    if (fresh)
        t->misses++;
    else
        t->hits++;
    v->used = ++t->tick;
    int rc = e->h;
    if (v->tex) {
        int box_w = e->key.wrap_w > 0 ? e->key.wrap_w : e->w;
        for (int i = 0; i < e->n; i++) {
            const text_line_t *l = &e->lines[i];
            if (l->ink_h == 0)
                continue;
            int dx = st->align == UI_ALIGN_CENTER  ? (box_w - l->w) / 2
                     : st->align == UI_ALIGN_RIGHT ? box_w - l->w
                                                   : 0;
            SDL_Rect src = {0, l->tex_y, l->sw, l->ink_h};
            SDL_Rect dst = {x + dx, y + i * e->pitch + e->box_off + l->ink_top, l->sw, l->ink_h};
            if (SDL_RenderCopy(t->r, v->tex, &src, &dst) < 0) {
                set_err(t, "drawing text: %s", SDL_GetError());
                rc = -1;
            }
        }
    }
    /* After the copies: a text bigger than the whole budget is drawn once
     * and dropped here (SDL flushes queued copies before destroying). */
    text_trim(t);
    return rc;
}

int ui_text_lines(ui_text_t *t, const char *utf8, const ui_text_style_t *st, char *out,
                  size_t outlen)
{
    if (!t || !out || outlen == 0)
        return -1;
    int fresh;
    text_entry_t *e = get_entry(t, utf8, st, &fresh);
    if (!e)
        return -1;
    size_t o = 0;
    for (int i = 0; i < e->n; i++) {
        const text_line_t *l = &e->lines[i];
        const char *tail = e->ellipsis && i == e->n - 1 ? ellipsis : "";
        int k = snprintf(out + o, outlen - o, "%s%.*s%s", i ? "\n" : "", (int)l->len,
                         e->text + l->start, tail);
        if (k < 0 || (size_t)k >= outlen - o) {
            out[o] = '\0';
            text_trim(t);
            return -1;
        }
        o += (size_t)k;
    }
    text_trim(t);
    return e->n;
}

int ui_text_cut(ui_text_t *t, const char *utf8, const ui_text_style_t *st)
{
    int fresh;
    if (!t)
        return 0;
    text_entry_t *e = get_entry(t, utf8, st, &fresh);
    int cut = e && e->ellipsis;
    text_trim(t);
    return cut;
}

static int names_equal(const ui_text_t *t, const char *const *names, int n)
{
    if (n != t->n_names)
        return 0;
    for (int i = 0; i < n; i++)
        if (strcmp(t->names[i], names[i] ? names[i] : "") != 0)
            return 0;
    return 1;
}

int ui_text_set_names(ui_text_t *t, const char *const *names, int n)
{
    if (!t)
        return -1;
    if (!names || n < 0)
        n = 0;
    if (names_equal(t, names, n))
        return 0;
    char **block = NULL;
    if (n > 0) {
        size_t bytes = (size_t)n * sizeof *block;
        for (int i = 0; i < n; i++)
            bytes += strlen(names[i] ? names[i] : "") + 1;
        block = malloc(bytes);
        if (!block) {
            set_err(t, "out of memory keeping names");
            return -1;
        }
        char *p = (char *)(block + n);
        for (int i = 0; i < n; i++) {
            size_t len = strlen(names[i] ? names[i] : "");
            memcpy(p, names[i] ? names[i] : "", len + 1);
            block[i] = p;
            p += len + 1;
        }
    }
    free(t->names);
    t->names = block;
    t->n_names = n;
    /* Cached layouts were broken with the old names. */
    ui_text_flush(t);
    return 0;
}

void ui_text_stats(const ui_text_t *t, ui_text_stats_t *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!t)
        return;
    out->renders = t->renders;
    out->hits = t->hits;
    out->misses = t->misses;
    out->entries = t->entries;
    out->bytes = t->bytes;
}

void ui_text_flush(ui_text_t *t)
{
    if (!t)
        return;
    while (t->head)
        text_entry_free(t, t->head);
    scratch_wipe(t);
}
