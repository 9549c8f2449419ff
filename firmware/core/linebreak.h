/* Line breaking for Chinese and mixed Chinese/Latin text, as a resident
 * reads it: a break may fall between any two CJK characters, never before
 * closing punctuation (，。、；：？！）」』》 …) nor after opening
 * punctuation (（「『《 …), and Latin words and numbers stay whole unless a
 * single word is wider than the line. Explicit '\n' always breaks.
 * Pure: the caller supplies a measure function (pixels of a UTF-8 run). */
#ifndef CORE_LINEBREAK_H
#define CORE_LINEBREAK_H

#include <stddef.h>

/* Width in pixels of s[0..n). */
typedef int (*linebreak_measure_fn)(void *ctx, const char *s, size_t n);

typedef struct linebreak_line {
    size_t start, len; /* byte range of the line in the text, without the break's spaces/newline */
} linebreak_line_t;

/* Splits text into lines no wider than max_width (except unbreakable runs).
 * Writes at most max_lines lines and returns how many lines the whole text
 * needs (which may exceed max_lines: the caller then truncates). */
int linebreak_lines(const char *text, int max_width, linebreak_measure_fn measure, void *ctx,
                    linebreak_line_t *lines, int max_lines);

#endif
