/* Private to the catalog's files (catalog.c, catalog_parse.c,
 * catalog_text.c, catalog_lines.c): checks the parser delegates, each of
 * which reports a reason without the FILE:LINE the parser adds. */
#ifndef CORE_CATALOG_INT_H
#define CORE_CATALOG_INT_H

#include <stddef.h>

#include "catalog.h"

/* 0 when s[0..n) is a line of catalog text (strict UTF-8, no NUL, no stray
 * carriage return, no control character but tab); else -1 and why in msg. */
int catalog_text_check(const char *s, size_t n, char *msg, size_t msglen);

/* A new [line ID] at the end of cat->lines (its array holds *cap): its
 * index, or -1 with why in msg (a duplicate id, too many lines, or out of
 * memory). */
int catalog_line_add(catalog_t *cat, const char *id, int at, int *cap, char *msg, size_t msglen);
/* The letter key's value: 0 and *out 'A'..'Z', or -1. */
int catalog_line_letter(const char *value, char *out);
/* The cap key's value: 0 and *out 1..QUEUE_NUMBER_MAX, or -1. */
int catalog_line_cap(const char *value, int *out);
/* Checks that need the whole file: letters unique, every service's line
 * names a [line]. 0, or -1 with the offending file line in *at and why. */
int catalog_lines_check(const catalog_t *cat, int *at, char *msg, size_t msglen);
/* Frees the lines of cat (catalog_destroy). */
void catalog_lines_free(catalog_t *cat);

/* t (issue 20): the [term ID] sections (catalog_terms.c). catalog_term_add
 * opens one at file line at (its index, or -1 with why in msg);
 * catalog_term_set takes one of its keys (0, or -1 with why: an unknown or
 * duplicate key, a bad value); catalog_term_finish checks its required
 * keys at the next section (0, or -1 with why and the line in *at);
 * catalog_terms_check, after the whole file: each term's service exists,
 * its dates hold a session, its places fit every session (0, or -1 with
 * the offending line in *at and why). */
int catalog_term_add(catalog_t *cat, const char *id, int at, int *cap, char *msg, size_t msglen);
int catalog_term_set(catalog_t *cat, int term, const char *key, const char *value, int at,
                     char *msg, size_t msglen);
int catalog_term_finish(const catalog_t *cat, int term, char *msg, size_t msglen);
int catalog_terms_check(catalog_t *cat, int *at, char *msg, size_t msglen);
void catalog_terms_free(catalog_t *cat);

#endif
