/* One writer for listings: an aligned table for a terminal, CSV (RFC 4180,
 * CRLF) or JSON (an array of objects), row by row. Every cell may be text
 * from outside: the table is cleaned of terminal controls, CSV of them and
 * of formulas, JSON escapes them. kioskctl's listings and
 * the bookings export (export.c) write through it, so a field is quoted one
 * way everywhere; a later console can answer JSON with it. */
#ifndef APP_TABLE_H
#define APP_TABLE_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    TABLE_TEXT, /* aligned columns, "(none)" when empty: kioskctl's --format table */
    TABLE_CSV,
    TABLE_JSON
} table_format_t;

typedef struct table {
    FILE *f;
    table_format_t fmt;
    const char *const *cols;
    const int *numeric; /* per column: 1 = a number in JSON; NULL: all text */
    int ncols;
    int nrows;    /* rows written so far: the caller may read it */
    char **cells; /* TABLE_TEXT: buffered to size the columns */
    size_t ncells, cap;
} table_t;

/* "table", "csv" or "json" (NULL: "table"). 0, or -1 for any other name. */
int table_format_parse(const char *name, table_format_t *fmt);

/* Copies in (text from outside: the catalog, the centre, a file; NULL is
 * "") to out, outlen bytes with the NUL, without what a terminal would act
 * on: ESC and the sequence it starts, the other C0 controls, DEL, the C1
 * controls (U+0080-U+009F); a byte that is not UTF-8 becomes '?'. Tab, CR
 * and LF are kept when keep_lines, else each becomes a space. Never longer
 * than in; cut at a character when out is too small. Returns out. */
char *table_clean(char *out, size_t outlen, const char *in, int keep_lines);

/* Writes s as one CSV field, cleaned as table_clean does (keeping line
 * ends): quoted, with its quotes doubled, when it holds a comma, a quote or
 * a line end; a field starting with =, +, -, @, tab or CR (a formula to a
 * spreadsheet) gets a leading single quote and is quoted (OWASP's advice);
 * as it is otherwise. In a numeric column of a listing a plain number such
 * as -3 stays a number. */
void table_csv_field(FILE *f, const char *s);

/* Starts a listing of ncols columns named cols on f (the caller keeps cols
 * and numeric alive until table_end); CSV writes its header line here. */
void table_begin(table_t *t, FILE *f, table_format_t fmt, const char *const *cols,
                 const int *numeric, int ncols);
/* One row of ncols values (copied when they must wait). 0, or -1 when out
 * of memory. */
int table_row(table_t *t, const char *const *vals);
/* Finishes the listing (TABLE_TEXT writes it all here) and frees what the
 * table holds. */
void table_end(table_t *t);

#endif
