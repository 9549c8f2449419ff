/* Line breaking for Chinese and mixed Chinese/Latin text, as a resident
 * reads it: a break may fall between any two CJK characters, never before
 * closing punctuation (，。、；：？！）」』》 …) nor after opening
 * punctuation (（「『《 …), and Latin words and numbers stay whole unless a
 * single word is wider than the line. Explicit '\n' always breaks.
 *
 * As a resident reads it, too: a paragraph never ends with one character
 * alone on its last line (预/约: the line before gives up its last word);
 * a full line ends after a pause mark (、，；。：！？) when one falls in its
 * last quarter, unless that costs a line; and names are never split. A
 * name is a word a break must not fall inside: a short built-in list of
 * the words every station's screens and slips use (社工站, 二维码, 咨询室,
 * 预约 …, in linebreak.c), plus the caller's keep list, which the UI fills
 * from the catalog (station, categories, services, places; see
 * ui_text_set_names) and the slip with its station, service and place. A
 * name wider than the line breaks as plain text, still keeping the
 * built-in words whole where they fit.
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
/* The same, with n_keep names (UTF-8, borrowed for the call) that must not
 * be split. */
int linebreak_lines_keep(const char *text, int max_width, linebreak_measure_fn measure, void *ctx,
                         const char *const *keep, int n_keep, linebreak_line_t *lines,
                         int max_lines);

#endif
