#include "refusal_words.h"

#include <stddef.h>

const flow_refusal_words_t *flow_refusal_words(rules_result_t r)
{
    static const struct {
        rules_result_t r;
        flow_refusal_words_t w;
    } table[] = {
        {RULES_FULL, {STR_REFUSE_FULL, STR_COUNT, STR_REFUSE_OTHERS, "slots", STR_OTHER_TIME, 1}},
        {RULES_CLOSED,
         {STR_REFUSE_CLOSED, STR_COUNT, STR_REFUSE_OTHERS, "slots", STR_OTHER_TIME, 1}},
        {RULES_TOO_LATE,
         {STR_REFUSE_TOO_LATE, STR_COUNT, STR_REFUSE_OTHERS, "slots", STR_OTHER_TIME, 1}},
        {RULES_NO_SESSION,
         {STR_REFUSE_NO_SESSION, STR_COUNT, STR_REFUSE_OTHERS, "slots", STR_OTHER_TIME, 1}},
        {RULES_DUPLICATE,
         {STR_REFUSE_DUPLICATE, STR_REFUSE_DUPLICATE_NEXT, STR_REFUSE_DUPLICATE_NEXT, "lookup",
          STR_MY_BOOKINGS, 0}},
        /* Another time would be refused again: my bookings, or the desk. */
        {RULES_LIMIT,
         {STR_REFUSE_LIMIT, STR_REFUSE_LIMIT_NEXT, STR_REFUSE_LIMIT_NEXT, "lookup", STR_MY_BOOKINGS,
          0}},
        /* The desk books beyond the household's limit; 我的预约 frees one. */
        {RULES_HOUSEHOLD,
         {STR_REFUSE_HOUSEHOLD, STR_REFUSE_HOUSEHOLD_NEXT, STR_REFUSE_HOUSEHOLD_NEXT, "lookup",
          STR_MY_BOOKINGS, 0}},
        {RULES_BAD_PHONE,
         {STR_REFUSE_BAD_PHONE, STR_PHONE_BAD, STR_PHONE_BAD, "phone", STR_REFUSE_RETYPE_PHONE, 0}},
        {RULES_BAD_PARTY,
         {STR_REFUSE_BAD_PARTY, STR_COUNT, STR_REFUSE_CHANGE_PARTY, "party",
          STR_REFUSE_CHANGE_PARTY, 0}},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (table[i].r == r)
            return &table[i].w;
    return NULL;
}

int flow_refusal_most(rules_result_t r, const rules_t *rules)
{
    return r == RULES_HOUSEHOLD ? rules->household_limit : rules->max_active_per_phone;
}
