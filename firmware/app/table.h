/* One writer for listings: an aligned table for a terminal, CSV (RFC 4180,
 * CRLF) or JSON (an array of objects), row by row. kioskctl's listings and
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

/* Writes s as one CSV field: quoted, with its quotes doubled, when it holds
 * a comma, a quote or a line end; as it is otherwise. */
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
