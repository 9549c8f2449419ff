/* The listing writer of table.h: table, CSV and JSON. Apart from export.c
 * because kioskctl's every listing uses it too. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

/* RFC 4180 line ends: what Excel and WPS expect. */
#define CSV_EOL "\r\n"

int table_format_parse(const char *name, table_format_t *fmt)
{
    if (!name || strcmp(name, "table") == 0)
        *fmt = TABLE_TEXT;
    else if (strcmp(name, "csv") == 0)
        *fmt = TABLE_CSV;
    else if (strcmp(name, "json") == 0)
        *fmt = TABLE_JSON;
    else
        return -1;
    return 0;
}

/* Display columns of UTF-8 text: CJK and full-width forms take two. */
static int display_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = *p & 0x1F;
            n = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = *p & 0x0F;
            n = 3;
        } else {
            cp = *p & 0x07;
            n = 4;
        }
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        for (int i = 0; i < n && *p; i++)
            p++;
        w += (cp >= 0x1100 &&
              (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
               (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
                 ? 2
                 : 1;
    }
    return w;
}

void table_csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_line(FILE *f, const char *const *vals, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        table_csv_field(f, vals[i]);
    }
    fputs(CSV_EOL, f);
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

void table_begin(table_t *t, FILE *f, table_format_t fmt, const char *const *cols,
                 const int *numeric, int ncols)
{
    memset(t, 0, sizeof *t);
    t->f = f;
    t->fmt = fmt;
    t->cols = cols;
    t->numeric = numeric;
    t->ncols = ncols;
    if (fmt == TABLE_CSV)
        csv_line(f, cols, ncols);
    else if (fmt == TABLE_JSON)
        fputc('[', f);
}

/* TABLE_TEXT: keeps a copy of the row until table_end knows the widths. */
static int hold_row(table_t *t, const char *const *vals)
{
    if (t->ncells + (size_t)t->ncols > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        while (cap < t->ncells + (size_t)t->ncols)
            cap *= 2;
        char **c = realloc(t->cells, cap * sizeof *c);
        if (!c)
            return -1;
        t->cells = c;
        t->cap = cap;
    }
    for (int i = 0; i < t->ncols; i++) {
        char *dup = strdup(vals[i]);
        if (!dup)
            return -1;
        t->cells[t->ncells++] = dup;
    }
    return 0;
}

int table_row(table_t *t, const char *const *vals)
{
    if (t->fmt == TABLE_CSV) {
        csv_line(t->f, vals, t->ncols);
    } else if (t->fmt == TABLE_JSON) {
        fputs(t->nrows ? ",\n {" : "\n {", t->f);
        for (int i = 0; i < t->ncols; i++) {
            if (i)
                fputs(", ", t->f);
            json_string(t->f, t->cols[i]);
            fputs(": ", t->f);
            if (t->numeric && t->numeric[i] && vals[i][0])
                fputs(vals[i], t->f);
            else
                json_string(t->f, vals[i]);
        }
        fputc('}', t->f);
    } else if (hold_row(t, vals)) {
        return -1;
    }
    t->nrows++;
    return 0;
}

static void text_write(table_t *t)
{
    int *w = calloc((size_t)t->ncols, sizeof *w);
    if (w) {
        for (int i = 0; i < t->ncols; i++)
            w[i] = display_width(t->cols[i]);
        for (size_t c = 0; c < t->ncells; c++) {
            int dw = display_width(t->cells[c]);
            if (dw > w[c % (size_t)t->ncols])
                w[c % (size_t)t->ncols] = dw;
        }
        for (int r = -1; r < t->nrows; r++) {
            for (int i = 0; i < t->ncols; i++) {
                const char *s =
                    r < 0 ? t->cols[i] : t->cells[(size_t)r * (size_t)t->ncols + (size_t)i];
                fputs(s, t->f);
                if (i < t->ncols - 1)
                    fprintf(t->f, "%*s", w[i] - display_width(s) + 2, "");
            }
            fputc('\n', t->f);
        }
        free(w);
    }
    if (t->nrows == 0)
        fprintf(t->f, "(none)\n");
}

void table_end(table_t *t)
{
    if (t->fmt == TABLE_JSON)
        fputs(t->nrows ? "\n]\n" : "]\n", t->f);
    else if (t->fmt == TABLE_TEXT)
        text_write(t);
    for (size_t c = 0; c < t->ncells; c++)
        free(t->cells[c]);
    free(t->cells);
    t->cells = NULL;
    t->ncells = t->cap = 0;
}
