/* Rendered-text cache on SDL2_ttf. SDL2_ttf keeps only 256 glyphs per font,
 * so a Chinese screen would rasterise its glyphs again every frame; instead
 * each (string, style) is laid out and rendered once into a texture and
 * reused, and no TTF_Render* call is made for unchanged text.
 *
 * Layout (line breaks, sizes) is cached per (text, px, bold, wrap_w,
 * line_pct, max_lines); textures per colour of such a layout, so measuring
 * renders nothing and the same label in another alignment costs nothing.
 * Colour is baked into the texture because a colour-modulated blit is about
 * eight times slower than a plain blended one in the software renderer.
 *
 * Everything here is single-threaded and tied to the renderer it was
 * created with. */
#ifndef UI_TEXT_H
#define UI_TEXT_H

#include <stddef.h>

#include <SDL.h>

/* Identical redefinitions are legal, so another ui header may define these too. */
#define UI_ALIGN_LEFT 0
#define UI_ALIGN_CENTER 1
#define UI_ALIGN_RIGHT 2

typedef struct ui_text ui_text_t;

typedef struct ui_text_style {
    int px;          /* font pixel size */
    int bold;        /* 0 regular, 1 bold */
    SDL_Color color; /* .a is honoured: 255 opaque */
    int wrap_w;      /* 0: one line (only '\n' breaks); else wrap to this width in px */
    int line_pct;    /* line spacing in percent of px, e.g. 130; 0 = 125 */
    int align;       /* UI_ALIGN_*: within wrap_w, or within the widest line */
    int max_lines;   /* 0: no limit; else truncate, last line ends with "…" */
} ui_text_style_t;

/* Opens the two fonts (FreeType via SDL2_ttf; TTF_Init is reference-counted,
 * so this takes its own reference and destroy drops it). The renderer is
 * borrowed and must outlive the cache. budget_bytes caps the cache's memory
 * (textures as w*h*4 plus the layouts) with LRU eviction; one text larger
 * than the whole budget is drawn but not kept. Returns NULL and a message in
 * err on failure (e.g. a missing font file: the message names the path). */
ui_text_t *ui_text_create(SDL_Renderer *r, const char *regular_path, const char *bold_path,
                          size_t budget_bytes, char *err, size_t errlen);
/* NULL-safe; wipes and frees the textures, closes the fonts. */
void ui_text_destroy(ui_text_t *t);

/* Size the text takes: *w is its widest line (with wrap_w, at most wrap_w
 * unless a single character is wider), *h is lines * line spacing. Cached;
 * it lays out but renders nothing, so it is cheap to call every frame.
 * Empty text is 0 wide and one line high. 0 or -1. */
int ui_text_size(ui_text_t *t, const char *utf8, const ui_text_style_t *st, int *w, int *h);

/* Draws with (x, y) the top-left of the box: with wrap_w the box is wrap_w
 * wide and lines are aligned within it, else it is the widest line. Ink may
 * reach a pixel or two past the box for Latin descenders at tight spacing.
 * Returns the height of the box (as ui_text_size), or -1. */
int ui_text_draw(ui_text_t *t, const char *utf8, const ui_text_style_t *st, int x, int y);

/* The lines as laid out, '\n' between them and "…" where the text is cut,
 * into out (for tests and checks of what a resident can read). Returns the
 * number of lines, or -1 (also when out is too small). */
int ui_text_lines(ui_text_t *t, const char *utf8, const ui_text_style_t *st, char *out,
                  size_t outlen);

/* 1 when the text is laid out cut, "…" after its last line (more lines
 * than st->max_lines): what the `widgets` dump reports as elided. */
int ui_text_cut(ui_text_t *t, const char *utf8, const ui_text_style_t *st);

/* Names a line never breaks inside unless one is wider than the line (the
 * station's, its categories', services' and places', from the catalog; see
 * core/linebreak.h). Copied; a set that differs from the last replaces it
 * and drops the cached layouts, the same set costs n string compares.
 * NULL or 0 clears it. 0, or -1 (out of memory: the old set stays). */
int ui_text_set_names(ui_text_t *t, const char *const *names, int n);

typedef struct ui_text_stats {
    unsigned long renders;      /* TTF_Render* calls */
    unsigned long hits, misses; /* size/draw calls served from the cache, or not */
    int entries;                /* cached layouts */
    size_t bytes;               /* what counts against the budget */
} ui_text_stats_t;
void ui_text_stats(const ui_text_t *t, ui_text_stats_t *out);

/* Drops every cached layout and texture (e.g. at the idle reset, so no typed
 * digits survive in memory): key strings and texture pixels are zeroed
 * before they are freed. Also needed after SDL_RENDER_DEVICE_RESET, when
 * the renderer's textures are lost. Counters are kept. */
void ui_text_flush(ui_text_t *t);

/* Why the last call failed; never NULL. Owned by t. */
const char *ui_text_errmsg(const ui_text_t *t);

#endif
