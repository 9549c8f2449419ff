/* The listing writer of table.h: table, CSV and JSON. Apart from export.c
 * because kioskctl's every listing uses it too. */
#include "table.h"

#include <ctype.h>
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

/* The length of the UTF-8 character at p (1 to 4), with its code point in
 * *cp; 0 when p starts no valid character (a stray continuation byte, an
 * overlong form, a surrogate, a cut-off sequence). */
static int utf8_char(const unsigned char *p, unsigned *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
        *cp = p[0] & 0x1F;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        *cp = p[0] & 0x0F;
        if (p[0] == 0xE0)
            lo = 0xA0;
        else if (p[0] == 0xED)
            hi = 0x9F;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        *cp = p[0] & 0x07;
        if (p[0] == 0xF0)
            lo = 0x90;
        else if (p[0] == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 1; i < n; i++) {
        if (i > 1 && (p[i] < 0x80 || p[i] > 0xBF))
            return 0;
        *cp = (*cp << 6) | (p[i] & 0x3F);
    }
    return n;
}

/* How many bytes of the escape sequence at p (p[0] is ESC) a terminal
 * would take: CSI parameters up to the final byte, a control string (OSC,
 * DCS, ...) up to BEL or ST, or the intermediates and final byte of a short
 * sequence. Stops early at whatever does not belong to it. */
static size_t escape_len(const unsigned char *p)
{
    size_t i = 1;
    if (p[i] == '[') {
        for (i++; p[i] >= 0x20 && p[i] <= 0x3F; i++)
            ;
        return i + (p[i] >= 0x40 && p[i] <= 0x7E);
    }
    if (p[i] == ']' || p[i] == 'P' || p[i] == 'X' || p[i] == '^' || p[i] == '_') {
        for (i++; p[i] && p[i] != 0x07 && !(p[i] == 0x1B && p[i + 1] == '\\'); i++)
            ;
        return i + (p[i] == 0x07 ? 1 : p[i] ? 2 : 0);
    }
    for (; p[i] >= 0x20 && p[i] <= 0x2F; i++)
        ;
    return i + (p[i] >= 0x30 && p[i] <= 0x7E);
}

char *table_clean(char *out, size_t outlen, const char *in, int keep_lines)
{
    if (!outlen)
        return out;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    size_t o = 0;
    while (*p) {
        unsigned cp;
        int n = utf8_char(p, &cp);
        if (n == 0) { /* not UTF-8: a lone 0x9B is a CSI to an 8-bit terminal */
            if (o + 1 >= outlen)
                break;
            out[o++] = '?';
            p++;
            continue;
        }
        if (cp == 0x1B) {
            p += escape_len(p);
            continue;
        }
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            if (o + 1 >= outlen)
                break;
            out[o++] = keep_lines ? (char)cp : ' ';
            p++;
            continue;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            p += n;
            continue;
        }
        if (o + (size_t)n >= outlen)
            break;
        memcpy(out + o, p, (size_t)n);
        o += (size_t)n;
        p += n;
    }
    out[o] = '\0';
    return out;
}

/* A plain number ("12", "-3", "4.5"): what a numeric column may hold without
 * being taken for a formula. */
static int is_number(const char *s)
{
    if (*s == '-')
        s++;
    if (!isdigit((unsigned char)*s))
        return 0;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s == '.') {
        s++;
        if (!isdigit((unsigned char)*s))
            return 0;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

static void csv_field(FILE *f, const char *raw, int numeric)
{
    size_t len = strlen(raw);
    char small[256], *s = len < sizeof small ? small : malloc(len + 1);
    if (!s) {
        fputs("\"\"", f); /* out of memory: an empty cell, never the raw text */
        return;
    }
    table_clean(s, len + 1, raw, 1);
    /* OWASP's CSV injection advice: a cell a spreadsheet would read as a
     * formula gets a leading single quote and is quoted. */
    int formula = strchr("=+-@\t\r", s[0]) && s[0] && !(numeric && is_number(s));
    if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
    } else {
        fputc('"', f);
        if (formula)
            fputc('\'', f);
        for (const char *c = s; *c; c++) {
            if (*c == '"')
                fputc('"', f);
            fputc(*c, f);
        }
        fputc('"', f);
    }
    if (s != small)
        free(s);
}

void table_csv_field(FILE *f, const char *s)
{
    csv_field(f, s, 0);
}

static void csv_line(FILE *f, const char *const *vals, const int *numeric, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        csv_field(f, vals[i], numeric && numeric[i]);
    }
    fputs(CSV_EOL, f);
}

/* JSON keeps the text whole but escapes every control character, DEL and
 * the C1 controls included, so printing it acts on no terminal; bytes that
 * are not UTF-8 become U+FFFD (JSON is UTF-8). */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n = utf8_char(p, &cp);
        if (n == 0) {
            fputs("\\ufffd", f);
            p++;
            continue;
        }
        if (cp == '"' || cp == '\\')
            fprintf(f, "\\%c", (char)cp);
        else if (cp == '\n')
            fputs("\\n", f);
        else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            fprintf(f, "\\u%04x", cp);
        else
            fwrite(p, 1, (size_t)n, f);
        p += n;
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
        csv_line(f, cols, NULL, ncols);
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
        /* A terminal shows this: nothing in it may act on the terminal. */
        size_t len = strlen(vals[i]) + 1;
        char *dup = malloc(len);
        if (!dup)
            return -1;
        table_clean(dup, len, vals[i], 0);
        t->cells[t->ncells++] = dup;
    }
    return 0;
}

int table_row(table_t *t, const char *const *vals)
{
    if (t->fmt == TABLE_CSV) {
        csv_line(t->f, vals, t->numeric, t->ncols);
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
