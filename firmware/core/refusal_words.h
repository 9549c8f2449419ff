/* The words of a refusal (issue 15 item 5): what happened, what to do and
 * the way on, as the refused screen shows them (ui/screens_book.c) and the
 * voice says them (core/speech_prompt.c). One table, so the two never part. */
#ifndef CORE_REFUSAL_WORDS_H
#define CORE_REFUSAL_WORDS_H

#include "rules.h"
#include "strings.h"

typedef struct flow_refusal_words {
    str_id_t what;      /* what happened; takes the most bookings a number may hold */
    str_id_t next;      /* what to do, in a line under it (STR_COUNT: none) */
    str_id_t said_next; /* what the voice says to do (the offer, or the way's label) */
    const char *way;    /* the action bar's way on: a widget id the flow handles */
    str_id_t way_label;
    int others; /* other sessions with seats are offered on the screen */
} flow_refusal_words_t;

/* The words of refusal r, or NULL for a reason without words of its own
 * (a store error: the screen says its title and offers another time; the
 * voice says the title). The limit and burst refusals have a screen of
 * their own and words of their own (STR_LIMIT_*). */
const flow_refusal_words_t *flow_refusal_words(rules_result_t r);

/* The most bookings refusal r's words speak of: the household's limit for
 * RULES_HOUSEHOLD, a person's for the others (their words ignore it). */
int flow_refusal_most(rules_result_t r, const rules_t *rules);

#endif
