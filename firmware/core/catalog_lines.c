/* The walk-in queue's lines in the catalog (issue 19): [line ID] sections
 * and the service's line key. The parser (catalog_parse.c) reads the keys;
 * what is particular to lines is checked here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"
#include "queue.h"

int catalog_line_add(catalog_t *cat, const char *id, int at, int *cap, char *msg, size_t msglen)
{
    for (int i = 0; i < cat->n_lines; i++)
        if (!strcmp(cat->lines[i].id, id)) {
            snprintf(msg, msglen, "duplicate line id '%s' (first on line %d)", id,
                     cat->lines[i].line);
            return -1;
        }
    if (strlen(id) >= QUEUE_LINE_ID_MAX) {
        snprintf(msg, msglen, "line id '%s' is too long (at most %d bytes)", id,
                 QUEUE_LINE_ID_MAX - 1);
        return -1;
    }
    /* One letter each. */
    if (cat->n_lines >= 26) {
        snprintf(msg, msglen, "too many lines in the catalog (at most 26, one a letter)");
        return -1;
    }
    if (cat->n_lines >= *cap) {
        int nc = *cap ? *cap * 2 : 4;
        catalog_line_t *r = realloc(cat->lines, (size_t)nc * sizeof *r);
        if (!r) {
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
        cat->lines = r;
        *cap = nc;
    }
    catalog_line_t *l = &cat->lines[cat->n_lines];
    memset(l, 0, sizeof *l);
    l->line = at;
    l->cap = QUEUE_NUMBER_MAX;
    if (!(l->id = strdup(id))) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    return cat->n_lines++;
}

int catalog_line_letter(const char *value, char *out)
{
    if (value[0] < 'A' || value[0] > 'Z' || value[1])
        return -1;
    *out = value[0];
    return 0;
}

int catalog_line_cap(const char *value, int *out)
{
    long v = 0;
    if (!*value || strlen(value) > 3)
        return -1;
    for (const char *c = value; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        v = v * 10 + (*c - '0');
    }
    if (v < 1 || v > QUEUE_NUMBER_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

int catalog_lines_check(const catalog_t *cat, int *at, char *msg, size_t msglen)
{
    for (int i = 0; i < cat->n_lines; i++)
        for (int j = 0; j < i; j++)
            if (cat->lines[i].letter == cat->lines[j].letter) {
                *at = cat->lines[i].line;
                snprintf(msg, msglen,
                         "letter %c is taken by [line %s] (line %d): one letter a line",
                         cat->lines[i].letter, cat->lines[j].id, cat->lines[j].line);
                return -1;
            }
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *s = &cat->services[i];
        if (s->queue_line && !catalog_find_line(cat, s->queue_line)) {
            *at = s->line;
            snprintf(msg, msglen, "[service %s] names line '%s' (no [line %s] in this file)", s->id,
                     s->queue_line, s->queue_line);
            return -1;
        }
    }
    return 0;
}

const catalog_line_t *catalog_find_line(const catalog_t *cat, const char *id)
{
    for (int i = 0; cat && id && i < cat->n_lines; i++)
        if (!strcmp(cat->lines[i].id, id))
            return &cat->lines[i];
    return NULL;
}

void catalog_lines_free(catalog_t *cat)
{
    for (int i = 0; i < cat->n_lines; i++) {
        free(cat->lines[i].id);
        free(cat->lines[i].name.zh);
        free(cat->lines[i].name.en);
    }
    free(cat->lines);
}
