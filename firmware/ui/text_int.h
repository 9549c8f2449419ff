/* The text cache's insides, shared by text.c (fonts, layout, rendering,
 * the public calls) and text_cache.c (the hash table and LRU of rendered
 * strings). Nothing outside firmware/ui/text*.c includes this. */
#ifndef UI_TEXT_INT_H
#define UI_TEXT_INT_H

#include "text.h"

#include <stddef.h>

#include <SDL.h>
#include <SDL_ttf.h>

/* A handful of sizes per weight is what a screen uses. Each face costs
 * about 450 KB (FreeType, HarfBuzz, glyph cache) and reopening one from
 * memory well under a millisecond, so the least used one closes. */
#define TEXT_FONT_SLOTS 8
/* Colours of one layout kept at once: a label, its pressed and disabled looks. */
#define TEXT_VARIANTS 4
#define TEXT_DEFAULT_PCT 125
#define TEXT_MAX_PX 512
#define TEXT_MIN_BUCKETS 256
#define TEXT_STACK_LINES 32


typedef struct text_font {
    TTF_Font *font;
    int px, bold;
    /* Where a CJK ideograph's ink sits in a rendered line: its top row and
     * height. Lines are placed so that this ink is centred in the line box,
     * which is what looks centred to a reader of Chinese. */
    int em_top, em_h;
    unsigned long used;
    /* Opened at start only to check the file: the first size asked of its
     * weight takes it over. */
    int spare;
} text_font_t;

typedef struct text_line {
    size_t start, len;  /* bytes of the entry's text, without the "…" */
    int w;              /* advance width, for alignment */
    int sw;             /* width of the rendered line */
    int ink_top, ink_h; /* rows with ink in the rendered line; known once inked */
    int tex_y;          /* where those rows are in the textures */
} text_line_t;

typedef struct text_variant {
    SDL_Color color;
    SDL_Texture *tex; /* NULL when nothing has ink (spaces, empty lines) */
    int tw, th;
    unsigned long used;
} text_variant_t;

typedef struct text_key {
    int px, bold, wrap_w, line_pct, max_lines;
} text_key_t;

typedef struct text_entry {
    struct text_entry *hnext;       /* hash chain */
    struct text_entry *prev, *next; /* LRU list, most recent first */
    size_t hash;
    char *text; /* NUL-terminated copy; wiped before free (phone digits) */
    size_t len;
    text_key_t key;
    int w, h, pitch;
    int box_off; /* top of a rendered line relative to its line box */
    int n;
    text_line_t *lines;
    int ellipsis; /* the last line is shown with "…" after it */
    int inked;    /* lines[].sw/ink_* /tex_y are known */
    text_variant_t var[TEXT_VARIANTS];
    int nvar;
    size_t bytes;
} text_entry_t;

struct ui_text {
    SDL_Renderer *r; /* borrowed */
    char *path[2];   /* regular, bold */
    /* The font files, mapped once: TTF_OpenFont streams a file in small
     * reads and took 15-20 ms per size here, against under 1 ms from
     * memory. Mapped rather than read, FreeType touches only the tables
     * and glyphs it uses: reading all 4 MB cost a sixth of start-up's CPU
     * time (900 page faults). */
    void *data[2];
    size_t data_len[2];
    text_font_t fonts[TEXT_FONT_SLOTS];
    unsigned long tick;
    text_entry_t **buckets;
    size_t nbuckets; /* a power of two */
    text_entry_t *head, *tail;
    int entries;
    size_t bytes, budget;
    unsigned long renders, hits, misses;
    char *scratch; /* NUL-terminated copies of runs for SDL2_ttf */
    size_t scratch_cap, scratch_dirty;
    int oom;
    /* Names no line breaks inside (ui_text_set_names): one block, the
     * pointers then the strings. */
    char **names;
    int n_names;
    char err[256];
};

/* ---- the cache (text_cache.c) ---- */
size_t text_key_hash(const char *s, size_t len, const text_key_t *k);
int text_key_eq(const text_key_t *a, const text_key_t *b);
void text_lru_unlink(ui_text_t *t, text_entry_t *e);
void text_lru_push(ui_text_t *t, text_entry_t *e);
/* Zeroes the pixels first (see text_cache.c), then destroys the texture. */
void text_texture_free(SDL_Texture *tex, int w, int h);
void text_variant_drop(ui_text_t *t, text_entry_t *e, int i);
void text_entry_free(ui_text_t *t, text_entry_t *e);
/* Frees least recently used entries until the cache fits its budget. */
void text_trim(ui_text_t *t);
void text_grow_buckets(ui_text_t *t);
text_entry_t *text_lookup(ui_text_t *t, const char *s, size_t len, const text_key_t *k,
                          size_t hash);

#endif
