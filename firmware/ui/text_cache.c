/* The cache of rendered strings: a hash table of layouts keyed by text and
 * style, each with a few coloured textures, in one LRU list trimmed to a
 * byte budget. SDL2_ttf 2.20 keeps only 256 glyphs per font, which a
 * Chinese screen thrashes, so whole strings are kept here instead. */
#include "text_int.h"
#include "../core/wipe.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t text_key_hash(const char *s, size_t len, const text_key_t *k)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    const int v[] = {k->px, k->bold, k->wrap_w, k->line_pct, k->max_lines};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        h = (h ^ (uint32_t)v[i]) * 1099511628211u;
    return (size_t)(h ^ (h >> 32));
}

int text_key_eq(const text_key_t *a, const text_key_t *b)
{
    return a->px == b->px && a->bold == b->bold && a->wrap_w == b->wrap_w &&
           a->line_pct == b->line_pct && a->max_lines == b->max_lines;
}

void text_lru_unlink(ui_text_t *t, text_entry_t *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        t->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        t->tail = e->prev;
    e->prev = e->next = NULL;
}

void text_lru_push(ui_text_t *t, text_entry_t *e)
{
    e->prev = NULL;
    e->next = t->head;
    if (t->head)
        t->head->prev = e;
    t->head = e;
    if (!t->tail)
        t->tail = e;
}

/* Zeroes the pixels first: the software renderer's texture is plain heap
 * memory, and a rendered phone number must not outlive the idle reset. */
void text_texture_free(SDL_Texture *tex, int w, int h)
{
    if (!tex)
        return;
    /* Bands of zero rows from one small zero buffer: a whole zero image
     * would cost as many fresh pages as the texture, a row at a time as
     * many uploads as it has rows. */
    enum { BAND = 64 };
    void *zero = calloc((size_t)w * BAND, 4);
    for (int y = 0; zero && y < h; y += BAND) {
        SDL_Rect band = {0, y, w, h - y < BAND ? h - y : BAND};
        SDL_UpdateTexture(tex, &band, zero, w * 4);
    }
    free(zero);
    SDL_DestroyTexture(tex);
}

void text_variant_drop(ui_text_t *t, text_entry_t *e, int i)
{
    text_variant_t *v = &e->var[i];
    size_t b = (size_t)v->tw * (size_t)v->th * 4;
    text_texture_free(v->tex, v->tw, v->th);
    e->bytes -= b;
    t->bytes -= b;
    e->var[i] = e->var[--e->nvar];
}

void text_entry_free(ui_text_t *t, text_entry_t *e)
{
    text_entry_t **pp = &t->buckets[e->hash & (t->nbuckets - 1)];
    while (*pp && *pp != e)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = e->hnext;
    text_lru_unlink(t, e);
    while (e->nvar > 0)
        text_variant_drop(t, e, e->nvar - 1);
    t->bytes -= e->bytes;
    t->entries--;
    wipe_bytes(e->text, e->len);
    free(e->text);
    free(e->lines);
    free(e);
}

void text_trim(ui_text_t *t)
{
    while (t->tail && t->bytes > t->budget)
        text_entry_free(t, t->tail);
}

void text_grow_buckets(ui_text_t *t)
{
    size_t n = t->nbuckets * 2;
    text_entry_t **b = calloc(n, sizeof *b);
    if (!b)
        return; /* longer chains, still correct */
    for (size_t i = 0; i < t->nbuckets; i++) {
        text_entry_t *e = t->buckets[i];
        while (e) {
            text_entry_t *next = e->hnext;
            e->hnext = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
            e = next;
        }
    }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = n;
}

text_entry_t *text_lookup(ui_text_t *t, const char *s, size_t len, const text_key_t *k,
                            size_t hash)
{
    for (text_entry_t *e = t->buckets[hash & (t->nbuckets - 1)]; e; e = e->hnext)
        if (e->hash == hash && e->len == len && text_key_eq(&e->key, k) && memcmp(e->text, s, len) == 0)
            return e;
    return NULL;
}
