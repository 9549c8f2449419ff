/* The words of a hint (issue 15 item 13): why the item just tapped cannot
 * be chosen, as the card by the finger shows it and the voice says it. */
#ifndef CORE_HINT_WORDS_H
#define CORE_HINT_WORDS_H

#include "flow.h"
#include "strings.h"

/* The string of s->hint (STR_COUNT when there is none) and, in *most, the
 * number it may hold: the most persons the chosen session still takes. */
str_id_t flow_hint_words(const flow_state_t *s, int *most);

#endif
